"""Tests of Newton polytopes and the polytope kernel."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given

from tropicalnn.errors import ShapeMismatchError, TropicalTypeError
from tropicalnn.geometry import NewtonPolytope, Polytope, newton_polytope
from tropicalnn.geometry._polytope import convex_hull, face_lattice, lattice_length
from tropicalnn.polynomial import TropicalPolynomial, polynomial, variables

from .strategies import exact_polynomials

F = Fraction


def exact(rows) -> np.ndarray:
    array = np.empty((len(rows), len(rows[0]) if rows else 0), dtype=object)
    for i, row in enumerate(rows):
        array[i] = [F(v) for v in row]
    return array


def as_ints(array) -> list[list[int]]:
    return [[int(v) for v in row] for row in array]


def test_triangle_facets():
    x, y = variables("x y")
    newt = newton_polytope(x**2 + x * y + y**2 + 1)
    assert newt.dimension == 2
    assert newt.vertices.tolist() == [[0, 0], [0, 2], [2, 0]]
    normals, offsets = newt.inequalities
    assert as_ints(normals) == [[-1, 0], [0, -1], [1, 1]]
    assert offsets.tolist() == [0, 0, 2]
    assert newt.equations[0].shape == (0, 2)
    # Terms are (0,0), (0,2), (1,1), (2,0): (1,1) lies on the facet
    # x + y = 2 without being a vertex.
    assert [f.tolist() for f in newt.facets] == [[0, 1], [0, 3], [1, 2, 3]]
    assert newt.vertex_indices.tolist() == [0, 1, 3]


def test_facets_list_points_on_them():
    p = polynomial({(0, 0): 0, (1, 1): 0, (2, 0): 0, (0, 2): 0, (1, 0): 5})
    # Terms are (0,0), (0,2), (1,0), (1,1), (2,0); the coefficients do not
    # matter.
    newt = newton_polytope(p)
    assert [f.tolist() for f in newt.facets] == [[0, 1], [0, 2, 4], [1, 3, 4]]
    assert newt.vertex_indices.tolist() == [0, 1, 4]


def test_collinear_segment():
    x, y = variables("x y")
    newt = newton_polytope(0 + x * y + x**2 * y**2)
    assert newt.dimension == 1
    assert newt.vertices.tolist() == [[0, 0], [2, 2]]
    equations, values = newt.equations
    assert as_ints(equations) == [[-1, 1]]
    assert values.tolist() == [0]
    normals, offsets = newt.inequalities
    assert as_ints(normals) == [[-1, -1], [1, 1]]
    assert offsets.tolist() == [0, 4]
    assert newt.contains([1, 1])
    assert not newt.contains([1, 0])
    assert not newt.contains([3, 3])


def test_single_monomial_is_point():
    newt = newton_polytope(polynomial({(2, 1): 3}))
    assert newt.dimension == 0
    assert newt.vertices.tolist() == [[2, 1]]
    assert newt.n_facets == 0
    equations, values = newt.equations
    assert as_ints(equations) == [[1, 0], [0, 1]]
    assert values.tolist() == [2, 1]
    assert newt.contains([2, 1])
    assert not newt.contains([2, 0])


def test_empty_polynomial_is_empty():
    newt = newton_polytope(TropicalPolynomial.zero(["x", "y"]))
    assert newt.is_empty
    assert newt.dimension == -1
    assert newt.n_vertices == 0
    assert not newt.contains([0, 0])
    assert str(newt) == "empty NewtonPolytope in R^2"


def test_constant_without_variables():
    newt = newton_polytope(TropicalPolynomial.constant(5))
    assert newt.dimension == 0
    assert newt.vertices.shape == (1, 0)


def test_univariate_interval():
    x = variables("x")
    newt = newton_polytope(x**-1 + 3 + x**4)
    assert newt.dimension == 1
    assert newt.vertices.tolist() == [[-1], [4]]
    normals, offsets = newt.inequalities
    assert as_ints(normals) == [[-1], [1]]
    assert offsets.tolist() == [1, 4]


def test_coplanar_trivariate():
    p = TropicalPolynomial.from_arrays(
        [[0, 0, 0], [1, 0, 1], [0, 1, 1], [1, 1, 2], [2, 2, 4]], [0, 1, 2, 3, 4]
    )
    newt = newton_polytope(p)
    assert newt.dimension == 2
    assert newt.vertex_indices.tolist() == [0, 1, 2, 4]
    equations, _ = newt.equations
    normals, offsets = newt.inequalities
    assert len(equations) == 1
    # Facet normals lie in the plane's direction space.
    assert all(row @ equations[0] == 0 for row in normals)
    for row, offset in zip(normals, offsets, strict=True):
        assert max(p.exponents @ row) == offset


def test_rational_exponents():
    p = polynomial({(F(1, 2),): 0, (F(3, 2),): 1, (F(5, 2),): 0})
    newt = newton_polytope(p)
    assert newt.vertices.tolist() == [[F(1, 2)], [F(5, 2)]]


def test_real_exponents_float():
    p = polynomial({(0.5, 0.0): 1.0, (2**0.5, 1.0): 0.0, (0.0, 0.0): 0.0})
    newt = newton_polytope(p)
    assert not newt.is_exact
    assert newt.dimension == 2
    assert newt.n_vertices == 3
    normals, _ = newt.inequalities
    assert np.allclose(np.linalg.norm(normals, axis=1), 1)


def test_convention_does_not_matter():
    x, y = variables("x y", convention="min")
    p = 0 + x + y + 3 * x * y
    newt = newton_polytope(p)
    assert newt.n_vertices == 4
    assert newt.lifted.n_vertices == 4


def test_lifted_polytope():
    x, y = variables("x y")
    p = 0 + x + y + x * y
    lifted = newton_polytope(p).lifted
    assert lifted.ambient_dim == 3
    assert lifted.dimension == 2
    p = 1 * x**2 + 1 * y**2 + 2 * x * y + 2 * x + 2 * y + 2
    lifted = newton_polytope(p).lifted
    assert lifted.dimension == 3
    assert lifted.n_vertices == 6


def test_lifted_collinear_points():
    x, y = variables("x y")
    lifted = newton_polytope(0 + x * y + x**2 * y**2).lifted
    assert lifted.dimension == 1
    assert lifted.vertex_indices.tolist() == [0, 2]


def test_polytope_with_duplicates():
    polytope = Polytope(exact([(0, 0), (1, 0), (0, 0), (0, 1)]))
    assert polytope.vertex_indices.tolist() == [0, 1, 3]


def test_polytope_rejects_vector():
    with pytest.raises(ShapeMismatchError, match="shape"):
        Polytope(np.array([1.0, 2.0]))


def test_newton_polytope_rejects_non_polynomial():
    with pytest.raises(TropicalTypeError, match="TropicalPolynomial"):
        newton_polytope([[0, 1]])


def test_printing():
    x, y = variables("x y")
    newt = newton_polytope(x**2 + x * y + y**2 + 1)
    assert repr(newt) == (
        "NewtonPolytope(dimension=2, ambient_dim=2, n_vertices=3, n_facets=3, "
        "exact=True)"
    )
    assert str(newt).splitlines() == [
        "NewtonPolytope of dimension 2 in R^2 with 3 vertices",
        "  vertices: (0, 0), (0, 2), (2, 0)",
        "  facets: -x <= 0, -y <= 0, x + y <= 2",
    ]
    assert isinstance(newt, NewtonPolytope)


def test_as_polyhedron_keeps_vertices():
    x, y = variables("x y")
    polyhedron = newton_polytope(0 + x + y).as_polyhedron()
    assert polyhedron.is_bounded
    assert polyhedron.contains([F(1, 3), F(1, 3)])
    assert not polyhedron.contains([1, 1])


def test_face_lattice_of_cube():
    cube = exact([(i, j, k) for i in (0, 1) for j in (0, 1) for k in (0, 1)])
    counts = [len(faces) for faces in face_lattice(cube, exact=True)]
    assert counts == [8, 12, 6, 1]
    float_counts = [len(f) for f in face_lattice(cube.astype(float), exact=False)]
    assert float_counts == counts


def test_face_lattice_of_octahedron():
    points = exact(
        [(1, 0, 0), (-1, 0, 0), (0, 1, 0), (0, -1, 0), (0, 0, 1), (0, 0, -1)]
    )
    assert [len(faces) for faces in face_lattice(points, exact=True)] == [6, 12, 8, 1]


def test_lattice_lengths():
    assert lattice_length(exact([(0, 0)])[0], exact([(2, 4)])[0], exact=True) == 2
    assert lattice_length(exact([(0,)])[0], exact([(F(3, 2),)])[0], exact=True) == F(
        3, 2
    )
    assert lattice_length(np.array([0.0, 0.0]), np.array([3.0, 6.0]), exact=False) == 3
    assert lattice_length(np.array([0.0]), np.array([np.pi]), exact=False) == np.pi
    skew = lattice_length(np.array([0.0, 0.0]), np.array([1.0, np.pi]), exact=False)
    assert np.isnan(skew)


def test_convex_hull_of_nothing():
    hull = convex_hull(np.zeros((0, 3), dtype=object), exact=True)
    assert hull.dimension == -1
    assert hull.vertices.tolist() == []


@given(exact_polynomials(max_terms=10))
def test_points_satisfy_inequalities(p):
    newt = newton_polytope(p)
    normals, offsets = newt.inequalities
    equations, values = newt.equations
    for point in p.exponents:
        assert all(row @ point <= b for row, b in zip(normals, offsets, strict=True))
        assert all(row @ point == d for row, d in zip(equations, values, strict=True))
    for row, offset in zip(normals, offsets, strict=True):
        assert max(p.exponents @ row) == offset


@given(exact_polynomials(max_terms=10))
def test_newton_vertices_are_essential(p):
    newt = newton_polytope(p)
    reduced = {tuple(row) for row in p.reduced().exponents.tolist()}
    for vertex in newt.vertices.tolist():
        assert tuple(vertex) in reduced


@given(exact_polynomials(max_terms=10))
def test_float_matches_exact(p):
    exact_newt = newton_polytope(p)
    float_newt = newton_polytope(p.to_float())
    assert float_newt.vertex_indices.tolist() == exact_newt.vertex_indices.tolist()
    assert float_newt.dimension == exact_newt.dimension
    assert [f.tolist() for f in float_newt.facets] == [
        f.tolist() for f in exact_newt.facets
    ]
