"""Symbolic tropical algebra of piecewise-linear neural networks.

Conventions
-----------
Max-plus is the default semiring: ``⊕ = max``, ``⊙ = +``, tropical zero
``-∞`` and tropical one ``0``.  Min-plus is chosen with
``convention="min"``.  In expressions ``+`` is ⊕, ``*`` is ⊙, ``/`` is ⊘ and
``**`` is the tropical power, so the number ``0`` is tropical *one*.

Examples
--------
>>> import tropicalnn as tn
>>> x, y = tn.variables("x y")
>>> p = x**2 + 1*x*y + 3
>>> print(p.to_classical())
max(2*x, 1 + x + y, 3)
"""

from .errors import (
    ConventionMismatchError,
    ModelFileError,
    NotAnElementError,
    ShapeMismatchError,
    TropicalError,
    TropicalParseError,
    TropicalTypeError,
    TropicalValueError,
    UnsupportedLayerError,
    VariableMismatchError,
)
from .geometry import (
    dominant_terms,
    dual_subdivision,
    factor,
    geometry_summary,
    newton_polytope,
    polynomial_regions,
    roots,
    tropical_hypersurface,
)
from .nn import Network, convert, to_tropical
from .parsing import parse
from .polynomial import TropicalPolynomial, polynomial, variables
from .rational import TropicalMap, TropicalRational
from .semiring import TropicalNumber, TropicalSemiring, tropical_product, tropical_sum
from .symbolic import from_sympy

__version__ = "0.1.0"

__all__ = [
    "TropicalNumber",
    "TropicalSemiring",
    "tropical_sum",
    "tropical_product",
    "TropicalPolynomial",
    "polynomial",
    "variables",
    "TropicalRational",
    "TropicalMap",
    "parse",
    "from_sympy",
    "newton_polytope",
    "dual_subdivision",
    "tropical_hypersurface",
    "polynomial_regions",
    "linear_regions",
    "dominant_terms",
    "roots",
    "factor",
    "geometry_summary",
    "Network",
    "to_tropical",
    "convert",
    "TropicalError",
    "TropicalValueError",
    "TropicalTypeError",
    "NotAnElementError",
    "ConventionMismatchError",
    "VariableMismatchError",
    "ShapeMismatchError",
    "TropicalParseError",
    "UnsupportedLayerError",
    "ModelFileError",
]


def linear_regions(obj, box=None, **options):  # type: ignore[no-untyped-def]
    """Return the linear regions of a polynomial, a rational function or a
    network.

    A :class:`TropicalPolynomial` goes to
    :func:`tropicalnn.geometry.polynomial_regions` (one region per essential
    monomial); networks and rational functions go to
    :func:`tropicalnn.nn.regions.linear_regions`, which accepts a box.

    Examples
    --------
    >>> import tropicalnn as tn
    >>> x, y = tn.variables("x y")
    >>> tn.linear_regions(0 + x + y).n_regions
    3
    """
    if isinstance(obj, TropicalPolynomial):
        if box is not None:
            raise TropicalValueError(
                "box is not supported for a polynomial's regions; convert it to "
                "a rational function with tropicalnn.TropicalRational(p)"
            )
        return polynomial_regions(obj, **options)
    from .nn.regions import linear_regions as network_regions

    return network_regions(obj, box=box, **options)
