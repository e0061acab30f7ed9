"""Tests of the Polyhedron class."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from tropicalnn.errors import ShapeMismatchError
from tropicalnn.geometry import Polyhedron

F = Fraction


def exact(rows):
    return np.array([[F(v) for v in row] for row in rows], dtype=object)


def test_exact_membership():
    square = Polyhedron(
        exact([[1, 0], [-1, 0], [0, 1], [0, -1]]), np.array([F(1)] * 4, dtype=object)
    )
    assert square.contains([1, 1])
    assert square.contains([F(-1), F(1, 2)])
    assert not square.contains([F(101, 100), 0])


def test_equations():
    line = Polyhedron(
        np.zeros((0, 2), dtype=object),
        np.zeros(0, dtype=object),
        exact([[1, 1]]),
        np.array([F(1)], dtype=object),
        lineality=exact([[1, -1]]),
    )
    assert line.contains([F(1, 2), F(1, 2)])
    assert not line.contains([0, 0])
    assert not line.is_bounded


def test_float_membership_tolerance():
    half = Polyhedron([[1.0, 0.0]], [0.3])
    assert half.contains([0.1 + 0.2, 5.0])
    assert not half.contains([0.31, 0.0])


def test_reflection():
    half_line = Polyhedron([[-1.0]], [0.0], vertices=[[0.0]], rays=[[1.0]])
    mirror = half_line.reflected()
    assert mirror.contains([-3.0])
    assert not mirror.contains([3.0])
    assert mirror.rays.tolist() == [[-1.0]]


def test_shape_errors():
    with pytest.raises(ShapeMismatchError, match="right-hand sides"):
        Polyhedron([[1.0, 0.0]], [0.0, 1.0])
    with pytest.raises(ShapeMismatchError, match="R\\^2"):
        Polyhedron([[1.0, 0.0]], [0.0]).contains([1.0])


def test_printing_with_names():
    polyhedron = Polyhedron(
        exact([[2, -1]]), np.array([F(1, 2)], dtype=object), variables=("x", "y")
    )
    assert str(polyhedron).splitlines() == [
        "Polyhedron in R^2 with 1 inequality",
        "  2*x - y <= 1/2",
    ]
    assert repr(polyhedron) == (
        "Polyhedron(ambient_dim=2, n_inequalities=1, n_equations=0, n_vertices=0, "
        "n_rays=0, lineality_dim=0)"
    )
