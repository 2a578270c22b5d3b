"""Regenerate the golden files: `make golden`. Review the diff before committing."""

from __future__ import annotations

from .golden import GOLDEN, SITE_PAGES, built_site, cases, produce


def write(name: str, text: str) -> None:
    path = GOLDEN / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    print(f"wrote {path.relative_to(GOLDEN.parent.parent)}")


def main() -> None:
    for name, args in cases():
        write(name, produce(args))
    with built_site() as site:
        for name, page in sorted(SITE_PAGES.items()):
            write(name, (site / page).read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
