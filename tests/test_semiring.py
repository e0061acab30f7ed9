"""Tests of tropical semiring values."""

import math
from fractions import Fraction

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from tropicalnn import (
    ConventionMismatchError,
    NotAnElementError,
    TropicalNumber,
    TropicalSemiring,
    TropicalTypeError,
    TropicalValueError,
    tropical_product,
    tropical_sum,
)

from .strategies import fractions

CONVENTIONS = ["max", "min"]


def elements(convention):
    zero = -math.inf if convention == "max" else math.inf
    return st.one_of(fractions, st.just(zero)).map(
        lambda v: TropicalNumber(v, convention)
    )


@pytest.mark.parametrize("convention", CONVENTIONS)
@given(data=st.data())
def test_semiring_laws(convention, data):
    a, b, c = (data.draw(elements(convention)) for _ in range(3))
    T = TropicalSemiring(convention)
    assert (a + b) + c == a + (b + c)
    assert a + b == b + a
    assert (a * b) * c == a * (b * c)
    assert a * b == b * a
    assert a * (b + c) == a * b + a * c
    assert a + T.zero == a
    assert a * T.one == a
    assert a * T.zero == T.zero
    assert a + a == a


def test_max_plus_operations():
    a, b = TropicalNumber(3), TropicalNumber(Fraction(1, 2))
    assert (a + b).value == 3
    assert (a * b).value == Fraction(7, 2)
    assert (a / b).value == Fraction(5, 2)
    assert (a**2).value == 6
    assert (b ** Fraction(1, 3)).value == Fraction(1, 6)


def test_min_plus_operations():
    a, b = TropicalNumber(3, "min"), TropicalNumber(-2, "min")
    assert (a + b).value == -2
    assert (a * b).value == 1
    assert TropicalSemiring("min").zero.value == math.inf


def test_exact_storage():
    assert isinstance(TropicalNumber(2).value, Fraction)
    assert isinstance(TropicalNumber(sympy.Rational(1, 3)).value, Fraction)
    assert TropicalNumber(sympy.Rational(1, 3)).value == Fraction(1, 3)
    assert isinstance(TropicalNumber(0.5).value, float)
    assert TropicalNumber(2).is_exact
    assert not TropicalNumber(2.0).is_exact


def test_numbers_mix_with_elements():
    a = TropicalNumber(3)
    assert (a + 5).value == 5
    assert (5 + a).value == 5
    assert (a * 1).value == 4


def test_zero_and_one():
    T = TropicalSemiring()
    assert T.zero.value == -math.inf
    assert T.zero.is_zero
    assert T.one.value == 0
    assert TropicalNumber(3.5) + T.zero == TropicalNumber(3.5)


def test_order_is_numeric():
    assert TropicalNumber(float("-inf")) < TropicalNumber(-(10**9))
    assert TropicalNumber(1, "min") < TropicalNumber(2, "min")
    assert max(TropicalNumber(1), TropicalNumber(4)).value == 4


@pytest.mark.parametrize("value", [math.nan, math.inf])
def test_max_plus_rejects(value):
    with pytest.raises(NotAnElementError, match="not an element"):
        TropicalNumber(value)


@pytest.mark.parametrize("value", [math.nan, -math.inf])
def test_min_plus_rejects(value):
    with pytest.raises(NotAnElementError, match="min-plus"):
        TropicalNumber(value, "min")


def test_rejects_non_numbers():
    with pytest.raises(TropicalTypeError, match="'abc'"):
        TropicalNumber("abc")
    with pytest.raises(TropicalTypeError):
        TropicalNumber(True)


def test_conventions_do_not_mix():
    with pytest.raises(ConventionMismatchError):
        TropicalNumber(1) + TropicalNumber(2, "min")


def test_invalid_convention():
    with pytest.raises(TropicalValueError, match="'plus'"):
        TropicalSemiring("plus")


def test_division_by_zero():
    with pytest.raises(TropicalValueError, match="tropical zero"):
        TropicalNumber(1) / TropicalNumber(float("-inf"))


def test_zero_powers():
    zero = TropicalNumber(float("-inf"))
    assert (zero**0).value == 0
    assert (zero**2).is_zero
    with pytest.raises(TropicalValueError):
        zero**-1


def test_sum_and_product_helpers():
    assert tropical_sum([]).is_zero
    assert tropical_product([]).value == 0
    assert tropical_sum([1, 7, 3]).value == 7
    assert tropical_sum([1, 7, 3], "min").value == 1
    assert tropical_product([1, 7, 3]).value == 11
    assert tropical_sum([TropicalNumber(2), float("-inf")]).value == 2


def test_builtin_sum_starts_at_tropical_one():
    # sum() starts from the number 0, which is tropical one: the trap that
    # tropical_sum avoids.
    values = [TropicalNumber(-3), TropicalNumber(-5)]
    assert sum(values).value == 0
    assert tropical_sum(values).value == -3


def test_printing():
    assert str(TropicalNumber(Fraction(-1, 2))) == "-1/2"
    assert str(TropicalNumber(float("-inf"))) == "-∞"
    assert repr(TropicalNumber(Fraction(1, 2), "min")) == "TropicalNumber('1/2', 'min')"
    assert TropicalNumber(Fraction(1, 2))._repr_latex_() == "$\\frac{1}{2}$"
