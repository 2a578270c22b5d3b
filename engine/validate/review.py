"""Review currency: when an article was last reviewed, when its review falls due."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Literal

from engine.errors import Diagnostic, Location
from engine.load.project import Article, Project
from engine.schema.config import ProjectConfig


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (earlier when negative), clamped to the end of
    shorter months (31 March plus 11 months is 29 February in a leap year).

    The one place months are counted: review intervals and staleness both use it.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def last_reviewed(article: Article) -> dt.date:
    """When a person last looked at the content: the review date, else when it was written."""
    return article.source.review.date or article.source.updated


def stale_from(article: Article, config: ProjectConfig) -> dt.date:
    """The first day the content counts as stale unless it is reviewed again."""
    return add_months(last_reviewed(article), config.stale_after_months)


def review_is_stale(article: Article, config: ProjectConfig, as_of: dt.date) -> bool:
    """Whether the last review is older than the project's ``stale_after_months``."""
    return last_reviewed(article) < add_months(as_of, -config.stale_after_months)


def stale_warning(article: Article, config: ProjectConfig, as_of: dt.date) -> Diagnostic | None:
    """A build warning for stale content, or None."""
    if not review_is_stale(article, config, as_of):
        return None
    review = article.source.review
    what = (
        f"last reviewed {review.date.isoformat()}"
        if review.date
        else (f"never reviewed; written {article.source.updated.isoformat()}")
    )
    return Diagnostic(
        Location(article.display),
        f"stale: {what}, more than {config.stale_after_months} months before {as_of.isoformat()}",
        "have it reviewed again and record it with `plainly approve`",
        "warning",
    )


def next_review(article: Article, config: ProjectConfig) -> dt.date | None:
    """When the article is next due for review: from the last review, else the last update."""
    source = article.source
    months = (
        source.review_interval_months or config.review_interval_months or config.stale_after_months
    )
    if not months:
        return None
    return add_months(last_reviewed(article), months)


ReviewState = Literal["approved", "changed", "under_review", "submitted"]


@dataclass(frozen=True)
class ReviewStatus:
    """What a reader is told about an article's review, on its page and its handout."""

    state: ReviewState
    """approved (in its current form), changed (approved, then edited), under_review or
    submitted; only "approved" may be called reviewed."""

    reviewer: str | None
    """Who approved it, when approved."""

    reviewed_on: dt.date | None
    """When it was approved, when approved."""

    next_due: dt.date | None
    """Last review (or writing) plus the review interval; None without an interval."""

    overdue: bool
    """The next review date has passed, judged at the build date."""


def review_status(article: Article, config: ProjectConfig, as_of: dt.date) -> ReviewStatus:
    """The review state shown to readers, judged at ``as_of`` (the build date)."""
    review = article.source.review
    state: ReviewState
    if review.state == "approved":
        state = "approved" if article.approved else "changed"
    else:
        state = review.state
    approved = state == "approved"
    due = next_review(article, config)
    return ReviewStatus(
        state,
        review.reviewer if approved else None,
        review.date if approved else None,
        due,
        due is not None and as_of > due,
    )


def held_back(project: Project, slug: str, changed_only: bool = False) -> list[Diagnostic]:
    """A warning for each edition of an article that is not published, saying why; with
    ``changed_only``, for those approved once that a change holds back."""
    found = []
    for locale in project.config.locales:
        article = project.article(slug, locale)
        if article is None or article.approved:
            continue
        if changed_only and article.source.review.state != "approved":
            continue
        original = project.articles.get(slug)
        if article is not original and (original is None or not original.approved):
            continue  # a translation waits for its original, which says why
        gaps = "; ".join(article.unapproved or ["not approved in its current form"])
        found.append(
            Diagnostic(
                Location(article.display),
                f"not published: {gaps}",
                _hint(article, article.locale != project.config.default_locale),
                "warning",
                "held-back",
            )
        )
    return found


def _hint(article: Article, translation: bool) -> str:
    edition = f" --locale {article.locale}" if translation else ""
    command = f"`plainly approve {article.slug}{edition} --reviewer NAME`"
    if any("approval record" in gap for gap in article.unapproved or ()):
        return f"approve it again with {command}: that writes its record anew"
    if article.source_approved and article.unapproved:
        return (
            f"see what changed with `plainly diff {article.slug}`, then approve it again with "
            f"{command} (or approve a glossary entry alone with `plainly approve --glossary "
            "TERM`); build with --drafts to preview"
        )
    return f"have it reviewed and record the approval with {command}, or build with --drafts"
