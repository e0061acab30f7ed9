"""Tests of linear regions and dominant terms."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given

from tropicalnn.errors import NotAnElementError, ShapeMismatchError
from tropicalnn.geometry import dominant_terms, polynomial_regions
from tropicalnn.polynomial import TropicalPolynomial, polynomial, variables

from .strategies import exact_polynomials

F = Fraction


def test_relu_sum_regions():
    x, y = variables("x y")
    regions = polynomial_regions(0 + x + y + x * y)
    assert len(regions) == 4
    assert regions.n_regions == 4
    assert regions.terms.tolist() == [0, 1, 2, 3]
    first = regions[0].polyhedron
    assert first.inequalities.tolist() == [[0, 1], [1, 0]]
    assert first.inequality_values.tolist() == [0, 0]
    assert not regions[0].is_bounded


def test_conic_has_six_regions():
    x, y = variables("x y")
    p = 1 * x**2 + 1 * y**2 + 2 * x * y + 2 * x + 2 * y + 2
    assert len(polynomial_regions(p)) == 6


def test_collinear_regions():
    x, y = variables("x y")
    regions = polynomial_regions(0 + x * y + x**2 * y**2)
    assert regions.terms.tolist() == [0, 2]
    assert all(not region.is_bounded for region in regions)


def test_bounded_middle_region():
    x = variables("x")
    regions = polynomial_regions(x**-1 + 1 + x)
    assert [region.is_bounded for region in regions] == [False, True, False]
    middle = regions[1].polyhedron
    assert middle.contains([1])
    assert middle.contains([-1])
    assert not middle.contains([F(3, 2)])
    assert regions[1].interior_point.tolist() == [0]


def test_monomial_and_empty():
    (region,) = polynomial_regions(polynomial({(2, 1): 3}))
    assert region.polyhedron.contains([100, -7])
    assert len(region.polyhedron.inequalities) == 0
    assert len(polynomial_regions(TropicalPolynomial.zero(["x"]))) == 0
    (constant,) = polynomial_regions(TropicalPolynomial.constant(5))
    assert constant.interior_point.shape == (0,)


def test_min_convention_regions():
    xm = variables("x", convention="min")
    regions = polynomial_regions(0 + 1 * xm + xm**2)
    assert regions.terms.tolist() == [0, 2]
    # min(0, 2x): the constant wins for x > 0.
    assert regions[0].polyhedron.contains([1])
    assert not regions[0].polyhedron.contains([-1])


def test_printing():
    x = variables("x")
    regions = polynomial_regions(x**-1 + 1 + x)
    assert repr(regions) == "PolynomialRegions(n_regions=3)"
    text = str(regions).splitlines()
    assert text[0] == "3 linear regions"
    assert text[1] == "  term 0: exponent (-1), coefficient 0"
    assert repr(regions[1]).startswith("LinearRegion(term=1, exponent=(0)")


def test_dominant_terms_ties():
    x, y = variables("x y")
    p = 0 + x + y
    tie = dominant_terms(p, [0, 0])
    assert tie.indices.tolist() == [0, 1, 2]
    assert tie.is_tie
    assert tie.value == 0
    single = dominant_terms(p, [F(1, 3), 0])
    assert single.indices.tolist() == [2]
    assert single.exponents.tolist() == [[1, 0]]
    assert not single.is_tie


def test_dominant_terms_float_coordinates_exact_polynomial():
    x = variables("x")
    # 0.1 is a binary fraction slightly above 1/10, so x wins.
    p = F(1, 10) + x
    assert dominant_terms(p, [0.1]).indices.tolist() == [1]
    assert dominant_terms(p, [F(1, 10)]).is_tie


def test_dominant_terms_min_convention():
    xm = variables("x", convention="min")
    p = 0 + 1 * xm + xm**2
    result = dominant_terms(p, [0])
    assert result.indices.tolist() == [0, 2]
    assert result.value == 0
    assert dominant_terms(p, [-1]).indices.tolist() == [2]


def test_dominant_terms_float_tolerance():
    x = variables("x")
    p = (F(3, 10) + x).to_float()
    assert dominant_terms(p, [0.1 + 0.2]).is_tie
    assert not dominant_terms(p, [0.3001]).is_tie


def test_dominant_terms_errors():
    x, y = variables("x y")
    with pytest.raises(ShapeMismatchError, match="2 variables"):
        dominant_terms(x + y, [1, 2, 3])
    with pytest.raises(NotAnElementError, match="not finite"):
        dominant_terms(x + y, [np.inf, 0])
    with pytest.raises(ShapeMismatchError, match="empty polynomial"):
        dominant_terms(TropicalPolynomial.zero(["x"]), [0])


@given(exact_polynomials(max_terms=10))
def test_interior_points_are_strict(p):
    for region in polynomial_regions(p):
        result = dominant_terms(p, region.interior_point)
        assert result.indices.tolist() == [region.term]
        assert region.polyhedron.contains(region.interior_point)


@given(exact_polynomials(max_terms=10, convention="min"))
def test_interior_points_min_convention(p):
    for region in polynomial_regions(p):
        assert dominant_terms(p, region.interior_point).indices.tolist() == [
            region.term
        ]


@given(exact_polynomials(max_terms=10))
def test_count_equals_reduced_terms(p):
    assert len(polynomial_regions(p)) == len(p.reduced())


@given(exact_polynomials(n_vars=2, max_terms=8))
def test_regions_contain_their_vertices(p):
    for region in polynomial_regions(p):
        for vertex in region.polyhedron.vertices:
            assert region.term in dominant_terms(p, vertex).indices.tolist()
