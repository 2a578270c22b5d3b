"""Plainly: one structured medical article rendered for every audience.

The pipeline, one subpackage per stage, each importing only those before it
(import-linter keeps it so):

- :mod:`engine.source` reads YAML with the location of every value;
- :mod:`engine.inline` parses inline text into typed tokens, and
  :mod:`engine.i18n` formats them for a locale;
- :mod:`engine.schema` declares what sources may say, and :mod:`engine.load`
  loads settings, profiles, glossaries and articles into one model;
- :mod:`engine.adapt` makes an audience's variant through the glossary;
- :mod:`engine.validate` checks what the schema cannot: the fact lock,
  must-reach, translations, review currency;
- :mod:`engine.readability` scores variants against their targets;
- :mod:`engine.render` makes pages, handouts and reports, and :mod:`engine.site`
  the site-wide pages;
- :mod:`engine.build` runs the jobs (incremental, parallel, atomic);
- :mod:`engine.commands` holds what each command calls, and :mod:`engine.cli`
  is the command line.
"""

__version__ = "0.1.0"
