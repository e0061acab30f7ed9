"""Helpers shared by the geometry modules (private)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import TropicalTypeError
from ..polynomial import TropicalPolynomial


def check_polynomial(p: Any, function: str) -> TropicalPolynomial:
    """Return `p` when it is a polynomial, else raise a clear error."""
    if not isinstance(p, TropicalPolynomial):
        raise TropicalTypeError(
            f"{function}() expects a TropicalPolynomial, got {type(p).__name__}; "
            "build one with tropicalnn.variables or tropicalnn.polynomial"
        )
    return p


def max_form(p: TropicalPolynomial) -> tuple[np.ndarray, np.ndarray, int]:
    """Return exponents, max-plus coefficients and the reflection sign.

    A min-plus polynomial ``min_k(c_k + a_k.x)`` equals
    ``-max_k(-c_k + a_k.(-x))``, so its geometry is that of the max-plus
    polynomial with coefficients ``-c`` reflected by ``x -> -x``.  The sign
    is ``1`` for max-plus and ``-1`` for min-plus.
    """
    coefficients = p.coefficients
    if p.convention == "min":
        return p.exponents, -coefficients, -1
    return p.exponents, coefficients, 1


def stack_rows(rows: list[Any], n_vars: int, exact: bool) -> np.ndarray:
    """Stack vectors into an array of shape ``(len(rows), n_vars)``."""
    result = np.empty((len(rows), n_vars), dtype=object if exact else np.float64)
    for i, row in enumerate(rows):
        result[i] = row
    return result


def reflect(points: np.ndarray, sign: int) -> np.ndarray:
    """Apply ``x -> sign * x`` to an array of points or directions."""
    if sign == 1:
        return points
    return -points


def number_to_json(value: Any) -> Any:
    """Convert an exact number to a ``"p/q"`` string and a float to a float."""
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    return float(value)


def vector_to_json(vector: Any) -> list[Any]:
    return [number_to_json(v) for v in vector]


def format_number(value: Any) -> str:
    """Format a number for printing: ``3``, ``-1/2`` or ``0.25``."""
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    return f"{float(value):g}"


def format_vector(vector: Any) -> str:
    return "(" + ", ".join(format_number(v) for v in vector) + ")"
