"""Text forms of tropical polynomials and rational functions.

Four styles are available:

``"tropical"``
    Unicode tropical notation, ``x² ⊕ 1⊙x⊙y ⊕ 3``.
``"ascii"``
    The same in ASCII, ``x^2 (+) 1(*)x(*)y (+) 3``; ``(/)`` stands for ⊘.
``"classical"``
    The function in classical notation, ``max(2*x, 1 + x + y, 3)``.
``"latex"``
    Tropical notation for LaTeX, ``x^{2} \\oplus 1 \\odot x \\odot y \\oplus 3``.

Terms are printed in decreasing lexicographic order of their exponents.  In
tropical notation a coefficient ``0`` (tropical one) in front of a variable
part is left out, so ``x²`` means ``0⊙x²``, and a constant term is always
printed.  Negative and fractional coefficients are put in parentheses,
``(-1)⊙x`` and ``(1/2)⊙x``, so that no sign or slash can be read as an
operator.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .polynomial import TropicalPolynomial

__all__ = ["format_polynomial", "format_number", "repr_polynomial", "STYLES"]

STYLES = ("tropical", "ascii", "classical", "latex")

_SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")

_OPERATORS = {
    "tropical": (" ⊕ ", "⊙"),
    "ascii": (" (+) ", "(*)"),
    "latex": (" \\oplus ", " \\odot "),
}


def format_number(
    value: Any, style: str = "classical", digits: int | None = None
) -> str:
    """Format one exponent or coefficient.

    Exact values print as integers or ``p/q``; floats print in the shortest
    form that reads back to the same float, or rounded to `digits`
    significant digits when given.

    Examples
    --------
    >>> format_number(Fraction(-3, 4))
    '-3/4'
    >>> format_number(Fraction(1, 2), "latex")
    '\\\\frac{1}{2}'
    >>> format_number(float("-inf"))
    '-inf'
    """
    if isinstance(value, Fraction):
        if style == "latex" and value.denominator != 1:
            sign = "-" if value < 0 else ""
            magnitude = abs(value)
            return f"{sign}\\frac{{{magnitude.numerator}}}{{{magnitude.denominator}}}"
        return str(value)
    number = float(value)
    if math.isinf(number):
        if style == "tropical":
            return "-∞" if number < 0 else "+∞"
        if style == "latex":
            return "-\\infty" if number < 0 else "+\\infty"
        return "-inf" if number < 0 else "inf"
    if digits is not None:
        return f"{number:.{digits}g}"
    return repr(number)


def _needs_parentheses(value: Any) -> bool:
    if isinstance(value, Fraction):
        return value < 0 or value.denominator != 1
    return float(value) < 0 or "e" in repr(float(value))


def _tropical_coefficient(value: Any, style: str) -> str:
    text = format_number(value, style)
    if _needs_parentheses(value):
        if style == "latex":
            return f"\\left({text}\\right)"
        return f"({text})"
    return text


def _power(name: str, exponent: Any, style: str) -> str:
    if exponent == 1:
        return name
    text = format_number(exponent, style)
    is_integer = isinstance(exponent, Fraction) and exponent.denominator == 1
    if style == "latex":
        return f"{name}^{{{text}}}"
    if style == "tropical" and is_integer:
        return name + text.translate(_SUPERSCRIPTS)
    if is_integer and exponent > 0 or not isinstance(exponent, Fraction) and (
        float(exponent) > 0 and "e" not in text
    ):
        return f"{name}^{text}"
    return f"{name}^({text})"


def _tropical_term(
    row: list[Any], coefficient: Any, names: tuple[str, ...], style: str
) -> str:
    _, times = _OPERATORS[style]
    factors = [_power(name, a, style) for name, a in zip(names, row) if a != 0]
    if not factors:
        return _tropical_coefficient(coefficient, style)
    if coefficient != 0:
        factors.insert(0, _tropical_coefficient(coefficient, style))
    return times.join(factors)


def _classical_term(row: list[Any], coefficient: Any, names: tuple[str, ...]) -> str:
    parts: list[tuple[bool, str]] = []
    if coefficient != 0 or all(a == 0 for a in row):
        parts.append((coefficient < 0, format_number(abs(coefficient))))
    for name, a in zip(names, row):
        if a == 0:
            continue
        magnitude = abs(a)
        if magnitude == 1:
            text = name
        elif isinstance(magnitude, Fraction) and magnitude.denominator != 1:
            text = f"{magnitude}*{name}"
        else:
            text = f"{format_number(magnitude)}*{name}"
        parts.append((a < 0, text))
    pieces = []
    for index, (negative, text) in enumerate(parts):
        if index == 0:
            pieces.append(f"-{text}" if negative else text)
        else:
            pieces.append(f" - {text}" if negative else f" + {text}")
    return "".join(pieces)


def _ordered_terms(poly: TropicalPolynomial) -> list[tuple[list[Any], Any]]:
    rows = poly.exponents.tolist()
    coefficients = poly.coefficients.tolist()
    return list(zip(rows, coefficients))[::-1]


def format_polynomial(poly: TropicalPolynomial, style: str = "tropical") -> str:
    """Return `poly` as text in one of :data:`STYLES`.

    Examples
    --------
    >>> from tropicalnn import variables
    >>> x, y = variables("x y")
    >>> p = x**2 + 1*x*y + (-1)*y + 3
    >>> format_polynomial(p)
    'x² ⊕ 1⊙x⊙y ⊕ (-1)⊙y ⊕ 3'
    >>> format_polynomial(p, "ascii")
    'x^2 (+) 1(*)x(*)y (+) (-1)(*)y (+) 3'
    >>> format_polynomial(p, "classical")
    'max(2*x, 1 + x + y, -1 + y, 3)'
    >>> format_polynomial(p, "latex")
    'x^{2} \\\\oplus 1 \\\\odot x \\\\odot y \\\\oplus \\\\left(-1\\\\right) \\\\odot y \\\\oplus 3'
    """
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}; expected one of {STYLES}")
    names = poly.variables
    terms = _ordered_terms(poly)
    if style == "classical":
        if not terms:
            return "-inf" if poly.convention == "max" else "inf"
        texts = [_classical_term(row, c, names) for row, c in terms]
        if len(texts) == 1:
            return texts[0]
        return f"{poly.convention}({', '.join(texts)})"
    if not terms:
        zero = float("-inf") if poly.convention == "max" else float("inf")
        return format_number(zero, style)
    plus, _ = _OPERATORS[style]
    return plus.join(_tropical_term(row, c, names, style) for row, c in terms)


def repr_polynomial(poly: TropicalPolynomial) -> str:
    """Return the unambiguous ``repr`` of a polynomial.

    The variables are shown when one of them does not occur in any term,
    and the convention is shown for min-plus.

    Examples
    --------
    >>> from tropicalnn import variables
    >>> x, y = variables("x y")
    >>> x + 2
    TropicalPolynomial('x ⊕ 2', variables=('x', 'y'))
    >>> x + y
    TropicalPolynomial('x ⊕ y')
    >>> (x + 2).mirrored()
    TropicalPolynomial('x ⊕ 2', variables=('x', 'y'), convention='min')
    """
    text = format_polynomial(poly, "tropical")
    used = [
        bool((poly.exponents[:, j] != 0).any()) for j in range(poly.n_vars)
    ] if poly.n_terms else [False] * poly.n_vars
    options = ""
    if not all(used) or poly.convention != "max":
        options += f", variables={poly.variables!r}"
    if poly.convention != "max":
        options += f", convention={poly.convention!r}"
    return f"TropicalPolynomial({text!r}{options})"
