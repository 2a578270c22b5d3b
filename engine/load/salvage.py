"""What of an article still parses when its schema check fails, for the fact lock alone.

A file with an unknown field or a bad date in one place may also drop a dose in an
audience wording elsewhere: both must come out in one run. So when an article fails
its schema, the failing parts are taken out (an unknown key, a wording, a whole block
or reference; a required top-level field gets a neutral stand-in) until the rest
validates. The article that remains is never built or published: it is only read by
the fact lock, which reports the other errors of the same file beside the schema's.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from engine.load.diagnostics import data_path
from engine.schema.article import ArticleSource
from engine.schema.base import ParseContext

KEYED_LISTS = frozenset({"sections", "blocks", "references"})
"""Lists whose items are known by id or key, so taking one out moves no other text; an
item of any other list (list items, table rows and cells) is never taken out alone,
since every later one would then be compared at another place."""

STAND_INS: dict[str, Any] = {
    "title": "-",
    "bottom_line": "-",
    "updated": dt.date(2000, 1, 1),
    "review": {"state": "submitted"},
}
"""Neutral values for the required top-level fields, when their own are broken."""

MAX_ROUNDS = 12
"""Each round takes out what failed; a field taken out may make its parent fail next."""


@dataclass(frozen=True)
class Salvaged:
    """The parts of an article that parse, and what was taken out to get them."""

    source: ArticleSource
    left_out: frozenset[str]
    """Ids of the blocks and sections (and names of top-level fields) something was taken
    out of: their texts are not compared with another edition."""


def salvage(data: Any, context: ParseContext) -> Salvaged | None:
    """The article without the parts that fail the schema; None when nothing is left."""
    current = data
    left_out: set[str] = set()
    for _round in range(MAX_ROUNDS):
        try:
            source = ArticleSource.model_validate(current, context=context)
        except ValidationError as error:
            targets = {_target(current, item["loc"]) for item in error.errors()}
            if None in targets or not isinstance(current, dict):
                return None
            found = sorted((t for t in targets if t is not None), key=_order, reverse=True)
            kept = [t for t in found if not any(t[: len(o)] == o for o in found if o != t)]
            for target in kept:  # deepest and last first: no removal moves another
                left_out.add(_owner(current, target))
                current = _without(current, target, top=True)
            continue
        return Salvaged(source, frozenset(left_out))
    return None


def _order(path: tuple[int | str, ...]) -> tuple[tuple[int, int | str], ...]:
    """Deeper and later paths first, so that taking one out moves no other."""
    return tuple((0, part) if isinstance(part, int) else (1, part) for part in path)


def _target(data: Any, loc: Sequence[int | str]) -> tuple[int | str, ...] | None:
    """What to take out for a schema error at ``loc``: the key itself, or the nearest
    enclosing item of a keyed list; a missing or broken required top-level field gets its
    stand-in; None when the error leaves nothing to check (the sections themselves)."""
    path = data_path(data, loc)
    if not path and loc and loc[0] in STAND_INS:
        return (str(loc[0]),)  # a missing required field: put its stand-in there
    while path:
        parent = _at(data, path[:-1])
        if isinstance(parent, dict):
            return None if path == ("sections",) else path
        if isinstance(parent, list) and len(path) >= 2 and path[-2] in KEYED_LISTS:
            return path
        path = path[:-1]
    return None


def _owner(data: Any, path: tuple[int | str, ...]) -> str:
    """The id of the innermost block or section on the path, else the top-level field."""
    owner = str(path[0])
    current = data
    for part in path:
        current = current[part]
        if isinstance(current, dict) and isinstance(current.get("id"), str):
            owner = str(current["id"])
    return owner


def _at(data: Any, path: tuple[int | str, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _without(data: Any, path: tuple[int | str, ...], *, top: bool = False) -> Any:
    """A copy of ``data`` with the value at ``path`` taken out (or a stand-in put there, for
    a required top-level field); only the containers along the path are copied."""
    head, rest = path[0], path[1:]
    new = copy.copy(data)  # keeps a located container's marks
    if rest:
        new[head] = _without(data[head], rest)
    elif top and isinstance(head, str) and head in STAND_INS:
        new[head] = STAND_INS[head]
    else:
        del new[head]
    return new
