"""Review currency, judged at the build date, and the months it counts in one place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import cli
from engine.validate.editions import load_project
from engine.validate.review import add_months, review_status
from tests.conftest import copy_project

SLUG = "vitamin-d-k2"


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2025, 8, 28), 12, dt.date(2026, 8, 28)),
        (dt.date(2024, 3, 31), 11, dt.date(2025, 2, 28)),
        (dt.date(2023, 3, 31), 11, dt.date(2024, 2, 29)),
        (dt.date(2026, 1, 31), -2, dt.date(2025, 11, 30)),
        (dt.date(2026, 12, 1), -12, dt.date(2025, 12, 1)),
    ],
)
def test_add_months_clamps_to_the_end_of_shorter_months(
    day: dt.date, months: int, expected: dt.date
) -> None:
    assert add_months(day, months) == expected


def test_an_unreviewed_article_is_overdue_once_its_date_has_passed(tmp_path: Path) -> None:
    project = load_project(copy_project(tmp_path / "p"), [SLUG])
    article = project.articles[SLUG]
    due = dt.date(2026, 8, 28)  # written 2025-08-28, 12-month interval
    before = review_status(article, project.config, due)
    after = review_status(article, project.config, due + dt.timedelta(days=1))
    assert (before.state, before.next_due, before.overdue) == ("submitted", due, False)
    assert after.overdue and after.reviewer is None and after.reviewed_on is None


def test_an_approved_article_names_its_reviewer_until_it_changes(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    result = CliRunner().invoke(
        cli, ["approve", SLUG, "--reviewer", "Dr. Ana Ruiz", "--date", "2026-11-20",
              "--project", str(root)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    project = load_project(root, [SLUG])
    status = review_status(project.articles[SLUG], project.config, dt.date(2026, 12, 1))
    assert (status.state, status.reviewer, status.reviewed_on) == (
        "approved", "Dr. Ana Ruiz", dt.date(2026, 11, 20),
    )  # fmt: skip
    assert (status.next_due, status.overdue) == (dt.date(2027, 11, 20), False)
    path = root / "articles" / f"{SLUG}.yaml"
    text = path.read_text()
    assert "be taken together" in text
    path.write_text(text.replace("be taken together", "be taken along", 1))
    changed = load_project(root, [SLUG]).articles[SLUG]
    status = review_status(changed, project.config, dt.date(2026, 12, 1))
    assert (status.state, status.reviewer) == ("changed", None)


def test_pages_say_review_state_in_words_that_follow_it(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    args = ["render", SLUG, "--audience", "patient", "--project", str(root)]
    page = CliRunner().invoke(cli, args).output
    assert "not yet reviewed by clinicians" in page
    assert "reviewed for accuracy" not in page
    assert "Review overdue since" in page
