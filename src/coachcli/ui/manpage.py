"""A man page (roff, ``man 7 man`` macros) made from the help topics' Markdown.

Only the Markdown the docs use is understood: ``#`` headings, paragraphs, ``|`` tables, ``-``
lists, fenced code, ``**bold**`` and ``code``. Standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_INLINE = re.compile(r"\*\*(.+?)\*\*|`([^`]+)`")


@dataclass
class Section:
    title: str  # becomes .SH, upper-cased
    markdown: str


def escape(text: str) -> str:
    """Text safe in roff: backslashes and minus signs escaped, non-ASCII as ``\\[uXXXX]``, a
    leading dot or quote made inert."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    text = "".join(c if c.isascii() else f"\\[u{ord(c):04X}]" for c in text)
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def inline(text: str) -> str:
    """Markdown emphasis and code as roff fonts (bold)."""
    out, last = [], 0
    for match in _INLINE.finditer(text):
        out.append(escape(text[last : match.start()]))
        inner = match.group(1) or match.group(2)
        code = escape(inner)
        out.append("\\fB" + code.removeprefix("\\&") + "\\fR")
        last = match.end()
    out.append(escape(text[last:]))
    line = "".join(out)
    return line if not line.startswith((".", "'")) else "\\&" + line


def _cells(row: str) -> list[str]:
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", row.strip().strip("|"))]


def markdown_to_roff(markdown: str, *, skip_title: bool = True) -> list[str]:
    lines = markdown.splitlines()
    out: list[str] = []
    paragraph: list[str] = []
    i = 0

    def flush() -> None:
        if paragraph:
            out.append(".PP")
            out.extend(inline(p) for p in paragraph)
            paragraph.clear()

    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped.startswith("```"):
            flush()
            out += [".PP", ".nf", ".RS 4"]
            i += 1
            while i < len(lines) and not lines[i].strip().startswith("```"):
                out.append(escape(lines[i]))
                i += 1
            out += [".RE", ".fi"]
        elif stripped.startswith("#"):
            flush()
            level = len(stripped) - len(stripped.lstrip("#"))
            title = stripped.lstrip("#").strip()
            if not (level == 1 and skip_title):
                out.append(f".SS {inline(title)}")
        elif stripped.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(_cells(lines[i]))
                i += 1
            i -= 1
            body = [r for r in rows[1:] if not all(set(c) <= set("-: ") for c in r)]
            for row in body:
                out += [".TP", inline(row[0]), inline(" \u2014 ".join(row[1:]) or "")]
        elif stripped.startswith(("- ", "* ")):
            flush()
            out += [".IP \\(bu 2", inline(stripped[2:])]
        elif not stripped:
            flush()
        else:
            paragraph.append(stripped)
        i += 1
    flush()
    return out


def man_page(
    *,
    name: str,
    version: str,
    summary: str,
    synopsis: str,
    description: str,
    commands: Iterable[tuple[str, str]],
    sections: Iterable[Section],
) -> str:
    out = [
        f'.TH {name.upper()} 1 "" "{name} {version}" "User Commands"',
        ".SH NAME",
        f"{name} \\- {escape(summary)}",
        ".SH SYNOPSIS",
        f".B {name}",
        escape(synopsis),
        ".SH DESCRIPTION",
        *markdown_to_roff(description),
        ".SH COMMANDS",
    ]
    for usage, help_text in commands:
        out += [".TP", f".B {escape(usage)}", inline(help_text)]
    for section in sections:
        out.append(f".SH {escape(section.title.upper())}")
        out += markdown_to_roff(section.markdown)
    return "\n".join(out) + "\n"
