"""Tests of tropicalnn.printing: the four styles, their rules, and that
tropicalnn.parse reads every printed form back to the same terms."""

import ast
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tropicalnn as tn
from tropicalnn import TropicalPolynomial, TropicalRational, parse, polynomial
from tropicalnn.printing import (
    STYLES,
    format_function,
    format_number,
    format_polynomial,
    format_rational,
    latex_name,
)

x, y = tn.variables("x y")


# -- fixed examples --------------------------------------------------------------


def test_polynomial_in_every_style():
    p = x**2 + 1 * x * y + (-1) * y + 3
    assert format_polynomial(p, "tropical") == "x² ⊕ 1⊙x⊙y ⊕ (-1)⊙y ⊕ 3"
    assert format_polynomial(p, "ascii") == "x^2 (+) 1(*)x(*)y (+) (-1)(*)y (+) 3"
    assert format_polynomial(p, "classical") == "max(2*x, 1 + x + y, -1 + y, 3)"
    assert format_polynomial(p, "latex") == (
        "x^{2} \\oplus 1 \\odot x \\odot y \\oplus \\left(-1\\right) \\odot y "
        "\\oplus 3"
    )


def test_rational_in_every_style():
    r = (x + 0) / (2 * x + 1)
    assert format_rational(r, "tropical") == "(x ⊕ 0) ⊘ (2⊙x ⊕ 1)"
    assert format_rational(r, "ascii") == "(x (+) 0) (/) (2(*)x (+) 1)"
    assert format_rational(r, "classical") == "max(x, 0) - max(2 + x, 1)"
    assert format_rational(r, "latex") == (
        "\\left(x \\oplus 0\\right) \\oslash \\left(2 \\odot x \\oplus 1\\right)"
    )
    assert r.format("ascii") == format_rational(r, "ascii")
    assert str(r) == format_rational(r)


def test_terms_by_degree_then_lexicographic():
    p = x**2 + x * y + y**2 + x + y + 0 + x**-1
    assert str(p) == "x² ⊕ x⊙y ⊕ y² ⊕ x ⊕ y ⊕ 0 ⊕ x⁻¹"


def test_coefficient_zero_is_left_out_before_variables():
    p = 0 * x + 0
    assert str(p) == "x ⊕ 0"
    assert p.to_classical() == "max(x, 0)"
    assert parse("0⊙x ⊕ 0") == p


def test_negative_and_fractional_coefficients():
    p = Fraction(-1, 2) * x + Fraction(3, 4) * y + (-2)
    assert str(p) == "(-1/2)⊙x ⊕ (3/4)⊙y ⊕ (-2)"
    assert p.to_classical() == "max(-1/2 + x, 3/4 + y, -2)"
    assert format_polynomial(p, "latex") == (
        "\\left(-\\frac{1}{2}\\right) \\odot x \\oplus \\frac{3}{4} \\odot y "
        "\\oplus \\left(-2\\right)"
    )


def test_exponents_in_each_style():
    p = x ** Fraction(3, 2) * y**-2
    assert str(p) == "x^(3/2)⊙y⁻²"
    assert format_polynomial(p, "ascii") == "x^(3/2)(*)y^(-2)"
    assert format_polynomial(p, "classical") == "3*x/2 - 2*y"
    assert format_polynomial(p, "latex") == "x^{\\frac{3}{2}} \\odot y^{-2}"
    q = x ** Fraction(1, 3) * y ** Fraction(-5, 3)
    assert format_polynomial(q, "classical") == "x/3 - 5*y/3"


def test_float_numbers():
    p = TropicalPolynomial([[2.5, 0.0], [1.0, -0.5]], [1e-05, -0.25])
    assert str(p) == "(1e-05)⊙x^2.5 ⊕ (-0.25)⊙x⊙y^(-0.5)"
    assert p.to_classical() == "max(1e-05 + 2.5*x, -0.25 + x - 0.5*y)"
    assert format_number(0.1) == "0.1"


def test_negative_zero_float_constant():
    p = TropicalPolynomial([[1.0], [0.0]], [0.0, -0.0])
    assert str(p) == "x ⊕ (-0.0)"
    assert p.to_classical() == "max(x, 0.0)"


def test_empty_polynomial():
    empty = TropicalPolynomial.zero(["x"])
    assert str(empty) == "-∞"
    assert empty.format("ascii") == "-inf"
    assert empty.to_classical() == "-inf"
    assert empty.format("latex") == "-\\infty"
    empty_min = TropicalPolynomial.zero(["x"], "min")
    assert str(empty_min) == "+∞"
    assert empty_min.to_classical() == "inf"


def test_rational_parentheses():
    x1, x2 = tn.variables("x1 x2")
    assert str(TropicalRational(x1, 1 * x2)) == "x1 ⊘ (1⊙x2)"
    assert str(TropicalRational(x1, x2**2)) == "x1 ⊘ x2²"
    assert str(TropicalRational(x1 * x2, x1 + x2)) == "x1⊙x2 ⊘ (x1 ⊕ x2)"
    assert TropicalRational(x1, (-1) * x2).to_classical() == "x1 - (-1 + x2)"
    assert TropicalRational(x1, x2**-1).to_classical() == "x1 - (-x2)"
    assert TropicalRational(x1, 2 * x2**0).to_classical() == "x1 - 2"
    assert TropicalRational(x1, x2**2).to_classical() == "x1 - 2*x2"


def test_rational_with_empty_numerator():
    r = TropicalRational(TropicalPolynomial.zero(["x"]), x.with_variables(["x"]) + 0)
    assert str(r) == "-∞ ⊘ (x ⊕ 0)"
    assert r.to_classical() == "-inf - max(x, 0)"
    assert parse(str(r)) == r


def test_latex_names():
    assert latex_name("x1") == "x_{1}"
    assert latex_name("alpha12") == "alpha_{12}"
    assert latex_name("x_1") == "x\\_1"
    assert latex_name("x1y") == "x1y"
    w = TropicalPolynomial([[1, 2]], [0], ["x1", "x_1"])
    assert w.format("latex") == "x_{1} \\odot x\\_1^{2}"
    assert parse(w.format("latex"), variables=w.variables) == w


def test_repr_latex_hooks():
    assert (x + 1)._repr_latex_() == "$x \\oplus 1$"
    assert ((x + 0) / (y + 0))._repr_latex_() == (
        "$\\left(x \\oplus 0\\right) \\oslash \\left(y \\oplus 0\\right)$"
    )


def test_repr_shows_what_parse_needs():
    assert repr(x + y) == "TropicalPolynomial('x ⊕ y')"
    assert repr(x + 2) == "TropicalPolynomial('x ⊕ 2', variables=('x', 'y'))"
    swapped = (x + y).with_variables(["y", "x"])
    assert repr(swapped) == "TropicalPolynomial('y ⊕ x', variables=('y', 'x'))"
    assert repr((x + y).mirrored()) == "TropicalPolynomial('x ⊕ y', convention='min')"
    assert repr((x + y).to_float()) == "TropicalPolynomial('x ⊕ y', exact=False)"


def test_repr_of_rational():
    r = (x + 0) / (y + 0)
    assert repr(r) == (
        "TropicalRational(TropicalPolynomial('x ⊕ 0', variables=('x', 'y')), "
        "TropicalPolynomial('y ⊕ 0', variables=('x', 'y')))"
    )


def test_unknown_style():
    with pytest.raises(tn.TropicalValueError, match="unknown style 'fancy'"):
        format_polynomial(x, "fancy")


def test_format_function_rejects_other_types():
    with pytest.raises(tn.TropicalTypeError):
        format_function(3, "tropical")


# -- round trips -------------------------------------------------------------------

NAMES = ("x", "y", "z", "x1", "x_2", "w10", "_t")
exact_numbers = st.fractions(min_value=-20, max_value=20, max_denominator=6)
exact_exponents = st.one_of(
    st.integers(-3, 4).map(Fraction),
    st.fractions(min_value=-3, max_value=3, max_denominator=4),
)
float_numbers = st.one_of(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0.1, -0.0, 1e-05, 2.5e-300, 1e22, 1 / 3]),
)


@st.composite
def variable_names(draw):
    return tuple(draw(st.lists(st.sampled_from(NAMES), max_size=3, unique=True)))


@st.composite
def polynomials(draw, numbers, exponents, min_terms=0, names=None, convention=None):
    if names is None:
        names = draw(variable_names())
    if convention is None:
        convention = draw(st.sampled_from(["max", "min"]))
    keys = st.tuples(*[exponents for _ in names])
    terms = draw(st.dictionaries(keys, numbers, min_size=min_terms, max_size=6))
    if not terms:
        exact = numbers is exact_numbers
        return TropicalPolynomial.zero(names, convention, exact)
    rows = [list(key) for key in terms]
    return TropicalPolynomial(rows, list(terms.values()), names, convention)


@st.composite
def rationals(draw, numbers=exact_numbers, exponents=exact_exponents):
    """Rational functions whose denominator has two terms or more; one with
    a monomial denominator is a polynomial and parses as one."""
    names = draw(variable_names().filter(len))
    convention = draw(st.sampled_from(["max", "min"]))
    top = draw(polynomials(numbers, exponents, 0, names, convention))
    bottom = draw(polynomials(numbers, exponents, 2, names, convention))
    return TropicalRational(top, bottom)


def assert_round_trip(function, style, exact=True):
    text = format_function(function, style)
    back = parse(
        text, convention=function.convention, variables=function.variables, exact=exact
    )
    assert type(back) is type(function), text
    assert back == function, text
    assert back.variables == function.variables
    assert back.convention == function.convention
    return back


@settings(max_examples=250)
@given(polynomials(exact_numbers, exact_exponents))
def test_exact_polynomials_round_trip(poly):
    for style in STYLES:
        back = assert_round_trip(poly, style)
        assert back.is_exact


@settings(max_examples=150)
@given(rationals())
def test_exact_rationals_round_trip(function):
    for style in STYLES:
        back = assert_round_trip(function, style)
        assert back.numerator == function.numerator
        assert back.denominator == function.denominator


@settings(max_examples=120)
@given(polynomials(float_numbers, float_numbers, min_terms=1))
def test_float_polynomials_round_trip(poly):
    poly = poly.to_float()
    for style in STYLES:
        assert_round_trip(poly, style, exact=True)
        back = assert_round_trip(poly, style, exact=False)
        assert not back.is_exact
        assert np.array_equal(back.exponents, poly.exponents)
        assert np.array_equal(back.coefficients, poly.coefficients)


@settings(max_examples=60)
@given(rationals(float_numbers, float_numbers))
def test_float_rationals_round_trip(function):
    function = TropicalRational(
        function.numerator.to_float(), function.denominator.to_float()
    )
    for style in STYLES:
        assert_round_trip(function, style, exact=False)


@settings(max_examples=60)
@given(
    polynomials(exact_numbers, exact_exponents, names=("x", "y")),
    polynomials(exact_numbers, exact_exponents, 1, ("x", "y"), "max"),
)
def test_monomial_denominator_parses_as_polynomial(top, monomial):
    top = top if top.convention == "max" else top.mirrored()
    monomial = TropicalPolynomial(monomial.exponents[:1], monomial.coefficients[:1],
                                  ("x", "y"))
    function = TropicalRational(top, monomial)
    for style in STYLES:
        back = parse(function.format(style), variables=("x", "y"))
        assert isinstance(back, TropicalPolynomial)
        assert back == top / monomial


def _rebuild_from_repr(poly):
    call = ast.parse(repr(poly), mode="eval").body
    assert isinstance(call, ast.Call)
    assert call.func.id == "TropicalPolynomial"
    (text,) = [ast.literal_eval(argument) for argument in call.args]
    options = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
    return parse(text, **options)


@settings(max_examples=100)
@given(st.one_of(polynomials(exact_numbers, exact_exponents),
                 polynomials(float_numbers, float_numbers).map(
                     lambda p: p.to_float())))
def test_repr_rebuilds_polynomial(poly):
    back = _rebuild_from_repr(poly)
    assert back.variables == poly.variables
    assert back.convention == poly.convention
    assert back.is_exact == poly.is_exact
    assert np.array_equal(back.exponents, poly.exponents)
    assert np.array_equal(back.coefficients, poly.coefficients)


def test_polynomial_from_terms_round_trips():
    p = polynomial({(2, 0): Fraction(1, 3), (0, -1): -7, (1, 1): 0})
    for style in STYLES:
        assert parse(p.format(style)) == p
