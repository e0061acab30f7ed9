"""Tests of the JSON geometry summary."""

from __future__ import annotations

import json

from hypothesis import given

from tropicalnn.geometry import geometry_summary
from tropicalnn.polynomial import TropicalPolynomial, variables

from .strategies import exact_polynomials

KEYS = {
    "convention",
    "variables",
    "terms",
    "reduced_terms",
    "newton_polytope",
    "dual_subdivision",
    "hypersurface",
    "n_regions",
}


def test_collinear_summary():
    x, y = variables("x y")
    summary = geometry_summary(0 + x * y + x**2 * y**2)
    assert set(summary) == KEYS
    assert summary["convention"] == "max"
    assert summary["variables"] == ["x", "y"]
    assert summary["terms"] == 3
    assert summary["reduced_terms"] == 2
    assert summary["newton_polytope"] == {
        "dimension": 1,
        "vertices": [["0", "0"], ["2", "2"]],
    }
    assert summary["dual_subdivision"] == {
        "cells": [
            {
                "points": [["0", "0"], ["1", "1"], ["2", "2"]],
                "vertices": [["0", "0"], ["2", "2"]],
            }
        ]
    }
    assert summary["hypersurface"] == {
        "lineality_dim": 1,
        "vertices": [["0", "0"]],
        "rays": [],
        "n_maximal_cells": 1,
        "weights": ["2"],
    }
    assert summary["n_regions"] == 2


def test_rational_numbers_as_strings():
    xm, ym = variables("x y", convention="min")
    p = 1 * xm**2 + 1 * ym**2 + 2 * xm * ym + 2 * xm + 2 * ym + 2
    summary = geometry_summary(p)
    assert summary["convention"] == "min"
    assert summary["hypersurface"]["vertices"] == [["1/2", "1/2"]]
    assert summary["hypersurface"]["weights"] == ["2", "2", "2"]


def test_float_numbers_as_numbers():
    x, y = variables("x y")
    summary = geometry_summary((0 + x + y).to_float())
    assert summary["hypersurface"]["vertices"] == [[0.0, 0.0]]
    assert summary["hypersurface"]["weights"] == [1.0, 1.0, 1.0]
    assert summary["newton_polytope"]["vertices"] == [
        [0.0, 0.0],
        [0.0, 1.0],
        [1.0, 0.0],
    ]


def test_empty_polynomial_summary():
    summary = geometry_summary(TropicalPolynomial.zero(["x"]))
    assert summary["terms"] == 0
    assert summary["newton_polytope"] == {"dimension": -1, "vertices": []}
    assert summary["dual_subdivision"] == {"cells": []}
    assert summary["n_regions"] == 0


@given(exact_polynomials(max_terms=8))
def test_summary_is_json(p):
    summary = geometry_summary(p)
    assert json.loads(json.dumps(summary)) == summary
    assert set(summary) == KEYS
    hypersurface = summary["hypersurface"]
    assert len(hypersurface["weights"]) == hypersurface["n_maximal_cells"]
    assert summary["n_regions"] == summary["reduced_terms"]
