"""Arithmetic of piecewise-linear functions, kept as tropical fractions.

Every function built from affine functions with ``max``, ``min``, ``+``,
``-`` and multiplication by numbers is a difference ``f - g`` of two
tropical polynomials, that is a tropical rational function ``f ⊘ g``.  The
builder here computes that difference with the operations of
:class:`~tropicalnn.polynomial.TropicalPolynomial` and
:class:`~tropicalnn.rational.TropicalRational`, so that the text parser and
the sympy bridge share one implementation:

* ``a + b`` is ``a ⊙ b`` and ``a - b`` is ``a ⊘ b``;
* ``r * a`` scales every term by ``r``, and a negative ``r`` takes the
  tropical inverse ``0 ⊘ ...``;
* ``max`` is ⊕ in max-plus, and ``min(a, b) = -max(-a, -b)`` there; in
  min-plus the roles swap.

A rational function whose denominator is a single monomial is turned into
the polynomial ``f ⊙ m^-1``, so a result is a polynomial whenever the
formal computation allows it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction

import numpy as np

from .errors import TropicalValueError
from .polynomial import TropicalPolynomial
from .rational import TropicalRational
from .semiring import Convention, Scalar, check_convention

__all__ = ["Function", "PiecewiseLinearBuilder"]

Function = TropicalPolynomial | TropicalRational


class PiecewiseLinearBuilder:
    """Build tropical polynomials and rational functions in fixed variables.

    Parameters
    ----------
    variables : sequence of str
        The variables of every function built, in order.
    convention : {"max", "min"}
        The semiring of the results.
    exact : bool
        Whether variables and number constants are exact (``Fraction``) or
        floats.

    Examples
    --------
    >>> build = PiecewiseLinearBuilder(("x",), "max")
    >>> x = build.variable("x")
    >>> relu = build.maximum([x, build.number(Fraction(0))])
    >>> print(build.subtract(relu, build.scale(x, Fraction(1, 2))))
    x^(1/2) ⊕ x^(-1/2)
    """

    def __init__(
        self, variables: Sequence[str], convention: Convention, exact: bool = True
    ) -> None:
        self.convention = check_convention(convention)
        self.exact = exact
        self.variables = TropicalPolynomial.zero(
            tuple(variables), self.convention, exact
        ).variables
        self._tropical_one = TropicalPolynomial.constant(
            Fraction(0) if exact else 0.0, self.variables, self.convention
        )
        # Polynomials are immutable, so one monomial per variable is enough.
        self._monomials: dict[str, TropicalPolynomial] = {}

    # -- leaves -----------------------------------------------------------

    def number(self, value: Scalar) -> TropicalPolynomial:
        """Return the constant function `value` (tropical zero for
        ``-inf`` in max-plus and ``+inf`` in min-plus)."""
        if not self.exact and isinstance(value, Fraction):
            value = float(value)
        return TropicalPolynomial.constant(value, self.variables, self.convention)

    def zero(self) -> TropicalPolynomial:
        """Return tropical zero, the empty polynomial."""
        return TropicalPolynomial.zero(self.variables, self.convention, self.exact)

    def variable(self, name: str) -> TropicalPolynomial:
        """Return the monomial ``name``, the function ``x ↦ x_name``."""
        if name in self._monomials:
            return self._monomials[name]
        index = self.variables.index(name)
        one, zero = (Fraction(1), Fraction(0)) if self.exact else (1.0, 0.0)
        exponents = np.full((1, len(self.variables)), zero, dtype=object)
        exponents[0, index] = one
        coefficients = np.array([zero], dtype=object)
        monomial = TropicalPolynomial(
            exponents, coefficients, self.variables, self.convention
        )
        self._monomials[name] = monomial
        return monomial

    # -- classical operations -------------------------------------------------

    def add(self, left: Function, right: Function) -> Function:
        """Return ``left + right``, the tropical product ``left ⊙ right``."""
        if isinstance(left, TropicalPolynomial) and isinstance(
            right, TropicalPolynomial
        ):
            return left * right
        return self._settled(_as_rational(left) * _as_rational(right))

    def subtract(self, left: Function, right: Function) -> Function:
        """Return ``left - right``, the tropical quotient ``left ⊘ right``."""
        return self.add(left, self.negate(right))

    def negate(self, function: Function) -> Function:
        """Return ``-function``, the tropical inverse ``0 ⊘ function``."""
        is_zero = (
            function.numerator.is_zero
            if isinstance(function, TropicalRational)
            else function.is_zero
        )
        if is_zero:
            negated = "+inf" if self.convention == "max" else "-inf"
            raise TropicalValueError(
                "tropical zero has no tropical inverse, because its negation "
                f"{negated} is not an element of the {self.convention}-plus "
                "semiring"
            )
        if isinstance(function, TropicalRational):
            return self._settled(
                TropicalRational(function.denominator, function.numerator)
            )
        if function.is_monomial:
            return function ** -1
        return TropicalRational(self._tropical_one, function)

    def scale(self, function: Function, factor: Scalar) -> Function:
        """Return ``factor * function`` for a number `factor`.

        A zero factor gives the constant 0, also for tropical zero, as the
        tropical power ``f^0`` does.
        """
        if factor == 0:
            return self.number(Fraction(0))
        if isinstance(function, TropicalRational):
            if factor < 0:
                return self.scale(self.negate(function), -factor)
            return self._settled(
                TropicalRational(
                    _scaled(function.numerator, factor),
                    _scaled(function.denominator, factor),
                )
            )
        if factor < 0 and not function.is_monomial:
            return self.negate(_scaled(function, -factor))
        return _scaled(function, factor)

    def maximum(self, functions: Iterable[Function]) -> Function:
        """Return the pointwise maximum of `functions`."""
        items = list(functions)
        if self.convention == "max":
            return self.tropical_sum(items)
        return self._opposite_sum(items)

    def minimum(self, functions: Iterable[Function]) -> Function:
        """Return the pointwise minimum of `functions`."""
        items = list(functions)
        if self.convention == "min":
            return self.tropical_sum(items)
        return self._opposite_sum(items)

    # -- tropical operations ----------------------------------------------------

    def tropical_sum(self, functions: Iterable[Function]) -> Function:
        """Return ``f_1 ⊕ f_2 ⊕ ...``, merging the polynomials in one step."""
        items = list(functions)
        polynomials = [f for f in items if isinstance(f, TropicalPolynomial)]
        rationals = [f for f in items if isinstance(f, TropicalRational)]
        total: Function = self.zero()
        if polynomials:
            total = _merged(polynomials, self.variables, self.convention)
        for function in rationals:
            total = _as_rational(total) + function
        return self._settled(total)

    def power(self, function: Function, exponent: Scalar) -> Function:
        """Return the tropical power ``function^exponent``.

        An integer power of a polynomial expands formally, as
        ``TropicalPolynomial.__pow__`` does.  A negative power of a
        polynomial with several terms is ``0 ⊘ function^|exponent|``.
        """
        if isinstance(function, TropicalRational):
            if exponent < 0 and function.numerator.is_zero:
                raise TropicalValueError(
                    "a negative power of tropical zero is undefined"
                )
            return self._settled(function**exponent)
        if exponent < 0 and function.is_zero:
            raise TropicalValueError("a negative power of tropical zero is undefined")
        if exponent < 0 and not function.is_monomial:
            return self.negate(function ** (-exponent))
        return function**exponent

    # -- results ------------------------------------------------------------

    def finish(self, function: Function) -> Function:
        """Return `function`, as a polynomial when its denominator is a
        monomial."""
        return self._settled(function)

    def _settled(self, function: Function) -> Function:
        if isinstance(function, TropicalRational) and function.denominator.is_monomial:
            result = function.numerator / function.denominator
            assert isinstance(result, TropicalPolynomial)
            return result
        return function

    def _opposite_sum(self, items: list[Function]) -> Function:
        # max(a, b) = -min(-a, -b) in min-plus, and the mirror in max-plus.
        inverses = [self.negate(item) for item in items]
        return self.negate(self.tropical_sum(inverses))


def _as_rational(function: Function) -> TropicalRational:
    if isinstance(function, TropicalRational):
        return function
    return TropicalRational(function)


def _scaled(poly: TropicalPolynomial, factor: Scalar) -> TropicalPolynomial:
    """Return ``factor * poly`` term by term, which is correct for
    ``factor >= 0`` and for a monomial with any factor."""
    return TropicalPolynomial(
        poly.exponents * factor, poly.coefficients * factor, poly.variables,
        poly.convention,
    )


def _merged(
    polynomials: list[TropicalPolynomial],
    variables: tuple[str, ...],
    convention: Convention,
) -> TropicalPolynomial:
    """Return the tropical sum of `polynomials` built from all their terms at
    once, rather than one ⊕ at a time."""
    if len(polynomials) == 1:
        return polynomials[0]
    exact = all(p.is_exact for p in polynomials)
    parts = [p if exact else p.to_float() for p in polynomials]
    dtype = object if exact else np.float64
    exponents = np.concatenate([np.asarray(p.exponents, dtype=dtype) for p in parts])
    coefficients = np.concatenate(
        [np.asarray(p.coefficients, dtype=dtype) for p in parts]
    )
    if exponents.shape[0] == 0:
        return TropicalPolynomial.zero(variables, convention, exact)
    return TropicalPolynomial(exponents, coefficients, variables, convention)
