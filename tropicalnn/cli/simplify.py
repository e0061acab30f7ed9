"""``tropicalnn simplify``: parse an expression, reduce it and print it."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..parsing import parse
from ..polynomial import TropicalPolynomial
from ..printing import format_function
from ..rational import TropicalRational
from ._format import RENDERED_FORMATS, function_to_json, render

__all__ = ["register", "run"]

FORMATS = ("text", *RENDERED_FORMATS, "json")


def register(subparsers: Any) -> None:
    """Add the ``simplify`` subcommand."""
    parser = subparsers.add_parser(
        "simplify",
        help="reduce an expression to its essential monomials",
        description=(
            "Read a piecewise-linear expression, in classical notation such as "
            "'max(0, x + 1, x/2)' or in tropical notation such as "
            "'x ⊕ 1⊙y ⊕ 0' (ASCII: 'x (+) 1(*)y (+) 0'), drop the monomials "
            "that are nowhere strictly maximal and print the result.  A "
            "rational function f ⊘ g is reduced in f and in g."
        ),
    )
    parser.add_argument("expression", help="the expression to simplify")
    parser.add_argument(
        "--convention",
        choices=("max", "min"),
        default="max",
        help="semiring of the expression: ⊕ is max or min (default: max)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help=(
            "output format: text is a report with the tropical and classical "
            "forms and the number of terms; the others print the result "
            "alone (default: text)"
        ),
    )
    parser.set_defaults(handler=run)


def _parts(
    function: TropicalPolynomial | TropicalRational,
) -> list[tuple[str, TropicalPolynomial]]:
    if isinstance(function, TropicalRational):
        return [
            ("numerator", function.numerator),
            ("denominator", function.denominator),
        ]
    return [("polynomial", function)]


def _text_report(
    function: TropicalPolynomial | TropicalRational,
    reduced: TropicalPolynomial | TropicalRational,
) -> str:
    lines = [
        f"tropical:  {format_function(reduced, 'tropical')}",
        f"classical: {format_function(reduced, 'classical')}",
    ]
    pairs = zip(_parts(function), _parts(reduced), strict=True)
    for (label, before), (_, after) in pairs:
        counts = f"{before.n_terms} before reduction, {after.n_terms} after"
        if label == "polynomial":
            lines.append(f"terms:     {counts}")
        else:
            lines.append(f"{label} terms: {counts}")
    return "\n".join(lines)


def _json_report(
    text: str,
    function: TropicalPolynomial | TropicalRational,
    reduced: TropicalPolynomial | TropicalRational,
) -> dict[str, Any]:
    data = {"input": text, **function_to_json(reduced)}
    for label, before in _parts(function):
        target = data if label == "polynomial" else data[label]
        target["n_terms_before_reduction"] = before.n_terms
    return data


def run(arguments: argparse.Namespace) -> int:
    """Run ``tropicalnn simplify``."""
    function = parse(arguments.expression, arguments.convention)
    reduced = function.reduced()
    if arguments.format == "text":
        print(_text_report(function, reduced))
    elif arguments.format == "json":
        print(json.dumps(_json_report(arguments.expression, function, reduced),
                         indent=1, ensure_ascii=False))
    else:
        print(render(reduced, arguments.format))
    return 0
