"""Plainly: one structured medical article rendered for every audience.

The pipeline, one module per stage:

- :mod:`engine.source` reads YAML with locations, :mod:`engine.schema` declares
  what sources may say, :mod:`engine.project` loads and validates a project;
- :mod:`engine.inline` parses inline text into typed tokens;
- :mod:`engine.adapt` makes an audience's variant, :mod:`engine.glossary`
  applies the plain-language glossary;
- :mod:`engine.render_html` renders pages, :mod:`engine.build` runs the jobs
  and :mod:`engine.writer` writes files atomically;
- :mod:`engine.cli` is the command line.
"""

__version__ = "0.1.0"
