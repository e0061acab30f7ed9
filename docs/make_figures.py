"""Draw the figures of the course pages with tropicalnn.plot.

Usage, from the repository root::

    python docs/make_figures.py [OUTPUT_DIR]

writes one PNG per entry of `FIGURES` into OUTPUT_DIR (``docs/figures`` by
default) and prints each file's size.  The objects drawn are the ones the
course pages compute in their doctests, so a change here belongs with a
change there.  Every file should stay below `MAX_BYTES`, the limit for
committing it.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

# Draw with the package of this checkout, installed or not.
DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent))

import tropicalnn as tn  # noqa: E402
from tropicalnn.nn.io import load_model  # noqa: E402
from tropicalnn.plot import (  # noqa: E402
    plot_curve,
    plot_graph,
    plot_regions,
    plot_subdivision,
)

DATA = Path(tn.__file__).resolve().parent / "data"
DPI = 90
MAX_BYTES = 200_000

x, y = tn.variables("x y")


def honeycomb(degree: int) -> tn.TropicalPolynomial:
    """Return the polynomial of degree `degree` with coefficients
    ``-(i² + ij + j²)``, whose curve is a honeycomb."""
    terms = {
        (i, j): -(i * i + i * j + j * j)
        for i in range(degree + 1)
        for j in range(degree + 1 - i)
    }
    return tn.polynomial(terms, ["x", "y"])


CONIC = 1 * x**2 + 1 * y**2 + 2 * x * y + 2 * x + 2 * y + 2
LINE = 3 + 1 * x + 2 * y
SMALL_NETWORK = tn.Network.from_arrays(
    [[[1, -1], [2, 1], [-1, 3]], [[1, -2, 1]]], [[0, -1, 1], [0]]
)
TWO_CLASSES = tn.Network.from_arrays(
    [[[1, -1], [2, 1], [-1, 3], [0, 1]], [[1, -2, 1, 0], [0, 1, -1, 2]]],
    [[0, -1, 1, 0], [0, 1]],
)
MOONS_BOX = ((-2, Fraction(-3, 2)), (3, 2))


def _figure(
    columns: int = 1,
    width: float = 5.2,
    height: float = 4.6,
    projection: str | None = None,
) -> tuple[Figure, list]:
    figure = Figure(figsize=(width * columns, height), layout="constrained")
    FigureCanvasAgg(figure)
    axes = [
        figure.add_subplot(1, columns, k + 1, projection=projection)
        for k in range(columns)
    ]
    return figure, axes


def line_max_min() -> Figure:
    figure, (left, right) = _figure(2)
    plot_curve(LINE, ax=left, box=(-2, 4))
    minimum = tn.parse("min(-3, x - 1, y - 2)", convention="min")
    plot_curve(minimum, ax=right, box=(-4, 2))
    return figure


def conic() -> Figure:
    figure, (left, right) = _figure(2)
    plot_subdivision(CONIC, ax=left)
    plot_curve(CONIC, ax=right)
    return figure


def double_line() -> Figure:
    figure, (left, right) = _figure(2)
    square = (0 + x + y) ** 2
    plot_subdivision(square, ax=left)
    plot_curve(square, ax=right)
    return figure


def honeycomb_cubic() -> Figure:
    figure, (left, right) = _figure(2)
    plot_subdivision(honeycomb(3), ax=left)
    plot_curve(honeycomb(3), ax=right)
    left.set_title("honeycomb cubic: unimodular triangulation", fontsize=10)
    right.set_title("honeycomb cubic: a curve of genus 1", fontsize=10)
    return figure


def honeycomb_quartic() -> Figure:
    figure, (left, right) = _figure(2)
    plot_subdivision(honeycomb(4), ax=left)
    plot_curve(honeycomb(4), ax=right)
    left.set_title("honeycomb quartic: unimodular triangulation", fontsize=10)
    right.set_title("honeycomb quartic: a curve of genus 3", fontsize=10)
    return figure


def graph_line() -> Figure:
    figure, (ax,) = _figure(projection="3d", width=5.6)
    plot_graph(0 + x + y, ax=ax, box=(-2, 2))
    ax.view_init(elev=35, azim=-130)
    return figure


def network_graph() -> Figure:
    figure, (ax,) = _figure(projection="3d", width=5.6)
    plot_graph(SMALL_NETWORK, ax=ax, box=(-3, 3))
    # A steep view, so that mplot3d's depth sorting of the faces does not
    # hide a fold of this non-convex graph behind a face in front of it.
    ax.view_init(elev=55, azim=-120)
    ax.set_title("graph of the network 2 → 3 → 1", fontsize=10)
    return figure


def network_newton() -> Figure:
    figure, (left, right) = _figure(2)
    (component,) = tn.to_tropical(SMALL_NETWORK)
    plot_subdivision(component.numerator, ax=left)
    plot_subdivision(component.denominator, ax=right)
    left.set_title("numerator F", fontsize=10)
    right.set_title("denominator G", fontsize=10)
    return figure


def network_regions() -> Figure:
    figure, (left, right) = _figure(2)
    plot_regions(SMALL_NETWORK, ax=left, box=(-3, 3), boundary=False)
    plot_regions(TWO_CLASSES, ax=right, box=(-3, 3))
    return figure


def moons_regions() -> Figure:
    figure, (ax,) = _figure(width=6.4, height=4.8)
    plot_regions(load_model(DATA / "moons_mlp.npz"), ax=ax, box=MOONS_BOX)
    with open(DATA / "moons.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    points = np.array([[float(row["x"]), float(row["y"])] for row in rows])
    upper = np.array([row["moon"] == "upper" for row in rows])
    ax.scatter(*points[upper].T, s=9, color="#08306b", zorder=5, label="upper moon")
    ax.scatter(
        *points[~upper].T,
        s=9,
        color="#7f0000",
        marker="^",
        zorder=5,
        label="lower moon",
    )
    ax.legend(loc="lower left", fontsize=8, framealpha=0.9)
    return figure


FIGURES: dict[str, Callable[[], Figure]] = {
    "line-max-min.png": line_max_min,
    "conic.png": conic,
    "double-line.png": double_line,
    "honeycomb-cubic.png": honeycomb_cubic,
    "honeycomb-quartic.png": honeycomb_quartic,
    "graph-line.png": graph_line,
    "network-graph.png": network_graph,
    "network-newton.png": network_newton,
    "network-regions.png": network_regions,
    "moons-regions.png": moons_regions,
}


def write_figures(directory: Path) -> dict[str, int]:
    """Write every figure into `directory` and return the sizes in bytes."""
    directory.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for name, draw in FIGURES.items():
        path = directory / name
        draw().savefig(path, dpi=DPI)
        sizes[name] = path.stat().st_size
    return sizes


def main(arguments: list[str]) -> int:
    directory = Path(arguments[0]) if arguments else DOCS / "figures"
    sizes = write_figures(directory)
    for name, size in sizes.items():
        mark = "  (over the limit for committing)" if size > MAX_BYTES else ""
        print(f"{size:8d} bytes  {directory / name}{mark}")
    return 1 if any(size > MAX_BYTES for size in sizes.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
