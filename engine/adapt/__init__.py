"""Audience variants of an article, and the plain-language glossary pass."""
