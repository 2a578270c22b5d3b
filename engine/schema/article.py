"""The article schema: sections, blocks, review state and references, each field documented."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    Field,
    model_validator,
)
from pydantic_core import PydanticCustomError

from engine.schema.base import MAX_MONTHS, Model, Slug, SourceDate
from engine.schema.bibliography import Reference
from engine.schema.text import Inline, Text

Medium = Literal["web", "print"]
"""Where a variant is read: the web page or the printed handout."""

Role = Literal["overview", "background", "evidence", "practice", "safety", "summary"]
"""What a section does for the reader; profiles choose by role what goes on paper."""


class Limitable(Model):
    audiences: list[str] | None = None
    """Limit this block to these audiences; leave out to show it to everyone."""

    media: list[Medium] | None = None
    """Limit this to the web page or the printed handout (`[print]`, `[web]`); leave out to
    follow the profile's `print_leaves_out` for the section's role. Cautions, "when to get
    help", tables and `locked` blocks always print, and so does every other fact the lock
    keeps: a dose, duration or value left off paper must be printed elsewhere."""

    omit_reason: str | None = None
    """Why a caution or "when to get help" block is kept from some audiences (required then)."""


class ListItem(Limitable):
    """One item of a list: text, optionally with a nested list."""

    text: Text
    """The item's text."""

    items: list[ListItem] = []
    """A nested list under this item."""

    style: Literal["bulleted", "numbered"] = "bulleted"
    """How the nested list is marked."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        # An item is often just text, or text with per-audience wording.
        if isinstance(data, str) or (isinstance(data, dict) and "default" in data):
            return {"text": data}
        return data


class BlockBase(Limitable):
    id: Slug
    """A stable id, unique in the article: translations and overrides refer to it."""

    locked: bool = False
    """The fact lock's strictest form: no audience's wording may leave out any fact of this
    block, not even a study statistic its profile may omit elsewhere (cautions, "when to get
    help" and tables are always locked)."""

    fact_order: Literal["kept", "free"] = "kept"
    """kept: facts of one kind (two doses, two durations) appear in every wording in the
    default text's order; free: a plain wording may reorder them (values still must match)."""

    statistics: list[str] = []
    """Numbers of this block's default text, as written (such as "12" in "12 of them"), that
    are study statistics the recogniser cannot tell; a profile may then omit them. Only a
    bare number can be marked: a dose, duration, frequency or value never."""

    negation: Literal["kept", "confirmed"] = "kept"
    """kept: a fact negated in one wording ("do not take more than") and not in the default
    text fails the lock; confirmed: the writer has checked that the wordings mean the same."""

    restates: Slug | None = None
    """For a block limited to audiences the clinician is not among: the id of the clinician
    block whose facts it restates; its facts are compared with that block's, in order."""


class Paragraph(BlockBase):
    type: Literal["paragraph"]
    text: Text
    """The paragraph."""


class ListBlock(BlockBase):
    type: Literal["list"]
    style: Literal["bulleted", "numbered"] = "bulleted"
    """Bullets or numbers."""

    intro: Text | None = None
    """A sentence that leads into the list."""

    items: list[ListItem] = Field(min_length=1)
    """The items; each is text or a mapping with `text` and nested `items`."""


class Callout(BlockBase):
    type: Literal["callout"]
    kind: Literal["caution", "pitfall", "note", "tip"]
    """What sort of callout: cautions reach every audience unless opted out with a reason."""

    title: Text | None = None
    """A short heading; a default one is shown for the kind when left out."""

    text: Text | None = None
    """The callout's text."""

    items: list[ListItem] = []
    """Points listed in the callout."""

    @model_validator(mode="after")
    def _has_content(self) -> Callout:
        if self.text is None and not self.items:
            raise PydanticCustomError(
                "empty_callout",
                "a callout needs `text` or `items`",
                {"hint": "add the callout's text"},
            )
        return self


class GetHelp(BlockBase):
    type: Literal["get_help"]
    title: Text | None = None
    """A heading; "When to get help" by default."""

    call_clinic: list[ListItem] = []
    """Signs that mean calling the clinic or doctor."""

    call_emergency: list[ListItem] = []
    """Signs that mean calling emergency services now."""

    @model_validator(mode="after")
    def _has_content(self) -> GetHelp:
        if not self.call_clinic and not self.call_emergency:
            raise PydanticCustomError(
                "empty_get_help",
                "a get_help block needs `call_clinic` or `call_emergency`",
                {"hint": "list the signs that mean calling for help"},
            )
        return self


class Table(BlockBase):
    type: Literal["table"]
    caption: Text
    """What the table shows; read aloud by screen readers."""

    columns: list[Text] = Field(min_length=1)
    """Column headings."""

    rows: list[list[Text]] = Field(min_length=1)
    """Rows of cells, as many cells as columns (checked with the article's other
    cross-checks, so a misshapen table does not hide the rest of the file's problems). The
    first cell is the row's label. Every wording and translation keeps each row's label and
    cells in that row, and each column in its place: no cell may name a group (adults,
    children, women, pregnancy) or a code (K2, the D of "vitamin D") that another row or
    column names and its own place does not."""


class Image(BlockBase):
    type: Literal["image"]
    src: str
    """Path of the image inside the project's asset folder."""

    alt: Text
    """Alternative text: what the image shows, for readers who cannot see it."""

    caption: Text | None = None
    """A caption shown under the image."""


Block = Annotated[
    Paragraph | ListBlock | Callout | GetHelp | Table | Image,
    Field(discriminator="type"),
]


class Section(Limitable):
    id: Slug
    """A stable id, unique in the article."""

    title: Text
    """The section heading."""

    role: Role | None = None
    """What the section does: overview, background, evidence, practice, safety or summary.
    A profile's `print_leaves_out` names roles its handout leaves off paper."""

    blocks: list[Block] = []
    """The section's content, in order."""

    sections: list[Section] = []
    """Subsections."""


class Review(Model):
    state: Literal["submitted", "under_review", "approved"]
    """Where the article is in clinical review."""

    reviewer: str | None = None
    """Who reviewed or approved it."""

    date: SourceDate | None = None
    """When it was last reviewed."""

    approved_hash: str | None = None
    """Content hash of the text that was approved (written by `plainly approve`)."""

    @model_validator(mode="after")
    def _approval_is_complete(self) -> Review:
        if self.state == "approved" and (not self.reviewer or self.date is None):
            raise PydanticCustomError(
                "approval",
                "an approved article needs `reviewer` and `date`",
                {"hint": "record approval with `plainly approve ARTICLE --reviewer NAME`"},
            )
        return self


class TranslationOf(Model):
    revision: str = Field(pattern=r"^[0-9a-f]{12,64}$")
    """Content hash of the original that this translation renders."""


class ArticleSource(Model):
    """An article: a medical question and its answer, for every audience."""

    title: Text
    """The question the article answers."""

    topics: list[str] = []
    """Topics for the index's filters."""

    bottom_line: Text
    """The short answer, shown first."""

    updated: SourceDate
    """When the content last changed."""

    review: Review
    """Clinical review state."""

    review_interval_months: int | None = Field(default=None, ge=1, le=MAX_MONTHS)
    """Months until the next review is due; defaults to the project's setting."""

    disclaimers: dict[str, Inline] = {}
    """Disclaimers of this article, by audience (or `all`), shown beside the profile's standard one."""

    sections: list[Section] = Field(min_length=1)
    """The body."""

    references: list[Reference] = []
    """Works cited in the text, each with the fields its `kind` needs."""

    translation_of: TranslationOf | None = None
    """For a translation: which revision of the original it renders."""
