"""Hypothesis strategies for tropical objects and networks."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import strategies as st

from tropicalnn import Network, TropicalPolynomial

small_ints = st.integers(min_value=-4, max_value=4)

fractions = st.fractions(min_value=-6, max_value=6, max_denominator=4)

finite_floats = st.floats(
    min_value=-1e3, max_value=1e3, allow_nan=False, allow_infinity=False
)


@st.composite
def exact_polynomials(
    draw,
    n_vars: int | None = None,
    max_terms: int = 8,
    convention: str = "max",
    laurent: bool = True,
):
    """Exact polynomials with small integer (or Laurent) exponents and
    fractional coefficients."""
    if n_vars is None:
        n_vars = draw(st.integers(min_value=1, max_value=3))
    low = -2 if laurent else 0
    exponent = st.tuples(*[st.integers(low, 3) for _ in range(n_vars)])
    terms = draw(st.dictionaries(exponent, fractions, min_size=1, max_size=max_terms))
    return TropicalPolynomial(
        [list(key) for key in terms], list(terms.values()), convention=convention
    )


@st.composite
def float_polynomials(draw, n_vars: int = 2, max_terms: int = 10):
    """Float polynomials with real exponents."""
    n_terms = draw(st.integers(min_value=1, max_value=max_terms))
    values = st.floats(-5, 5, allow_nan=False, allow_infinity=False)
    exponents = draw(
        st.lists(
            st.lists(values, min_size=n_vars, max_size=n_vars),
            min_size=n_terms,
            max_size=n_terms,
        )
    )
    coefficients = draw(st.lists(values, min_size=n_terms, max_size=n_terms))
    return TropicalPolynomial(
        np.array(exponents, dtype=float), np.array(coefficients, dtype=float)
    )


def exact_points(n_vars: int, min_size: int = 1, max_size: int = 6):
    """Lists of exact points."""
    return st.lists(
        st.tuples(*[fractions for _ in range(n_vars)]),
        min_size=min_size,
        max_size=max_size,
    )


ACTIVATIONS = ["relu", "identity", "leaky_relu:1/10", "leaky_relu:1/2", "relu:1"]


@st.composite
def networks(
    draw,
    exact: bool = True,
    max_inputs: int = 3,
    max_width: int = 4,
    max_depth: int = 3,
):
    """Random networks of random depth, width and activation.

    Exact networks have small Fraction parameters; float ones have float64
    parameters."""
    n_inputs = draw(st.integers(1, max_inputs))
    depth = draw(st.integers(1, max_depth))
    widths = [n_inputs] + [draw(st.integers(1, max_width)) for _ in range(depth)]
    widths.append(draw(st.integers(1, 2)))
    values = fractions if exact else finite_floats.map(lambda v: v / 100)
    weights, biases, activations = [], [], []
    for n_in, n_out in zip(widths[:-1], widths[1:]):
        w = draw(
            st.lists(
                st.lists(values, min_size=n_in, max_size=n_in),
                min_size=n_out,
                max_size=n_out,
            )
        )
        b = draw(st.lists(values, min_size=n_out, max_size=n_out))
        if exact:
            weights.append(np.array(w, dtype=object))
            biases.append(np.array(b, dtype=object))
        else:
            weights.append(np.array(w, dtype=float))
            biases.append(np.array(b, dtype=float))
        activations.append(draw(st.sampled_from(ACTIVATIONS)))
    activations[-1] = "identity"
    return Network.from_arrays(weights, biases, activations)


def as_fraction_array(points) -> np.ndarray:
    """Return an object array of Fractions from nested sequences."""
    array = np.empty((len(points), len(points[0])), dtype=object)
    for i, row in enumerate(points):
        for j, value in enumerate(row):
            array[i, j] = Fraction(value)
    return array
