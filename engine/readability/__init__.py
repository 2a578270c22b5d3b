"""Reading-level scores and writer findings: sentences, syllables, formulas, targets."""
