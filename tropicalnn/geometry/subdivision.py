"""Regular (dual) subdivisions of Newton polytopes.

The upper faces of the lifted polytope ``conv{(a_k, c_k)}`` project to a
polyhedral subdivision of the Newton polytope (for min-plus, the lower faces,
equivalently the upper faces for coefficients ``-c``).  Its cells of
dimension ``k`` are dual to the faces of codimension ``k`` of the tropical
hypersurface, and its vertices are the essential terms.  Cells are never
triangulated: when several lifted points lie on one upper facet, they form a
single cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

import networkx as nx
import numpy as np

from ..polynomial import TropicalPolynomial
from ._common import check_polynomial, format_number, format_vector, max_form
from ._hull import UpperHull, upper_hull
from ._polytope import face_lattice, lattice_length

__all__ = ["SubdivisionCell", "RegularSubdivision", "dual_subdivision"]


@dataclass(frozen=True)
class SubdivisionCell:
    """A cell (face) of a regular subdivision.

    Attributes
    ----------
    points : numpy.ndarray
        Sorted term indices of every exponent lying on the cell.
    vertices : numpy.ndarray
        Sorted term indices of the cell's vertices.
    dimension : int
        Affine dimension of the cell.
    lattice_length : Fraction, float or None
        For an edge, the number of lattice steps between its endpoints
        (see `lattice_length`); ``None`` for other cells.
    """

    points: np.ndarray
    vertices: np.ndarray
    dimension: int
    lattice_length: Fraction | float | None = None

    @property
    def is_simplex(self) -> bool:
        """True when the cell has no points besides its ``dimension + 1``
        vertices."""
        return len(self.points) == self.dimension + 1

    def __repr__(self) -> str:
        text = (
            f"SubdivisionCell(points={self.points.tolist()}, "
            f"vertices={self.vertices.tolist()}, dimension={self.dimension}"
        )
        if self.lattice_length is not None:
            text += f", lattice_length={format_number(self.lattice_length)}"
        return text + ")"


class RegularSubdivision:
    """The regular subdivision of a Newton polytope induced by coefficients.

    Build it with :func:`dual_subdivision`.  Cells refer to terms of the
    polynomial by index, so ``subdivision.exponents[cell.points]`` are the
    exponent vectors on a cell.

    Attributes
    ----------
    polynomial : TropicalPolynomial
        The polynomial whose terms are subdivided.
    exponents : numpy.ndarray
        Its exponents, shape ``(n_terms, n_vars)``.
    cells : tuple of SubdivisionCell
        The maximal cells, sorted by their term indices.
    """

    def __init__(self, polynomial: TropicalPolynomial, hull: UpperHull) -> None:
        self.polynomial = polynomial
        self.exponents = polynomial.exponents
        self._hull = hull
        self.cells = tuple(
            SubdivisionCell(points, vertices, hull.dimension)
            for points, vertices in zip(hull.cells, hull.cell_vertices, strict=True)
        )

    @property
    def dimension(self) -> int:
        """Dimension of the Newton polytope, ``-1`` without terms."""
        return self._hull.dimension

    @property
    def n_cells(self) -> int:
        """Number of maximal cells."""
        return len(self.cells)

    @property
    def vertices(self) -> np.ndarray:
        """Sorted term indices of all vertices: the essential terms."""
        return self._hull.vertices

    @property
    def is_triangulation(self) -> bool:
        """True when every maximal cell is a simplex with no further
        exponents on it."""
        return all(cell.is_simplex for cell in self.cells)

    def cell_exponents(self, cell: SubdivisionCell | int) -> np.ndarray:
        """Return the exponent vectors on a cell (a cell or a maximal cell's
        index)."""
        if isinstance(cell, int):
            cell = self.cells[cell]
        return self.exponents[cell.points]

    # -- faces ----------------------------------------------------------------

    @cached_property
    def _faces(self) -> dict[tuple[int, ...], tuple[int, list[int]]]:
        """Map each face's points to its dimension and its maximal cells."""
        faces: dict[tuple[int, ...], tuple[int, list[int]]] = {}
        exact = self.polynomial.is_exact
        for index, cell in enumerate(self.cells):
            local = face_lattice(self.exponents[cell.points], exact=exact)
            for dimension, members in enumerate(local):
                for face in members:
                    key = tuple(int(i) for i in cell.points[face])
                    entry = faces.setdefault(key, (dimension, []))
                    entry[1].append(index)
        return faces

    def faces(self, dimension: int) -> tuple[SubdivisionCell, ...]:
        """Return every face of the given dimension, sorted by term indices.

        Faces of dimension 1 (edges) carry their lattice length.

        Examples
        --------
        >>> from tropicalnn import variables
        >>> x, y = variables("x y")
        >>> subdivision = dual_subdivision(0 + x + y + x*y)
        >>> [face.points.tolist() for face in subdivision.faces(1)]
        [[0, 1], [0, 2], [1, 3], [2, 3]]
        """
        vertex_set = set(self._hull.vertices.tolist())
        result = []
        for key, (dim, _) in sorted(self._faces.items()):
            if dim != dimension:
                continue
            points = np.array(key, dtype=np.int64)
            vertices = np.array([k for k in key if k in vertex_set], dtype=np.int64)
            length = None
            if dimension == 1:
                length = lattice_length(
                    self.exponents[vertices[0]],
                    self.exponents[vertices[-1]],
                    exact=self.polynomial.is_exact,
                )
            result.append(SubdivisionCell(points, vertices, dimension, length))
        return tuple(result)

    @property
    def edges(self) -> tuple[SubdivisionCell, ...]:
        """The one-dimensional faces, each with its lattice length."""
        return self.faces(1)

    def cells_containing(self, face: SubdivisionCell) -> list[int]:
        """Return the indices of the maximal cells that contain a face."""
        key = tuple(int(i) for i in face.points)
        return list(self._faces[key][1])

    def dual_graph(self) -> nx.Graph:
        """Return the graph of maximal cells, adjacent across a shared ridge.

        Nodes are cell indices with attributes ``points`` and ``vertices``
        (term indices); each edge has the attribute ``ridge``, the terms on
        the shared codimension-one face.

        Examples
        --------
        >>> from tropicalnn import variables
        >>> x, y = variables("x y")
        >>> p = 1*x**2 + 1*y**2 + 2*x*y + 2*x + 2*y + 2
        >>> sorted(dual_subdivision(p).dual_graph().edges)
        [(0, 1), (0, 2)]
        """
        graph = nx.Graph()
        for index, cell in enumerate(self.cells):
            graph.add_node(index, points=cell.points, vertices=cell.vertices)
        for ridge, (first, second) in zip(
            self._hull.ridges, self._hull.ridge_cells, strict=True
        ):
            if second >= 0:
                graph.add_edge(int(first), int(second), ridge=ridge)
        return graph

    # -- printing -------------------------------------------------------------

    def __repr__(self) -> str:
        return (
            f"RegularSubdivision(dimension={self.dimension}, "
            f"n_cells={self.n_cells}, is_triangulation={self.is_triangulation})"
        )

    def __str__(self) -> str:
        noun = "cell" if self.n_cells == 1 else "cells"
        lines = [
            f"RegularSubdivision of dimension {self.dimension} with "
            f"{self.n_cells} maximal {noun}"
        ]
        for index, cell in enumerate(self.cells):
            points = ", ".join(format_vector(self.exponents[k]) for k in cell.points)
            lines.append(f"  cell {index}: {points}")
            extra = sorted(set(cell.points.tolist()) - set(cell.vertices.tolist()))
            if extra:
                shown = ", ".join(format_vector(self.exponents[k]) for k in extra)
                lines.append(f"    not vertices: {shown}")
        return "\n".join(lines)


def dual_subdivision(
    p: TropicalPolynomial, *, tol: float | None = None
) -> RegularSubdivision:
    """Compute the regular subdivision of the Newton polytope dual to ``T(p)``.

    Parameters
    ----------
    p : TropicalPolynomial
        Max-plus or min-plus polynomial.
    tol : float, optional
        Relative tolerance for float polynomials (see
        :mod:`tropicalnn.geometry._hull`).

    Returns
    -------
    RegularSubdivision

    Examples
    --------
    ``max(0, x, y, x + y)`` gives one cell, the unit square, with no diagonal:

    >>> from tropicalnn import variables
    >>> x, y = variables("x y")
    >>> subdivision = dual_subdivision(0 + x + y + x*y)
    >>> print(subdivision)
    RegularSubdivision of dimension 2 with 1 maximal cell
      cell 0: (0, 0), (0, 1), (1, 0), (1, 1)
    >>> subdivision.is_triangulation
    False
    """
    check_polynomial(p, "dual_subdivision")
    exponents, coefficients, _ = max_form(p)
    hull = upper_hull(exponents, coefficients, exact=p.is_exact, tol=tol)
    return RegularSubdivision(p, hull)
