"""Tests of the network-to-formula conversion against the forward pass."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tropicalnn import Network, TropicalRational, to_tropical, variables
from tropicalnn.nn import Linear, Maxout, MaxPool, ReLU, convert
from tropicalnn.nn.io import default_model_path, load_iris_data, load_model

from .strategies import as_fraction_array, exact_points, networks

# Float conversions are checked to this absolute error, relative to the
# size of the values.
FLOAT_TOLERANCE = 1e-9


@given(
    st.one_of(
        networks(exact=True, max_inputs=3, max_width=4, max_depth=2),
        networks(exact=True, max_inputs=2, max_width=3, max_depth=3),
    ),
    st.data(),
)
def test_exact_conversion_equals_forward_pass(net, data):
    formula = to_tropical(net)
    points = data.draw(exact_points(net.n_inputs, 1, 5))
    inputs = as_fraction_array(points)
    expected = net.forward(inputs)
    for row, point in enumerate(points):
        values = formula(*point)
        assert values == list(expected[row])
        assert all(isinstance(v, Fraction) for v in values)


@given(networks(exact=True, max_width=3, max_depth=2), st.data())
def test_unreduced_formula_is_the_same_function(net, data):
    reduced = to_tropical(net)
    formal = to_tropical(net, reduce=False)
    assert reduced.equals(formal)
    points = data.draw(exact_points(net.n_inputs, 1, 3))
    for point in points:
        assert reduced(*point) == formal(*point)


@given(networks(exact=False), st.integers(0, 10**6))
def test_float_conversion_equals_forward_pass(net, seed):
    formula = to_tropical(net)
    points = np.random.default_rng(seed).normal(scale=3, size=(200, net.n_inputs))
    expected = net.forward(points)
    got = formula.evaluate(points)
    scale = 1 + np.abs(expected).max()
    assert np.abs(got - expected).max() <= FLOAT_TOLERANCE * scale


def test_case_network_values():
    # Rows of W1 are neurons; no ReLU on the output layer.
    net = Network.from_arrays(
        [[[1, 2], [0, -1], [3, 1]], [[1, -1, 2]]], [[0, 1, -1], [Fraction(1, 2)]]
    )
    f = to_tropical(net)[0]
    assert f(1, 2) == Fraction(27, 2)
    assert f(-1, Fraction(1, 2)) == 0
    assert f(0, 0) == Fraction(-1, 2)
    assert f(-2, 3) == Fraction(9, 2)


def test_case_network_sklearn_layout():
    # scikit-learn stores coefs_ as (n_in, n_out); transposing gives the
    # same network.
    W1 = np.array([[1, 2], [0, -1], [3, 1]])
    W2 = np.array([[1, -1, 2]])
    coefs = [W1.T, W2.T]
    net = Network.from_arrays([c.T for c in coefs], [[0, 1, -1], [Fraction(1, 2)]])
    assert to_tropical(net)[0](0, 0) == Fraction(-1, 2)


def hidden(weights, biases, out, out_bias=0):
    return Network.from_arrays([weights, [out]], [biases, [out_bias]])


def test_cancellation_is_identity():
    # relu(x) - relu(-x) = x
    net = hidden([[1], [-1]], [0, 0], [1, -1])
    f = to_tropical(net)[0]
    assert f.equals(TropicalRational(variables("x")))


def test_hat_function():
    net = hidden([[1], [1], [1]], [0, -1, -2], [1, -2, 1])
    f = to_tropical(net)[0]
    for value, expected in [
        (-1, 0),
        (0, 0),
        (Fraction(1, 2), Fraction(1, 2)),
        (1, 1),
        (Fraction(3, 2), Fraction(1, 2)),
        (2, 0),
        (5, 0),
    ]:
        assert f(value) == expected


def test_sum_of_relus_is_one_max():
    # relu(x) + relu(2x) = max(0, 3x)
    net = hidden([[1], [2]], [0, 0], [1, 1])
    f = to_tropical(net)[0]
    x = variables("x")
    assert f.equals(TropicalRational(0 + x**3))
    assert len(f.reduced().numerator) == 2


def test_dead_unit_and_zero_output_weight():
    net = hidden([[0], [1], [1]], [-2, 0, -1], [5, 1, 0])
    f = to_tropical(net)[0]
    x = variables("x")
    assert f.equals(TropicalRational(0 + x))


def test_leaky_relu_exact():
    net = Network.from_arrays(
        [[[1], [-1]], [[1, 1]]], [[0, 1], [0]], ["leaky_relu:1/10", "identity"]
    )
    f = to_tropical(net)[0]
    for value in [-3, -1, 0, Fraction(1, 2), 1, 4]:
        point = np.array([[Fraction(value)]], dtype=object)
        assert f(value) == net.forward(point)[0, 0]


def test_threshold_relu():
    net = Network.from_arrays([[[1]], [[1]]], [[0], [0]], ["relu:2", "identity"])
    f = to_tropical(net)[0]
    assert f(0) == 2
    assert f(5) == 5


def test_maxout_and_maxpool_exact():
    net = Network(
        [
            Linear([[1, 0], [0, 1], [1, 1], [-1, 2]], [0, 1, -1, 0]),
            Maxout(2),
            Linear([[1, -1]], [0]),
        ]
    )
    pool = Network(
        [
            Linear([[1, 0], [0, 1], [1, -1]], [0, 0, 1]),
            MaxPool(2, 1),
            ReLU(),
            Linear([[2, -1]], [0]),
        ]
    )
    for model in (net, pool):
        formula = to_tropical(model)
        for point in [(0, 0), (1, -2), (Fraction(-3, 2), 4), (5, 5)]:
            inputs = as_fraction_array([point])
            assert formula(*point) == list(model.forward(inputs)[0])


def test_one_hidden_layer_term_counts():
    # n units on d inputs: at most sum_{i<=d} C(n, i) regions, so the
    # reduced numerator of one output cannot have more terms than that.
    rng = np.random.default_rng(3)
    weights = rng.integers(-5, 6, size=(5, 2))
    net = hidden(weights, rng.integers(-3, 4, size=5), rng.integers(-3, 4, size=5))
    result = convert(net)
    assert result.terms_after[0][0] <= 1 + 5 + 10
    assert result.map.is_exact if hasattr(result.map, "is_exact") else True


def test_conversion_counts_are_recorded():
    result = convert(load_model(default_model_path()))
    assert len(result.terms_before) == 3
    assert all(
        b >= a for (b, _), (a, _) in zip(result.terms_before, result.terms_after)
    )
    assert len(result.layers) == 4


def test_iris_formula_matches_forward_pass():
    net = load_model(default_model_path())
    formula = to_tropical(net)
    data, _ = load_iris_data()
    rng = np.random.default_rng(0)
    points = np.concatenate([data, rng.uniform(0, 8, size=(500, 4))])
    error = np.abs(formula.evaluate(points) - net.forward(points)).max()
    assert error < 1e-9


def test_float_and_exact_conversion_agree():
    rng = np.random.default_rng(7)
    weights = [rng.integers(-4, 5, size=(4, 2)), rng.integers(-4, 5, size=(1, 4))]
    biases = [rng.integers(-4, 5, size=4), rng.integers(-4, 5, size=1)]
    exact = to_tropical(Network.from_arrays(weights, biases))
    approximate = to_tropical(
        Network.from_arrays(
            [w.astype(float) for w in weights], [b.astype(float) for b in biases]
        )
    )
    points = rng.normal(size=(100, 2))
    np.testing.assert_allclose(
        exact.evaluate(points), approximate.evaluate(points), atol=1e-12
    )


def test_convert_rejects_non_network():
    with pytest.raises(TypeError, match="Network.from_arrays"):
        to_tropical([[1, 2]])
