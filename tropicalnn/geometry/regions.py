"""Linear regions of tropical polynomials and the terms dominant at a point.

A tropical polynomial is linear on the region where one essential term is
the maximum (the minimum for min-plus).  These regions are polyhedra, one per
vertex of the regular subdivision, and they are the closures of the
components of the complement of the tropical hypersurface.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, overload

import numpy as np
from numpy.typing import ArrayLike

from ..errors import NotAnElementError, ShapeMismatchError
from ..polynomial import TropicalPolynomial
from ._common import (
    check_polynomial,
    format_number,
    format_vector,
    max_form,
    reflect,
    stack_rows,
)
from ._hull import DEFAULT_RTOL
from .hypersurface import TropicalHypersurface, tropical_hypersurface
from .polyhedron import Polyhedron

__all__ = [
    "LinearRegion",
    "PolynomialRegions",
    "polynomial_regions",
    "DominantTerms",
    "dominant_terms",
]


@dataclass(frozen=True)
class LinearRegion:
    """The region where one essential term is the maximum (minimum).

    Attributes
    ----------
    term : int
        Index of the term in the polynomial.
    exponent : numpy.ndarray
        Its exponent vector, the gradient of the polynomial on the region.
    coefficient : Fraction or float
        Its coefficient.
    polyhedron : Polyhedron
        The closed region: inequalities against the neighbouring terms of
        the subdivision, and generators (vertices of the hypersurface,
        rays, lineality).
    interior_point : numpy.ndarray
        A point where this term is strictly dominant.
    """

    term: int
    exponent: np.ndarray
    coefficient: Fraction | float
    polyhedron: Polyhedron
    interior_point: np.ndarray

    @property
    def is_bounded(self) -> bool:
        """True when the region is a bounded subset of ``R^n``."""
        return self.polyhedron.is_bounded

    def __repr__(self) -> str:
        return (
            f"LinearRegion(term={self.term}, exponent={format_vector(self.exponent)}, "
            f"coefficient={format_number(self.coefficient)}, "
            f"n_inequalities={len(self.polyhedron.inequalities)}, "
            f"bounded={self.is_bounded})"
        )


class PolynomialRegions(Sequence[LinearRegion]):
    """The linear regions of a polynomial, one per essential term.

    A sequence of `LinearRegion` sorted by term index; ``len()`` is the
    number of regions.
    """

    def __init__(self, polynomial: TropicalPolynomial, regions: list[LinearRegion]):
        self.polynomial = polynomial
        self._regions = tuple(regions)

    @overload
    def __getitem__(self, index: int) -> LinearRegion: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[LinearRegion]: ...

    def __getitem__(self, index: Any) -> Any:
        return self._regions[index]

    def __len__(self) -> int:
        return len(self._regions)

    def __iter__(self) -> Iterator[LinearRegion]:
        return iter(self._regions)

    @property
    def n_regions(self) -> int:
        """Number of linear regions, the same as ``len()``."""
        return len(self._regions)

    @property
    def terms(self) -> np.ndarray:
        """Indices of the essential terms, one per region."""
        return np.array([region.term for region in self._regions], dtype=np.int64)

    def __repr__(self) -> str:
        return f"PolynomialRegions(n_regions={self.n_regions})"

    def __str__(self) -> str:
        names = self.polynomial.variables
        noun = "region" if self.n_regions == 1 else "regions"
        lines = [f"{self.n_regions} linear {noun}"]
        for region in self._regions:
            lines.append(
                f"  term {region.term}: exponent {format_vector(region.exponent)}, "
                f"coefficient {format_number(region.coefficient)}"
            )
            for line in region.polyhedron.describe(names).splitlines()[1:]:
                lines.append("  " + line)
        return "\n".join(lines)


def polynomial_regions(
    p: TropicalPolynomial, *, tol: float | None = None
) -> PolynomialRegions:
    """Compute the linear regions of a tropical polynomial.

    Parameters
    ----------
    p : TropicalPolynomial
    tol : float, optional
        Relative tolerance for float polynomials.

    Returns
    -------
    PolynomialRegions
        One region per essential term.  A constant or monomial has one
        region, the whole space; the empty polynomial has none.

    Examples
    --------
    >>> from tropicalnn import variables
    >>> x, y = variables("x y")
    >>> regions = polynomial_regions(0 + x + y + x*y)
    >>> len(regions), regions[0].is_bounded
    (4, False)
    >>> print(regions[0].polyhedron)
    Polyhedron in R^2 with 2 inequalities
      y <= 0
      x <= 0
      vertices: (0, 0)
      rays: (-1, 0), (0, -1)
    """
    check_polynomial(p, "polynomial_regions")
    return _regions(p, tropical_hypersurface(p, tol=tol))


def _regions(p: TropicalPolynomial, surface: TropicalHypersurface) -> PolynomialRegions:
    exponents, coefficients, sign = max_form(p)
    subdivision = surface.subdivision
    n_vars = p.n_vars
    exact = p.is_exact
    dtype = object if exact else np.float64
    if len(p) == 0:
        return PolynomialRegions(p, [])

    # Neighbours of each vertex along the edges of the subdivision, and the
    # maximal cells around it.
    neighbours: dict[int, set[int]] = {int(k): set() for k in subdivision.vertices}
    for edge in subdivision.edges if subdivision.dimension >= 1 else ():
        first, last = int(edge.vertices[0]), int(edge.vertices[-1])
        neighbours[first].add(last)
        neighbours[last].add(first)
    around: dict[int, list[int]] = {int(k): [] for k in subdivision.vertices}
    for index, cell in enumerate(subdivision.cells):
        for k in cell.vertices:
            around[int(k)].append(index)

    # Max-form vertices and rays (the hypersurface stores them reflected).
    vertices = reflect(surface.vertices, sign)
    # The regions' rays are the outward facet normals of the Newton polytope
    # (also for a segment, whose facets are its endpoints).
    newton = surface._newton
    rays = newton.normals
    facets = newton.facets if subdivision.dimension >= 1 else []

    regions = []
    for k in subdivision.vertices.tolist():
        others = sorted(neighbours[k])
        rows = stack_rows([exponents[j] - exponents[k] for j in others], n_vars, exact)
        values = np.array(
            [coefficients[k] - coefficients[j] for j in others], dtype=dtype
        )
        region_vertices = vertices[around[k]] if len(vertices) else vertices
        region_rays = rays[[i for i, f in enumerate(facets) if k in f.tolist()]]
        polyhedron = Polyhedron(
            rows,
            values,
            vertices=region_vertices,
            rays=region_rays,
            lineality=surface.lineality,
            n_vars=n_vars,
            variables=p.variables,
        )
        point = _interior_point(region_vertices, region_rays, n_vars, p.is_exact)
        if sign == -1:
            polyhedron = polyhedron.reflected()
            point = -point
        regions.append(
            LinearRegion(
                term=k,
                exponent=p.exponents[k],
                coefficient=p.coefficients[k],
                polyhedron=polyhedron,
                interior_point=point,
            )
        )
    return PolynomialRegions(p, regions)


def _interior_point(vertices, rays, n_vars: int, exact: bool) -> np.ndarray:
    """Return the mean of the vertices plus the sum of the rays.

    The relative interior of ``conv(V) + cone(R)`` is the sum of the
    relative interiors, so this point is interior to a full-dimensional
    region.
    """
    zero = Fraction(0) if exact else 0.0
    point = np.array([zero] * n_vars, dtype=object if exact else np.float64)
    if len(vertices):
        total = vertices.sum(axis=0)
        point = (
            total / len(vertices)
            if not exact
            else np.array([Fraction(v) / len(vertices) for v in total], dtype=object)
        )
    if len(rays):
        point = point + rays.sum(axis=0)
    return point


@dataclass(frozen=True)
class DominantTerms:
    """The terms attaining the maximum (minimum) at a point.

    Attributes
    ----------
    indices : numpy.ndarray
        Sorted term indices; more than one when the point is on the
        hypersurface (a tie).
    exponents : numpy.ndarray
        Their exponent vectors, shape ``(len(indices), n_vars)``.
    coefficients : numpy.ndarray
        Their coefficients.
    value : Fraction or float
        The value of the polynomial at the point.
    """

    indices: np.ndarray
    exponents: np.ndarray
    coefficients: np.ndarray
    value: Fraction | float

    @property
    def is_tie(self) -> bool:
        """True when two or more terms attain the optimum."""
        return len(self.indices) > 1

    def __repr__(self) -> str:
        return (
            f"DominantTerms(indices={self.indices.tolist()}, "
            f"value={format_number(self.value)}, is_tie={self.is_tie})"
        )


def dominant_terms(
    p: TropicalPolynomial, point: ArrayLike, *, tol: float | None = None
) -> DominantTerms:
    """Find the terms attaining the maximum (minimum for min-plus) at a point.

    Exact polynomials are compared exactly: float coordinates are read as
    the binary rationals they are.  Float polynomials count a term as tied
    when its value is within `tol` (default 64 units in the last place)
    times the magnitude of the numbers summed.

    Parameters
    ----------
    p : TropicalPolynomial
        A polynomial with at least one term.
    point : array_like, shape (n_vars,)
        Finite coordinates.
    tol : float, optional
        Relative tolerance for float polynomials.

    Returns
    -------
    DominantTerms

    Raises
    ------
    ShapeMismatchError
        If the point does not have one coordinate per variable.
    NotAnElementError
        If a coordinate is not finite.

    Examples
    --------
    >>> from tropicalnn import variables
    >>> x, y = variables("x y")
    >>> dominant_terms(0 + x + y, [0, 0])
    DominantTerms(indices=[0, 1, 2], value=0, is_tie=True)
    >>> dominant_terms(0 + x + y, [1, 0]).indices
    array([2])
    """
    check_polynomial(p, "dominant_terms")
    coordinates = np.asarray(point, dtype=object).reshape(-1)
    if coordinates.shape != (p.n_vars,):
        raise ShapeMismatchError(
            f"point with {coordinates.size} coordinates given for a polynomial in "
            f"{p.n_vars} variables {p.variables!r}"
        )
    for value in coordinates:
        if not np.isfinite(float(value)):
            raise NotAnElementError(
                f"coordinate {value!r} is not finite; dominant_terms accepts finite "
                "points only"
            )
    if len(p) == 0:
        raise ShapeMismatchError("the empty polynomial has no terms to compare")
    exponents, coefficients, sign = max_form(p)

    if p.is_exact:
        exact_point = [Fraction(v) * sign for v in coordinates.tolist()]
        values = [
            c + sum((a * v for a, v in zip(row, exact_point, strict=True)), Fraction(0))
            for row, c in zip(exponents.tolist(), coefficients.tolist(), strict=True)
        ]
        best = max(values)
        indices = [k for k, v in enumerate(values) if v == best]
    else:
        rtol = DEFAULT_RTOL if tol is None else tol
        float_point = np.array([float(v) for v in coordinates]) * sign
        a = exponents.astype(np.float64)
        c = coefficients.astype(np.float64)
        float_values = c + a @ float_point
        magnitude = np.abs(c) + np.abs(a) @ np.abs(float_point)
        winner = int(np.argmax(float_values))
        best = float_values[winner]
        slack = rtol * (magnitude + magnitude[winner])
        indices = np.flatnonzero(float_values >= best - slack).tolist()
    chosen = np.array(indices, dtype=np.int64)
    return DominantTerms(
        indices=chosen,
        exponents=p.exponents[chosen],
        coefficients=p.coefficients[chosen],
        value=best * sign,
    )
