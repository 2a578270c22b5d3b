"""Inline text parsed once into typed tokens: text, terms, quantities, citations, links."""
