"""Networks and tropical rational maps as integer programs for the region
kernel.

A *program* is a list of steps acting on a feature vector.  An
:class:`AffineStep` is ``z ↦ (M z + c) / d`` with an integer matrix,
integer vector and positive integer ``d``.  An :class:`ActivationStep`
is a list of units; each unit reads some features and writes one.  A
ReLU unit (``max(z, t)``) and a leaky ReLU unit (``max(z, α z)``) read
one feature, a max unit reads a group (maxout, max-pooling, the terms of a
tropical polynomial).

Every parameter is read exactly: a ``Fraction`` as itself and a float as
the binary fraction it stores (``Fraction(0.1)`` is
``3602879701896397/36028797018963968``).

Inside an activation region the features are an affine function of the
input ``x``, stored as an integer *map*: an object array of shape
``(width, n + 1)`` (the last column is the constant) and a positive
integer denominator ``D``, meaning ``features = map @ [x, 1] / D``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import TropicalTypeError, TropicalValueError, UnsupportedLayerError
from ..polynomial import TropicalPolynomial
from ..rational import TropicalMap, TropicalRational
from .layers import Identity, LeakyReLU, Linear, Maxout, MaxPool, ReLU
from .network import Network

__all__ = [
    "AffineStep",
    "ActivationStep",
    "Unit",
    "Program",
    "compile_program",
    "identity_map",
    "apply_affine",
    "apply_activation",
    "unit_hyperplane",
    "piece_difference",
]


@dataclass(frozen=True)
class AffineStep:
    """The map ``z ↦ (matrix @ z + bias) / denominator`` on integers."""

    matrix: np.ndarray
    bias: np.ndarray
    denominator: int


@dataclass(frozen=True)
class Unit:
    """One activation unit.

    `kind` is ``"relu"`` (parameter: the threshold), ``"leaky"``
    (parameter: the slope) or ``"max"`` (no parameter).
    """

    kind: str
    inputs: tuple[int, ...]
    parameter: Fraction = Fraction(0)


@dataclass(frozen=True)
class ActivationStep:
    """A layer of activation units, one output feature each."""

    units: tuple[Unit, ...]
    scale: int
    """The least common denominator of the unit parameters."""


Step = AffineStep | ActivationStep


@dataclass(frozen=True)
class Program:
    """A compiled network: its steps and the sizes of its ends."""

    steps: tuple[Step, ...]
    n_inputs: int
    n_outputs: int
    variables: tuple[str, ...]
    output_names: tuple[str, ...]
    exact: bool


def _fraction(value: Any) -> Fraction:
    if isinstance(value, Fraction):
        return value
    return Fraction(float(value))


def _integer_affine(weight: np.ndarray, bias: np.ndarray) -> AffineStep:
    entries = [_fraction(v) for v in weight.flat] + [_fraction(v) for v in bias]
    denominator = math.lcm(*(v.denominator for v in entries)) if entries else 1
    matrix = np.empty(weight.shape, dtype=object)
    for index, value in np.ndenumerate(weight):
        matrix[index] = int(_fraction(value) * denominator)
    offsets = np.empty(bias.shape, dtype=object)
    for index, value in np.ndenumerate(bias):
        offsets[index] = int(_fraction(value) * denominator)
    return AffineStep(matrix, offsets, denominator)


def _activation(units: list[Unit]) -> ActivationStep:
    scale = math.lcm(1, *(unit.parameter.denominator for unit in units))
    return ActivationStep(tuple(units), scale)


def _network_steps(network: Network) -> list[Step]:
    steps: list[Step] = []
    width = network.n_inputs
    for layer, out_width in zip(network.layers, network.widths[1:], strict=True):
        if isinstance(layer, Linear):
            steps.append(_integer_affine(layer.weight, layer.bias))
        elif isinstance(layer, Identity):
            pass
        elif isinstance(layer, ReLU):
            threshold = layer.threshold
            if isinstance(threshold, float) and math.isinf(threshold):
                pass
            else:
                t = _fraction(threshold)
                steps.append(_activation([Unit("relu", (i,), t) for i in range(width)]))
        elif isinstance(layer, LeakyReLU):
            alpha = _fraction(layer.alpha)
            steps.append(
                _activation([Unit("leaky", (i,), alpha) for i in range(width)])
            )
        elif isinstance(layer, (Maxout, MaxPool)):
            groups = layer.groups(width)
            steps.append(_activation([Unit("max", tuple(g)) for g in groups]))
        else:
            raise UnsupportedLayerError(
                f"layer {layer!r} has no linear regions here; supported layers: "
                "Linear, ReLU, LeakyReLU, Identity, Maxout, MaxPool"
            )
        width = out_width
    return steps


def _polynomial_terms(poly: TropicalPolynomial) -> tuple[np.ndarray, np.ndarray]:
    if poly.is_zero:
        raise TropicalValueError(
            "a component is the empty polynomial (tropical zero, -inf "
            "everywhere), which has no linear regions"
        )
    exponents, coefficients = poly.exponents, poly.coefficients
    if poly.convention == "min":
        # min_k (c_k + a_k x) = -max_k (-c_k - a_k x)
        exponents, coefficients = -exponents, -coefficients
    return exponents, coefficients


def _map_steps(tropical_map: TropicalMap) -> list[Step]:
    rows: list[np.ndarray] = []
    offsets: list[Any] = []
    units: list[Unit] = []
    output = []
    for component in tropical_map:
        top, bottom = component.numerator, component.denominator
        if component.convention == "min":
            # -max(-F) + max(-G): the roles of F and G swap.
            top, bottom = bottom, top
        signs = []
        for poly in (top, bottom):
            exponents, coefficients = _polynomial_terms(poly)
            start = len(rows)
            rows.extend(exponents)
            offsets.extend(coefficients)
            units.append(Unit("max", tuple(range(start, len(rows)))))
            signs.append(len(units) - 1)
        output.append(signs)
    n = tropical_map.n_vars
    first = _integer_affine(
        np.array(rows, dtype=object).reshape(-1, n), np.array(offsets, dtype=object)
    )
    last = np.zeros((len(output), len(units)), dtype=object)
    for i, (top_unit, bottom_unit) in enumerate(output):
        last[i, top_unit] += 1
        last[i, bottom_unit] -= 1
    final = AffineStep(last, np.zeros(len(output), dtype=object), 1)
    return [first, _activation(units), final]


def compile_program(model: Any) -> Program:
    """Compile a network, rational map, rational function or polynomial."""
    if isinstance(model, Network):
        return Program(
            tuple(_network_steps(model)),
            model.n_inputs,
            model.n_outputs,
            model.input_names,
            model.output_names,
            model.is_exact,
        )
    if isinstance(model, TropicalPolynomial):
        model = TropicalRational(model)
    if isinstance(model, TropicalRational):
        model = TropicalMap([model])
    if isinstance(model, TropicalMap):
        if model.n_vars == 0:
            raise TropicalValueError(
                "the tropical map has no variables, so it has no linear regions"
            )
        return Program(
            tuple(_map_steps(model)),
            model.n_vars,
            len(model),
            model.variables,
            model.names,
            all(c.is_exact for c in model),
        )
    raise TropicalTypeError(
        f"cannot compute linear regions of {type(model).__name__}; expected a "
        "Network, TropicalMap, TropicalRational or TropicalPolynomial"
    )


def identity_map(n: int) -> tuple[np.ndarray, int]:
    """Return the map of the input itself, ``x = [I | 0] @ [x, 1] / 1``."""
    matrix = np.zeros((n, n + 1), dtype=object)
    for i in range(n):
        matrix[i, i] = 1
    return matrix, 1


def _normalised(matrix: np.ndarray, denominator: int) -> tuple[np.ndarray, int]:
    divisor = math.gcd(denominator, *matrix.flat)
    if divisor > 1:
        matrix = matrix // divisor
        denominator //= divisor
    return matrix, denominator


def apply_affine(
    step: AffineStep, matrix: np.ndarray, denominator: int
) -> tuple[np.ndarray, int]:
    """Compose the affine step after the map ``matrix / denominator``."""
    result = step.matrix.dot(matrix)
    if result.dtype != object:
        result = result.astype(object)
    result[:, -1] += step.bias * denominator
    return _normalised(result, denominator * step.denominator)


def apply_activation(
    step: ActivationStep,
    choices: tuple[int, ...],
    matrix: np.ndarray,
    denominator: int,
) -> tuple[np.ndarray, int]:
    """Return the map after the activation step with the given pieces.

    ``choices[u]`` is 1 (active) or 0 for ReLU and leaky ReLU units, and
    the position of the winning input for max units.
    """
    scale = step.scale
    width = matrix.shape[1]
    rows = np.zeros((len(step.units), width), dtype=object)
    for index, (unit, choice) in enumerate(zip(step.units, choices, strict=True)):
        if unit.kind == "max":
            rows[index] = matrix[unit.inputs[choice]] * scale
        elif choice:
            rows[index] = matrix[unit.inputs[0]] * scale
        elif unit.kind == "relu":
            rows[index, -1] = int(unit.parameter * scale) * denominator
        else:
            rows[index] = matrix[unit.inputs[0]] * int(unit.parameter * scale)
    return _normalised(rows, denominator * scale)


def unit_hyperplane(
    unit: Unit, matrix: np.ndarray, denominator: int
) -> tuple[tuple[int, ...], int]:
    """Return ``(a, c0)`` with ``a·x + c0 > 0`` exactly where a ReLU or
    leaky ReLU unit is active (its input exceeds the threshold)."""
    row = matrix[unit.inputs[0]]
    threshold = unit.parameter if unit.kind == "relu" else Fraction(0)
    q = threshold.denominator
    a = tuple(int(v) * q for v in row[:-1])
    return a, int(row[-1]) * q - threshold.numerator * denominator


def piece_difference(
    matrix: np.ndarray, loser: int, winner: int
) -> tuple[tuple[int, ...], int]:
    """Return ``(a, c0)`` with ``a·x + c0 = z_loser - z_winner`` (scaled)."""
    row = matrix[loser] - matrix[winner]
    return tuple(int(v) for v in row[:-1]), int(row[-1])
