"""Exact decision boundaries of classifiers as polyhedral complexes.

The boundary between classes ``i`` and ``j`` is the set of inputs where
the scores ``y_i`` and ``y_j`` are equal and at least every other score.
On an activation region the scores are affine, so the boundary meets the
region in a polyhedron: the region cut by the hyperplane ``y_i = y_j``
and clipped by ``y_k <= y_i`` for every other ``k``.  Those polyhedra,
one per activation region, form the boundary.  A piece on a facet shared
by two regions is listed once.  Where the two scores are equal on a whole
region the piece is that region (clipped), of full dimension, and its
faces are not listed again.

With the network written as ``y_k = F_k - G_k`` (tropical polynomials,
see :func:`~tropicalnn.nn.convert.to_tropical`), ``y_i = y_j`` means
``F_i + G_j = F_j + G_i``, and the boundary lies in the tropical
hypersurface of ``(F_i ⊙ G_j) ⊕ (F_j ⊙ G_i)``: across a boundary piece
the winning monomial changes, so at least two monomials tie there.

A model with a single score has the boundary ``y_0 = 0``.  Ask for it
with ``i = 0`` and ``j = None``.  A binary scikit-learn ``MLPClassifier``
is such a model: its score is positive for ``classes_[1]``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import TropicalValueError
from ._cells import (
    Polytope,
    _sign,
    _values,
    cut,
    facets,
    interior_point,
    is_finite,
    vertex_point,
)
from .regions import LinearRegions, _fraction_array, _primitive_row, linear_regions

__all__ = ["BoundaryPiece", "DecisionBoundary", "decision_boundary"]


@dataclass(frozen=True, eq=False)
class BoundaryPiece:
    """One polyhedron of a decision boundary.

    The piece is ``{x : normal @ x = offset, A @ x <= b}``.

    Attributes
    ----------
    region : int
        Index of an activation region that contains the piece.
    normal : numpy.ndarray
        Shape ``(n_inputs,)``, coprime integers as ``Fraction``; zero when
        the two scores are equal on the whole region (then the piece has
        dimension ``n``).
    offset : Fraction
        Right-hand side of the equation.
    A, b : numpy.ndarray
        Shapes ``(n_facets, n_inputs)`` and ``(n_facets,)``: the facets of
        the piece inside its hyperplane.
    vertices : numpy.ndarray
        Shape ``(n_vertices, n_inputs)``, the finite vertices.
    point : numpy.ndarray
        Shape ``(n_inputs,)``, a point in the relative interior.
    dimension : int
        ``n - 1``, or ``n`` for a region on which the scores tie.
    bounded : bool
        Whether the piece is bounded (always ``True`` in a box).
    """

    region: int
    normal: np.ndarray
    offset: Fraction
    A: np.ndarray
    b: np.ndarray
    vertices: np.ndarray
    point: np.ndarray
    dimension: int
    bounded: bool

    def __repr__(self) -> str:
        return (
            f"BoundaryPiece(region={self.region}, dimension={self.dimension}, "
            f"n_vertices={self.vertices.shape[0]}, bounded={self.bounded})"
        )


@dataclass(frozen=True, eq=False)
class DecisionBoundary:
    """The boundary between two classes.

    Attributes
    ----------
    classes : tuple
        ``(i, j)``; ``j`` is ``None`` for the boundary ``y_i = 0``.
    pieces : tuple of BoundaryPiece
        The polyhedra of the boundary.
    regions : LinearRegions
        The regions the boundary was computed from.
    """

    classes: tuple[int, int | None]
    pieces: tuple[BoundaryPiece, ...]
    regions: LinearRegions

    @property
    def n_pieces(self) -> int:
        """Number of pieces."""
        return len(self.pieces)

    def __repr__(self) -> str:
        i, j = self.classes
        noun = "piece" if self.n_pieces == 1 else "pieces"
        return f"DecisionBoundary(classes=({i}, {j}), {self.n_pieces} {noun})"


def _integer_row(weight: np.ndarray, bias: Any) -> tuple[tuple[int, ...], int]:
    """Return ``(a, c0)`` with ``a·x + c0`` a positive multiple of
    ``weight·x + bias``."""
    values = [Fraction(v) for v in weight] + [Fraction(bias)]
    common = math.lcm(*(v.denominator for v in values))
    integers = [int(v * common) for v in values]
    return tuple(integers[:-1]), integers[-1]


def _score_rows(region: Any, i: int, j: int | None) -> tuple[np.ndarray, np.ndarray]:
    weight, bias = region.affine_map.weight, region.affine_map.bias
    if j is None:
        zero_row = np.array([[Fraction(0)] * weight.shape[1]], dtype=object)
        weight = np.concatenate([weight, zero_row])
        bias = np.concatenate([bias, np.array([Fraction(0)], dtype=object)])
    return weight, bias


def _tie_face(
    polytope: Polytope, a: tuple[int, ...], c0: int, n: int, symbolic: bool
) -> Polytope | None:
    """Return the face of `polytope` on ``a·x + c0 = 0`` if it has
    dimension ``n - 1``, with the vertices and tight sets of that face."""
    negative, positive = cut(polytope, a, c0, n, symbolic)
    if negative is not None and positive is not None:
        # The hyperplane crosses the interior: the new constraint is last.
        bit = 1 << (len(negative.constraints) - 1)
        keep = [k for k, z in enumerate(negative.zero_sets) if z & bit]
        return Polytope(
            [negative.vertices[k] for k in keep],
            [negative.zero_sets[k] for k in keep],
            negative.constraints,
            negative.n_box,
        )
    # Otherwise the face, if any, is a facet of the polytope.
    whole = negative if negative is not None else positive
    assert whole is not None
    signs = [_sign(v) for v in _values(whole.vertices, a, c0, n, symbolic)]
    on_plane = sum(1 << k for k, s in enumerate(signs) if s == 0)
    if not any(mask == on_plane for _, mask in facets(whole, n)):
        return None
    keep = [k for k, s in enumerate(signs) if s == 0]
    return Polytope(
        [whole.vertices[k] for k in keep],
        [whole.zero_sets[k] for k in keep],
        whole.constraints,
        whole.n_box,
    )


def _piece(
    region_index: int,
    face: Polytope,
    normal: tuple[tuple[int, ...], int] | None,
    dimension: int,
    n: int,
    symbolic: bool,
) -> BoundaryPiece:
    rows, bounds, network_rows = [], [], []
    for k, _mask in facets(face, dimension):
        a, c0 = face.constraints[k]
        if k < face.n_box and symbolic:
            continue
        assert c0 is not None
        row, bound = _primitive_row(a, c0)
        rows.append(row)
        bounds.append(bound)
        if k >= face.n_box:
            network_rows.append((a, c0))
    point = interior_point(face, network_rows, n)
    finite = [v for v in face.vertices if is_finite(v, n)]
    if normal is None:
        normal_row, offset = [0] * n, 0
    else:
        normal_row, offset = _primitive_row(*normal)
    return BoundaryPiece(
        region_index,
        _fraction_array([Fraction(v) for v in normal_row], (n,)),
        Fraction(offset),
        _fraction_array([Fraction(v) for row in rows for v in row], (len(rows), n)),
        _fraction_array([Fraction(v) for v in bounds], (len(bounds),)),
        _fraction_array(
            [c for v in finite for c in vertex_point(v, n)], (len(finite), n)
        ),
        _fraction_array(point, (n,)),
        dimension,
        len(finite) == len(face.vertices),
    )


def decision_boundary(
    model: Any, i: int, j: int | None = None, box: Any = None
) -> DecisionBoundary:
    """Compute the decision boundary between classes `i` and `j` exactly.

    Parameters
    ----------
    model : Network, tropical map or LinearRegions
        A classifier whose outputs are class scores, or the result of
        :func:`~tropicalnn.nn.regions.linear_regions` (then `box` is
        ignored).
    i, j : int
        The two outputs.  With one output and ``j=None`` the boundary is
        ``y_i = 0``.
    box : pair (low, high), optional
        Restrict to a box, as for :func:`linear_regions`.

    Returns
    -------
    DecisionBoundary

    Examples
    --------
    Two scores ``y_0 = relu(x)`` and ``y_1 = 1``: they tie at ``x = 1``.

    >>> from tropicalnn import Network
    >>> net = Network.from_arrays([[[1]], [[1], [0]]], [[0], [0, 1]])
    >>> boundary = decision_boundary(net, 0, 1)
    >>> boundary
    DecisionBoundary(classes=(0, 1), 1 piece)
    >>> piece = boundary.pieces[0]
    >>> piece.normal.tolist(), piece.offset, piece.point.tolist()
    ([Fraction(1, 1)], Fraction(1, 1), [Fraction(1, 1)])
    """
    regions = model if isinstance(model, LinearRegions) else linear_regions(model, box)
    n = regions.n_inputs
    n_outputs = len(regions.output_names)
    if j is None and n_outputs != 1:
        raise TropicalValueError(
            f"the model has {n_outputs} outputs; give two classes i and j (the "
            "boundary y_i = 0 needs a model with one output)"
        )
    for label in (i, j):
        if label is not None and not 0 <= label < n_outputs:
            raise TropicalValueError(
                f"class {label} is out of range; the model has {n_outputs} outputs"
            )
    if i == j:
        raise TropicalValueError(f"the two classes are the same, {i}")
    symbolic = regions.box is None
    second = n_outputs if j is None else j

    faces: list[tuple[int, Polytope, Any, int]] = []
    seen: set[frozenset] = set()
    for region in regions.activation_regions:
        polytope = region._polytope
        assert polytope is not None
        weight, bias = _score_rows(region, i, j)
        a, c0 = _integer_row(weight[i] - weight[second], bias[i] - bias[second])
        if any(a):
            face = _tie_face(polytope, a, c0, n, symbolic)
            dimension = n - 1
            normal: tuple[tuple[int, ...], int] | None = (a, c0)
        elif c0 == 0:
            face, dimension, normal = polytope, n, None
        else:
            continue
        for k in range(weight.shape[0]):
            if face is None:
                break
            if k in (i, second):
                continue
            other, other_c0 = _integer_row(weight[k] - weight[i], bias[k] - bias[i])
            if not any(other):
                if other_c0 > 0:
                    face = None
                continue
            face, _ = cut(face, other, other_c0, n, symbolic, need_positive=False)
        if face is None:
            continue
        key = frozenset(face.vertices)
        if key in seen:
            continue
        seen.add(key)
        faces.append((region.index, face, normal, dimension))

    # A face of a region on which the scores tie is not a piece of its own.
    full = [frozenset(face.vertices) for _, face, _, d in faces if d == n]
    pieces = [
        _piece(index, face, normal, dimension, n, symbolic)
        for index, face, normal, dimension in faces
        if dimension == n or not any(frozenset(face.vertices) <= f for f in full)
    ]
    return DecisionBoundary((i, j), tuple(pieces), regions)
