"""Convex hulls and face lattices of point sets (private kernel).

Point sets have shape ``(n_points, n_vars)``: `fractions.Fraction` entries
(dtype object) when exact, ``float64`` otherwise.  They may be
lower-dimensional.  Facets are then facets inside the affine hull, and the
affine hull itself is described by equations.  Faces are sorted ``int64``
arrays of the indices of every point lying on them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from typing import Any

import numpy as np

from ._hull import DEFAULT_RTOL, _polytope_facets, _polytope_vertices
from ._linalg import Arith, affine_frame, nullspace, primitive, to_fraction

__all__ = ["HullData", "convex_hull", "face_lattice", "lattice_length"]

# Float lattice lengths use the nearest rational direction with denominators
# up to this bound.
_MAX_DENOMINATOR = 1000


@dataclass(frozen=True)
class HullData:
    """Facet and vertex description of the convex hull of a point set.

    Attributes
    ----------
    dimension : int
        Affine dimension, ``-1`` for no points.
    vertices : numpy.ndarray
        Sorted indices of the points that are vertices.
    facets : list of numpy.ndarray
        For each facet (inside the affine hull), every point lying on it.
    normals : numpy.ndarray
        Shape ``(n_facets, n_vars)``.  Outward normals, chosen in the linear
        space parallel to the affine hull.  Exact normals are primitive
        integer vectors (as `Fraction`), float normals have unit length.
    offsets : numpy.ndarray
        Shape ``(n_facets,)``.  The hull satisfies ``normals @ x <= offsets``.
    equations : numpy.ndarray
        Shape ``(n_vars - dimension, n_vars)``.  The affine hull is
        ``equations @ x == equation_values``; empty for a full-dimensional
        set and for no points.
    equation_values : numpy.ndarray
        Shape ``(n_vars - dimension,)``.
    """

    dimension: int
    vertices: np.ndarray
    facets: list[np.ndarray]
    normals: np.ndarray
    offsets: np.ndarray
    equations: np.ndarray
    equation_values: np.ndarray


def _arith(exact: bool, tol: float | None) -> Arith:
    return Arith(exact=exact, rtol=DEFAULT_RTOL if tol is None else float(tol))


def convex_hull(points: np.ndarray, *, exact: bool, tol: float | None = None):
    """Compute vertices, facets and affine-hull equations of a point set.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> square = np.array([[F(i), F(j)] for i in (0, 1) for j in (0, 1)], dtype=object)
    >>> hull = convex_hull(square, exact=True)
    >>> hull.dimension, hull.vertices.tolist(), len(hull.facets)
    (2, [0, 1, 2, 3], 4)
    """
    arith = _arith(exact, tol)
    points = np.asarray(points)
    n_points, n_vars = points.shape
    dtype = object if exact else np.float64
    if n_points == 0:
        empty = np.zeros((0, n_vars), dtype=dtype)
        return HullData(
            -1,
            np.zeros(0, np.int64),
            [],
            empty,
            np.zeros(0, dtype),
            empty,
            np.zeros(0, dtype),
        )

    frame = affine_frame(points, np.zeros(n_points, dtype=dtype), arith)
    coords = frame.coords
    r = coords.shape[1]
    equations, values = _equations(points, frame.basis, arith)

    # Facets and vertices in affine coordinates.
    if r == 0:
        facets, vertices = [], np.array([0], dtype=np.int64)
    elif r == 1:
        column = coords[:, 0]
        low, high = int(np.argmin(column)), int(np.argmax(column))
        facets = [
            (arith.array([-1]), np.array([low])),
            (arith.array([1]), np.array([high])),
        ]
        vertices = np.array(sorted({low, high}), dtype=np.int64)
    else:
        found = _polytope_facets(coords, arith)
        facets = [(facet.normal, facet.points) for facet in found]
        vertices = _polytope_vertices(coords, found, arith)

    # Normals in R^n, in the span of the affine hull's directions.
    normals = np.zeros((len(facets), n_vars), dtype=dtype)
    offsets = np.zeros(len(facets), dtype=dtype)
    for i, (normal, members) in enumerate(facets):
        vector = to_direction(frame, normal, arith)
        normals[i] = vector
        offsets[i] = points[members[0]] @ vector
    order = sorted(range(len(facets)), key=lambda i: np.sort(facets[i][1]).tolist())
    return HullData(
        dimension=r,
        vertices=np.sort(vertices).astype(np.int64),
        facets=[np.sort(facets[i][1]).astype(np.int64) for i in order],
        normals=normals[order].reshape(len(facets), n_vars),
        offsets=offsets[order],
        equations=equations,
        equation_values=values,
    )


def to_direction(frame: Any, vector: np.ndarray, arith: Arith) -> np.ndarray:
    """Map a vector of affine-frame coordinates to ``R^n`` (primitive integer
    entries when exact, unit length otherwise)."""
    if arith.exact:
        scaled = [to_fraction(v) * s for v, s in zip(vector, frame.scale, strict=True)]
        mapped = frame.to_space @ np.array(scaled, dtype=object)
        return np.array([Fraction(v) for v in primitive(list(mapped))], dtype=object)
    mapped = frame.direction(np.asarray(vector, dtype=np.float64))
    return mapped / np.linalg.norm(mapped)


def _equations(points: np.ndarray, basis: np.ndarray, arith: Arith):
    n_vars = points.shape[1]
    if arith.exact:
        rows = nullspace(basis, n_vars, arith)
        equations = np.array(
            [[Fraction(v) for v in row] for row in rows], dtype=object
        ).reshape(len(rows), n_vars)
        origin = np.array([to_fraction(v) for v in points[0]], dtype=object)
        values = equations @ origin if len(rows) else np.zeros(0, dtype=object)
        return equations, values
    basis = np.asarray(basis, dtype=np.float64)
    if basis.shape[0] == 0:
        equations = np.eye(n_vars)
    else:
        _, _, vt = np.linalg.svd(basis)
        equations = vt[basis.shape[0] :]
    return equations, equations @ np.asarray(points[0], dtype=np.float64)


def face_lattice(
    points: np.ndarray, *, exact: bool, tol: float | None = None
) -> list[list[np.ndarray]]:
    """List every face of the convex hull of a point set, by dimension.

    Returns
    -------
    list of list of numpy.ndarray
        Entry ``k`` lists the ``k``-dimensional faces, each as the sorted
        indices of all points on it.  The last entry is the polytope
        itself.  The empty face is not listed.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> square = np.array([[F(i), F(j)] for i in (0, 1) for j in (0, 1)], dtype=object)
    >>> [len(faces) for faces in face_lattice(square, exact=True)]
    [4, 4, 1]
    """
    arith = _arith(exact, tol)
    points = np.asarray(points)
    if len(points) == 0:
        return []
    by_key: dict[tuple[int, ...], int] = {}
    _collect_faces(points, np.arange(len(points)), arith, by_key, {})
    top = max(by_key.values())
    lattice: list[list[np.ndarray]] = [[] for _ in range(top + 1)]
    for key in sorted(by_key):
        lattice[by_key[key]].append(np.array(key, dtype=np.int64))
    return lattice


def _collect_faces(points, members, arith, by_key, seen) -> None:
    key = tuple(int(i) for i in members)
    if key in seen:
        return
    seen[key] = True
    subset = points[members]
    dtype = object if arith.exact else np.float64
    frame = affine_frame(subset, np.zeros(len(members), dtype=dtype), arith)
    r = frame.coords.shape[1]
    by_key[key] = r
    if r == 0:
        return
    if len(members) == r + 1:
        # A simplex: every subset of its vertices spans a face.
        for size in range(1, r + 1):
            for combination in combinations(range(len(members)), size):
                by_key[tuple(int(members[i]) for i in combination)] = size - 1
        return
    if r == 1:
        column = frame.coords[:, 0]
        for end in (int(np.argmin(column)), int(np.argmax(column))):
            by_key[(int(members[end]),)] = 0
        return
    for facet in _polytope_facets(frame.coords, arith):
        _collect_faces(points, members[np.sort(facet.points)], arith, by_key, seen)


def lattice_length(start: np.ndarray, end: np.ndarray, *, exact: bool) -> Any:
    """Return the lattice length of the segment from `start` to `end`.

    The edge vector is ``length * u`` with ``u`` a primitive integer vector,
    so the length is an integer for integer endpoints and a `Fraction` for
    rational ones.  For float endpoints, ``u`` comes from the ratios of the
    coordinates to the largest one, rounded to fractions with denominators
    up to 1000.  The result is ``nan`` when that rounding moves a ratio by
    more than 1e-9, because the direction is then not a lattice direction.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> lattice_length(np.array([F(0), F(0)]), np.array([F(2), F(4)]), exact=True)
    Fraction(2, 1)
    >>> lattice_length(np.array([F(0)]), np.array([F(3, 2)]), exact=True)
    Fraction(3, 2)
    >>> lattice_length(np.array([0.0, 0.0]), np.array([1.5, 3.0]), exact=False)
    1.5
    """
    if exact:
        difference = [
            to_fraction(b) - to_fraction(a) for a, b in zip(start, end, strict=True)
        ]
        denominator = math.lcm(*(v.denominator for v in difference))
        content = math.gcd(*(int(v * denominator) for v in difference))
        return Fraction(content, denominator)

    raw = np.asarray(end, dtype=np.float64) - np.asarray(start, dtype=np.float64)
    largest = float(raw[np.argmax(np.abs(raw))])
    if largest == 0:
        return 0.0
    ratios = [Fraction(float(v) / largest) for v in raw]
    rounded = [r.limit_denominator(_MAX_DENOMINATOR) for r in ratios]
    if any(abs(float(r - q)) > 1e-9 for r, q in zip(ratios, rounded, strict=True)):
        return math.nan
    direction = np.array(primitive(rounded), dtype=np.float64)
    return float(np.linalg.norm(raw) / np.linalg.norm(direction))
