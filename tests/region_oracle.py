"""Brute-force activation patterns, an independent check of the region kernel.

Every combination of pieces (on or off for ReLU and leaky ReLU units, a
winner for max units) is tried.  Along the pattern the network is affine,
so the pattern's region is a polyhedron.  The region counts when a float
linear program finds a ball of radius above `MIN_RADIUS` inside it and the
box.
Units whose input is constant follow the forward pass exactly: a ReLU is
active only when the constant exceeds the threshold, and a max unit picks
the first of equal pieces.  Use small networks with integer or small
fractional weights, so that every real region is far wider than
`MIN_RADIUS`.
"""

from __future__ import annotations

import itertools

import numpy as np
from scipy.optimize import linprog

from tropicalnn.nn.layers import Identity, LeakyReLU, Linear, Maxout, MaxPool, ReLU

MIN_RADIUS = 1e-7


def _choices(network):
    """Per activation layer, the list of choices per unit."""
    width = network.n_inputs
    result = []
    for layer, out_width in zip(network.layers, network.widths[1:], strict=True):
        if isinstance(layer, (ReLU, LeakyReLU)):
            result.append([(0, 1)] * width)
        elif isinstance(layer, (Maxout, MaxPool)):
            result.append([tuple(range(len(g))) for g in layer.groups(width)])
        width = out_width
    return result


def _region(network, pattern):
    """Return (A, b) of the pattern's region, or None when a constant unit
    contradicts the pattern."""
    n = network.n_inputs
    matrix = np.eye(n)
    offset = np.zeros(n)
    rows, bounds = [], []
    position = 0

    def constraint(row, constant):
        # row·x + constant <= 0
        if np.abs(row).max() < 1e-12:
            return constant <= 0
        rows.append(row)
        bounds.append(-constant)
        return True

    for layer in network.layers:
        if isinstance(layer, Linear):
            weight = np.asarray(layer.weight, dtype=float)
            bias = np.asarray(layer.bias, dtype=float)
            matrix, offset = weight @ matrix, weight @ offset + bias
        elif isinstance(layer, (ReLU, LeakyReLU)):
            threshold = float(layer.threshold) if isinstance(layer, ReLU) else 0.0
            new_matrix, new_offset = matrix.copy(), offset.copy()
            for u in range(matrix.shape[0]):
                active = pattern[position]
                position += 1
                row, constant = matrix[u], offset[u] - threshold
                if active:
                    if np.abs(row).max() < 1e-12 and not constant > 0:
                        return None
                    if not constraint(-row, -constant):
                        return None
                else:
                    if not constraint(row, constant):
                        return None
                    if isinstance(layer, ReLU):
                        new_matrix[u], new_offset[u] = 0.0, threshold
                    else:
                        alpha = float(layer.alpha)
                        new_matrix[u], new_offset[u] = alpha * row, alpha * offset[u]
            matrix, offset = new_matrix, new_offset
        elif isinstance(layer, (Maxout, MaxPool)):
            new_rows, new_offsets = [], []
            for group in layer.groups(matrix.shape[0]):
                winner = pattern[position]
                position += 1
                p = group[winner]
                for rank, other in enumerate(group):
                    if other == p:
                        continue
                    row = matrix[other] - matrix[p]
                    constant = offset[other] - offset[p]
                    if np.abs(row).max() < 1e-12:
                        if constant > 0 or (constant == 0 and rank < winner):
                            return None
                    else:
                        constraint(row, constant)
                new_rows.append(matrix[p])
                new_offsets.append(offset[p])
            matrix, offset = np.array(new_rows), np.array(new_offsets)
        elif not isinstance(layer, Identity):
            raise TypeError(f"oracle cannot handle {layer!r}")
    return rows, bounds


def _has_interior(rows, bounds, low, high, n):
    if not rows:
        return True
    A = np.array(rows)
    norms = np.linalg.norm(A, axis=1)
    result = linprog(
        np.r_[np.zeros(n), -1.0],
        A_ub=np.hstack([A, norms[:, None]]),
        b_ub=np.array(bounds),
        bounds=[(low, high)] * n + [(0, 1)],
        method="highs",
    )
    return result.status == 0 and -result.fun > MIN_RADIUS


def brute_force_patterns(network, low, high):
    """Return the set of patterns whose region has an interior in the box
    ``[low, high]^n``."""
    layers = _choices(network)
    units = [choices for layer in layers for choices in layer]
    found = set()
    for pattern in itertools.product(*units):
        region = _region(network, pattern)
        if region is None:
            continue
        if _has_interior(*region, low, high, network.n_inputs):
            found.add(tuple(int(v) for v in pattern))
    return found
