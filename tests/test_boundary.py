"""Tests of decision boundaries and of one-hidden-layer zonotopes."""

from fractions import Fraction

import numpy as np
import pytest

from tropicalnn import Network, to_tropical
from tropicalnn.errors import TropicalValueError
from tropicalnn.nn.boundary import decision_boundary
from tropicalnn.nn.io import default_model_path, load_iris_data, load_model
from tropicalnn.nn.layers import Linear
from tropicalnn.nn.regions import linear_regions
from tropicalnn.nn.zonotope import Zonotope, newton_zonotopes, polytope_vertices


def random_classifier(seed, widths):
    rng = np.random.default_rng(seed)
    weights = [
        rng.integers(-3, 4, size=(o, i))
        for i, o in zip(widths[:-1], widths[1:], strict=True)
    ]
    biases = [rng.integers(-3, 4, size=o) for o in widths[1:]]
    return Network.from_arrays(weights, biases)


def exact_scores(network, point):
    return list(network.forward(np.array([list(point)], dtype=object))[0])


def tied_terms(poly, point):
    """Number of monomials attaining the maximum of `poly` at `point`."""
    values = [
        c + sum(a * x for a, x in zip(e, point, strict=True)) for e, c in poly.terms()
    ]
    return sum(value == max(values) for value in values)


def exact_copy(network):
    """The network with its float parameters read as exact fractions."""
    layers = [
        Linear(
            np.vectorize(Fraction, otypes=[object])(layer.weight),
            np.vectorize(Fraction, otypes=[object])(layer.bias),
        )
        if isinstance(layer, Linear)
        else layer
        for layer in network.layers
    ]
    return Network(layers)


# -- decision boundaries --------------------------------------------------


@pytest.mark.parametrize("seed", range(6))
def test_boundary_lies_in_tropical_hypersurface(seed):
    net = random_classifier(seed, [2, 4, 3, 3])
    formula = to_tropical(net)
    for i, j in [(0, 1), (0, 2), (1, 2)]:
        F_i, G_i = formula[i].numerator, formula[i].denominator
        F_j, G_j = formula[j].numerator, formula[j].denominator
        hypersurface = F_i * G_j + F_j * G_i
        for piece in decision_boundary(net, i, j).pieces:
            # Where the scores tie on a whole region the hypersurface may
            # miss the interior; the theorem is about pieces of codimension 1.
            if piece.dimension == 1:
                assert tied_terms(hypersurface, piece.point) >= 2
            for point in [piece.point, *piece.vertices]:
                scores = exact_scores(net, point)
                assert scores[i] == scores[j] == max(scores)


@pytest.mark.parametrize("seed", range(3))
def test_boundary_in_three_dimensions(seed):
    net = random_classifier(seed, [3, 4, 3])
    formula = to_tropical(net)
    hypersurface = (
        formula[0].numerator * formula[1].denominator
        + formula[1].numerator * formula[0].denominator
    )
    boundary = decision_boundary(net, 0, 1, box=(-4, 4))
    assert boundary.n_pieces > 0
    for piece in boundary.pieces:
        assert piece.dimension == 2
        assert np.dot(piece.normal, piece.point) == piece.offset
        assert tied_terms(hypersurface, piece.point) >= 2
        scores = exact_scores(net, piece.point)
        assert scores[0] == scores[1] == max(scores)


def test_boundary_pieces_cover_the_tie_set():
    # y_0 = relu(x) - relu(y) and y_1 = 0 tie on the quadrant where both
    # units are inactive and on the half line x = y > 0.
    net = Network.from_arrays([[[1, 0], [0, 1]], [[1, -1], [0, 0]]], [[0, 0], [0, 0]])
    boundary = decision_boundary(net, 0, 1, box=(-1, 1))
    full = [p for p in boundary.pieces if p.dimension == 2]
    lines = [p for p in boundary.pieces if p.dimension == 1]
    # Both units inactive: the scores are equal on the whole quadrant.
    assert len(full) == 1
    assert sorted(map(tuple, full[0].vertices)) == [(-1, -1), (-1, 0), (0, -1), (0, 0)]
    assert {tuple(p.normal) for p in lines} == {(1, -1)}


def test_binary_boundary_of_moons_model():
    net = load_model(default_model_path().with_name("moons_mlp.npz"))
    boundary = decision_boundary(net, 0, box=((-2, -1.5), (3, 2)))
    assert boundary.n_pieces > 0
    exact = exact_copy(net)
    for piece in boundary.pieces:
        assert exact_scores(exact, piece.point) == [0]
        assert all(exact_scores(exact, v) == [0] for v in piece.vertices)


def test_iris_boundaries_in_data_box():
    net = load_model(default_model_path())
    data, _ = load_iris_data()
    regions = linear_regions(net, box=(data.min(axis=0), data.max(axis=0)))
    counts = {
        pair: decision_boundary(regions, *pair).n_pieces
        for pair in [(0, 1), (0, 2), (1, 2)]
    }
    assert counts[(1, 2)] > 0
    assert all(
        piece.dimension == 3 for piece in decision_boundary(regions, 1, 2).pieces
    )


def test_unbounded_boundary_pieces():
    net = Network.from_arrays([[[1]], [[1], [0]]], [[0], [0, 1]])
    (piece,) = decision_boundary(net, 0, 1).pieces
    assert piece.bounded
    assert list(piece.vertices[0]) == [1]
    net = Network.from_arrays([[[1, 0]], [[1], [0]]], [[0], [0, 1]])
    (piece,) = decision_boundary(net, 0, 1).pieces
    assert not piece.bounded
    assert list(piece.normal) == [1, 0]
    assert piece.offset == 1


def test_boundary_errors():
    net = random_classifier(0, [2, 3, 3])
    with pytest.raises(TropicalValueError, match="the same"):
        decision_boundary(net, 1, 1)
    with pytest.raises(TropicalValueError, match="out of range"):
        decision_boundary(net, 0, 5)
    with pytest.raises(TropicalValueError, match="two classes"):
        decision_boundary(net, 0)


# -- zonotopes ------------------------------------------------------------


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("activation", ["relu", "leaky_relu:1/4", "relu:1"])
def test_reduced_numerator_newton_polytope_is_zonotope(seed, activation):
    rng = np.random.default_rng(seed)
    n_inputs, n_hidden = int(rng.integers(1, 4)), int(rng.integers(1, 6))
    net = Network.from_arrays(
        [
            rng.integers(-3, 4, size=(n_hidden, n_inputs)),
            rng.integers(-3, 4, size=(2, n_hidden)),
        ],
        [rng.integers(-3, 4, size=n_hidden), rng.integers(-3, 4, size=2)],
        [activation, "identity"],
    )
    formula = to_tropical(net)
    for output in range(2):
        top, bottom = newton_zonotopes(net, output)
        numerator = formula[output].numerator.reduced()
        denominator = formula[output].denominator.reduced()
        assert (
            polytope_vertices(numerator.exponents).tolist() == top.vertices().tolist()
        )
        assert polytope_vertices(denominator.exponents).tolist() == (
            bottom.vertices().tolist()
        )


def test_case_zonotope_is_a_hexagon():
    net = Network.from_arrays(
        [[[1, 0], [0, 1], [1, 1]], [[1, 2, 4]]], [[0, 0, -1], [0]]
    )
    top, bottom = newton_zonotopes(net)
    assert top.generators.tolist() == [[1, 0], [0, 2], [4, 4]]
    assert top.vertices().tolist() == [[0, 0], [0, 2], [1, 0], [4, 6], [5, 4], [5, 6]]
    assert bottom.generators.shape == (0, 2)


def test_zonotope_vertices_of_parallel_generators():
    zonotope = Zonotope(
        np.array(
            [[Fraction(1), Fraction(1)], [Fraction(2), Fraction(2)]], dtype=object
        ),
        np.array([Fraction(0), Fraction(0)], dtype=object),
    )
    assert zonotope.vertices().tolist() == [[0, 0], [3, 3]]


def test_zonotopes_need_one_hidden_layer():
    deep = random_classifier(0, [2, 3, 3, 1])
    with pytest.raises(TropicalValueError, match="one hidden layer"):
        newton_zonotopes(deep)
    with pytest.raises(TropicalValueError, match="out of range"):
        newton_zonotopes(random_classifier(0, [2, 3, 1]), output=1)
