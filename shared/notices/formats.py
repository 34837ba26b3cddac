"""One notice, three forms: plain text, an accessible HTML email and a printed letter.

The notice templates write GOV.UK Notify's plain markup (a line `# Heading`, `- bullet`,
`1. numbered`, paragraphs between blank lines), so Notify can take the same text as it is.
Here it becomes blocks, and the blocks plain text or HTML: one wording, three renderings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

_BULLET = re.compile(r"^[-*] +(?P<text>.*)$")
_NUMBERED = re.compile(r"^\d+\. +(?P<text>.*)$")
_HEADING = re.compile(r"^# +(?P<text>.*)$")
_SUBHEADING = re.compile(r"^## +(?P<text>.*)$")
_URL = re.compile(r"(https?://[^\s<>\"]+|www\.[^\s<>\"]+[A-Za-z0-9/])")


@dataclass
class Block:
    kind: str  # heading, paragraph, bullets, numbers
    lines: list[str] = field(default_factory=list)


def blocks(markup: str) -> list[Block]:
    """The markup as headings, paragraphs and lists, in order."""
    result: list[Block] = []
    current: Block | None = None
    for raw in markup.splitlines():
        line = raw.strip()
        if not line:
            current = None
            continue
        for name, pattern in (
            ("subheading", _SUBHEADING),
            ("heading", _HEADING),
            ("bullets", _BULLET),
            ("numbers", _NUMBERED),
        ):
            match = pattern.match(line)
            if match:
                kind = name
                break
        else:
            kind, match = "paragraph", None
        text = match["text"] if match else line
        if kind in ("heading", "subheading"):
            result.append(Block(kind, [text]))
            current = None
        elif current is not None and current.kind == kind:
            current.lines.append(text)
        else:
            current = Block(kind, [text])
            result.append(current)
    return result


def plain_text(markup: str) -> str:
    """What the plain-text part and the stored copy show."""
    out = []
    for block in blocks(markup):
        if block.kind in ("heading", "subheading"):
            out.append(block.lines[0])
        elif block.kind == "bullets":
            out.append("\n".join(f"- {line}" for line in block.lines))
        elif block.kind == "numbers":
            out.append("\n".join(f"{n}. {line}" for n, line in enumerate(block.lines, 1)))
        else:
            out.append("\n".join(block.lines))
    return "\n\n".join(out) + "\n"


def _linked(text: str) -> Markup:
    parts = []
    for piece in _URL.split(text):
        if _URL.fullmatch(piece):
            href = piece if piece.startswith("http") else f"https://{piece}"
            parts.append(Markup('<a href="{}">{}</a>').format(href, piece))
        else:
            parts.append(escape(piece))
    return Markup("").join(parts)


_RIGHT_TO_LEFT_SCRIPT = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def _dir(text: str, direction: str) -> Markup:
    """In a right-to-left notice, text with no right-to-left letters at all (what staff or
    the resident typed in English, say) reads left to right, full stop and all."""
    if direction == "rtl" and not _RIGHT_TO_LEFT_SCRIPT.search(text) and _LATIN_LETTER.search(text):
        return Markup(' dir="ltr"')
    return Markup("")


def html_fragment(markup: str, heading_level: int = 2, direction: str = "ltr") -> Markup:
    """The notice's body as HTML elements: headings, paragraphs and real lists."""
    out = []
    for block in blocks(markup):
        if block.kind in ("heading", "subheading"):
            level = heading_level + (block.kind == "subheading")
            text = block.lines[0]
            out.append(
                Markup("<h{0}{1}>{2}</h{0}>").format(level, _dir(text, direction), _linked(text))
            )
        elif block.kind in ("bullets", "numbers"):
            tag = "ul" if block.kind == "bullets" else "ol"
            items = Markup("").join(
                Markup("<li{}>{}</li>").format(_dir(x, direction), _linked(x)) for x in block.lines
            )
            out.append(Markup("<{0}>{1}</{0}>").format(tag, items))
        else:
            text = "\n".join(block.lines)
            lines = Markup("<br>\n").join(_linked(line) for line in block.lines)
            out.append(Markup("<p{}>{}</p>").format(_dir(text, direction), lines))
    return Markup("\n").join(out)
