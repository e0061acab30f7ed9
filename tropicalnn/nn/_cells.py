"""Exact polytopes in vertex form, cut by hyperplanes: the region kernel.

Every number here is a Python integer, so every decision is exact.

Layouts
-------
A *hyperplane* or *constraint* is a pair ``(a, c0)`` of an integer tuple
``a`` of length ``n`` and an integer ``c0``; the constraint is
``a·x + c0 <= 0``.

A *vertex* is an integer tuple ``(X_1..X_n, Y_1..Y_n, w)`` with ``w > 0``
and no common factor, which is the point ``(X + M·Y) / w``.  ``M`` is the
half-width of the box ``[-M, M]^n`` used for regions of all of ``R^n``.
It is a symbol larger than every number met, so a sign is decided on the
coefficient of ``M`` first and on the constant second.  In a finite box
every ``Y`` is zero.  Because the representation is reduced,
two vertices are the same point exactly when their tuples are equal, and
cells can share facets by comparing vertex sets.

A polytope stores its vertices, its constraints, and for every vertex the
set of constraints tight there (a bit mask over constraint positions).
Two vertices span an edge exactly when no third vertex is tight on every
constraint that both are tight on (the combinatorial adjacency test of
the double description method); this needs no rank computation and is
exact for degenerate vertices, where more than ``n`` constraints meet.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from operator import mul

__all__ = [
    "Polytope",
    "box_polytope",
    "cut",
    "facets",
    "vertex_point",
    "is_finite",
    "interior_point",
]

Vertex = tuple[int, ...]
Constraint = tuple[tuple[int, ...], int | None]


class Polytope:
    """A full-dimensional polytope in vertex and constraint form.

    Attributes
    ----------
    vertices : list of tuple of int
        Reduced vertex tuples, see the module notes.
    zero_sets : list of int
        For each vertex, a bit mask: bit ``k`` is set when constraint ``k``
        is tight at the vertex.
    constraints : list of tuple
        ``(a, c0)`` for ``a·x + c0 <= 0``.  Box constraints of the symbolic
        box have ``c0 = None``.
    n_box : int
        The first `n_box` constraints are the facets of the box.
    """

    __slots__ = ("vertices", "zero_sets", "constraints", "n_box")

    def __init__(
        self,
        vertices: list[Vertex],
        zero_sets: list[int],
        constraints: list[Constraint],
        n_box: int,
    ) -> None:
        self.vertices = vertices
        self.zero_sets = zero_sets
        self.constraints = constraints
        self.n_box = n_box


def _reduced(values: list[int]) -> Vertex:
    """Scale a homogeneous tuple to ``w > 0`` without a common factor."""
    if values[-1] < 0:
        values = [-v for v in values]
    divisor = math.gcd(*values)
    if divisor > 1:
        values = [v // divisor for v in values]
    return tuple(values)


def _integer_pair(value: Fraction) -> tuple[int, int]:
    return value.numerator, value.denominator


def box_polytope(
    n: int, low: list[Fraction] | None, high: list[Fraction] | None
) -> Polytope:
    """Return the box ``[low, high]``, or the symbolic box ``[-M, M]^n``.

    Constraint ``2i`` is ``x_i >= low_i`` and constraint ``2i + 1`` is
    ``x_i <= high_i``.
    """
    constraints: list[Constraint] = []
    for i in range(n):
        unit = [0] * n
        unit[i] = 1
        if low is None or high is None:
            constraints.append((tuple(-u for u in unit), None))
            constraints.append((tuple(unit), None))
        else:
            p, q = _integer_pair(low[i])
            constraints.append((tuple(-q * u for u in unit), p))
            p, q = _integer_pair(high[i])
            constraints.append((tuple(q * u for u in unit), -p))
    vertices: list[Vertex] = []
    zero_sets: list[int] = []
    for corner in range(2**n):
        mask = 0
        if low is None or high is None:
            values = [0] * n + [0] * n + [1]
            for i in range(n):
                upper = (corner >> i) & 1
                values[n + i] = 1 if upper else -1
                mask |= 1 << (2 * i + upper)
        else:
            coordinates = []
            for i in range(n):
                upper = (corner >> i) & 1
                coordinates.append(high[i] if upper else low[i])
                mask |= 1 << (2 * i + upper)
            common = math.lcm(*(c.denominator for c in coordinates))
            values = [int(c * common) for c in coordinates] + [0] * n + [common]
        vertices.append(_reduced(values))
        zero_sets.append(mask)
    return Polytope(vertices, zero_sets, constraints, 2 * n)


def _values(
    vertices: list[Vertex], a: tuple[int, ...], c0: int, n: int, symbolic: bool
) -> list[tuple[int, int]]:
    """Return ``(A, B)`` per vertex with ``w·h(vertex) = A + M·B``."""
    zeros = (0,) * n
    constant_row = a + zeros + (c0,)
    if not symbolic:
        return [(sum(map(mul, constant_row, v)), 0) for v in vertices]
    slope_row = zeros + a + (0,)
    return [
        (sum(map(mul, constant_row, v)), sum(map(mul, slope_row, v))) for v in vertices
    ]


def _sign(value: tuple[int, int]) -> int:
    constant, slope = value
    if slope:
        return 1 if slope > 0 else -1
    return (constant > 0) - (constant < 0)


def _intersection(
    u: Vertex, v: Vertex, hu: tuple[int, int], hv: tuple[int, int], n: int
) -> Vertex:
    """Return the point where the segment from `u` to `v` meets ``h = 0``.

    With ``w·h = A + M·B`` at each end the point is
    ``(h(v)·u - h(u)·v) / (h(v) - h(u))``.  Its numerator is quadratic and
    its denominator linear in ``M``, but the point itself is affine in
    ``M`` (it solves a linear system whose right-hand side is affine in
    ``M``), so the division is exact polynomial division.
    """
    au, bu = hu
    av, bv = hv
    wu, wv = u[-1], v[-1]
    d0 = av * wu - au * wv
    d1 = bv * wu - bu * wv
    xu, yu, xv, yv = u[:n], u[n : 2 * n], v[:n], v[n : 2 * n]
    if d1 == 0 and not bu and not bv:
        values = [av * p - au * q for p, q in zip(xu, xv, strict=True)]
        values += [av * p - au * q for p, q in zip(yu, yv, strict=True)]
        values.append(d0)
        return _reduced(values)
    n0 = [av * p - au * q for p, q in zip(xu, xv, strict=True)]
    n1 = [
        av * p + bv * r - au * q - bu * s
        for p, r, q, s in zip(yu, xu, yv, xv, strict=True)
    ]
    n2 = [bv * p - bu * q for p, q in zip(yu, yv, strict=True)]
    if d1 == 0:
        return _reduced(n0 + n1 + [d0])
    x = [p * d1 - d0 * q for p, q in zip(n1, n2, strict=True)]
    y = [q * d1 for q in n2]
    return _reduced(x + y + [d1 * d1])


def _adjacent(i: int, j: int, zero_sets: list[int], n: int) -> bool:
    common = zero_sets[i] & zero_sets[j]
    if n == 2:
        # In a polygon two vertices on one supporting line span an edge.
        return common != 0
    if common.bit_count() < n - 1:
        return False
    for k, other in enumerate(zero_sets):
        if k != i and k != j and other & common == common:
            return False
    return True


def cut(
    polytope: Polytope,
    a: tuple[int, ...],
    c0: int,
    n: int,
    symbolic: bool,
    need_negative: bool = True,
    need_positive: bool = True,
) -> tuple[Polytope | None, Polytope | None]:
    """Cut `polytope` by the hyperplane ``a·x + c0 = 0``.

    Returns the parts where ``a·x + c0 <= 0`` and ``>= 0``, each ``None``
    when it has an empty interior (relative to the affine hull of the
    polytope, which may be a face of lower dimension).  When the hyperplane misses the
    interior, the polytope itself is returned as the one part.  Parts that
    are not needed are not built (``None``) unless the polytope is whole.
    ``a`` must not be zero.
    """
    values = _values(polytope.vertices, a, c0, n, symbolic)
    signs = [_sign(value) for value in values]
    # On a lower-dimensional face the hyperplane can vanish everywhere; the
    # face then lies in the part where a·x + c0 <= 0.
    if max(signs) <= 0:
        return polytope, None
    if min(signs) >= 0:
        return None, polytope

    vertices, zero_sets = polytope.vertices, polytope.zero_sets
    bit = 1 << len(polytope.constraints)
    positive = [i for i, s in enumerate(signs) if s > 0]
    negative = [i for i, s in enumerate(signs) if s < 0]
    on_plane = [i for i, s in enumerate(signs) if s == 0]

    # New vertices: one on every edge that crosses the hyperplane.
    crossing: list[Vertex] = []
    crossing_sets: list[int] = []
    for i in positive:
        for j in negative:
            if _adjacent(i, j, zero_sets, n):
                crossing.append(
                    _intersection(vertices[i], vertices[j], values[i], values[j], n)
                )
                crossing_sets.append((zero_sets[i] & zero_sets[j]) | bit)

    shared = [vertices[i] for i in on_plane] + crossing
    shared_sets = [zero_sets[i] | bit for i in on_plane] + crossing_sets
    negative_part = positive_part = None
    if need_negative:
        negative_part = Polytope(
            [vertices[i] for i in negative] + shared,
            [zero_sets[i] for i in negative] + shared_sets,
            polytope.constraints + [(a, c0)],
            polytope.n_box,
        )
    if need_positive:
        positive_part = Polytope(
            [vertices[i] for i in positive] + shared,
            [zero_sets[i] for i in positive] + shared_sets,
            polytope.constraints + [(tuple(-v for v in a), -c0)],
            polytope.n_box,
        )
    return negative_part, positive_part


def facets(polytope: Polytope, dimension: int) -> list[tuple[int, int]]:
    """Return ``(constraint index, vertex mask)`` for every facet.

    A constraint defines a facet when the set of vertices tight on it is
    maximal among those sets, leaving out constraints tight at every
    vertex (the equations of a polytope of lower `dimension`).  A
    polytope is the intersection of its constraints, so every facet is
    such a set.  Constraints tight on the same facet are reported once.
    """
    tight = [0] * len(polytope.constraints)
    for index, zero_set in enumerate(polytope.zero_sets):
        remaining = zero_set
        while remaining:
            low = remaining & -remaining
            tight[low.bit_length() - 1] |= 1 << index
            remaining ^= low
    everything = (1 << len(polytope.vertices)) - 1
    candidates = sorted(
        (
            k
            for k in range(len(tight))
            if tight[k].bit_count() >= dimension and tight[k] != everything
        ),
        key=lambda k: (-tight[k].bit_count(), k >= polytope.n_box, k),
    )
    chosen: list[tuple[int, int]] = []
    for k in candidates:
        mask = tight[k]
        if any(mask & other == mask for _, other in chosen):
            continue
        chosen.append((k, mask))
    return sorted(chosen)


def is_finite(vertex: Vertex, n: int) -> bool:
    """Return True when the vertex does not depend on the symbolic box
    size."""
    return not any(vertex[n : 2 * n])


def vertex_point(vertex: Vertex, n: int) -> list[Fraction]:
    """Return the coordinates of a finite vertex."""
    w = vertex[-1]
    return [Fraction(x, w) for x in vertex[:n]]


def interior_point(
    polytope: Polytope, facet_rows: Sequence[Constraint], n: int
) -> list[Fraction]:
    """Return a point strictly inside the polytope's region.

    The mean of the vertices is interior.  In the symbolic box it is
    ``p + M·q``, and ``M`` is set to the least integer above 1 for which
    the point satisfies every facet inequality of `facet_rows` strictly.
    """
    # Sum over a common denominator, so that only n fractions are reduced.
    common = math.lcm(*(vertex[-1] for vertex in polytope.vertices))
    total = [0] * (2 * n)
    for vertex in polytope.vertices:
        factor = common // vertex[-1]
        for i in range(2 * n):
            total[i] += vertex[i] * factor
    scale = common * len(polytope.vertices)
    constant = [Fraction(t, scale) for t in total[:n]]
    slope = [Fraction(t, scale) for t in total[n:]]
    if not any(slope):
        return constant
    size = Fraction(1)
    for a, c0 in facet_rows:
        assert c0 is not None
        # a·(p + M q) + c0 < 0 with a·q < 0 for large M.
        at_constant = sum(map(mul, a, constant)) + c0
        rate = sum(map(mul, a, slope))
        if rate < 0:
            size = max(size, at_constant / -rate)
    size = Fraction(math.floor(size) + 1)
    return [c + size * s for c, s in zip(constant, slope, strict=True)]
