"""Reading YAML source files while keeping where every value came from.

PyYAML's composer gives every node a start mark; we build plain Python data
from the nodes ourselves so that each string, mapping and list remembers its
line and column. Schema errors found later are reported at those places.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from engine.errors import Diagnostic, InputError, Location
from engine.source.files import SourceFile, decode, forbidden_character

LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML was built with it: the pure-Python one costs a tenth of
a second per article. Both give the same marks (character offsets, lines, columns)."""


MAX_DEPTH = 40
"""Nesting deeper than this is refused before it reaches the schema."""


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


def _problem(where: Location, message: str, hint: str) -> InputError:
    return InputError([Diagnostic(where, message, hint)])


class _Builder:
    def __init__(self, source: SourceFile):
        self.source = source
        self.constructor = yaml.SafeLoader("")
        self.problems: list[Diagnostic] = []

    def where(self, node: yaml.Node) -> Location:
        return self.source.location(node.start_mark.index)

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise _nesting_error(self.where(node))
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, depth)
        if isinstance(node, yaml.SequenceNode):
            items = _place(LocatedList(), self.source, node)
            items.extend(self.build(item, depth + 1) for item in node.value)
            return items
        assert isinstance(node, yaml.ScalarNode)
        return self.scalar(node)

    def mapping(self, node: yaml.MappingNode, depth: int) -> LocatedDict:
        mapping: LocatedDict = _place(LocatedDict(), self.source, node)
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
            key = str(self.scalar(key_node))
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

    def scalar(self, node: yaml.ScalarNode) -> Any:
        found = forbidden_character(str(node.value))
        if found is not None:
            # Made by an escape such as "\x1b" or "\uD800": the file itself is clean.
            self.problems.append(
                Diagnostic(
                    self.where(node),
                    f"text contains {found[1]}",
                    "remove the escape sequence that makes it",
                )
            )
            return _place(LocatedStr(""), self.source, node)
        if node.tag == "tag:yaml.org,2002:str" or not node.tag.startswith("tag:yaml.org,2002:"):
            return _place(LocatedStr(node.value), self.source, node)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as error:
            self.problems.append(
                Diagnostic(self.where(node), f"cannot read value: {error}", "quote it as text")
            )
            return None


def _nesting_error(where: Location) -> InputError:
    return _problem(
        where,
        f"nesting is deeper than {MAX_DEPTH} levels",
        "flatten the lists or split the section",
    )


_OPENS = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_CLOSES = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def _too_deep(source: SourceFile) -> InputError:
    """Where a text nests deeper than :data:`MAX_DEPTH`, found by the scanner, which
    keeps no stack of its own: the composer and the parser recurse once per level and
    give out (RecursionError) long before a thousand levels."""
    depth = 0
    try:
        for token in yaml.scan(source.text, Loader=yaml.SafeLoader):
            depth += isinstance(token, _OPENS) - isinstance(token, _CLOSES)
            if depth > MAX_DEPTH:
                return _nesting_error(source.location(token.start_mark.index))
    except yaml.YAMLError:
        pass
    return _nesting_error(Location(source.path))


def _compose(text: str) -> list[yaml.Node]:
    """The documents of a YAML text, empty ones left out."""
    try:
        found = list(yaml.compose_all(text, Loader=LOADER))
    except yaml.YAMLError:
        # PyYAML's own parser words its errors better and marks where a bracket or
        # quote was opened, so bad files are parsed again with it for the message.
        found = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    return [document for document in found if document is not None]


def _yaml_error(source: SourceFile, error: yaml.YAMLError) -> InputError:
    if not isinstance(error, yaml.MarkedYAMLError):
        return _problem(Location(source.path), f"invalid YAML: {error}", "")
    mark = error.problem_mark or error.context_mark
    where = source.location(mark.index) if mark else Location(source.path)
    problem = error.problem or "invalid YAML"
    hint = "check the indentation and quoting near this line"
    if "tab" in problem.lower() or "\\t" in problem:
        hint = "indent with spaces, not tabs"
    elif error.context and "alias" in error.context:
        hint = "anchors and aliases are not supported; write the value out"
    return _problem(where, f"invalid YAML: {problem}", hint)


def _document(source: SourceFile) -> yaml.Node:
    """The one YAML document of a source, refusing none, several, aliases or deep nesting."""
    example = "see `plainly init` for an example"
    if not source.text.strip():
        raise _problem(Location(source.path), "file is empty", example)
    try:
        documents = _compose(source.text)
        alias = _find_alias(documents[0]) if len(documents) == 1 else None
    except yaml.YAMLError as error:
        raise _yaml_error(source, error) from None
    except RecursionError:
        raise _too_deep(source) from None
    if not documents:
        raise _problem(Location(source.path), "file has only comments: no content", example)
    if len(documents) != 1:
        raise _problem(
            Location(source.path),
            f"expected one YAML document, found {len(documents)}",
            "remove the extra `---` separators",
        )
    if alias is not None:
        raise _problem(
            source.location(alias.start_mark.index),
            "anchors and aliases are not supported",
            "write the value out in full",
        )
    return documents[0]


def load_yaml(path: Path, display: str, *, expect: type = dict) -> Any:
    """Parse one YAML file into located data, or raise InputError with every problem."""
    return parse_yaml(decode(path, display), expect=expect)


def parse_yaml(source: SourceFile, *, expect: type = dict) -> Any:
    """Parse a decoded source into located data, or raise InputError with every problem."""
    data, problems = parse_yaml_leniently(source, expect=expect)
    if problems:
        raise InputError(problems)
    return data


def parse_yaml_leniently(
    source: SourceFile, *, expect: type = dict
) -> tuple[Any, list[Diagnostic]]:
    """Located data and the problems of values that could not be read (each left out or
    None), so that the rest of a file can still be checked; InputError when the file is no
    YAML at all, or not the kind of document expected."""
    document = _document(source)
    builder = _Builder(source)
    data = builder.build(document)
    wanted = LocatedDict if expect is dict else LocatedList
    if not isinstance(data, wanted):
        builder.problems.append(
            Diagnostic(
                source.location(document.start_mark.index),
                f"expected a {'mapping of fields' if expect is dict else 'list'} at the top level",
                "see `plainly init` for an example",
            )
        )
        raise InputError(builder.problems)
    return data, builder.problems


def _find_alias(root: yaml.Node) -> yaml.Node | None:
    # The composer returns the same node object for an alias; a repeat means one was used.
    # A stack, not recursion: the depth limit is checked later, on the built data.
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return node
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(reversed([child for pair in node.value for child in pair]))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
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
