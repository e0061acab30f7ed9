"""Polyhedra given by inequalities, with their vertices and rays."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from ..errors import ShapeMismatchError
from ._common import format_number, format_vector

__all__ = ["Polyhedron"]


class Polyhedron:
    """A polyhedron ``{x : A x <= b, C x = d}`` in ``R^n``.

    The geometry functions build these with both descriptions: the
    inequalities and equations, and the generators (``vertices``, ``rays``
    and a basis of the ``lineality`` space), so that the polyhedron is
    ``conv(vertices) + cone(rays) + span(lineality)``.

    Parameters
    ----------
    inequalities : array_like, shape (m, n)
        The matrix ``A``.
    inequality_values : array_like, shape (m,)
        The right-hand side ``b``.
    equations : array_like, shape (k, n), optional
        The matrix ``C``.
    equation_values : array_like, shape (k,), optional
        The right-hand side ``d``.
    vertices, rays, lineality : array_like, optional
        Generators, one per row.
    n_vars : int, optional
        Dimension of the space, needed when there are no inequalities.
    variables : tuple of str, optional
        Coordinate names used when printing (``x1, x2, ...`` by default).

    Examples
    --------
    >>> half_line = Polyhedron([[-1]], [0], vertices=[[0]], rays=[[1]])
    >>> half_line.contains([3]), half_line.contains([-1]), half_line.is_bounded
    (True, False, False)
    >>> print(half_line)
    Polyhedron in R^1 with 1 inequality
      -x1 <= 0
      vertices: (0)
      rays: (1)
    """

    def __init__(
        self,
        inequalities: ArrayLike,
        inequality_values: ArrayLike,
        equations: ArrayLike | None = None,
        equation_values: ArrayLike | None = None,
        *,
        vertices: ArrayLike | None = None,
        rays: ArrayLike | None = None,
        lineality: ArrayLike | None = None,
        n_vars: int | None = None,
        variables: tuple[str, ...] | None = None,
    ) -> None:
        inequalities = _matrix(inequalities, n_vars)
        n = inequalities.shape[1] if n_vars is None else n_vars
        equations = _matrix([] if equations is None else equations, n)
        self.inequalities = inequalities
        self.inequality_values = _vector(inequality_values)
        self.equations = equations
        self.equation_values = _vector(
            [] if equation_values is None else equation_values
        )
        if len(self.inequality_values) != len(self.inequalities):
            raise ShapeMismatchError(
                f"{len(self.inequalities)} inequality rows but "
                f"{len(self.inequality_values)} right-hand sides"
            )
        if len(self.equation_values) != len(self.equations):
            raise ShapeMismatchError(
                f"{len(self.equations)} equation rows but "
                f"{len(self.equation_values)} right-hand sides"
            )
        self.vertices = _matrix([] if vertices is None else vertices, n)
        self.rays = _matrix([] if rays is None else rays, n)
        self.lineality = _matrix([] if lineality is None else lineality, n)
        self.variables = variables

    @property
    def ambient_dim(self) -> int:
        """Dimension ``n`` of the space containing the polyhedron."""
        return self.inequalities.shape[1]

    @property
    def is_bounded(self) -> bool:
        """True when the polyhedron has no rays and no lineality."""
        return len(self.rays) == 0 and len(self.lineality) == 0

    def contains(self, point: ArrayLike) -> bool:
        """Test whether `point` lies in the polyhedron.

        Exact data are compared exactly (float coordinates of the point are
        read as the binary rationals they are).  Float data allow a relative
        tolerance of 1e-9.
        """
        exact = _is_exact(self.inequalities) or _is_exact(self.equations)
        x = np.asarray(point, dtype=object if exact else np.float64).reshape(-1)
        if x.shape != (self.ambient_dim,):
            raise ShapeMismatchError(
                f"point of shape {x.shape} given for a polyhedron in "
                f"R^{self.ambient_dim}"
            )
        if exact:
            x = np.array([Fraction(v) for v in x], dtype=object)
            below = all(
                row @ x <= value
                for row, value in zip(
                    self.inequalities, self.inequality_values, strict=True
                )
            )
            on = all(
                row @ x == value
                for row, value in zip(self.equations, self.equation_values, strict=True)
            )
            return below and on

        slack = 1e-9 * (1 + np.abs(x).sum())
        a = self.inequalities.astype(np.float64)
        c = self.equations.astype(np.float64)
        below = a @ x <= self.inequality_values.astype(np.float64) + slack * (
            1 + np.abs(a).sum(axis=1)
        )
        on = np.abs(c @ x - self.equation_values.astype(np.float64)) <= slack * (
            1 + np.abs(c).sum(axis=1)
        )
        return bool(np.all(below) and np.all(on))

    def reflected(self) -> Polyhedron:
        """Return the image under ``x -> -x``."""
        return Polyhedron(
            -self.inequalities,
            self.inequality_values,
            -self.equations,
            self.equation_values,
            vertices=-self.vertices,
            rays=-self.rays,
            lineality=self.lineality,
            n_vars=self.ambient_dim,
            variables=self.variables,
        )

    def __repr__(self) -> str:
        return (
            f"Polyhedron(ambient_dim={self.ambient_dim}, "
            f"n_inequalities={len(self.inequalities)}, "
            f"n_equations={len(self.equations)}, n_vertices={len(self.vertices)}, "
            f"n_rays={len(self.rays)}, lineality_dim={len(self.lineality)})"
        )

    def __str__(self) -> str:
        return self.describe()

    def describe(self, variables: tuple[str, ...] | None = None) -> str:
        """Return the inequalities and generators as readable text."""
        n = self.ambient_dim
        names = variables or self.variables or tuple(f"x{i + 1}" for i in range(n))
        count = len(self.inequalities)
        noun = "inequality" if count == 1 else "inequalities"
        lines = [f"Polyhedron in R^{n} with {count} {noun}"]
        for row, value in zip(self.inequalities, self.inequality_values, strict=True):
            lines.append(f"  {_linear_form(row, names)} <= {format_number(value)}")
        for row, value in zip(self.equations, self.equation_values, strict=True):
            lines.append(f"  {_linear_form(row, names)} = {format_number(value)}")
        if len(self.vertices):
            lines.append(
                "  vertices: " + ", ".join(format_vector(v) for v in self.vertices)
            )
        if len(self.rays):
            lines.append("  rays: " + ", ".join(format_vector(v) for v in self.rays))
        if len(self.lineality):
            lines.append(
                "  lineality: " + ", ".join(format_vector(v) for v in self.lineality)
            )
        return "\n".join(lines)


def _is_exact(array: np.ndarray) -> bool:
    return array.dtype == object


def _matrix(values: Any, n_vars: int | None) -> np.ndarray:
    """Convert rows to a 2-D array with `n_vars` columns (floats unless the
    entries are objects such as `Fraction`)."""
    array = np.asarray(values)
    if array.dtype != object:
        array = array.astype(np.float64)
    if array.ndim != 2:
        if array.size:
            raise ShapeMismatchError(
                f"expected a matrix, got an array of shape {array.shape}"
            )
        array = array.reshape(0, n_vars or 0)
    if n_vars is not None and array.shape[1] != n_vars:
        raise ShapeMismatchError(
            f"expected rows of length {n_vars}, got an array of shape {array.shape}"
        )
    return array


def _vector(values: Any) -> np.ndarray:
    array = np.asarray(values)
    if array.dtype != object:
        array = array.astype(np.float64)
    return array.reshape(-1)


def _linear_form(row: np.ndarray, names: tuple[str, ...]) -> str:
    parts = []
    for coefficient, name in zip(row, names, strict=True):
        if coefficient == 0:
            continue
        text = format_number(abs(coefficient))
        sign = "-" if coefficient < 0 else "+"
        term = name if text == "1" else f"{text}*{name}"
        parts.append((sign, term))
    if not parts:
        return "0"
    first_sign, first_term = parts[0]
    text = ("-" if first_sign == "-" else "") + first_term
    for sign, term in parts[1:]:
        text += f" {sign} {term}"
    return text
