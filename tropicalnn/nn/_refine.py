"""Refinement of a box into the activation regions of a program.

The box starts as one cell.  Every activation unit, layer by layer, cuts
every cell by the zero set of its input (ReLU and leaky ReLU) or by the
ties of its pieces (max units).  Inside a cell that input is an affine
function, so the cut is by hyperplanes.  Because the unit's input is
continuous, two cells that share a facet cut it in the same way, so the
cells always form a face-to-face complex and neighbours are found by
equal facet vertex sets.

Ties follow the forward pass: a ReLU unit is active when its input is
strictly above the threshold, and a max unit picks the first of several
equal pieces.  These rules matter only when a unit's input is constant on
a cell (a dead unit, a zero row, two identical pieces).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from ._cells import Polytope, box_polytope, cut
from ._program import (
    ActivationStep,
    AffineStep,
    Program,
    Unit,
    apply_activation,
    apply_affine,
    identity_map,
    piece_difference,
    unit_hyperplane,
)

__all__ = ["Cell", "refine"]

logger = logging.getLogger(__name__)


@dataclass
class Cell:
    """An activation region during refinement.

    `matrix` and `denominator` give the current features as an affine
    function of the input, and `pattern` lists the pieces chosen so far.
    """

    polytope: Polytope
    matrix: np.ndarray
    denominator: int
    pattern: tuple[int, ...]


def _split_threshold(
    cell: Cell, unit: Unit, n: int, symbolic: bool
) -> list[tuple[Polytope, int]]:
    a, c0 = unit_hyperplane(unit, cell.matrix, cell.denominator)
    if not any(a):
        return [(cell.polytope, 1 if c0 > 0 else 0)]
    inactive, active = cut(cell.polytope, a, c0, n, symbolic)
    parts = []
    if inactive is not None:
        parts.append((inactive, 0))
    if active is not None:
        parts.append((active, 1))
    return parts


def _split_max(
    cell: Cell, unit: Unit, n: int, symbolic: bool
) -> list[tuple[Polytope, int]]:
    parts = []
    for position, winner in enumerate(unit.inputs):
        polytope: Polytope | None = cell.polytope
        for other_position, loser in enumerate(unit.inputs):
            if loser == winner:
                continue
            a, c0 = piece_difference(cell.matrix, loser, winner)
            if not any(a):
                # Constant difference: the earlier piece wins a tie.
                if c0 > 0 or (c0 == 0 and other_position < position):
                    polytope = None
                    break
                continue
            assert polytope is not None
            polytope, _ = cut(polytope, a, c0, n, symbolic, need_positive=False)
            if polytope is None:
                break
        if polytope is not None:
            parts.append((polytope, position))
    return parts


def refine(
    program: Program,
    low: list | None,
    high: list | None,
) -> list[Cell]:
    """Return the activation regions of `program` in the box.

    `low` and `high` are lists of ``Fraction``.  ``None`` means all of
    ``R^n``, handled with the symbolic box of :mod:`._cells`.
    """
    n = program.n_inputs
    symbolic = low is None
    matrix, denominator = identity_map(n)
    cells = [Cell(box_polytope(n, low, high), matrix, denominator, ())]
    for index, step in enumerate(program.steps):
        if isinstance(step, AffineStep):
            for cell in cells:
                cell.matrix, cell.denominator = apply_affine(
                    step, cell.matrix, cell.denominator
                )
            continue
        assert isinstance(step, ActivationStep)
        start = len(cells[0].pattern)
        for unit in step.units:
            split = _split_max if unit.kind == "max" else _split_threshold
            refined = []
            for cell in cells:
                for polytope, choice in split(cell, unit, n, symbolic):
                    refined.append(
                        Cell(
                            polytope,
                            cell.matrix,
                            cell.denominator,
                            cell.pattern + (choice,),
                        )
                    )
            cells = refined
        for cell in cells:
            cell.matrix, cell.denominator = apply_activation(
                step, cell.pattern[start:], cell.matrix, cell.denominator
            )
        logger.debug("step %d: %d activation regions", index, len(cells))
    return cells
