r"""Tokens of the expression language of :func:`tropicalnn.parse`.

The lexer turns a text into :class:`Token` objects, each with its position.
It joins the spellings of one symbol.  So ``⊕``, ``(+)`` and ``\oplus`` are
the operator ``⊕``, ``**`` and ``^`` are the power, ``\left(`` is ``(``, and
the LaTeX names ``x_{1}`` and ``x\_1`` are the names ``x1`` and ``x_1``.
:func:`parse_error` builds the errors of the parser, with a note that shows
the text and a caret under the position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from .errors import TropicalParseError

__all__ = ["Token", "tokenize", "parse_error"]


@dataclass(frozen=True)
class Token:
    """One token: its kind, where it starts and the text it was read from.

    `kind` is one of ``number``, ``superscript`` (both with `number` set),
    ``name`` and ``function`` (with the name as `value`), ``operator``
    (with one of ``⊕ ⊙ ⊘ + - * / ^`` as `value`), ``open`` and ``close``
    (with ``(`` or ``{``, ``)`` or ``}``), ``comma``, ``infinity``,
    ``frac`` or ``end``.
    """

    kind: str
    position: int
    source: str
    value: str = ""
    number: Fraction | None = None


_NUMBER = re.compile(r"(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_SUPERSCRIPT = re.compile(r"[⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_SUPERSCRIPT_DIGITS = str.maketrans("⁺⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "+-0123456789")
_WORD = re.compile(r"[A-Za-z0-9]+")
_LATEX_SUBSCRIPT = re.compile(r"_\{\s*([0-9]+)\s*\}")
_LATEX_COMMAND = re.compile(r"\\([A-Za-z]+|[,;:! _])")
_SPACES = re.compile(r"\s*")

# Decimal exponents beyond this are rejected, because 1e999999999 would make
# an exact Fraction with a billion digits.  The largest float is about 1.8e308.
_MAX_DECIMAL_EXPONENT = 10_000

_FUNCTIONS = {"max": "max", "min": "min", "abs": "abs",
              "Max": "max", "Min": "min", "Abs": "abs"}
_INFINITY_NAMES = ("inf", "oo")

_SINGLE_CHARACTERS = {
    "⊕": ("operator", "⊕"),
    "⊙": ("operator", "⊙"),
    "⊘": ("operator", "⊘"),
    "+": ("operator", "+"),
    "-": ("operator", "-"),
    "\u2212": ("operator", "-"),  # the unicode minus sign
    "*": ("operator", "*"),
    "/": ("operator", "/"),
    "^": ("operator", "^"),
    "(": ("open", "("),
    ")": ("close", ")"),
    "{": ("open", "{"),
    "}": ("close", "}"),
    ",": ("comma", ","),
    "∞": ("infinity", ""),
}

_ASCII_OPERATORS = {"(+)": "⊕", "(*)": "⊙", "(/)": "⊘"}

_LATEX_OPERATORS = {
    "oplus": ("operator", "⊕"),
    "odot": ("operator", "⊙"),
    "oslash": ("operator", "⊘"),
    "cdot": ("operator", "*"),
    "times": ("operator", "*"),
    "infty": ("infinity", ""),
    "max": ("function", "max"),
    "min": ("function", "min"),
    "frac": ("frac", ""),
}
_LATEX_SPACING = (",", ";", ":", "!", " ", "quad", "qquad")
_LATEX_DELIMITERS = {"left": ("open", "("), "right": ("close", ")")}


class _Lexer:
    """Split a text into tokens, each with its position."""

    def __init__(self, text: str) -> None:
        self.text = text

    def tokens(self) -> list[Token]:
        result = []
        index = 0
        text = self.text
        while True:
            index = _skip_spaces(text, index)
            if index >= len(text):
                result.append(Token("end", len(text), ""))
                return result
            token = self._next(index)
            if token is not None:
                result.append(token)
                index = token.position + len(token.source)
            else:
                index = self._skip_latex_spacing(index)

    def _next(self, index: int) -> Token | None:
        text = self.text
        character = text[index]
        ascii_operator = text[index:index + 3]
        if ascii_operator in _ASCII_OPERATORS:
            return Token("operator", index, ascii_operator,
                          _ASCII_OPERATORS[ascii_operator])
        if text.startswith("**", index):
            return Token("operator", index, "**", "^")
        match = _NUMBER.match(text, index)
        if match:
            number = self._number(match, index)
            return Token("number", index, match.group(), number=number)
        match = _SUPERSCRIPT.match(text, index)
        if match:
            digits = match.group().translate(_SUPERSCRIPT_DIGITS)
            number = Fraction(int(digits))
            return Token("superscript", index, match.group(), number=number)
        if character.isascii() and (character.isalpha() or character == "_"):
            return self._name(index)
        if character == "\\":
            return self._latex(index)
        if character in _SINGLE_CHARACTERS:
            kind, value = _SINGLE_CHARACTERS[character]
            return Token(kind, index, character, value)
        raise parse_error(
            self.text, f"unexpected character {character!r} at position {index}", index
        )

    def _number(self, match: re.Match[str], index: int) -> Fraction:
        exponent = match.group().lower().partition("e")[2]
        if exponent and abs(int(exponent)) > _MAX_DECIMAL_EXPONENT:
            raise parse_error(
                self.text,
                f"the exponent of {match.group()!r} at position {index} is out "
                f"of range; expected at most {_MAX_DECIMAL_EXPONENT} in absolute "
                "value",
                index,
            )
        return Fraction(match.group())

    def _name(self, index: int) -> Token:
        """Read a name, joining LaTeX pieces: ``x_{1}`` is ``x1`` and
        ``x\\_1`` is ``x_1``."""
        text = self.text
        pieces: list[str] = []
        end = index

        while True:
            word = _WORD.match(text, end)
            subscript = _LATEX_SUBSCRIPT.match(text, end) if pieces else None
            if word:
                pieces.append(word.group())
                end = word.end()
            elif subscript:
                pieces.append(subscript.group(1))
                end = subscript.end()
            elif text.startswith("\\_", end):
                pieces.append("_")
                end += 2
            elif text.startswith("_", end):
                pieces.append("_")
                end += 1
            else:
                break

        name = "".join(pieces)
        source = text[index:end]
        if name in _FUNCTIONS:
            return Token("function", index, source, _FUNCTIONS[name])
        if name in _INFINITY_NAMES:
            return Token("infinity", index, source)
        if name == "nan":
            raise parse_error(
                text, f"nan at position {index} is not an element of a tropical "
                "semiring", index,
            )
        return Token("name", index, source, name)

    def _latex(self, index: int) -> Token | None:
        text = self.text
        match = _LATEX_COMMAND.match(text, index)
        if match is None:
            raise parse_error(
                text, f"the backslash at position {index} does not start a LaTeX "
                "command", index,
            )
        command = match.group(1)
        if command == "_":
            return self._name(index)
        if command in _LATEX_SPACING:
            return None
        if command in _LATEX_OPERATORS:
            kind, value = _LATEX_OPERATORS[command]
            return Token(kind, index, match.group(), value)
        if command in _LATEX_DELIMITERS:
            kind, value = _LATEX_DELIMITERS[command]
            after = _skip_spaces(text, match.end())
            if text[after:after + 1] != value:
                raise parse_error(
                    text, f"expected {value!r} after \\{command} at position {after}",
                    after,
                )
            return Token(kind, index, text[index:after + 1], value)
        known = sorted(
            ["\\" + name for name in [*_LATEX_OPERATORS, *_LATEX_DELIMITERS]]
        )
        raise parse_error(
            text,
            f"unknown LaTeX command {match.group()!r} at position {index}; "
            f"supported: {', '.join(known)}",
            index,
        )

    def _skip_latex_spacing(self, index: int) -> int:
        match = _LATEX_COMMAND.match(self.text, index)
        assert match is not None
        return match.end()


def _skip_spaces(text: str, index: int) -> int:
    match = _SPACES.match(text, index)
    assert match is not None  # the pattern also matches the empty string
    return match.end()


def tokenize(text: str) -> list[Token]:
    """Return the tokens of `text`, ending with a token of kind ``end``."""
    return _Lexer(text).tokens()


# Lines longer than this are shown as a window around the error position.
_EXCERPT_WIDTH = 72


def _excerpt(text: str, position: int) -> str:
    """Return the line of `text` at `position` with a caret below it."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    line = text[start:] if end < 0 else text[start:end]
    column = position - start
    prefix = ""
    if len(line) > _EXCERPT_WIDTH:
        left = max(0, column - _EXCERPT_WIDTH // 2)
        prefix = "..." if left else ""
        suffix = "..." if left + _EXCERPT_WIDTH < len(line) else ""
        line = prefix + line[left:left + _EXCERPT_WIDTH] + suffix
        column = column - left + len(prefix)
    line = line.replace("\t", " ")
    return f"    {line}\n    {' ' * column}^"


def parse_error(text: str, message: str, position: int) -> TropicalParseError:
    """Return a parse error whose note shows the text and a caret."""
    error = TropicalParseError(message, text, position)
    if hasattr(error, "add_note"):  # Python 3.11 and later
        error.add_note(_excerpt(text, position))
    return error
