"""``tropicalnn geometry``: Newton polytope, subdivision and hypersurface of
a tropical polynomial given as text."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..errors import TropicalValueError
from ..geometry import geometry_summary
from ..parsing import parse
from ..polynomial import TropicalPolynomial
from ._format import RENDERED_FORMATS, render

__all__ = ["register", "run"]

FORMATS = ("text", *RENDERED_FORMATS, "json")


def register(subparsers: Any) -> None:
    """Add the ``geometry`` subcommand."""
    parser = subparsers.add_parser(
        "geometry",
        help="Newton polytope, dual subdivision and tropical hypersurface",
        description=(
            "Read a tropical polynomial, as a max of affine terms such as "
            "'max(0, x+1, y+1, x+y)' (a min with --min) or in tropical "
            "notation, and report its Newton polytope, regular subdivision, "
            "tropical hypersurface and number of linear regions.  Exact "
            "numbers are printed as p/q."
        ),
    )
    parser.add_argument("expression", help="the polynomial, e.g. 'max(0, x, y)'")
    parser.add_argument(
        "--min",
        action="store_true",
        help="read the expression in the min-plus convention",
    )
    parser.add_argument(
        "--vars",
        metavar="NAMES",
        help=(
            "comma-separated variables and their order, e.g. x,y; by default "
            "the variables that occur, in alphabetical order"
        ),
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the summary as JSON (the same as --format json)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="output format (default: text)",
    )
    parser.set_defaults(handler=run)


def read_polynomial(
    text: str, convention: str, names: str | None
) -> TropicalPolynomial:
    """Parse `text` and check that it is a tropical polynomial."""
    variables = None
    if names is not None:
        variables = [name.strip() for name in names.split(",") if name.strip()]
        if not variables:
            raise TropicalValueError(
                f"--vars {names!r} names no variable; expected e.g. x,y"
            )
    function = parse(text, convention=convention, variables=variables)
    if not isinstance(function, TropicalPolynomial):
        kind = "max" if convention == "max" else "min"
        raise TropicalValueError(
            f"{text!r} is not a tropical polynomial in the {convention}-plus "
            f"convention; expected a {kind} of affine terms"
            + (" (use --min for a min)" if convention == "max" else "")
        )
    return function


def run(arguments: argparse.Namespace) -> int:
    """Run ``tropicalnn geometry``."""
    convention = "min" if arguments.min else "max"
    poly = read_polynomial(arguments.expression, convention, arguments.vars)
    fmt = "json" if arguments.json else arguments.format
    if fmt == "json":
        print(json.dumps(geometry_summary(poly), indent=1))
    elif fmt == "text":
        print(_text_report(poly, geometry_summary(poly)))
    else:
        print(render(poly, fmt))
    return 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _points(points: list[list[Any]]) -> str:
    return ", ".join("(" + ", ".join(str(v) for v in point) + ")" for point in points)


def _text_report(poly: TropicalPolynomial, summary: dict[str, Any]) -> str:
    reduced = poly.reduced()
    newton = summary["newton_polytope"]
    surface = summary["hypersurface"]
    lines = [
        f"polynomial:   {render(poly, 'tropical')}",
        f"convention:   {summary['convention']}-plus, variables "
        + (", ".join(summary["variables"]) or "(none)"),
        f"terms:        {summary['terms']}, essential {summary['reduced_terms']}: "
        + render(reduced, "classical"),
        f"Newton polytope: dimension {newton['dimension']}, vertices "
        + _points(newton["vertices"]),
        "dual subdivision: "
        + _count(len(summary["dual_subdivision"]["cells"]), "maximal cell"),
    ]
    for cell in summary["dual_subdivision"]["cells"]:
        lines.append(f"  cell with vertices {_points(cell['vertices'])}")
        extra = [p for p in cell["points"] if p not in cell["vertices"]]
        if extra:
            lines.append(f"    and points {_points(extra)} on it")
    lines.append(
        f"hypersurface: lineality dimension {surface['lineality_dim']}, "
        + _count(surface["n_maximal_cells"], "maximal cell")
        + (", weights " + ", ".join(str(w) for w in surface["weights"])
           if surface["weights"] else "")
    )
    if surface["vertices"]:
        lines.append(f"  vertices {_points(surface['vertices'])}")
    if surface["rays"]:
        lines.append(f"  rays {_points(surface['rays'])}")
    lines.append(f"linear regions: {summary['n_regions']}")
    return "\n".join(lines)
