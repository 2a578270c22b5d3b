"""What the schema cannot express: cross-checks, the fact lock, must-reach, translations, review currency."""
