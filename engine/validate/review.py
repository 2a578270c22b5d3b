"""Review currency: when an article was last reviewed, when its review falls due."""

from __future__ import annotations

import calendar
import datetime as dt

from engine.adapt.variant import Variant
from engine.errors import Diagnostic, Location
from engine.load.project import Article, Project
from engine.schema.config import ProjectConfig


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier, clamped to the month's length (31 March -> 28 Feb)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def last_reviewed(article: Article) -> dt.date:
    """When a person last looked at the content: the review date, else when it was written."""
    return article.source.review.date or article.source.updated


def stale_from(article: Article, config: ProjectConfig) -> dt.date:
    """The first day the content counts as stale unless it is reviewed again."""
    return months_before(last_reviewed(article), -config.stale_after_months)


def review_is_stale(article: Article, config: ProjectConfig, as_of: dt.date) -> bool:
    """Whether the last review is older than the project's ``stale_after_months``."""
    return last_reviewed(article) < months_before(as_of, config.stale_after_months)


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


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the end of shorter months."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_review(project: Project, variant: Variant) -> dt.date | None:
    """When the article is next due for review: from the last review, else the last update."""
    source = variant.article.source
    months = source.review_interval_months or project.config.review_interval_months
    if not months:
        return None
    return add_months(source.review.date or source.updated, months)


def review_due(article: Article, config: ProjectConfig) -> dt.date:
    """When the article falls due for review: its own interval, else the project's
    ``review_interval_months``, else ``stale_after_months``, from the last review."""
    months = (
        article.source.review_interval_months
        or config.review_interval_months
        or config.stale_after_months
    )
    return add_months(last_reviewed(article), months)


def is_overdue(article: Article, config: ProjectConfig, as_of: dt.date) -> bool:
    """Whether the review due date has passed on ``as_of`` (the build date)."""
    return as_of > review_due(article, config)
