"""Output formats shared by the subcommands.

``tropical``, ``ascii``, ``classical`` and ``latex`` are the styles of
:mod:`tropicalnn.printing`; ``sympy`` is sympy's own text of
:meth:`~tropicalnn.TropicalPolynomial.to_sympy`; ``json`` is the structure
of :func:`function_to_json`.  A subcommand adds its ``text`` report on top.
"""

from __future__ import annotations

from typing import Any

from ..errors import TropicalValueError
from ..polynomial import TropicalPolynomial
from ..printing import STYLES, format_function
from ..rational import TropicalRational
from ..serialize import polynomial_to_json

__all__ = ["RENDERED_FORMATS", "render", "function_to_json"]

# Formats that print one function as one line of text.
RENDERED_FORMATS = ("tropical", "ascii", "classical", "latex", "sympy")


def render(function: TropicalPolynomial | TropicalRational, fmt: str) -> str:
    """Return `function` as one line in the format `fmt`.

    Examples
    --------
    >>> from tropicalnn import variables
    >>> x, y = variables("x y")
    >>> render(x + 1*y, "ascii"), render(x + 1*y, "sympy")
    ('x (+) 1(*)y', 'Max(x, y + 1)')
    """
    if fmt in STYLES:
        return format_function(function, fmt)
    if fmt == "sympy":
        import sympy

        return sympy.sstr(function.to_sympy())
    raise TropicalValueError(
        f"unknown format {fmt!r}; expected one of {', '.join(RENDERED_FORMATS)}"
    )


def function_to_json(
    function: TropicalPolynomial | TropicalRational,
) -> dict[str, Any]:
    """Return the JSON form of a polynomial or rational function.

    A polynomial has the ``terms`` of
    :func:`~tropicalnn.serialize.polynomial_to_json`; a rational function
    has a ``numerator`` and a ``denominator`` of that form.

    Examples
    --------
    >>> from tropicalnn import variables
    >>> x, = variables("x,")
    >>> function_to_json(x / (x + 0))["denominator"]
    {'terms': [{'coefficient': '0', 'exponent': ['0']}, \
{'coefficient': '0', 'exponent': ['1']}]}
    """
    data: dict[str, Any] = {
        "convention": function.convention,
        "variables": list(function.variables),
        "exact": function.is_exact,
    }
    if isinstance(function, TropicalRational):
        data["kind"] = "rational"
        data["numerator"] = polynomial_to_json(function.numerator)
        data["denominator"] = polynomial_to_json(function.denominator)
    else:
        data["kind"] = "polynomial"
        data.update(polynomial_to_json(function))
    return data
