"""Tropical hypersurfaces as polyhedral complexes.

The tropical hypersurface of ``f = max_k (c_k + <a_k, x>)`` is the set of
points where the maximum is attained at least twice.  It is a polyhedral
complex dual to the regular subdivision of the Newton polytope: a face of
dimension ``k`` of the subdivision corresponds to a polyhedron of
codimension ``k``.  So the maximal polyhedra (dimension ``n - 1``) are dual
to the edges of the subdivision, and their weights are the lattice lengths
of those edges.  Every polyhedron contains the lineality space, the
directions orthogonal to the affine hull of the exponents.  Vertices and
rays are given in the orthogonal complement of that space.

For min-plus every point and direction is reflected (``x -> -x``), because
``min_k(c_k + a_k.x) = -max_k(-c_k + a_k.(-x))``.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..errors import TropicalValueError
from ..polynomial import TropicalPolynomial
from ._common import (
    check_polynomial,
    format_number,
    format_vector,
    max_form,
    reflect,
    stack_rows,
)
from ._linalg import primitive, to_fraction
from ._polytope import convex_hull
from .polyhedron import Polyhedron
from .subdivision import RegularSubdivision, SubdivisionCell, dual_subdivision

__all__ = ["HypersurfaceCell", "TropicalHypersurface", "tropical_hypersurface"]


@dataclass(frozen=True)
class HypersurfaceCell:
    """A maximal polyhedron of a tropical hypersurface.

    Attributes
    ----------
    dual : SubdivisionCell
        The dual edge of the subdivision: the terms that tie on this cell.
    vertices : numpy.ndarray
        Indices into the hypersurface's `vertices`.
    rays : numpy.ndarray
        Indices into the hypersurface's `rays`.
    weight : Fraction or float
        Lattice length of the dual edge (the multiplicity).
    """

    dual: SubdivisionCell
    vertices: np.ndarray
    rays: np.ndarray
    weight: Fraction | float

    @property
    def is_bounded(self) -> bool:
        """True when the cell has no rays (bounded modulo lineality)."""
        return len(self.rays) == 0

    def __repr__(self) -> str:
        return (
            f"HypersurfaceCell(dual={self.dual.points.tolist()}, "
            f"vertices={self.vertices.tolist()}, rays={self.rays.tolist()}, "
            f"weight={format_number(self.weight)})"
        )


class TropicalHypersurface:
    """The tropical hypersurface ``T(f)`` of a polynomial.

    Build it with :func:`tropical_hypersurface`.

    Attributes
    ----------
    polynomial : TropicalPolynomial
        The polynomial.
    subdivision : RegularSubdivision
        Its dual subdivision.
    vertices : numpy.ndarray
        Shape ``(n_vertices, n_vars)``.  Vertex ``i`` is dual to maximal
        cell ``i`` of the subdivision.  With a lineality space these are
        the points of the complement (vertices modulo lineality).
    rays : numpy.ndarray
        Shape ``(n_rays, n_vars)``.  Directions of the unbounded parts:
        primitive integer vectors (as `Fraction`) for exact polynomials,
        unit vectors otherwise.  They are the outward facet normals of the
        Newton polytope, reflected for min-plus.
    lineality : numpy.ndarray
        Shape ``(lineality_dim, n_vars)``.  A basis of the lineality space.
    cells : tuple of HypersurfaceCell
        The maximal polyhedra, one per edge of the subdivision.
    """

    def __init__(self, polynomial: TropicalPolynomial, subdivision: RegularSubdivision):
        self.polynomial = polynomial
        self.subdivision = subdivision
        exponents, _, self._sign = max_form(polynomial)
        exact = polynomial.is_exact
        n_vars = polynomial.n_vars
        dtype = object if exact else np.float64
        r = subdivision.dimension
        newton = convex_hull(exponents, exact=exact)
        self._newton = newton

        # Lineality: the directions orthogonal to the exponents' affine hull.
        if r <= 0:
            self.lineality = np.eye(n_vars, dtype=np.int64).astype(dtype)
            if exact:
                self.lineality = _fractions(self.lineality)
        else:
            self.lineality = newton.equations

        # Vertices (dual to maximal cells) and rays (facet normals), which
        # exist only when the hypersurface is not empty.
        hull = subdivision._hull
        if r >= 1:
            self.vertices = reflect(hull.dual_vertices, self._sign)
        else:
            self.vertices = np.zeros((0, n_vars), dtype=dtype)
        if r >= 2:
            self.rays = reflect(newton.normals, self._sign)
        else:
            self.rays = np.zeros((0, n_vars), dtype=dtype)

        # One maximal polyhedron per edge of the subdivision.
        cells = []
        if r >= 1:
            for edge in subdivision.edges:
                ends = {int(edge.vertices[0]), int(edge.vertices[-1])}
                rays = [
                    i
                    for i, facet in enumerate(newton.facets)
                    if r >= 2 and ends <= set(facet.tolist())
                ]
                cells.append(
                    HypersurfaceCell(
                        dual=edge,
                        vertices=np.array(subdivision.cells_containing(edge), np.int64),
                        rays=np.array(rays, dtype=np.int64),
                        weight=_weight(edge),
                    )
                )
        self.cells = tuple(cells)

    # -- description ----------------------------------------------------------

    @property
    def n_vars(self) -> int:
        """Dimension of the ambient space."""
        return self.polynomial.n_vars

    @property
    def is_empty(self) -> bool:
        """True for a monomial, a constant or the empty polynomial."""
        return len(self.cells) == 0

    @property
    def dimension(self) -> int:
        """``n_vars - 1``, or ``-1`` when the hypersurface is empty."""
        return -1 if self.is_empty else self.n_vars - 1

    @property
    def lineality_dim(self) -> int:
        """Dimension of the lineality space."""
        return len(self.lineality)

    @property
    def n_maximal_cells(self) -> int:
        """Number of maximal polyhedra."""
        return len(self.cells)

    @property
    def weights(self) -> tuple[Fraction | float, ...]:
        """The weight of each maximal polyhedron, in the order of `cells`."""
        return tuple(cell.weight for cell in self.cells)

    @property
    def bounded_cells(self) -> tuple[HypersurfaceCell, ...]:
        """Maximal polyhedra without rays: the edges of a plane curve."""
        return tuple(cell for cell in self.cells if cell.is_bounded)

    @property
    def unbounded_cells(self) -> tuple[HypersurfaceCell, ...]:
        """Maximal polyhedra with rays: the unbounded edges of a plane curve."""
        return tuple(cell for cell in self.cells if not cell.is_bounded)

    def polyhedron(self, index: int) -> Polyhedron:
        """Return maximal cell `index` as a `Polyhedron`.

        Its equations make the terms of the dual edge tie, and its
        inequalities keep them above the other terms of the cells around
        that edge.
        """
        cell = self.cells[index]
        exponents, coefficients, _ = max_form(self.polynomial)
        first, *others = [int(k) for k in cell.dual.points]
        star: set[int] = set()
        for maximal in cell.vertices:
            star.update(int(k) for k in self.subdivision.cells[maximal].points)
        star -= set(cell.dual.points.tolist())
        equations = [exponents[k] - exponents[first] for k in others]
        equation_values = [coefficients[first] - coefficients[k] for k in others]
        rows = [exponents[k] - exponents[first] for k in sorted(star)]
        values = [coefficients[first] - coefficients[k] for k in sorted(star)]
        exact = self.polynomial.is_exact
        dtype = object if exact else np.float64
        polyhedron = Polyhedron(
            stack_rows(rows, self.n_vars, exact),
            np.array(values, dtype=dtype),
            stack_rows(equations, self.n_vars, exact),
            np.array(equation_values, dtype=dtype),
            vertices=reflect(self.vertices[cell.vertices], self._sign),
            rays=reflect(self.rays[cell.rays], self._sign),
            lineality=self.lineality,
            n_vars=self.n_vars,
            variables=self.polynomial.variables,
        )
        return polyhedron.reflected() if self._sign == -1 else polyhedron

    def check_balancing(self) -> bool:
        """Check the balancing condition at every vertex of a plane curve.

        At each vertex the weighted primitive directions of the edges and
        rays leaving it sum to zero.

        Raises
        ------
        TropicalValueError
            If the polynomial does not have two variables.

        Examples
        --------
        >>> from tropicalnn import variables
        >>> x, y = variables("x y")
        >>> tropical_hypersurface(x**3 + y**3 + 0 + 1*x*y).check_balancing()
        True
        """
        if self.n_vars != 2:
            raise TropicalValueError(
                f"balancing is checked for plane curves only; this hypersurface "
                f"lies in R^{self.n_vars}"
            )
        if self.subdivision.dimension < 2:
            # Parallel lines (or nothing): no vertex joins two directions.
            return True
        exact = self.polynomial.is_exact
        for vertex in range(len(self.vertices)):
            total = np.zeros(2, dtype=object if exact else np.float64)
            for cell in self.cells:
                if vertex not in cell.vertices:
                    continue
                total = total + self._weighted_direction(cell, vertex)
            if exact and any(v != 0 for v in total):
                return False
            if not exact and np.linalg.norm(total.astype(float)) > 1e-8 * (
                1 + np.abs(self.vertices.astype(float)).max()
            ):
                return False
        return True

    def _weighted_direction(self, cell: HypersurfaceCell, vertex: int) -> np.ndarray:
        if len(cell.vertices) == 2:
            other = int(
                cell.vertices[0] if cell.vertices[1] == vertex else cell.vertices[1]
            )
            direction = self.vertices[other] - self.vertices[vertex]
        else:
            direction = self.rays[int(cell.rays[0])]
        if self.polynomial.is_exact:
            unit = np.array(
                primitive([to_fraction(v) for v in direction]), dtype=object
            )
            return unit * cell.weight
        edge = self.subdivision.exponents[cell.dual.vertices].astype(float)
        length = np.linalg.norm(edge[1] - edge[0])
        return direction / np.linalg.norm(direction) * length

    # -- printing -------------------------------------------------------------

    def __repr__(self) -> str:
        return (
            f"TropicalHypersurface(n_vars={self.n_vars}, "
            f"lineality_dim={self.lineality_dim}, n_vertices={len(self.vertices)}, "
            f"n_rays={len(self.rays)}, n_maximal_cells={self.n_maximal_cells})"
        )

    def __str__(self) -> str:
        if self.is_empty:
            return f"empty TropicalHypersurface in R^{self.n_vars}"
        noun = "cell" if self.n_maximal_cells == 1 else "cells"
        lines = [
            f"TropicalHypersurface of dimension {self.dimension} in "
            f"R^{self.n_vars} with {self.n_maximal_cells} maximal {noun}"
        ]
        if self.lineality_dim:
            basis = ", ".join(format_vector(v) for v in self.lineality)
            lines.append(
                f"  lineality space of dimension {self.lineality_dim}: {basis}"
            )
        lines.append(
            "  vertices: " + ", ".join(format_vector(v) for v in self.vertices)
        )
        if len(self.rays):
            lines.append("  rays: " + ", ".join(format_vector(v) for v in self.rays))
        for cell in self.cells:
            parts = [f"vertex {int(v)}" for v in cell.vertices]
            parts += [f"ray {format_vector(self.rays[int(r)])}" for r in cell.rays]
            dual = ", ".join(
                format_vector(self.subdivision.exponents[k]) for k in cell.dual.vertices
            )
            lines.append(
                f"  cell dual to [{dual}], weight {format_number(cell.weight)}: "
                + ", ".join(parts)
            )
        return "\n".join(lines)


def tropical_hypersurface(
    p: TropicalPolynomial, *, tol: float | None = None
) -> TropicalHypersurface:
    """Compute the tropical hypersurface of a polynomial.

    Parameters
    ----------
    p : TropicalPolynomial
        Max-plus or min-plus polynomial in any number of variables.
    tol : float, optional
        Relative tolerance for float polynomials.

    Returns
    -------
    TropicalHypersurface

    Examples
    --------
    The tropical line ``max(0, x, y)`` has one vertex and three rays:

    >>> from tropicalnn import variables
    >>> x, y = variables("x y")
    >>> line = tropical_hypersurface(0 + x + y)
    >>> print(line)
    TropicalHypersurface of dimension 1 in R^2 with 3 maximal cells
      vertices: (0, 0)
      rays: (-1, 0), (0, -1), (1, 1)
      cell dual to [(0, 0), (0, 1)], weight 1: vertex 0, ray (-1, 0)
      cell dual to [(0, 0), (1, 0)], weight 1: vertex 0, ray (0, -1)
      cell dual to [(0, 1), (1, 0)], weight 1: vertex 0, ray (1, 1)
    """
    check_polynomial(p, "tropical_hypersurface")
    return TropicalHypersurface(p, dual_subdivision(p, tol=tol))


def _weight(edge: SubdivisionCell) -> Fraction | float:
    length = edge.lattice_length
    if length is None:  # edges always carry a length
        raise TropicalValueError(f"subdivision face {edge!r} is not an edge")
    return length


def _fractions(array: np.ndarray) -> np.ndarray:
    result = np.empty(array.shape, dtype=object)
    for index, value in np.ndenumerate(array):
        result[index] = Fraction(value)
    return result
