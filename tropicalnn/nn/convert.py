"""Conversion of a network into a tropical rational map ``F ⊘ G``.

The network's value at every layer is kept as a pair of vectors of max-plus
polynomials ``(F, G)`` with value ``F - G``, starting from ``F_j = x_j`` and
``G_j = 0``.  With ``W = W₊ - W₋`` split into entrywise non-negative parts,
a layer acts as follows.

* Affine ``x ↦ W x + b``: ``H = W₊F + W₋G + b`` and ``G' = W₊G + W₋F``,
  where a non-negative combination of polynomials is a tropical product of
  tropical powers (``a·f`` is ``f^a``).
* ReLU with threshold ``t``: ``max(H - G', t) = max(H, G' + t) - G'``.
* Leaky ReLU with slope ``α``: ``max(H + αG', G' + αH) - (1 + α)G'``.
* Maxout and max-pooling over pieces ``H_k - G'_k``:
  ``max_k (H_k + Σ_{l≠k} G'_l) - Σ_l G'_l``.

Every product is reduced to its essential monomials as soon as it is formed,
which keeps the formulas small; this never changes the function.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from ..polynomial import TropicalPolynomial
from ..rational import TropicalMap, TropicalRational
from .layers import Identity, Layer, LeakyReLU, Linear, Maxout, MaxPool, ReLU
from .network import Network

__all__ = [
    "to_tropical",
    "convert",
    "formal_term_bounds",
    "Conversion",
    "LayerCount",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LayerCount:
    """Monomial counts of one layer's output, summed over its units."""

    layer: str
    numerator_terms: int
    denominator_terms: int


@dataclass(frozen=True)
class Conversion:
    """The result of :func:`convert`.

    Attributes
    ----------
    map : TropicalMap
        The network as ``F_i ⊘ G_i``, one component per output.
    terms_before : list of tuple of int
        Per output, the numerator and denominator term counts of the last
        layer's formula before its final reduction.
    terms_after : list of tuple of int
        Per output, the term counts after reduction.
    layers : list of LayerCount
        Term counts after every layer.
    """

    map: TropicalMap
    terms_before: list[tuple[int, int]]
    terms_after: list[tuple[int, int]]
    layers: list[LayerCount] = field(default_factory=list)


def to_tropical(network: Network, *, reduce: bool = True) -> TropicalMap:
    """Return the network as a tropical rational map ``F ⊘ G``.

    Parameters
    ----------
    network : Network
        A network of linear layers and ReLU, leaky ReLU, identity, maxout
        and max-pooling activations.
    reduce : bool
        Reduce every polynomial to its essential monomials after each step
        (the default).  With ``False`` the formal formula is built, whose
        size multiplies with every layer.

    Returns
    -------
    TropicalMap
        Exact when every parameter of the network is exact, float otherwise.

    Examples
    --------
    ``relu(x) - relu(-x)`` is the identity ``x``:

    >>> net = Network.from_arrays([[[1], [-1]], [[1, -1]]], [[0, 0], [0]])
    >>> F = to_tropical(net)
    >>> print(F[0].to_classical())
    max(2*x, x) - max(x, 0)
    >>> from tropicalnn import variables
    >>> F[0].equals(variables("x"))
    True
    """
    return convert(network, reduce=reduce).map


def convert(network: Network, *, reduce: bool = True) -> Conversion:
    """Convert `network` and record monomial counts along the way.

    See :func:`to_tropical` for the parameters.
    """
    if not isinstance(network, Network):
        raise TypeError(
            f"expected a tropicalnn Network, got {type(network).__name__}; build "
            "one with Network.from_arrays, Network.from_npz or another loader"
        )
    exact = network.is_exact
    names = network.input_names
    state = _input_state(names, exact)
    counts: list[LayerCount] = []
    before: list[tuple[int, int]] = []
    for index, layer in enumerate(network.layers):
        state = _apply(layer, state, exact, reduce)
        before = [(len(f), len(g)) for f, g in zip(*state)]
        if reduce:
            state = ([f.reduced() for f in state[0]], [g.reduced() for g in state[1]])
        counts.append(
            LayerCount(
                f"{index}: {layer!r}",
                sum(len(f) for f in state[0]),
                sum(len(g) for g in state[1]),
            )
        )
        logger.debug("layer %d %r: %d and %d terms", index, layer,
                     counts[-1].numerator_terms, counts[-1].denominator_terms)
    numerators, denominators = state
    result = TropicalMap(
        [TropicalRational(f, g) for f, g in zip(numerators, denominators)],
        names=network.output_names,
    )
    after = [(len(f), len(g)) for f, g in zip(numerators, denominators)]
    return Conversion(result, before, after, counts)


State = tuple[list[TropicalPolynomial], list[TropicalPolynomial]]


def _input_state(names: tuple[str, ...], exact: bool) -> State:
    n = len(names)
    one = Fraction(1) if exact else 1.0
    zero = Fraction(0) if exact else 0.0
    dtype = object if exact else np.float64
    numerators = []
    for j in range(n):
        row = np.full((1, n), zero, dtype=dtype)
        row[0, j] = one
        numerators.append(
            TropicalPolynomial._from_canonical(
                row, np.array([zero], dtype=dtype), names, "max", exact, True
            )
        )
    denominators = [_constant(zero, names, exact) for _ in range(n)]
    return numerators, denominators


def _constant(value: Any, names: tuple[str, ...], exact: bool) -> TropicalPolynomial:
    dtype = object if exact else np.float64
    exponents = np.zeros((1, len(names)), dtype=dtype)
    if exact:
        exponents[:] = Fraction(0)
    return TropicalPolynomial._from_canonical(
        exponents, np.array([value], dtype=dtype), names, "max", exact, True
    )


def _scalar(value: Any, exact: bool) -> Any:
    return value if exact else float(value)


def _power(poly: TropicalPolynomial, factor: Any) -> TropicalPolynomial:
    """Return ``factor·poly`` for ``factor >= 0``, as a polynomial."""
    if factor == 1:
        return poly
    return poly._scaled(factor)


def _product(
    factors: list[TropicalPolynomial], names: tuple[str, ...], exact: bool,
    reduce: bool,
) -> TropicalPolynomial:
    """Tropical product of `factors`, reduced after every step when asked.

    Monomials are multiplied first, so their product shifts the rest once.
    """
    factors = sorted(factors, key=len)
    result = _constant(Fraction(0) if exact else 0.0, names, exact)
    for factor in factors:
        result = result * factor
        if reduce and len(result) > 1:
            result = result.reduced()
    return result


def _affine(layer: Linear, state: State, exact: bool, reduce: bool) -> State:
    numerators, denominators = state
    names = numerators[0].variables
    weight = layer.weight if exact else np.asarray(layer.weight, dtype=np.float64)
    bias = layer.bias if exact else np.asarray(layer.bias, dtype=np.float64)
    new_numerators, new_denominators = [], []
    for i in range(layer.n_out):
        top: list[TropicalPolynomial] = [_constant(_scalar(bias[i], exact), names, exact)]
        bottom: list[TropicalPolynomial] = []
        for j in range(layer.n_in):
            w = weight[i, j]
            if w > 0:
                top.append(_power(numerators[j], w))
                bottom.append(_power(denominators[j], w))
            elif w < 0:
                top.append(_power(denominators[j], -w))
                bottom.append(_power(numerators[j], -w))
        new_numerators.append(_product(top, names, exact, reduce))
        new_denominators.append(_product(bottom, names, exact, reduce))
    return new_numerators, new_denominators


def _apply(layer: Layer, state: State, exact: bool, reduce: bool) -> State:
    if isinstance(layer, Linear):
        return _affine(layer, state, exact, reduce)
    numerators, denominators = state
    if isinstance(layer, Identity):
        return state
    if isinstance(layer, ReLU):
        threshold = layer.threshold
        if isinstance(threshold, float) and math.isinf(threshold):
            return state
        t = _scalar(threshold, exact)
        return [h + t * g for h, g in zip(numerators, denominators)], denominators
    if isinstance(layer, LeakyReLU):
        alpha = _scalar(layer.alpha, exact)
        tops = [
            h * _power(g, alpha) + g * _power(h, alpha)
            for h, g in zip(numerators, denominators)
        ]
        bottoms = [_power(g, 1 + alpha) for g in denominators]
        return tops, bottoms
    if isinstance(layer, (Maxout, MaxPool)):
        names = numerators[0].variables
        tops, bottoms = [], []
        for group in layer.groups(len(numerators)):
            pieces = []
            for k in group:
                others = [denominators[l] for l in group if l != k]
                pieces.append(_product([numerators[k], *others], names, exact, reduce))
            top = pieces[0]
            for piece in pieces[1:]:
                top = top + piece
            tops.append(top)
            bottoms.append(
                _product([denominators[l] for l in group], names, exact, reduce)
            )
        return tops, bottoms
    raise TypeError(f"cannot convert layer {layer!r}")


def formal_term_bounds(network: Network) -> list[tuple[int, int]]:
    """Return upper bounds on the term counts of the formula built without
    any reduction, per output ``(numerator, denominator)``.

    The bounds follow the layer recursion: a product of polynomials has at
    most the product of their term counts, a sum at most the sum.  Like
    terms merge in the formal expansion, so the true counts can be smaller.

    Examples
    --------
    >>> net = Network.from_arrays([[[1], [-1]], [[1, -1]]], [[0, 0], [0]])
    >>> formal_term_bounds(net)
    [(2, 2)]
    """
    numerators = [1] * network.n_inputs
    denominators = [1] * network.n_inputs
    for layer in network.layers:
        if isinstance(layer, Linear):
            tops, bottoms = [], []
            for i in range(layer.n_out):
                top = bottom = 1
                for j in range(layer.n_in):
                    w = layer.weight[i, j]
                    if w > 0:
                        top *= numerators[j]
                        bottom *= denominators[j]
                    elif w < 0:
                        top *= denominators[j]
                        bottom *= numerators[j]
                tops.append(top)
                bottoms.append(bottom)
            numerators, denominators = tops, bottoms
        elif isinstance(layer, ReLU):
            if not (isinstance(layer.threshold, float) and math.isinf(layer.threshold)):
                numerators = [f + g for f, g in zip(numerators, denominators)]
        elif isinstance(layer, LeakyReLU):
            numerators = [2 * f * g for f, g in zip(numerators, denominators)]
        elif isinstance(layer, (Maxout, MaxPool)):
            tops, bottoms = [], []
            for group in layer.groups(len(numerators)):
                product = math.prod(denominators[l] for l in group)
                tops.append(sum(numerators[k] * product // denominators[k]
                                for k in group))
                bottoms.append(product)
            numerators, denominators = tops, bottoms
    return list(zip(numerators, denominators))
