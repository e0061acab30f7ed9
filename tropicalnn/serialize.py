"""JSON forms of numbers, polynomials and rational maps.

Exact numbers become strings, ``"3"`` or ``"-1/2"``, so that no JSON reader
turns them into floats; floats stay JSON numbers.  A polynomial becomes
``{"terms": [{"coefficient": c, "exponent": [a_1, ..., a_n]}, ...]}`` with
its terms sorted by exponent.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from .errors import TropicalTypeError, TropicalValueError
from .polynomial import TropicalPolynomial

__all__ = ["number_to_json", "number_from_json", "polynomial_to_json",
           "polynomial_from_json"]


def number_to_json(value: Any) -> str | float:
    """Return ``"p/q"`` for an exact value and a float for a float.

    Examples
    --------
    >>> number_to_json(Fraction(-1, 2)), number_to_json(Fraction(3)), number_to_json(0.25)
    ('-1/2', '3', 0.25)
    """
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    number = float(value)
    if not math.isfinite(number):
        raise TropicalValueError(
            f"{number} has no JSON form; expected a finite number"
        )
    return number


def number_from_json(value: Any) -> Fraction | float:
    """Invert :func:`number_to_json`.

    Examples
    --------
    >>> number_from_json("-1/2"), number_from_json(0.25)
    (Fraction(-1, 2), 0.25)
    """
    if isinstance(value, str):
        try:
            return Fraction(value)
        except (ValueError, ZeroDivisionError) as err:
            raise TropicalValueError(
                f"invalid exact number {value!r}; expected 'p/q' or an integer"
            ) from err
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TropicalTypeError(f"invalid JSON number {value!r}")
    return float(value)


def polynomial_to_json(poly: TropicalPolynomial) -> dict[str, Any]:
    """Return the JSON form of `poly`.

    Examples
    --------
    >>> from tropicalnn import variables
    >>> x, y = variables("x y")
    >>> polynomial_to_json(x + (-1)*y)
    {'terms': [{'coefficient': '-1', 'exponent': ['0', '1']}, \
{'coefficient': '0', 'exponent': ['1', '0']}]}
    """
    return {
        "terms": [
            {
                "coefficient": number_to_json(coefficient),
                "exponent": [number_to_json(a) for a in exponent],
            }
            for exponent, coefficient in poly.terms()
        ]
    }


def polynomial_from_json(
    data: dict[str, Any], variables: list[str], convention: str = "max"
) -> TropicalPolynomial:
    """Invert :func:`polynomial_to_json`."""
    terms = data["terms"]
    exponents = [[number_from_json(a) for a in term["exponent"]] for term in terms]
    coefficients = [number_from_json(term["coefficient"]) for term in terms]
    if not terms:
        return TropicalPolynomial.zero(variables, convention)  # type: ignore[arg-type]
    return TropicalPolynomial(exponents, coefficients, variables, convention)  # type: ignore[arg-type]
