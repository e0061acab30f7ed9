"""A JSON-ready summary of the geometry of a polynomial."""

from __future__ import annotations

from typing import Any

from ..polynomial import TropicalPolynomial
from ._common import check_polynomial, number_to_json, vector_to_json
from .hypersurface import tropical_hypersurface
from .newton import newton_polytope
from .regions import _regions

__all__ = ["geometry_summary"]


def geometry_summary(
    p: TropicalPolynomial, *, tol: float | None = None
) -> dict[str, Any]:
    """Summarise the Newton polytope, subdivision, hypersurface and regions.

    Exact numbers are written as strings ``"p/q"`` (``"3"`` for integers)
    and float numbers as JSON numbers, so ``json.dumps`` accepts the result
    unchanged.

    Parameters
    ----------
    p : TropicalPolynomial
    tol : float, optional
        Relative tolerance for float polynomials.

    Returns
    -------
    dict
        With exactly the keys ``convention``, ``variables``, ``terms``,
        ``reduced_terms``, ``newton_polytope`` (``dimension``,
        ``vertices``), ``dual_subdivision`` (``cells``, each with
        ``points`` and ``vertices`` as exponent vectors), ``hypersurface``
        (``lineality_dim``, ``vertices``, ``rays``, ``n_maximal_cells``,
        ``weights``, one per maximal cell) and ``n_regions``.

    Examples
    --------
    >>> import json
    >>> from tropicalnn import variables
    >>> x, y = variables("x y")
    >>> summary = geometry_summary(0 + x*y + x**2*y**2)
    >>> summary["reduced_terms"], summary["hypersurface"]["weights"]
    (2, ['2'])
    >>> print(json.dumps(summary["newton_polytope"]))
    {"dimension": 1, "vertices": [["0", "0"], ["2", "2"]]}
    """
    check_polynomial(p, "geometry_summary")
    surface = tropical_hypersurface(p, tol=tol)
    subdivision = surface.subdivision
    newton = newton_polytope(p, tol=tol)
    exponents = p.exponents
    cells = [
        {
            "points": [vector_to_json(exponents[k]) for k in cell.points],
            "vertices": [vector_to_json(exponents[k]) for k in cell.vertices],
        }
        for cell in subdivision.cells
    ]
    return {
        "convention": p.convention,
        "variables": list(p.variables),
        "terms": len(p),
        "reduced_terms": len(subdivision.vertices),
        "newton_polytope": {
            "dimension": newton.dimension,
            "vertices": [vector_to_json(v) for v in newton.vertices],
        },
        "dual_subdivision": {"cells": cells},
        "hypersurface": {
            "lineality_dim": surface.lineality_dim,
            "vertices": [vector_to_json(v) for v in surface.vertices],
            "rays": [vector_to_json(v) for v in surface.rays],
            "n_maximal_cells": surface.n_maximal_cells,
            "weights": [number_to_json(w) for w in surface.weights],
        },
        "n_regions": len(_regions(p, surface)),
    }
