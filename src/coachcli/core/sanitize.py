"""The one place where text from users or files is made safe to show.

``clean`` removes terminal control sequences (ESC/CSI/OSC, C0 and C1 controls, a bare carriage
return that could overwrite a line) and keeps newlines and tabs. Rendering wraps the result in
``rich.text.Text`` so ``[red]``, ``[/]`` and ``:emoji:`` codes show literally; plain output prints
it as it is. Nothing here imports rich.
"""

from __future__ import annotations

import json
import re
import sys

# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other ESC X.
_ANSI = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]          # CSI
    | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?  # OSC, to BEL or ST
    | \x1b[P^_X][^\x1b]*(?:\x1b\\)?  # DCS, PM, APC, SOS, to ST
    | \x1b[@-Z\\-_]?                 # other two-byte escapes, or a lone ESC
    | \x9b[0-?]*[ -/]*[@-~]          # 8-bit CSI
    """,
    re.VERBOSE,
)
# C0 controls but \t and \n; DEL; C1 controls; bidi overrides that can reorder what is shown.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Text without terminal controls; newlines and tabs kept, CRLF folded to LF."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n")
    text = _ANSI.sub("", text)
    return _CONTROL.sub("", text)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, saying how much was left out:
    ``… (+1234 characters)``. Listings use it so a pasted megabyte stays one short entry."""
    if len(text) <= limit:
        return text
    return text[:limit].rstrip() + f"… (+{len(text) - limit} characters)"


def cut(text: str, limit: int) -> str:
    """One line of safe text for a listing, shortened past ``limit`` characters."""
    return shorten(" ".join(clean(text).split()), limit)


def print_lines(lines: list[str]) -> None:
    """Print plain lines of output, each cleaned of terminal controls."""
    print("\n".join(clean(line) for line in lines))


def one_line(text: str, limit: int = 80) -> str:
    """``clean`` folded to one line and cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(clean(text).split())
    if len(flat) <= limit:
        return flat
    return flat[: max(limit - 1, 0)].rstrip() + "…"


# Characters a terminal may act on even inside a JSON string: DEL, C1 controls (0x9b is CSI),
# bidi overrides and Unicode line separators. JSON only escapes C0 controls by itself.
JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_text(data: object, *, indent: int | None = 2) -> str:
    """JSON for stdout: readable non-ASCII text, but nothing a terminal would interpret.

    When stdout's encoding cannot hold the text (``PYTHONIOENCODING=ascii``, a latin-1
    terminal), every non-ASCII character is ``\\u``-escaped instead: the data stays exact."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    if not _stdout_holds(text):
        return json.dumps(data, ensure_ascii=True, indent=indent)
    return JSON_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def _stdout_holds(text: str) -> bool:
    if text.isascii():
        return True
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_text(rows: list[dict]) -> str:
    """A CSV table (header from the first row's keys) of a ``--json`` listing: text cleaned and
    folded to one line, a cell a spreadsheet would run as a formula prefixed with ``'``, true
    and false as 1 and 0, null as empty."""
    import csv
    import io

    def cell(value: object) -> object:
        if value is None:
            return ""
        if isinstance(value, bool):
            return 1 if value else 0
        if isinstance(value, str):
            text = " ".join(clean(value).split())
            return "'" + text if text.startswith(_FORMULA) else text
        return value

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if rows:
        writer.writerow(list(rows[0]))
        writer.writerows([cell(v) for v in row.values()] for row in rows)
    return buffer.getvalue()
