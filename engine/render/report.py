"""The HTML readability report of one article (``output/reports/<slug>.html``).

For each audience: the whole variant's scores against its targets, a chart of
section grades against the target line (inline SVG, so the report is one
self-contained file) and every finding with its words highlighted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from engine.adapt.variant import Variant
from engine.load.project import Project
from engine.readability.findings import Finding
from engine.readability.inflesz import inflesz_band
from engine.readability.scores import (
    ReadabilityResult,
    grade_words,
    headline_formula,
    reported_formulas,
)
from engine.readability.variant import score_variant
from engine.render.environment import environment
from engine.schema.base import localized
from engine.schema.profile import ReadingTarget
from engine.validate.review import last_reviewed, stale_from
from engine.validate.translation import stale_translation

FORMULA_NAMES = {
    "flesch_kincaid_grade": "Flesch-Kincaid grade",
    "flesch_reading_ease": "Flesch reading ease",
    "smog_index": "SMOG",
    "gunning_fog": "Gunning fog",
    "coleman_liau_index": "Coleman-Liau",
    "automated_readability_index": "Automated readability index",
    "dale_chall_readability_score": "Dale-Chall",
    "fernandez_huerta": "Fernández-Huerta",
    "szigriszt_pazos": "Szigriszt-Pazos (INFLESZ)",
}


FINDING_NAMES = {
    "long_sentence": "Long sentence",
    "hard_words": "Long words",
    "jargon": "Jargon",
    "abbreviation": "Abbreviation",
    "passive": "Passive voice",
    "no_own_wording": "No wording of its own",
}


CHART_SCALE_FLOOR = {"flesch_kincaid_grade": 16.0, "fernandez_huerta": 100.0}
"""The least top of the chart's scale, per formula it plots (grades; reading ease 0-100)."""


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    x: float
    y: float
    height: float
    over: bool


@dataclass(frozen=True)
class Chart:
    """Geometry of the section chart; the template only draws it."""

    width: int
    height: int
    left: int
    top: int
    bottom: int
    bars: list[Bar]
    bar_width: float
    ticks: list[tuple[int, float]]
    target: float | None
    target_y: float | None
    formula: str
    """The formula plotted (Flesch-Kincaid for English, Fernández-Huerta for Spanish)."""

    @property
    def name(self) -> str:
        return FORMULA_NAMES[self.formula]


def chart(
    sections: Sequence[ReadabilityResult], target: ReadingTarget | None, formula: str
) -> Chart:
    """Each section's score as a bar, labelled by its heading; over the target is red.

    For a grade the target is a most (bars above it miss); for a reading ease, a least.
    """
    width, height, top, bottom, left = 660, 250, 16, 190, 80
    values = [r.scores.get(formula) or 0.0 for r in sections]
    bound = None if target is None else target.max if target.max is not None else target.min
    floor = CHART_SCALE_FLOOR.get(formula, 16.0)
    ceiling = max(floor, *(v for v in values), bound or 0.0) if values else floor
    ceiling = float(int(ceiling) + 2 - int(ceiling) % 2)
    scale = (bottom - top) / ceiling
    slot = (width - left - 8) / max(len(sections), 1)
    bars = []
    for index, (result, value) in enumerate(zip(sections, values, strict=True)):
        shown = max(value, 0.0)
        missed = target is not None and (
            (target.max is not None and value > target.max)
            or (target.min is not None and value < target.min)
        )
        bars.append(
            Bar(
                result.section_title or result.section or "",
                value,
                left + index * slot + slot * 0.15,
                bottom - shown * scale,
                shown * scale,
                missed,
            )
        )
    step = 2 if ceiling <= 30 else 10
    ticks = [(g, bottom - g * scale) for g in range(0, int(ceiling) + 1, step)]
    target_y = bottom - bound * scale if bound is not None else None
    return Chart(
        width, height, left, top, bottom, bars, slot * 0.7, ticks, bound, target_y, formula
    )


def highlighted(finding: Finding) -> list[tuple[str, bool]]:
    """The finding's sentence cut into (text, flagged) parts for <mark>."""
    if not finding.words:
        return [(finding.sentence, finding.kind == "long_sentence")]
    pattern = "|".join(re.escape(w) for w in sorted(finding.words, key=len, reverse=True))
    parts: list[tuple[str, bool]] = []
    position = 0
    for match in re.finditer(rf"\b(?:{pattern})\b", finding.sentence):
        if match.start() > position:
            parts.append((finding.sentence[position : match.start()], False))
        parts.append((match.group(0), True))
        position = match.end()
    if position < len(finding.sentence):
        parts.append((finding.sentence[position:], False))
    return parts


def _bound(result: ReadabilityResult, formula: str) -> dict[str, Any]:
    score = result.scores.get(formula)
    target = (result.target or {}).get(formula)
    bound = ""
    status = "reported"
    if target is not None:
        bound = f"≤ {target.max:g}" if target.max is not None else f"≥ {target.min:g}"
        gated = not (formula == "smog_index" and any("SMOG" in n for n in result.notes))
        if score is None or not gated:
            status = "not gating"
        elif (target.max is not None and score > target.max) or (
            target.min is not None and score < target.min
        ):
            status = "missed"
        else:
            status = "met"
    band = inflesz_band(score) if formula == "szigriszt_pazos" and score is not None else ""
    return {
        "name": FORMULA_NAMES[formula],
        "score": "–" if score is None else f"{score:.1f}",
        "band": band,
        "bound": bound,
        "status": status,
    }


def variant_context(project: Project, variant: Variant) -> dict[str, Any]:
    results = score_variant(variant)
    whole, sections = results[0], results[1:]
    formula = headline_formula(variant.locale)
    target = (whole.target or {}).get(formula)
    findings = [
        {
            "kind": FINDING_NAMES.get(f.kind, f.kind),
            "finding": f,
            "parts": highlighted(f),
        }
        for f in whole.findings
    ]
    profile = variant.audience.profile
    return {
        "audience": variant.audience.name,
        "label": localized(profile.label, variant.locale),
        "whole": whole,
        "level": grade_words(whole),
        "formulas": [_bound(whole, f) for f in reported_formulas(variant.locale)],
        "sections": sections,
        "chart": chart(sections, target, formula),
        "findings": findings,
        "pemat": whole.pemat,
        "counts": {
            name: sum(1 for f in whole.findings if f.kind == kind)
            for kind, name in FINDING_NAMES.items()
        },
    }


def render_report(project: Project, variants: dict[str, Variant]) -> str:
    """The report page for one article, every audience's variant on it."""

    first = next(iter(variants.values()))
    env = environment(project, None, first.locale)
    template = env.get_template("report.html")
    title = "".join(t.plain() for t in first.title)

    article = first.article
    return template.render(
        title=title,
        slug=first.slug,
        path=article.display,
        locale=first.locale,
        review=article.source.review,
        last_reviewed=last_reviewed(article),
        stale_from=stale_from(article, project.config),
        translation_stale=stale_translation(project, article),
        variants=[variant_context(project, v) for v in variants.values()],
    )
