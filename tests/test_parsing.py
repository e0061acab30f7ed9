"""Tests of tropicalnn.parsing: both notations, numbers, variables, errors."""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tropicalnn as tn
from tropicalnn import (
    TropicalParseError,
    TropicalPolynomial,
    TropicalRational,
    TropicalTypeError,
    parse,
    polynomial,
)
from tropicalnn.parsing import default_variable_order

x, y = tn.variables("x y")


def exact_terms(function):
    return [(tuple(exponent), c) for exponent, c in function.terms()]


# -- classical notation -------------------------------------------------------------


def test_classical_maximum_of_affine_terms():
    p = parse("max(0, x+1, y+1, x+y)")
    assert isinstance(p, TropicalPolynomial)
    assert p == polynomial({(0, 0): 0, (1, 0): 1, (0, 1): 1, (1, 1): 0})
    assert p.variables == ("x", "y")


def test_classical_difference_is_rational():
    r = parse("max(x, 0) - 2*max(x - 1, 0)")
    assert isinstance(r, TropicalRational)
    assert r.numerator == x.with_variables(["x"]) + 0
    assert r.denominator == polynomial({(2,): -2, (0,): 0})
    for point in [Fraction(-3), 0, Fraction(1, 2), Fraction(3, 2), 7]:
        expected = max(point, 0) - 2 * max(point - 1, 0)
        assert r(point) == expected


def test_sum_of_maxima_is_polynomial_product():
    p = parse("max(x, 0) + max(y, 0)")
    assert isinstance(p, TropicalPolynomial)
    assert p == (x + 0) * (y + 0)


def test_affine_difference_is_polynomial():
    p = parse("x - y + 1/2")
    assert isinstance(p, TropicalPolynomial)
    assert exact_terms(p) == [((1, -1), Fraction(1, 2))]


def test_monomial_denominator_folds_into_numerator():
    p = parse("max(x, y) - y")
    assert isinstance(p, TropicalPolynomial)
    assert p == polynomial({(1, -1): 0, (0, 0): 0})


def test_min_in_max_convention():
    r = parse("min(x, y)")
    assert isinstance(r, TropicalRational)
    for a, b in [(1, 2), (5, -3), (0, 0), (Fraction(1, 3), Fraction(1, 4))]:
        assert r(a, b) == min(a, b)


def test_min_in_min_convention_is_polynomial():
    p = parse("min(x, y + 1)", convention="min")
    assert isinstance(p, TropicalPolynomial)
    assert p.convention == "min"
    assert p == (x + 1 * y).mirrored()


def test_max_in_min_convention_is_rational():
    r = parse("max(x, 0)", convention="min")
    assert isinstance(r, TropicalRational)
    assert r.convention == "min"
    assert r(3) == 3
    assert r(-3) == 0


def test_tropical_sum_follows_convention():
    assert parse("x ⊕ 1", convention="min")(5) == 1
    assert parse("x ⊕ 1")(5) == 5


def test_scaling_keeps_terms_apart():
    p = parse("2*max(x, y)")
    assert exact_terms(p) == [((0, 2), 0), ((2, 0), 0)]


def test_negative_scaling_is_inverse():
    r = parse("-2*max(x, 0)")
    assert isinstance(r, TropicalRational)
    assert r(3) == -6
    assert r(-3) == 0


def test_division_by_number():
    assert parse("x/2") == x.with_variables(["x"]) ** Fraction(1, 2)
    assert parse("3*x/2 - y/3") == polynomial({(Fraction(3, 2), Fraction(-1, 3)): 0})


def test_abs_and_sympy_names():
    assert parse("abs(x - 1)") == parse("max(x - 1, 1 - x)")
    assert parse("Max(0, x + 1)") == parse("max(0, x + 1)")
    assert parse("Min(x, 0)") == parse("min(x, 0)")
    assert parse("Abs(x)") == parse("max(x, -x)")


def test_unicode_minus_sign():
    assert parse("x \u2212 1") == parse("x - 1")


def test_constant_expression():
    p = parse("max(1, 2) - 1/2")
    assert isinstance(p, TropicalPolynomial)
    assert p.variables == ()
    assert exact_terms(p) == [((), Fraction(3, 2))]


# -- numbers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("0.5", Fraction(1, 2)),
        ("0.1", Fraction(1, 10)),
        (".25", Fraction(1, 4)),
        ("5.", Fraction(5)),
        ("1e-05", Fraction(1, 100000)),
        ("2.5E+3", Fraction(2500)),
        ("1/3", Fraction(1, 3)),
        ("-3/4", Fraction(-3, 4)),
        ("1/2/2", Fraction(1, 4)),
    ],
)
def test_numbers_are_exact(text, value):
    p = parse(text)
    assert p.is_exact
    assert p.coefficients.tolist() == [value]


def test_numbers_as_floats():
    p = parse("max(0.1 + x, 2.5*x)", exact=False)
    assert not p.is_exact
    assert p.coefficients.tolist() == [0.1, 0.0]
    assert p.exponents.tolist() == [[1.0], [2.5]]


@pytest.mark.parametrize("text", ["-inf", "-∞", "-\\infty", "-oo"])
def test_tropical_zero_spellings(text):
    p = parse(text, variables=["x"])
    assert p.is_zero
    assert p.variables == ("x",)


def test_tropical_zero_is_neutral():
    assert parse("max(x, -inf)") == parse("x")
    assert parse("x ⊕ -∞") == parse("x")
    assert parse("(-∞) ⊙ x").is_zero


def test_plus_infinity_in_min_convention():
    p = parse("min(x, inf)", convention="min")
    assert p == x.mirrored().with_variables(["x"])
    assert parse("∞", convention="min").is_zero


# -- tropical notation --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["x^2", "x**2", "x²", "x^(2)", "x^{2}", "x^(4/2)", "x^(1+1)", "(x)^2"],
)
def test_power_spellings(text):
    assert parse(text) == polynomial({(2,): 0})


@pytest.mark.parametrize(
    "text, exponent",
    [
        ("x^(1/2)", Fraction(1, 2)),
        ("x^(-1)", Fraction(-1)),
        ("x^-1", Fraction(-1)),
        ("x⁻¹", Fraction(-1)),
        ("x¹²", Fraction(12)),
        ("x^2.5", Fraction(5, 2)),
        ("x^{-\\frac{1}{2}}", Fraction(-1, 2)),
    ],
)
def test_power_exponents(text, exponent):
    assert exact_terms(parse(text)) == [((exponent,), 0)]


@pytest.mark.parametrize(
    "text, coefficient",
    [
        ("3⊙x", Fraction(3)),
        ("(-1)⊙x", Fraction(-1)),
        ("-1⊙x", Fraction(-1)),
        ("(1/2)⊙x", Fraction(1, 2)),
        ("1/2⊙x", Fraction(1, 2)),
        ("x⊙(-1/2)", Fraction(-1, 2)),
        ("0.5⊙x", Fraction(1, 2)),
        ("x", Fraction(0)),
        ("0⊙x", Fraction(0)),
    ],
)
def test_coefficients(text, coefficient):
    assert exact_terms(parse(text)) == [((Fraction(1),), coefficient)]


def test_tropical_power_of_sum_expands():
    assert parse("(x ⊕ y)^2") == x**2 + x * y + y**2


def test_ascii_spellings_match_unicode():
    unicode = parse("x² ⊕ 1⊙x⊙y ⊕ (-1)⊙y ⊕ 3 ⊘ (x ⊕ 0)")
    ascii_text = parse("x^2 (+) 1(*)x(*)y (+) (-1)(*)y (+) 3 (/) (x (+) 0)")
    assert ascii_text == unicode


def test_tropical_quotient():
    r = parse("(x ⊕ 0) ⊘ (y ⊕ 0)")
    assert isinstance(r, TropicalRational)
    assert r.numerator == x + 0
    assert r.denominator == y + 0
    assert parse("x ⊘ y") == x / y


def test_latex_input():
    text = (
        "\\left(\\frac{1}{2} \\odot x_{1}^{2} \\oplus \\left(-3\\right)\\right) "
        "\\oslash \\left(x\\_2 \\oplus 0\\right)"
    )
    r = parse(text)
    assert r.variables == ("x1", "x_2")
    x1, x_2 = tn.variables("x1 x_2")
    assert r.numerator == Fraction(1, 2) * x1**2 + (-3)
    assert r.denominator == x_2 + 0


def test_latex_max_and_spacing():
    assert parse("\\max\\left(x,\\, 2 \\cdot y\\right)") == parse("max(x, 2*y)")
    assert parse("x \\; \\oplus \\! y") == parse("x ⊕ y")


# -- variables ------------------------------------------------------------------------


def test_variables_fix_order():
    p = parse("x + 1", variables=("y", "x"))
    assert p.variables == ("y", "x")
    assert p.exponents.tolist() == [[0, 1]]


def test_variables_as_string():
    assert parse("x", variables="x, y z").variables == ("x", "y", "z")


def test_default_order_is_natural():
    assert parse("x10 + x2 + x1").variables == ("x1", "x2", "x10")
    assert default_variable_order(["b", "a", "a1", "a"]) == ("a", "a1", "b")


def test_unknown_variable_position():
    with pytest.raises(TropicalParseError) as info:
        parse("max(x, w)", variables=["x"])
    assert info.value.position == 7
    assert "unknown variable 'w'" in str(info.value)


def test_invalid_variables_argument():
    with pytest.raises(tn.TropicalValueError):
        parse("x", variables=["x", "x"])


# -- errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, position, fragment",
    [
        ("", 0, "expected a number, a variable"),
        ("max(x, )", 7, "found ')'"),
        ("max(x", 5, "expected ')'"),
        ("(x ⊕ y}", 6, "expected ')'"),
        ("max x", 4, "expected '(' after max"),
        ("2x", 1, "2*x in classical notation or 2⊙x"),
        ("x*y", 1, "not piecewise linear"),
        ("x/y", 1, "tropical quotient write ⊘"),
        ("x/0", 1, "division by zero"),
        ("x^y", 1, "must be a number"),
        ("x § y", 2, "unexpected character '§'"),
        ("inf", 0, "not an element of the max-plus semiring"),
        ("nan", 0, "nan"),
        ("x ⊘ -∞", 2, "no tropical inverse"),
        ("\\foo", 0, "unknown LaTeX command"),
        ("\\left x", 6, "expected '('"),
        ("abs(x, y)", 0, "takes one argument"),
        ("1e99999", 0, "out of range"),
        ("max(x, 0) ⊙ y", 10, "tropical notation, but the expression is in classical"),
        ("x^2 + 1", 4, "classical notation, but the expression is in tropical"),
        ("2*(x ⊕ y)", 5, "one notation"),
        ("-x⊙y", 2, "one notation"),
        ("(1+2)⊙x", 5, "one notation"),
    ],
)
def test_parse_errors(text, position, fragment):
    with pytest.raises(TropicalParseError) as info:
        parse(text)
    assert info.value.position == position
    assert info.value.text == text
    assert fragment in str(info.value)
    assert f"position {position}" in str(info.value)


def test_error_message_is_one_line_with_caret_note():
    with pytest.raises(TropicalParseError) as info:
        parse("max(x, )")
    assert "\n" not in str(info.value)
    (note,) = info.value.__notes__
    text_line, caret_line = note.split("\n")
    assert text_line.strip() == "max(x, )"
    assert caret_line.index("^") - text_line.index("m") == 7


def test_long_text_caret_window():
    text = "max(" + ", ".join(f"x + {i}" for i in range(40)) + ", )"
    with pytest.raises(TropicalParseError) as info:
        parse(text)
    text_line, caret_line = info.value.__notes__[0].split("\n")
    assert len(text_line) < 90
    assert text_line[caret_line.index("^")] == ")"


@pytest.mark.parametrize(
    "text",
    ["(" * 5000 + "x" + ")" * 5000, "x" + "^2" * 450, "-" * 2000 + "x"],
)
def test_deep_nesting_is_an_error(text):
    with pytest.raises(TropicalParseError, match="nested too deeply"):
        parse(text)


def test_non_string_input():
    with pytest.raises(TropicalTypeError):
        parse(3)  # type: ignore[arg-type]


def test_parse_error_is_value_error():
    with pytest.raises(ValueError):
        parse("max(")


def test_long_sum_does_not_recurse():
    text = " + ".join(["x"] * 3000)
    assert exact_terms(parse(text)) == [((Fraction(3000),), 0)]


# -- random classical expressions agree with direct evaluation -------------------------

numbers = st.fractions(min_value=-5, max_value=5, max_denominator=3)


def _leaf():
    variable = st.sampled_from(["x", "y"]).map(
        lambda name: (name, lambda point, name=name: point[name])
    )
    constant = numbers.map(lambda c: (f"({c})", lambda point, c=c: c))
    return variable | constant


def _extend(children):
    pairs = st.lists(children, min_size=2, max_size=3)

    def call(name, pick):
        return pairs.map(
            lambda items: (
                f"{name}({', '.join(text for text, _ in items)})",
                lambda point: pick(f(point) for _, f in items),
            )
        )

    def binary(symbol, operation):
        return st.tuples(children, children).map(
            lambda ab: (
                f"({ab[0][0]} {symbol} {ab[1][0]})",
                lambda point: operation(ab[0][1](point), ab[1][1](point)),
            )
        )

    scaled = st.tuples(numbers, children).map(
        lambda cf: (f"({cf[0]})*{cf[1][0]}", lambda point: cf[0] * cf[1][1](point))
    )
    return (
        call("max", max)
        | call("min", min)
        | binary("+", lambda a, b: a + b)
        | binary("-", lambda a, b: a - b)
        | scaled
    )


classical_expressions = st.recursive(_leaf(), _extend, max_leaves=8)


@settings(max_examples=120)
@given(classical_expressions, st.lists(st.tuples(numbers, numbers), min_size=3,
                                       max_size=3))
def test_random_classical_expressions(expression, points):
    text, evaluate = expression
    for convention in ("max", "min"):
        function = parse(text, convention=convention, variables=("x", "y"))
        for a, b in points:
            assert function(a, b) == evaluate({"x": a, "y": b})
