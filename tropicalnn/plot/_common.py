"""Helpers shared by the plotting modules (private).

Every function that needs matplotlib imports it inside its body, so that
``import tropicalnn.plot`` works without the optional ``plot`` extra and
fails only when a figure is drawn.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import TropicalTypeError, TropicalValueError
from ..geometry._common import format_number
from ..nn.regions import parse_box
from ..polynomial import TropicalPolynomial

# Share of the larger side of the points' bounding box added on every side
# of an automatic box, and the smallest margin in data units.
BOX_MARGIN = Fraction(1, 4)
MIN_MARGIN = Fraction(1)

# Pale colours for regions and cells; neighbouring regions get different
# entries (see region_colours).
PALETTE = (
    "#a6cee3",
    "#fdbf6f",
    "#b2df8a",
    "#fb9a99",
    "#cab2d6",
    "#ffff99",
    "#8dd3c7",
    "#fccde5",
    "#d9d9d9",
    "#bebada",
)

# Longest expression shown in a title before it is cut with an ellipsis.
TITLE_LENGTH = 44

Box = tuple[tuple[Fraction, Fraction], tuple[Fraction, Fraction]]


def require_matplotlib() -> None:
    """Import matplotlib, or raise ModuleNotFoundError that names the extra."""
    try:
        import matplotlib  # noqa: F401
    except ModuleNotFoundError as err:
        raise ModuleNotFoundError(
            "plotting needs matplotlib, which is not installed; install it with "
            "pip install 'tropicalnn[plot]'"
        ) from err


def new_axes(ax: Any, function: str, projection: str | None = None) -> Any:
    """Return `ax`, or the axes of a new figure drawn with the Agg canvas.

    A new figure is not registered with ``matplotlib.pyplot``, so drawing
    never opens a window or changes the global backend.
    """
    require_matplotlib()
    if ax is not None:
        if projection == "3d" and getattr(ax, "name", None) != "3d":
            raise TropicalTypeError(
                f"{function}() draws on 3-D axes; pass axes made with "
                "projection='3d' or ax=None"
            )
        return ax
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    size = (6.4, 5.2) if projection == "3d" else (5.6, 5.2)
    figure = Figure(figsize=size, layout="constrained")
    FigureCanvasAgg(figure)
    return figure.add_subplot(projection=projection)


def check_plane_polynomial(p: Any, function: str) -> TropicalPolynomial:
    """Return `p` when it is a polynomial in two variables, else raise."""
    if not isinstance(p, TropicalPolynomial):
        raise TropicalTypeError(
            f"{function}() expects a TropicalPolynomial in two variables, got "
            f"{type(p).__name__}; build one with tropicalnn.variables('x y') or "
            "tropicalnn.parse"
        )
    check_two_variables(p.variables, function, "the polynomial")
    return p


def check_two_variables(
    names: tuple[str, ...], function: str, what: str, noun: str = "variable"
) -> None:
    """Raise TropicalValueError unless there are exactly two variables."""
    if len(names) != 2:
        plural = noun if len(names) == 1 else noun + "s"
        raise TropicalValueError(
            f"{function}() draws in the plane, but {what} has {len(names)} "
            f"{plural} {names!r}; expected two"
        )


def exact_box(box: Any) -> Box:
    """Return a user's box ``(low, high)`` as two exact ``(low, high)`` pairs,
    one per coordinate, accepting what :func:`~tropicalnn.nn.regions.parse_box`
    accepts."""
    bounds = parse_box(box, 2)
    assert bounds is not None
    low, high = bounds
    return (low[0], high[0]), (low[1], high[1])


def box_around(points: np.ndarray) -> Box:
    """Return a box with margin that contains `points` (shape ``(k, 2)``).

    The margin is `BOX_MARGIN` of the larger side, at least `MIN_MARGIN`,
    and the bounds are rounded outward to a tenth of a power of ten, so
    the box has short tick labels.  Without points the box is
    ``[-1, 1]^2``.
    """
    if len(points) == 0:
        return (Fraction(-1), Fraction(1)), (Fraction(-1), Fraction(1))
    values = [[Fraction(float(v)) for v in column] for column in np.asarray(points).T]
    low = [min(column) for column in values]
    high = [max(column) for column in values]
    span = max(h - lo for lo, h in zip(low, high, strict=True))
    margin = max(BOX_MARGIN * span, MIN_MARGIN)
    width = span + 2 * margin
    step = Fraction(10) ** (math.floor(math.log10(width)) - 1)
    result = []
    for lo, h in zip(low, high, strict=True):
        result.append(
            (
                math.floor((lo - margin) / step) * step,
                math.ceil((h + margin) / step) * step,
            )
        )
    return result[0], result[1]


def float_box(box: Box) -> tuple[np.ndarray, np.ndarray]:
    """Return the box as float arrays ``low`` and ``high``, shape ``(2,)``."""
    low = np.array([float(box[0][0]), float(box[1][0])])
    high = np.array([float(box[0][1]), float(box[1][1])])
    return low, high


def box_for_regions(box: Box) -> tuple[list[Fraction], list[Fraction]]:
    """Return the box in the ``(low, high)`` layout of ``linear_regions``."""
    return [box[0][0], box[1][0]], [box[0][1], box[1][1]]


def clip_segment(
    start: np.ndarray,
    direction: np.ndarray,
    t_low: float,
    t_high: float,
    low: np.ndarray,
    high: np.ndarray,
) -> tuple[np.ndarray, np.ndarray] | None:
    """Clip ``start + t * direction``, ``t_low <= t <= t_high``, to a box.

    Returns the end points of the part inside the box, or ``None`` when the
    segment misses it (the Liang-Barsky algorithm).  Infinite `t` bounds
    give rays and lines.
    """
    for axis in range(2):
        if direction[axis] == 0:
            if not low[axis] <= start[axis] <= high[axis]:
                return None
            continue
        first = (low[axis] - start[axis]) / direction[axis]
        second = (high[axis] - start[axis]) / direction[axis]
        t_low = max(t_low, min(first, second))
        t_high = min(t_high, max(first, second))
    if t_low > t_high or math.isinf(t_low) or math.isinf(t_high):
        return None
    return start + t_low * direction, start + t_high * direction


def ordered_polygon(vertices: np.ndarray) -> np.ndarray:
    """Return the vertices of a convex polygon in counter-clockwise order.

    `vertices` has shape ``(k, 2)`` in any order; the result is a float
    array of the same shape.  Fewer than three points are returned sorted.
    """
    points = np.asarray(vertices, dtype=np.float64)
    if len(points) < 3:
        order = np.lexsort((points[:, 1], points[:, 0]))
        return points[order]
    centre = points.mean(axis=0)
    angles = np.arctan2(points[:, 1] - centre[1], points[:, 0] - centre[0])
    return points[np.argsort(angles)]


def region_colours(graph: Any, count: int) -> list[str]:
    """Return one palette colour per node ``0..count-1`` of `graph`, with
    neighbouring nodes coloured differently while the palette lasts."""
    import networkx as nx

    colouring = nx.greedy_color(graph, strategy="largest_first")
    return [PALETTE[colouring.get(node, 0) % len(PALETTE)] for node in range(count)]


def short_title(prefix: str, expression: Any) -> str:
    """Return ``prefix`` and the expression's text, cut at `TITLE_LENGTH`."""
    text = str(expression)
    if len(text) > TITLE_LENGTH:
        text = text[: TITLE_LENGTH - 1] + "…"
    return f"{prefix} {text}"


def label_number(value: Any) -> str:
    """Return a coefficient or weight as a label: ``3``, ``-1/2``, ``0.25``."""
    return format_number(value)
