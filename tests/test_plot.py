"""Tests of tropicalnn.plot and ``tropicalnn plot``: the artists drawn are
checked against the geometry they stand for."""

import io
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("matplotlib")

import matplotlib.image  # noqa: E402
from mpl_toolkits.mplot3d import proj3d  # noqa: E402

import tropicalnn as tn  # noqa: E402
from tropicalnn import Network, polynomial, variables  # noqa: E402
from tropicalnn.cli import main  # noqa: E402
from tropicalnn.errors import TropicalTypeError, TropicalValueError  # noqa: E402
from tropicalnn.geometry import dual_subdivision, tropical_hypersurface  # noqa: E402
from tropicalnn.nn.io import default_model_path, load_model  # noqa: E402
from tropicalnn.nn.regions import linear_regions  # noqa: E402
from tropicalnn.plot import (  # noqa: E402
    curve_box,
    plot_curve,
    plot_graph,
    plot_regions,
    plot_subdivision,
    regions_box,
)
from tropicalnn.plot._common import box_around, clip_segment  # noqa: E402

X, Y = variables("x y")
LINE = 0 + X + Y
CONIC = 1 * X**2 + 1 * Y**2 + 2 * X * Y + 2 * X + 2 * Y + 2
MOONS_BOX = ((-2, Fraction(-3, 2)), (3, 2))
# NOTE: the package has no path helper for the bundled moons model yet.
MOONS_FILE = str(Path(tn.__file__).parent / "data" / "moons_mlp.npz")
MOONS = load_model(MOONS_FILE)


def artists(ax, gid):
    """Every artist of `ax` with the given gid."""
    found = [*ax.collections, *ax.patches, *ax.texts, *ax.lines]
    return [artist for artist in found if artist.get_gid() == gid]


def segments(ax, gid):
    """The segments of the line collections with the given gid, as float
    arrays of shape (2, 2)."""
    result = []
    for collection in artists(ax, gid):
        result.extend(np.asarray(s, dtype=float) for s in collection.get_segments())
    return result


def marked_points(ax, gid):
    points = [c.get_offsets() for c in artists(ax, gid)]
    if not points:
        return set()
    return {tuple(row) for row in np.concatenate(points).tolist()}


def png_bytes(ax):
    buffer = io.BytesIO()
    ax.figure.savefig(buffer, format="png", dpi=60)
    return buffer.getvalue()


def distinct_colours(data):
    image = matplotlib.image.imread(io.BytesIO(data), format="png")
    return len(np.unique(image.reshape(-1, image.shape[-1]), axis=0))


def unit(vector):
    vector = np.asarray(vector, dtype=float)
    return vector / np.linalg.norm(vector)


# -- curves ------------------------------------------------------------------


def test_line_has_one_vertex_three_rays():
    ax = plot_curve(LINE)
    rays = segments(ax, "rays")

    assert segments(ax, "edges") == []
    assert marked_points(ax, "vertices") == {(0.0, 0.0)}
    assert len(rays) == 3
    for start, _ in rays:
        assert start.tolist() == [0.0, 0.0]
    directions = sorted(tuple(np.round(unit(end - start), 12)) for start, end in rays)
    expected = sorted(tuple(np.round(unit(d), 12)) for d in [(-1, 0), (0, -1), (1, 1)])
    assert directions == expected


def test_rays_end_on_the_box():
    ax = plot_curve(CONIC)
    low = np.array([ax.get_xlim()[0], ax.get_ylim()[0]])
    high = np.array([ax.get_xlim()[1], ax.get_ylim()[1]])

    for _, end in segments(ax, "rays"):
        on_side = np.isclose(end, low) | np.isclose(end, high)
        assert on_side.any(), end


def test_conic_edges_rays_vertices():
    ax = plot_curve(CONIC)
    edges = {frozenset(map(tuple, s.tolist())) for s in segments(ax, "edges")}

    assert marked_points(ax, "vertices") == {(0.0, 0.0), (0.0, 1.0), (1.0, 0.0)}
    assert len(segments(ax, "rays")) == 6
    assert edges == {
        frozenset({(0.0, 0.0), (0.0, 1.0)}),
        frozenset({(0.0, 0.0), (1.0, 0.0)}),
    }
    assert artists(ax, "weight") == []


def test_automatic_box_shows_every_vertex():
    for p in (CONIC, 3 * X**3 + Y**3 + 0 + 1 * X * Y, LINE**2 + 5 * X * Y):
        ax = plot_curve(p)
        vertices = np.asarray(tropical_hypersurface(p).vertices, dtype=float)
        (x_low, x_high), (y_low, y_high) = ax.get_xlim(), ax.get_ylim()

        assert np.all(vertices[:, 0] > x_low)
        assert np.all(vertices[:, 0] < x_high)
        assert np.all(vertices[:, 1] > y_low)
        assert np.all(vertices[:, 1] < y_high)


def test_curve_box_margin_and_rounding():
    assert curve_box(CONIC) == ((-1, 2), (-1, 2))
    # A margin of 10 / 4 on every side, rounded outward to whole numbers
    # because the box is 15 wide.
    x_range, y_range = box_around(np.array([[0.0, 0.0], [10.0, 0.0]]))
    assert x_range == (-3, 13)
    assert y_range == (-3, 3)


def test_user_box_clips_every_piece():
    ax = plot_curve(CONIC, box=(Fraction(1, 2), 3))
    pieces = segments(ax, "edges") + segments(ax, "rays")

    assert ax.get_xlim() == (0.5, 3.0)
    for piece in pieces:
        assert np.all(piece >= 0.5 - 1e-12)
        assert np.all(piece <= 3 + 1e-12)
    # Only the bounded edge from (0, 0) to (1, 0) misses the box entirely.
    assert len(segments(ax, "edges")) == 0


def test_weights_above_one_are_labelled():
    ax = plot_curve(LINE**2)
    labels = artists(ax, "weight")
    (rays,) = artists(ax, "rays")

    assert sorted(t.get_text() for t in labels) == ["2", "2", "2"]
    assert list(rays.get_linewidths()) == [3.6, 3.6, 3.6]
    for text in labels:
        x, y = text.xy
        # Each label sits on its ray: on a coordinate axis or on x = y.
        assert min(abs(x), abs(y), abs(x - y)) < 1e-12


def test_collinear_exponents_give_whole_lines():
    ax = plot_curve(polynomial({(0, 0): 0, (2, 0): 0}, ["x", "y"]))
    (line,) = segments(ax, "lines")
    (label,) = artists(ax, "weight")

    assert line[:, 0].tolist() == [0.0, 0.0]
    assert sorted(line[:, 1].tolist()) == list(ax.get_ylim())
    assert label.get_text() == "2"
    assert marked_points(ax, "vertices") == set()


def test_min_plus_root_is_reflected():
    # min(0, 1 + x) ties at x = -1, max(0, -1 + x) at x = 1.
    low = tn.parse("min(0, 1 + x)", convention="min", variables=["x", "y"])
    high = tn.parse("max(0, -1 + x)", variables=["x", "y"])

    (low_line,) = segments(plot_curve(low, box=(-2, 2)), "lines")
    (high_line,) = segments(plot_curve(high, box=(-2, 2)), "lines")
    assert low_line[:, 0].tolist() == [-1.0, -1.0]
    assert high_line[:, 0].tolist() == [1.0, 1.0]


def test_min_plus_curve_is_reflection():
    terms = {(2, 0): 3, (1, 1): 1, (0, 2): 2, (1, 0): 0, (0, 1): 4, (0, 0): 5}
    minimum = polynomial(terms, ["x", "y"], convention="min")
    maximum = polynomial({k: -v for k, v in terms.items()}, ["x", "y"])
    box = (-8, 8)
    min_ax, max_ax = plot_curve(minimum, box=box), plot_curve(maximum, box=box)

    reflected = {(-a + 0.0, -b + 0.0) for a, b in marked_points(max_ax, "vertices")}
    assert marked_points(min_ax, "vertices") == reflected
    for gid in ("edges", "rays"):
        drawn = {frozenset(map(tuple, s.tolist())) for s in segments(min_ax, gid)}
        mirrored = {
            frozenset(map(tuple, (-s + 0.0).tolist())) for s in segments(max_ax, gid)
        }
        assert drawn == mirrored


def test_monomial_draws_an_empty_curve():
    ax = plot_curve(3 * X * Y)

    for gid in ("edges", "rays", "lines", "vertices"):
        assert artists(ax, gid) == []
    assert ax.get_xlim() == (-1.0, 1.0)


def test_curve_of_float_polynomial():
    p = polynomial({(1, 0): 0.5, (0, 1): -0.25, (0, 0): 0.0}, ["x", "y"])
    ax = plot_curve(p)

    assert marked_points(ax, "vertices") == {(-0.5, 0.25)}
    assert len(segments(ax, "rays")) == 3


# -- subdivisions --------------------------------------------------------------


def cell_corners(ax):
    return sorted(
        sorted(map(tuple, patch.get_xy()[:-1].tolist()))
        for patch in artists(ax, "cell")
    )


def test_conic_subdivision_cells_and_points():
    ax = plot_subdivision(CONIC)

    assert cell_corners(ax) == sorted(
        [
            [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)],
            sorted([(0.0, 1.0), (0.0, 2.0), (1.0, 1.0)]),
            sorted([(1.0, 0.0), (1.0, 1.0), (2.0, 0.0)]),
        ]
    )
    assert len(marked_points(ax, "vertices")) == 6
    assert marked_points(ax, "non-vertices") == set()


def test_coefficient_labels_sit_on_their_exponents():
    ax = plot_subdivision(CONIC)
    labels = {tuple(t.xy): t.get_text() for t in artists(ax, "coefficient")}

    assert labels == {
        (2.0, 0.0): "1",
        (0.0, 2.0): "1",
        (1.0, 1.0): "2",
        (1.0, 0.0): "2",
        (0.0, 1.0): "2",
        (0.0, 0.0): "2",
    }


def test_points_on_a_cell_are_not_vertices():
    ax = plot_subdivision(LINE**2)

    assert len(artists(ax, "cell")) == 1
    assert marked_points(ax, "vertices") == {(0.0, 0.0), (2.0, 0.0), (0.0, 2.0)}
    assert marked_points(ax, "non-vertices") == {(1.0, 0.0), (0.0, 1.0), (1.0, 1.0)}


def test_point_below_the_hull_is_not_a_vertex():
    ax = plot_subdivision(X**2 + Y**2 + 0 + (-5) * X * Y)

    assert len(artists(ax, "cell")) == 1
    assert marked_points(ax, "non-vertices") == {(1.0, 1.0)}
    labels = sorted(t.get_text() for t in artists(ax, "coefficient"))
    assert labels == ["-5", "0", "0", "0"]


def test_segment_subdivision_and_single_point():
    ax = plot_subdivision(0 + X * Y + X**2 * Y**2)
    (cell,) = artists(ax, "cell")
    assert sorted(map(tuple, cell.get_xy()[:-1].tolist())) == [(0.0, 0.0), (2.0, 2.0)]
    assert marked_points(ax, "non-vertices") == {(1.0, 1.0)}

    ax = plot_subdivision(3 * X * Y)
    assert len(artists(ax, "cell")) == 1
    assert marked_points(ax, "vertices") == {(1.0, 1.0)}


def test_min_plus_subdivision_uses_lower_faces():
    terms = {(2, 0): 3, (1, 1): 1, (0, 2): 2, (1, 0): 0, (0, 1): 4, (0, 0): 5}
    minimum = polynomial(terms, ["x", "y"], convention="min")
    maximum = polynomial({k: -v for k, v in terms.items()}, ["x", "y"])
    min_ax, max_ax = plot_subdivision(minimum), plot_subdivision(maximum)

    assert cell_corners(min_ax) == cell_corners(max_ax)
    assert len(artists(min_ax, "cell")) == dual_subdivision(minimum).n_cells
    assert min_ax.get_title().startswith("min-plus subdivision")


def test_honeycomb_cubic_is_a_unimodular_triangulation():
    terms = {(i, j): -(i * i + i * j + j * j) for i in range(4) for j in range(4 - i)}
    ax = plot_subdivision(polynomial(terms, ["x", "y"]))

    assert len(artists(ax, "cell")) == 9
    assert len(marked_points(ax, "vertices")) == 10


# -- graphs ------------------------------------------------------------------


def projected_vertices(ax):
    (surface,) = artists(ax, "graph")
    ax.figure.canvas.draw()
    paths = surface.get_paths()
    points = np.concatenate([path.vertices for path in paths])
    return len(paths), points[np.isfinite(points).all(axis=1)]


def expected_projection(ax, function, regions):
    corners = np.array(
        [
            [float(v) for v in vertex]
            for r in regions.activation_regions
            for vertex in r.vertices
        ]
    )
    heights = function.evaluate(corners)
    xs, ys, _ = proj3d.proj_transform(
        corners[:, 0], corners[:, 1], heights, ax.get_proj()
    )
    return np.column_stack([xs, ys])


@pytest.mark.parametrize(
    "function",
    [
        CONIC,
        (X + 0) / (Y + 0),
        tn.parse("min(0, x + 1, 2*y - 1)", convention="min"),
    ],
    ids=["conic", "rational", "min-plus"],
)
def test_graph_faces_lie_on_the_function(function):
    box = (-2, 2)
    regions = linear_regions(function, box)
    ax = plot_graph(function, box=box)
    n_faces, drawn = projected_vertices(ax)
    expected = expected_projection(ax, function, regions)

    assert n_faces == regions.n_activation_regions
    distances = np.linalg.norm(drawn[:, None, :] - expected[None, :, :], axis=2)
    assert distances.min(axis=1).max() < 1e-9
    assert distances.min(axis=0).max() < 1e-9


def test_graph_of_network_output():
    net = Network.from_arrays(
        [[[1, 0], [0, 1], [1, -1]], [[1, 1, 1], [1, -1, 2]]], [[0, 0, 0], [0, 0]]
    )
    ax = plot_graph(net, box=(-1, 1), output=1)
    regions = linear_regions(net, ((-1, -1), (1, 1)))
    n_faces, _ = projected_vertices(ax)

    assert n_faces == regions.n_activation_regions
    assert ax.get_zlabel() == "f2(x, y)"
    with pytest.raises(TropicalValueError, match="output 2 is out of range"):
        plot_graph(net, output=2)


def test_graph_needs_3d_axes():
    flat = plot_curve(LINE)
    with pytest.raises(TropicalTypeError, match="3-D axes"):
        plot_graph(LINE, ax=flat)


# -- regions ------------------------------------------------------------------


def polygon_area(points):
    x, y = points[:, 0], points[:, 1]
    return 0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


def test_moons_patch_per_linear_region():
    regions = linear_regions(MOONS, MOONS_BOX)
    ax = plot_regions(MOONS, box=MOONS_BOX)
    patches = artists(ax, "region")

    assert len(patches) == regions.n_linear_regions
    assert ax.get_title() == (
        f"{regions.n_linear_regions} linear regions and the decision boundary"
    )
    # The patches tile the box: their areas add up to its area.
    total = 0.0
    for patch in patches:
        for polygon in patch.get_path().to_polygons():
            total += polygon_area(polygon)
    assert total == pytest.approx(5 * 3.5)


def test_neighbouring_regions_differ_in_colour():
    regions = linear_regions(MOONS, MOONS_BOX)
    ax = plot_regions(MOONS, box=MOONS_BOX)
    colours = [patch.get_facecolor() for patch in artists(ax, "region")]

    for first, second in regions.linear_region_graph().edges:
        assert colours[first] != colours[second]


def test_cancelling_units_give_one_patch():
    # relu(x) - relu(-x) + 0*y is the linear function x.
    net = Network.from_arrays([[[1, 0], [-1, 0]], [[1, -1]]], [[0, 0], [0]])
    ax = plot_regions(net, box=(-1, 1), boundary=False)

    assert linear_regions(net, ((-1, -1), (1, 1))).n_activation_regions == 2
    assert len(artists(ax, "region")) == 1
    assert segments(ax, "region-boundaries") == []
    assert artists(ax, "decision-boundary") == []


def test_region_boundaries_separate_maps():
    ax = plot_regions(CONIC, box=(-1, 2))
    curve_ax = plot_curve(CONIC, box=(-1, 2))
    drawn = {
        frozenset(map(tuple, s.tolist())) for s in segments(ax, "region-boundaries")
    }
    curve = {frozenset(map(tuple, s.tolist())) for s in segments(curve_ax, "edges")}

    # The bounded edges of the curve separate linear regions of the polynomial.
    assert curve <= drawn
    assert len(artists(ax, "region")) == 6


def test_automatic_box_contains_every_region():
    net = Network.from_arrays(
        [[[1, 2], [-1, 1], [2, -1], [1, 1]], [[1, -1, 1, -2]]],
        [[0, 1, -1, Fraction(1, 2)], [0]],
    )
    ax = plot_regions(net)
    unbounded = linear_regions(net)

    assert len(artists(ax, "region")) == unbounded.n_linear_regions
    (x_low, x_high), (y_low, y_high) = regions_box(net)
    assert (float(x_low), float(x_high)) == ax.get_xlim()
    assert (float(y_low), float(y_high)) == ax.get_ylim()


def test_parallel_lines_get_a_box():
    p = tn.parse("max(0, x + 5, 2*x - 7)", variables=["x", "y"])
    (x_low, x_high), _ = regions_box(p)

    assert x_low < -5
    assert x_high > 12
    assert len(artists(plot_regions(p), "region")) == 3


def test_decision_boundary_is_where_the_score_is_zero():
    ax = plot_regions(MOONS, box=MOONS_BOX)
    pieces = segments(ax, "decision-boundary")

    assert pieces
    for piece in pieces:
        ends_and_middle = np.vstack([piece, piece.mean(axis=0)])
        assert np.abs(MOONS.forward(ends_and_middle)).max() < 1e-9


def test_collinear_boundary_pieces_are_joined():
    # x + relu(y) - 1 = 0 is x = 1 below the axis and x + y = 1 above it;
    # the unit relu(x) cuts the second segment at x = 0 without bending it.
    net = Network.from_arrays(
        [[[1, 0], [-1, 0], [0, 1]], [[1, -1, 1]]], [[0, 0, 0], [-1]]
    )
    pieces = segments(plot_regions(net, box=(-2, 2)), "decision-boundary")
    ends = {frozenset(map(tuple, s.tolist())) for s in pieces}

    assert ends == {
        frozenset({(1.0, -2.0), (1.0, 0.0)}),
        frozenset({(1.0, 0.0), (-1.0, 2.0)}),
    }


def test_three_class_boundary_ties_the_top_scores():
    net = Network.from_arrays([[[1, 0], [0, 1], [-1, -1]]], [[0, 0, 0]], ["identity"])
    ax = plot_regions(net, box=(-2, 2))
    pieces = segments(ax, "decision-boundary")

    assert len(pieces) == 3
    for piece in pieces:
        scores = net.forward(np.vstack([piece, piece.mean(axis=0)]))
        top = np.sort(scores, axis=1)[:, -2:]
        assert np.allclose(top[:, 0], top[:, 1])


def test_function_boundary_only_on_request():
    r = (X + 0) / (Y + 1)
    assert artists(plot_regions(r, box=(-3, 3)), "decision-boundary") == []

    pieces = segments(plot_regions(r, box=(-3, 3), boundary=True), "decision-boundary")
    for piece in pieces:
        assert np.abs(r.evaluate(piece)).max() < 1e-12


def test_min_plus_regions_count_terms():
    p = tn.parse("min(0, x + 1, y - 1, x + y)", convention="min")
    ax = plot_regions(p, box=(-3, 3))

    assert len(artists(ax, "region")) == len(p.reduced())


def test_regions_from_a_decomposition():
    regions = linear_regions(MOONS, MOONS_BOX)
    ax = plot_regions(regions)
    assert len(artists(ax, "region")) == regions.n_linear_regions
    assert artists(ax, "decision-boundary") == []

    with pytest.raises(TropicalValueError, match="needs regions computed in a box"):
        plot_regions(linear_regions(CONIC))
    with pytest.raises(TropicalValueError, match="takes the box"):
        plot_regions(regions, box=(0, 1))


# -- errors and rendering ------------------------------------------------------


@pytest.mark.parametrize("function", [plot_curve, plot_subdivision])
def test_polynomial_plots_reject_other_input(function):
    x, y, z = variables("x y z")
    with pytest.raises(TropicalValueError, match="has 3 variables"):
        function(x + y + z)
    with pytest.raises(TropicalValueError, match="has 1 variable "):
        function(variables("t") + 0)
    with pytest.raises(TropicalTypeError, match="expects a TropicalPolynomial"):
        function((X + 0) / (Y + 0))


def test_empty_polynomial_has_no_subdivision():
    with pytest.raises(TropicalValueError, match="empty polynomial"):
        plot_subdivision(tn.TropicalPolynomial.zero(["x", "y"]))


@pytest.mark.parametrize("function", [plot_regions, plot_graph])
def test_region_plots_reject_other_input(function):
    iris = load_model(default_model_path())
    with pytest.raises(TropicalValueError, match="network has 4 inputs"):
        function(iris)
    with pytest.raises(TropicalTypeError, match="expects a Network"):
        function("max(0, x, y)")


def test_invalid_box_is_rejected():
    with pytest.raises(TropicalValueError, match="not below high"):
        plot_curve(LINE, box=(1, 0))


def test_clip_segment_misses_the_box():
    low, high = np.zeros(2), np.ones(2)
    assert (
        clip_segment(np.array([2.0, 2.0]), np.array([1.0, 0.0]), 0, np.inf, low, high)
        is None
    )
    first, last = clip_segment(
        np.array([-1.0, 0.5]), np.array([1.0, 0.0]), -np.inf, np.inf, low, high
    )
    assert first.tolist() == [0.0, 0.5]
    assert last.tolist() == [1.0, 0.5]


@pytest.mark.parametrize(
    "draw",
    [
        lambda: plot_subdivision(CONIC),
        lambda: plot_curve(CONIC),
        lambda: plot_graph(CONIC),
        lambda: plot_regions(MOONS, box=MOONS_BOX),
    ],
    ids=["subdivision", "curve", "graph", "regions"],
)
def test_every_figure_renders_to_png(draw):
    data = png_bytes(draw())

    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert distinct_colours(data) > 10


def test_existing_axes_are_reused():
    from matplotlib.figure import Figure

    figure = Figure()
    ax = figure.add_subplot()
    assert plot_curve(LINE, ax=ax) is ax
    assert plot_regions(CONIC, ax=ax, box=(-1, 1)) is ax


# -- command line --------------------------------------------------------------


@pytest.mark.parametrize(
    "arguments",
    [
        ["max(1 + 2*x, 1 + 2*y, 2 + x + y, 2 + x, 2 + y, 2)"],
        ["max(0, x, y)", "--kind", "subdivision"],
        ["max(0, x) - max(0, y)", "--kind", "graph", "--box", "-1", "1"],
        ["max(0, x) - max(0, y)"],
        ["min(0, x, y)", "--min", "--kind", "curve"],
        ["max(0, x + 1)", "--vars", "x,y"],
        [MOONS_FILE, "--box", "-2,-1.5", "3,2"],
        [MOONS_FILE, "--kind", "graph", "--box", "-2,-1.5", "3,2"],
    ],
    ids=[
        "curve",
        "subdivision",
        "graph",
        "regions",
        "min",
        "vars",
        "model",
        "model-graph",
    ],
)
def test_cli_writes_png(tmp_path, capsys, arguments):
    target = tmp_path / "figure.png"

    assert main(["plot", *arguments, "-o", str(target)]) == 0
    assert capsys.readouterr().out == f"wrote {target}\n"
    data = target.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert distinct_colours(data) > 10


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ([MOONS_FILE, "--kind", "curve"], "--kind curve draws a tropical polynomial"),
        ([MOONS_FILE, "--min"], "--min applies to expressions only"),
        (["max(0, x)"], "name them with --vars"),
        (
            ["max(0, x, y)", "--kind", "subdivision", "--box", "0", "1"],
            "--box does not apply",
        ),
        (["max(0, x, y)", "--box", "1", "0"], "not below high"),
        (["missing.npz"], "not found"),
    ],
    ids=[
        "curve-of-model",
        "min-model",
        "one-variable",
        "box-subdivision",
        "bad-box",
        "missing-model",
    ],
)
def test_cli_errors(tmp_path, capsys, arguments, message):
    target = tmp_path / "figure.png"

    assert main(["plot", *arguments, "-o", str(target)]) == 1
    assert message in capsys.readouterr().err
    assert not target.exists()


def test_cli_rejects_unknown_image_format(tmp_path, capsys):
    target = tmp_path / "figure.xyz"

    assert main(["plot", "max(0, x, y)", "-o", str(target)]) == 1
    assert "unknown image format 'xyz'" in capsys.readouterr().err
    assert not target.exists()
