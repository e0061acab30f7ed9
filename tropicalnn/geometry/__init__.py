"""Geometry of tropical polynomials.

Newton polytopes, regular (dual) subdivisions, tropical hypersurfaces,
linear regions and univariate roots, all exact for exact polynomials.  Every
function takes a :class:`~tropicalnn.TropicalPolynomial` in either
convention.  Min-plus geometry is the reflection ``x -> -x`` of the max-plus
geometry with negated coefficients.

Data layouts: exponents ``(n_terms, n_vars)``, points ``(n_points,
n_vars)``, and cells as sorted arrays of term indices.

Examples
--------
>>> from tropicalnn import variables
>>> from tropicalnn.geometry import tropical_hypersurface
>>> x, y = variables("x y")
>>> curve = tropical_hypersurface(1*x**2 + 1*y**2 + 2*x*y + 2*x + 2*y + 2)
>>> [[int(v) for v in vertex] for vertex in curve.vertices]
[[0, 0], [0, 1], [1, 0]]
"""

from .hypersurface import HypersurfaceCell, TropicalHypersurface, tropical_hypersurface
from .newton import NewtonPolytope, Polytope, newton_polytope
from .polyhedron import Polyhedron
from .regions import (
    DominantTerms,
    LinearRegion,
    PolynomialRegions,
    dominant_terms,
    polynomial_regions,
)
from .subdivision import RegularSubdivision, SubdivisionCell, dual_subdivision
from .summary import geometry_summary
from .univariate import Factorization, TropicalRoot, factor, roots

__all__ = [
    "Polytope",
    "NewtonPolytope",
    "newton_polytope",
    "SubdivisionCell",
    "RegularSubdivision",
    "dual_subdivision",
    "HypersurfaceCell",
    "TropicalHypersurface",
    "tropical_hypersurface",
    "Polyhedron",
    "LinearRegion",
    "PolynomialRegions",
    "polynomial_regions",
    "DominantTerms",
    "dominant_terms",
    "TropicalRoot",
    "Factorization",
    "roots",
    "factor",
    "geometry_summary",
]
