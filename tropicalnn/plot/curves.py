"""Figures of plane tropical curves and of their dual subdivisions.

Artists carry a ``gid`` so that tests and scripts can find them again:

==================  ==========================================================
gid                 artist
==================  ==========================================================
``"cell"``          one polygon patch per maximal cell of the subdivision (a
                    closed two-point polygon for a segment)
``"newton-polygon"``  the outline of the Newton polygon
``"vertices"``      markers of the subdivision's vertices, or of the curve's
                    vertices in :func:`plot_curve`
``"non-vertices"``  hollow markers of the exponents that are not vertices
``"coefficient"``   one text label per term, its coefficient
``"edges"``         the bounded edges of the curve (a ``LineCollection``)
``"rays"``          the unbounded edges, clipped to the box
``"lines"``         whole lines, when the exponents are collinear
``"weight"``        one text label per edge or ray of weight other than 1
==================  ==========================================================
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import TropicalValueError
from ..geometry import dual_subdivision, newton_polytope, tropical_hypersurface
from ..polynomial import TropicalPolynomial
from ._common import (
    Box,
    box_around,
    check_plane_polynomial,
    clip_segment,
    exact_box,
    float_box,
    label_number,
    new_axes,
    ordered_polygon,
    region_colours,
    short_title,
)

__all__ = ["plot_subdivision", "plot_curve", "curve_box"]

# Lattice points are drawn as faint dots when the Newton polygon's bounding
# box contains at most this many of them.
_MAX_LATTICE_POINTS = 2500


def plot_subdivision(p: TropicalPolynomial, ax: Any = None) -> Any:
    """Draw the Newton polygon of `p` with its regular subdivision.

    Each maximal cell is a shaded polygon.  Every exponent is marked and
    labelled with its coefficient: vertices of the subdivision (the
    essential terms) as filled discs, the other exponents as hollow
    circles.  Faint dots mark the lattice points, so interior lattice
    points can be counted by eye.

    Parameters
    ----------
    p : TropicalPolynomial
        A polynomial in two variables, max-plus or min-plus, with at least
        one term.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; by default a new figure (see :mod:`tropicalnn.plot`).

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TropicalTypeError
        If `p` is not a polynomial.
    TropicalValueError
        If `p` does not have two variables or has no terms.

    Examples
    --------
    The conic ``1⊙x² ⊕ 1⊙y² ⊕ 2⊙xy ⊕ 2⊙x ⊕ 2⊙y ⊕ 2`` subdivides its
    triangle into a square and two triangles:

    >>> from tropicalnn import variables
    >>> x, y = variables("x y")
    >>> conic = 1*x**2 + 1*y**2 + 2*x*y + 2*x + 2*y + 2
    >>> ax = plot_subdivision(conic)
    >>> len([patch for patch in ax.patches if patch.get_gid() == "cell"])
    3
    >>> sorted(t.get_text() for t in ax.texts if t.get_gid() == "coefficient")
    ['1', '1', '2', '2', '2', '2']
    """
    check_plane_polynomial(p, "plot_subdivision")
    if p.is_zero:
        raise TropicalValueError(
            "the empty polynomial (tropical zero) has no Newton polygon to plot"
        )
    ax = new_axes(ax, "plot_subdivision")
    subdivision = dual_subdivision(p)
    exponents = np.asarray(p.exponents, dtype=np.float64)

    # Lattice points behind everything else.
    _draw_lattice(ax, exponents)

    # Cells, then the outline of the Newton polygon on top of them.
    from matplotlib.patches import Polygon

    colours = region_colours(subdivision.dual_graph(), subdivision.n_cells)
    for index, cell in enumerate(subdivision.cells):
        corners = ordered_polygon(exponents[cell.vertices])
        ax.add_patch(
            Polygon(
                corners,
                closed=True,
                facecolor=colours[index],
                alpha=0.6,
                edgecolor="#1f4e79",
                linewidth=1.5,
                gid="cell",
                zorder=1,
            )
        )
    newton = newton_polytope(p)
    outline = ordered_polygon(exponents[newton.vertex_indices])
    ax.add_patch(
        Polygon(
            outline,
            closed=True,
            fill=False,
            edgecolor="black",
            linewidth=2.5,
            gid="newton-polygon",
            zorder=2,
        )
    )

    # Exponents: vertices filled, the others hollow, each with its coefficient.
    is_vertex = np.zeros(len(p), dtype=bool)
    is_vertex[subdivision.vertices] = True
    ax.scatter(
        exponents[is_vertex, 0],
        exponents[is_vertex, 1],
        s=46,
        color="black",
        zorder=4,
        gid="vertices",
        label="vertex of the subdivision",
    )
    ax.scatter(
        exponents[~is_vertex, 0],
        exponents[~is_vertex, 1],
        s=46,
        facecolor="white",
        edgecolor="black",
        linewidth=1.3,
        zorder=4,
        gid="non-vertices",
        label="not a vertex",
    )
    for point, coefficient in zip(exponents, p.coefficients, strict=True):
        ax.annotate(
            label_number(coefficient),
            xy=(point[0], point[1]),
            xytext=(5, 5),
            textcoords="offset points",
            fontsize=10,
            color="#7a0019",
            gid="coefficient",
            zorder=5,
            bbox={
                "boxstyle": "round,pad=0.1",
                "facecolor": "white",
                "edgecolor": "none",
                "alpha": 0.7,
            },
        )

    # Frame: one lattice step of room around the polygon.
    from matplotlib.ticker import MaxNLocator

    low, high = exponents.min(axis=0), exponents.max(axis=0)
    ax.set_xlim(low[0] - 0.6, high[0] + 0.8)
    ax.set_ylim(low[1] - 0.6, high[1] + 0.8)
    ax.set_aspect("equal")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(f"exponent of {p.variables[0]}")
    ax.set_ylabel(f"exponent of {p.variables[1]}")
    prefix = "min-plus subdivision of" if p.convention == "min" else "subdivision of"
    ax.set_title(short_title(prefix, p), fontsize=10)
    if not is_vertex.all():
        ax.legend(loc="upper right", fontsize=8, framealpha=0.9)
    return ax


def _draw_lattice(ax: Any, exponents: np.ndarray) -> None:
    """Mark the lattice points of the bounding box when the exponents are
    integers and the box is small."""
    if not np.all(exponents == np.round(exponents)):
        return
    low = exponents.min(axis=0).astype(int) - 1
    high = exponents.max(axis=0).astype(int) + 1
    if np.prod(high - low + 1) > _MAX_LATTICE_POINTS:
        return
    grid_x, grid_y = np.meshgrid(
        np.arange(low[0], high[0] + 1), np.arange(low[1], high[1] + 1)
    )
    ax.scatter(
        grid_x.ravel(), grid_y.ravel(), s=4, color="#b0b0b0", zorder=0, gid="lattice"
    )


def curve_box(p: TropicalPolynomial) -> Box:
    """Return the automatic box of :func:`plot_curve`.

    It contains every vertex of the curve with a margin of a quarter of the
    larger side (at least 1), rounded outward.  For a curve of parallel
    lines it contains one point of each line.  For an empty curve it is
    ``[-1, 1]^2``.

    Examples
    --------
    >>> from tropicalnn import variables
    >>> x, y = variables("x y")
    >>> curve_box(0 + x + y)
    ((Fraction(-1, 1), Fraction(1, 1)), (Fraction(-1, 1), Fraction(1, 1)))
    """
    check_plane_polynomial(p, "curve_box")
    curve = tropical_hypersurface(p)
    return box_around(np.asarray(curve.vertices, dtype=np.float64))


def plot_curve(p: TropicalPolynomial, ax: Any = None, box: Any = None) -> Any:
    """Draw the tropical curve of `p` with its vertices and edge weights.

    Bounded edges are drawn in full, rays are cut where they leave the box,
    and edges of weight other than 1 are drawn thicker and labelled with
    their weight.  A min-plus polynomial is drawn in its own convention, so
    its curve is the reflection ``(x, y) ↦ (-x, -y)`` of the max-plus curve
    with negated coefficients.

    Parameters
    ----------
    p : TropicalPolynomial
        A polynomial in two variables, max-plus or min-plus.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; by default a new figure.
    box : pair (low, high), optional
        The part of the plane shown, ``low <= (x, y) <= high``; each bound
        is a number or a pair of numbers.  By default :func:`curve_box`,
        which shows every vertex.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TropicalTypeError
        If `p` is not a polynomial.
    TropicalValueError
        If `p` does not have two variables, or `box` is invalid.

    Examples
    --------
    The tropical line ``max(0, x, y)`` has one vertex and three rays:

    >>> from tropicalnn import variables
    >>> x, y = variables("x y")
    >>> ax = plot_curve(0 + x + y)
    >>> [len(c.get_segments()) for c in ax.collections if c.get_gid() == "rays"]
    [3]
    >>> [c.get_offsets().tolist() for c in ax.collections
    ...  if c.get_gid() == "vertices"]
    [[[0.0, 0.0]]]
    >>> [float(v) for v in ax.get_xlim()]
    [-1.0, 1.0]
    """
    check_plane_polynomial(p, "plot_curve")
    chosen = curve_box(p) if box is None else exact_box(box)
    ax = new_axes(ax, "plot_curve")
    curve = tropical_hypersurface(p)
    low, high = float_box(chosen)
    vertices = np.asarray(curve.vertices, dtype=np.float64)
    rays = np.asarray(curve.rays, dtype=np.float64)

    # Every maximal cell is a segment, a ray or (with a lineality space) a
    # whole line; clip each one to the box.
    groups: dict[str, list[tuple[np.ndarray, np.ndarray, Any]]] = {
        "edges": [],
        "rays": [],
        "lines": [],
    }
    for cell in curve.cells:
        ends = [int(v) for v in cell.vertices]
        if len(ends) == 2:
            kind = "edges"
            start, direction = vertices[ends[0]], vertices[ends[1]] - vertices[ends[0]]
            piece = clip_segment(start, direction, 0.0, 1.0, low, high)
        elif len(cell.rays):
            kind = "rays"
            direction = rays[int(cell.rays[0])]
            piece = clip_segment(vertices[ends[0]], direction, 0.0, np.inf, low, high)
        else:
            kind = "lines"
            direction = np.asarray(curve.lineality[0], dtype=np.float64)
            piece = clip_segment(
                vertices[ends[0]], direction, -np.inf, np.inf, low, high
            )
        if piece is not None:
            groups[kind].append((piece[0], piece[1], cell.weight))

    # Draw each kind as one collection, thicker for larger weights.
    from matplotlib.collections import LineCollection

    for kind, pieces in groups.items():
        if not pieces:
            continue
        segments = [np.array([first, last]) for first, last, _ in pieces]
        widths = [1.8 * float(weight) for _, _, weight in pieces]
        ax.add_collection(
            LineCollection(
                segments,
                linewidths=widths,
                colors="#b2182b",
                gid=kind,
                zorder=2,
                capstyle="round",
            )
        )
        for first, last, weight in pieces:
            if weight != 1:
                middle = (first + last) / 2
                ax.annotate(
                    label_number(weight),
                    xy=(middle[0], middle[1]),
                    xytext=(4, 4),
                    textcoords="offset points",
                    fontsize=11,
                    fontweight="bold",
                    gid="weight",
                    zorder=4,
                )

    # Vertices of the curve; with a lineality space there are none.
    if curve.lineality_dim == 0 and len(vertices):
        ax.scatter(
            vertices[:, 0],
            vertices[:, 1],
            s=28,
            color="black",
            zorder=3,
            gid="vertices",
        )

    ax.set_xlim(float(low[0]), float(high[0]))
    ax.set_ylim(float(low[1]), float(high[1]))
    ax.set_aspect("equal")
    ax.set_xlabel(p.variables[0])
    ax.set_ylabel(p.variables[1])
    semiring = "min-plus" if p.convention == "min" else "max-plus"
    ax.set_title(short_title(f"{semiring} curve of", p), fontsize=10)
    return ax
