"""Tropical semiring values in the max-plus and min-plus conventions.

The max-plus semiring is ``T = (R ∪ {-∞}, ⊕ = max, ⊙ = +)`` with tropical
zero ``-∞`` and tropical one ``0``.  The min-plus semiring is its mirror
image, ``(R ∪ {+∞}, ⊕ = min, ⊙ = +)`` with tropical zero ``+∞``.  One
explicit flag, ``convention="max"`` or ``convention="min"``, selects the
semiring everywhere in the package, and max-plus is the default.

Values are stored exactly as :class:`fractions.Fraction` when they come in
as ``int``, ``Fraction`` or a sympy ``Rational``, and as ``float`` when they
come in as floats.  ``NaN`` is never an element, and neither is ``+∞`` in
max-plus (``-∞`` in min-plus); both are rejected with
:class:`~tropicalnn.errors.NotAnElementError`.

.. warning::

   The number ``0`` is tropical *one*, not tropical zero, and Python's
   built-in ``sum()`` starts from the number ``0``.  Use :func:`tropical_sum`
   and :func:`tropical_product`, which start from tropical zero and one.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from fractions import Fraction
from typing import Any, Literal, Union

from .errors import (
    ConventionMismatchError,
    NotAnElementError,
    TropicalTypeError,
    TropicalValueError,
)

__all__ = [
    "Convention",
    "TropicalNumber",
    "TropicalSemiring",
    "tropical_sum",
    "tropical_product",
    "check_convention",
    "to_scalar",
]

Convention = Literal["max", "min"]
Scalar = Union[Fraction, float]

_CONVENTIONS = ("max", "min")


def check_convention(convention: Any) -> Convention:
    """Return `convention` if it is ``"max"`` or ``"min"``, else raise.

    Examples
    --------
    >>> check_convention("min")
    'min'
    >>> check_convention("plus")
    Traceback (most recent call last):
    ...
    tropicalnn.errors.TropicalValueError: invalid convention 'plus'; expected 'max' or 'min'
    """
    if convention not in _CONVENTIONS:
        raise TropicalValueError(
            f"invalid convention {convention!r}; expected 'max' or 'min'"
        )
    return convention


def zero_value(convention: Convention) -> float:
    """Return the tropical zero of `convention` as a float (``∓inf``)."""
    return -math.inf if convention == "max" else math.inf


def is_exact_number(value: Any) -> bool:
    """Return True for ``int``, ``Fraction``, numpy integers and sympy
    rationals, the inputs that are stored exactly."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (numbers.Rational, Fraction)):
        return True
    return _sympy_rational(value) is not None


def _sympy_rational(value: Any) -> Fraction | None:
    # sympy is imported lazily: only objects whose class comes from sympy
    # can be sympy numbers, and checking the module avoids the import cost.
    module = type(value).__module__
    if not module.startswith("sympy"):
        return None
    import sympy

    if isinstance(value, sympy.Rational):
        return Fraction(int(value.p), int(value.q))
    return None


def to_scalar(
    value: Any, convention: Convention = "max", *, what: str = "value"
) -> Scalar:
    """Convert `value` to a stored scalar: ``Fraction`` when exact, else
    ``float``.

    Parameters
    ----------
    value : int, Fraction, float, sympy number, numpy scalar or TropicalNumber
        The number to convert.  The tropical zero of `convention`
        (``-inf`` for max-plus, ``+inf`` for min-plus) is accepted.
    convention : {"max", "min"}
        The semiring the value must belong to.
    what : str
        How error messages name the value, for example ``"coefficient"``.

    Returns
    -------
    Fraction or float

    Raises
    ------
    NotAnElementError
        For ``NaN``, and for the infinity that is not tropical zero.
    TropicalTypeError
        For values that are not real numbers.

    Examples
    --------
    >>> to_scalar(3)
    Fraction(3, 1)
    >>> to_scalar(0.5)
    0.5
    >>> to_scalar(float("inf"))
    Traceback (most recent call last):
    ...
    tropicalnn.errors.NotAnElementError: value inf is not an element of the max-plus semiring; expected a finite number or -inf (tropical zero)
    """
    if isinstance(value, TropicalNumber):
        if value.convention != convention:
            raise ConventionMismatchError(
                f"{what} {value!r} belongs to the {value.convention}-plus "
                f"semiring, expected {convention}-plus"
            )
        return value.value
    if isinstance(value, bool) or value is None:
        raise TropicalTypeError(
            f"{what} {value!r} is not a number; expected an int, Fraction, "
            "float or sympy number"
        )
    if isinstance(value, numbers.Rational):
        result: Scalar = Fraction(int(value.numerator), int(value.denominator))
        return result
    exact = _sympy_rational(value)
    if exact is not None:
        return exact
    if isinstance(value, numbers.Real) or type(value).__module__.startswith("sympy"):
        try:
            number = float(value)
        except (TypeError, ValueError) as err:
            raise TropicalTypeError(
                f"{what} {value!r} is not a real number; expected an int, "
                "Fraction, float or sympy number"
            ) from err
        return _check_float(number, convention, what)
    raise TropicalTypeError(
        f"{what} {value!r} of type {type(value).__name__} is not a number; "
        "expected an int, Fraction, float or sympy number"
    )


def _check_float(number: float, convention: Convention, what: str) -> float:
    if math.isnan(number):
        raise NotAnElementError(
            f"{what} nan is not an element of the {convention}-plus semiring; "
            "expected a finite number"
        )
    if math.isinf(number) and number != zero_value(convention):
        zero = "-inf" if convention == "max" else "+inf"
        raise NotAnElementError(
            f"{what} {number} is not an element of the {convention}-plus "
            f"semiring; expected a finite number or {zero} (tropical zero)"
        )
    return number


def _format_scalar(value: Scalar) -> str:
    if isinstance(value, Fraction):
        return str(value)
    if math.isinf(value):
        return "-∞" if value < 0 else "+∞"
    return repr(value)


class TropicalNumber:
    """An element of the max-plus or min-plus semiring.

    Arithmetic operators have their tropical meaning: ``a + b`` is ``a ⊕ b``
    (``max`` or ``min``), ``a * b`` is ``a ⊙ b`` (the classical sum),
    ``a / b`` is ``a ⊘ b`` (the classical difference) and ``a ** r`` is the
    classical product ``r·a``.  Comparisons use the numeric order of the
    values, in both conventions.

    Parameters
    ----------
    value : int, Fraction, float or sympy number
        Exact inputs are stored as ``Fraction``, floats as ``float``.
    convention : {"max", "min"}
        The semiring, max-plus by default.

    Examples
    --------
    >>> a, b = TropicalNumber(3), TropicalNumber(5)
    >>> a + b, a * b, a / b, a ** 2
    (TropicalNumber(5), TropicalNumber(8), TropicalNumber(-2), TropicalNumber(6))
    >>> TropicalNumber(3, "min") + TropicalNumber(5, "min")
    TropicalNumber(3, 'min')

    The number ``0`` is tropical one, and ``-inf`` is tropical zero:

    >>> a * TropicalNumber(0) == a, a + TropicalNumber(float("-inf")) == a
    (True, True)
    """

    __slots__ = ("_value", "_convention")

    def __init__(self, value: Any, convention: Convention = "max") -> None:
        self._convention = check_convention(convention)
        self._value = to_scalar(value, self._convention)

    # -- properties -----------------------------------------------------------

    @property
    def value(self) -> Scalar:
        """The classical value, a ``Fraction`` or a ``float``."""
        return self._value

    @property
    def convention(self) -> Convention:
        """The semiring, ``"max"`` or ``"min"``."""
        return self._convention

    @property
    def is_zero(self) -> bool:
        """Whether this is tropical zero (``-inf`` or ``+inf``)."""
        return isinstance(self._value, float) and math.isinf(self._value)

    @property
    def is_exact(self) -> bool:
        """Whether the value is stored as an exact ``Fraction``."""
        return isinstance(self._value, Fraction)

    # -- arithmetic -----------------------------------------------------------

    def _coerce(self, other: Any) -> TropicalNumber | None:
        if isinstance(other, TropicalNumber):
            if other._convention != self._convention:
                raise ConventionMismatchError(
                    f"cannot combine {self!r} and {other!r}: the conventions "
                    "differ"
                )
            return other
        if isinstance(other, (numbers.Real, Fraction)) or is_exact_number(other):
            return TropicalNumber(other, self._convention)
        if type(other).__module__.startswith("sympy"):
            return TropicalNumber(other, self._convention)
        return None

    def _new(self, value: Scalar) -> TropicalNumber:
        result = object.__new__(TropicalNumber)
        result._value = value
        result._convention = self._convention
        return result

    def __add__(self, other: Any) -> TropicalNumber:
        other_number = self._coerce(other)
        if other_number is None:
            return NotImplemented
        pick = max if self._convention == "max" else min
        return self._new(pick(self._value, other_number._value))

    __radd__ = __add__

    def __mul__(self, other: Any) -> TropicalNumber:
        other_number = self._coerce(other)
        if other_number is None:
            return NotImplemented
        if self.is_zero or other_number.is_zero:
            return self._new(zero_value(self._convention))
        return self._new(self._value + other_number._value)

    __rmul__ = __mul__

    def __truediv__(self, other: Any) -> TropicalNumber:
        other_number = self._coerce(other)
        if other_number is None:
            return NotImplemented
        return self * other_number._inverse()

    def __rtruediv__(self, other: Any) -> TropicalNumber:
        other_number = self._coerce(other)
        if other_number is None:
            return NotImplemented
        return other_number / self

    def _inverse(self) -> TropicalNumber:
        if self.is_zero:
            raise TropicalValueError(
                "tropical division by tropical zero "
                f"({_format_scalar(self._value)}) is undefined"
            )
        return self._new(-self._value)

    def __pow__(self, exponent: Any) -> TropicalNumber:
        power = to_scalar(exponent, "max", what="exponent")
        if math.isinf(power):
            raise TropicalValueError(f"exponent {exponent!r} must be finite")
        if self.is_zero:
            if power > 0:
                return self
            if power == 0:
                return self._new(Fraction(0))
            raise TropicalValueError(
                f"tropical zero to the negative power {exponent!r} is undefined"
            )
        return self._new(power * self._value)

    # -- comparison and conversion ---------------------------------------------

    def _compare_value(self, other: Any) -> Scalar | None:
        if isinstance(other, TropicalNumber):
            if other._convention != self._convention:
                raise ConventionMismatchError(
                    f"cannot compare {self!r} and {other!r}: the conventions "
                    "differ"
                )
            return other._value
        if isinstance(other, numbers.Real) and not isinstance(other, bool):
            return other  # type: ignore[return-value]
        return None

    def __eq__(self, other: object) -> bool:
        value = self._compare_value(other)
        if value is None:
            return NotImplemented
        return bool(self._value == value)

    def __hash__(self) -> int:
        return hash(self._value)

    def __lt__(self, other: Any) -> bool:
        value = self._compare_value(other)
        if value is None:
            return NotImplemented
        return bool(self._value < value)

    def __le__(self, other: Any) -> bool:
        value = self._compare_value(other)
        if value is None:
            return NotImplemented
        return bool(self._value <= value)

    def __gt__(self, other: Any) -> bool:
        value = self._compare_value(other)
        if value is None:
            return NotImplemented
        return bool(self._value > value)

    def __ge__(self, other: Any) -> bool:
        value = self._compare_value(other)
        if value is None:
            return NotImplemented
        return bool(self._value >= value)

    def __float__(self) -> float:
        return float(self._value)

    def __repr__(self) -> str:
        if isinstance(self._value, Fraction):
            shown = str(self._value)
            if self._value.denominator != 1:
                shown = f"'{shown}'"
        else:
            shown = f"float('{self._value}')" if self.is_zero else repr(self._value)
        if self._convention == "max":
            return f"TropicalNumber({shown})"
        return f"TropicalNumber({shown}, 'min')"

    def __str__(self) -> str:
        return _format_scalar(self._value)

    def _repr_latex_(self) -> str:
        if self.is_zero:
            return "$-\\infty$" if self._convention == "max" else "$+\\infty$"
        value = self._value
        if isinstance(value, Fraction) and value.denominator != 1:
            sign = "-" if value < 0 else ""
            fraction = abs(value)
            return f"${sign}\\frac{{{fraction.numerator}}}{{{fraction.denominator}}}$"
        return f"${value}$"


class TropicalSemiring:
    """The max-plus or min-plus semiring, as a factory of its elements.

    Parameters
    ----------
    convention : {"max", "min"}
        Max-plus by default.

    Examples
    --------
    >>> T = TropicalSemiring("max")
    >>> T.zero, T.one
    (TropicalNumber(float('-inf')), TropicalNumber(0))
    >>> T(2) + T(7), T(2) * T(7)
    (TropicalNumber(7), TropicalNumber(9))
    >>> T.sum([]), T.product([])
    (TropicalNumber(float('-inf')), TropicalNumber(0))
    """

    __slots__ = ("_convention",)

    def __init__(self, convention: Convention = "max") -> None:
        self._convention = check_convention(convention)

    @property
    def convention(self) -> Convention:
        """The convention, ``"max"`` or ``"min"``."""
        return self._convention

    @property
    def zero(self) -> TropicalNumber:
        """Tropical zero, the neutral element of ⊕ (``-inf`` in max-plus)."""
        return TropicalNumber(zero_value(self._convention), self._convention)

    @property
    def one(self) -> TropicalNumber:
        """Tropical one, the neutral element of ⊙ (the number ``0``)."""
        return TropicalNumber(0, self._convention)

    def __call__(self, value: Any) -> TropicalNumber:
        return TropicalNumber(value, self._convention)

    def sum(self, items: Iterable[Any]) -> Any:
        """Return the tropical sum of `items`, starting from tropical zero."""
        return tropical_sum(items, self._convention)

    def product(self, items: Iterable[Any]) -> Any:
        """Return the tropical product of `items`, starting from tropical one."""
        return tropical_product(items, self._convention)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TropicalSemiring):
            return NotImplemented
        return self._convention == other._convention

    def __hash__(self) -> int:
        return hash(("TropicalSemiring", self._convention))

    def __repr__(self) -> str:
        return f"TropicalSemiring({self._convention!r})"

    def __str__(self) -> str:
        if self._convention == "max":
            return "max-plus semiring (R ∪ {-∞}, max, +)"
        return "min-plus semiring (R ∪ {+∞}, min, +)"


def tropical_sum(items: Iterable[Any], convention: Convention = "max") -> Any:
    """Return ``items[0] ⊕ items[1] ⊕ ...``, tropical zero when empty.

    Works for tropical numbers, plain numbers, polynomials and rational
    functions.  Plain numbers are read in `convention`.

    Examples
    --------
    >>> tropical_sum([1, 5, 3])
    TropicalNumber(5)
    >>> tropical_sum([1, 5, 3], convention="min")
    TropicalNumber(1, 'min')
    >>> tropical_sum([])
    TropicalNumber(float('-inf'))
    """
    check_convention(convention)
    result: Any = TropicalNumber(zero_value(convention), convention)
    for item in items:
        result = _as_element(item, convention) + result
    return result


def tropical_product(items: Iterable[Any], convention: Convention = "max") -> Any:
    """Return ``items[0] ⊙ items[1] ⊙ ...``, tropical one when empty.

    Examples
    --------
    >>> tropical_product([1, 5, 3])
    TropicalNumber(9)
    >>> tropical_product([])
    TropicalNumber(0)
    """
    check_convention(convention)
    result: Any = TropicalNumber(0, convention)
    for item in items:
        result = _as_element(item, convention) * result
    return result


def _as_element(item: Any, convention: Convention) -> Any:
    if isinstance(item, (numbers.Real, Fraction)) or is_exact_number(item):
        return TropicalNumber(item, convention)
    return item
