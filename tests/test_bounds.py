"""Tests of the region bounds and the sampling estimate."""

import math

import numpy as np
import pytest

from tropicalnn import Network, variables
from tropicalnn.errors import TropicalValueError
from tropicalnn.nn.bounds import (
    RegionBounds,
    one_layer_bound,
    product_bound,
    region_bounds,
    sample_regions,
)
from tropicalnn.nn.layers import Linear, Maxout
from tropicalnn.nn.regions import linear_regions


def random_network(seed, widths, activations=None):
    rng = np.random.default_rng(seed)
    weights = [
        rng.normal(size=(o, i)) for i, o in zip(widths[:-1], widths[1:], strict=True)
    ]
    biases = [rng.normal(size=o) for o in widths[1:]]
    return Network.from_arrays(weights, biases, activations)


def test_one_layer_bound_values():
    assert one_layer_bound(3, 2) == 7
    assert one_layer_bound(8, 4) == 1 + 8 + 28 + 56 + 70
    assert one_layer_bound(5, 9) == 2**5
    assert one_layer_bound(0, 3) == 1
    with pytest.raises(TropicalValueError):
        one_layer_bound(-1, 2)


def test_one_layer_bound_attained_by_general_position():
    # n lines in general position in the plane.
    for n_units in range(1, 7):
        angles = np.linspace(0, np.pi, n_units, endpoint=False) + 0.1
        weights = np.stack([np.cos(angles), np.sin(angles)], axis=1)
        biases = np.arange(n_units) * 0.37 - 1.0
        net = Network.from_arrays([weights, np.ones((1, n_units))], [biases, [0.0]])
        assert linear_regions(net).n_activation_regions == one_layer_bound(n_units, 2)


def test_product_bound_formula():
    net = random_network(0, [2, 16, 16, 1])
    assert product_bound(net) == one_layer_bound(16, 2) ** 2
    bottleneck = random_network(0, [4, 1, 8, 1])
    assert product_bound(bottleneck) == one_layer_bound(1, 1) * one_layer_bound(8, 1)
    assert region_bounds(net) == RegionBounds(product=137**2, one_layer=None)


def test_maxout_counts_tie_hyperplanes():
    net = Network(
        [
            Linear(np.ones((6, 2)), np.zeros(6)),
            Maxout(3),
            Linear(np.ones((1, 2)), np.zeros(1)),
        ]
    )
    assert product_bound(net) == one_layer_bound(2 * math.comb(3, 2), 2)
    assert region_bounds(net).one_layer is None


@pytest.mark.parametrize("seed", range(5))
def test_exact_count_within_bounds(seed):
    widths = [[2, 5, 4, 1], [3, 4, 3, 2], [1, 6, 6, 1]][seed % 3]
    net = random_network(seed, widths, ["relu", "leaky_relu:1/5", "identity"])
    result = linear_regions(net)
    assert result.n_linear_regions <= result.n_activation_regions
    assert result.n_activation_regions <= product_bound(net)


def test_tropical_polynomial_bound():
    x, y = variables("x y")
    poly = 0 + x + y + x * y
    assert product_bound(poly) == one_layer_bound(6, 2)
    assert linear_regions(poly).n_activation_regions <= product_bound(poly)


@pytest.mark.parametrize("grid", [False, True])
def test_sampling_estimate_from_below(grid):
    net = random_network(3, [2, 8, 8, 1])
    box = (-2, 2)
    exact = linear_regions(net, box=box)
    estimate = sample_regions(net, box, n_points=4000, grid=grid)
    assert estimate.n_patterns <= exact.n_activation_regions
    assert estimate.n_patterns >= 0.6 * exact.n_activation_regions
    assert estimate.n_maps <= estimate.n_patterns
    patterns = {r.pattern for r in exact.activation_regions}
    assert len(patterns) == exact.n_activation_regions


def test_sampling_finds_all_large_regions():
    net = Network.from_arrays(
        [[[1, 0], [0, 1], [1, 1]], [[1, 2, 4]]], [[0, 0, -1], [0]]
    )
    estimate = sample_regions(net, (-3, 3), n_points=400, grid=True)
    assert estimate.n_points == 400
    assert estimate.n_patterns == 7


def test_sampling_misses_thin_region():
    net = Network.from_arrays([[[1.0], [1.0]], [[1.0, -1.0]]], [[0.0, -1e-9], [0.0]])
    assert linear_regions(net, box=(-1, 1)).n_activation_regions == 3
    assert sample_regions(net, (-1, 1), n_points=1000).n_patterns == 2


def test_sampling_needs_a_box():
    net = random_network(0, [2, 3, 1])
    with pytest.raises(TropicalValueError, match="needs a box"):
        sample_regions(net, None)
    with pytest.raises(TropicalValueError, match="at least 1"):
        sample_regions(net, (0, 1), n_points=0)
