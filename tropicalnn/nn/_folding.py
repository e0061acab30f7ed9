"""Assembly of loaded layers, with diagonal affine maps folded away.

Loaders translate foreign layers into a list of :class:`Layer` objects and
:class:`Scaling` placeholders.  A scaling ``x ↦ scale * x + shift`` comes
from batch normalisation in evaluation mode or from an ONNX ``Add``,
``Sub`` or ``Mul`` with a constant.  :func:`assemble_layers` folds each
scaling into the linear layer right before it, or else into the one right
after it, and only keeps it as a layer of its own when no linear layer
touches it.  Every parameter is float64.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .layers import Layer, Linear

__all__ = ["Scaling", "batch_norm_scaling", "assemble_layers"]


@dataclass(frozen=True, eq=False)
class Scaling:
    """The map ``x ↦ scale * x + shift``, entrywise on ``width`` features."""

    scale: np.ndarray
    shift: np.ndarray

    @property
    def width(self) -> int:
        """Number of features."""
        return int(self.scale.shape[0])


def batch_norm_scaling(
    gamma: np.ndarray,
    beta: np.ndarray,
    mean: np.ndarray,
    variance: np.ndarray,
    eps: float,
) -> Scaling:
    """Return batch normalisation in evaluation mode as a scaling.

    ``gamma * (x - mean) / sqrt(variance + eps) + beta`` is
    ``scale * x + shift`` with ``scale = gamma / sqrt(variance + eps)``
    and ``shift = beta - scale * mean``.
    """
    scale = np.asarray(gamma, dtype=np.float64) / np.sqrt(
        np.asarray(variance, dtype=np.float64) + float(eps)
    )
    shift = np.asarray(beta, dtype=np.float64) - scale * np.asarray(
        mean, dtype=np.float64
    )
    return Scaling(scale, shift)


def _fold_after(linear: Linear, scaling: Scaling) -> Linear:
    weight = np.asarray(linear.weight, dtype=np.float64)
    bias = np.asarray(linear.bias, dtype=np.float64)
    return Linear(scaling.scale[:, None] * weight, scaling.scale * bias + scaling.shift)


def _fold_before(scaling: Scaling, linear: Linear) -> Linear:
    weight = np.asarray(linear.weight, dtype=np.float64)
    bias = np.asarray(linear.bias, dtype=np.float64)
    return Linear(weight * scaling.scale[None, :], weight @ scaling.shift + bias)


def assemble_layers(items: list[Layer | Scaling]) -> list[Layer]:
    """Fold every :class:`Scaling` into a neighbouring linear layer.

    Examples
    --------
    >>> items = [Linear([[1.0, 2.0]], [0.5]), Scaling(np.array([2.0]), np.array([1.0]))]
    >>> layer, = assemble_layers(items)
    >>> layer.weight.tolist(), layer.bias.tolist()
    ([[2.0, 4.0]], [2.0])
    """
    result: list[Layer] = []
    pending: Scaling | None = None
    for item in items:
        if isinstance(item, Scaling):
            if result and isinstance(result[-1], Linear) and pending is None:
                result[-1] = _fold_after(result[-1], item)
            elif pending is None:
                pending = item
            else:
                pending = Scaling(
                    item.scale * pending.scale, item.scale * pending.shift + item.shift
                )
            continue
        if pending is not None:
            if isinstance(item, Linear):
                item = _fold_before(pending, item)
            else:
                result.append(Linear(np.diag(pending.scale), pending.shift))
            pending = None
        result.append(item)
    if pending is not None:
        result.append(Linear(np.diag(pending.scale), pending.shift))
    return result
