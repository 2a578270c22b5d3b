"""Loading a content project: settings, profiles, glossaries and articles into one model."""
