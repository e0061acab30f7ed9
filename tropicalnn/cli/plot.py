"""``tropicalnn plot``: draw a curve, subdivision, graph or regions to a file."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from ..errors import TropicalTypeError, TropicalValueError
from ..nn.io import MODEL_SUFFIXES, load_model
from ..parsing import parse
from ..polynomial import TropicalPolynomial
from ..semiring import Convention
from .regions import parse_bound

__all__ = ["register", "run", "draw", "KINDS"]

KINDS = ("curve", "subdivision", "graph", "regions")

# Resolution of the written image, in dots per inch.
DEFAULT_DPI = 150


def register(subparsers: Any) -> None:
    """Add the ``plot`` subcommand."""
    parser = subparsers.add_parser(
        "plot",
        help="draw a tropical curve, subdivision, graph or linear regions",
        description=(
            "Draw a tropical polynomial or rational function in two variables, "
            "given as text such as 'max(0, x, y)' or 'x ⊕ 1⊙y ⊕ 0', or a "
            "network with two inputs from a model file, and write the figure "
            "to a file.  By default a polynomial is drawn as its tropical "
            "curve, and a rational function or a model as its linear regions "
            "(with the decision boundary for a model)."
        ),
    )
    parser.add_argument(
        "source",
        metavar="EXPR_OR_MODEL",
        help=(
            "an expression, or a model file ending in " + " or ".join(MODEL_SUFFIXES)
        ),
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="image file to write; its suffix (.png, .svg, .pdf) sets the format",
    )
    parser.add_argument(
        "--kind",
        choices=KINDS,
        help=(
            "what to draw: the tropical curve, the Newton polygon with its "
            "subdivision, the graph as a 3-D surface, or the linear regions "
            "(default: curve for a polynomial, regions otherwise)"
        ),
    )
    parser.add_argument(
        "--box",
        nargs=2,
        metavar=("LO", "HI"),
        help=(
            "draw the part LO <= (x, y) <= HI of the plane; each bound is one "
            "number or two comma-separated numbers, such as -2,-1.5 (default: "
            "a box that shows every vertex)"
        ),
    )
    parser.add_argument(
        "--min",
        action="store_true",
        help="read the expression in the min-plus convention",
    )
    parser.add_argument(
        "--vars",
        metavar="NAMES",
        help=(
            "comma-separated variables of the expression and their order, "
            "e.g. x,y; by default the variables that occur"
        ),
    )
    parser.add_argument(
        "--dpi",
        type=int,
        default=DEFAULT_DPI,
        help=f"resolution of a raster image in dots per inch (default: {DEFAULT_DPI})",
    )
    # Read "-2,-1.5" or "-1/2" as a value, not an option, as the regions
    # command does.
    parser._negative_number_matcher = re.compile(r"^-\.?\d")
    parser.set_defaults(handler=run)


def _is_model(source: str) -> bool:
    return source.lower().endswith(MODEL_SUFFIXES)


def _read_source(arguments: argparse.Namespace) -> Any:
    """Return the network or function named on the command line."""
    if _is_model(arguments.source):
        if arguments.min:
            raise TropicalValueError(
                "--min applies to expressions only; a model file has no convention"
            )
        if arguments.vars is not None:
            raise TropicalValueError(
                "--vars applies to expressions only; a model file names its inputs"
            )
        return load_model(arguments.source)
    variables = None
    if arguments.vars is not None:
        variables = [name.strip() for name in arguments.vars.split(",") if name.strip()]
        if not variables:
            raise TropicalValueError(
                f"--vars {arguments.vars!r} names no variable; expected e.g. x,y"
            )
    convention: Convention = "min" if arguments.min else "max"
    function = parse(arguments.source, convention=convention, variables=variables)
    if variables is None and function.n_vars != 2:
        raise TropicalValueError(
            f"the expression {arguments.source!r} has the variables "
            f"{function.variables!r}, but a plot needs two; name them with "
            "--vars, e.g. --vars x,y"
        )
    return function


def _check_output(path: Path) -> None:
    """Raise unless matplotlib can write an image with the suffix of `path`."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    suffix = path.suffix.lower().lstrip(".")
    supported = FigureCanvasAgg.get_supported_filetypes()
    if suffix not in supported:
        raise TropicalValueError(
            f"cannot write {str(path)!r}: unknown image format {suffix!r}; "
            f"expected a file name ending in one of "
            f"{', '.join('.' + name for name in sorted(supported))}"
        )


def draw(source: Any, kind: str | None, box: Any) -> Any:
    """Draw `source` as `kind` and return the matplotlib axes.

    Examples
    --------
    >>> from tropicalnn import parse
    >>> draw(parse("max(0, x, y)"), None, None).get_title()
    'max-plus curve of x ⊕ y ⊕ 0'
    """
    from .. import plot

    if kind is None:
        kind = "curve" if isinstance(source, TropicalPolynomial) else "regions"
    if kind in ("curve", "subdivision") and not isinstance(source, TropicalPolynomial):
        raise TropicalTypeError(
            f"--kind {kind} draws a tropical polynomial, but the input is a "
            f"{type(source).__name__}; use --kind regions or --kind graph"
        )
    if kind == "subdivision":
        if box is not None:
            raise TropicalValueError(
                "--box does not apply to --kind subdivision, which draws "
                "exponents, not points of the plane"
            )
        return plot.plot_subdivision(source)
    if kind == "curve":
        return plot.plot_curve(source, box=box)
    if kind == "graph":
        return plot.plot_graph(source, box=box)
    return plot.plot_regions(source, box=box)


def run(arguments: argparse.Namespace) -> int:
    """Run ``tropicalnn plot``."""
    try:
        from ..plot._common import require_matplotlib

        require_matplotlib()
    except ModuleNotFoundError as err:
        print(f"tropicalnn: error: {err}", file=sys.stderr)
        return 1
    source = _read_source(arguments)
    box = None
    if arguments.box is not None:
        box = tuple(parse_bound(text) for text in arguments.box)
    if arguments.dpi <= 0:
        raise TropicalValueError(f"--dpi {arguments.dpi} must be a positive integer")

    path = Path(arguments.output)
    _check_output(path)
    ax = draw(source, arguments.kind, box)
    ax.figure.savefig(path, dpi=arguments.dpi)
    print(f"wrote {path}")
    return 0
