"""Reading YAML source files while keeping where every value came from.

PyYAML's composer gives every node a start mark; we build plain Python data
from the nodes ourselves so that each string, mapping and list remembers its
line and column. Schema errors found later are reported at those places.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from engine.errors import Diagnostic, InputError, Location

MAX_BYTES = 2_000_000
"""Larger sources are refused: no article needs them, and they slow every build."""


LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML was built with it: the pure-Python one costs a tenth of
a second per article. Both give the same marks (character offsets, lines, columns)."""


MAX_DEPTH = 40
"""Nesting deeper than this is refused before it reaches the schema."""


@dataclass(frozen=True)
class SourceFile:
    """A source file's display path and decoded text."""

    path: str
    text: str

    def location(self, index: int) -> Location:
        """The line and column of a character offset in the text."""
        index = max(0, min(index, len(self.text)))
        before = bisect_left(self._newlines, index)  # newlines before the offset
        line_start = self._newlines[before - 1] + 1 if before else 0
        return Location(self.path, before + 1, index - line_start + 1)

    @cached_property
    def _newlines(self) -> list[int]:
        """Offsets of every newline: readability locates each sentence, and counting
        newlines from the top of the file each time grows with the file."""
        return [match.start() for match in re.finditer("\n", self.text)]


class Located:
    """Mixin for values that know where they start in a source file."""

    source: SourceFile
    start: int
    end: int

    @property
    def location(self) -> Location:
        return self.source.location(self.start)


class LocatedStr(str, Located):
    """A string scalar from a YAML file."""

    def locate(self, raw: str, offset: int) -> Location:
        """Where the substring ``raw`` (found at ``offset`` in this value) sits in the file.

        Quoted and folded scalars do not map offsets one to one, so we search
        for the raw text between the scalar's start and end and fall back to
        the scalar's own start.
        """
        window = self.source.text[self.start : self.end]
        # The file holds at least as many characters as the value before any
        # point (indentation, quotes), so searching from the offset is safe.
        position = window.find(raw, offset) if raw else -1
        if position < 0 and raw:
            position = window.find(raw)
        if position < 0:
            position = window.find(raw.split("\n")[0][:20]) if raw.strip() else -1
        if position < 0:
            return self.location
        return self.source.location(self.start + position)


class LocatedDict(dict[str, Any], Located):
    """A mapping from a YAML file; ``key_starts`` maps each key to its offset."""

    key_starts: dict[str, int]

    def key_location(self, key: str) -> Location:
        return self.source.location(self.key_starts.get(key, self.start))


class LocatedList(list[Any], Located):
    """A sequence from a YAML file."""


def _place(value: Any, source: SourceFile, node: yaml.Node) -> Any:
    value.source = source
    value.start = node.start_mark.index
    value.end = node.end_mark.index
    return value


class _Builder:
    def __init__(self, source: SourceFile):
        self.source = source
        self.constructor = yaml.SafeLoader("")
        self.problems: list[Diagnostic] = []

    def where(self, node: yaml.Node) -> Location:
        return self.source.location(node.start_mark.index)

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise InputError(
                [
                    Diagnostic(
                        self.where(node),
                        f"nesting is deeper than {MAX_DEPTH} levels",
                        "flatten the lists or split the section",
                    )
                ]
            )
        if isinstance(node, yaml.MappingNode):
            mapping = _place(LocatedDict(), self.source, node)
            mapping.key_starts = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
                    self.problems.append(
                        Diagnostic(
                            self.where(key_node),
                            "keys must be plain names",
                            "write the key as a word, such as `title:`",
                        )
                    )
                    continue
                key = str(key_node.value)
                if key in mapping:
                    self.problems.append(
                        Diagnostic(
                            self.where(key_node),
                            f"duplicate key '{key}'",
                            f"remove one of the two '{key}' entries",
                        )
                    )
                    continue
                mapping.key_starts[key] = key_node.start_mark.index
                mapping[key] = self.build(value_node, depth + 1)
            return mapping
        if isinstance(node, yaml.SequenceNode):
            items = _place(LocatedList(), self.source, node)
            items.extend(self.build(item, depth + 1) for item in node.value)
            return items
        assert isinstance(node, yaml.ScalarNode)
        if node.tag == "tag:yaml.org,2002:str" or not node.tag.startswith("tag:yaml.org,2002:"):
            return _place(LocatedStr(node.value), self.source, node)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as error:
            self.problems.append(
                Diagnostic(self.where(node), f"cannot read value: {error}", "quote it as text")
            )
            return None


def decode(path: Path, display: str) -> SourceFile:
    """Read a file as UTF-8 text, refusing what no source should be."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(
            [Diagnostic(Location(display), f"cannot read file: {error.strerror}", "")]
        ) from None
    if len(data) > MAX_BYTES:
        raise InputError(
            [
                Diagnostic(
                    Location(display),
                    f"file is {len(data):,} bytes, over the limit of {MAX_BYTES:,}",
                    "split it into several articles",
                )
            ]
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        prefix = data[: error.start]
        line = prefix.count(b"\n") + 1
        column = len(prefix) - (prefix.rfind(b"\n") + 1) + 1
        raise InputError(
            [
                Diagnostic(
                    Location(display, line, column),
                    f"file is not UTF-8 (byte 0x{data[error.start]:02x})",
                    "save the file as UTF-8 in your editor",
                )
            ]
        ) from None
    if "\x00" in text:
        index = text.index("\x00")
        raise InputError(
            [
                Diagnostic(
                    SourceFile(display, text).location(index),
                    "file contains a NUL character",
                    "save it as plain UTF-8 text",
                )
            ]
        )
    return SourceFile(display, text)


def _compose(text: str) -> list[yaml.Node]:
    """The documents of a YAML text, empty ones left out."""
    try:
        found = list(yaml.compose_all(text, Loader=LOADER))
    except yaml.YAMLError:
        # PyYAML's own parser words its errors better and marks where a bracket or
        # quote was opened, so bad files are parsed again with it for the message.
        found = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    return [document for document in found if document is not None]


def load_yaml(path: Path, display: str, *, expect: type = dict) -> Any:
    """Parse one YAML file into located data, or raise InputError with every problem."""
    source = decode(path, display)
    if not source.text.strip():
        raise InputError(
            [Diagnostic(Location(display), "file is empty", "see `plainly init` for an example")]
        )
    try:
        documents = _compose(source.text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = source.location(mark.index) if mark else Location(display)
        problem = error.problem or "invalid YAML"
        hint = "check the indentation and quoting near this line"
        if "tab" in problem.lower() or "\\t" in problem:
            hint = "indent with spaces, not tabs"
        elif error.context and "alias" in error.context:
            hint = "anchors and aliases are not supported; write the value out"
        raise InputError([Diagnostic(where, f"invalid YAML: {problem}", hint)]) from None
    except yaml.YAMLError as error:
        raise InputError([Diagnostic(Location(display), f"invalid YAML: {error}", "")]) from None
    if not documents:
        raise InputError(
            [
                Diagnostic(
                    Location(display),
                    "file has only comments: no content",
                    "see `plainly init` for an example",
                )
            ]
        )
    if len(documents) != 1:
        raise InputError(
            [
                Diagnostic(
                    Location(display),
                    f"expected one YAML document, found {len(documents)}",
                    "remove the extra `---` separators",
                )
            ]
        )
    aliases = _find_alias(documents[0])
    if aliases is not None:
        raise InputError(
            [
                Diagnostic(
                    source.location(aliases.start_mark.index),
                    "anchors and aliases are not supported",
                    "write the value out in full",
                )
            ]
        )
    builder = _Builder(source)
    data = builder.build(documents[0])
    wanted = LocatedDict if expect is dict else LocatedList
    if not isinstance(data, wanted):
        builder.problems.append(
            Diagnostic(
                source.location(documents[0].start_mark.index),
                f"expected a {'mapping of fields' if expect is dict else 'list'} at the top level",
                "see `plainly init` for an example",
            )
        )
    if builder.problems:
        raise InputError(builder.problems)
    return data


def _find_alias(node: yaml.Node, seen: set[int] | None = None) -> yaml.Node | None:
    # The composer returns the same node object for an alias; a repeat means one was used.
    seen = set() if seen is None else seen
    if id(node) in seen:
        return node
    seen.add(id(node))
    children: Sequence[Any] = []
    if isinstance(node, yaml.MappingNode):
        children = [child for pair in node.value for child in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = node.value
    for child in children:
        found = _find_alias(child, seen)
        if found is not None:
            return found
    return None


def locate_path(
    data: Any, path: Sequence[int | str], fallback: Location, *, at_key: bool = False
) -> Location:
    """The location of the deepest value along a schema error's path.

    Pydantic adds union tags to error paths that are not keys in the data; we
    skip those. With ``at_key`` (an unknown or misspelt key) we point at the
    last key itself rather than its value.
    """
    where = data.location if isinstance(data, Located) else fallback
    current = data
    for index, part in enumerate(path):
        if isinstance(current, LocatedDict) and isinstance(part, str) and part in current:
            where = current.key_location(part)
            current = current[part]
            on_key = at_key and index == len(path) - 1
            if isinstance(current, Located) and not isinstance(current, LocatedDict) and not on_key:
                where = current.location
        elif isinstance(current, LocatedList) and isinstance(part, int) and part < len(current):
            current = current[part]
            if isinstance(current, Located):
                where = current.location
    return where
