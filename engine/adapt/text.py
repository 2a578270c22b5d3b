"""A variant as plain text, block by block: what a reviewer approves and `plainly diff`
compares.

Each block starts with its id, its kind (a caution is not a tip) and the writer's marks
that loosen or tighten the fact lock there (``fact_order: free``, ``negation:
confirmed``, ``locked``, ``statistics``, ``restates``), so that changing one shows in the
diff as a changed line. Links show where they lead, images their file, "when to get help"
which signs mean calling the clinic and which an emergency; the variant's references and
"Words to know" follow its sections.
"""

from __future__ import annotations

import re
from typing import Any

from engine.adapt.variant import Node, Variant
from engine.inline.tokens import Link, Token

SKIPPED_FIELDS = frozenset({"id", "level", "style", "kind", "type", "audiences"})
"""Node fields that hold no words a reader reads (the kind is in the block's heading)."""

LABELLED_FIELDS = frozenset({"call_clinic", "call_emergency", "src"})
"""Fields whose name a reviewer must see beside their words."""


def _heading(node: Node) -> str:
    kind = node.fields.get("kind")
    return f"[{node.id}] {node.type}{f': {kind}' if kind else ''}{_marks(node)}"


def _marks(node: Node) -> str:
    fields = node.fields
    marks = []
    if fields.get("locked"):
        marks.append("locked")
    if fields.get("fact_order") == "free":
        marks.append("fact_order: free")
    if fields.get("negation") == "confirmed":
        marks.append("negation: confirmed")
    if fields.get("statistics"):
        marks.append(f"statistics: {', '.join(fields['statistics'])}")
    if fields.get("restates"):
        marks.append(f"restates: {fields['restates']}")
    return f" ({'; '.join(marks)})" if marks else ""


def _is_tokens(value: Any) -> bool:
    return isinstance(value, tuple) and all(isinstance(t, Token) for t in value)


_SPACE_BEFORE_MARK = re.compile(r"\s+(?=[.,;:!?)])")
"""Where a citation the reader does not see left a space before a full stop."""


def _shown(token: Token) -> str:
    if isinstance(token, Link):
        return f"{''.join(_shown(child) for child in token.children)} <{token.url}>"
    return token.plain()


def _words(value: Any) -> str:
    text = "".join(_shown(token) for token in value)
    return _SPACE_BEFORE_MARK.sub("", " ".join(text.split()))


def _texts(value: Any, indent: str, lines: list[str]) -> None:
    if _is_tokens(value):
        if value:
            lines.append(indent + _words(value))
    elif isinstance(value, Node):
        for name, item in value.fields.items():
            if name in SKIPPED_FIELDS or name in ("blocks", "sections"):
                continue
            if name in LABELLED_FIELDS and isinstance(item, str):
                lines.append(f"{indent}{name}: {item}")
            elif name in LABELLED_FIELDS:
                _texts(item, f"{indent}{name}: ", lines)  # on every item: a moved sign shows
            elif value.type == "listitem" and name == "items":
                _texts(item, indent + "  ", lines)
            elif value.type == "listitem" and name == "text":
                lines.append(f"{indent}- {_words(item)}")
            else:
                _texts(item, indent, lines)
    elif isinstance(value, list):
        if value and all(_is_tokens(cell) for cell in value):
            lines.append(indent + " | ".join(_words(cell) for cell in value))
            return
        for item in value:
            _texts(item, indent, lines)


def _section(section: Node, depth: int, lines: list[str]) -> None:
    lines += ["", f"{'#' * depth} {_words(section.fields['title'])} [{section.id}]"]
    for block in section.fields.get("blocks", []):
        lines.append(_heading(block))
        _texts(block, "  ", lines)
    for child in section.fields.get("sections", []):
        _section(child, depth + 1, lines)


def variant_text(variant: Variant) -> str:
    """The variant's words in reading order: title, bottom line, sections and blocks, the
    words to know, the references and the disclaimers."""
    lines = [f"# {_words(variant.title)}", "", _words(variant.bottom_line)]
    for section in variant.sections:
        _section(section, 2, lines)
    if variant.terms and variant.audience.profile.glossary != "keep":
        lines += ["", "## Words to know"]
        lines += [f"- {entry.term}: {entry.definition}" for entry in variant.terms]
    if variant.references:
        lines += ["", "## References"]
        for reference in variant.references:
            fields = reference.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
            values = [str(v) for k, v in fields.items() if k != "key"]
            lines.append(f"- [{reference.key}] {' · '.join(values)}")
    disclaimers = [_words(tokens) for tokens in variant.disclaimers if tokens]
    if disclaimers:
        lines += ["", "## Disclaimer", *disclaimers]
    return "\n".join(lines) + "\n"
