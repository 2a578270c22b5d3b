"""Reading YAML sources with the line and column of every value."""
