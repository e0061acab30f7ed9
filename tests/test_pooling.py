"""Tests of maxout and max-pooling layers: forward pass against the formula."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tropicalnn import Network, to_tropical
from tropicalnn.errors import ShapeMismatchError, TropicalTypeError, TropicalValueError
from tropicalnn.nn.layers import (
    LeakyReLU,
    Linear,
    Maxout,
    MaxPool,
    ReLU,
    parse_activation,
)

from .strategies import as_fraction_array

halves = st.integers(-6, 6).map(lambda v: Fraction(v, 2))


def exact_matrix(draw, rows, columns):
    values = draw(st.lists(halves, min_size=rows * columns, max_size=rows * columns))
    matrix = np.empty((rows, columns), dtype=object)
    matrix.reshape(-1)[:] = values
    return matrix


@st.composite
def pooling_networks(draw, max_blocks=2):
    """A linear layer, then up to `max_blocks` blocks of a max layer, an
    optional activation and a linear layer, with exact half-integer
    parameters."""
    n_inputs = draw(st.integers(1, 3))
    width = draw(st.integers(2, 5))
    layers = [
        Linear(exact_matrix(draw, width, n_inputs), exact_matrix(draw, 1, width)[0])
    ]
    for _ in range(draw(st.integers(1, max_blocks))):
        if draw(st.booleans()):
            pieces = draw(
                st.sampled_from([d for d in range(1, width + 1) if width % d == 0])
            )
            layer = Maxout(pieces)
        else:
            kernel = draw(st.integers(1, width))
            layer = MaxPool(kernel, draw(st.none() | st.integers(1, 3)))
        layers.append(layer)
        width = layer.output_width(width)
        activation = draw(
            st.sampled_from(
                [None, ReLU(), ReLU(Fraction(1, 2)), LeakyReLU(Fraction(1, 3))]
            )
        )
        if activation is not None:
            layers.append(activation)
        next_width = draw(st.integers(2, 3))
        layers.append(
            Linear(
                exact_matrix(draw, next_width, width),
                exact_matrix(draw, 1, next_width)[0],
            )
        )
        width = next_width
    return Network(layers)


@settings(max_examples=30)
@given(
    pooling_networks(),
    st.lists(st.tuples(halves, halves, halves), min_size=1, max_size=4),
)
def test_formula_equals_forward_pass_exactly(net, points):
    points = [point[: net.n_inputs] for point in points]
    expected = net.forward(as_fraction_array(points))
    formula = to_tropical(net)
    for row, point in enumerate(points):
        values = formula(*point)
        assert values == list(expected[row])
        assert all(isinstance(v, Fraction) for v in values)


@settings(max_examples=30)
@given(pooling_networks(max_blocks=1))
def test_reduction_keeps_the_function(net):
    assert to_tropical(net).equals(to_tropical(net, reduce=False))


def test_maxout_forward_values():
    net = Network([Linear([[1, 0], [0, 1], [1, 1], [-1, 2]], [0, 1, -1, 0]), Maxout(2)])
    values = net.forward(as_fraction_array([[3, -1], [Fraction(-1, 2), 2]]))
    assert values.tolist() == [[3, 1], [3, Fraction(9, 2)]]
    formula = to_tropical(net)
    assert formula(3, -1) == [3, 1]
    assert formula(Fraction(-1, 2), 2) == [3, Fraction(9, 2)]


def test_maxpool_windows_follow_torch_floor_mode():
    assert MaxPool(2).groups(5) == [[0, 1], [2, 3]]
    assert MaxPool(3, 1).groups(4) == [[0, 1, 2], [1, 2, 3]]
    assert MaxPool(2, 3).groups(7) == [[0, 1], [3, 4]]
    assert MaxPool(1).groups(2) == [[0], [1]]
    assert Maxout(3).groups(6) == [[0, 1, 2], [3, 4, 5]]


def test_overlapping_pools_exactly():
    net = Network(
        [
            Linear([[1], [-1], [2], [Fraction(1, 3)]], [0, 1, -2, 0]),
            MaxPool(3, 1),
            Linear([[1, -1]], [Fraction(1, 2)]),
        ]
    )
    formula = to_tropical(net)
    for x in [Fraction(v, 4) for v in range(-12, 13)]:
        z = [x, 1 - x, 2 * x - 2, x / 3]
        expected = max(z[0:3]) - max(z[1:4]) + Fraction(1, 2)
        assert formula(x) == [expected]
        assert net.forward(as_fraction_array([[x]]))[0, 0] == expected


def test_single_piece_maxout_is_identity():
    net = Network([Linear([[2, -1]], [1]), Maxout(1), Linear([[1]], [0])])
    assert to_tropical(net)[0](1, 1) == 2


def test_float_maxout_conversion():
    rng = np.random.default_rng(0)
    net = Network(
        [
            Linear(rng.normal(size=(6, 2)), rng.normal(size=6)),
            Maxout(3),
            Linear(rng.normal(size=(2, 2)), rng.normal(size=2)),
            MaxPool(2, 1),
            Linear(rng.normal(size=(1, 1)), [0.0]),
        ]
    )
    points = rng.normal(size=(500, 2)) * 3
    np.testing.assert_allclose(
        to_tropical(net).evaluate(points), net.forward(points), atol=1e-9
    )


def test_width_errors():
    with pytest.raises(ShapeMismatchError, match="multiple of 2"):
        Network([Linear(np.ones((3, 1), dtype=int)), Maxout(2)])
    with pytest.raises(ShapeMismatchError, match="at least 4"):
        Network([Linear(np.ones((3, 1), dtype=int)), MaxPool(4)])


@pytest.mark.parametrize(
    "value, error",
    [(0, TropicalValueError), (True, TropicalTypeError), (1.5, TropicalTypeError)],
)
def test_group_size_errors(value, error):
    with pytest.raises(error):
        Maxout(value)
    with pytest.raises(error):
        MaxPool(2, value)


def test_npz_round_trip(tmp_path):
    net = Network(
        [
            Linear([[1, 0], [0, 1], [1, 1]], [0, 0, 1]),
            MaxPool(2, 1),
            Linear([[1, -1]], [0]),
            ReLU(),
            Linear([[1], [2]], [0, 1]),
            Maxout(2),
        ]
    )
    path = tmp_path / "pool.npz"
    net.save_npz(path)
    loaded = Network.from_npz(path)
    assert [repr(layer) for layer in loaded.layers] == [
        "Linear(n_in=2, n_out=3, float)",
        "MaxPool(kernel_size=2, stride=1)",
        "Linear(n_in=2, n_out=1, float)",
        "ReLU()",
        "Linear(n_in=1, n_out=2, float)",
        "Maxout(n_pieces=2)",
    ]
    assert parse_activation("maxpool:2:1") == MaxPool(2, 1)
