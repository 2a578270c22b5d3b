"""``plainly check``: score article sources and plain-text drafts.

An article is scored for every audience in every locale it is written in,
whole and per section. A ``.txt`` or ``.md`` draft (or standard input) has no
audience of its own: it is judged against ``audience`` when one is given and
otherwise only scored (``passed`` is None).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from engine.build.article import Builder
from engine.build.writer import write_atomic
from engine.errors import Diagnostic, InputError, Location, UsageError, relative_path
from engine.inline.parse import NO_TERMS, parse_inline
from engine.inline.tokens import InlineError, Text, Tokens
from engine.load.articles import catalogue
from engine.load.project import CONFIG_FILE, Project, number_format
from engine.load.settings import load_config, load_glossaries, load_profiles, load_settings
from engine.readability.pemat import Pemat
from engine.readability.scores import ReadabilityResult, reported_formulas
from engine.readability.variant import check_text, score_variant
from engine.render.side_by_side import render_side_by_side
from engine.validate.editions import load_project

ARTICLE_SUFFIXES = (".yaml", ".yml")


TEXT_SUFFIXES = (".txt", ".md", ".markdown")


STDIN = "-"


_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")


_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


_FENCE = re.compile(r"^\s*(```|~~~)")


_TABLE_ROW = re.compile(r"^\s*\|")
"""A Markdown table row: its cells are labels, not sentences."""


_ENDED = re.compile(r"[.!?:;…][\"'”’)\]]*$")


HEADING_WORDS = 12
"""A plain-text line with no end mark and at most this many words, followed by more text, is a heading."""


@dataclass
class CheckOutcome:
    """Every result, and every input that could not be checked."""

    results: list[ReadabilityResult] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    strict_sections: bool = False
    """Whether a section that misses its target fails the check (``--strict-sections``)."""

    @property
    def missed(self) -> list[ReadabilityResult]:
        """Texts that fail: the whole that misses a target, and a section that misses one
        where sections gate (``--strict-sections``, or the profile's ``strict_sections``)."""
        return [
            r
            for r in self.results
            if r.passed is False
            and (r.section is None or self.strict_sections or r.strict_sections)
        ]

    @property
    def ok(self) -> bool:
        return not self.missed and not any(p.severity == "error" for p in self.problems)


def find_project(start: Path) -> Path | None:
    """The content project a file belongs to: the nearest folder up with plainly.yaml."""
    for folder in [start, *start.parents]:
        if (folder / CONFIG_FILE).is_file():
            return folder
    return None


def check_paths(
    paths: Sequence[str],
    project_dir: Path | None = None,
    audience: str | None = None,
    locale: str | None = None,
    stdin: str | None = None,
    *,
    strict_sections: bool = False,
) -> CheckOutcome:
    """Check the given paths (every article of the project when none are given)."""
    checker = _Checker(project_dir, audience, locale, CheckOutcome(strict_sections=strict_sections))
    if audience is not None:
        project = checker.project_for(None)
        if project is None:
            raise UsageError("--audience needs a content project (plainly.yaml); pass --project")
        if audience not in project.audiences:
            raise UsageError(f"no audience '{audience}'; audiences: {', '.join(project.audiences)}")
    if not paths:
        if checker.project_for(None) is None:
            raise UsageError("nothing to check: give files, or run inside a content project")
        root = project_dir.resolve() if project_dir else find_project(Path.cwd())
        _check_articles(root, [], audience, checker.outcome)
        return checker.outcome
    for raw in paths:
        checker.check(raw, stdin)
    return checker.outcome


@dataclass
class _Checker:
    """One run of ``check``: the projects found so far, and where results go."""

    project_dir: Path | None
    audience: str | None
    locale: str | None
    outcome: CheckOutcome
    projects: dict[Path, Project] = field(default_factory=dict)

    def project_for(self, near: Path | None) -> Project | None:
        """The project a draft near this folder is judged in (loaded once per run)."""
        root = (
            self.project_dir or (find_project(near) if near else None) or find_project(Path.cwd())
        )
        if root is None:
            return None
        root = root.resolve()
        if root not in self.projects:
            config = load_config(root)  # a draft needs the profiles and glossary, no articles
            self.projects[root] = Project(
                root,
                config,
                load_profiles(root, config.locales),
                load_glossaries(root, config.locales),
            )
        return self.projects[root]

    def check(self, raw: str, stdin: str | None) -> None:
        """Check one path argument: an article, a draft or ``-``."""
        if raw == STDIN:
            self._draft(stdin or "", "<stdin>", True, None)
            return
        path = Path(raw)
        if not path.is_file():
            self._problem(raw, "no such file", "check the path (use - for stdin)")
            return
        suffix = path.suffix.lower()
        if suffix in ARTICLE_SUFFIXES:
            root = self.project_dir or find_project(path.resolve().parent)
            if root is None:
                self._problem(
                    relative_path(path),
                    "this article is not inside a content project",
                    "check it from its project folder, or pass --project DIR",
                )
                return
            _check_articles(root, [path.stem], self.audience, self.outcome)
        elif suffix in TEXT_SUFFIXES:
            try:
                text = path.read_text(encoding="utf-8-sig")
            except UnicodeDecodeError as error:
                self._problem(
                    relative_path(path), f"not UTF-8 text: {error.reason}", "save the file as UTF-8"
                )
                return
            self._draft(text, relative_path(path), suffix != ".txt", path.resolve().parent)
        else:
            raise UsageError(
                f"cannot check '{raw}': give an article (.yaml), a draft (.txt or .md) or -"
            )

    def _draft(self, text: str, path: str, markdown: bool, near: Path | None) -> None:
        project = self.project_for(near)
        self.outcome.results.append(
            _plain(text, path, markdown, project, self.audience, self.locale)
        )

    def _problem(self, where: str, message: str, hint: str) -> None:
        self.outcome.problems.append(Diagnostic(Location(where), message, hint))


def _check_articles(
    root: Path | None, slugs: list[str], audience: str | None, outcome: CheckOutcome
) -> None:
    try:
        project = load_project(root, slugs)
    except InputError as error:
        outcome.problems.extend(error.diagnostics)
        return
    outcome.problems.extend(project.problems)
    builder = Builder(project)
    names = [audience] if audience else list(project.audiences)
    for slug in project.articles:
        locales = [project.config.default_locale] + [
            loc for (s, loc) in project.translations if s == slug
        ]
        for locale in locales:
            for name in names:
                outcome.results.extend(score_variant(builder.variant(slug, name, locale)))


def write_side_by_side(paths: Sequence[str], project_dir: Path | None) -> list[Path]:
    """Write ``reports/<slug>.side-by-side.html`` for each article given (every article when
    no path is given; drafts have none), whether or not its fact lock holds."""
    slugs = [Path(p).stem for p in paths if Path(p).suffix.lower() in ARTICLE_SUFFIXES]
    near = Path(paths[0]).resolve().parent if slugs else Path.cwd()
    root = project_dir or find_project(near)
    if root is None:
        raise UsageError("--side-by-side needs a content project (plainly.yaml); pass --project")
    project = load_settings(root)
    if not paths:
        slugs = list(catalogue(project)[0])
    output = (project.root / project.config.output).resolve()
    return [
        write_atomic(output, f"reports/{slug}.side-by-side.html", render_side_by_side(root, slug))
        for slug in slugs
    ]


def text_units(text: str, markdown: bool) -> Iterator[str]:
    """Paragraphs and list items of a draft; headings, table rows and code are left out.

    A line joins the one before only when that one has no end mark and this
    one starts in lowercase (a hard-wrapped sentence). A short line with no
    end mark standing on its own is a heading: Markdown's ``#`` lines, or a
    title line in plain text.
    """
    in_code = False
    paragraphs: list[str] = []
    for line in text.splitlines():
        if markdown and _FENCE.match(line):
            in_code = not in_code
            continue
        stripped = line.strip()
        if (
            in_code
            or not stripped
            or (markdown and (_HEADING.match(line) or _TABLE_ROW.match(line)))
        ):
            paragraphs.append("")
            continue
        if _LIST_ITEM.match(line):
            paragraphs.append(_LIST_ITEM.sub("", line).strip())
            paragraphs.append("")
            continue
        previous = paragraphs[-1] if paragraphs else ""
        if previous and not _ENDED.search(previous) and stripped[:1].islower():
            paragraphs[-1] = f"{previous} {stripped}"
        elif previous and not markdown and not _ENDED.search(previous):
            paragraphs[-1] = previous if len(previous.split()) > HEADING_WORDS else ""
            paragraphs.append(stripped)
        elif previous and markdown:
            paragraphs[-1] = f"{previous} {stripped}"
        else:
            paragraphs.append(stripped)
    yield from (p for p in paragraphs if p)


def _plain(
    text: str,
    path: str,
    markdown: bool,
    project: Project | None,
    audience: str | None,
    locale: str | None,
) -> ReadabilityResult:
    tag = locale or (project.config.default_locale if project else "en-US")
    profile = project.audiences[audience].profile if project and audience else None
    units: list[Tokens] = []
    for unit in text_units(text, markdown):
        terms = project.glossary(tag).matcher if project else NO_TERMS
        try:
            units.append(parse_inline(unit, terms=terms, number_format=number_format(tag)))
        except InlineError:
            units.append((Text(unit),))  # a draft may hold markup articles refuse
    return check_text(text, path, tag, profile, audience, tokens=units)


SHORT_NAMES = {
    "flesch_kincaid_grade": "FK",
    "flesch_reading_ease": "FRE",
    "smog_index": "SMOG",
    "gunning_fog": "Fog",
    "coleman_liau_index": "CLI",
    "automated_readability_index": "ARI",
    "dale_chall_readability_score": "DC",
    "fernandez_huerta": "FH",
    "szigriszt_pazos": "SzP",
}


def to_json(outcome: CheckOutcome) -> str:
    return json.dumps({"results": [r.as_dict() for r in outcome.results]}, indent=2)


def _verdict(result: ReadabilityResult) -> str:
    if result.passed is None:
        return "no target"
    return "pass" if result.passed else "MISS " + "; ".join(result.misses)


def format_table(outcome: CheckOutcome) -> str:
    """A table per text: the whole first, then its sections; findings under it."""
    lines: list[str] = []
    groups: dict[tuple[str, str | None, str], list[ReadabilityResult]] = {}
    for result in outcome.results:
        groups.setdefault((result.path, result.audience, result.locale), []).append(result)
    for (path, audience, locale), results in groups.items():
        formulas = reported_formulas(locale)
        header = f"{path} · {audience or 'no audience'} · {locale}"
        whole = results[0]
        if whole.target:
            bounds = [
                f"{SHORT_NAMES[name]} {'≤' if t.max is not None else '≥'}"
                f"{t.max if t.max is not None else t.min:g}"
                for name, t in whole.target.items()
            ]
            header += " · target " + ", ".join(bounds)
        lines.append(header)
        columns = ["section".ljust(18), "words".rjust(5), "sent".rjust(4)]
        columns += [SHORT_NAMES[f].rjust(5) for f in formulas]
        lines.append("  " + " ".join(columns) + "  result")
        for result in results:
            name = "(whole)" if result.section is None else result.section_title or result.section
            row = [name[:18].ljust(18), str(result.words).rjust(5), str(result.sentences).rjust(4)]
            row += [_number(result.scores.get(f)).rjust(5) for f in formulas]
            lines.append("  " + " ".join(row) + "  " + _verdict(result))
        for note in whole.notes:
            lines.append(f"  note: {note}")
        if whole.labels is not None:
            lines.append(
                f"  headings, table cells and captions (scored apart): "
                f"{whole.labels.sentences} pieces, {whole.labels.words} words"
            )
        if whole.pemat is not None:
            lines.append("  " + _pemat_line(whole.pemat))
        for finding in whole.findings:
            where = f"{finding.location}: " if finding.location else ""
            words = f" [{', '.join(finding.words)}]" if finding.words else ""
            section = f"{finding.section}: " if finding.section else ""
            lines.append(f"  {where}{section}{finding.kind}{words}: {finding.message}")
            lines.append(f'      "{finding.sentence}"')
        lines.append("")
    checked = len({(r.path, r.audience, r.locale) for r in outcome.results})
    missed = len({(r.path, r.audience, r.locale) for r in outcome.missed})
    sections = sum(r.section is not None for r in outcome.missed)
    lines.append(
        f"Checked {checked} text(s): {missed} missed a target"
        + (f" ({sections} section(s) that gate)" if sections else "")
        + (f"; {len(outcome.problems)} input problem(s)" if outcome.problems else "")
        + "."
    )
    return "\n".join(lines)


def _pemat_line(pemat: Pemat) -> str:
    def percent(domain: str) -> str:
        score = pemat.score(domain)
        return "-" if score is None else f"{score}%"

    misses = [str(i.number) for i in pemat.items if i.rating == "disagree"]
    return (
        f"PEMAT-P pre-check: understandability {percent('understandability')}, actionability "
        f"{percent('actionability')} of {len(pemat.items)} automated items"
        + (f" (disagree: {', '.join(misses)})" if misses else "")
        + f"; items {', '.join(str(n) for n in pemat.person)} need a person"
    )


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"
