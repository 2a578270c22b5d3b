"""Pages, handouts and the readability report, from variants and plain values."""
