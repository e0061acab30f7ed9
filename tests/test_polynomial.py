"""Tests of tropical polynomials: construction, evaluation, reduction."""

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

import tropicalnn as tn
from tropicalnn import (
    NotAnElementError,
    ShapeMismatchError,
    TropicalPolynomial,
    TropicalTypeError,
    TropicalValueError,
    VariableMismatchError,
    polynomial,
    variables,
)

from .strategies import exact_points, exact_polynomials, float_polynomials

x, y = variables("x y")


def tie_points(poly, base, count=6):
    """Exact points where two terms of `poly` take the same value, found by
    moving from `base` along the difference of their exponents."""
    rows = [list(r) for r in poly.exponents.tolist()]
    coefs = poly.coefficients.tolist()
    points = []
    for i in range(len(rows)):
        for j in range(i + 1, len(rows)):
            d = [a - b for a, b in zip(rows[i], rows[j])]
            rate = sum(v * v for v in d)
            if rate == 0:
                continue
            gap = coefs[i] - coefs[j] + sum(v * b for v, b in zip(d, base))
            t = -gap / rate
            points.append(tuple(b + t * v for b, v in zip(base, d)))
            if len(points) >= count:
                return points
    return points


# -- construction ----------------------------------------------------------


def test_operators_build_the_documented_polynomial():
    p = x**2 + 1 * x * y + 3
    assert p.to_classical() == "max(2*x, 1 + x + y, 3)"
    assert len(p) == 3
    assert p == polynomial({(2, 0): 0, (1, 1): 1, (0, 0): 3})


def test_canonical_form_sorts_and_merges():
    p = polynomial([((1, 0), 2), ((0, 1), 5), ((1, 0), 7)])
    assert p.terms() == [
        ((Fraction(0), Fraction(1)), Fraction(5)),
        ((Fraction(1), Fraction(0)), Fraction(7)),
    ]


def test_min_convention_merges_by_min():
    p = polynomial([((1,), 2), ((1,), 7)], convention="min")
    assert p.coefficients.tolist() == [Fraction(2)]


def test_exact_storage_of_rationals():
    p = polynomial({(Fraction(1, 2),): sympy.Rational(1, 3)})
    assert p.is_exact
    assert p.exponents[0, 0] == Fraction(1, 2)
    assert isinstance(p.coefficients[0], Fraction)
    assert p.coefficients[0] == Fraction(1, 3)


def test_float_input_gives_float_polynomial():
    p = polynomial({(1, 0): 0.5, (0, 1): 1})
    assert not p.is_exact
    assert p.coefficients.dtype == np.float64


def test_laurent_and_rational_exponents():
    p = x ** Fraction(-3, 2) * y**2 + 1
    assert p.exponents.tolist() == [
        [Fraction(-3, 2), Fraction(2)],
        [Fraction(0), Fraction(0)],
    ]
    assert p(4, 1) == Fraction(1)
    assert p(-4, 1) == Fraction(8)


def test_equal_numbers_are_one_key():
    # 2 and 2.0 are one exponent, merged by max into 3*x^2.
    p = polynomial([((2,), 1), ((2.0,), 3)])
    assert len(p) == 1
    assert p.coefficients.tolist() == [3.0]
    assert p == polynomial({(2,): 3})
    q = polynomial([((sympy.Integer(2),), 1), ((sympy.Float(2.0),), 3)])
    assert q == p


def test_tropical_zero_coefficient_drops_term():
    p = 0 * x + 1 + float("-inf") * y
    assert p == x + 1
    assert p(5, 0) == 5


def test_empty_polynomial_is_tropical_zero():
    E = TropicalPolynomial.zero(["x", "y"])
    assert len(E) == 0
    assert E(3, 4) == -math.inf
    assert E + x == x
    assert (E * x).is_zero
    assert (float("-inf") * x).is_zero
    assert E.reduced().is_zero
    assert E.evaluate([[1.0, 2.0]]).tolist() == [-math.inf]
    assert str(E) == "-∞"
    assert E.to_classical() == "-inf"


def test_empty_product_is_tropical_one():
    assert tn.tropical_product([x, y]) == x * y
    assert tn.tropical_sum([x, y, 2]) == x + y + 2
    assert tn.tropical_sum([]).is_zero


def test_variables_merge_by_name():
    (u,) = variables("u,")
    p = x + u
    assert p.variables == ("x", "y", "u")
    assert p(1, 0, 5) == 5


def test_variables_single_name():
    z = variables("z")
    assert isinstance(z, TropicalPolynomial)
    assert z.variables == ("z",)


def test_invalid_variable_name():
    with pytest.raises(TropicalValueError, match="'1x'"):
        variables("1x")


def test_shape_errors():
    with pytest.raises(ShapeMismatchError, match="one coefficient per row"):
        TropicalPolynomial([[1, 0]], [1, 2])
    with pytest.raises(ShapeMismatchError, match="variable names"):
        TropicalPolynomial([[1, 0]], [1], variables=["x"])
    with pytest.raises(ShapeMismatchError, match="different lengths"):
        polynomial({(1,): 0, (1, 2): 0})


def test_nan_and_infinite_coefficients_rejected():
    with pytest.raises(NotAnElementError, match="nan"):
        polynomial({(1,): math.nan})
    with pytest.raises(NotAnElementError, match="inf"):
        polynomial({(1,): math.inf})
    with pytest.raises(NotAnElementError):
        polynomial({(1,): -math.inf}, convention="min")
    with pytest.raises(TropicalValueError, match="exponent"):
        polynomial({(math.inf,): 0})


def test_conventions_do_not_mix():
    with pytest.raises(tn.ConventionMismatchError):
        x + x.mirrored()


# -- evaluation ---------------------------------------------------------------


def test_call_exact_and_float():
    p = x**2 + 1 * x * y + 3
    assert p(1, 2) == Fraction(4)
    assert isinstance(p(1, 2), Fraction)
    assert p(y=2, x=1) == 4
    assert p(Fraction(1, 2), Fraction(1, 3)) == 3
    assert isinstance(p(0.5, 0.5), float)


def test_call_at_tropical_zero():
    # A zero exponent times -inf contributes nothing (no NaN).
    t = variables("t")
    assert (t + 1)(-math.inf) == 1
    assert (t * 2)(-math.inf) == -math.inf
    with pytest.raises(NotAnElementError, match="negative exponent"):
        (t**-1 + 1)(-math.inf)


def test_call_errors():
    p = x + y
    with pytest.raises(ShapeMismatchError, match="expected 2"):
        p(1)
    with pytest.raises(NotAnElementError):
        p(math.nan, 1)
    with pytest.raises(VariableMismatchError, match="'w'"):
        p(x=1, w=2)
    with pytest.raises(VariableMismatchError, match="missing"):
        p(x=1)


def test_evaluate_points():
    p = x**2 + 1 * x * y + 3
    values = p.evaluate([[1, 2], [0, 0], [2, -1]])
    assert values.tolist() == [4.0, 3.0, 4.0]
    with pytest.raises(ShapeMismatchError, match=r"\(n_points, 2\)"):
        p.evaluate([1, 2])
    with pytest.raises(ShapeMismatchError):
        p.evaluate(np.zeros((3, 3)))
    with pytest.raises(NotAnElementError):
        p.evaluate([[math.nan, 0]])
    with pytest.raises(TropicalTypeError):
        p.evaluate([["a", "b"]])


def test_evaluate_with_tropical_zero_coordinate():
    values = (x + 1).evaluate([[-math.inf, 0.0], [2.0, 0.0]])
    assert values.tolist() == [1.0, 2.0]


def test_evaluate_exact_points():
    p = x * Fraction(1, 3) + y
    points = np.array([[Fraction(1, 2), Fraction(1)]], dtype=object)
    assert p.evaluate(points).tolist() == [Fraction(1)]


def test_evaluate_min_convention():
    p = (x + y + 1).mirrored()
    assert p.evaluate([[3.0, 2.0]]).tolist() == [1.0]
    assert p(3, 2) == 1


@given(exact_polynomials(n_vars=2), exact_points(2))
def test_evaluate_agrees_with_call(poly, points):
    array = np.array([[float(v) for v in pt] for pt in points])
    expected = [float(poly(*pt)) for pt in points]
    np.testing.assert_allclose(poly.evaluate(array), expected, rtol=1e-12, atol=1e-9)


def test_evaluate_large_blocks():
    rng = np.random.default_rng(0)
    exps = rng.integers(-3, 4, size=(300, 2)).astype(float)
    coefs = rng.normal(size=300)
    p = TropicalPolynomial(exps, coefs)
    points = rng.normal(size=(5000, 2))
    expected = (points @ p.exponents.T + p.coefficients).max(axis=1)
    np.testing.assert_allclose(p.evaluate(points), expected, rtol=1e-13, atol=1e-13)


# -- powers --------------------------------------------------------------------


def test_integer_power_expands_formally():
    # Every binomial coefficient is tropical one, never the number 2.
    assert (x + y) ** 2 == x**2 + x * y + y**2
    assert ((x + y) ** 2).coefficients.tolist() == [0, 0, 0]
    assert (x + y) ** 2 != x**2 + y**2


def test_fractional_power_scales():
    p = (2 * x + y) ** Fraction(1, 2)
    assert p == polynomial({(Fraction(1, 2), 0): 1, (0, Fraction(1, 2)): 0})


def test_power_zero_and_negative():
    assert (x + y) ** 0 == TropicalPolynomial.constant(0, ["x", "y"])
    assert (3 * x) ** -1 == (-3) * x**-1
    with pytest.raises(TropicalValueError, match="1 / f"):
        (x + y) ** -1


@given(exact_polynomials(max_terms=4), st.integers(0, 3), exact_points(3, max_size=3))
def test_power_is_multiple_as_function(poly, n, points):
    power = poly**n
    for pt in points:
        pt = pt[: poly.n_vars]
        assert power(*pt) == n * poly(*pt)


def test_division_by_monomial_is_polynomial():
    q = (x**2 + y) / x
    assert isinstance(q, TropicalPolynomial)
    assert q == x + y * x**-1


def test_division_by_polynomial_is_rational():
    r = x / (x + y)
    assert isinstance(r, tn.TropicalRational)
    assert r(1, 2) == -1


# -- reduction and equality ------------------------------------------------


def test_reduced_drops_inessential_terms():
    assert (x**2 + x * y + y**2).reduced() == x**2 + y**2
    assert (x**2 + x * y + y**2).reduced().n_terms == 2


def test_reduced_collinear_lifted_points():
    # (1, 1) lies on the segment between (0, 0) and (2, 2), so x*y is
    # never strictly maximal.
    p = 0 + x * y + x**2 * y**2
    assert p.reduced() == 0 + x**2 * y**2


def test_reduced_coefficients_affine_in_exponents():
    # c_k = 1 + a_k: the lifted points lie on one plane, and every vertex of
    # the Newton polytope stays.
    p = polynomial({(0, 0): 1, (1, 0): 2, (0, 1): 2, (1, 1): 3, (2, 0): 3})
    assert p.reduced() == polynomial({(0, 0): 1, (0, 1): 2, (1, 1): 3, (2, 0): 3})


def test_reduced_laurent_collinear():
    t = variables("t")
    p = t**-2 + 1 * t**-1 + 2 + 3 * t + 4 * t**2
    assert p.reduced() == t**-2 + 4 * t**2


def test_reduced_rational_exponents_stay_exact():
    t = variables("t")
    p = t ** Fraction(1, 3) + t ** Fraction(2, 3) * Fraction(-1, 7) + t
    reduced = p.reduced()
    assert reduced.is_exact
    assert reduced == t ** Fraction(1, 3) + t


def test_reduced_wide_coefficient_range_float():
    # Slopes 1e8, 1e-3 and -1e3 between consecutive lifted points: all four
    # are vertices, with breakpoints at -1e8, -1e-3 and 1e3.
    p = TropicalPolynomial([[0.0], [1.0], [2.0], [3.0]], [-1e8, 0.0, 1e-3, -999.999])
    reduced = p.reduced()
    assert len(reduced) == 4
    points = np.concatenate([np.linspace(-2e8, 2e3, 2001), [-1e8, -1e-3, 1e3, 0.0]])[
        :, None
    ]
    np.testing.assert_array_equal(reduced.evaluate(points), p.evaluate(points))


def test_reduced_min_convention():
    p = (x**2 + x * y + y**2).mirrored()
    assert p.reduced() == (x**2 + y**2).mirrored()


@given(exact_polynomials(), st.data())
def test_reduced_preserves_function_exactly(poly, data):
    reduced = poly.reduced()
    assert len(reduced) <= len(poly)
    base = data.draw(exact_points(poly.n_vars, 1, 1))[0]
    points = [base] + tie_points(poly, base)
    for pt in points:
        assert reduced(*pt) == poly(*pt)
        assert reduced.reduced() == reduced


@given(exact_polynomials(convention="min"), st.data())
def test_reduced_preserves_function_min(poly, data):
    reduced = poly.reduced()
    base = data.draw(exact_points(poly.n_vars, 1, 1))[0]
    for pt in [base] + tie_points(poly, base):
        assert reduced(*pt) == poly(*pt)


@given(exact_polynomials(max_terms=6))
def test_reduced_terms_are_strictly_maximal_somewhere(poly):
    # Removing any kept term changes the function.
    reduced = poly.reduced()
    if len(reduced) < 2:
        return
    for k in range(len(reduced)):
        keep = [i for i in range(len(reduced)) if i != k]
        smaller = TropicalPolynomial(
            reduced.exponents[keep], reduced.coefficients[keep], poly.variables
        )
        assert not smaller.equals(reduced)


@given(float_polynomials(), st.data())
def test_reduced_preserves_function_float(poly, data):
    reduced = poly.reduced()
    rng = np.random.default_rng(data.draw(st.integers(0, 1000)))
    points = rng.normal(scale=10, size=(200, poly.n_vars))
    np.testing.assert_allclose(
        reduced.evaluate(points), poly.evaluate(points), rtol=1e-9, atol=1e-9
    )


def test_formal_and_functional_equality_differ():
    square = (x + y) ** 2
    assert square == x**2 + x * y + y**2
    assert square != x**2 + y**2
    assert square.equals(x**2 + y**2)
    assert not square.equals(x**2 + y**2 + 1)


def test_equality_across_exactness_and_variables():
    assert polynomial({(1, 0): 2}) == polynomial({(1.0, 0.0): 2.0})
    (u,) = variables("x,")
    assert u == x
    assert hash(u) == hash(x)
    assert x != x.mirrored()
    assert (x + 0) != "x"


def test_equals_float_tolerance():
    p = TropicalPolynomial([[1.0], [0.0]], [0.0, 1.0])
    q = TropicalPolynomial([[1.0], [0.0]], [1e-12, 1.0])
    assert p.equals(q)
    assert not p.equals(q, tol=1e-15)


def test_coefficient_and_degree():
    p = 3 * x * y + y
    assert p.coefficient((1, 1)) == 3
    assert p.coefficient((2, 0)) == -math.inf
    assert p.degree() == 2
    with pytest.raises(TropicalValueError):
        TropicalPolynomial.zero(2).degree()


def test_to_float():
    p = (x + Fraction(1, 2) * y).to_float()
    assert not p.is_exact
    assert p.coefficients.tolist() == [0.5, 0.0]


def test_constant_polynomial_without_variables():
    c = TropicalPolynomial.constant(5)
    assert c() == 5
    assert c.evaluate(np.zeros((2, 0))).tolist() == [5.0, 5.0]
    assert c.reduced() == c


def test_printing_forms():
    p = x**2 + 1 * x * y + (-1) * y + 3
    assert str(p) == "x² ⊕ 1⊙x⊙y ⊕ (-1)⊙y ⊕ 3"
    assert p.to_classical() == "max(2*x, 1 + x + y, -1 + y, 3)"
    assert repr(x + y) == "TropicalPolynomial('x ⊕ y')"
    assert p._repr_latex_().startswith("$x^{2}")


def test_reduced_exponents_one_ulp_apart():
    # Exponents 1 and the next float after 1 are one monomial to float
    # arithmetic; the one with the larger coefficient must be kept.
    t = variables("t")
    near = float(np.nextafter(1.0, 2.0))
    p = polynomial({(1.0,): 3.0, (near,): 0.0, (2.0,): 0.0})
    reduced = p.reduced()
    for value in [0.0, 1.0, 2.0, 5.0]:
        assert reduced(value) == p(value)
    assert t.n_vars == 1
