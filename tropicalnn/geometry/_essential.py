"""Essential terms of a tropical polynomial: the fast path of reduction.

A term ``c_k + <a_k, x>`` is essential when it is strictly maximal on a
non-empty open set, which is the case exactly when its lifted point
``(a_k, c_k)`` is a vertex of the upper hull of all lifted points.  This
module finds those vertices without building the whole subdivision.

Steps
-----
Exact input goes to the kernel :func:`._hull.essential_terms`, which
decides it exactly.  That kernel is slow on large float input and in
dimension 3 and more: it took seconds for 30 terms in four variables, and
its memory grew fast beyond 10,000 terms.  Float input whose exponents
span an affine space of dimension 2 or more therefore takes these steps:

1. The exponents are written in an orthonormal basis of their affine hull
   (from the SVD), so exponent sets of lower dimension are ordinary input.
   Singular values below `FLOAT_RTOL` times the largest count as zero.
2. The heights minus their least-squares affine fit are scaled to unit
   size, and qhull computes the hull of these lifted points.  Removing the
   affine part keeps the variation that decides the upper hull visible to
   qhull when coefficients span many orders of magnitude.  When the
   residual is below `FLAT_RTOL` times the size of the heights, the
   heights are affine in the exponents and every vertex
   of the Newton polytope is essential.
3. In dimension 2 the kernel then decides among qhull's vertices only.  It
   uses a tolerance relative to each comparison, which matched exact
   arithmetic on the same floats on wide-magnitude tests where qhull keeps
   a few near-degenerate extra terms.

NOTE: in dimension 3 and more, qhull may keep a term whose lifted point
lies within rounding error of the hull surface.  The function stays the
same, but the result can have a few more terms than exact arithmetic on
the same floats gives.
"""

from __future__ import annotations

import numpy as np
from scipy.spatial import ConvexHull, QhullError

__all__ = ["essential_terms", "FLOAT_RTOL", "FLAT_RTOL"]

FLOAT_RTOL = 1e-12
"""Relative tolerance of the affine rank of the exponents and of the upper
facets' normals, which qhull computes on data scaled to unit size."""

FLAT_RTOL = 64 * float(np.finfo(np.float64).eps)
"""Relative tolerance below which the heights count as affine in the
exponents: 64 units in the last place of the heights' size, because an
affine part of size 1e13 leaves a residual that matters at 1e-13."""


def essential_terms(
    exponents: np.ndarray,
    coefficients: np.ndarray,
    *,
    exact: bool,
) -> np.ndarray:
    """Return the sorted indices of the essential terms.

    Parameters
    ----------
    exponents : numpy.ndarray, shape (n_terms, n_vars)
        Distinct rows; ``Fraction`` entries (dtype object) when `exact`,
        else ``float64``.
    coefficients : numpy.ndarray, shape (n_terms,)
        Finite coefficients, max-plus convention.
    exact : bool
        Whether the entries are exact.

    Examples
    --------
    >>> a = np.array([[0.0], [1.0], [2.0]])
    >>> essential_terms(a, np.array([0.0, 0.0, 0.0]), exact=False)
    array([0, 2])
    """
    from ._hull import essential_terms as hull_kernel

    n_terms = coefficients.shape[0]
    if n_terms <= 1:
        return np.arange(n_terms, dtype=np.int64)
    if exact:
        return hull_kernel(exponents, coefficients, exact=True)
    exponents, coefficients = _recentred(
        np.asarray(exponents, dtype=np.float64),
        np.asarray(coefficients, dtype=np.float64),
    )
    coords = _float_affine_coordinates(exponents)
    if coords.shape[1] <= 1:
        return hull_kernel(exponents, coefficients, exact=False)
    if n_terms <= coords.shape[1] + 1:
        # Affinely independent exponents: every vertex of the simplex is
        # essential, whatever the coefficients.
        return np.arange(n_terms, dtype=np.int64)
    candidates = _qhull_vertices(coords, coefficients)
    if coords.shape[1] == 2:
        # qhull's vertices contain every vertex, so the kernel decides on
        # the candidates alone, which is fast.
        kept = hull_kernel(exponents[candidates], coefficients[candidates],
                           exact=False)
        candidates = candidates[kept]
    # A vertex of the Newton polytope is essential whatever the
    # coefficients, so no tolerance may drop one.
    return np.union1d(candidates, _polytope_vertices(coords)).astype(np.int64)


def _recentred(
    exponents: np.ndarray, coefficients: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Move the exponents' mean to 0 and subtract the coefficients' affine
    least-squares fit in the exponents.

    Both maps move the lifted points by an affine map that keeps the
    vertical direction, so the essential terms stay the same, and the
    tolerances then see the numbers that decide the hull rather than a
    large common shift.
    """
    centred = exponents - exponents.mean(axis=0)
    design = np.hstack([centred, np.ones((centred.shape[0], 1))])
    fit, *_ = np.linalg.lstsq(design, coefficients, rcond=None)
    return centred, coefficients - design @ fit


# -- affine coordinates -----------------------------------------------------


def _float_affine_coordinates(exponents: np.ndarray) -> np.ndarray:
    centred = exponents - exponents.mean(axis=0)
    scale = float(np.abs(centred).max(initial=0.0))
    if scale == 0.0:
        return np.zeros((exponents.shape[0], 0))
    _, singular, basis = np.linalg.svd(centred / scale, full_matrices=False)
    rank = int(
        np.sum(singular > FLOAT_RTOL * max(1.0, singular[0]) * max(exponents.shape))
    )
    rank = min(rank, exponents.shape[0] - 1)
    return centred @ basis[:rank].T


# -- float proposal ---------------------------------------------------------


def _normalisation(coords: np.ndarray, heights: np.ndarray):
    """Centre and scale the lifted points, or return None when the heights
    are affine in the exponents (within `FLAT_RTOL`).

    Subtracting the least-squares affine fit of the heights and scaling the
    residual to unit size keeps its variation visible to qhull when the
    coefficients span many orders of magnitude.
    """
    mean = coords.mean(axis=0)
    centred = coords - mean
    scale = float(np.abs(centred).max(initial=0.0)) or 1.0
    centred = centred / scale
    design = np.hstack([centred, np.ones((centred.shape[0], 1))])
    fit, *_ = np.linalg.lstsq(design, heights, rcond=None)
    residual = heights - design @ fit
    size = float(np.abs(residual).max(initial=0.0))
    reference = float(np.abs(heights).max(initial=0.0)) + float(np.abs(fit).sum())
    if size <= FLAT_RTOL * max(reference, np.finfo(np.float64).tiny):
        return None
    return np.hstack([centred, (residual / size)[:, None]])


def _qhull_vertices(coords: np.ndarray, heights: np.ndarray) -> np.ndarray:
    rank = coords.shape[1]
    normalisation = _normalisation(coords, heights)
    if normalisation is None:
        # The heights are affine in the exponents: every vertex of the
        # Newton polytope is essential.
        return _polytope_vertices(coords)
    hull = _robust_hull(normalisation)
    upper = hull.simplices[hull.equations[:, rank] > FLOAT_RTOL]
    return np.intersect1d(np.unique(upper), hull.vertices).astype(np.int64)


def _robust_hull(points: np.ndarray) -> ConvexHull:
    """Run qhull, allowing wide merges and then joggling the input when
    nearly degenerate input makes it stop with a precision error."""
    # NOTE: joggled input ("QJ") perturbs every point by about 1e-11 of the
    # data's size, so a vertex that far from the hull surface can be lost.
    for options in (None, "Qt Q12", "QJ"):
        try:
            return ConvexHull(points, qhull_options=options)
        except QhullError:
            continue
    return ConvexHull(points, qhull_options="QJ Pp")


def _polytope_vertices(points: np.ndarray) -> np.ndarray:
    if points.shape[1] == 1:
        column = points[:, 0]
        return np.unique([int(np.argmin(column)), int(np.argmax(column))])
    hull = _robust_hull(points)
    return np.sort(hull.vertices).astype(np.int64)
