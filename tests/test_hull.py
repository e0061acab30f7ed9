"""Tests of the upper-hull kernel in tropicalnn.geometry._hull."""

from __future__ import annotations

import itertools
import time
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from tropicalnn.errors import ShapeMismatchError, TropicalValueError
from tropicalnn.geometry._hull import DEFAULT_RTOL, essential_terms, upper_hull

F = Fraction


def exact_arrays(rows, coefficients, n_vars=None):
    """Build exact exponent and coefficient arrays from plain numbers."""
    n_vars = len(rows[0]) if rows else (n_vars or 0)
    exponents = np.empty((len(rows), n_vars), dtype=object)
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            exponents[i, j] = F(value)
    coefs = np.empty(len(coefficients), dtype=object)
    coefs[:] = [F(c) for c in coefficients]
    return exponents, coefs


def as_lists(arrays):
    return [a.tolist() for a in arrays]


def essential_by_lp(exponents, coefficients) -> list[int]:
    """Terms strictly maximal somewhere, decided by one linear program each.

    For term k, maximise t subject to c_j + a_j.x + t <= c_k + a_k.x for every
    other term j (t capped at 1); the term is essential when t > 0.
    """
    a = np.asarray(exponents, dtype=np.float64)
    c = np.asarray(coefficients, dtype=np.float64)
    n, d = a.shape
    keep = []
    for k in range(n):
        others = [j for j in range(n) if j != k]
        if not others:
            keep.append(k)
            continue
        rows = np.hstack([a[others] - a[k], np.ones((len(others), 1))])
        bounds = [(None, None)] * d + [(None, 1)]
        objective = np.zeros(d + 1)
        objective[-1] = -1
        result = linprog(objective, A_ub=rows, b_ub=c[k] - c[others], bounds=bounds)
        assert result.status == 0
        if -result.fun > 1e-7:
            keep.append(k)
    return keep


def maximisers(exponents, coefficients, point) -> list[int]:
    """Terms attaining the maximum at `point`, compared exactly."""
    values = [
        c + sum((a * x for a, x in zip(row, point, strict=True)), F(0))
        for row, c in zip(exponents.tolist(), coefficients.tolist(), strict=True)
    ]
    best = max(values)
    return [k for k, v in enumerate(values) if v == best]


def polygon_area(points) -> Fraction:
    """Exact area of the convex hull of 2-D rational points."""
    pts = sorted(set(map(tuple, points)))
    if len(pts) < 3:
        return F(0)

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower, upper = [], []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    cycle = lower[:-1] + upper[:-1]
    doubled = sum(
        (
            cycle[i][0] * cycle[(i + 1) % len(cycle)][1]
            - cycle[(i + 1) % len(cycle)][0] * cycle[i][1]
            for i in range(len(cycle))
        ),
        F(0),
    )
    return abs(doubled) / 2


# -- exact expected values ------------------------------------------------


def test_empty_input():
    exponents, coefficients = exact_arrays([], [], n_vars=2)
    hull = upper_hull(exponents, coefficients, exact=True)
    assert hull.dimension == -1
    assert hull.vertices.tolist() == []
    assert hull.cells == []
    assert hull.dual_vertices.shape == (0, 2)


def test_single_monomial():
    exponents, coefficients = exact_arrays([(2, 1)], [3])
    hull = upper_hull(exponents, coefficients, exact=True)
    assert hull.dimension == 0
    assert hull.vertices.tolist() == [0]
    assert as_lists(hull.cells) == [[0]]
    assert hull.dual_vertices.tolist() == [[0, 0]]
    assert len(hull.ridges) == 0


def test_constant_without_variables():
    exponents, coefficients = exact_arrays([()], [5], n_vars=0)
    hull = upper_hull(exponents, coefficients, exact=True)
    assert hull.dimension == 0
    assert hull.vertices.tolist() == [0]
    assert hull.dual_vertices.shape == (1, 0)


def test_univariate_roots():
    # max(0, 1 + x, 2x): cells [0,1] and [1,2], ties at x = -1 and x = 1.
    exponents, coefficients = exact_arrays([(0,), (1,), (2,)], [0, 1, 0])
    hull = upper_hull(exponents, coefficients, exact=True)
    assert hull.vertices.tolist() == [0, 1, 2]
    assert as_lists(hull.cells) == [[0, 1], [1, 2]]
    assert hull.dual_vertices.tolist() == [[-1], [1]]
    assert hull.ridge_cells.tolist() == [[0, 1], [0, -1], [1, -1]]


def test_univariate_point_on_segment():
    # max(0, x, 2x) = max(0, 2x): the middle term is on the hull only.
    exponents, coefficients = exact_arrays([(0,), (1,), (2,)], [0, 0, 0])
    hull = upper_hull(exponents, coefficients, exact=True)
    assert hull.vertices.tolist() == [0, 2]
    assert as_lists(hull.cells) == [[0, 1, 2]]
    assert as_lists(hull.cell_vertices) == [[0, 2]]
    assert hull.dual_vertices.tolist() == [[0]]


def test_univariate_rational_exponents():
    # max(3x, 1): tie at x = 1/3.
    exponents, coefficients = exact_arrays([(0,), (3,)], [1, 0])
    hull = upper_hull(exponents, coefficients, exact=True)
    assert hull.dual_vertices.tolist() == [[F(1, 3)]]
    exponents, coefficients = exact_arrays([(F(1, 2),), (F(5, 3),)], [F(1, 4), 0])
    hull = upper_hull(exponents, coefficients, exact=True)
    # 1/4 + x/2 = 5x/3  <=>  x = 3/14
    assert hull.dual_vertices.tolist() == [[F(3, 14)]]


def test_collinear_bivariate():
    # max(0, x + y, 2x + 2y): the segment from (0,0) to (2,2).
    exponents, coefficients = exact_arrays([(0, 0), (1, 1), (2, 2)], [0, 0, 0])
    hull = upper_hull(exponents, coefficients, exact=True)
    assert hull.dimension == 1
    assert hull.vertices.tolist() == [0, 2]
    assert as_lists(hull.cells) == [[0, 1, 2]]
    assert as_lists(hull.cell_vertices) == [[0, 2]]
    # The dual point lies on the line x + y = 0 and in the span of (1, 1).
    assert hull.dual_vertices.tolist() == [[0, 0]]
    assert hull.ridge_directions.tolist() == [[F(-1, 2), F(-1, 2)], [F(1, 2), F(1, 2)]]


def test_collinear_dual_point_in_complement():
    # max(1 + x + y, 2x + 2y): tie on x + y = 1, nearest point (1/2, 1/2).
    exponents, coefficients = exact_arrays([(1, 1), (2, 2)], [1, 0])
    hull = upper_hull(exponents, coefficients, exact=True)
    assert hull.dual_vertices.tolist() == [[F(1, 2), F(1, 2)]]


def test_unit_square_is_one_cell():
    # max(0, x, y, x + y) = relu(x) + relu(y): no diagonal.
    exponents, coefficients = exact_arrays([(0, 0), (0, 1), (1, 0), (1, 1)], [0] * 4)
    hull = upper_hull(exponents, coefficients, exact=True)
    assert as_lists(hull.cells) == [[0, 1, 2, 3]]
    assert as_lists(hull.cell_vertices) == [[0, 1, 2, 3]]
    assert hull.dual_vertices.tolist() == [[0, 0]]
    assert len(hull.ridges) == 4
    assert np.all(hull.ridge_cells[:, 1] == -1)


def test_classical_conic():
    # 1x^2 + 1y^2 + 2xy + 2x + 2y + 2, every term essential.
    rows = [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (2, 0)]
    exponents, coefficients = exact_arrays(rows, [2, 2, 1, 2, 2, 1])
    hull = upper_hull(exponents, coefficients, exact=True)
    assert hull.vertices.tolist() == [0, 1, 2, 3, 4, 5]
    assert as_lists(hull.cells) == [[0, 1, 3, 4], [1, 2, 4], [3, 4, 5]]
    assert hull.dual_vertices.tolist() == [[0, 0], [0, 1], [1, 0]]
    interior = [
        r
        for r, cells in zip(hull.ridges, hull.ridge_cells, strict=True)
        if cells[1] != -1
    ]
    assert as_lists(interior) == [[1, 4], [3, 4]]


def test_affine_coefficients_single_cell():
    # c = 1 + 2i - j on a 3x3 grid: one cell, the four corners are vertices.
    rows = [(i, j) for i in range(3) for j in range(3)]
    coefficients = [1 + 2 * i - j for i, j in rows]
    exponents, coefs = exact_arrays(rows, coefficients)
    hull = upper_hull(exponents, coefs, exact=True)
    assert as_lists(hull.cells) == [list(range(9))]
    assert hull.vertices.tolist() == [0, 2, 6, 8]
    assert hull.dual_vertices.tolist() == [[-2, 1]]


def test_point_on_edge_not_vertex():
    # (1, 0) lies on the edge from (0, 0) to (2, 0) of the only cell.
    rows = [(0, 0), (1, 0), (2, 0), (0, 2)]
    exponents, coefficients = exact_arrays(rows, [0, 0, 0, 0])
    hull = upper_hull(exponents, coefficients, exact=True)
    assert hull.vertices.tolist() == [0, 2, 3]
    assert as_lists(hull.cells) == [[0, 1, 2, 3]]
    assert as_lists(hull.cell_vertices) == [[0, 2, 3]]
    assert [0, 1, 2] in as_lists(hull.ridges)


def test_non_simplex_cells_merge():
    # A 3x3 grid lifted by c = -(i - 1)^2: three strips, never triangles.
    rows = [(i, j) for i in range(3) for j in range(3)]
    exponents, coefficients = exact_arrays(rows, [-((i - 1) ** 2) for i, j in rows])
    hull = upper_hull(exponents, coefficients, exact=True)
    assert as_lists(hull.cells) == [[0, 1, 2, 3, 4, 5], [3, 4, 5, 6, 7, 8]]
    assert as_lists(hull.cell_vertices) == [[0, 2, 3, 5], [3, 5, 6, 8]]
    assert hull.vertices.tolist() == [0, 2, 3, 5, 6, 8]


def test_coplanar_trivariate():
    # Exponents in the plane z = x + y of R^3.
    rows = [(0, 0, 0), (1, 0, 1), (0, 1, 1), (1, 1, 2)]
    exponents, coefficients = exact_arrays(rows, [0, 0, 0, 0])
    hull = upper_hull(exponents, coefficients, exact=True)
    assert hull.dimension == 2
    assert as_lists(hull.cells) == [[0, 1, 2, 3]]
    point = hull.dual_vertices[0]
    assert maximisers(exponents, coefficients, point) == [0, 1, 2, 3]
    # The point is orthogonal to the lineality direction (1, 1, -1).
    assert point[0] + point[1] - point[2] == 0


def test_unit_cube_box():
    rows = [(i, j, k) for i in (0, 1) for j in (0, 1) for k in (0, 1)]
    exponents, coefficients = exact_arrays(rows, [0] * 8)
    hull = upper_hull(exponents, coefficients, exact=True)
    assert as_lists(hull.cells) == [list(range(8))]
    assert hull.vertices.tolist() == list(range(8))
    assert len(hull.ridges) == 6


def test_pyramid_cell_in_three_variables():
    rows = [(i, j, k) for i in (0, 1) for j in (0, 1) for k in (0, 1)] + [(1, 1, 2)]
    exponents, coefficients = exact_arrays(rows, [0] * 8 + [-5])
    hull = upper_hull(exponents, coefficients, exact=True)
    assert as_lists(hull.cells) == [list(range(8)), [1, 3, 5, 7, 8]]
    assert as_lists(hull.cell_vertices) == [list(range(8)), [1, 3, 5, 7, 8]]


def test_four_variables_simplex():
    rows = [(0, 0, 0, 0), (1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1)]
    exponents, coefficients = exact_arrays(rows, [0, 1, 2, 3, 4])
    hull = upper_hull(exponents, coefficients, exact=True)
    assert hull.dimension == 4
    assert as_lists(hull.cells) == [[0, 1, 2, 3, 4]]
    assert hull.dual_vertices.tolist() == [[-1, -2, -3, -4]]
    assert len(hull.ridges) == 5


def test_four_variables_hypercube_with_centre():
    rows = list(itertools.product((0, 2), repeat=4)) + [(1, 1, 1, 1)]
    exponents, coefficients = exact_arrays(rows, [0] * 16 + [1])
    hull = upper_hull(exponents, coefficients, exact=True)
    assert hull.vertices.tolist() == list(range(17))
    # One pyramid over each of the eight facets of the cube.
    assert len(hull.cells) == 8
    assert all(len(cell) == 9 for cell in hull.cells)


def test_shape_mismatch_rejected():
    exponents, coefficients = exact_arrays([(0, 0), (1, 0)], [0])
    with pytest.raises(ShapeMismatchError, match="shape"):
        upper_hull(exponents, coefficients, exact=True)


def test_negative_tolerance_rejected():
    with pytest.raises(TropicalValueError, match="tolerance"):
        upper_hull(np.zeros((1, 1)), np.zeros(1), exact=False, tol=-1.0)


# -- float kernel -----------------------------------------------------------


def test_float_matches_exact_on_simple_cases():
    rows = [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (2, 0)]
    coefficients = [2, 2, 1, 2, 2, 1]
    hull = upper_hull(np.array(rows, float), np.array(coefficients, float), exact=False)
    assert as_lists(hull.cells) == [[0, 1, 3, 4], [1, 2, 4], [3, 4, 5]]
    assert np.allclose(hull.dual_vertices, [[0, 0], [0, 1], [1, 0]])


def test_float_tolerance_merges_rounding_noise():
    # relu(x) + relu(y) + 0.3 with the constant computed in three ways.
    rows = np.array([(0, 0), (0, 1), (1, 0), (1, 1)], float)
    noisy = np.array([0.3, 0.1 + 0.2, 0.3, 0.7 - 0.4])
    assert len(set(noisy.tolist())) == 3
    hull = upper_hull(rows, noisy, exact=False)
    assert as_lists(hull.cells) == [[0, 1, 2, 3]]
    # Taken exactly, the rounded values split the square along a diagonal.
    exact = upper_hull(
        rows.astype(object) * F(1),
        np.array([F(float(c)) for c in noisy], dtype=object),
        exact=True,
    )
    assert as_lists(exact.cells) == [[0, 1, 2], [1, 2, 3]]


def test_float_zero_tolerance_still_covers():
    rows = np.array([(0, 0), (0, 1), (1, 0), (1, 1)], float)
    noisy = np.array([0.3, 0.1 + 0.2, 0.3, 0.7 - 0.4])
    hull = upper_hull(rows, noisy, exact=False, tol=0.0)
    covered = sorted({int(k) for cell in hull.cells for k in cell})
    assert covered == [0, 1, 2, 3]


def test_float_keeps_vertices_across_magnitudes():
    # One coefficient 1e10 far from a row of terms whose coefficients follow
    # a concave parabola with curvature 0.02: every term of the row is a
    # vertex, visible to float arithmetic at 2e-12 of the magnitude 1e10.
    rng = np.random.default_rng(3)
    ys = np.arange(12)
    exponents = np.array(
        [[0, 0]] + [[100, y] for y in ys] + [[99, y] for y in ys], float
    )
    coefficients = np.concatenate(
        [
            [1e10],
            -0.01 * (ys - 5.5) ** 2 + rng.uniform(0, 1e-3, 12),
            rng.uniform(-5, -4, 12),
        ]
    )
    float_vertices = essential_terms(exponents, coefficients, exact=False)
    exact_vertices = essential_terms(
        exponents.astype(object) * F(1),
        np.array([F(float(c)) for c in coefficients], dtype=object),
        exact=True,
    )
    assert exact_vertices.tolist() == list(range(13)) + [24]
    assert float_vertices.tolist() == exact_vertices.tolist()


def test_float_wide_magnitudes_match_exact():
    rng = np.random.default_rng(2)
    for trial in range(10):
        n_vars = 2 + trial % 2
        exponents = np.unique(rng.integers(0, 6, size=(40, n_vars)), axis=0)
        signs = np.sign(rng.normal(size=len(exponents)))
        coefficients = signs * 10.0 ** rng.uniform(-6, 6, size=len(exponents))
        exact = upper_hull(
            exponents.astype(object) * F(1),
            np.array([F(float(c)) for c in coefficients], dtype=object),
            exact=True,
        )
        approx = upper_hull(exponents.astype(float), coefficients, exact=False)
        assert approx.vertices.tolist() == exact.vertices.tolist()
        assert as_lists(approx.cells) == as_lists(exact.cells)


def test_default_tolerance_is_small():
    assert 0 < DEFAULT_RTOL < 1e-13


# -- properties -------------------------------------------------------------


@st.composite
def polynomials(draw, max_vars=4, max_terms=12, box=3):
    n_vars = draw(st.integers(1, max_vars))
    point = st.tuples(*[st.integers(0, box)] * n_vars)
    rows = draw(st.lists(point, min_size=1, max_size=max_terms, unique=True))
    coefficients = draw(
        st.lists(
            st.fractions(min_value=-4, max_value=4, max_denominator=3),
            min_size=len(rows),
            max_size=len(rows),
        )
    )
    return exact_arrays(rows, coefficients)


@settings(derandomize=True, max_examples=80, deadline=None)
@given(polynomials())
def test_essential_iff_strictly_maximal(data):
    exponents, coefficients = data
    found = essential_terms(exponents, coefficients, exact=True)
    assert found.tolist() == essential_by_lp(exponents, coefficients)


@settings(derandomize=True, max_examples=80, deadline=None)
@given(polynomials())
def test_cells_tie_at_dual_vertices(data):
    exponents, coefficients = data
    hull = upper_hull(exponents, coefficients, exact=True)
    for cell, point in zip(hull.cells, hull.dual_vertices, strict=True):
        assert maximisers(exponents, coefficients, point) == cell.tolist()
    for cell, vertices in zip(hull.cells, hull.cell_vertices, strict=True):
        assert set(vertices.tolist()) <= set(cell.tolist())
        assert set(vertices.tolist()) <= set(hull.vertices.tolist())


@settings(derandomize=True, max_examples=60, deadline=None)
@given(polynomials(max_vars=2, max_terms=15, box=4))
def test_cells_cover_newton_polygon(data):
    exponents, coefficients = data
    hull = upper_hull(exponents, coefficients, exact=True)
    if hull.dimension != 2:
        return
    points = exponents.tolist()
    total = sum(polygon_area([points[k] for k in cell]) for cell in hull.cells)
    assert total == polygon_area(points)


@settings(derandomize=True, max_examples=60, deadline=None)
@given(polynomials())
def test_ridge_directions_follow_edges(data):
    exponents, coefficients = data
    hull = upper_hull(exponents, coefficients, exact=True)
    for points, (first, second), direction in zip(
        hull.ridges, hull.ridge_cells, hull.ridge_directions, strict=True
    ):
        # Moving from the dual vertex along the direction keeps the ridge's
        # terms tied and maximal.
        start = hull.dual_vertices[first]
        step = F(1, 10**6) if second != -1 else F(1)
        if second != -1:
            target = hull.dual_vertices[second]
            offsets = [t - s for t, s in zip(target, start, strict=True)]
            ratio = next(
                o / d for o, d in zip(offsets, direction, strict=True) if d != 0
            )
            assert ratio > 0
            assert all(o == ratio * d for o, d in zip(offsets, direction, strict=True))
            step = ratio / 2
        middle = [s + step * d for s, d in zip(start, direction, strict=True)]
        assert maximisers(exponents, coefficients, middle) == points.tolist()


@settings(derandomize=True, max_examples=60, deadline=None)
@given(polynomials())
def test_float_kernel_matches_exact(data):
    exponents, coefficients = data
    exact = upper_hull(exponents, coefficients, exact=True)
    approx = upper_hull(
        exponents.astype(np.float64), coefficients.astype(np.float64), exact=False
    )
    assert approx.vertices.tolist() == exact.vertices.tolist()
    assert as_lists(approx.cells) == as_lists(exact.cells)
    assert np.allclose(
        approx.dual_vertices.astype(float), exact.dual_vertices.astype(float), atol=1e-9
    )


@settings(derandomize=True, max_examples=40, deadline=None)
@given(polynomials(max_vars=3), st.integers(1, 5))
def test_scaling_coefficients_keeps_cells(data, factor):
    exponents, coefficients = data
    hull = upper_hull(exponents, coefficients, exact=True)
    scaled = upper_hull(exponents, coefficients * factor, exact=True)
    assert as_lists(scaled.cells) == as_lists(hull.cells)


# -- performance --------------------------------------------------------------


def random_terms(rng, n_terms, n_vars, box):
    rows = np.unique(rng.integers(0, box, size=(int(n_terms * 1.3), n_vars)), axis=0)
    rows = rows[rng.permutation(len(rows))[:n_terms]]
    coefficients = rng.integers(-1000, 1000, size=len(rows)) / 7
    return rows, coefficients


def test_float_20000_bivariate_under_a_second():
    rng = np.random.default_rng(1)
    rows, coefficients = random_terms(rng, 20000, 2, 300)
    start = time.perf_counter()
    essential_terms(rows.astype(float), coefficients, exact=False)
    assert time.perf_counter() - start < 1.0


def test_exact_20_bivariate_is_fast():
    rng = np.random.default_rng(1)
    rows, coefficients = random_terms(rng, 20, 2, 6)
    exponents = rows.astype(object) * F(1)
    coefs = np.array([F(int(round(c * 7)), 7) for c in coefficients], dtype=object)
    upper_hull(exponents, coefs, exact=True)
    start = time.perf_counter()
    for _ in range(10):
        upper_hull(exponents, coefs, exact=True)
    assert (time.perf_counter() - start) / 10 < 0.02


def test_float_subnormal_exponents():
    # Exponents near 1e-312 used to underflow in the orientation tests.
    tiny = 1.11253693e-312
    rows = np.array([[0, 0], [0, 2 * tiny], [tiny, 0], [tiny, 2 * tiny]])
    hull = upper_hull(rows, np.zeros(4), exact=False)
    assert hull.vertices.tolist() == [0, 1, 2, 3]
    assert as_lists(hull.cells) == [[0, 1, 2, 3]]
    assert hull.dual_vertices.tolist() == [[0.0, 0.0]]


def test_float_huge_and_tiny_scales_match_exact():
    rows = np.array([[0, 0], [0, 1], [1, 0], [1, 1], [2, 1]], float)
    coefficients = np.array([0.0, 1.0, 2.0, 0.5, -1.0])
    reference = upper_hull(rows, coefficients, exact=False)
    for scale in (1e-300, 1e300):
        scaled = upper_hull(rows * scale, coefficients * scale, exact=False)
        assert as_lists(scaled.cells) == as_lists(reference.cells)
        assert np.allclose(scaled.dual_vertices, reference.dual_vertices)


def test_float_nearly_collinear_never_fails():
    # Nearly collinear exponents at tiny, normal and huge scales: the rank
    # and tie decisions are borderline, and the kernel must still return a
    # hull with vertices instead of raising.
    rng = np.random.default_rng(5)
    for _ in range(300):
        n_terms = int(rng.integers(2, 8))
        n_vars = int(rng.integers(2, 4))
        line = rng.normal(size=(n_terms, 1)) * rng.choice([1, 1e-300, 1e300])
        noise = rng.normal(size=(n_terms, n_vars)) * 10.0 ** rng.uniform(-17, -10)
        rows = line @ rng.normal(size=(1, n_vars)) + noise * np.abs(line).max()
        if len(np.unique(rows, axis=0)) < n_terms:
            continue
        coefficients = rng.normal(size=n_terms) * 10.0 ** rng.uniform(-300, 10)
        hull = upper_hull(rows, coefficients, exact=False)
        assert len(hull.vertices) >= 1
        assert all(len(vertices) for vertices in hull.cell_vertices)
