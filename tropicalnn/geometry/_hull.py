"""Upper hulls of lifted exponent sets: the private geometry kernel.

A tropical polynomial ``f(x) = max_k (c_k + <a_k, x>)`` is described by its
exponents ``a`` of shape ``(n_terms, n_vars)`` and coefficients ``c`` of shape
``(n_terms,)``.  Everything geometric about ``f`` follows from the upper hull
of the lifted points ``(a_k, c_k)``.  Its vertices are the essential terms.
Its upper facets project to the maximal cells of the regular subdivision of
the Newton polytope, and each upper facet is dual to a vertex of the tropical
hypersurface.  This module works in max-plus only; callers mirror min-plus by
negating the coefficients (and the points) first.

Algorithm
---------
The exponents are first written in coordinates of their affine hull (of
dimension ``r``), so collinear and coplanar exponent sets are ordinary input.
In one dimension an exact monotone chain gives the hull.  In higher
dimension the kernel walks the hypersurface: starting from the origin it
moves along lines on which the set of tied terms is constant until ``r + 1``
affinely independent terms tie (a hypersurface vertex, that is an upper
facet), then visits the neighbouring vertices through the facets of each
cell, as gift wrapping does in the dual.  The facets of a cell are computed
by the same routine one dimension lower, so cells that are not simplices are
never triangulated and coplanar facets are never split.

Exact and float arithmetic
--------------------------
With ``exact=True`` the inputs are ``fractions.Fraction`` and every decision
is exact: the data are scaled to Python integers, and floats are only used to
pick the few candidates of a minimum ratio, which are then compared exactly.
With ``exact=False`` the inputs are ``float64`` and a term ties with the
maximum at a point ``x`` when its value is within ``tol`` times the
magnitude of the numbers that were added to compute the two values
(``|c_k| + sum_j |a_kj x_j|``).  The default ``tol`` is `DEFAULT_RTOL`.
Because the tolerance is relative to each comparison rather than to the
whole data set, terms whose coefficients differ by many orders of magnitude
keep every vertex that float arithmetic can resolve.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import ShapeMismatchError, TropicalValueError

__all__ = ["DEFAULT_RTOL", "UpperHull", "essential_terms", "upper_hull"]

DEFAULT_RTOL = 64 * float(np.finfo(np.float64).eps)
"""Default relative tolerance of the float kernel: 64 units in the last place
of a double (about 1.4e-14)."""

# Float ratios computed from exact integers carry a relative error of a few
# units in the last place.  Candidates within this factor of the smallest
# float ratio are compared again with exact arithmetic.
_RATIO_SLACK = 1e-9


@dataclass(frozen=True)
class UpperHull:
    """Upper hull of the lifted points ``(a_k, c_k)`` of a polynomial.

    All index arrays are sorted ``int64`` arrays of term indices.  Numbers
    are `fractions.Fraction` (dtype object) for exact input and ``float64``
    otherwise.

    Attributes
    ----------
    dimension : int
        Affine dimension of the exponent set (``-1`` when there are no
        terms).
    vertices : numpy.ndarray
        Terms whose lifted points are vertices of the upper hull, that is
        the terms that are strictly maximal on a non-empty open set.
    cells : list of numpy.ndarray
        For each maximal cell of the regular subdivision (each upper facet
        of the lifted polytope), every term lying on it, vertex or not.
    cell_vertices : list of numpy.ndarray
        The vertices of each cell.
    dual_vertices : numpy.ndarray
        Shape ``(n_cells, n_vars)``.  Row ``i`` is the point where the terms
        of cell ``i`` tie as the maximum, taken in the orthogonal complement
        of the lineality space (the span of the exponent differences).
    ridges : list of numpy.ndarray
        Codimension-one faces of the cells: the terms on each.
    ridge_cells : numpy.ndarray
        Shape ``(n_ridges, 2)``.  The two cells sharing each ridge, or a
        cell and ``-1`` for a ridge on the boundary of the Newton polytope.
    ridge_directions : numpy.ndarray
        Shape ``(n_ridges, n_vars)``.  Direction of the hypersurface edge
        dual to each ridge, pointing from the dual vertex of the first cell
        towards that of the second, or along the unbounded ray for a
        boundary ridge.  The length is not normalised.
    affine_basis : numpy.ndarray
        Shape ``(dimension, n_vars)``.  Rows spanning the linear space
        parallel to the affine hull of the exponents.
    """

    dimension: int
    vertices: np.ndarray
    cells: list[np.ndarray]
    cell_vertices: list[np.ndarray]
    dual_vertices: np.ndarray
    ridges: list[np.ndarray]
    ridge_cells: np.ndarray
    ridge_directions: np.ndarray
    affine_basis: np.ndarray

    @property
    def n_cells(self) -> int:
        """Number of maximal cells."""
        return len(self.cells)


# -- public entry points ----------------------------------------------------


def essential_terms(
    exponents: np.ndarray,
    coefficients: np.ndarray,
    *,
    exact: bool,
    tol: float | None = None,
) -> np.ndarray:
    """Find the terms that are strictly maximal on a non-empty open set.

    Parameters
    ----------
    exponents : numpy.ndarray
        Shape ``(n_terms, n_vars)`` with distinct rows.  Entries are
        `fractions.Fraction` (dtype object) when `exact`, else ``float64``.
    coefficients : numpy.ndarray
        Shape ``(n_terms,)``, finite, with the same number type.
    exact : bool
        Decide with exact rational arithmetic.
    tol : float, optional
        Relative tolerance of the float kernel (default `DEFAULT_RTOL`).
        Ignored when `exact`.

    Returns
    -------
    numpy.ndarray
        Sorted ``int64`` indices of the terms whose lifted points are
        vertices of the upper hull.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> a = np.array([[F(0)], [F(1)], [F(2)]], dtype=object)
    >>> c = np.array([F(0), F(1), F(0)], dtype=object)
    >>> essential_terms(a, c, exact=True)
    array([0, 1, 2])
    >>> c = np.array([F(0), F(0), F(0)], dtype=object)
    >>> essential_terms(a, c, exact=True)
    array([0, 2])
    """
    return upper_hull(exponents, coefficients, exact=exact, tol=tol).vertices


def upper_hull(
    exponents: np.ndarray,
    coefficients: np.ndarray,
    *,
    exact: bool,
    tol: float | None = None,
) -> UpperHull:
    """Compute the upper hull of the lifted points ``(a_k, c_k)``.

    Parameters
    ----------
    exponents : numpy.ndarray
        Shape ``(n_terms, n_vars)`` with distinct rows.  Entries are
        `fractions.Fraction` (dtype object) when `exact`, else ``float64``.
    coefficients : numpy.ndarray
        Shape ``(n_terms,)``, finite, with the same number type.
    exact : bool
        Decide with exact rational arithmetic.
    tol : float, optional
        Relative tolerance of the float kernel (default `DEFAULT_RTOL`).
        Ignored when `exact`.

    Returns
    -------
    UpperHull
        Vertices, cells of the regular subdivision, their dual points and
        the ridges between cells.

    Raises
    ------
    ShapeMismatchError
        If the arrays do not have shapes ``(n, d)`` and ``(n,)``.
    TropicalValueError
        If `tol` is negative or not finite.

    Examples
    --------
    The subdivision of ``max(0, x, y, x + y)`` is the whole unit square:

    >>> from fractions import Fraction as F
    >>> a = np.array([[F(i), F(j)] for i in (0, 1) for j in (0, 1)], dtype=object)
    >>> c = np.array([F(0)] * 4, dtype=object)
    >>> hull = upper_hull(a, c, exact=True)
    >>> hull.cells
    [array([0, 1, 2, 3])]
    >>> hull.dual_vertices.tolist()
    [[Fraction(0, 1), Fraction(0, 1)]]
    """
    exponents = np.asarray(exponents)
    coefficients = np.asarray(coefficients)
    if exponents.ndim != 2 or coefficients.shape != (exponents.shape[0],):
        raise ShapeMismatchError(
            "expected exponents of shape (n_terms, n_vars) and coefficients of "
            f"shape (n_terms,), got {exponents.shape} and {coefficients.shape}"
        )
    rtol = DEFAULT_RTOL if tol is None else float(tol)
    if not (math.isfinite(rtol) and rtol >= 0):
        raise TropicalValueError(
            f"invalid tolerance {tol!r}; expected a finite number >= 0"
        )
    arith = _Arith(exact=exact, rtol=rtol)
    n_terms, n_vars = exponents.shape
    if n_terms == 0:
        return _empty_hull(n_vars, exact)

    # Coordinates in the affine hull of the exponents.
    frame = _affine_frame(exponents, coefficients, arith)
    r = frame.coords.shape[1]

    # The walk (or the monotone chain) in those coordinates.
    if r == 0:
        cells = [_Cell(np.zeros(0, dtype=object), 1, np.array([0]))]
        ridges: list[_Ridge] = []
        facets_of_cell = {(0,): []}
    elif r == 1:
        cells, ridges = _chain_1d(frame.coords[:, 0], frame.heights, arith)
        facets_of_cell = None
    else:
        cells, ridges, facets_of_cell = _walk(frame.coords, frame.heights, arith)
    return _assemble(frame, cells, ridges, facets_of_cell, arith, n_vars)


# -- number handling --------------------------------------------------------


@dataclass(frozen=True)
class _Arith:
    """Arithmetic mode: exact integers or floats with a relative tolerance."""

    exact: bool
    rtol: float

    def array(self, values: Any) -> np.ndarray:
        return np.asarray(values, dtype=object if self.exact else np.float64)


def _empty_hull(n_vars: int, exact: bool) -> UpperHull:
    dtype = object if exact else np.float64
    return UpperHull(
        dimension=-1,
        vertices=np.zeros(0, dtype=np.int64),
        cells=[],
        cell_vertices=[],
        dual_vertices=np.zeros((0, n_vars), dtype=dtype),
        ridges=[],
        ridge_cells=np.zeros((0, 2), dtype=np.int64),
        ridge_directions=np.zeros((0, n_vars), dtype=dtype),
        affine_basis=np.zeros((0, n_vars), dtype=dtype),
    )


def _to_fraction(value: Any) -> Fraction:
    if isinstance(value, Fraction):
        return value
    if isinstance(value, (int, np.integer)):
        return Fraction(int(value))
    if isinstance(value, (float, np.floating)):
        return Fraction(float(value))
    return Fraction(value)


def _scale_to_integers(values: list[Fraction]) -> tuple[list[int], Fraction]:
    """Scale rationals by a positive factor so that they become coprime
    integers; return the integers and the factor."""
    denominator = math.lcm(*(v.denominator for v in values)) if values else 1
    integers = [v.numerator * (denominator // v.denominator) for v in values]
    divisor = math.gcd(*integers) if integers else 0
    if divisor > 1:
        integers = [i // divisor for i in integers]
    else:
        divisor = 1
    return integers, Fraction(denominator, divisor)


def _primitive(vector: list[Fraction]) -> list[int]:
    """Scale a nonzero rational vector to a primitive integer vector."""
    integers, _ = _scale_to_integers(vector)
    return integers


def _rref(rows: list[list[Fraction]]) -> tuple[list[list[Fraction]], list[int]]:
    """Reduced row echelon form of a rational matrix (rows, pivot columns)."""
    matrix = [list(row) for row in rows]
    n_cols = len(matrix[0]) if matrix else 0
    pivots: list[int] = []
    rank = 0
    for col in range(n_cols):
        pivot_row = next(
            (i for i in range(rank, len(matrix)) if matrix[i][col] != 0), None
        )
        if pivot_row is None:
            continue
        matrix[rank], matrix[pivot_row] = matrix[pivot_row], matrix[rank]
        lead = matrix[rank][col]
        matrix[rank] = [v / lead for v in matrix[rank]]
        for i in range(len(matrix)):
            factor = matrix[i][col]
            if i != rank and factor != 0:
                matrix[i] = [
                    a - factor * b for a, b in zip(matrix[i], matrix[rank], strict=True)
                ]
        pivots.append(col)
        rank += 1
        if rank == len(matrix):
            break
    return matrix[:rank], pivots


def _nullspace(rows: np.ndarray, n_cols: int, arith: _Arith) -> list[np.ndarray]:
    """Basis of the vectors orthogonal to every row (integers when exact)."""
    if arith.exact:
        reduced, pivots = _rref([[Fraction(v) for v in row] for row in rows.tolist()])
        basis = []
        for free in (j for j in range(n_cols) if j not in pivots):
            vector = [Fraction(0)] * n_cols
            vector[free] = Fraction(1)
            for row, pivot in zip(reduced, pivots, strict=True):
                vector[pivot] = -row[free]
            basis.append(np.array(_primitive(vector), dtype=object))
        return basis
    matrix = np.asarray(rows, dtype=np.float64).reshape(-1, n_cols)
    if matrix.shape[0] == 0:
        return list(np.eye(n_cols))
    _, singular, vt = np.linalg.svd(matrix)
    rank = _float_rank(singular, arith.rtol)
    return list(vt[rank:])


def _float_rank(singular: np.ndarray, rtol: float) -> int:
    if singular.size == 0 or singular[0] == 0:
        return 0
    return int(np.sum(singular > max(rtol, 1e-14) * singular[0]))


def _affine_rank(points: np.ndarray, arith: _Arith) -> int:
    if len(points) <= 1:
        return 0
    differences = points[1:] - points[0]
    if arith.exact:
        return len(_rref([[Fraction(v) for v in row] for row in differences])[1])
    singular = np.linalg.svd(differences.astype(np.float64), compute_uv=False)
    return _float_rank(singular, arith.rtol)


# -- affine frame -----------------------------------------------------------


@dataclass(frozen=True)
class _Frame:
    """Exponents in coordinates of their affine hull.

    ``coords`` has shape ``(n_terms, r)`` and ``heights`` shape
    ``(n_terms,)``; both are Python integers (dtype object) when exact.  A
    point ``xi`` of the walk in these coordinates maps to the point
    ``to_space @ (scale * xi)`` of ``R^n_vars``, and ``basis`` spans the
    directions of the affine hull.
    """

    coords: np.ndarray
    heights: np.ndarray
    scale: np.ndarray
    to_space: np.ndarray
    basis: np.ndarray


def _affine_frame(exponents: np.ndarray, coefficients: np.ndarray, arith: _Arith):
    n_terms, n_vars = exponents.shape
    if not arith.exact:
        return _affine_frame_float(exponents, coefficients, arith)

    rows = [[_to_fraction(v) for v in row] for row in exponents.tolist()]
    heights = [_to_fraction(v) for v in coefficients.tolist()]
    origin = rows[0]

    # Incremental reduced echelon basis of the differences a_k - a_0.
    basis: dict[int, list[Fraction]] = {}
    for row in rows[1:]:
        if len(basis) == n_vars:
            break
        diff = [a - b for a, b in zip(row, origin, strict=True)]
        for pivot, brow in basis.items():
            factor = diff[pivot]
            if factor != 0:
                diff = [d - factor * b for d, b in zip(diff, brow, strict=True)]
        lead_col = next((j for j, v in enumerate(diff) if v != 0), None)
        if lead_col is None:
            continue
        lead = diff[lead_col]
        diff = [d / lead for d in diff]
        for pivot, brow in basis.items():
            factor = brow[lead_col]
            if factor != 0:
                basis[pivot] = [b - factor * d for b, d in zip(brow, diff, strict=True)]
        basis[lead_col] = diff
    pivots = sorted(basis)
    echelon = [basis[p] for p in pivots]
    r = len(pivots)

    # Pivot coordinates of a_k - a_0, scaled column by column to integers.
    columns = []
    scales = []
    for p in pivots:
        ints, factor = _scale_to_integers([row[p] - origin[p] for row in rows])
        columns.append(ints)
        scales.append(factor)
    coords = np.empty((n_terms, r), dtype=object)
    for j, column in enumerate(columns):
        coords[:, j] = column
    height_ints, height_scale = _scale_to_integers(heights)
    shift = min(height_ints)
    heights_arr = np.array([h - shift for h in height_ints], dtype=object)

    # xi_true = scale_j * xi_j / height_scale in pivot coordinates, and the
    # point of R^n in the row space of the echelon basis E with E x = xi_true
    # is x = E^T (E E^T)^{-1} xi_true.
    scale = np.array([s / height_scale for s in scales], dtype=object)
    to_space = _row_space_inverse(echelon, n_vars)
    basis_arr = np.array(echelon, dtype=object).reshape(r, n_vars)
    return _Frame(coords, heights_arr, scale, to_space, basis_arr)


def _row_space_inverse(echelon: list[list[Fraction]], n_vars: int) -> np.ndarray:
    r = len(echelon)
    if r == 0:
        return np.zeros((n_vars, 0), dtype=object)
    gram = [
        [
            sum(
                (a * b for a, b in zip(echelon[i], echelon[j], strict=True)),
                Fraction(0),
            )
            for j in range(r)
        ]
        for i in range(r)
    ]
    augmented = [gram[i] + [Fraction(int(i == j)) for j in range(r)] for i in range(r)]
    reduced, _ = _rref(augmented)
    inverse = [row[r:] for row in reduced]
    result = np.empty((n_vars, r), dtype=object)
    for k in range(n_vars):
        for j in range(r):
            result[k, j] = sum(
                (echelon[i][k] * inverse[i][j] for i in range(r)), Fraction(0)
            )
    return result


def _affine_frame_float(
    exponents: np.ndarray, coefficients: np.ndarray, arith: _Arith
) -> _Frame:
    exponents = np.asarray(exponents, dtype=np.float64)
    heights = np.asarray(coefficients, dtype=np.float64)
    n_terms, n_vars = exponents.shape
    differences = exponents - exponents[0]
    if n_terms > 1 and n_vars > 0:
        _, singular, vt = np.linalg.svd(differences, full_matrices=False)
        r = _float_rank(singular, arith.rtol)
    else:
        vt = np.zeros((0, n_vars))
        r = 0
    basis = vt[:r]
    coords = differences @ basis.T
    return _Frame(coords, heights, np.ones(r), basis.T.copy(), basis.copy())


# -- one dimension: monotone chain ------------------------------------------


@dataclass
class _Cell:
    num: np.ndarray  # numerator of the dual point in walk coordinates
    den: Any  # positive common denominator (1.0 in float mode)
    active: np.ndarray  # sorted term indices on the cell


@dataclass
class _Ridge:
    points: np.ndarray
    first: int
    second: int  # -1 on the boundary
    direction: np.ndarray  # walk coordinates


def _chain_1d(y: np.ndarray, c: np.ndarray, arith: _Arith):
    """Exact (or tolerant) monotone chain of the upper hull in one dimension."""
    order = sorted(range(len(y)), key=lambda k: y[k])
    hull: list[int] = []
    for k in order:
        while len(hull) >= 2 and not _turns_right(hull[-2], hull[-1], k, y, c, arith):
            hull.pop()
        hull.append(k)

    cells: list[_Cell] = []
    position = {k: i for i, k in enumerate(order)}
    for left, right in zip(hull[:-1], hull[1:], strict=True):
        between = order[position[left] : position[right] + 1]
        active = [
            k
            for k in between
            if k in (left, right) or _on_segment(left, right, k, y, c, arith)
        ]
        dy = y[right] - y[left]
        dc = c[left] - c[right]
        if arith.exact:
            sign = 1 if dy > 0 else -1
            num = np.array([dc * sign], dtype=object)
            den = abs(dy)
            g = math.gcd(int(num[0]), int(den))
            num, den = np.array([num[0] // g], dtype=object), den // g
        else:
            num, den = np.array([dc / dy]), 1.0
        cells.append(_Cell(num, den, np.array(sorted(active), dtype=np.int64)))

    ridges: list[_Ridge] = []
    plus, minus = arith.array([1]), arith.array([-1])
    if not cells:
        return cells, ridges
    ridges.append(_Ridge(np.array([hull[0]]), 0, -1, minus))
    for i in range(len(cells) - 1):
        ridges.append(_Ridge(np.array([hull[i + 1]]), i, i + 1, plus))
    ridges.append(_Ridge(np.array([hull[-1]]), len(cells) - 1, -1, plus))
    return cells, ridges


def _cross(i: int, j: int, k: int, y: np.ndarray, c: np.ndarray) -> Any:
    return (y[j] - y[i]) * (c[k] - c[i]) - (c[j] - c[i]) * (y[k] - y[i])


def _cross_scale(i: int, j: int, k: int, y: np.ndarray, c: np.ndarray) -> float:
    return float(
        (abs(y[j]) + abs(y[i])) * (abs(c[k]) + abs(c[i]))
        + (abs(c[j]) + abs(c[i])) * (abs(y[k]) + abs(y[i]))
    )


def _turns_right(i, j, k, y, c, arith: _Arith) -> bool:
    """True when j lies strictly above the segment from i to k."""
    cross = _cross(i, j, k, y, c)
    if arith.exact:
        return cross < 0
    return cross < -arith.rtol * _cross_scale(i, j, k, y, c)


def _on_segment(i, j, k, y, c, arith: _Arith) -> bool:
    cross = _cross(i, j, k, y, c)
    if arith.exact:
        return cross == 0
    return abs(cross) <= arith.rtol * _cross_scale(i, j, k, y, c)


# -- polytope facets --------------------------------------------------------


@dataclass(frozen=True)
class _Facet:
    normal: np.ndarray  # outward normal
    offset: Any  # normal @ q <= offset on the polytope
    points: np.ndarray  # indices (into the point set) on the facet


def _polytope_facets(points: np.ndarray, arith: _Arith) -> list[_Facet]:
    """Facets of the convex hull of a full-dimensional point set in R^m."""
    k, m = points.shape
    if m == 1:
        column = points[:, 0]
        return [
            _Facet(arith.array([1]), column.max(), _extreme(column, arith)),
            _Facet(arith.array([-1]), -column.min(), _extreme(-column, arith)),
        ]
    if k == m + 1:
        return _simplex_facets(points, arith)
    if m == 2:
        return _polygon_facets(points, arith)
    return _facets_by_projection(points, arith)


def _extreme(values: np.ndarray, arith: _Arith) -> np.ndarray:
    top = values.max()
    if arith.exact:
        return np.flatnonzero(values == top)
    slack = arith.rtol * (np.abs(values) + abs(top))
    return np.flatnonzero(values >= top - slack)


def _on_hyperplane(
    points: np.ndarray, normal: np.ndarray, offset: Any, arith: _Arith
) -> np.ndarray:
    values = points @ normal
    if arith.exact:
        return np.flatnonzero(values == offset)
    slack = arith.rtol * np.max(np.abs(points) @ np.abs(normal))
    return np.flatnonzero(np.abs(values - offset) <= slack)


def _simplex_facets(points: np.ndarray, arith: _Arith) -> list[_Facet]:
    k, m = points.shape
    facets = []
    for omit in range(k):
        rest = [i for i in range(k) if i != omit]
        normal = _nullspace(points[rest[1:]] - points[rest[0]], m, arith)[0]
        offset = points[rest[0]] @ normal
        if points[omit] @ normal > offset:
            normal, offset = -normal, -offset
        facets.append(_Facet(normal, offset, np.array(rest, dtype=np.int64)))
    return facets


def _polygon_facets(points: np.ndarray, arith: _Arith) -> list[_Facet]:
    order = sorted(range(len(points)), key=lambda i: (points[i, 0], points[i, 1]))
    x, y = points[:, 0], points[:, 1]

    def chain(indices: list[int]) -> list[int]:
        hull: list[int] = []
        for k in indices:
            while len(hull) >= 2 and not _left_turn(hull[-2], hull[-1], k, x, y, arith):
                hull.pop()
            hull.append(k)
        return hull

    lower = chain(order)
    upper = chain(order[::-1])
    cycle = lower[:-1] + upper[:-1]  # counter-clockwise
    facets = []
    for i, start in enumerate(cycle):
        end = cycle[(i + 1) % len(cycle)]
        normal = arith.array([y[end] - y[start], x[start] - x[end]])
        if arith.exact:
            normal = np.array(_primitive([Fraction(v) for v in normal]), dtype=object)
        offset = points[start] @ normal
        facets.append(
            _Facet(normal, offset, _on_hyperplane(points, normal, offset, arith))
        )
    return facets


def _left_turn(i, j, k, x, y, arith: _Arith) -> bool:
    """True when i -> j -> k turns strictly counter-clockwise."""
    cross = _cross(i, j, k, x, y)
    if arith.exact:
        return cross > 0
    return cross > arith.rtol * _cross_scale(i, j, k, x, y)


def _facets_by_projection(points: np.ndarray, arith: _Arith) -> list[_Facet]:
    """Facets in dimension m >= 3: upper, lower and vertical ones with respect
    to the last coordinate, each found one dimension lower."""
    k, m = points.shape
    base, height = points[:, : m - 1], points[:, m - 1]

    # Group points with the same projection (exact equality of the entries).
    groups: dict[tuple, list[int]] = {}
    for i, row in enumerate(base.tolist()):
        groups.setdefault(tuple(row), []).append(i)
    members = list(groups.values())
    top = np.array([max(g, key=lambda i: height[i]) for g in members])
    bottom = np.array([min(g, key=lambda i: height[i]) for g in members])

    facets: list[_Facet] = []
    for rows, sign in ((top, 1), (bottom, -1)):
        cells, _, _ = _walk(base[rows], sign * height[rows], arith)
        for cell in cells:
            normal = np.concatenate([cell.num, arith.array([sign * cell.den])])
            offset = points[rows[cell.active[0]]] @ normal
            facets.append(_Facet(normal, offset, np.sort(rows[cell.active])))

    distinct = base[top]
    for facet in _polytope_facets(distinct, arith):
        on_facet = _on_hyperplane(base, facet.normal, facet.offset, arith)
        if _affine_rank(points[on_facet], arith) == m - 1:
            normal = np.concatenate([facet.normal, arith.array([0])])
            facets.append(_Facet(normal, facet.offset, on_facet))
    return facets


def _polytope_vertices(
    points: np.ndarray, facets: list[_Facet], arith: _Arith
) -> np.ndarray:
    """Vertices of a full-dimensional polytope given its facets."""
    k, m = points.shape
    if k == m + 1:
        return np.arange(k, dtype=np.int64)
    incident: list[list[np.ndarray]] = [[] for _ in range(k)]
    for facet in facets:
        for i in facet.points:
            incident[i].append(facet.normal)
    keep = []
    for i in range(k):
        if len(incident[i]) >= m and _rank(np.array(incident[i]), arith) == m:
            keep.append(i)
    return np.array(keep, dtype=np.int64)


def _rank(matrix: np.ndarray, arith: _Arith) -> int:
    if arith.exact:
        return len(_rref([[Fraction(v) for v in row] for row in matrix.tolist()])[1])
    singular = np.linalg.svd(matrix.astype(np.float64), compute_uv=False)
    return _float_rank(singular, arith.rtol)


# -- the walk over hypersurface vertices ------------------------------------


def _values(coords: np.ndarray, heights: np.ndarray, num: np.ndarray, den: Any):
    return heights * den + coords @ num


def _active_set(
    values: np.ndarray, coords: np.ndarray, heights: np.ndarray, num, den, arith
) -> np.ndarray:
    best = values.max()
    if arith.exact:
        return np.flatnonzero(values == best)
    magnitude = np.abs(heights) * abs(den) + np.abs(coords) @ np.abs(num)
    winner = int(np.argmax(values))
    slack = arith.rtol * (magnitude + magnitude[winner])
    return np.flatnonzero(values >= best - slack)


def _step(values, coords, direction, ridge_value, arith, heights=None, num=None):
    """Find how far the dual point can move along `direction` before a new
    term ties with the maximum.

    Returns ``(gap, rate)`` of the winning terms (the step is ``gap / rate``
    in units of the current denominator) and the indices reaching the tie,
    or ``None`` when no term catches up (an unbounded ray).
    """
    rates = coords @ direction - ridge_value
    gaps = values.max() - values
    if arith.exact:
        positive = np.flatnonzero(rates > 0)
        if positive.size == 0:
            return None
        g = gaps[positive]
        d = rates[positive]
        try:
            with np.errstate(over="ignore", invalid="ignore"):
                approx = g.astype(np.float64) / d.astype(np.float64)
        except OverflowError:  # integers beyond the float range
            approx = np.array([np.inf])
        if np.all(np.isfinite(approx)):
            smallest = approx.min()
            near = np.flatnonzero(approx <= smallest * (1 + _RATIO_SLACK))
        else:
            near = np.arange(positive.size)
        best = min(near, key=lambda i: Fraction(g[i], d[i]))
        best_ratio = Fraction(g[best], d[best])
        ties = [i for i in near if Fraction(g[i], d[i]) == best_ratio]
        return g[best], d[best], positive[ties]
    # Rates are differences of projected exponents, so their rounding error
    # is relative to the largest projection.
    scale = np.max(np.abs(coords) @ np.abs(direction))
    positive = np.flatnonzero(rates > arith.rtol * scale)
    if positive.size == 0:
        return None
    ratios = gaps[positive] / rates[positive]
    best = int(np.argmin(ratios))
    return gaps[positive[best]], rates[positive[best]], positive[[best]]


def _advance(num, den, direction, gap, rate, arith):
    if arith.exact:
        new_num = num * rate + direction * gap
        new_den = den * rate
        divisor = math.gcd(int(new_den), *(int(v) for v in new_num))
        return new_num // divisor, new_den // divisor
    return num + direction * (gap / rate), 1.0


def _initial_vertex(coords: np.ndarray, heights: np.ndarray, arith: _Arith):
    """Move from the origin to a hypersurface vertex, keeping every tie."""
    n, r = coords.shape
    num = arith.array([0] * r)
    den = 1 if arith.exact else 1.0
    while True:
        values = _values(coords, heights, num, den)
        active = _active_set(values, coords, heights, num, den, arith)
        anchor = coords[active[0]]
        directions = _nullspace(coords[active[1:]] - anchor, r, arith)
        if not directions:
            return num, den, active, values
        direction = directions[0]
        found = _step(values, coords, direction, anchor @ direction, arith)
        if found is None:
            direction = -direction
            found = _step(values, coords, direction, anchor @ direction, arith)
        if found is None:
            # Only reachable when the caller passes coordinates that do not
            # span their space, which the affine frame rules out.
            raise TropicalValueError(
                f"exponent set of affine dimension < {r} passed to the walk"
            )
        gap, rate, _ = found
        num, den = _advance(num, den, direction, gap, rate, arith)


def _walk(coords: np.ndarray, heights: np.ndarray, arith: _Arith):
    """Visit every vertex of the hypersurface by breadth-first search.

    ``coords`` must span its space affinely.  Returns the cells, the ridges
    and the facets of every cell (keyed by the tuple of its terms).
    """
    n, r = coords.shape
    num, den, active, values = _initial_vertex(coords, heights, arith)
    cells = [_Cell(num, den, active)]
    known = {tuple(active.tolist()): 0}
    cell_values = [values]
    ridges: list[_Ridge] = []
    ridge_index: dict[tuple, int] = {}
    facets_of_cell: dict[tuple, list[_Facet]] = {}
    queue = deque([0])

    while queue:
        index = queue.popleft()
        cell = cells[index]
        values = cell_values[index]
        key = tuple(cell.active.tolist())
        facets = _polytope_facets(coords[cell.active], arith)
        facets_of_cell[key] = facets
        for facet in facets:
            ridge_points = np.sort(cell.active[facet.points])
            ridge_key = tuple(ridge_points.tolist())
            if ridge_key in ridge_index:
                continue
            direction = facet.normal
            found = _step(values, coords, direction, facet.offset, arith)
            if found is None:
                ridge_index[ridge_key] = len(ridges)
                ridges.append(_Ridge(ridge_points, index, -1, direction))
                continue
            gap, rate, reached = found
            new_num, new_den = _advance(cell.num, cell.den, direction, gap, rate, arith)
            new_values = _values(coords, heights, new_num, new_den)
            new_active = _active_set(
                new_values, coords, heights, new_num, new_den, arith
            )
            if not arith.exact:
                new_active = np.union1d(new_active, np.union1d(ridge_points, reached))
            new_key = tuple(new_active.tolist())
            other = known.get(new_key)
            if other is None:
                other = len(cells)
                known[new_key] = other
                cells.append(_Cell(new_num, new_den, new_active))
                cell_values.append(new_values)
                queue.append(other)
            ridge_index[ridge_key] = len(ridges)
            ridges.append(_Ridge(ridge_points, index, other, direction))
    return cells, ridges, facets_of_cell


# -- assembling the result --------------------------------------------------


def _assemble(frame: _Frame, cells, ridges, facets_of_cell, arith, n_vars):
    coords = frame.coords
    r = coords.shape[1]

    # Cell vertices.
    cell_vertices = []
    for cell in cells:
        active = cell.active
        if r == 0 or len(active) == r + 1:
            cell_vertices.append(active.astype(np.int64))
        elif r == 1:
            column = coords[active, 0]
            ends = [int(np.argmin(column)), int(np.argmax(column))]
            cell_vertices.append(np.sort(active[ends]).astype(np.int64))
        else:
            facets = facets_of_cell[tuple(active.tolist())]
            local = _polytope_vertices(coords[active], facets, arith)
            cell_vertices.append(np.sort(active[local]).astype(np.int64))

    # Dual points and directions in R^n.
    def to_space(vector: np.ndarray, den: Any) -> np.ndarray:
        if arith.exact:
            scaled = np.array(
                [
                    Fraction(int(v), int(den)) * s
                    for v, s in zip(vector, frame.scale, strict=True)
                ],
                dtype=object,
            )
            if r == 0:
                return np.array([Fraction(0)] * n_vars, dtype=object)
            return frame.to_space @ scaled
        if r == 0:
            return np.zeros(n_vars)
        return frame.to_space @ (np.asarray(vector, dtype=np.float64) / den)

    # Order cells lexicographically by their terms, for reproducible output.
    order = sorted(range(len(cells)), key=lambda i: cells[i].active.tolist())
    rank_of = {old: new for new, old in enumerate(order)}
    dtype = object if arith.exact else np.float64
    dual = np.empty((len(cells), n_vars), dtype=dtype)
    for new, old in enumerate(order):
        dual[new] = to_space(cells[old].num, cells[old].den)

    ridge_cells = np.zeros((len(ridges), 2), dtype=np.int64)
    ridge_directions = np.empty((len(ridges), n_vars), dtype=dtype)
    ridge_points = []
    for i, ridge in enumerate(ridges):
        first = rank_of[ridge.first]
        direction = to_space(ridge.direction, 1)
        if ridge.second == -1:
            pair = (first, -1)
        else:
            second = rank_of[ridge.second]
            pair = (first, second) if first < second else (second, first)
            if second < first:
                direction = -direction
        ridge_cells[i] = pair
        ridge_directions[i] = direction
        ridge_points.append(ridge.points.astype(np.int64))
    ridge_order = np.array(
        sorted(
            range(len(ridges)),
            key=lambda i: (
                ridge_cells[i, 0],
                ridge_cells[i, 1] == -1,
                ridge_cells[i, 1],
                ridge_points[i].tolist(),
            ),
        ),
        dtype=np.int64,
    )

    vertex_set = sorted({int(v) for vs in cell_vertices for v in vs})
    basis = frame.basis
    if arith.exact:
        basis = np.array(
            [[_to_fraction(v) for v in row] for row in basis.tolist()], dtype=object
        ).reshape(r, n_vars)
    return UpperHull(
        dimension=r,
        vertices=np.array(vertex_set, dtype=np.int64),
        cells=[cells[i].active.astype(np.int64) for i in order],
        cell_vertices=[cell_vertices[i] for i in order],
        dual_vertices=dual,
        ridges=[ridge_points[i] for i in ridge_order],
        ridge_cells=ridge_cells[ridge_order],
        ridge_directions=ridge_directions[ridge_order],
        affine_basis=basis,
    )
