"""Tests of tropicalnn.symbolic, the bridge to sympy."""

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import tropicalnn as tn
from tropicalnn import (
    TropicalPolynomial,
    TropicalRational,
    TropicalTypeError,
    TropicalValueError,
    from_sympy,
)

from .test_printing import exact_exponents, exact_numbers, polynomials, rationals

x, y = tn.variables("x y")
a, b = sympy.symbols("a b")


# -- to_sympy ------------------------------------------------------------------------


def test_polynomial_to_sympy():
    expr = (x**2 + 1 * x * y + 3).to_sympy()
    X, Y = sympy.symbols("x y", real=True)
    assert isinstance(expr, sympy.Max)
    assert set(expr.args) == {2 * X, X + Y + 1, sympy.Integer(3)}


def test_to_sympy_keeps_every_term():
    expr = (x + 1 * y + Fraction(1, 2) * x * y).to_sympy()
    assert len(expr.args) == 3


def test_rational_and_min_to_sympy():
    r = (x + 0) / (y + 0)
    assert r.to_sympy([a, b]) == sympy.Max(a, 0) - sympy.Max(b, 0)
    assert (x + 1).mirrored().to_sympy({"x": a, "y": b}) == sympy.Min(a, 1)


def test_empty_polynomial_to_sympy():
    assert TropicalPolynomial.zero(["x"]).to_sympy() == -sympy.oo
    assert TropicalPolynomial.zero(["x"], "min").to_sympy() == sympy.oo


def test_to_sympy_symbols_errors():
    with pytest.raises(TropicalValueError, match="2 variables"):
        (x + y).to_sympy([a])
    with pytest.raises(TropicalValueError, match="'y'"):
        (x + y).to_sympy({"x": a})


def test_float_coefficients_survive_sympy():
    p = TropicalPolynomial([[1.0], [0.0]], [0.1 + 0.2, 1 / 3], ["x"])
    back = from_sympy(p.to_sympy(), reduce=False)
    assert not back.is_exact
    assert back.coefficients.tolist() == p.coefficients.tolist()


# -- from_sympy ------------------------------------------------------------------------


def test_from_sympy_reduces_what_sympy_keeps():
    mean = sympy.Max(a, b, (a + b) / 2)
    assert len(mean.args) == 3
    p = from_sympy(mean)
    assert isinstance(p, TropicalPolynomial)
    assert p == tn.polynomial({(1, 0): 0, (0, 1): 0}, ["a", "b"])
    assert len(from_sympy(mean, reduce=False)) == 3


def test_from_sympy_reduces_dominated_chain():
    expr = sympy.Max(0, 2 * a, a - 1)
    assert len(expr.args) == 3
    assert len(from_sympy(expr)) == 2


def test_from_sympy_rational():
    r = from_sympy(sympy.Max(a, 0) - sympy.Max(b, 0))
    assert isinstance(r, TropicalRational)
    assert r(3, 5) == -2


def test_from_sympy_min_convention():
    p = from_sympy(sympy.Min(a, b + 1), convention="min")
    assert isinstance(p, TropicalPolynomial)
    assert p.convention == "min"
    assert isinstance(from_sympy(sympy.Min(a, b + 1)), TropicalRational)


def test_from_sympy_abs_and_numbers():
    assert from_sympy(sympy.Abs(a)) == from_sympy(sympy.Max(a, -a))
    assert from_sympy(sympy.Rational(3, 2)).coefficients.tolist() == [Fraction(3, 2)]
    assert from_sympy(3).variables == ()
    assert from_sympy(-sympy.oo, variables=["a"]).is_zero


def test_from_sympy_variables():
    p = from_sympy(a + 1, variables=["b", "a"])
    assert p.variables == ("b", "a")
    with pytest.raises(TropicalValueError, match="'b'"):
        from_sympy(a + b, variables=["a"])


@pytest.mark.parametrize(
    "expr, error",
    [
        (a * b, TropicalValueError),
        (2 * a * b, TropicalValueError),
        (a**2, TropicalTypeError),
        (sympy.sin(a), TropicalTypeError),
        (sympy.pi * a, TropicalValueError),
        (sympy.oo, TropicalValueError),
        (sympy.nan, TropicalValueError),
        ("max(a, 0)", TropicalTypeError),
    ],
)
def test_from_sympy_rejects(expr, error):
    with pytest.raises(error):
        from_sympy(expr)


@settings(max_examples=80)
@given(polynomials(exact_numbers, exact_exponents))
def test_sympy_round_trip_polynomials(poly):
    back = from_sympy(poly.to_sympy(), poly.convention, poly.variables, reduce=False)
    assert back == poly
    assert back.variables == poly.variables


@settings(max_examples=60)
@given(rationals())
def test_sympy_round_trip_rationals(function):
    back = from_sympy(
        function.to_sympy(), function.convention, function.variables, reduce=False
    )
    # sympy turns -oo - Max(...) into -oo and Max(f) - Max(f) into 0; both
    # are still the same function.
    if function.numerator.is_zero or function.numerator == function.denominator:
        assert back.equals(function)
    else:
        assert back == function


# -- random nested expressions agree with sympy -------------------------------------

small = st.fractions(min_value=-4, max_value=4, max_denominator=3)
leaves = st.sampled_from([a, b]) | small.map(lambda q: sympy.Rational(q.numerator,
                                                                       q.denominator))


def _extend(children):
    pairs = st.lists(children, min_size=2, max_size=3)
    scaled = st.tuples(small.filter(bool), children).map(
        lambda qe: sympy.Rational(qe[0].numerator, qe[0].denominator) * qe[1]
    )
    return (
        pairs.map(lambda args: sympy.Max(*args))
        | pairs.map(lambda args: sympy.Min(*args))
        | st.tuples(children, children).map(lambda ab: ab[0] + ab[1])
        | st.tuples(children, children).map(lambda ab: ab[0] - ab[1])
        | scaled
    )


nested = st.recursive(leaves, _extend, max_leaves=8)


@settings(max_examples=80)
@given(nested, st.lists(st.tuples(small, small), min_size=3, max_size=3),
       st.sampled_from(["max", "min"]))
def test_nested_expressions_agree_with_sympy(expr, points, convention):
    function = from_sympy(expr, convention, variables=["a", "b"])
    for u, v in points:
        expected = expr.subs({a: sympy.Rational(u.numerator, u.denominator),
                              b: sympy.Rational(v.numerator, v.denominator)})
        value = function(u, v)
        assert isinstance(value, Fraction)
        assert value == Fraction(int(expected.p), int(expected.q))


# -- sympy printers ------------------------------------------------------------------


def test_sympy_printers_on_polynomials():
    p = x**2 + (-1) * y
    assert sympy.latex(p) == "x^{2} \\oplus \\left(-1\\right) \\odot y"
    assert sympy.pretty(p, use_unicode=True) == "x² ⊕ (-1)⊙y"
    assert sympy.pretty(p, use_unicode=False) == "x^2 (+) (-1)(*)y"
    assert sympy.sstr(p) == "x² ⊕ (-1)⊙y"


def test_sympy_printers_on_rationals():
    r = (x + 0) / (y + 0)
    assert sympy.latex(r) == (
        "\\left(x \\oplus 0\\right) \\oslash \\left(y \\oplus 0\\right)"
    )
    assert sympy.pretty(r, use_unicode=True) == "(x ⊕ 0) ⊘ (y ⊕ 0)"
    assert sympy.sstr([r]) == "[(x ⊕ 0) ⊘ (y ⊕ 0)]"


def test_no_sympify_hook():
    # Without _sympy_, sympy numbers on the left fall back to the tropical
    # operators of the polynomial.
    assert sympy.Integer(2) + x == x + 2
