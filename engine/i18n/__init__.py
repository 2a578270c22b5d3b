"""Locales: babel formats, gettext catalogs, paper sizes and locale path prefixes."""
