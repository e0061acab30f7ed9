"""Zonotopes of one-hidden-layer networks.

Take a network ``x ↦ v·σ(W x + b) + c`` with one hidden layer, written as
``F ⊘ G`` by :func:`~tropicalnn.nn.convert.to_tropical`.  Split a row of
``W`` as ``w = w₊ - w₋`` (entrywise non-negative parts).  A hidden ReLU
unit (threshold ``t``) is ``max(w₊·x + b, w₋·x + t) - w₋·x``, so its
numerator has the segment ``[w₋, w₊]`` as Newton polytope and its
denominator the point ``w₋``.  A leaky ReLU unit with slope ``α`` is
``max(H + αG, G + αH) - (1 + α)G`` with ``H = w₊·x + b`` and ``G = w₋·x``:
the segment from ``w₋ + αw₊`` to ``w₊ + αw₋``, of direction ``(1 - α)w``,
and the point ``(1 + α)w₋``.

The output ``v·σ + c`` multiplies (tropically) the numerators of the
units with ``v_j > 0`` and the denominators of those with ``v_j < 0``, each
raised to the power ``|v_j|``.  The Newton polytope of a product is the
Minkowski sum, so the numerator's Newton polytope is the zonotope

    shift_F + Σ_{v_j > 0} [0, 1]·v_j (1 - α_j) w_j,

and the denominator's is the zonotope with the generators
``|v_j| (1 - α_j) w_j`` of the units with ``v_j < 0``.  Reduction keeps
every vertex of the Newton polytope, so the reduced numerator's Newton
polytope is this zonotope as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import TropicalValueError
from ..polynomial import TropicalPolynomial
from .layers import Identity, LeakyReLU, Linear, ReLU
from .network import Network

__all__ = ["Zonotope", "newton_zonotopes", "polytope_vertices"]


def _as_fraction(value: Any) -> Fraction:
    return value if isinstance(value, Fraction) else Fraction(float(value))


def polytope_vertices(points: Any) -> np.ndarray:
    """Return the vertices of the convex hull of `points`, exactly.

    Parameters
    ----------
    points : array_like, shape (n_points, n)
        Exact or float coordinates (floats are read exactly).

    Returns
    -------
    numpy.ndarray
        Shape ``(n_vertices, n)``, ``Fraction`` entries, rows sorted.

    Examples
    --------
    >>> polytope_vertices([[0, 0], [1, 1], [2, 2], [0, 2]])
    array([[Fraction(0, 1), Fraction(0, 1)],
           [Fraction(0, 1), Fraction(2, 1)],
           [Fraction(2, 1), Fraction(2, 1)]], dtype=object)
    """
    array = np.asarray(points, dtype=object)
    if array.ndim != 2 or array.shape[0] == 0:
        raise TropicalValueError(
            f"points of shape {array.shape} given; expected (n_points, n) with "
            "at least one point"
        )
    exact = np.empty(array.shape, dtype=object)
    for index, value in np.ndenumerate(array):
        exact[index] = _as_fraction(value)
    # With equal coefficients the essential terms of a polynomial are the
    # vertices of its Newton polytope.
    n_points, n = int(array.shape[0]), int(array.shape[1])
    zeros = np.full(n_points, Fraction(0), dtype=object)
    vertices = TropicalPolynomial(exact, zeros).reduced().exponents
    return np.array(sorted(map(tuple, vertices)), dtype=object).reshape(-1, n)


@dataclass(frozen=True, eq=False)
class Zonotope:
    """The zonotope ``shift + Σ_k [0, 1]·generators[k]``.

    Attributes
    ----------
    generators : numpy.ndarray
        Shape ``(n_generators, n)``, ``Fraction`` entries; zero
        generators are dropped.
    shift : numpy.ndarray
        Shape ``(n,)``, the vertex at which every generator starts.
    """

    generators: np.ndarray
    shift: np.ndarray

    def vertices(self) -> np.ndarray:
        """Return the vertices, shape ``(n_vertices, n)``, rows sorted.

        The Minkowski sum is built one generator at a time, keeping only
        vertices, so the cost follows the number of vertices rather than
        ``2^n_generators``.
        """
        current = self.shift.reshape(1, -1)
        for generator in self.generators:
            current = polytope_vertices(np.concatenate([current, current + generator]))
        return polytope_vertices(current)

    def __repr__(self) -> str:
        return (
            f"Zonotope(n_generators={self.generators.shape[0]}, "
            f"n={self.shift.shape[0]})"
        )


def _one_hidden_layer(network: Network) -> tuple[Linear, Any, Linear]:
    layers = [layer for layer in network.layers if not isinstance(layer, Identity)]
    kinds = ", ".join(type(layer).__name__ for layer in network.layers)
    if (
        len(layers) != 3
        or not isinstance(layers[0], Linear)
        or not isinstance(layers[1], (ReLU, LeakyReLU))
        or not isinstance(layers[2], Linear)
    ):
        raise TropicalValueError(
            f"expected a network Linear, ReLU or LeakyReLU, Linear with one "
            f"hidden layer; got {kinds}"
        )
    if (
        isinstance(layers[1], ReLU)
        and isinstance(layers[1].threshold, float)
        and (layers[1].threshold == float("-inf"))
    ):
        raise TropicalValueError("the hidden layer is the identity (threshold -inf)")
    return layers[0], layers[1], layers[2]


def newton_zonotopes(network: Network, output: int = 0) -> tuple[Zonotope, Zonotope]:
    """Return the Newton zonotopes of the numerator and denominator.

    Parameters
    ----------
    network : Network
        ``Linear``, ``ReLU`` (any threshold) or ``LeakyReLU``, ``Linear``.
    output : int
        The output whose ``F ⊘ G`` is described.

    Returns
    -------
    (Zonotope, Zonotope)
        Newton polytopes of ``F`` and of ``G`` as in the module notes.

    Examples
    --------
    Units ``x``, ``y``, ``x + y - 1`` with output weights ``1, 2, 4``:

    >>> net = Network.from_arrays([[[1, 0], [0, 1], [1, 1]], [[1, 2, 4]]],
    ...                           [[0, 0, -1], [0]])
    >>> top, bottom = newton_zonotopes(net)
    >>> top.generators.astype(int).tolist()
    [[1, 0], [0, 2], [4, 4]]
    >>> len(top.vertices()), bottom.generators.shape
    (6, (0, 2))
    """
    hidden, activation, last = _one_hidden_layer(network)
    if not 0 <= output < last.n_out:
        raise TropicalValueError(
            f"output {output} is out of range; the network has {last.n_out} outputs"
        )
    n = hidden.n_in
    alpha = Fraction(0)
    if isinstance(activation, LeakyReLU):
        alpha = _as_fraction(activation.alpha)

    top_generators, bottom_generators = [], []
    top_shift = [Fraction(0)] * n
    bottom_shift = [Fraction(0)] * n
    for j in range(hidden.n_out):
        row = [_as_fraction(w) for w in hidden.weight[j]]
        positive = [max(w, Fraction(0)) for w in row]
        negative = [max(-w, Fraction(0)) for w in row]
        start = [m + alpha * p for m, p in zip(negative, positive, strict=True)]
        point = [(1 + alpha) * m for m in negative]
        direction = [(1 - alpha) * w for w in row]
        weight = _as_fraction(last.weight[output, j])
        if weight == 0:
            continue
        size = abs(weight)
        if weight > 0:
            top_shift = [s + size * v for s, v in zip(top_shift, start, strict=True)]
            bottom_shift = [
                s + size * v for s, v in zip(bottom_shift, point, strict=True)
            ]
            top_generators.append([size * d for d in direction])
        else:
            top_shift = [s + size * v for s, v in zip(top_shift, point, strict=True)]
            bottom_shift = [
                s + size * v for s, v in zip(bottom_shift, start, strict=True)
            ]
            bottom_generators.append([size * d for d in direction])

    def zonotope(generators: list[list[Fraction]], shift: list[Fraction]) -> Zonotope:
        nonzero = [g for g in generators if any(g)]
        array = np.empty((len(nonzero), n), dtype=object)
        for k, g in enumerate(nonzero):
            array[k] = g
        shift_array = np.empty(n, dtype=object)
        shift_array[:] = shift
        return Zonotope(array, shift_array)

    return zonotope(top_generators, top_shift), zonotope(
        bottom_generators, bottom_shift
    )
