"""Upper bounds on the number of regions, and a sampling estimate.

Bounds
------
A hyperplane arrangement of ``m`` hyperplanes in ``R^d`` has at most
``Σ_{i=0}^{d} C(m, i)`` regions (Zaslavsky's count, attained by
hyperplanes in general position).  For one hidden layer of ``n`` ReLU
units on ``d`` inputs the activation regions are the regions of the
arrangement of the ``n`` unit hyperplanes, so there are at most
``Σ_{i≤d} C(n, i)`` of them: :func:`one_layer_bound`.

For a deep network, :func:`product_bound` applies the same count layer by
layer.  Write ``n_0`` for the number of inputs and ``n_k`` for the number
of features after layer ``k``.  Inside an activation region of the first
``l - 1`` layers, the inputs of layer ``l`` are an affine function of
``x`` whose image has dimension at most ``d_l = min(n_0, ..., n_{l-1})``.
So the ``m_l`` hyperplanes of layer ``l`` cut that region into at most
``Σ_{i≤d_l} C(m_l, i)`` pieces:

    regions  <=  Π_l  Σ_{i=0}^{d_l} C(m_l, i).

A ReLU or leaky ReLU unit contributes one hyperplane (``m_l`` is the
layer's width) and a max unit with ``k`` pieces contributes the
``C(k, 2)`` hyperplanes where two pieces tie, which overcounts its ``k``
pieces but stays an upper bound.  Every linear region is a union of
activation regions, so both bounds hold for linear regions too.

Sampling
--------
:func:`sample_regions` evaluates the activation pattern at the points of a
grid or at random points of a box in float64 and counts the distinct
patterns and affine maps.  It is an estimate from below of the number of
activation regions that meet the box: thin regions are missed, and a
point within rounding error of a boundary may get the pattern of its
neighbour.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import TropicalValueError
from ._program import ActivationStep, AffineStep, Program, compile_program
from .regions import parse_box

__all__ = [
    "RegionBounds",
    "one_layer_bound",
    "product_bound",
    "region_bounds",
    "SampleEstimate",
    "sample_regions",
]


def one_layer_bound(n_units: int, n_inputs: int) -> int:
    """Return ``Σ_{i=0}^{d} C(n, i)``, the maximum number of regions of
    ``n`` hyperplanes (ReLU units) in ``R^d`` (``d`` inputs).

    Examples
    --------
    >>> one_layer_bound(3, 2)
    7
    >>> one_layer_bound(2, 5)
    4
    """
    if n_units < 0 or n_inputs < 0:
        raise TropicalValueError(
            f"invalid counts: {n_units} units and {n_inputs} inputs; both must "
            "be at least 0"
        )
    return sum(math.comb(n_units, i) for i in range(min(n_units, n_inputs) + 1))


def _layer_hyperplanes(program: Program) -> list[tuple[int, int]]:
    """``(m_l, d_l)`` per activation layer, as in the module notes."""
    result = []
    dimension = program.n_inputs
    for step in program.steps:
        if isinstance(step, AffineStep):
            dimension = min(dimension, int(step.matrix.shape[0]))
            continue
        assert isinstance(step, ActivationStep)
        hyperplanes = sum(
            math.comb(len(unit.inputs), 2) if unit.kind == "max" else 1
            for unit in step.units
        )
        result.append((hyperplanes, dimension))
        dimension = min(dimension, len(step.units))
    return result


def product_bound(model: Any) -> int:
    """Return the layer-by-layer bound ``Π_l Σ_{i≤d_l} C(m_l, i)``.

    Examples
    --------
    >>> from tropicalnn import Network
    >>> net = Network.from_arrays([np.ones((16, 2)), np.ones((16, 16)),
    ...                            np.ones((1, 16))])
    >>> product_bound(net) == one_layer_bound(16, 2) ** 2
    True
    """
    program = model if isinstance(model, Program) else compile_program(model)
    bound = 1
    for hyperplanes, dimension in _layer_hyperplanes(program):
        bound *= one_layer_bound(hyperplanes, dimension)
    return bound


@dataclass(frozen=True)
class RegionBounds:
    """Upper bounds on the number of activation (and so linear) regions.

    Attributes
    ----------
    product : int
        :func:`product_bound`.
    one_layer : int or None
        :func:`one_layer_bound` for a network with one activation layer of
        ReLU or leaky ReLU units, else ``None``.
    """

    product: int
    one_layer: int | None

    def as_dict(self) -> dict[str, int | None]:
        """Return the bounds by name, as in the JSON of ``tropicalnn
        regions``."""
        return {"product": self.product, "one_layer": self.one_layer}


def region_bounds(model: Any) -> RegionBounds:
    """Return the bounds of the module notes for a network or tropical map.

    Examples
    --------
    >>> from tropicalnn import Network
    >>> net = Network.from_arrays([[[1, 0], [0, 1], [1, 1]], [[1, 2, 4]]],
    ...                           [[0, 0, -1], [0]])
    >>> region_bounds(net)
    RegionBounds(product=7, one_layer=7)
    """
    program = model if isinstance(model, Program) else compile_program(model)
    activations = [s for s in program.steps if isinstance(s, ActivationStep)]
    one_layer = None
    if len(activations) == 1 and all(u.kind != "max" for u in activations[0].units):
        one_layer = one_layer_bound(len(activations[0].units), program.n_inputs)
    return RegionBounds(product_bound(program), one_layer)


@dataclass(frozen=True)
class SampleEstimate:
    """Counts of patterns and maps seen at sample points, estimates from
    below.

    Attributes
    ----------
    n_points : int
        Number of sample points.
    n_patterns : int
        Distinct activation patterns seen, at most the number of
        activation regions meeting the box.
    n_maps : int
        Distinct affine maps seen (output weight and bias, rounded to
        ``1e-9`` times their largest entry).  Not a bound on the linear
        regions: two linear regions can share a map.
    """

    n_points: int
    n_patterns: int
    n_maps: int


def _sample_points(
    low: np.ndarray, high: np.ndarray, n_points: int, grid: bool, seed: int
) -> np.ndarray:
    n = low.shape[0]
    if not grid:
        return np.random.default_rng(seed).uniform(low, high, size=(n_points, n))
    per_axis = max(2, round(n_points ** (1 / n)))
    axes = [np.linspace(lo, hi, per_axis) for lo, hi in zip(low, high, strict=True)]
    return np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, n)


def _patterns_and_maps(
    program: Program, points: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Float forward pass that records the pattern and the Jacobian."""
    n_points, n = points.shape
    values = points.copy()
    # Derivative of the features with respect to x, (points, width, n).
    jacobian = np.broadcast_to(np.eye(n), (n_points, n, n)).copy()
    pattern_columns = []
    for step in program.steps:
        if isinstance(step, AffineStep):
            matrix = step.matrix.astype(np.float64) / step.denominator
            bias = step.bias.astype(np.float64) / step.denominator
            values = values @ matrix.T + bias
            jacobian = np.einsum("ij,pjk->pik", matrix, jacobian)
            continue
        outputs, derivatives = [], []
        for unit in step.units:
            inputs = list(unit.inputs)
            if unit.kind == "max":
                choice = np.argmax(values[:, inputs], axis=1)
                chosen = np.array(inputs)[choice]
                outputs.append(values[np.arange(n_points), chosen])
                derivatives.append(jacobian[np.arange(n_points), chosen])
            else:
                threshold = float(unit.parameter) if unit.kind == "relu" else 0.0
                z = values[:, inputs[0]]
                choice = (z > threshold).astype(np.int64)
                if unit.kind == "relu":
                    outputs.append(np.where(choice == 1, z, threshold))
                    factor = choice.astype(np.float64)
                else:
                    alpha = float(unit.parameter)
                    outputs.append(np.where(choice == 1, z, alpha * z))
                    factor = np.where(choice == 1, 1.0, alpha)
                derivatives.append(jacobian[:, inputs[0]] * factor[:, None])
            pattern_columns.append(choice)
        values = np.stack(outputs, axis=1)
        jacobian = np.stack(derivatives, axis=1)
    patterns = (
        np.stack(pattern_columns, axis=1)
        if pattern_columns
        else np.zeros((n_points, 0), dtype=np.int64)
    )
    offsets = values - np.einsum("pik,pk->pi", jacobian, points)
    maps = np.concatenate([jacobian.reshape(n_points, -1), offsets], axis=1)
    return patterns, maps


def sample_regions(
    model: Any,
    box: Any,
    n_points: int = 10_000,
    *,
    grid: bool = False,
    seed: int = 0,
) -> SampleEstimate:
    """Estimate the region count from activation patterns at sample points.

    Parameters
    ----------
    model : Network or tropical map
        As for :func:`~tropicalnn.nn.regions.linear_regions`.
    box : pair (low, high)
        The box to sample; required.
    n_points : int
        Number of random points, or the approximate grid size (the grid
        has ``round(n_points ** (1/n))`` points per axis).
    grid : bool
        Sample a regular grid (corners included) instead of uniform random
        points.
    seed : int
        Seed of the random points.

    Examples
    --------
    Case 14 of the one-hidden-layer bound: 7 regions, all of them large.

    >>> from tropicalnn import Network
    >>> net = Network.from_arrays([[[1, 0], [0, 1], [1, 1]], [[1, 2, 4]]],
    ...                           [[0, 0, -1], [0]])
    >>> sample_regions(net, box=(-3, 3), n_points=2000)
    SampleEstimate(n_points=2000, n_patterns=7, n_maps=7)
    """
    program = model if isinstance(model, Program) else compile_program(model)
    bounds = parse_box(box, program.n_inputs)
    if bounds is None:
        raise TropicalValueError("sampling needs a box (low, high)")
    if n_points < 1:
        raise TropicalValueError(f"n_points {n_points} must be at least 1")
    low = np.array([float(v) for v in bounds[0]])
    high = np.array([float(v) for v in bounds[1]])
    points = _sample_points(low, high, n_points, grid, seed)
    patterns, maps = _patterns_and_maps(program, points)
    # A set of row bytes is much faster than numpy's unique over rows.
    compact = patterns.astype(
        np.int16 if patterns.size and patterns.max() > 127 else np.int8
    )
    distinct_patterns = len(set(map(bytes, compact)))
    scale = max(float(np.abs(maps).max(initial=0.0)), np.finfo(np.float64).tiny)
    rounded = np.round(maps / (scale * 1e-9)).astype(np.int64)
    distinct_maps = len(set(map(bytes, rounded)))
    return SampleEstimate(points.shape[0], distinct_patterns, distinct_maps)
