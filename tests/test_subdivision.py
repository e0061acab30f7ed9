"""Tests of regular subdivisions."""

from __future__ import annotations

from fractions import Fraction

import networkx as nx
import pytest
from hypothesis import given

from tropicalnn.errors import TropicalTypeError
from tropicalnn.geometry import SubdivisionCell, dual_subdivision
from tropicalnn.polynomial import TropicalPolynomial, polynomial, variables

from .strategies import exact_polynomials

F = Fraction


def cell_points(subdivision) -> list[list[tuple[int, ...]]]:
    exponents = subdivision.exponents
    return [
        [tuple(int(v) for v in exponents[k]) for k in cell.points]
        for cell in subdivision.cells
    ]


def test_unit_square_single_cell():
    x, y = variables("x y")
    subdivision = dual_subdivision(0 + x + y + x * y)
    assert cell_points(subdivision) == [[(0, 0), (0, 1), (1, 0), (1, 1)]]
    assert not subdivision.is_triangulation
    assert [edge.lattice_length for edge in subdivision.edges] == [1, 1, 1, 1]
    graph = subdivision.dual_graph()
    assert graph.number_of_nodes() == 1
    assert graph.number_of_edges() == 0


def test_conic_cells_and_graph():
    x, y = variables("x y")
    p = 1 * x**2 + 1 * y**2 + 2 * x * y + 2 * x + 2 * y + 2
    subdivision = dual_subdivision(p)
    assert cell_points(subdivision) == [
        [(0, 0), (0, 1), (1, 0), (1, 1)],
        [(0, 1), (0, 2), (1, 1)],
        [(1, 0), (1, 1), (2, 0)],
    ]
    assert subdivision.dimension == 2
    assert len(subdivision.edges) == 8
    assert len(subdivision.faces(0)) == 6
    graph = subdivision.dual_graph()
    assert sorted(graph.edges) == [(0, 1), (0, 2)]
    assert graph.edges[0, 1]["ridge"].tolist() == [1, 4]
    assert nx.is_connected(graph)


def test_generic_triangulation():
    x, y = variables("x y")
    p = 0 + 1 * x + 1 * y + x * y + F(1, 2) * x**2
    subdivision = dual_subdivision(p)
    assert subdivision.is_triangulation
    assert all(cell.is_simplex for cell in subdivision.cells)


def test_collinear_cell_keeps_middle_point():
    x, y = variables("x y")
    subdivision = dual_subdivision(0 + x * y + x**2 * y**2)
    (cell,) = subdivision.cells
    assert cell.points.tolist() == [0, 1, 2]
    assert cell.vertices.tolist() == [0, 2]
    assert cell.dimension == 1
    (edge,) = subdivision.edges
    assert edge.lattice_length == 2
    assert not subdivision.is_triangulation


def test_point_on_boundary_edge():
    # Terms (0,0), (0,2), (1,0), (2,0): (1,0) is on an edge, not a vertex.
    p = polynomial({(0, 0): 0, (1, 0): 0, (2, 0): 0, (0, 2): 0})
    subdivision = dual_subdivision(p)
    (cell,) = subdivision.cells
    assert cell.points.tolist() == [0, 1, 2, 3]
    assert cell.vertices.tolist() == [0, 1, 3]
    edges = subdivision.edges
    assert [edge.points.tolist() for edge in edges] == [[0, 1], [0, 2, 3], [1, 3]]
    assert edges[1].vertices.tolist() == [0, 3]
    assert edges[1].lattice_length == 2


def test_monomial_and_empty():
    point = dual_subdivision(polynomial({(2, 1): 3}))
    assert point.dimension == 0
    assert [cell.points.tolist() for cell in point.cells] == [[0]]
    assert point.edges == ()
    empty = dual_subdivision(TropicalPolynomial.zero(["x"]))
    assert empty.dimension == -1
    assert empty.n_cells == 0
    assert empty.dual_graph().number_of_nodes() == 0


def test_min_convention_uses_lower_hull():
    x = variables("x")
    assert [c.points.tolist() for c in dual_subdivision(0 + 1 * x + x**2).cells] == [
        [0, 1],
        [1, 2],
    ]
    xm = variables("x", convention="min")
    # The lifted point (1, 1) lies above the lower hull, so it is on no cell.
    cells = dual_subdivision(0 + 1 * xm + xm**2).cells
    assert [c.points.tolist() for c in cells] == [[0, 2]]
    cells = dual_subdivision(0 + xm + xm**2).cells
    assert [c.points.tolist() for c in cells] == [[0, 1, 2]]
    assert [c.vertices.tolist() for c in cells] == [[0, 2]]


def test_cube_faces_in_three_variables():
    rows = [[i, j, k] for i in (0, 1) for j in (0, 1) for k in (0, 1)]
    p = TropicalPolynomial.from_arrays(rows, [0] * 8)
    subdivision = dual_subdivision(p)
    assert subdivision.n_cells == 1
    assert [len(subdivision.faces(k)) for k in range(4)] == [8, 12, 6, 1]


def test_rational_lattice_length():
    p = polynomial({(F(0),): 0, (F(3, 2),): 0})
    (edge,) = dual_subdivision(p).edges
    assert edge.lattice_length == F(3, 2)


def test_float_polynomial():
    x, y = variables("x y")
    p = (1 * x**2 + 1 * y**2 + 2 * x * y + 2 * x + 2 * y + 2).to_float()
    subdivision = dual_subdivision(p)
    assert cell_points(subdivision) == [
        [(0, 0), (0, 1), (1, 0), (1, 1)],
        [(0, 1), (0, 2), (1, 1)],
        [(1, 0), (1, 1), (2, 0)],
    ]
    assert all(isinstance(e.lattice_length, float) for e in subdivision.edges)


def test_printing():
    x, y = variables("x y")
    subdivision = dual_subdivision(0 + x * y + x**2 * y**2)
    assert repr(subdivision) == (
        "RegularSubdivision(dimension=1, n_cells=1, is_triangulation=False)"
    )
    assert str(subdivision).splitlines() == [
        "RegularSubdivision of dimension 1 with 1 maximal cell",
        "  cell 0: (0, 0), (1, 1), (2, 2)",
        "    not vertices: (1, 1)",
    ]
    (edge,) = subdivision.edges
    assert repr(edge) == (
        "SubdivisionCell(points=[0, 1, 2], vertices=[0, 2], dimension=1, "
        "lattice_length=2)"
    )
    assert isinstance(edge, SubdivisionCell)


def test_rejects_non_polynomial():
    with pytest.raises(TropicalTypeError, match="dual_subdivision"):
        dual_subdivision("x + y")


@given(exact_polynomials(n_vars=2, max_terms=10))
def test_euler_characteristic_in_two_variables(p):
    subdivision = dual_subdivision(p)
    if subdivision.dimension != 2:
        return
    counts = [len(subdivision.faces(k)) for k in range(3)]
    assert counts[0] - counts[1] + counts[2] == 1


@given(exact_polynomials(max_terms=10))
def test_faces_are_consistent(p):
    subdivision = dual_subdivision(p)
    vertex_set = set(subdivision.vertices.tolist())
    for dimension in range(subdivision.dimension + 1):
        for face in subdivision.faces(dimension):
            assert set(face.vertices.tolist()) <= set(face.points.tolist())
            assert set(face.vertices.tolist()) <= vertex_set
            assert subdivision.cells_containing(face)
    for edge in subdivision.edges:
        assert len(edge.vertices) == 2
        assert edge.lattice_length > 0


@given(exact_polynomials(n_vars=2, max_terms=10))
def test_ridges_shared_by_at_most_two_cells(p):
    subdivision = dual_subdivision(p)
    if subdivision.dimension != 2:
        return
    graph = subdivision.dual_graph()
    assert nx.is_connected(graph)
    for edge in subdivision.edges:
        assert len(subdivision.cells_containing(edge)) in (1, 2)


@given(exact_polynomials(max_terms=8))
def test_vertices_are_reduced_terms(p):
    subdivision = dual_subdivision(p)
    reduced = p.reduced()
    kept = sorted(tuple(row) for row in reduced.exponents.tolist())
    assert sorted(tuple(p.exponents[k].tolist()) for k in subdivision.vertices) == kept
