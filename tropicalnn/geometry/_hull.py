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
dimension the kernel walks the hypersurface.  Starting from the origin, it
moves along lines on which the tied terms stay tied until ``r + 1``
affinely independent terms tie.  That point is a hypersurface vertex, dual
to an upper facet.  The walk then visits the neighbouring vertices through
the facets of each cell, which is gift wrapping in the dual.  The facets of
a cell are computed by the same routine one dimension lower, so cells that
are not simplices are never triangulated and coplanar facets are never
split.

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

NOTE: a tolerance relative to the magnitudes cannot merge noise around an
exact zero: coefficients ``0`` and ``1e-17`` on the same cell are kept
apart whatever `tol` is, because nothing in the data gives them a scale.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import ShapeMismatchError, TropicalValueError
from ._linalg import (
    Arith,
    Frame,
    affine_frame,
    affine_rank,
    matrix_rank,
    nullspace,
    primitive,
    to_fraction,
)

__all__ = ["DEFAULT_RTOL", "UpperHull", "essential_terms", "upper_hull"]

DEFAULT_RTOL = 64 * float(np.finfo(np.float64).eps)
"""Default relative tolerance of the float kernel: 64 units in the last place
of a double (about 1.4e-14)."""

# Smaller float tolerances are raised to this one: below a few units in the
# last place, ties would be decided by rounding noise.
_MIN_RTOL = 4 * float(np.finfo(np.float64).eps)

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
        Ignored when `exact`, and raised to 4 units in the last place when
        smaller.

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
    rtol = max(rtol, _MIN_RTOL)
    arith = Arith(exact=exact, rtol=rtol)
    n_terms, n_vars = exponents.shape
    if n_terms == 0:
        return _empty_hull(n_vars, exact)

    # Coordinates in the affine hull of the exponents.
    frame = affine_frame(exponents, coefficients, arith)
    r = frame.coords.shape[1]

    # The walk (or the monotone chain) in those coordinates.
    if r == 0:
        cells = [_Cell(np.zeros(0, dtype=object), 1, np.array([0]))]
        ridges: list[_Ridge] = []
        facets_of_cell: dict[tuple, list[_Facet]] | None = {(0,): []}
    elif r == 1:
        cells, ridges = _chain_1d(frame.coords[:, 0], frame.heights, arith)
        facets_of_cell = None
    else:
        cells, ridges, facets_of_cell = _walk(frame.coords, frame.heights, arith)
    return _assemble(frame, cells, ridges, facets_of_cell, arith, n_vars)


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


def _chain_1d(y: np.ndarray, c: np.ndarray, arith: Arith):
    """Exact (or tolerant) monotone chain of the upper hull in one dimension."""
    order = sorted(range(len(y)), key=lambda k: (y[k], c[k]))
    if not arith.exact:
        # Rounding can give distinct exponents the same coordinate, or put
        # them a few units in the last place apart. Only the highest point
        # of such a group can be a vertex.
        span = max((abs(float(v)) for v in y), default=0.0)
        close = arith.rtol * span
        kept: list[int] = []
        for k in order:
            if kept and float(y[k] - y[kept[-1]]) <= close:
                if c[k] > c[kept[-1]]:
                    kept[-1] = k
            else:
                kept.append(k)
        order = kept
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


def _turns_right(i, j, k, y, c, arith: Arith) -> bool:
    """True when j lies strictly above the segment from i to k."""
    cross = _cross(i, j, k, y, c)
    if arith.exact:
        return cross < 0
    return cross < -arith.rtol * _cross_scale(i, j, k, y, c)


def _on_segment(i, j, k, y, c, arith: Arith) -> bool:
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


def _polytope_facets(points: np.ndarray, arith: Arith) -> list[_Facet]:
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


def _extreme(values: np.ndarray, arith: Arith) -> np.ndarray:
    top = values.max()
    if arith.exact:
        return np.flatnonzero(values == top)
    slack = arith.rtol * (np.abs(values) + abs(top))
    return np.flatnonzero(values >= top - slack)


def _on_hyperplane(
    points: np.ndarray, normal: np.ndarray, offset: Any, arith: Arith
) -> np.ndarray:
    values = points @ normal
    if arith.exact:
        return np.flatnonzero(values == offset)
    slack = arith.rtol * np.max(np.abs(points) @ np.abs(normal))
    return np.flatnonzero(np.abs(values - offset) <= slack)


def _simplex_facets(points: np.ndarray, arith: Arith) -> list[_Facet]:
    k, m = points.shape
    facets = []
    for omit in range(k):
        rest = [i for i in range(k) if i != omit]
        normal = nullspace(points[rest[1:]] - points[rest[0]], m, arith)[0]
        offset = points[rest[0]] @ normal
        if points[omit] @ normal > offset:
            normal, offset = -normal, -offset
        facets.append(_Facet(normal, offset, np.array(rest, dtype=np.int64)))
    return facets


def _polygon_facets(points: np.ndarray, arith: Arith) -> list[_Facet]:
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
            normal = np.array(primitive([Fraction(v) for v in normal]), dtype=object)
        offset = points[start] @ normal
        facets.append(
            _Facet(normal, offset, _on_hyperplane(points, normal, offset, arith))
        )
    return facets


def _left_turn(i, j, k, x, y, arith: Arith) -> bool:
    """True when i -> j -> k turns strictly counter-clockwise."""
    cross = _cross(i, j, k, x, y)
    if arith.exact:
        return cross > 0
    return cross > arith.rtol * _cross_scale(i, j, k, x, y)


def _facets_by_projection(points: np.ndarray, arith: Arith) -> list[_Facet]:
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
        if affine_rank(points[on_facet], arith) == m - 1:
            normal = np.concatenate([facet.normal, arith.array([0])])
            facets.append(_Facet(normal, facet.offset, on_facet))
    return facets


def _polytope_vertices(
    points: np.ndarray, facets: list[_Facet], arith: Arith
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
        if len(incident[i]) >= m and matrix_rank(np.array(incident[i]), arith) == m:
            keep.append(i)
    return np.array(keep, dtype=np.int64)


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


def _step(values, coords, direction, ridge_value, arith, active):
    """Find how far the dual point can move along `direction` before a new
    term ties with the maximum.

    Returns ``(gap, rate)`` of the winning terms (the step is ``gap / rate``
    in units of the current denominator) and the indices reaching the tie,
    or ``None`` when no term catches up (an unbounded ray).  Terms in
    `active`, which already tie, are never candidates.
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
    candidate = rates > arith.rtol * scale
    candidate[active] = False
    positive = np.flatnonzero(candidate)
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


def _initial_vertex(coords: np.ndarray, heights: np.ndarray, arith: Arith):
    """Move from the origin to a hypersurface vertex, keeping every tie."""
    n, r = coords.shape
    num = arith.array([0] * r)
    den = 1 if arith.exact else 1.0
    kept = np.zeros(0, dtype=np.int64)
    while True:
        values = _values(coords, heights, num, den)
        active = _active_set(values, coords, heights, num, den, arith)
        if not arith.exact:
            # Terms tied before the step stay tied, whatever rounding says,
            # so the active set grows at every step and the loop ends.
            active = np.union1d(active, kept)
        anchor = coords[active[0]]
        directions = nullspace(coords[active[1:]] - anchor, r, arith)
        if not directions:
            return num, den, active, values
        direction = directions[0]
        found = _step(values, coords, direction, anchor @ direction, arith, active)
        if found is None:
            direction = -direction
            found = _step(values, coords, direction, anchor @ direction, arith, active)
        if found is None:
            if not arith.exact:
                # The active terms span the space up to rounding: the rank
                # test and the step test disagree only on such borderline
                # sets, which are then taken as full-dimensional.
                return num, den, active, values
            # Exact input reaches this only if the coordinates do not span
            # their space, which the affine frame rules out.
            raise TropicalValueError(
                f"exponent set of affine dimension < {r} passed to the walk"
            )
        gap, rate, reached = found
        kept = np.union1d(active, reached)
        num, den = _advance(num, den, direction, gap, rate, arith)


def _walk(coords: np.ndarray, heights: np.ndarray, arith: Arith):
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
            found = _step(values, coords, direction, facet.offset, arith, cell.active)
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


def _assemble(frame: Frame, cells, ridges, facets_of_cell, arith, n_vars):
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
            if len(local) <= r and not arith.exact:
                # A polytope of dimension r has at least r + 1 vertices, so
                # rounding made this cell degenerate.  Keep all its terms
                # rather than drop a vertex.
                local = np.arange(len(active))
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
        return frame.point(np.asarray(vector, dtype=np.float64) / den)

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
        if arith.exact or r == 0:
            direction = to_space(ridge.direction, 1)
        else:
            direction = frame.direction(np.asarray(ridge.direction, dtype=np.float64))
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
            [[to_fraction(v) for v in row] for row in basis.tolist()], dtype=object
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
