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
