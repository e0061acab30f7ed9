"""Roots and factorisation of univariate tropical polynomials.

A univariate max-plus polynomial ``f(x) = max_k (c_k + a_k x)`` is convex
and piecewise linear.  Its roots are the points where the maximum is
attained twice, that is the breakpoints of ``f``, and the multiplicity of a
root is the jump of the slope there (the length of the dual segment of the
Newton polytope).  As a function, ``f`` factors into linear factors::

    f = C ⊙ x^a ⊙ (x ⊕ r_1)^{m_1} ⊙ ... ⊙ (x ⊕ r_s)^{m_s}

where ``a`` is the smallest essential exponent and
``C = c_a - m_1 r_1 - ... - m_s r_s``.  The same formula holds for min-plus,
where ``x ⊕ r`` is ``min(x, r)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..errors import TropicalValueError
from ..polynomial import TropicalPolynomial
from ..semiring import Convention
from ._common import check_polynomial, format_number, max_form
from ._hull import upper_hull

__all__ = ["TropicalRoot", "Factorization", "roots", "factor"]


@dataclass(frozen=True)
class TropicalRoot:
    """A root of a univariate tropical polynomial.

    Attributes
    ----------
    value : Fraction or float
        The point where two or more terms tie.
    multiplicity : Fraction or float
        The change of slope there: an integer for integer exponents.
    """

    value: Fraction | float
    multiplicity: Fraction | float

    def __repr__(self) -> str:
        return (
            f"TropicalRoot(value={format_number(self.value)}, "
            f"multiplicity={format_number(self.multiplicity)})"
        )


@dataclass(frozen=True)
class Factorization:
    """A univariate polynomial written as a product of linear factors.

    Attributes
    ----------
    constant : Fraction or float
        The coefficient ``C``.
    monomial_exponent : Fraction or float
        The exponent ``a`` of the Laurent monomial factor ``x^a``.
    roots : tuple of TropicalRoot
        The roots ``r_i`` with multiplicities ``m_i``, increasing.
    variable : str
        The variable name.
    convention : str
        ``"max"`` or ``"min"``.
    """

    constant: Fraction | float
    monomial_exponent: Fraction | float
    roots: tuple[TropicalRoot, ...]
    variable: str
    convention: Convention

    def to_polynomial(self) -> TropicalPolynomial:
        """Multiply the factors out (formally, every binomial coefficient
        being tropical one).

        The result equals the factored polynomial as a function.
        """
        exact = isinstance(self.constant, Fraction)
        zero = Fraction(0) if exact else 0.0
        names = (self.variable,)
        result = TropicalPolynomial.from_arrays(
            np.array([[self.monomial_exponent]], dtype=object if exact else float),
            np.array([self.constant], dtype=object if exact else float),
            names,
            self.convention,
        )
        one = zero + 1
        for root in self.roots:
            linear = TropicalPolynomial.from_arrays(
                np.array([[one], [zero]], dtype=object if exact else float),
                np.array([zero, root.value], dtype=object if exact else float),
                names,
                self.convention,
            )
            result = result * linear**root.multiplicity
        return result

    def __str__(self) -> str:
        x = self.variable
        parts = [format_number(self.constant)]
        if self.monomial_exponent != 0:
            power = format_number(self.monomial_exponent)
            parts.append(x if power == "1" else f"{x}^{power}")
        for root in self.roots:
            factor = f"({x} ⊕ {format_number(root.value)})"
            power = format_number(root.multiplicity)
            parts.append(factor if power == "1" else f"{factor}^{power}")
        return " ⊙ ".join(parts)

    def __repr__(self) -> str:
        return f"Factorization({self}, convention={self.convention!r})"


def roots(p: TropicalPolynomial) -> tuple[TropicalRoot, ...]:
    """Compute the roots of a univariate polynomial with their multiplicities.

    Parameters
    ----------
    p : TropicalPolynomial
        A polynomial in one variable, max-plus or min-plus.

    Returns
    -------
    tuple of TropicalRoot
        Sorted by value.  A monomial has no roots.

    Raises
    ------
    TropicalValueError
        If `p` does not have exactly one variable.

    Examples
    --------
    >>> from tropicalnn import variables
    >>> x = variables("x")
    >>> roots(0 + 1*x + x**2)
    (TropicalRoot(value=-1, multiplicity=1), TropicalRoot(value=1, multiplicity=1))
    >>> y = variables("y", convention="min")
    >>> roots(0 + 1*y + y**2)
    (TropicalRoot(value=0, multiplicity=2),)
    >>> roots(x**3 + 1)
    (TropicalRoot(value=1/3, multiplicity=3),)
    """
    check_polynomial(p, "roots")
    _check_univariate(p, "roots")
    exponents, coefficients, sign = max_form(p)
    hull = upper_hull(exponents, coefficients, exact=p.is_exact)
    if hull.dimension < 1:
        return ()
    found = []
    for cell, point in zip(hull.cell_vertices, hull.dual_vertices, strict=True):
        low, high = exponents[cell[0], 0], exponents[cell[-1], 0]
        found.append(TropicalRoot(point[0] * sign, abs(high - low)))
    return tuple(sorted(found, key=lambda root: root.value))


def factor(p: TropicalPolynomial) -> Factorization:
    """Factor a univariate polynomial, as a function, into linear factors.

    Parameters
    ----------
    p : TropicalPolynomial
        A polynomial in one variable with at least one term.

    Returns
    -------
    Factorization
        ``C ⊙ x^a ⊙ ⨀ (x ⊕ r_i)^{m_i}``; its `~Factorization.to_polynomial`
        is functionally equal to `p`.

    Raises
    ------
    TropicalValueError
        If `p` has no terms or not exactly one variable.

    Examples
    --------
    >>> from tropicalnn import variables
    >>> x = variables("x")
    >>> f = factor(0 + 1*x + x**2)
    >>> print(f)
    0 ⊙ (x ⊕ -1) ⊙ (x ⊕ 1)
    >>> f.to_polynomial().equals(0 + 1*x + x**2)
    True
    >>> print(factor(x**-1 + 2*x))
    2 ⊙ x^-1 ⊙ (x ⊕ -1)^2
    """
    check_polynomial(p, "factor")
    _check_univariate(p, "factor")
    if len(p) == 0:
        raise TropicalValueError(
            "the empty polynomial (tropical zero) has no factorisation"
        )
    found = roots(p)
    reduced = p.reduced()
    lowest = int(np.argmin([float(v) for v in reduced.exponents[:, 0]]))
    exponent = reduced.exponents[lowest, 0]
    constant = reduced.coefficients[lowest]
    for root in found:
        constant = constant - root.multiplicity * root.value
    return Factorization(
        constant=constant,
        monomial_exponent=exponent,
        roots=found,
        variable=p.variables[0],
        convention=p.convention,
    )


def _check_univariate(p: TropicalPolynomial, function: str) -> None:
    if p.n_vars != 1:
        raise TropicalValueError(
            f"{function}() needs a polynomial in one variable, got {p.n_vars} "
            f"variables {p.variables!r}"
        )
