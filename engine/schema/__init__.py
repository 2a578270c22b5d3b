"""Every schema of a content project (article, glossary, profile, settings), with field docs."""
