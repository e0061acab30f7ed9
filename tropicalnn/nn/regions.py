"""Exact activation regions and linear regions of piecewise-linear networks.

An *activation region* is the closure of the set of inputs on which every
activation unit uses the same piece, its *activation pattern*.  It is a
convex polyhedron on which the network is one affine map.  A *linear
region* is a maximal connected union of activation regions, adjacent
through facets, that share the same affine map.  Linear regions can be
non-convex, and cancellations are real: ``relu(x) - relu(-x) = x`` has two
activation regions but one linear region.

Exactness
---------
Every decision is made with integer arithmetic, so the result is exact.
Float parameters are read as the binary fractions they store (each
``float64`` is a rational number), so a float network is decomposed
exactly as well.  No tolerance is involved, so the result does not depend
on the scale of the network, and a region is never merged into its
neighbour for being thin.  The only tolerance is the optional `rtol` of
:func:`linear_regions`, which compares affine maps when merging
activation regions into linear regions.

Algorithm
---------
The box (or, for all of ``R^n``, a box ``[-M, M]^n`` whose half-width
``M`` is a symbol larger than every number met) is cut unit by unit,
layer by layer, by the hyperplane where the unit changes piece.  Cells are
kept as polytopes in vertex form with exact rational vertices, so a cut
only evaluates the hyperplane at the vertices and intersects the edges
that cross it.  Neighbouring regions share a facet with the same vertices,
which gives the adjacency graph.  The cost grows with the number of
regions times the number of units; the box alone has ``2^n`` vertices.

Examples
--------
>>> from tropicalnn import Network
>>> hat = Network.from_arrays(
...     [[[1], [1], [1]], [[1, -2, 1]]], [[0, -1, -2], [0]])
>>> regions = linear_regions(hat)
>>> regions.n_activation_regions, regions.n_linear_regions
(4, 4)
>>> sorted({str(r.affine_map) for r in regions.activation_regions})
['x ↦ [-x + 2]', 'x ↦ [0]', 'x ↦ [x]']
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Any

import networkx as nx
import numpy as np
from numpy.typing import ArrayLike

from ..errors import ShapeMismatchError, TropicalTypeError, TropicalValueError
from ._cells import Polytope, facets, interior_point, is_finite, vertex_point
from ._program import AffineStep, Program, compile_program
from ._refine import Cell, refine

__all__ = [
    "AffineMap",
    "ActivationRegion",
    "LinearRegion",
    "LinearRegions",
    "linear_regions",
    "parse_box",
    "MAX_INPUTS",
]

MAX_INPUTS = 20
"""Largest input dimension accepted.  The starting box has ``2^n``
vertices, over a million beyond 20 inputs, before any unit cuts it."""


def _fraction_array(values: Sequence[Any], shape: tuple[int, ...]) -> np.ndarray:
    array = np.empty(shape, dtype=object)
    array.reshape(-1)[:] = list(values)
    return array


@dataclass(frozen=True, eq=False)
class AffineMap:
    """The affine map ``x ↦ weight @ x + bias`` with exact entries.

    Attributes
    ----------
    weight : numpy.ndarray
        Shape ``(n_outputs, n_inputs)``, ``Fraction`` entries.
    bias : numpy.ndarray
        Shape ``(n_outputs,)``, ``Fraction`` entries.
    variables : tuple of str
        Names of the inputs, used for printing.

    Examples
    --------
    >>> from fractions import Fraction
    >>> f = AffineMap.from_rows([[1, -2]], [Fraction(1, 2)], ("x", "y"))
    >>> print(f)
    (x, y) ↦ [x - 2*y + 1/2]
    >>> f([3, 1])
    array([Fraction(3, 2)], dtype=object)
    """

    weight: np.ndarray
    bias: np.ndarray
    variables: tuple[str, ...] = ()

    @classmethod
    def from_rows(
        cls,
        weight: Sequence[Sequence[Any]],
        bias: Sequence[Any],
        variables: Sequence[str] = (),
    ) -> AffineMap:
        """Build a map from nested sequences of exact numbers."""
        rows = [[Fraction(v) for v in row] for row in weight]
        n_inputs = len(rows[0]) if rows else 0
        return cls(
            _fraction_array([v for row in rows for v in row], (len(rows), n_inputs)),
            _fraction_array([Fraction(v) for v in bias], (len(rows),)),
            tuple(variables),
        )

    @property
    def n_inputs(self) -> int:
        """Number of inputs."""
        return int(self.weight.shape[1])

    @property
    def n_outputs(self) -> int:
        """Number of outputs."""
        return int(self.weight.shape[0])

    def __call__(self, point: ArrayLike) -> np.ndarray:
        """Evaluate at one point, exactly for exact coordinates."""
        values = np.asarray(point, dtype=object).reshape(-1)
        if values.shape[0] != self.n_inputs:
            raise ShapeMismatchError(
                f"point with {values.shape[0]} coordinates given; expected "
                f"{self.n_inputs}"
            )
        coordinates = [
            v if isinstance(v, (int, Fraction)) else Fraction(float(v)) for v in values
        ]
        result = np.empty(self.n_outputs, dtype=object)
        for i in range(self.n_outputs):
            result[i] = sum(
                (w * v for w, v in zip(self.weight[i], coordinates, strict=True)),
                self.bias[i],
            )
        return result

    def key(self) -> tuple[Fraction, ...]:
        """Return the entries as a tuple, equal for equal maps."""
        return tuple(self.weight.flat) + tuple(self.bias.flat)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AffineMap):
            return NotImplemented
        return self.weight.shape == other.weight.shape and self.key() == other.key()

    def __hash__(self) -> int:
        return hash(self.key())

    def to_float(self) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(weight, bias)`` as ``float64`` arrays."""
        return self.weight.astype(np.float64), self.bias.astype(np.float64)

    def __str__(self) -> str:
        names = self.variables or tuple(f"x{i + 1}" for i in range(self.n_inputs))
        argument = names[0] if len(names) == 1 else "(" + ", ".join(names) + ")"
        rows = [
            _format_affine(row, b, names)
            for row, b in zip(self.weight, self.bias, strict=True)
        ]
        return f"{argument} ↦ [" + ", ".join(rows) + "]"

    def __repr__(self) -> str:
        return f"AffineMap({self})"


def _format_affine(
    row: Sequence[Fraction], constant: Fraction, names: Sequence[str]
) -> str:
    parts = []
    for coefficient, name in zip(row, names, strict=True):
        if coefficient == 0:
            continue
        magnitude = abs(coefficient)
        term = name if magnitude == 1 else f"{magnitude}*{name}"
        sign = "-" if coefficient < 0 else "+"
        parts.append((sign, term))
    if constant != 0 or not parts:
        parts.append(("-" if constant < 0 else "+", str(abs(constant))))
    first_sign, first = parts[0]
    text = ("-" if first_sign == "-" else "") + first
    for sign, term in parts[1:]:
        text += f" {sign} {term}"
    return text


@dataclass(frozen=True, eq=False)
class ActivationRegion:
    """One activation region: a polyhedron with one activation pattern.

    The geometric attributes (`A`, `b`, `point`, `vertices`) are computed
    from the exact vertex description when first read.

    Attributes
    ----------
    index : int
        Position in :attr:`LinearRegions.activation_regions`.
    pattern : tuple of int
        One entry per activation unit, layer by layer.  A ReLU or leaky
        ReLU unit has ``1`` when active (input above its threshold) and
        ``0`` otherwise.  A max unit (maxout, max-pooling, the terms of a
        tropical polynomial) has the position of the winning piece in its
        group.
    affine_map : AffineMap
        The network on this region.
    bounded : bool or None
        Whether the region is bounded.  Inside a box, ``True`` for a
        region that does not reach the boundary of the box and ``None``
        for one that does, since the part outside the box is not computed.
    linear_region : int
        Index of the linear region that contains this activation region.
    A, b : numpy.ndarray
        The region is ``{x : A @ x <= b}``.  Shapes ``(n_facets, n_inputs)``
        and ``(n_facets,)``, ``Fraction`` entries, one row per facet,
        scaled to coprime integers.  Facets of the network come first, then
        (inside a box) the facets of the box that bound the region.
    point : numpy.ndarray
        Shape ``(n_inputs,)``: a point in the interior (the mean of the
        vertices, pushed far enough along the unbounded directions).
    vertices : numpy.ndarray
        Shape ``(n_vertices, n_inputs)``: the vertices.  An unbounded
        region lists only its finite vertices.
    """

    index: int
    pattern: tuple[int, ...]
    affine_map: AffineMap
    bounded: bool | None
    linear_region: int
    _polytope: Polytope = field(repr=False)
    _symbolic: bool = field(repr=False)

    @property
    def n_inputs(self) -> int:
        """Number of inputs."""
        return self.affine_map.n_inputs

    @cached_property
    def _facet_rows(self) -> list[tuple[tuple[int, ...], int, bool]]:
        """``(a, c0, from_box)`` of every reported facet, network first."""
        polytope = self._polytope
        chosen = sorted(
            facets(polytope, self.n_inputs), key=lambda f: (f[0] < polytope.n_box, f[0])
        )
        rows = []
        for k, _ in chosen:
            a, c0 = polytope.constraints[k]
            from_box = k < polytope.n_box
            if from_box and self._symbolic:
                continue
            assert c0 is not None
            rows.append((a, c0, from_box))
        return rows

    @cached_property
    def A(self) -> np.ndarray:
        rows = [_primitive_row(a, c0)[0] for a, c0, _ in self._facet_rows]
        n = self.n_inputs
        return _fraction_array(
            [Fraction(v) for row in rows for v in row], (len(rows), n)
        )

    @cached_property
    def b(self) -> np.ndarray:
        bounds = [_primitive_row(a, c0)[1] for a, c0, _ in self._facet_rows]
        return _fraction_array([Fraction(v) for v in bounds], (len(bounds),))

    @cached_property
    def point(self) -> np.ndarray:
        network_rows = [(a, c0) for a, c0, from_box in self._facet_rows if not from_box]
        point = interior_point(self._polytope, network_rows, self.n_inputs)
        return _fraction_array(point, (self.n_inputs,))

    @cached_property
    def vertices(self) -> np.ndarray:
        n = self.n_inputs
        finite = [v for v in self._polytope.vertices if is_finite(v, n)]
        return _fraction_array(
            [c for v in finite for c in vertex_point(v, n)], (len(finite), n)
        )

    def contains(self, point: ArrayLike, strict: bool = False) -> bool:
        """Test whether `point` lies in the region (in its interior if
        `strict`).

        Coordinates are compared exactly; floats are read as the binary
        fractions they store.
        """
        values = [_exact(v) for v in np.asarray(point, dtype=object).reshape(-1)]
        if len(values) != self.n_inputs:
            raise ShapeMismatchError(
                f"point with {len(values)} coordinates given; expected {self.n_inputs}"
            )
        for row, bound in zip(self.A, self.b, strict=True):
            value = sum((a * v for a, v in zip(row, values, strict=True)), Fraction(0))
            if value > bound or (strict and value == bound):
                return False
        return True

    def __repr__(self) -> str:
        return (
            f"ActivationRegion(index={self.index}, pattern={self.pattern}, "
            f"n_facets={self.A.shape[0]}, bounded={self.bounded})"
        )


@dataclass(frozen=True, eq=False)
class LinearRegion:
    """A maximal connected union of activation regions with one affine map.

    Attributes
    ----------
    index : int
        Position in :attr:`LinearRegions.linear_regions`.
    activation_regions : tuple of int
        Indices of its activation regions.
    affine_map : AffineMap
        The network on this region.
    bounded : bool or None
        Whether the region is bounded.  ``None`` inside a box when one of
        its activation regions reaches the boundary of the box.
    """

    index: int
    activation_regions: tuple[int, ...]
    affine_map: AffineMap
    bounded: bool | None

    def __repr__(self) -> str:
        return (
            f"LinearRegion(index={self.index}, activation_regions="
            f"{self.activation_regions}, bounded={self.bounded})"
        )


@dataclass(frozen=True, eq=False)
class LinearRegions:
    """The result of :func:`linear_regions`.

    Attributes
    ----------
    activation_regions : tuple of ActivationRegion
        One per activation pattern whose region has an interior.
    linear_regions : tuple of LinearRegion
        The maximal connected unions with one affine map.
    graph : networkx.Graph
        Nodes are activation region indices (attributes ``pattern`` and
        ``linear_region``); an edge joins two regions that share a facet,
        with attribute ``same_map``.
    variables : tuple of str
        Input names.
    output_names : tuple of str
        Output names.
    box : tuple of numpy.ndarray or None
        ``(low, high)`` with ``Fraction`` entries, or ``None`` for all of
        ``R^n``.
    exact : bool
        Whether every parameter of the model was exact.  Float parameters
        are decomposed exactly as the binary fractions they store.
    """

    activation_regions: tuple[ActivationRegion, ...]
    linear_regions: tuple[LinearRegion, ...]
    graph: nx.Graph
    variables: tuple[str, ...]
    output_names: tuple[str, ...]
    box: tuple[np.ndarray, np.ndarray] | None
    exact: bool

    @property
    def n_activation_regions(self) -> int:
        """Number of activation regions."""
        return len(self.activation_regions)

    @property
    def n_linear_regions(self) -> int:
        """Number of linear regions."""
        return len(self.linear_regions)

    @property
    def n_inputs(self) -> int:
        """Number of inputs."""
        return len(self.variables)

    def linear_region_graph(self) -> nx.Graph:
        """Return the adjacency graph of the linear regions.

        Nodes are linear region indices; an edge joins two linear regions
        that contain adjacent activation regions.
        """
        graph = nx.Graph()
        graph.add_nodes_from(range(self.n_linear_regions))
        for first, second in self.graph.edges:
            a = self.activation_regions[first].linear_region
            b = self.activation_regions[second].linear_region
            if a != b:
                graph.add_edge(a, b)
        return graph

    def locate(self, point: ArrayLike) -> ActivationRegion:
        """Return an activation region whose closure contains `point`.

        A point on a common facet belongs to several regions, and the one
        with the smallest index is returned.

        Raises
        ------
        TropicalValueError
            When no region contains the point (it lies outside the box).
        """
        for region in self.activation_regions:
            if region.contains(point):
                return region
        raise TropicalValueError(
            f"point {list(np.asarray(point).reshape(-1))} lies in no region; "
            "it is outside the box"
        )

    def __repr__(self) -> str:
        where = f"R^{self.n_inputs}" if self.box is None else "a box"
        return (
            f"LinearRegions({_plural(self.n_activation_regions, 'activation')}, "
            f"{_plural(self.n_linear_regions, 'linear')} in {where})"
        )


def _plural(count: int, kind: str) -> str:
    return f"{count} {kind} region" + ("" if count == 1 else "s")


def _exact(value: Any) -> Fraction:
    if isinstance(value, bool):
        raise TropicalTypeError(f"coordinate {value!r} is not a number")
    if isinstance(value, (int, Fraction, np.integer)):
        return Fraction(int(value)) if not isinstance(value, Fraction) else value
    if isinstance(value, str):
        try:
            return Fraction(value)
        except (ValueError, ZeroDivisionError) as err:
            raise TropicalValueError(
                f"invalid number {value!r}; expected a decimal or p/q"
            ) from err
    try:
        number = float(value)
    except (TypeError, ValueError) as err:
        raise TropicalTypeError(f"coordinate {value!r} is not a number") from err
    if not math.isfinite(number):
        raise TropicalValueError(f"coordinate {value!r} is not finite")
    return Fraction(number)


def parse_box(box: Any, n: int) -> tuple[list[Fraction], list[Fraction]] | None:
    """Return the box ``(low, high)`` as lists of ``n`` exact numbers.

    Each bound is a number (the same for every coordinate) or a sequence
    of ``n`` numbers.  Ints, ``Fraction``, floats (read exactly) and
    strings such as ``"1/3"`` are accepted.

    Examples
    --------
    >>> parse_box((0, [1, "1/2"]), 2)
    ([Fraction(0, 1), Fraction(0, 1)], [Fraction(1, 1), Fraction(1, 2)])
    >>> parse_box((1, 0), 1)
    Traceback (most recent call last):
    ...
    tropicalnn.errors.TropicalValueError: invalid box: low 1 is not below high 0 ...
    """
    if box is None:
        return None
    try:
        low, high = box
    except (TypeError, ValueError) as err:
        raise TropicalTypeError(
            f"invalid box {box!r}; expected a pair (low, high) of numbers or sequences"
        ) from err
    bounds = []
    for name, value in (("low", low), ("high", high)):
        if np.ndim(value) == 0:
            values = [
                _exact(value.item() if isinstance(value, np.ndarray) else value)
            ] * n
        else:
            values = [_exact(v) for v in np.asarray(value, dtype=object).reshape(-1)]
        if len(values) != n:
            raise ShapeMismatchError(
                f"box {name} has {len(values)} entries; expected 1 or {n}"
            )
        bounds.append(values)
    for i, (lo, hi) in enumerate(zip(*bounds, strict=True)):
        if not lo < hi:
            raise TropicalValueError(
                f"invalid box: low {lo} is not below high {hi} in coordinate {i}"
            )
    return bounds[0], bounds[1]


def linear_regions(
    model: Any,
    box: Any = None,
    *,
    rtol: float | None = None,
) -> LinearRegions:
    """Compute the activation regions and linear regions of `model` exactly.

    Parameters
    ----------
    model : Network, TropicalMap, TropicalRational or TropicalPolynomial
        A network of linear layers with ReLU, leaky ReLU, identity, maxout
        and max-pooling activations, or a tropical map.  A polynomial
        ``max_k (c_k + a_k·x)`` has one activation region per essential
        term (the pattern is the winning term) and a rational function
        ``F ⊘ G`` one per pair of winning terms.
    box : pair (low, high), optional
        Restrict to the box ``low <= x <= high``; each bound is a number
        or one number per input.  By default the whole ``R^n``.
    rtol : float, optional
        Merge neighbouring activation regions into one linear region when
        their affine maps agree up to a relative tolerance instead of
        exactly.  Entry by entry, the allowed difference is `rtol` times
        the sum of the magnitudes of the products of parameters that make
        up that entry, which is the scale of its rounding error.  So the
        test does not depend on the scale of the network.  Intended for float networks
        whose maps should cancel but differ by rounding.  Activation
        regions are always exact.

    Returns
    -------
    LinearRegions

    Examples
    --------
    ``relu(x) - relu(-x) = x``: two activation regions, one linear region.

    >>> from tropicalnn import Network
    >>> net = Network.from_arrays([[[1], [-1]], [[1, -1]]], [[0, 0], [0]])
    >>> result = linear_regions(net)
    >>> result.n_activation_regions, result.n_linear_regions
    (2, 1)
    >>> [r.pattern for r in result.activation_regions]
    [(0, 1), (1, 0)]
    >>> region = result.activation_regions[0]
    >>> region.A.tolist(), region.b.tolist(), region.bounded
    ([[Fraction(1, 1)]], [Fraction(0, 1)], False)

    Inside a box the box's facets bound the regions:

    >>> print(linear_regions(net, box=(-1, 2)).activation_regions[1].b)
    [Fraction(0, 1) Fraction(2, 1)]
    """
    program = compile_program(model)
    if program.n_inputs > MAX_INPUTS:
        raise TropicalValueError(
            f"the model has {program.n_inputs} inputs; linear regions are "
            f"computed for at most {MAX_INPUTS}, because the starting box alone "
            f"has 2^n vertices"
        )
    bounds = parse_box(box, program.n_inputs)
    if rtol is not None and not (isinstance(rtol, (int, float)) and rtol >= 0):
        raise TropicalValueError(f"rtol {rtol!r} must be a number >= 0")
    low, high = (None, None) if bounds is None else bounds
    cells = refine(program, low, high)
    return _assemble(cells, program, bounds, rtol)


# -- assembling the result -------------------------------------------------


def _primitive_row(a: Sequence[int], c0: int) -> tuple[list[int], int]:
    """Return ``(a, b)`` of ``a·x <= b`` for ``a·x + c0 <= 0``, reduced."""
    divisor = math.gcd(*a, c0)
    return [v // divisor for v in a], -c0 // divisor


def _output_map(cell: Cell, variables: tuple[str, ...]) -> AffineMap:
    matrix, denominator = cell.matrix, cell.denominator
    n = len(variables)
    rows = matrix.shape[0]
    weight = _fraction_array(
        [Fraction(int(v), denominator) for v in matrix[:, :n].flat], (rows, n)
    )
    bias = _fraction_array(
        [Fraction(int(v), denominator) for v in matrix[:, n]], (rows,)
    )
    return AffineMap(weight, bias, variables)


def _magnitude(program: Program, pattern: tuple[int, ...]) -> np.ndarray:
    """Return the map of the pattern computed with absolute values.

    Each entry is the sum of the magnitudes of the products that make up
    that entry of the region's affine map, which is the natural scale of
    its rounding error.  Shape ``(n_outputs, n + 1)``.
    """
    n = program.n_inputs
    matrix = np.hstack([np.eye(n), np.zeros((n, 1))])
    position = 0
    for step in program.steps:
        if isinstance(step, AffineStep):
            weight = np.abs(step.matrix.astype(np.float64)) / step.denominator
            bias = np.abs(step.bias.astype(np.float64)) / step.denominator
            matrix = weight @ matrix
            matrix[:, -1] += bias
            continue
        rows = np.zeros((len(step.units), n + 1))
        for index, unit in enumerate(step.units):
            choice = pattern[position + index]
            if unit.kind == "max":
                rows[index] = matrix[unit.inputs[choice]]
            elif choice:
                rows[index] = matrix[unit.inputs[0]]
            elif unit.kind == "relu":
                rows[index, -1] = abs(float(unit.parameter))
            else:
                rows[index] = float(unit.parameter) * matrix[unit.inputs[0]]
        position += len(step.units)
        matrix = rows
    return matrix


def _close_maps(
    first: AffineMap, second: AffineMap, scale: np.ndarray, rtol: float
) -> bool:
    a = np.array(first.key(), dtype=np.float64)
    b = np.array(second.key(), dtype=np.float64)
    return bool(np.all(np.abs(a - b) <= rtol * scale))


def _facet_keys(
    polytope: Polytope, n: int, numbers: dict[tuple[int, ...], int]
) -> list[frozenset[int]]:
    """Vertex sets of the facets that the network (not the box) defines.

    Vertices are replaced by their numbers in `numbers`, which grows as new
    vertices are met, so each vertex tuple is hashed once per region.
    """
    ids = [numbers.setdefault(v, len(numbers)) for v in polytope.vertices]
    keys = []
    for k, mask in facets(polytope, n):
        if k >= polytope.n_box:
            keys.append(frozenset(ids[i] for i in range(len(ids)) if mask >> i & 1))
    return keys


def _assemble(
    cells: list[Cell],
    program: Program,
    bounds: tuple[list[Fraction], list[Fraction]] | None,
    rtol: float | None,
) -> LinearRegions:
    n = program.n_inputs
    symbolic = bounds is None
    variables = program.variables

    # Maps and boundedness of every activation region, and shared facets.
    parts = []
    owners: dict[frozenset[int], list[int]] = {}
    numbers: dict[tuple[int, ...], int] = {}
    box_mask = (1 << 2 * n) - 1
    for index, cell in enumerate(cells):
        touches_box = any(z & box_mask for z in cell.polytope.zero_sets)
        if symbolic:
            bounded: bool | None = not touches_box
        else:
            bounded = True if not touches_box else None
        parts.append((_output_map(cell, variables), bounded))
        for key in _facet_keys(cell.polytope, n, numbers):
            owners.setdefault(key, []).append(index)

    graph = nx.Graph()
    for index, cell in enumerate(cells):
        graph.add_node(index, pattern=cell.pattern)
    for members in owners.values():
        for i, first in enumerate(members):
            for second in members[i + 1 :]:
                graph.add_edge(first, second)

    # Linear regions: connected components of edges with equal maps.
    def magnitude(index: int) -> np.ndarray:
        # Ordered as AffineMap.key(): the weights row by row, then the biases.
        values = _magnitude(program, cells[index].pattern)
        return np.concatenate([values[:, :n].reshape(-1), values[:, n]])

    same = nx.Graph()
    same.add_nodes_from(range(len(cells)))
    for first, second in graph.edges:
        map_a, map_b = parts[first][0], parts[second][0]
        if rtol is None:
            equal = map_a == map_b
        else:
            scale = np.maximum(magnitude(first), magnitude(second))
            equal = _close_maps(map_a, map_b, scale, rtol)
        graph.edges[first, second]["same_map"] = equal
        if equal:
            same.add_edge(first, second)
    components = sorted(sorted(c) for c in nx.connected_components(same))
    membership = {}
    for label, component in enumerate(components):
        for member in component:
            membership[member] = label

    activation = []
    for index, (cell, (maps, bounded)) in enumerate(zip(cells, parts, strict=True)):
        graph.nodes[index]["linear_region"] = membership[index]
        activation.append(
            ActivationRegion(
                index,
                cell.pattern,
                maps,
                bounded,
                membership[index],
                cell.polytope,
                symbolic,
            )
        )
    linear = []
    for label, component in enumerate(components):
        flags = [activation[i].bounded for i in component]
        if any(flag is False for flag in flags):
            bounded_union: bool | None = False
        elif all(flags):
            bounded_union = True
        else:
            bounded_union = None
        linear.append(
            LinearRegion(
                label,
                tuple(component),
                activation[component[0]].affine_map,
                bounded_union,
            )
        )

    box = None
    if bounds is not None:
        box = (_fraction_array(bounds[0], (n,)), _fraction_array(bounds[1], (n,)))
    return LinearRegions(
        tuple(activation),
        tuple(linear),
        graph,
        variables,
        program.output_names,
        box,
        program.exact,
    )
