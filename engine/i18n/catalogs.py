"""Maintainer command behind ``make catalogs``: extract interface strings, update catalogs.

Runs ``pybabel extract`` over the package's templates with the mapping in
``babel.cfg`` (the same Jinja2 i18n extension as the runtime), writes
``engine/locales/plainly.pot``, then creates or updates every
``engine/locales/<lang>/LC_MESSAGES/plainly.po`` from it. It never compiles
``.mo`` files: :func:`engine.i18n.translations` compiles in memory.

Usage: ``python -m engine.catalogs [LANG ...]`` (default: every catalog, and ``es``).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

from engine.i18n.formats import DOMAIN

PACKAGE = Path(__file__).resolve().parents[1]


ROOT = PACKAGE.parent


LOCALES = PACKAGE / "locales"


TEMPLATE = LOCALES / f"{DOMAIN}.pot"


DEFAULT_LANGUAGES = ("es",)


def _pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])  # type: ignore[no-untyped-call]


def extract(template: Path = TEMPLATE) -> Path:
    """Extract every template string into the .pot file."""
    template.parent.mkdir(parents=True, exist_ok=True)
    _pybabel(
        "extract",
        "-F",
        str(ROOT / "babel.cfg"),
        "--no-location",
        "--sort-output",
        "--project",
        "Plainly",
        "-o",
        str(template),
        str(ROOT),
    )
    return template


def languages() -> list[str]:
    found = {p.parent.parent.name for p in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return sorted(found | set(DEFAULT_LANGUAGES))


def update(langs: Sequence[str] = (), template: Path = TEMPLATE) -> list[Path]:
    """Create or update each language's .po from the .pot; new messages come in untranslated."""
    written = []
    for lang in langs or languages():
        po = LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        command = "update" if po.is_file() else "init"
        _pybabel(command, "-D", DOMAIN, "-i", str(template), "-d", str(LOCALES), "-l", lang)
        written.append(po)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    langs = list(sys.argv[1:] if argv is None else argv)
    extract()
    for po in update(langs):
        print(f"updated {po.relative_to(ROOT)}")
    print('Translate the new entries (msgstr ""), then run the tests: a missing one fails.')
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
