"""PDF handouts: print HTML, the locked-down fetcher and WeasyPrint."""
