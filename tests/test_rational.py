"""Tests of tropical rational functions and maps."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tropicalnn import (
    ConventionMismatchError,
    ShapeMismatchError,
    TropicalMap,
    TropicalPolynomial,
    TropicalRational,
    TropicalValueError,
    variables,
)

from .strategies import exact_points, exact_polynomials

x, y = variables("x y")
t = variables("t")


def test_value_is_difference():
    r = (x + 0) / (y + 1)
    assert r(3, 5) == -2
    assert r(Fraction(1, 2), -3) == Fraction(-1, 2)
    assert r.evaluate([[3.0, 5.0]]).tolist() == [-2.0]


def test_cancellation_relu_difference():
    # relu(t) - relu(-t) = t
    r = (t + 0) / (t**-1 + 0)
    assert r.equals(t)
    assert not r.equals(t * 2)


def test_arithmetic():
    r = (x + 0) / (y + 0)
    s = TropicalRational(y + 1)
    for a, b in [(1, 2), (-3, 4), (0, 0)]:
        assert (r + s)(a, b) == max(r(a, b), s(a, b))
        assert (r * s)(a, b) == r(a, b) + s(a, b)
        assert (r / s)(a, b) == r(a, b) - s(a, b)
        assert (r**2)(a, b) == 2 * r(a, b)
        assert (r**-1)(a, b) == -r(a, b)
        assert (r + 3)(a, b) == max(r(a, b), 3)
        assert (3 * r)(a, b) == 3 + r(a, b)
        assert (x + r)(a, b) == max(a, r(a, b))


@given(
    exact_polynomials(n_vars=2, max_terms=4),
    exact_polynomials(n_vars=2, max_terms=4),
    exact_points(2),
)
def test_reduced_keeps_function(f, g, points):
    r = f / g if not g.is_monomial else TropicalRational(f, g)
    reduced = r.reduced()
    assert reduced.equals(r)
    for pt in points:
        assert reduced(*pt) == r(*pt)


def test_equals_is_functional():
    f, g = x + y, x + 0
    r1 = TropicalRational(f, g)
    r2 = TropicalRational(f * (y + 2), g * (y + 2))
    assert r1.equals(r2)
    assert r1 != r2


def test_zero_denominator_rejected():
    with pytest.raises(TropicalValueError, match="tropical zero"):
        TropicalRational(x, TropicalPolynomial.zero(["x", "y"]))


def test_conventions_do_not_mix():
    with pytest.raises(ConventionMismatchError):
        TropicalRational(x, y.mirrored())


def test_printing():
    r = (t + 0) / (2 * t + 1)
    assert str(r) == "(t ⊕ 0) ⊘ (2⊙t ⊕ 1)"
    assert r.to_classical() == "max(t, 0) - max(2 + t, 1)"


def test_map_evaluation_and_reduction():
    F = TropicalMap([x + y, (x**2 + x * y + y**2) / (y + 0)], names=["a", "b"])
    assert F.names == ("a", "b")
    assert F(1, 2) == [Fraction(2), Fraction(2)]
    np.testing.assert_array_equal(F.evaluate([[1.0, 2.0]]), [[2.0, 2.0]])
    reduced = F.reduced()
    assert len(reduced[1].numerator) == 2
    assert reduced.equals(F)


def test_map_errors():
    with pytest.raises(TropicalValueError):
        TropicalMap([])
    with pytest.raises(ShapeMismatchError):
        TropicalMap([x], names=["a", "b"])


@given(st.integers(-5, 5), st.integers(-5, 5))
def test_map_merges_variables(a, b):
    (u,) = variables("u,")
    F = TropicalMap([x, u])
    assert F.variables == ("x", "y", "u")
    assert F(a, 0, b) == [a, b]
