"""The Jinja environment (audience and project overrides first) and inline tokens as HTML.

Templates are found in the audience's folder first
(``variants/<audience>/templates/``), then the project's ``templates/``, then
the package's. The package's are also reachable as ``plainly/<name>`` so an
override can extend the template it replaces. Autoescape is on; inline tokens
become HTML here, in Python, not in templates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateNotFound,
    select_autoescape,
)
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from engine.adapt.glossary_pass import GlossedTerm
from engine.adapt.variant import Variant
from engine.i18n import formats as i18n
from engine.inline.tokens import Citation, Emphasis, Link, Quantity, Text, Token
from engine.load.project import Project


def template_dirs(project: Project, audience: str | None) -> list[Path]:
    """The folders searched before the package's templates, most specific first."""
    dirs = []
    if audience:
        dirs.append(project.root / "variants" / audience / "templates")
    dirs.append(project.root / "templates")
    return [d for d in dirs if d.is_dir()]


class ContainedLoader(FileSystemLoader):
    """A project's template folder: a template is read only when it is a regular file
    inside the folder once links are followed, so an override cannot include
    /etc/passwd through a symlink."""

    def __init__(self, folder: Path):
        super().__init__(str(folder), followlinks=False)
        self.folder = folder.resolve()

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        if not real.is_relative_to(self.folder) or not real.is_file():
            raise TemplateNotFound(template)
        return source, filename, uptodate


@lru_cache(maxsize=64)
def _environment(dirs: tuple[Path, ...], locale: str) -> Environment:
    package = PackageLoader("engine", "templates")
    loaders: list[BaseLoader] = [ContainedLoader(d) for d in dirs]
    loader = ChoiceLoader(
        [
            *loaders,
            package,
            PrefixLoader({"plainly": package}),
        ]
    )
    # Sandboxed: overrides are the project's, not the engine's, and may not reach
    # Python's internals (`cycler.__init__.__globals__.os`) from a template.
    env = SandboxedEnvironment(
        loader=loader,
        autoescape=select_autoescape(["html", "xml", "svg"], default=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_translations(i18n.translations(locale), newstyle=True)  # type: ignore[attr-defined]
    env.filters["date"] = lambda value: i18n.format_date(value, locale)
    env.globals["reference_list"] = lambda variant: _reference_list(variant, locale)
    return env


def _reference_list(variant: Variant, locale: str) -> list[Any]:
    """The variant's references as its profile lists them, for ``_references.html``."""
    # Local, like WeasyPrint's: citeproc-py (130 ms to import) stays off `--help` and `check`.
    from engine.render.references import reference_list

    untitled = i18n.translations(locale).gettext("Untitled")
    return reference_list(variant.references, variant.audience.profile.references, locale, untitled)


def environment(project: Project, audience: str | None, locale: str) -> Environment:
    return _environment(tuple(template_dirs(project, audience)), locale)


def without_citations(tokens: Sequence[Token]) -> list[Token]:
    """Text read without citation numbers (index cards, patient pages): each citation goes,
    with the space before it, so "safe [@a]." reads "safe."."""
    kept: list[Token] = []
    for token in tokens:
        if isinstance(token, Citation):
            if kept and isinstance(kept[-1], Text):
                kept[-1] = Text(kept[-1].text.rstrip())
            continue
        kept.append(token)
    return kept


WORD_JOINER = "\u2060"
"""No line break here, and no space: between a word and its citation number."""


@dataclass
class InlineRenderer:
    """Turns tokens into HTML for one page; numbers tooltips so ids stay unique."""

    variant: Variant | None = None
    link_terms: bool = True
    counter: int = field(default=0)
    quantity_locale: str | None = None
    """Set for a translation: quantities are written by babel in this locale (``i18n``)."""
    article_link: Callable[[str], str] | None = None
    """Where a link to another article (``article:slug``) goes from this page, by slug."""
    reference_label: str = "Reference %(number)s"
    """What screen readers hear for a citation number, in the page's language."""
    cite_inline: bool = True
    """False for audiences whose profile says ``citations: sources``: no numbers in the
    text, the page's sources list at its end instead."""

    def __call__(self, tokens: Sequence[Token] | None, link_terms: bool = True) -> Markup:
        """HTML for tokens; headings and captions pass ``link_terms=False``."""
        if not tokens:
            return Markup("")
        if not self.cite_inline:
            tokens = without_citations(tokens)
        pieces: list[Markup] = []
        for token in tokens:
            piece = self.token(token, link_terms)
            if isinstance(token, Citation) and pieces:
                # "as a team [@key]." without its number reads "as a team."; with it, the
                # number is joined to the word before (a word joiner), so that "[2]" never
                # wraps alone onto a line.
                pieces[-1] = pieces[-1].rstrip() + (Markup(WORD_JOINER) if piece else "")
            pieces.append(piece)
        return Markup("").join(pieces)

    # The HTML below is put together with f-strings over escape()d values: the same
    # text Markup.format() makes, without its string.Formatter machinery, which cost
    # more than everything else a page does with a token.

    def token(self, token: Token, link_terms: bool = True) -> Markup:
        if isinstance(token, Text):
            return escape(token.text)
        if isinstance(token, Quantity):
            if self.quantity_locale:
                shown = i18n.format_quantity(token, self.quantity_locale)
            else:
                locale = self.variant.locale if self.variant is not None else "en-US"
                shown = i18n.format_quantity_as_written(token, locale)
            return Markup(f'<span class="qty">{escape(shown)}</span>')
        if isinstance(token, Citation):
            return self.citation(token)
        if isinstance(token, Link):
            external = token.url.startswith(("http://", "https://"))
            rel = ' rel="noopener noreferrer"' if external else ""
            children = self(token.children, False)
            url = token.url
            if url.startswith("article:"):  # another article: the page (or address) it has here
                if self.article_link is None:
                    return children
                url = self.article_link(url.removeprefix("article:"))
            return Markup(f'<a href="{escape(url)}"{rel}>{children}</a>')
        if isinstance(token, Emphasis):
            tag = "strong" if token.strong else "em"
            return Markup(f"<{tag}>{self(token.children, link_terms)}</{tag}>")
        if isinstance(token, GlossedTerm):
            return self.term(token, link_terms)
        return escape(token.plain())

    def citation(self, token: Citation) -> Markup:
        # Patients and caregivers read a plain list of sources at the end instead of
        # numbers after their sentences.
        if self.variant is None or self.variant.audience.profile.references == "sources":
            return Markup("")
        links = []
        for key in token.keys:
            number = self.variant.citation_number(key)
            if number:
                label = escape(self.reference_label % {"number": number})
                links.append(f'<a href="#ref-{escape(key)}" aria-label="{label}">{number}</a>')
        if not links:
            return Markup("")
        return Markup(f'<sup class="cite">[{", ".join(links)}]</sup>')

    def term(self, token: GlossedTerm, link_terms: bool) -> Markup:
        shown = escape(token.shown)
        aside = f' <span class="term-aside">({escape(token.aside)})</span>' if token.aside else ""
        if token.mode == "keep" or not (self.link_terms and link_terms):
            return Markup(f"{shown}{aside}")
        self.counter += 1
        key = escape(token.entry.key)
        tip = escape(f"tip-{token.entry.key}-{self.counter}")
        return Markup(
            f'<span class="term"><a class="term-link" href="#word-{key}" aria-describedby="{tip}">'
            f'{shown}</a><span class="term-tip" role="tooltip" id="{tip}">'
            f"{escape(token.entry.definition)}</span></span>{aside}"
        )
