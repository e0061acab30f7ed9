"""Tests of the exact activation and linear regions."""

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given

from tropicalnn import Network, TropicalRational, to_tropical, variables
from tropicalnn.errors import ShapeMismatchError, TropicalTypeError, TropicalValueError
from tropicalnn.nn.io import default_model_path, load_iris_data, load_model
from tropicalnn.nn.layers import Identity, LeakyReLU, Linear, Maxout, MaxPool, ReLU
from tropicalnn.nn.regions import AffineMap, linear_regions, parse_box

from .region_oracle import brute_force_patterns
from .strategies import networks

F = Fraction


def relu_sum(hidden_weights, hidden_biases, output_weights, output_bias=0):
    """One hidden ReLU layer with one output."""
    return Network.from_arrays(
        [hidden_weights, [output_weights]], [hidden_biases, [output_bias]]
    )


def random_network(seed, widths, activations=None, values=(-3, 4)):
    rng = np.random.default_rng(seed)
    weights = [
        rng.integers(*values, size=(o, i))
        for i, o in zip(widths[:-1], widths[1:], strict=True)
    ]
    biases = [rng.integers(*values, size=o) for o in widths[1:]]
    return Network.from_arrays(weights, biases, activations)


def polygon_area(vertices):
    """Exact area of a convex polygon given by its vertices in any order."""
    points = [tuple(v) for v in vertices]
    cx = sum(p[0] for p in points) / len(points)
    cy = sum(p[1] for p in points) / len(points)
    points.sort(key=lambda p: math.atan2(float(p[1] - cy), float(p[0] - cx)))
    twice = sum(
        x1 * y2 - x2 * y1
        for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True)
    )
    return abs(twice) / 2


def exact_forward(network, point):
    return list(network.forward(np.array([list(point)], dtype=object))[0])


# -- agreement with brute force --------------------------------------------


@given(networks(exact=True, max_inputs=2, max_width=3, max_depth=2))
def test_counts_equal_brute_force(net):
    result = linear_regions(net, box=(-4, 4))
    patterns = brute_force_patterns(net, -4, 4)
    assert {r.pattern for r in result.activation_regions} == patterns
    assert result.n_activation_regions == len(patterns)


@pytest.mark.parametrize("seed", range(6))
def test_three_inputs_equal_brute_force(seed):
    net = random_network(seed, [3, 4, 3, 1], values=(-2, 3))
    result = linear_regions(net, box=(-3, 3))
    assert {r.pattern for r in result.activation_regions} == brute_force_patterns(
        net, -3, 3
    )


@pytest.mark.parametrize("seed", range(4))
def test_maxout_and_pooling_equal_brute_force(seed):
    rng = np.random.default_rng(seed)
    maxout = Network(
        [
            Linear(rng.integers(-3, 4, size=(6, 2)), rng.integers(-3, 4, size=6)),
            Maxout(3),
            Linear(rng.integers(-3, 4, size=(2, 2)), rng.integers(-3, 4, size=2)),
            LeakyReLU(F(1, 4)),
            Linear(rng.integers(-3, 4, size=(1, 2)), [0]),
        ]
    )
    pooling = Network(
        [
            Linear(rng.integers(-3, 4, size=(4, 2)), rng.integers(-3, 4, size=4)),
            MaxPool(2, 1),
            ReLU(),
            Linear(rng.integers(-3, 4, size=(1, 3)), [1]),
        ]
    )
    for net in (maxout, pooling):
        result = linear_regions(net, box=(-5, 5))
        patterns = {r.pattern for r in result.activation_regions}
        assert patterns == brute_force_patterns(net, -5, 5)


# -- geometry of the result ------------------------------------------------


@pytest.mark.parametrize("seed", range(8))
def test_areas_add_up_to_box(seed):
    activations = [
        ["relu", "relu", "identity"],
        ["leaky_relu:1/3", "relu:1", "identity"],
    ][seed % 2]
    net = random_network(seed, [2, 5, 4, 2], activations)
    result = linear_regions(net, box=((-3, F(-1, 2)), (2, 4)))
    total = sum(polygon_area(r.vertices) for r in result.activation_regions)
    assert total == 5 * F(9, 2)


@pytest.mark.parametrize("seed", range(8))
def test_affine_map_equals_forward_pass(seed):
    net = random_network(seed, [2, 4, 3, 2], ["relu", "leaky_relu:1/2", "identity"])
    for result in (linear_regions(net), linear_regions(net, box=(-2, 3))):
        for region in result.activation_regions:
            assert region.contains(region.point, strict=True)
            assert list(region.affine_map(region.point)) == exact_forward(
                net, region.point
            )


@pytest.mark.parametrize("seed", range(6))
def test_whole_plane_equals_large_box(seed):
    # All vertices of these small integer networks lie well inside the box.
    net = random_network(seed, [2, 4, 3, 1])
    whole = linear_regions(net)
    boxed = linear_regions(net, box=(-(10**4), 10**4))
    assert whole.n_activation_regions == boxed.n_activation_regions
    assert whole.n_linear_regions == boxed.n_linear_regions
    assert whole.graph.number_of_edges() == boxed.graph.number_of_edges()
    assert sorted(r.pattern for r in whole.activation_regions) == sorted(
        r.pattern for r in boxed.activation_regions
    )


def test_regions_have_disjoint_interiors():
    net = random_network(11, [2, 5, 3, 1])
    result = linear_regions(net, box=(-4, 4))
    for region in result.activation_regions:
        inside = [
            other.index
            for other in result.activation_regions
            if other.contains(region.point, strict=True)
        ]
        assert inside == [region.index]


def test_neighbours_share_a_facet():
    net = random_network(2, [2, 4, 4, 1])
    result = linear_regions(net, box=(-3, 3))
    for first, second in result.graph.edges:
        a, b = result.activation_regions[first], result.activation_regions[second]
        shared = {tuple(v) for v in a.vertices} & {tuple(v) for v in b.vertices}
        assert len(shared) >= 2
        midpoint = [sum(c) / len(shared) for c in zip(*shared, strict=True)]
        assert a.contains(midpoint)
        assert b.contains(midpoint)


def test_inequalities_are_facets():
    net = random_network(5, [2, 5, 1])
    for region in linear_regions(net, box=(-3, 3)).activation_regions:
        for row, bound in zip(region.A, region.b, strict=True):
            on_facet = [v for v in region.vertices if np.dot(row, v) == bound]
            assert len(on_facet) == 2
        divisors = [math.gcd(*(int(v) for v in row)) for row in region.A]
        assert all(d == 1 for d in divisors)


# -- the cases of the network facts -----------------------------------------


def test_orientation_and_last_layer_case():
    # Rows of W1 are neurons, and the output has no ReLU.
    net = Network.from_arrays(
        [[[1, 2], [0, -1], [3, 1]], [[1, -1, 2]]], [[0, 1, -1], [F(1, 2)]]
    )
    result = linear_regions(net)
    expected = {(1, 2): F(27, 2), (-1, F(1, 2)): 0, (0, 0): F(-1, 2), (-2, 3): F(9, 2)}
    for point, value in expected.items():
        region = result.locate(point)
        assert region.affine_map(point)[0] == value
        assert all(
            r.affine_map(point)[0] == value
            for r in result.activation_regions
            if r.contains(point)
        )


def test_hat_has_four_regions_three_maps():
    hat = relu_sum([[1], [1], [1]], [0, -1, -2], [1, -2, 1])
    result = linear_regions(hat)
    assert result.n_activation_regions == 4
    assert result.n_linear_regions == 4
    assert len({r.affine_map for r in result.linear_regions}) == 3
    slopes = [r.affine_map.weight[0, 0] for r in result.linear_regions]
    assert sorted(slopes) == [-1, 0, 0, 1]
    assert [
        r.bounded for r in sorted(result.activation_regions, key=lambda r: r.point[0])
    ] == [False, True, True, False]


def test_cancellation_has_one_linear_region():
    net = relu_sum([[1], [-1]], [0, 0], [1, -1])
    result = linear_regions(net)
    assert result.n_activation_regions == 2
    assert result.n_linear_regions == 1
    assert result.linear_regions[0].affine_map == AffineMap.from_rows([[1]], [0])
    assert result.linear_regions[0].bounded is False
    assert list(result.graph.edges(data="same_map")) == [(0, 1, True)]


def test_sum_of_relus_is_one_max():
    net = relu_sum([[1], [2]], [0, 0], [1, 1])
    result = linear_regions(net)
    assert result.n_activation_regions == 2
    assert result.n_linear_regions == 2
    assert {r.affine_map.weight[0, 0] for r in result.linear_regions} == {0, 3}


def test_dead_unit_and_zero_weight_add_no_breakpoint():
    net = relu_sum([[1], [0], [1]], [0, -2, -1], [1, 5, 0])
    result = linear_regions(net)
    assert result.n_linear_regions == 2
    assert result.n_activation_regions == 3
    assert all(r.pattern[1] == 0 for r in result.activation_regions)


def test_one_layer_bound_is_attained():
    net = relu_sum([[1, 0], [0, 1], [1, 1]], [0, 0, -1], [1, 2, 4])
    result = linear_regions(net)
    assert result.n_activation_regions == 7
    assert result.n_linear_regions == 7
    assert sum(r.bounded for r in result.activation_regions) == 1
    # Each of three lines in general position is cut into three edges.
    assert result.graph.number_of_edges() == 9


# -- degenerate networks --------------------------------------------------


def test_duplicate_and_parallel_hyperplanes():
    net = relu_sum([[1, 0], [2, 0], [1, 0], [-1, 0]], [0, 0, 0, 0], [1, 1, 1, 1])
    result = linear_regions(net)
    assert result.n_activation_regions == 2
    assert {r.pattern for r in result.activation_regions} == {
        (0, 0, 0, 1),
        (1, 1, 1, 0),
    }


def test_zero_rows_follow_forward_pass():
    net = relu_sum([[0, 0], [0, 0], [1, 1]], [0, 1, 0], [1, 1, 1])
    result = linear_regions(net)
    assert result.n_activation_regions == 2
    assert all(r.pattern[:2] == (0, 1) for r in result.activation_regions)


def test_concurrent_lines_in_three_dimensions():
    # Six planes through the origin: the regions of the arrangement.
    weights = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [0, 1, 1], [1, 0, 1]]
    net = relu_sum(weights, [0] * 6, [1] * 6)
    result = linear_regions(net)
    expected = brute_force_patterns(net, -1, 1)
    assert {r.pattern for r in result.activation_regions} == expected


def test_leaky_slope_one_is_linear():
    net = Network.from_arrays([[[1]], [[1]]], [[0], [0]], ["leaky_relu:1", "identity"])
    result = linear_regions(net)
    assert result.n_activation_regions == 2
    assert result.n_linear_regions == 1


def test_thin_region_is_kept():
    net = relu_sum([[1.0], [1.0]], [0.0, -1e-12], [1.0, -1.0])
    result = linear_regions(net)
    assert result.n_activation_regions == 3
    assert result.n_linear_regions == 3
    widths = [
        r.vertices[:, 0].max() - r.vertices[:, 0].min()
        for r in result.activation_regions
        if r.bounded
    ]
    assert widths == [Fraction(1e-12)]


def test_maxout_ties_pick_first_piece():
    net = Network(
        [Linear([[1, 0], [1, 0], [0, 1]], [0, 0, 0]), Maxout(3), Linear([[1]], [0])]
    )
    result = linear_regions(net)
    assert {r.pattern for r in result.activation_regions} == {(0,), (2,)}


def test_identity_network_is_one_region():
    net = Network([Linear([[1, 2]], [3]), Identity()])
    result = linear_regions(net, box=(0, 1))
    assert result.n_activation_regions == 1
    assert result.activation_regions[0].pattern == ()
    assert result.activation_regions[0].bounded is None


# -- float networks ---------------------------------------------------------


def test_float_network_is_decomposed_exactly():
    rng = np.random.default_rng(4)
    weights = [
        rng.normal(size=(6, 2)),
        rng.normal(size=(5, 6)),
        rng.normal(size=(1, 5)),
    ]
    biases = [rng.normal(size=6), rng.normal(size=5), rng.normal(size=1)]
    floats = Network.from_arrays(weights, biases)
    exact = Network.from_arrays(
        [np.vectorize(Fraction, otypes=[object])(w) for w in weights],
        [np.vectorize(Fraction, otypes=[object])(b) for b in biases],
    )
    float_result = linear_regions(floats)
    exact_result = linear_regions(exact)
    assert not float_result.exact
    assert exact_result.exact
    assert [r.pattern for r in float_result.activation_regions] == [
        r.pattern for r in exact_result.activation_regions
    ]
    for region in float_result.activation_regions:
        point = region.point.astype(float)
        expected = floats.forward(point)[0]
        got = region.affine_map.to_float()[0] @ point + region.affine_map.to_float()[1]
        np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("scale", [1e-8, 1.0, 2.0**40])
def test_count_is_scale_invariant(scale):
    rng = np.random.default_rng(8)
    weights = [rng.normal(size=(8, 2)), rng.normal(size=(1, 8))]
    biases = [rng.normal(size=8), rng.normal(size=1)]
    net = Network.from_arrays(
        [weights[0] * scale, weights[1]], [biases[0] * scale, biases[1]]
    )
    assert (
        linear_regions(net).n_activation_regions
        == linear_regions(Network.from_arrays(weights, biases)).n_activation_regions
    )


def test_rtol_merges_rounded_cancellation():
    # 0.1 * 3 is 0.30000000000000004 in binary, so the maps differ by 5.6e-17.
    net = relu_sum([[1.0], [1.0]], [0.0, 0.0], [0.1 * 3, -0.3])
    assert linear_regions(net).n_linear_regions == 2
    assert linear_regions(net, rtol=1e-12).n_linear_regions == 1


# -- tropical maps ---------------------------------------------------------


def test_polynomial_regions():
    x, y = variables("x y")
    cases = [
        (0 + x + y + x * y, 4),
        (1 * x**2 + 1 * y**2 + 2 * x * y + 2 * x + 2 * y + 2, 6),
        (0 + x * y + x**2 * y**2, 2),
        (3 * x**2 * y, 1),
    ]
    for poly, count in cases:
        result = linear_regions(poly)
        assert result.n_activation_regions == count
        assert result.n_linear_regions == count


def test_min_plus_polynomial_regions():
    t = variables("t")
    maximum = 0 + 1 * t + t**2
    assert linear_regions(maximum).n_linear_regions == 3
    assert linear_regions(maximum.mirrored()).n_linear_regions == 2


@pytest.mark.parametrize("seed", range(5))
def test_formula_has_the_networks_linear_regions(seed):
    net = random_network(seed, [2, 3, 3, 1])
    formula = to_tropical(net)
    assert (
        linear_regions(formula).n_linear_regions == linear_regions(net).n_linear_regions
    )
    assert (
        linear_regions(formula[0]).n_linear_regions
        == linear_regions(net).n_linear_regions
    )


def test_rational_function_regions():
    x = variables("x")
    r = TropicalRational(x**2 + x, x + 0)
    assert linear_regions(r).n_linear_regions == 1


# -- real models -----------------------------------------------------------


def test_iris_regions_in_data_box():
    net = load_model(default_model_path())
    data, _ = load_iris_data()
    box = (data.min(axis=0), data.max(axis=0))
    result = linear_regions(net, box=box)
    assert result.n_activation_regions == 50
    assert result.n_linear_regions == 50
    for row in data[::10]:
        region = result.locate(row)
        np.testing.assert_allclose(
            region.affine_map.to_float()[0] @ row + region.affine_map.to_float()[1],
            net.forward(row)[0],
            rtol=1e-12,
            atol=1e-12,
        )


def test_moons_model_regions():
    net = load_model(default_model_path().with_name("moons_mlp.npz"))
    assert net.widths == (2, 12, 12, 12, 12, 1, 1)
    assert linear_regions(net).n_activation_regions == 327


# -- input checks ---------------------------------------------------------


def test_box_errors():
    net = relu_sum([[1, 0]], [0], [1])
    with pytest.raises(ShapeMismatchError, match="expected 1 or 2"):
        linear_regions(net, box=([0, 0, 0], 1))
    with pytest.raises(TropicalValueError, match="not below high"):
        linear_regions(net, box=(1, 1))
    with pytest.raises(TropicalTypeError, match="pair"):
        linear_regions(net, box=5)
    with pytest.raises(TropicalValueError, match="not finite"):
        linear_regions(net, box=(0, float("inf")))


def test_parse_box_reads_exactly():
    assert parse_box((0.1, "1/3"), 1) == ([Fraction(0.1)], [F(1, 3)])


def test_rejects_other_models():
    with pytest.raises(TropicalTypeError, match="Network, TropicalMap"):
        linear_regions([[1, 2]])
    with pytest.raises(TropicalValueError, match="rtol"):
        linear_regions(relu_sum([[1]], [0], [1]), rtol=-1)


def test_rejects_too_many_inputs():
    net = Network.from_arrays([np.ones((1, 21), dtype=int)], [[0]])
    with pytest.raises(TropicalValueError, match="21 inputs"):
        linear_regions(net)


def test_locate_outside_box():
    result = linear_regions(relu_sum([[1]], [0], [1]), box=(0, 1))
    with pytest.raises(TropicalValueError, match="outside the box"):
        result.locate([2])
