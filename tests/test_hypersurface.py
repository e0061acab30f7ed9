"""Tests of tropical hypersurfaces."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given

from tropicalnn.errors import TropicalValueError
from tropicalnn.geometry import dominant_terms, tropical_hypersurface
from tropicalnn.polynomial import TropicalPolynomial, polynomial, variables

from .strategies import exact_polynomials

F = Fraction


def conic(convention="max"):
    x, y = variables("x y", convention=convention)
    return 1 * x**2 + 1 * y**2 + 2 * x * y + 2 * x + 2 * y + 2


def test_conic_vertices_weights_balancing():
    surface = tropical_hypersurface(conic())
    assert surface.vertices.tolist() == [[0, 0], [0, 1], [1, 0]]
    assert surface.n_maximal_cells == 8
    assert set(surface.weights) == {1}
    assert len(surface.bounded_cells) == 2
    assert len(surface.unbounded_cells) == 6
    assert surface.lineality_dim == 0
    assert surface.check_balancing()


def test_tropical_line():
    x, y = variables("x y")
    surface = tropical_hypersurface(0 + x + y)
    assert surface.vertices.tolist() == [[0, 0]]
    assert surface.rays.tolist() == [[-1, 0], [0, -1], [1, 1]]
    assert [cell.rays.tolist() for cell in surface.cells] == [[0], [1], [2]]
    assert surface.dimension == 1


def test_four_valent_vertex():
    x, y = variables("x y")
    surface = tropical_hypersurface(0 + x + y + x * y)
    assert surface.vertices.tolist() == [[0, 0]]
    assert sorted(surface.rays.tolist()) == [[-1, 0], [0, -1], [0, 1], [1, 0]]
    assert all(cell.vertices.tolist() == [0] for cell in surface.cells)
    assert surface.check_balancing()


def test_collinear_line_weight_two():
    x, y = variables("x y")
    surface = tropical_hypersurface(0 + x * y + x**2 * y**2)
    assert surface.lineality_dim == 1
    assert surface.lineality.tolist() == [[-1, 1]]
    assert surface.vertices.tolist() == [[0, 0]]
    assert surface.rays.shape == (0, 2)
    assert surface.weights == (2,)
    assert surface.check_balancing()
    line = surface.polyhedron(0)
    assert line.contains([F(5, 2), F(-5, 2)])
    assert not line.contains([1, 1])


def test_empty_hypersurfaces():
    for p in [
        polynomial({(2, 1): 3}),
        TropicalPolynomial.constant(5),
        TropicalPolynomial.zero(["x", "y"]),
    ]:
        surface = tropical_hypersurface(p)
        assert surface.is_empty
        assert surface.dimension == -1
        assert surface.n_maximal_cells == 0
        assert surface.vertices.shape == (0, p.n_vars)
        assert surface.lineality_dim == p.n_vars


def test_univariate_points_are_roots():
    x = variables("x")
    surface = tropical_hypersurface(0 + 1 * x + x**2)
    assert surface.vertices.tolist() == [[-1], [1]]
    assert surface.weights == (1, 1)


def test_min_convention_reflects():
    maximum = tropical_hypersurface(conic())
    mirror = TropicalPolynomial.from_arrays(
        conic().exponents, -conic().coefficients, convention="min"
    )
    minimum = tropical_hypersurface(mirror)
    assert minimum.vertices.tolist() == (-maximum.vertices).tolist()
    assert minimum.rays.tolist() == (-maximum.rays).tolist()
    assert minimum.check_balancing()


def test_min_convention_conic():
    surface = tropical_hypersurface(conic("min"))
    assert surface.vertices.tolist() == [[F(1, 2), F(1, 2)]]
    assert surface.weights == (2, 2, 2)
    assert sorted(surface.rays.tolist()) == [[-1, -1], [0, 1], [1, 0]]


def test_tropical_plane_in_three_variables():
    x, y, z = variables("x y z")
    surface = tropical_hypersurface(0 + x + y + z)
    assert surface.vertices.tolist() == [[0, 0, 0]]
    assert len(surface.rays) == 4
    assert surface.n_maximal_cells == 6
    assert all(len(cell.rays) == 2 for cell in surface.cells)
    with pytest.raises(TropicalValueError, match="plane curves"):
        surface.check_balancing()


def test_four_variables():
    names = variables("a b c d")
    p = TropicalPolynomial.constant(0, ("a", "b", "c", "d"))
    for name in names:
        p = p + name
    surface = tropical_hypersurface(p)
    assert surface.vertices.tolist() == [[0, 0, 0, 0]]
    assert surface.n_maximal_cells == 10
    assert len(surface.rays) == 5


def test_cell_polyhedron_contains_generators():
    surface = tropical_hypersurface(conic())
    for index, cell in enumerate(surface.cells):
        polyhedron = surface.polyhedron(index)
        for vertex in surface.vertices[cell.vertices]:
            assert polyhedron.contains(vertex)
        if len(cell.rays):
            start = surface.vertices[cell.vertices[0]]
            assert polyhedron.contains(start + 5 * surface.rays[cell.rays[0]])


def test_float_polynomial():
    surface = tropical_hypersurface(conic().to_float())
    assert np.allclose(surface.vertices, [[0, 0], [0, 1], [1, 0]])
    assert surface.weights == (1.0,) * 8
    assert np.allclose(np.linalg.norm(surface.rays, axis=1), 1)
    assert surface.check_balancing()


def test_printing():
    x, y = variables("x y")
    surface = tropical_hypersurface(0 + x * y + x**2 * y**2)
    assert repr(surface) == (
        "TropicalHypersurface(n_vars=2, lineality_dim=1, n_vertices=1, n_rays=0, "
        "n_maximal_cells=1)"
    )
    assert str(surface).splitlines() == [
        "TropicalHypersurface of dimension 1 in R^2 with 1 maximal cell",
        "  lineality space of dimension 1: (-1, 1)",
        "  vertices: (0, 0)",
        "  cell dual to [(0, 0), (2, 2)], weight 2: vertex 0",
    ]
    assert repr(surface.cells[0]) == (
        "HypersurfaceCell(dual=[0, 1, 2], vertices=[0], rays=[], weight=2)"
    )
    assert str(tropical_hypersurface(TropicalPolynomial.constant(1))) == (
        "empty TropicalHypersurface in R^0"
    )


@given(exact_polynomials(n_vars=2, max_terms=10))
def test_balancing_at_every_vertex(p):
    assert tropical_hypersurface(p).check_balancing()


@given(exact_polynomials(n_vars=2, max_terms=8, convention="min"))
def test_balancing_min_convention(p):
    assert tropical_hypersurface(p).check_balancing()


@given(exact_polynomials(max_terms=10))
def test_vertices_tie_their_cells(p):
    surface = tropical_hypersurface(p)
    if surface.is_empty:
        return
    for vertex, cell in zip(surface.vertices, surface.subdivision.cells, strict=True):
        assert dominant_terms(p, vertex).indices.tolist() == cell.points.tolist()


@given(exact_polynomials(max_terms=10, convention="min"))
def test_vertices_tie_min_convention(p):
    surface = tropical_hypersurface(p)
    if surface.is_empty:
        return
    for vertex, cell in zip(surface.vertices, surface.subdivision.cells, strict=True):
        assert dominant_terms(p, vertex).indices.tolist() == cell.points.tolist()


@given(exact_polynomials(max_terms=8))
def test_edge_points_tie_dual_terms(p):
    surface = tropical_hypersurface(p)
    for cell in surface.cells:
        # A point inside the cell: the mean of its vertices plus its rays.
        point = sum(surface.vertices[cell.vertices]) / len(cell.vertices)
        for ray in cell.rays:
            point = point + surface.rays[ray]
        assert dominant_terms(p, point).indices.tolist() == cell.dual.points.tolist()


@given(exact_polynomials(max_terms=8))
def test_float_agrees_with_exact(p):
    exact = tropical_hypersurface(p)
    approx = tropical_hypersurface(p.to_float())
    assert approx.n_maximal_cells == exact.n_maximal_cells
    assert approx.lineality_dim == exact.lineality_dim
    assert np.allclose(
        approx.vertices.astype(float), exact.vertices.astype(float), atol=1e-9
    )
    assert sorted(approx.weights) == pytest.approx(sorted(map(float, exact.weights)))
