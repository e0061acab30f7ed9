r"""Text forms of tropical polynomials and rational functions.

Four styles are available, and :func:`tropicalnn.parse` reads every one of
them back (with the same `convention` and `variables`) to the same terms:

``"tropical"``
    Unicode tropical notation, ``x² ⊕ 1⊙x⊙y ⊕ 3``, and ``f ⊘ g`` for a
    rational function.
``"ascii"``
    The same in ASCII: ``(+)`` is ⊕, ``(*)`` is ⊙, ``(/)`` is ⊘ and powers
    are written ``x^2``, ``x^(-1)``, ``x^(1/2)``.
``"classical"``
    The function in classical notation, ``max(2*x, 1 + x + y, 3)``, and
    ``max(...) - max(...)`` for a rational function.
``"latex"``
    Tropical notation for LaTeX math mode, with ``\oplus``, ``\odot`` and
    ``\oslash``.

The rules that keep every form unambiguous:

* Terms are printed by decreasing total degree, and terms of equal degree
  by decreasing lexicographic order of their exponent vectors (in the order
  of the variables).
* In tropical notation the coefficient ``0`` (tropical one) is left out in
  front of a variable part, so ``x²`` is the term ``0⊙x²``, while a constant
  term is always printed, ``0`` included.  In classical notation a zero
  constant is left out of a term with variables, ``2*x``.
* Exact numbers print as integers or ``p/q``.  Floats print in the
  shortest form that reads back to the same float (``repr``).
* In tropical notation a coefficient is put in parentheses when it is
  negative, a fraction, or a float written with an exponent:
  ``(-1)⊙x``, ``(1/2)⊙x``, ``(1e-05)⊙x``.  So no sign or slash can be read
  as an operator.  LaTeX prints a positive fraction as ``\frac{1}{2}``
  without parentheses.
* Integer exponents are superscripts in unicode (``x²``, ``x⁻¹``); other
  exponents, and every exponent in ASCII, follow ``^``, in parentheses when
  they are negative or fractions.
* The empty polynomial (tropical zero) prints as ``-∞`` in max-plus and
  ``+∞`` in min-plus (``-inf`` and ``inf`` in classical notation).
* In LaTeX a name of letters followed by digits gets a subscript,
  ``x1`` becomes ``x_{1}``, and an underscore in any other name is escaped,
  ``\_``.

The convention is not part of the text: ``x ⊕ 1`` is ``max(x, 1)`` or
``min(x, 1)``, so the reader must be told which.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .polynomial import TropicalPolynomial
    from .rational import TropicalRational

__all__ = [
    "STYLES",
    "format_number",
    "format_polynomial",
    "format_rational",
    "format_function",
    "latex_name",
    "repr_polynomial",
]

STYLES = ("tropical", "ascii", "classical", "latex")

_SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")

# (tropical sum, tropical product, tropical quotient) of each tropical style
_OPERATORS = {
    "tropical": (" ⊕ ", "⊙", " ⊘ "),
    "ascii": (" (+) ", "(*)", " (/) "),
    "latex": (" \\oplus ", " \\odot ", " \\oslash "),
}

_SUBSCRIPTED_NAME = re.compile(r"([A-Za-z]+)([0-9]+)\Z")


def _check_style(style: str) -> None:
    if style not in STYLES:
        from .errors import TropicalValueError

        raise TropicalValueError(
            f"unknown style {style!r}; expected one of {', '.join(STYLES)}"
        )


def format_number(
    value: Any, style: str = "classical", digits: int | None = None
) -> str:
    r"""Format one exponent or coefficient.

    Exact values print as integers or ``p/q`` (``\frac{p}{q}`` in LaTeX).
    Floats print in the shortest form that reads back to the same float, or
    rounded to `digits` significant digits when given.

    Examples
    --------
    >>> format_number(Fraction(-3, 4))
    '-3/4'
    >>> format_number(Fraction(1, 2), "latex")
    '\\frac{1}{2}'
    >>> format_number(0.1), format_number(2 / 3, digits=3)
    ('0.1', '0.667')
    >>> format_number(float("-inf")), format_number(float("-inf"), "tropical")
    ('-inf', '-∞')
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


def latex_name(name: str) -> str:
    r"""Return the LaTeX form of a variable name.

    Examples
    --------
    >>> latex_name("x"), latex_name("x12"), latex_name("x_1")
    ('x', 'x_{12}', 'x\\_1')
    """
    match = _SUBSCRIPTED_NAME.match(name)
    if match:
        return f"{match.group(1)}_{{{match.group(2)}}}"
    return name.replace("_", "\\_")


# -- tropical styles -----------------------------------------------------------


def _is_integer(value: Any) -> bool:
    return isinstance(value, Fraction) and value.denominator == 1


def _coefficient_text(value: Any, style: str) -> str:
    text = format_number(value, style)
    # The sign test reads the text, so that the float -0.0 counts as negative.
    needs_parentheses = text.startswith("-") or "e" in text
    if isinstance(value, Fraction) and value.denominator != 1 and style != "latex":
        needs_parentheses = True
    if not needs_parentheses:
        return text
    if style == "latex":
        return f"\\left({text}\\right)"
    return f"({text})"


def _power_text(name: str, exponent: Any, style: str) -> str:
    if style == "latex":
        name = latex_name(name)
    if exponent == 1:
        return name
    text = format_number(exponent, style)
    if style == "latex":
        return f"{name}^{{{text}}}"
    if style == "tropical" and _is_integer(exponent):
        return name + text.translate(_SUPERSCRIPTS)
    plain = exponent > 0 and "/" not in text and "e" not in text
    return f"{name}^{text}" if plain else f"{name}^({text})"


def _tropical_term(
    row: list[Any], coefficient: Any, names: tuple[str, ...], style: str
) -> str:
    times = _OPERATORS[style][1]
    factors = [
        _power_text(name, a, style)
        for name, a in zip(names, row, strict=True)
        if a != 0
    ]
    if not factors:
        return _coefficient_text(coefficient, style)
    if coefficient != 0:
        factors.insert(0, _coefficient_text(coefficient, style))
    return times.join(factors)


# -- classical style -----------------------------------------------------------


def _classical_multiple(name: str, magnitude: Any) -> str:
    """Write ``magnitude*name`` for a positive exponent, and fractions as
    ``3*x/2``, so that no slash is between a number and a name."""
    if magnitude == 1:
        return name
    if isinstance(magnitude, Fraction):
        numerator, denominator = magnitude.numerator, magnitude.denominator
        top = name if numerator == 1 else f"{numerator}*{name}"
        return top if denominator == 1 else f"{top}/{denominator}"
    return f"{format_number(magnitude)}*{name}"


def _classical_summands(
    row: list[Any], coefficient: Any, names: tuple[str, ...]
) -> list[tuple[bool, str]]:
    """Return the term as ``(is_negative, magnitude text)`` summands."""
    summands: list[tuple[bool, str]] = []
    if coefficient != 0 or all(a == 0 for a in row):
        summands.append((coefficient < 0, format_number(abs(coefficient))))
    for name, a in zip(names, row, strict=True):
        if a != 0:
            summands.append((a < 0, _classical_multiple(name, abs(a))))
    return summands


def _join_summands(summands: list[tuple[bool, str]]) -> str:
    pieces = []
    for index, (negative, text) in enumerate(summands):
        if index == 0:
            pieces.append(f"-{text}" if negative else text)
        else:
            pieces.append(f" - {text}" if negative else f" + {text}")
    return "".join(pieces)


# -- polynomials and rational functions ----------------------------------------


def _ordered_terms(poly: TropicalPolynomial) -> list[tuple[list[Any], Any]]:
    """Return the terms by decreasing total degree, then by decreasing
    lexicographic order of the exponent vectors."""
    terms = list(
        zip(poly.exponents.tolist(), poly.coefficients.tolist(), strict=True)
    )
    return sorted(terms, key=lambda term: (sum(term[0]), term[0]), reverse=True)


def _empty_text(poly: TropicalPolynomial, style: str) -> str:
    zero = -math.inf if poly.convention == "max" else math.inf
    return format_number(zero, style)


def format_polynomial(poly: TropicalPolynomial, style: str = "tropical") -> str:
    r"""Return `poly` as text in one of :data:`STYLES`.

    Parameters
    ----------
    poly : TropicalPolynomial
    style : {"tropical", "ascii", "classical", "latex"}

    Returns
    -------
    str
        Text that :func:`tropicalnn.parse` reads back to the same terms,
        given the convention of `poly`.

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
    >>> print(format_polynomial(p, "latex"))
    x^{2} \oplus 1 \odot x \odot y \oplus \left(-1\right) \odot y \oplus 3

    Fractions, Laurent exponents and the coefficient 0:

    >>> q = Fraction(1, 2) * x**Fraction(3, 2) + (-2) * y**-1 + 0
    >>> format_polynomial(q)
    '(1/2)⊙x^(3/2) ⊕ 0 ⊕ (-2)⊙y⁻¹'
    >>> format_polynomial(q, "classical")
    'max(1/2 + 3*x/2, 0, -2 - y)'
    """
    _check_style(style)
    names = poly.variables
    terms = _ordered_terms(poly)
    if not terms:
        return _empty_text(poly, style)
    if style == "classical":
        texts = [_join_summands(_classical_summands(row, c, names)) for row, c in terms]
        if len(texts) == 1:
            return texts[0]
        return f"{poly.convention}({', '.join(texts)})"
    plus = _OPERATORS[style][0]
    return plus.join(_tropical_term(row, c, names, style) for row, c in terms)


def _classical_denominator(poly: TropicalPolynomial) -> str:
    text = format_polynomial(poly, "classical")
    if poly.n_terms != 1:
        return text
    row, coefficient = poly.terms()[0]
    summands = _classical_summands(list(row), coefficient, poly.variables)
    if len(summands) > 1 or summands[0][0]:
        return f"({text})"
    return text


def _tropical_side(poly: TropicalPolynomial, style: str, right: bool) -> str:
    """Put a side of ``f ⊘ g`` in parentheses when ⊕ inside it, or a ⊙
    inside the right-hand side, would bind differently without them."""
    text = format_polynomial(poly, style)
    times = _OPERATORS[style][1]
    if poly.n_terms > 1 or right and times in text:
        if style == "latex":
            return f"\\left({text}\\right)"
        return f"({text})"
    return text


def format_rational(function: TropicalRational, style: str = "tropical") -> str:
    r"""Return a rational function ``f ⊘ g`` as text in one of :data:`STYLES`.

    A side with several terms is put in parentheses, and so is a
    denominator that is a single term with several factors.  In classical
    notation the function is ``f - g``.

    Examples
    --------
    >>> from tropicalnn import variables
    >>> x, y = variables("x y")
    >>> r = (x + 0) / (1*y + 0)
    >>> format_rational(r)
    '(x ⊕ 0) ⊘ (1⊙y ⊕ 0)'
    >>> format_rational(r, "ascii")
    '(x (+) 0) (/) (1(*)y (+) 0)'
    >>> format_rational(r, "classical")
    'max(x, 0) - max(1 + y, 0)'
    >>> print(format_rational(r, "latex"))
    \left(x \oplus 0\right) \oslash \left(1 \odot y \oplus 0\right)
    >>> from tropicalnn import TropicalRational
    >>> format_rational(TropicalRational(x, 1*y), "classical")
    'x - (1 + y)'
    """
    _check_style(style)
    top, bottom = function.numerator, function.denominator
    if style == "classical":
        left = format_polynomial(top, "classical")
        return f"{left} - {_classical_denominator(bottom)}"
    divide = _OPERATORS[style][2]
    left = _tropical_side(top, style, right=False)
    return left + divide + _tropical_side(bottom, style, right=True)


def format_function(function: Any, style: str = "tropical") -> str:
    """Return a polynomial or a rational function as text in `style`.

    Examples
    --------
    >>> from tropicalnn import variables
    >>> x, = variables("x,")
    >>> format_function(x + 1, "classical"), format_function(x / (x + 1))
    ('max(x, 1)', 'x ⊘ (x ⊕ 1)')
    """
    from .polynomial import TropicalPolynomial
    from .rational import TropicalRational

    if isinstance(function, TropicalPolynomial):
        return format_polynomial(function, style)
    if isinstance(function, TropicalRational):
        return format_rational(function, style)
    from .errors import TropicalTypeError

    raise TropicalTypeError(
        f"cannot format {type(function).__name__}; expected a "
        "TropicalPolynomial or a TropicalRational"
    )


def repr_polynomial(poly: TropicalPolynomial) -> str:
    """Return the unambiguous ``repr`` of a polynomial.

    The repr shows the tropical text and the keyword arguments of
    :func:`tropicalnn.parse` that rebuild the polynomial exactly:
    `variables` when parsing would not find them (a variable does not occur,
    or the order is not the default one), `convention` for min-plus and
    ``exact=False`` for a float polynomial.

    Examples
    --------
    >>> from tropicalnn import variables
    >>> x, y = variables("x y")
    >>> x + y
    TropicalPolynomial('x ⊕ y')
    >>> x + 2
    TropicalPolynomial('x ⊕ 2', variables=('x', 'y'))
    >>> (x + 2).mirrored()
    TropicalPolynomial('x ⊕ 2', variables=('x', 'y'), convention='min')
    >>> (x + 0.5).with_variables(["x"])
    TropicalPolynomial('x ⊕ 0.5', exact=False)
    """
    from .parsing import default_variable_order

    text = format_polynomial(poly, "tropical")
    used = [
        name
        for j, name in enumerate(poly.variables)
        if poly.n_terms and bool((poly.exponents[:, j] != 0).any())
    ]
    options = ""
    if default_variable_order(used) != poly.variables:
        options += f", variables={poly.variables!r}"
    if poly.convention != "max":
        options += f", convention={poly.convention!r}"
    if not poly.is_exact:
        options += ", exact=False"
    return f"TropicalPolynomial({text!r}{options})"
