"""Layers of a piecewise-linear network: affine maps and activations.

Every layer maps a feature vector of some width to another.  Affine layers
carry parameters; activations are piecewise-linear and convex in their input
pieces, which is what makes the tropical conversion possible.

Parameters are stored exactly (``Fraction`` entries in arrays of dtype
``object``) when they come in as integers, ``Fraction`` or sympy rationals,
and as ``float64`` otherwise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from ..errors import (
    NotAnElementError,
    ShapeMismatchError,
    TropicalTypeError,
    TropicalValueError,
    UnsupportedLayerError,
)
from ..semiring import Scalar, to_scalar

__all__ = [
    "Layer",
    "Linear",
    "ReLU",
    "LeakyReLU",
    "Identity",
    "Maxout",
    "MaxPool",
    "parse_activation",
    "ACTIVATION_NAMES",
]

ACTIVATION_NAMES = ("relu", "relu:T", "leaky_relu:ALPHA", "identity", "linear",
                    "maxout:K", "maxpool:K[:S]")


def parameter_array(values: ArrayLike, what: str, ndim: int) -> np.ndarray:
    """Return `values` as an exact (object) or float64 array of rank `ndim`.

    Integer and rational entries give an exact array; any float entry gives
    a float64 array.  ``NaN`` and infinities are rejected.
    """
    try:
        array = np.asarray(values)
    except ValueError as err:
        raise ShapeMismatchError(
            f"{what} is not a rectangular array: {err}"
        ) from err
    if array.ndim != ndim:
        raise ShapeMismatchError(
            f"{what} has shape {array.shape}; expected a {ndim}-D array"
        )
    if array.dtype.kind == "b" or array.dtype.kind in "USV":
        raise TropicalTypeError(
            f"{what} has dtype {array.dtype}; expected real numbers"
        )
    if array.dtype.kind in "iu":
        exact = np.empty(array.shape, dtype=object)
        for index, value in np.ndenumerate(array):
            exact[index] = Fraction(int(value))
        return exact
    if array.dtype.kind == "f":
        result = np.asarray(array, dtype=np.float64)
        _check_finite(result, what)
        return result
    if array.dtype.kind == "c":
        raise TropicalTypeError(f"{what} is complex; expected real numbers")
    converted = np.empty(array.shape, dtype=object)
    for index, value in np.ndenumerate(array):
        try:
            number = to_scalar(value, "max", what=f"{what} entry")
        except NotAnElementError as err:
            raise TropicalValueError(
                f"{what} entry at {index} is {value!r}; expected a finite number"
            ) from err
        if isinstance(number, float) and math.isinf(number):
            raise TropicalValueError(
                f"{what} entry at {index} is {value!r}; expected a finite number"
            )
        converted[index] = number
    if all(isinstance(v, Fraction) for v in converted.flat):
        return converted
    return converted.astype(np.float64)


def _check_finite(array: np.ndarray, what: str) -> None:
    bad = ~np.isfinite(array)
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        raise TropicalValueError(
            f"{what} entry at {index} is {array[index]}; expected a finite number"
        )


def is_exact_array(array: np.ndarray) -> bool:
    """Return whether `array` stores exact ``Fraction`` entries."""
    return array.dtype == object


class Layer:
    """Base class of network layers."""

    def output_width(self, width: int) -> int:
        """Return the width of the output for an input of `width` features."""
        return width

    @property
    def is_exact(self) -> bool:
        """Whether every parameter is exact."""
        return True


@dataclass(frozen=True, eq=False)
class Linear(Layer):
    """The affine map ``x ↦ W x + b``.

    Parameters
    ----------
    weight : array_like, shape (n_out, n_in)
        Rows are output units, as in ``torch.nn.Linear.weight``.
    bias : array_like, shape (n_out,), optional
        Zero when omitted.

    Examples
    --------
    >>> layer = Linear([[1, 2], [0, -1], [3, 1]], [0, 1, -1])
    >>> layer.n_in, layer.n_out, layer.is_exact
    (2, 3, True)
    """

    weight: np.ndarray
    bias: np.ndarray = field(default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        weight = parameter_array(self.weight, "weight", 2)
        if self.bias is None:
            bias = np.empty(weight.shape[0], dtype=weight.dtype)
            bias[:] = Fraction(0) if weight.dtype == object else 0.0
        else:
            bias = parameter_array(self.bias, "bias", 1)
        if bias.shape[0] != weight.shape[0]:
            raise ShapeMismatchError(
                f"bias of length {bias.shape[0]} given for a weight of shape "
                f"{weight.shape}; expected length {weight.shape[0]}"
            )
        if is_exact_array(weight) != is_exact_array(bias):
            weight = weight.astype(np.float64)
            bias = bias.astype(np.float64)
        weight.flags.writeable = False
        bias.flags.writeable = False
        object.__setattr__(self, "weight", weight)
        object.__setattr__(self, "bias", bias)

    @property
    def n_in(self) -> int:
        """Number of input features."""
        return int(self.weight.shape[1])

    @property
    def n_out(self) -> int:
        """Number of output units."""
        return int(self.weight.shape[0])

    @property
    def is_exact(self) -> bool:
        return is_exact_array(self.weight)

    def output_width(self, width: int) -> int:
        if width != self.n_in:
            raise ShapeMismatchError(
                f"linear layer with weight of shape {self.weight.shape} "
                f"receives {width} features; expected {self.n_in}"
            )
        return self.n_out

    def __repr__(self) -> str:
        kind = "exact" if self.is_exact else "float"
        return f"Linear(n_in={self.n_in}, n_out={self.n_out}, {kind})"


@dataclass(frozen=True)
class ReLU(Layer):
    """The rectifier ``max(x, t)`` with threshold ``t`` (``0`` by default).

    ``t = -inf`` makes the layer the identity.
    """

    threshold: Scalar = Fraction(0)

    def __post_init__(self) -> None:
        value = to_scalar(self.threshold, "max", what="ReLU threshold")
        object.__setattr__(self, "threshold", value)

    @property
    def is_exact(self) -> bool:
        return isinstance(self.threshold, Fraction)

    def __repr__(self) -> str:
        if self.threshold == 0:
            return "ReLU()"
        return f"ReLU(threshold={self.threshold})"


@dataclass(frozen=True)
class LeakyReLU(Layer):
    """The leaky rectifier ``max(x, alpha·x)`` with ``0 <= alpha <= 1``."""

    alpha: Scalar = Fraction(1, 100)

    def __post_init__(self) -> None:
        value = to_scalar(self.alpha, "max", what="leaky ReLU slope")
        if not 0 <= value <= 1:
            raise TropicalValueError(
                f"leaky ReLU slope {self.alpha!r} is outside [0, 1]; a slope "
                "above 1 makes max(x, alpha*x) a minimum, which is not convex"
            )
        object.__setattr__(self, "alpha", value)

    @property
    def is_exact(self) -> bool:
        return isinstance(self.alpha, Fraction)

    def __repr__(self) -> str:
        return f"LeakyReLU(alpha={self.alpha})"


@dataclass(frozen=True)
class Identity(Layer):
    """The identity activation, used on the last layer."""

    def __repr__(self) -> str:
        return "Identity()"


def _group_count(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TropicalTypeError(f"{what} {value!r} is not an integer")
    if value < 1:
        raise TropicalValueError(f"{what} {value!r} must be at least 1")
    return int(value)


@dataclass(frozen=True)
class Maxout(Layer):
    """Maxout over consecutive groups of `n_pieces` units.

    Unit ``j`` of the output is the maximum of inputs
    ``j*n_pieces, ..., (j+1)*n_pieces - 1``.
    """

    n_pieces: int = 2

    def __post_init__(self) -> None:
        _group_count(self.n_pieces, "maxout piece count")

    def groups(self, width: int) -> list[list[int]]:
        """Return the input indices of every output unit."""
        if width % self.n_pieces:
            raise ShapeMismatchError(
                f"maxout with {self.n_pieces} pieces receives {width} features; "
                f"expected a multiple of {self.n_pieces}"
            )
        return [list(range(j, j + self.n_pieces))
                for j in range(0, width, self.n_pieces)]

    def output_width(self, width: int) -> int:
        return len(self.groups(width))


@dataclass(frozen=True)
class MaxPool(Layer):
    """One-dimensional max-pooling over features.

    Windows of `kernel_size` consecutive features, `stride` apart (the
    kernel size by default); a window that would pass the end is dropped,
    as in ``torch.nn.MaxPool1d``.
    """

    kernel_size: int = 2
    stride: int | None = None

    def __post_init__(self) -> None:
        _group_count(self.kernel_size, "max-pooling kernel size")
        if self.stride is not None:
            _group_count(self.stride, "max-pooling stride")

    def groups(self, width: int) -> list[list[int]]:
        """Return the input indices of every output unit."""
        stride = self.stride or self.kernel_size
        if width < self.kernel_size:
            raise ShapeMismatchError(
                f"max-pooling with kernel size {self.kernel_size} receives "
                f"{width} features; expected at least {self.kernel_size}"
            )
        return [list(range(s, s + self.kernel_size))
                for s in range(0, width - self.kernel_size + 1, stride)]

    def output_width(self, width: int) -> int:
        return len(self.groups(width))


def parse_activation(spec: Any) -> Layer:
    """Return the activation layer named by `spec`.

    Accepted spellings: ``relu``, ``relu:T`` (threshold ``T``),
    ``leaky_relu:ALPHA``, ``identity`` (or ``linear`` or ``none``),
    ``maxout:K`` and ``maxpool:K`` or ``maxpool:K:S``.  Numbers may be
    written as decimals or as ``p/q``; decimals are read exactly, so
    ``leaky_relu:0.01`` has slope ``1/100``.  A layer object is returned
    unchanged.

    Examples
    --------
    >>> parse_activation("leaky_relu:0.01")
    LeakyReLU(alpha=1/100)
    >>> parse_activation("tanh")
    Traceback (most recent call last):
    ...
    tropicalnn.errors.UnsupportedLayerError: unknown activation 'tanh'; expected one of relu, relu:T, leaky_relu:ALPHA, identity, linear, maxout:K, maxpool:K[:S]
    """
    if isinstance(spec, Layer) and not isinstance(spec, Linear):
        return spec
    if spec is None:
        return Identity()
    if not isinstance(spec, str):
        raise TropicalTypeError(
            f"activation {spec!r} is not a string or an activation layer"
        )
    name, _, argument = spec.strip().lower().partition(":")
    try:
        if name == "relu":
            return ReLU(_read_number(argument)) if argument else ReLU()
        if name in ("leaky_relu", "leakyrelu") and argument:
            return LeakyReLU(_read_number(argument))
        if name in ("identity", "linear", "none") and not argument:
            return Identity()
        if name == "maxout" and argument:
            return Maxout(int(argument))
        if name == "maxpool" and argument:
            kernel, _, stride = argument.partition(":")
            return MaxPool(int(kernel), int(stride) if stride else None)
    except ValueError as err:
        raise TropicalValueError(
            f"invalid activation {spec!r}: {err}"
        ) from err
    raise UnsupportedLayerError(
        f"unknown activation {spec!r}; expected one of "
        + ", ".join(ACTIVATION_NAMES)
    )


def _read_number(text: str) -> Fraction:
    try:
        return Fraction(text.strip())
    except (ValueError, ZeroDivisionError) as err:
        raise TropicalValueError(
            f"invalid number {text!r} in an activation; expected a decimal "
            "such as 0.01 or a fraction such as 1/100"
        ) from err
