"""Agreement with polymake 4.6, and exact expected values of known hard cases."""

from __future__ import annotations

import json
import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from tropicalnn.geometry import (
    dual_subdivision,
    factor,
    newton_polytope,
    polynomial_regions,
    roots,
    tropical_hypersurface,
)
from tropicalnn.polynomial import TropicalPolynomial, variables

F = Fraction
DATA = json.loads(
    (Path(__file__).parent / "data" / "polymake-hypersurfaces.json").read_text()
)
CASES = {case["id"]: case for case in DATA["cases"]}


def build(case) -> TropicalPolynomial:
    exponents = np.array(
        [[F(v) for v in exponent] for _, exponent in case["terms"]], dtype=object
    )
    coefficients = [F(coefficient) for coefficient, _ in case["terms"]]
    return TropicalPolynomial.from_arrays(
        exponents, coefficients, convention=case["convention"]
    )


def primitive(vector) -> tuple[int, ...]:
    """Scale a rational vector to the primitive integer vector with the same
    direction."""
    values = [F(v) for v in vector]
    denominator = math.lcm(*(v.denominator for v in values))
    integers = [int(v * denominator) for v in values]
    divisor = math.gcd(*integers)
    return tuple(i // divisor for i in integers)


def dot(u, v) -> Fraction:
    return sum((a * b for a, b in zip(u, v, strict=True)), F(0))


def modulo_lineality(vector, lineality) -> tuple[int, ...]:
    """Project a direction onto the orthogonal complement of the lineality
    space (exactly) and return its primitive form."""
    basis: list[list[Fraction]] = []
    for row in lineality:
        w = [F(x) for x in row]
        for b in basis:
            ratio = dot(w, b) / dot(b, b)
            w = [x - ratio * y for x, y in zip(w, b, strict=True)]
        basis.append(w)
    v = [F(x) for x in vector]
    for b in basis:
        ratio = dot(v, b) / dot(b, b)
        v = [x - ratio * y for x, y in zip(v, b, strict=True)]
    return primitive(v)


@pytest.fixture(scope="module", params=sorted(CASES), ids=str)
def computed(request):
    case = CASES[request.param]
    p = build(case)
    surface = tropical_hypersurface(p)
    return case, p, surface, polynomial_regions(p)


def test_oracle_file_is_complete():
    assert DATA["generator"].startswith("polymake 4.6")
    assert len(CASES) == 40


def test_subdivision_cells(computed):
    case, p, surface, _ = computed
    ours = sorted(
        sorted(tuple(int(v) for v in p.exponents[k]) for k in cell.points)
        for cell in surface.subdivision.cells
    )
    expected = sorted(
        sorted(tuple(point) for point in cell)
        for cell in case["expected"]["dual_subdivision_maximal_cells"]
    )
    assert ours == expected


def test_lineality_dimension(computed):
    case, _, surface, _ = computed
    assert surface.lineality_dim == case["expected"]["lineality_dim"]


def test_hypersurface_vertices(computed):
    case, _, surface, _ = computed
    expected = case["expected"]["hypersurface_vertices"]
    if expected is None:
        # polymake's output stores no vertices when the lineality space is
        # not zero; ours are then points of the orthogonal complement.
        assert surface.lineality_dim > 0
        return
    ours = sorted(tuple(v) for v in surface.vertices.tolist())
    assert ours == sorted(tuple(F(x) for x in v) for v in expected)


def test_hypersurface_rays(computed):
    case, _, surface, _ = computed
    expected = case["expected"]["hypersurface_rays_directions"]
    if expected is None:
        assert surface.lineality_dim > 0
        return
    lineality = surface.lineality
    ours = sorted(modulo_lineality(ray, lineality) for ray in surface.rays)
    assert ours == sorted(modulo_lineality(ray, lineality) for ray in expected)


def test_number_of_maximal_polyhedra(computed):
    case, _, surface, _ = computed
    assert surface.n_maximal_cells == case["expected"]["n_maximal_polyhedra"]


def test_weights_multiset(computed):
    case, _, surface, _ = computed
    assert sorted(surface.weights) == sorted(case["expected"]["weights_multiset"])


def test_number_of_regions(computed):
    case, _, _, regions = computed
    assert len(regions) == case["expected"]["n_regions"]


def test_min_convention_mirrors_oracle(computed):
    # The min-plus polynomial with negated coefficients has the reflected
    # hypersurface and the same subdivision.
    case, p, surface, _ = computed
    mirror = TropicalPolynomial.from_arrays(
        p.exponents, -p.coefficients, convention="min"
    )
    reflected = tropical_hypersurface(mirror)
    assert reflected.vertices.tolist() == (-surface.vertices).tolist()
    assert sorted(map(tuple, reflected.rays.tolist())) == sorted(
        map(tuple, (-surface.rays).tolist())
    )
    assert sorted(reflected.weights) == sorted(surface.weights)


# -- known hard cases ---------------------------------------------------------


def test_collinear_exponents_case():
    # max(0, x + y, 2x + 2y): (1, 1) is on the hull but not a vertex.
    x, y = variables("x y")
    p = 0 + x * y + x**2 * y**2
    newt = newton_polytope(p)
    assert newt.dimension == 1
    assert newt.vertices.tolist() == [[0, 0], [2, 2]]
    reduced = p.reduced()
    assert reduced.exponents.tolist() == [[0, 0], [2, 2]]
    surface = tropical_hypersurface(p)
    assert surface.weights == (2,)
    assert surface.lineality_dim == 1
    line = surface.polyhedron(0)
    assert line.contains([3, -3])
    assert not line.contains([1, 0])
    assert len(polynomial_regions(p)) == 2


def test_univariate_collinear_case():
    x = variables("x")
    p = 0 + x + x**2
    assert dual_subdivision(p).cells[0].points.tolist() == [0, 1, 2]
    assert roots(p)[0].multiplicity == 2


def test_monomials_and_constants_case():
    t = variables("t")
    (root,) = roots(t**3 + 1)
    assert root.value == F(1, 3)
    assert root.multiplicity == 3
    x, y = variables("x y")
    monomial = 3 * x**2 * y
    assert tropical_hypersurface(monomial).is_empty
    assert len(polynomial_regions(monomial)) == 1
    assert newton_polytope(monomial).vertices.tolist() == [[2, 1]]
    constant = TropicalPolynomial.constant(5)
    assert tropical_hypersurface(constant).is_empty
    assert len(polynomial_regions(constant)) == 1


def test_non_generic_coefficients_case():
    x, y = variables("x y")
    p = 0 + x + y + x * y
    subdivision = dual_subdivision(p)
    assert [cell.points.tolist() for cell in subdivision.cells] == [[0, 1, 2, 3]]
    assert not subdivision.is_triangulation
    surface = tropical_hypersurface(p)
    assert surface.vertices.tolist() == [[0, 0]]
    assert all(cell.vertices.tolist() == [0] for cell in surface.cells)
    assert surface.n_maximal_cells == 4
    assert len(polynomial_regions(p)) == 4


def test_classical_conic_case():
    x, y = variables("x y")
    p = 1 * x**2 + 1 * y**2 + 2 * x * y + 2 * x + 2 * y + 2
    assert len(p.reduced()) == 6
    subdivision = dual_subdivision(p)
    cells = sorted(
        sorted(tuple(int(v) for v in p.exponents[k]) for k in cell.points)
        for cell in subdivision.cells
    )
    assert cells == [
        [(0, 0), (0, 1), (1, 0), (1, 1)],
        [(0, 1), (0, 2), (1, 1)],
        [(1, 0), (1, 1), (2, 0)],
    ]
    surface = tropical_hypersurface(p)
    assert sorted(surface.vertices.tolist()) == [[0, 0], [0, 1], [1, 0]]
    assert set(surface.weights) == {1}
    assert len(polynomial_regions(p)) == 6


def test_min_versus_max_case():
    x = variables("x")
    assert [(r.value, r.multiplicity) for r in roots(0 + 1 * x + x**2)] == [
        (-1, 1),
        (1, 1),
    ]
    xm = variables("x", convention="min")
    assert [(r.value, r.multiplicity) for r in roots(0 + 1 * xm + xm**2)] == [(0, 2)]
    assert [r.value for r in roots(0 + 1 * xm)] == [-1]
    assert [r.value for r in roots(0 + (-1) * x)] == [1]
    assert str(factor(0 + 1 * xm + xm**2)) == "0 ⊙ (x ⊕ 0)^2"
