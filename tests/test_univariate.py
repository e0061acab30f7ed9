"""Tests of univariate roots and factorisation."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given

from tropicalnn.errors import TropicalValueError
from tropicalnn.geometry import Factorization, TropicalRoot, factor, roots
from tropicalnn.polynomial import TropicalPolynomial, polynomial, variables

from .strategies import exact_polynomials

F = Fraction


def pairs(found) -> list[tuple]:
    return [(root.value, root.multiplicity) for root in found]


def test_max_and_min_roots():
    x = variables("x")
    assert pairs(roots(0 + 1 * x + x**2)) == [(-1, 1), (1, 1)]
    xm = variables("x", convention="min")
    assert pairs(roots(0 + 1 * xm + xm**2)) == [(0, 2)]


def test_reflection_between_conventions():
    x = variables("x")
    xm = variables("x", convention="min")
    assert pairs(roots(0 + 1 * xm)) == [(-1, 1)]
    assert pairs(roots(0 + (-1) * x)) == [(1, 1)]


def test_root_of_power():
    x = variables("x")
    assert pairs(roots(x**3 + 1)) == [(F(1, 3), 3)]


def test_monomial_has_no_roots():
    x = variables("x")
    assert roots(3 * x**2) == ()
    result = factor(3 * x**2)
    assert result.roots == ()
    assert result.constant == 3
    assert result.monomial_exponent == 2
    assert str(result) == "3 ⊙ x^2"


def test_rational_exponents():
    p = polynomial({(F(1, 2),): 0, (F(2),): F(3, 2)}, variables=("t",))
    assert pairs(roots(p)) == [(-1, F(3, 2))]


def test_real_exponents():
    p = polynomial({(0.5,): 1.0, (2**0.5,): 0.0, (0.0,): 0.3})
    found = roots(p)
    assert [r.value for r in found] == pytest.approx([-1.4, 1 / (2**0.5 - 0.5)])
    assert [r.multiplicity for r in found] == pytest.approx([0.5, 2**0.5 - 0.5])


def test_factor_laurent_polynomial():
    x = variables("x")
    p = x**-1 + 2 * x
    result = factor(p)
    assert str(result) == "2 ⊙ x^-1 ⊙ (x ⊕ -1)^2"
    assert result.to_polynomial().equals(p)
    assert isinstance(result, Factorization)
    assert repr(result) == "Factorization(2 ⊙ x^-1 ⊙ (x ⊕ -1)^2, convention='max')"


def test_factor_min_convention():
    xm = variables("x", convention="min")
    p = 0 + 1 * xm + xm**2
    result = factor(p)
    assert str(result) == "0 ⊙ (x ⊕ 0)^2"
    assert result.to_polynomial().equals(p)


def test_factor_float():
    x = variables("x")
    p = (0 + 1 * x + x**2).to_float()
    result = factor(p)
    assert result.to_polynomial().equals(p)


def test_errors():
    x, y = variables("x y")
    with pytest.raises(TropicalValueError, match="one variable"):
        roots(x + y)
    with pytest.raises(TropicalValueError, match="one variable"):
        factor(x + y)
    with pytest.raises(TropicalValueError, match="empty polynomial"):
        factor(TropicalPolynomial.zero(["x"]))
    assert roots(TropicalPolynomial.zero(["x"])) == ()


def test_root_repr():
    assert repr(TropicalRoot(F(1, 3), 3)) == "TropicalRoot(value=1/3, multiplicity=3)"


@given(exact_polynomials(n_vars=1, max_terms=8))
def test_factorisation_equals_polynomial(p):
    assert factor(p).to_polynomial().equals(p)


@given(exact_polynomials(n_vars=1, max_terms=8, convention="min"))
def test_factorisation_equals_polynomial_min(p):
    assert factor(p).to_polynomial().equals(p)


@given(exact_polynomials(n_vars=1, max_terms=8))
def test_multiplicities_sum_to_degree_span(p):
    exponents = [row[0] for row in p.reduced().exponents.tolist()]
    total = sum((root.multiplicity for root in roots(p)), F(0))
    assert total == max(exponents) - min(exponents)
