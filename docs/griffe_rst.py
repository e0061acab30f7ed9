"""A Griffe extension that rewrites reStructuredText idioms as Markdown.

The docstrings of tropicalnn are numpydoc, written for Sphinx: they use
roles such as ``:func:`name```, simple tables framed by ``=====`` rules,
``.. warning::`` directives and ``::`` before literal blocks.  mkdocstrings
renders docstrings as Markdown, where these would show up as raw text, so
this extension rewrites them when the API reference is built.  The
docstrings in the source are left as they are.

mkdocs.yml loads it with ``extensions: [docs/griffe_rst.py:RstToMarkdown]``.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

# :func:`name`, :class:`~package.Name`, :py:meth:`text <target>` and so on.
_ROLE = re.compile(r":(?:py:)?[a-z]+:`([^`]+)`")
_TABLE_RULE = re.compile(r"^(\s*)(=+)((?: +=+)+)\s*$")
_DIRECTIVE = re.compile(r"^(\s*)\.\. (warning|note|seealso)::\s*(.*)$")


def _role_text(match: re.Match[str]) -> str:
    text = match.group(1)
    explicit = re.fullmatch(r"(.+?)\s*<[^>]+>", text)
    if explicit:
        return f"`{explicit.group(1)}`"
    if text.startswith("~"):
        text = text[1:].rsplit(".", 1)[-1]
    return f"`{text}`"


def _columns(rule: str) -> list[tuple[int, int]]:
    """Return the (start, end) of every run of ``=`` in a table rule."""
    return [(m.start(), m.end()) for m in re.finditer(r"=+", rule)]


def _cells(line: str, columns: list[tuple[int, int]]) -> list[str]:
    cells = []
    for index, (start, _) in enumerate(columns):
        end = columns[index + 1][0] if index + 1 < len(columns) else len(line)
        cells.append(line[start:end].strip())
    return cells


def _merge(row: list[str], cells: list[str]) -> list[str]:
    return [f"{a} {b}".strip() for a, b in zip(row, cells, strict=True)]


def _table(lines: list[str], indent: str) -> list[str]:
    """Rewrite one simple table, from its first rule to its last, as a
    Markdown table.  A row whose first cell is empty continues the row
    above it."""
    columns = _columns(lines[0])
    rules = [k for k, line in enumerate(lines) if _TABLE_RULE.match(line)]
    header_end = rules[1] if len(rules) == 3 else 0
    header = [""] * len(columns)
    rows: list[list[str]] = []
    for k, line in enumerate(lines):
        if k in rules or not line.strip():
            continue
        cells = _cells(line, columns)
        if k < header_end:
            header = _merge(header, cells)
        elif rows and not cells[0]:
            rows[-1] = _merge(rows[-1], cells)
        else:
            rows.append(cells)
    result = [indent + "| " + " | ".join(header) + " |"]
    result.append(indent + "|" + "---|" * len(columns))
    result += [indent + "| " + " | ".join(row) + " |" for row in rows]
    return result


def _table_end(lines: list[str], start: int) -> int | None:
    """Return the index of the last rule of the table starting at `start`.

    A table with a header has three rules; one without has two, and is
    followed by a blank line or the end of the text.
    """
    rules = 1
    for k in range(start + 1, len(lines)):
        if not _TABLE_RULE.match(lines[k]):
            continue
        rules += 1
        if rules == 3:
            return k
        if k + 1 == len(lines) or not lines[k + 1].strip():
            return k
    return None


def rst_to_markdown(text: str) -> str:
    """Return `text` with roles, simple tables, directives and ``::``
    literal-block markers rewritten as Markdown.

    Examples
    --------
    >>> print(rst_to_markdown("See :func:`~a.b.plot` and ``x``."))
    See `plot` and ``x``.
    >>> print(rst_to_markdown("===  ===\\nkey  value\\n===  ===\\na    b\\n===  ==="))
    | key | value |
    |---|---|
    | a | b |
    """
    # Tables first: a role rewritten before them would shift their columns.
    lines = text.split("\n")
    output: list[str] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        rule = _TABLE_RULE.match(line)
        directive = _DIRECTIVE.match(line)
        end = _table_end(lines, k) if rule else None
        if rule and end is not None:
            output += _table(lines[k : end + 1], rule.group(1))
            k = end + 1
        elif directive:
            # The body of the directive becomes the body of an admonition,
            # which Markdown wants indented by four spaces.
            indent, kind, title = directive.groups()
            output.append(f"{indent}!!! {kind}" + (f' "{title}"' if title else ""))
            k += 1
            while k < len(lines) and (
                not lines[k].strip() or lines[k].startswith(indent + " ")
            ):
                body = lines[k].strip()
                output.append(f"{indent}    {body}" if body else "")
                k += 1
        elif line.rstrip().endswith("::"):
            # "Usage::" introduces a literal block; Markdown shows "Usage:".
            output.append(line.rstrip()[:-1])
            k += 1
        else:
            output.append(line)
            k += 1
    return _ROLE.sub(_role_text, "\n".join(output))


class RstToMarkdown(griffe.Extension):
    """Rewrite every docstring with :func:`rst_to_markdown` once it is loaded."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = rst_to_markdown(obj.docstring.value)
