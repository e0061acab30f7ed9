"""Newton polytopes of tropical polynomials.

The Newton polytope of ``f = max_k (c_k + <a_k, x>)`` is ``conv{a_k}``.  Its
lifted (extended) polytope is ``conv{(a_k, c_k)}`` in one dimension more,
whose upper faces project to the regular subdivision of
:func:`~tropicalnn.geometry.dual_subdivision`.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np
from numpy.typing import ArrayLike

from ..errors import ShapeMismatchError
from ..polynomial import TropicalPolynomial
from ._common import check_polynomial, format_number, format_vector
from ._linalg import to_fraction
from ._polytope import HullData, convex_hull
from .polyhedron import Polyhedron, _linear_form

__all__ = ["Polytope", "NewtonPolytope", "newton_polytope"]


class Polytope:
    """The convex hull of finitely many points, possibly lower-dimensional.

    Parameters
    ----------
    points : array_like, shape (n_points, n_vars)
        Points, one per row: `fractions.Fraction` entries (dtype object) for
        an exact polytope, floats otherwise.  Repeated rows are allowed, and
        indices then refer to the first occurrence.
    exact : bool, optional
        Use exact arithmetic; by default, exact when the array has dtype
        object.
    tol : float, optional
        Relative tolerance of the float kernel.

    Attributes
    ----------
    points : numpy.ndarray
        The input points, shape ``(n_points, n_vars)``.
    dimension : int
        Affine dimension, ``-1`` for the empty polytope.
    vertex_indices : numpy.ndarray
        Sorted indices of the points that are vertices.
    facets : list of numpy.ndarray
        For each facet (inside the affine hull), the indices of every point
        on it.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> segment = Polytope(np.array([[F(0), F(0)], [F(1), F(1)], [F(2), F(2)]]))
    >>> segment.dimension, segment.vertices.tolist()
    (1, [[Fraction(0, 1), Fraction(0, 1)], [Fraction(2, 1), Fraction(2, 1)]])
    >>> print(segment)
    Polytope of dimension 1 in R^2 with 2 vertices
      vertices: (0, 0), (2, 2)
      facets: -x1 - x2 <= 0, x1 + x2 <= 4
      affine hull: -x1 + x2 = 0
    """

    def __init__(
        self, points: ArrayLike, *, exact: bool | None = None, tol: float | None = None
    ) -> None:
        array = np.asarray(points)
        if array.ndim != 2:
            raise ShapeMismatchError(
                f"expected points of shape (n_points, n_vars), got {array.shape}"
            )
        self._exact = array.dtype == object if exact is None else bool(exact)
        if self._exact:
            converted = np.empty(array.shape, dtype=object)
            for index, value in np.ndenumerate(array):
                converted[index] = to_fraction(value)
            array = converted
        else:
            array = array.astype(np.float64)
        array.flags.writeable = False
        self.points = array
        self._tol = tol
        distinct = _distinct_rows(array)
        self._hull = _lift_indices(
            convex_hull(array[distinct], exact=self._exact, tol=tol), distinct
        )

    # -- description ----------------------------------------------------------

    @property
    def is_exact(self) -> bool:
        """True when the polytope was computed with exact arithmetic."""
        return self._exact

    @property
    def ambient_dim(self) -> int:
        """Dimension of the space containing the points."""
        return self.points.shape[1]

    @property
    def dimension(self) -> int:
        """Affine dimension, ``-1`` for the empty polytope."""
        return self._hull.dimension

    @property
    def is_empty(self) -> bool:
        """True for the polytope without points."""
        return self._hull.dimension < 0

    @property
    def vertex_indices(self) -> np.ndarray:
        """Sorted indices of the points that are vertices."""
        return self._hull.vertices

    @property
    def vertices(self) -> np.ndarray:
        """Vertices, shape ``(n_vertices, n_vars)``, in the order of the points."""
        return self.points[self._hull.vertices]

    @property
    def n_vertices(self) -> int:
        """Number of vertices."""
        return len(self._hull.vertices)

    @property
    def facets(self) -> list[np.ndarray]:
        """Indices of every point on each facet (inside the affine hull)."""
        return self._hull.facets

    @property
    def n_facets(self) -> int:
        """Number of facets."""
        return len(self._hull.facets)

    @property
    def inequalities(self) -> tuple[np.ndarray, np.ndarray]:
        """Facet inequalities ``(A, b)`` with ``A x <= b`` on the polytope.

        Each row of ``A`` is an outward facet normal chosen in the linear
        space parallel to the affine hull: a primitive integer vector (as
        `Fraction`) when exact, a unit vector otherwise.
        """
        return self._hull.normals, self._hull.offsets

    @property
    def equations(self) -> tuple[np.ndarray, np.ndarray]:
        """Equations ``(C, d)`` of the affine hull, ``C x = d``.

        Empty for a full-dimensional polytope.  For the empty polytope there
        are no equations either: check `is_empty`.
        """
        return self._hull.equations, self._hull.equation_values

    def as_polyhedron(self) -> Polyhedron:
        """Return the polytope as a `Polyhedron` (inequalities and vertices)."""
        normals, offsets = self.inequalities
        equations, values = self.equations
        return Polyhedron(
            normals,
            offsets,
            equations,
            values,
            vertices=self.vertices,
            n_vars=self.ambient_dim,
        )

    def contains(self, point: ArrayLike) -> bool:
        """Test whether `point` lies in the polytope (exactly when exact)."""
        if self.is_empty:
            return False
        return self.as_polyhedron().contains(point)

    # -- printing -------------------------------------------------------------

    def _name(self) -> str:
        return "Polytope"

    def __repr__(self) -> str:
        return (
            f"{self._name()}(dimension={self.dimension}, "
            f"ambient_dim={self.ambient_dim}, n_vertices={self.n_vertices}, "
            f"n_facets={self.n_facets}, exact={self._exact})"
        )

    def __str__(self) -> str:
        return self.describe()

    def describe(self, variables: tuple[str, ...] | None = None) -> str:
        """Return the vertices, facet inequalities and equations as text."""
        names = variables or tuple(f"x{i + 1}" for i in range(self.ambient_dim))
        if self.is_empty:
            return f"empty {self._name()} in R^{self.ambient_dim}"
        noun = "vertex" if self.n_vertices == 1 else "vertices"
        lines = [
            f"{self._name()} of dimension {self.dimension} in R^{self.ambient_dim} "
            f"with {self.n_vertices} {noun}",
            "  vertices: " + ", ".join(format_vector(v) for v in self.vertices),
        ]
        normals, offsets = self.inequalities
        if len(normals):
            facets = [
                f"{_linear_form(row, names)} <= {format_number(value)}"
                for row, value in zip(normals, offsets, strict=True)
            ]
            lines.append("  facets: " + ", ".join(facets))
        equations, values = self.equations
        if len(equations):
            hull = [
                f"{_linear_form(row, names)} = {format_number(value)}"
                for row, value in zip(equations, values, strict=True)
            ]
            lines.append("  affine hull: " + ", ".join(hull))
        return "\n".join(lines)


class NewtonPolytope(Polytope):
    """The Newton polytope ``conv{a_k}`` of a tropical polynomial.

    Points are the exponent vectors of the polynomial's terms, in the order
    of its terms, so ``vertex_indices`` are term indices.  The polytope does
    not depend on the coefficients or the convention.

    Examples
    --------
    >>> from tropicalnn import variables
    >>> x, y = variables("x y")
    >>> newt = newton_polytope(0 + x*y + x**2*y**2)
    >>> newt.dimension, newt.vertex_indices.tolist()
    (1, [0, 2])
    >>> newt.lifted.dimension
    1
    """

    def __init__(
        self, polynomial: TropicalPolynomial, tol: float | None = None
    ) -> None:
        self.polynomial = polynomial
        super().__init__(polynomial.exponents, exact=polynomial.is_exact, tol=tol)

    @cached_property
    def lifted(self) -> Polytope:
        """The lifted polytope ``conv{(a_k, c_k)}`` in ``R^(n_vars + 1)``.

        Coefficients are taken as stored, in the polynomial's convention.
        """
        p = self.polynomial
        dtype = object if p.is_exact else np.float64
        points = np.empty((len(p), p.n_vars + 1), dtype=dtype)
        points[:, : p.n_vars] = p.exponents
        points[:, p.n_vars] = p.coefficients
        return Polytope(points, exact=p.is_exact, tol=self._tol)

    def _name(self) -> str:
        return "NewtonPolytope"

    def describe(self, variables: tuple[str, ...] | None = None) -> str:
        return super().describe(variables or self.polynomial.variables)


def newton_polytope(
    p: TropicalPolynomial, *, tol: float | None = None
) -> NewtonPolytope:
    """Compute the Newton polytope of a tropical polynomial.

    Parameters
    ----------
    p : TropicalPolynomial
        Any polynomial, including the empty one (empty polytope) and a
        single monomial (a point).
    tol : float, optional
        Relative tolerance for float polynomials.

    Returns
    -------
    NewtonPolytope

    Examples
    --------
    >>> from tropicalnn import variables
    >>> x, y = variables("x y")
    >>> newt = newton_polytope(x**2 + x*y + y**2 + 1)
    >>> print(newt)
    NewtonPolytope of dimension 2 in R^2 with 3 vertices
      vertices: (0, 0), (0, 2), (2, 0)
      facets: -x <= 0, -y <= 0, x + y <= 2
    >>> normals, offsets = newt.inequalities
    >>> [[int(v) for v in row] for row in normals], [int(v) for v in offsets]
    ([[-1, 0], [0, -1], [1, 1]], [0, 0, 2])
    """
    check_polynomial(p, "newton_polytope")
    return NewtonPolytope(p, tol=tol)


def _distinct_rows(array: np.ndarray) -> np.ndarray:
    """Indices of the first occurrence of each distinct row."""
    first: dict[tuple, int] = {}
    for i, row in enumerate(array.tolist()):
        first.setdefault(tuple(row), i)
    return np.array(sorted(first.values()), dtype=np.int64)


def _lift_indices(hull: HullData, distinct: np.ndarray) -> HullData:
    """Translate indices into the distinct rows back to point indices."""
    if len(distinct) == 0:
        return hull
    return HullData(
        dimension=hull.dimension,
        vertices=distinct[hull.vertices],
        facets=[distinct[f] for f in hull.facets],
        normals=hull.normals,
        offsets=hull.offsets,
        equations=hull.equations,
        equation_values=hull.equation_values,
    )
