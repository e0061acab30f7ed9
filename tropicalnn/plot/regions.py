"""Figures of linear regions, decision boundaries and graphs in the plane.

Both figures start from the exact decomposition of
:func:`~tropicalnn.nn.regions.linear_regions`, so every polygon drawn is an
activation region with exact rational vertices (rounded to floats only for
drawing), and no grid sampling is involved.

Artists carry a ``gid``:

========================  ====================================================
gid                       artist
========================  ====================================================
``"region"``              one patch per linear region (a union of activation
                          regions with one affine map)
``"region-boundaries"``   the edges between different linear regions
``"decision-boundary"``   the decision boundary's segments
``"decision-tie"``        hatched regions on which two class scores are equal
``"graph"``               the faces of the graph, one per activation region
========================  ====================================================
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import TropicalTypeError, TropicalValueError
from ..nn.boundary import decision_boundary
from ..nn.network import Network
from ..nn.regions import ActivationRegion, LinearRegions, linear_regions
from ..polynomial import TropicalPolynomial
from ..rational import TropicalMap, TropicalRational
from ._common import (
    Box,
    box_around,
    box_for_regions,
    check_two_variables,
    exact_box,
    float_box,
    new_axes,
    ordered_polygon,
    region_colours,
    short_title,
)

__all__ = ["plot_regions", "plot_graph", "regions_box"]

_FUNCTION_TYPES = (TropicalRational, TropicalPolynomial)

Point = tuple[Fraction, ...]


def _input_names(model: Any, function: str) -> tuple[str, ...]:
    """Return the input names of a model, or raise for other objects."""
    if isinstance(model, Network):
        return model.input_names
    if isinstance(model, (TropicalMap, TropicalRational, TropicalPolynomial)):
        return model.variables
    raise TropicalTypeError(
        f"{function}() expects a Network, TropicalMap, TropicalRational or "
        f"TropicalPolynomial, got {type(model).__name__}"
    )


def _check_model(model: Any, function: str) -> tuple[str, ...]:
    names = _input_names(model, function)
    if isinstance(model, Network):
        check_two_variables(names, function, "the network", "input")
    else:
        check_two_variables(names, function, "the function")
    return names


def regions_box(model: Any) -> Box:
    """Return the automatic box of :func:`plot_regions` and :func:`plot_graph`.

    The box contains every vertex of the activation regions of `model` on
    all of ``R^2``, with a margin of a quarter of the larger side (at least
    1), rounded outward.  So every bounded region lies inside it and every
    region of the plane meets it.  When no two region boundaries meet (all
    of them are parallel lines), the box contains the point of each line
    nearest to the origin.

    Parameters
    ----------
    model : Network, TropicalMap, TropicalRational or TropicalPolynomial
        A model with two inputs.

    Returns
    -------
    tuple
        ``((x_low, x_high), (y_low, y_high))`` with `Fraction` entries.

    Examples
    --------
    >>> from tropicalnn import variables
    >>> x, y = variables("x y")
    >>> regions_box((x + 0) / (y + 0))
    ((Fraction(-1, 1), Fraction(1, 1)), (Fraction(-1, 1), Fraction(1, 1)))
    """
    _check_model(model, "regions_box")
    result = linear_regions(model)
    points = [
        [float(v) for v in vertex]
        for region in result.activation_regions
        for vertex in region.vertices
    ]
    if not points:
        # Only parallel lines: take the point of each line nearest to 0.
        for region in result.activation_regions:
            for row, bound in zip(region.A, region.b, strict=True):
                normal = np.array([float(v) for v in row])
                points.append(list(float(bound) * normal / (normal @ normal)))
    return box_around(np.array(points, dtype=np.float64).reshape(-1, 2))


def _decompose(model: Any, box: Any, function: str) -> tuple[LinearRegions, Box]:
    """Return the exact regions of `model` in `box` (automatic when None)."""
    if isinstance(model, LinearRegions):
        check_two_variables(model.variables, function, "the decomposition", "input")
        if box is not None:
            raise TropicalValueError(
                f"{function}() takes the box of a LinearRegions result; pass "
                "box=None, or the model itself with a box"
            )
        if model.box is None:
            raise TropicalValueError(
                f"{function}() needs regions computed in a box; call "
                "linear_regions(model, box=...) or pass the model itself"
            )
        low, high = model.box
        chosen: Box = ((low[0], high[0]), (low[1], high[1]))
        return model, chosen
    _check_model(model, function)
    chosen = regions_box(model) if box is None else exact_box(box)
    return linear_regions(model, box_for_regions(chosen)), chosen


def _polygon(region: ActivationRegion) -> np.ndarray:
    return ordered_polygon(np.asarray(region.vertices, dtype=np.float64))


def _region_boundaries(regions: LinearRegions) -> list[np.ndarray]:
    """Return the polygon edges between different linear regions.

    An edge is interior to a linear region when two of its activation
    regions share it with the same exact end points.  An edge on the box
    is never a boundary.
    """
    counts: dict[frozenset, list[int]] = {}
    for region in regions.activation_regions:
        corners = _exact_polygon(region)
        for k in range(len(corners)):
            edge = frozenset((corners[k], corners[(k + 1) % len(corners)]))
            counts.setdefault(edge, []).append(region.linear_region)
    assert regions.box is not None
    low, high = regions.box
    segments = []
    for edge, owners in counts.items():
        if len(owners) == 2 and owners[0] == owners[1]:
            continue
        first, last = sorted(edge)
        on_box = any(
            first[axis] == last[axis] and first[axis] in (low[axis], high[axis])
            for axis in range(2)
        )
        if on_box:
            continue
        segments.append(np.array([[float(v) for v in first], [float(v) for v in last]]))
    return segments


def _exact_polygon(region: ActivationRegion) -> list[tuple[Fraction, ...]]:
    """Return the exact vertices in the order of :func:`ordered_polygon`."""
    exact = [tuple(Fraction(v) for v in vertex) for vertex in region.vertices]
    floats = np.array([[float(v) for v in vertex] for vertex in exact])
    centre = floats.mean(axis=0)
    angles = np.arctan2(floats[:, 1] - centre[1], floats[:, 0] - centre[0])
    return [exact[k] for k in np.argsort(angles)]


def _boundary_pieces(
    regions: LinearRegions,
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Return the decision boundary as segments and as tie polygons.

    One output gives the boundary ``y_0 = 0``; several outputs give every
    boundary between two classes where their scores tie at the maximum.
    Pieces of one straight segment that lie in neighbouring activation
    regions are joined, so each segment drawn is a maximal straight piece.
    """
    n_outputs = len(regions.output_names)
    pairs: list[tuple[int, int | None]] = (
        [(0, None)]
        if n_outputs == 1
        else [(i, j) for i in range(n_outputs) for j in range(i + 1, n_outputs)]
    )
    exact_segments: list[tuple[Point, Point]] = []
    ties = []
    for i, j in pairs:
        for piece in decision_boundary(regions, i, j).pieces:
            if piece.dimension == 2:
                ties.append(ordered_polygon(np.asarray(piece.vertices, np.float64)))
            elif len(piece.vertices) == 2:
                first, last = (
                    tuple(Fraction(v) for v in row) for row in piece.vertices
                )
                exact_segments.append((first, last))
    segments = [
        np.array([[float(v) for v in first], [float(v) for v in last]])
        for first, last in _join_collinear(exact_segments)
    ]
    return segments, ties


def _join_collinear(segments: list[tuple[Point, Point]]) -> list[tuple[Point, Point]]:
    """Join segments that meet end to end along one line, exactly.

    An end point shared by exactly two segments on one line is removed;
    points where three or more segments meet are kept.
    """
    remaining: list[tuple[Point, Point]] = []
    for first, last in segments:
        remaining.append((first, last) if first <= last else (last, first))
    joined = True
    while joined:
        joined = False
        ends: dict[Point, list[int]] = {}
        for index, (first, last) in enumerate(remaining):
            ends.setdefault(first, []).append(index)
            ends.setdefault(last, []).append(index)
        for point, members in ends.items():
            if len(members) != 2:
                continue
            far = [
                remaining[k][0] if remaining[k][1] == point else remaining[k][1]
                for k in members
            ]
            u = (far[0][0] - point[0], far[0][1] - point[1])
            v = (far[1][0] - point[0], far[1][1] - point[1])
            if u[0] * v[1] - u[1] * v[0] != 0:
                continue
            remaining = [s for k, s in enumerate(remaining) if k not in members]
            remaining.append((far[0], far[1]) if far[0] <= far[1] else (far[1], far[0]))
            joined = True
            break
    return remaining


def plot_regions(
    obj: Any,
    ax: Any = None,
    box: Any = None,
    *,
    boundary: bool | None = None,
) -> Any:
    """Draw the linear regions of a model in a box, one colour per region.

    Each linear region (a maximal connected union of activation regions
    with one affine map) is one patch; neighbouring regions get different
    colours.  For a classifier the decision boundary is drawn on top: the
    curve ``y_0 = 0`` for a network with one output (a binary classifier's
    score), and for several outputs every set where two class scores tie
    at the maximum.

    Parameters
    ----------
    obj : Network, TropicalMap, TropicalRational, TropicalPolynomial or LinearRegions
        A model with two inputs, or the result of
        :func:`~tropicalnn.nn.regions.linear_regions` in a box.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; by default a new figure.
    box : pair (low, high), optional
        ``low <= (x, y) <= high``; each bound is a number or a pair.  By
        default :func:`regions_box`, which shows every region.  Not allowed
        with a LinearRegions result, which has its own box.
    boundary : bool, optional
        Draw the decision boundary.  By default it is drawn for a Network
        (its outputs are read as class scores) and not for a function.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TropicalTypeError
        If `obj` is not one of the accepted types.
    TropicalValueError
        If the model does not have two inputs, or `box` is invalid.

    Examples
    --------
    ``relu(x) - relu(-x) + relu(y)`` has four activation regions but two
    linear regions, because the first two units add up to ``x``:

    >>> from tropicalnn import Network
    >>> net = Network.from_arrays([[[1, 0], [-1, 0], [0, 1]], [[1, -1, 1]]],
    ...                           [[0, 0, 0], [-1]])
    >>> ax = plot_regions(net, box=(-2, 2))
    >>> len([patch for patch in ax.patches if patch.get_gid() == "region"])
    2
    >>> [len(c.get_segments()) for c in ax.collections
    ...  if c.get_gid() == "decision-boundary"]
    [2]
    """
    regions, chosen = _decompose(obj, box, "plot_regions")
    ax = new_axes(ax, "plot_regions")
    low, high = float_box(chosen)

    # One patch per linear region: the union of its activation polygons.
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    colours = region_colours(regions.linear_region_graph(), regions.n_linear_regions)
    for linear in regions.linear_regions:
        polygons = [
            _polygon(regions.activation_regions[index])
            for index in linear.activation_regions
        ]
        # A closed Path ignores its last vertex, so repeat the first one.
        path = Path.make_compound_path(
            *(
                Path(np.vstack([polygon, polygon[:1]]), closed=True)
                for polygon in polygons
            )
        )
        colour = colours[linear.index]
        ax.add_patch(
            PathPatch(
                path,
                facecolor=colour,
                edgecolor=colour,
                linewidth=0.4,
                gid="region",
                zorder=1,
            )
        )

    # Edges between different linear regions.
    from matplotlib.collections import LineCollection

    edges = _region_boundaries(regions)
    if edges:
        ax.add_collection(
            LineCollection(
                edges,
                colors="#404040",
                linewidths=0.6,
                gid="region-boundaries",
                zorder=2,
            )
        )

    # The decision boundary of a classifier.
    if boundary is None:
        boundary = isinstance(obj, Network)
    if boundary:
        from matplotlib.patches import Polygon

        segments, ties = _boundary_pieces(regions)
        for corners in ties:
            ax.add_patch(
                Polygon(
                    corners,
                    closed=True,
                    fill=False,
                    hatch="//",
                    edgecolor="black",
                    linewidth=0.8,
                    gid="decision-tie",
                    zorder=3,
                )
            )
        ax.add_collection(
            LineCollection(
                segments,
                colors="black",
                linewidths=2.4,
                gid="decision-boundary",
                zorder=4,
                capstyle="round",
            )
        )

    ax.set_xlim(float(low[0]), float(high[0]))
    ax.set_ylim(float(low[1]), float(high[1]))
    ax.set_aspect("equal")
    ax.set_xlabel(regions.variables[0])
    ax.set_ylabel(regions.variables[1])
    noun = "region" if regions.n_linear_regions == 1 else "regions"
    title = f"{regions.n_linear_regions} linear {noun}"
    if boundary:
        title += " and the decision boundary"
    ax.set_title(title, fontsize=10)
    return ax


def plot_graph(f: Any, ax: Any = None, box: Any = None, *, output: int = 0) -> Any:
    """Draw the graph ``z = f(x, y)`` of a bivariate function as a surface.

    The surface is built from exact pieces: one flat face per activation
    region of :func:`~tropicalnn.nn.regions.linear_regions`, lifted by the
    affine map of that region, so creases sit exactly where the function
    bends.  Faces of one linear region share a colour.

    NOTE: mplot3d orders faces by their mean depth, not by a depth buffer,
    so for a non-convex graph some views draw a face over one that should
    hide it; a steeper ``ax.view_init(elev=...)`` usually helps.

    Parameters
    ----------
    f : TropicalPolynomial, TropicalRational, TropicalMap or Network
        A function of two variables; for a map or a network, `output`
        selects the component.
    ax : mpl_toolkits.mplot3d.axes3d.Axes3D, optional
        3-D axes to draw on; by default a new figure.
    box : pair (low, high), optional
        The domain drawn; by default :func:`regions_box`.
    output : int
        The output drawn, for a map or a network.

    Returns
    -------
    mpl_toolkits.mplot3d.axes3d.Axes3D

    Raises
    ------
    TropicalTypeError
        If `f` is not one of the accepted types, or `ax` is not 3-D.
    TropicalValueError
        If `f` does not have two variables, `output` is out of range, or
        `box` is invalid.

    Examples
    --------
    ``max(0, x, y)`` is made of three planes:

    >>> from tropicalnn import variables
    >>> x, y = variables("x y")
    >>> ax = plot_graph(0 + x + y, box=(-1, 1))
    >>> ax.figure.canvas.draw()
    >>> [len(c.get_paths()) for c in ax.collections if c.get_gid() == "graph"]
    [3]
    """
    if isinstance(f, LinearRegions):
        raise TropicalTypeError(
            "plot_graph() expects the function itself, not a LinearRegions result"
        )
    regions, chosen = _decompose(f, box, "plot_graph")
    n_outputs = len(regions.output_names)
    if not 0 <= output < n_outputs:
        raise TropicalValueError(
            f"output {output} is out of range; the model has {n_outputs} outputs"
        )
    created = ax is None
    ax = new_axes(ax, "plot_graph", projection="3d")
    low, high = float_box(chosen)
    if created:
        # Look from the corner where x and y are small, so that the valley
        # of a max-plus (convex) graph faces the viewer.
        ax.view_init(elev=35, azim=-130)

    # Lift every activation polygon by its affine map.
    faces, face_colours = [], []
    colours = region_colours(regions.linear_region_graph(), regions.n_linear_regions)
    for region in regions.activation_regions:
        corners = _polygon(region)
        weight, bias = region.affine_map.to_float()
        heights = corners @ weight[output] + bias[output]
        faces.append(np.column_stack([corners, heights]))
        face_colours.append(colours[region.linear_region])

    from mpl_toolkits.mplot3d.art3d import Poly3DCollection

    surface = Poly3DCollection(
        faces,
        facecolors=face_colours,
        edgecolors="#303030",
        linewidths=0.3,
        shade=True,
        gid="graph",
    )
    ax.add_collection3d(surface, autolim=False)
    heights = np.concatenate([face[:, 2] for face in faces])
    bottom, top = float(heights.min()), float(heights.max())
    if top - bottom < 1e-9:
        bottom, top = bottom - 1, top + 1
    ax.set_xlim(float(low[0]), float(high[0]))
    ax.set_ylim(float(low[1]), float(high[1]))
    ax.set_zlim(bottom, top)
    from matplotlib.ticker import MaxNLocator

    for axis in (ax.xaxis, ax.yaxis, ax.zaxis):
        axis.set_major_locator(MaxNLocator(5))
    names = regions.variables
    function_name = (
        "f" if isinstance(f, _FUNCTION_TYPES) else regions.output_names[output]
    )
    ax.set_xlabel(names[0])
    ax.set_ylabel(names[1])
    ax.set_zlabel(f"{function_name}({names[0]}, {names[1]})")
    if isinstance(f, _FUNCTION_TYPES):
        ax.set_title(short_title("graph of", f.to_classical()), fontsize=10)
    return ax
