"""Exact and float linear algebra for the geometry kernels (private).

Exact numbers are `fractions.Fraction` or Python integers in arrays of dtype
object; float numbers are ``float64`` with a relative tolerance carried by
`Arith`.  `affine_frame` writes a point set in coordinates of its affine
hull, which lets every kernel treat lower-dimensional input as
full-dimensional.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import scipy.linalg


@dataclass(frozen=True)
class Arith:
    """Arithmetic mode: exact integers or floats with a relative tolerance."""

    exact: bool
    rtol: float

    def array(self, values: Any) -> np.ndarray:
        return np.asarray(values, dtype=object if self.exact else np.float64)


def to_fraction(value: Any) -> Fraction:
    if isinstance(value, Fraction):
        return value
    if isinstance(value, (int, np.integer)):
        return Fraction(int(value))
    if isinstance(value, (float, np.floating)):
        return Fraction(float(value))
    return Fraction(value)


def scale_to_integers(values: list[Fraction]) -> tuple[list[int], Fraction]:
    """Scale rationals by a positive factor so that they become coprime
    integers; return the integers and the factor."""
    denominator = math.lcm(*(v.denominator for v in values)) if values else 1
    integers = [v.numerator * (denominator // v.denominator) for v in values]
    divisor = math.gcd(*integers) if integers else 0
    if divisor > 1:
        integers = [i // divisor for i in integers]
    else:
        divisor = 1
    return integers, Fraction(denominator, divisor)


def primitive(vector: list[Fraction]) -> list[int]:
    """Scale a nonzero rational vector to a primitive integer vector."""
    integers, _ = scale_to_integers(vector)
    return integers


def rref(rows: list[list[Fraction]]) -> tuple[list[list[Fraction]], list[int]]:
    """Reduced row echelon form of a rational matrix (rows, pivot columns)."""
    matrix = [list(row) for row in rows]
    n_cols = len(matrix[0]) if matrix else 0
    pivots: list[int] = []
    rank = 0
    for col in range(n_cols):
        pivot_row = next(
            (i for i in range(rank, len(matrix)) if matrix[i][col] != 0), None
        )
        if pivot_row is None:
            continue
        matrix[rank], matrix[pivot_row] = matrix[pivot_row], matrix[rank]
        lead = matrix[rank][col]
        matrix[rank] = [v / lead for v in matrix[rank]]
        for i in range(len(matrix)):
            factor = matrix[i][col]
            if i != rank and factor != 0:
                matrix[i] = [
                    a - factor * b for a, b in zip(matrix[i], matrix[rank], strict=True)
                ]
        pivots.append(col)
        rank += 1
        if rank == len(matrix):
            break
    return matrix[:rank], pivots


def nullspace(rows: np.ndarray, n_cols: int, arith: Arith) -> list[np.ndarray]:
    """Basis of the vectors orthogonal to every row (integers when exact)."""
    if arith.exact:
        reduced, pivots = rref([[Fraction(v) for v in row] for row in rows.tolist()])
        basis = []
        for free in (j for j in range(n_cols) if j not in pivots):
            vector = [Fraction(0)] * n_cols
            vector[free] = Fraction(1)
            for row, pivot in zip(reduced, pivots, strict=True):
                vector[pivot] = -row[free]
            basis.append(np.array(primitive(vector), dtype=object))
        return basis
    matrix = np.asarray(rows, dtype=np.float64).reshape(-1, n_cols)
    if matrix.shape[0] == 0:
        return list(np.eye(n_cols))
    _, singular, vt = np.linalg.svd(matrix)
    rank = float_rank(singular, arith.rtol)
    return list(vt[rank:])


def float_rank(singular: np.ndarray, rtol: float) -> int:
    if singular.size == 0 or singular[0] == 0:
        return 0
    return int(np.sum(singular > max(rtol, 1e-14) * singular[0]))


def affine_rank(points: np.ndarray, arith: Arith) -> int:
    if len(points) <= 1:
        return 0
    differences = points[1:] - points[0]
    if arith.exact:
        return len(rref([[Fraction(v) for v in row] for row in differences])[1])
    singular = np.linalg.svd(differences.astype(np.float64), compute_uv=False)
    return float_rank(singular, arith.rtol)


# -- affine frame -----------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    """Exponents in coordinates of their affine hull.

    ``coords`` has shape ``(n_terms, r)`` and ``heights`` shape
    ``(n_terms,)``; both are Python integers (dtype object) when exact.  A
    point ``xi`` of the walk in these coordinates maps to the point
    ``to_space @ (scale * xi)`` of ``R^n_vars``, and ``basis`` spans the
    directions of the affine hull.  Float frames have power-of-two scales
    ``scale = 2 ** scale_exponents``, applied with `numpy.ldexp` so that an
    overflowing factor times zero stays zero.
    """

    coords: np.ndarray
    heights: np.ndarray
    scale: np.ndarray
    to_space: np.ndarray
    basis: np.ndarray
    scale_exponents: np.ndarray | None = None

    def point(self, xi: np.ndarray) -> np.ndarray:
        """Map a float walk point to ``R^n_vars`` (entries beyond the float
        range become infinite)."""
        assert self.scale_exponents is not None
        with np.errstate(over="ignore", invalid="ignore"):
            return self.to_space @ np.ldexp(xi, self.scale_exponents)

    def direction(self, vector: np.ndarray) -> np.ndarray:
        """Map a float walk direction to ``R^n_vars``, up to a positive factor."""
        assert self.scale_exponents is not None
        shift = self.scale_exponents - np.max(self.scale_exponents, initial=0)
        return self.to_space @ np.ldexp(vector, shift)


def affine_frame(exponents: np.ndarray, coefficients: np.ndarray, arith: Arith):
    n_terms, n_vars = exponents.shape
    if not arith.exact:
        return affine_frame_float(exponents, coefficients, arith)

    rows = [[to_fraction(v) for v in row] for row in exponents.tolist()]
    heights = [to_fraction(v) for v in coefficients.tolist()]
    origin = rows[0]

    # Incremental reduced echelon basis of the differences a_k - a_0.
    basis: dict[int, list[Fraction]] = {}
    for row in rows[1:]:
        if len(basis) == n_vars:
            break
        diff = [a - b for a, b in zip(row, origin, strict=True)]
        for pivot, brow in basis.items():
            factor = diff[pivot]
            if factor != 0:
                diff = [d - factor * b for d, b in zip(diff, brow, strict=True)]
        lead_col = next((j for j, v in enumerate(diff) if v != 0), None)
        if lead_col is None:
            continue
        lead = diff[lead_col]
        diff = [d / lead for d in diff]
        for pivot, brow in basis.items():
            factor = brow[lead_col]
            if factor != 0:
                basis[pivot] = [b - factor * d for b, d in zip(brow, diff, strict=True)]
        basis[lead_col] = diff
    pivots = sorted(basis)
    echelon = [basis[p] for p in pivots]
    r = len(pivots)

    # Pivot coordinates of a_k - a_0, scaled column by column to integers.
    columns = []
    scales = []
    for p in pivots:
        ints, factor = scale_to_integers([row[p] - origin[p] for row in rows])
        columns.append(ints)
        scales.append(factor)
    coords = np.empty((n_terms, r), dtype=object)
    for j, column in enumerate(columns):
        coords[:, j] = column
    height_ints, height_scale = scale_to_integers(heights)
    shift = min(height_ints)
    heights_arr = np.array([h - shift for h in height_ints], dtype=object)

    # xi_true = scale_j * xi_j / height_scale in pivot coordinates, and the
    # point of R^n in the row space of the echelon basis E with E x = xi_true
    # is x = E^T (E E^T)^{-1} xi_true.
    scale = np.array([s / height_scale for s in scales], dtype=object)
    to_space = row_space_inverse(echelon, n_vars)
    basis_arr = np.array(echelon, dtype=object).reshape(r, n_vars)
    return Frame(coords, heights_arr, scale, to_space, basis_arr)


def row_space_inverse(echelon: list[list[Fraction]], n_vars: int) -> np.ndarray:
    r = len(echelon)
    if r == 0:
        return np.zeros((n_vars, 0), dtype=object)
    gram = [
        [
            sum(
                (a * b for a, b in zip(echelon[i], echelon[j], strict=True)),
                Fraction(0),
            )
            for j in range(r)
        ]
        for i in range(r)
    ]
    augmented = [gram[i] + [Fraction(int(i == j)) for j in range(r)] for i in range(r)]
    reduced, _ = rref(augmented)
    inverse = [row[r:] for row in reduced]
    result = np.empty((n_vars, r), dtype=object)
    for k in range(n_vars):
        for j in range(r):
            result[k, j] = sum(
                (echelon[i][k] * inverse[i][j] for i in range(r)), Fraction(0)
            )
    return result


def affine_frame_float(
    exponents: np.ndarray, coefficients: np.ndarray, arith: Arith
) -> Frame:
    """Float version of `affine_frame`.

    Like the exact frame it uses pivot coordinates, a subset of the original
    coordinates chosen by QR with column pivoting, so integer exponents keep
    exact coordinates and a full-dimensional set keeps its own coordinates.
    """
    exponents = np.asarray(exponents, dtype=np.float64)
    heights = np.asarray(coefficients, dtype=np.float64)
    n_terms, n_vars = exponents.shape
    differences = exponents - exponents[0]
    if n_terms <= 1 or n_vars == 0 or not np.any(differences):
        empty = np.zeros((0, n_vars))
        no_scale = np.zeros(0, dtype=int)
        return Frame(
            np.zeros((n_terms, 0)), heights, np.ones(0), empty.T, empty, no_scale
        )

    _, triangular, permutation = scipy.linalg.qr(
        differences, mode="economic", pivoting=True
    )
    diagonal = np.abs(np.diag(triangular))
    r = int(np.sum(diagonal > max(arith.rtol, 1e-14) * diagonal[0]))
    pivots = np.sort(permutation[:r])
    coords = differences[:, pivots]

    # Rows E with differences = coords @ E, and x = E^T (E E^T)^{-1} xi.
    basis = np.linalg.lstsq(coords, differences, rcond=None)[0]
    basis[:, pivots] = np.eye(r)
    to_space = basis.T @ np.linalg.inv(basis @ basis.T)

    # Scale each coordinate and the heights by powers of two, which is exact,
    # so that subnormal or huge data do not underflow or overflow in the
    # predicates.  The scale factors map walk points back as in the exact
    # frame.
    column_exponents = _binary_exponent(np.max(np.abs(coords), axis=0))
    height_exponent = _binary_exponent(np.max(np.abs(heights), initial=0.0))
    coords = np.ldexp(coords, -column_exponents)
    heights = np.ldexp(heights, -height_exponent)
    exponents = height_exponent - column_exponents
    with np.errstate(over="ignore"):
        scale = np.ldexp(1.0, exponents)
    return Frame(coords, heights, scale, to_space, basis, exponents)


def _binary_exponent(values: Any) -> Any:
    """Return ``e`` with ``2**(e-1) <= values < 2**e`` (0 for zeros)."""
    _, exponents = np.frexp(np.where(np.asarray(values) > 0, values, 1.0))
    return exponents


def matrix_rank(matrix: np.ndarray, arith: Arith) -> int:
    if arith.exact:
        return len(rref([[Fraction(v) for v in row] for row in matrix.tolist()])[1])
    singular = np.linalg.svd(matrix.astype(np.float64), compute_uv=False)
    return float_rank(singular, arith.rtol)
