"""``tropicalnn eval``: the exact value of an expression at a point."""

from __future__ import annotations

import argparse
import math
from fractions import Fraction
from typing import Any

from ..errors import TropicalValueError, VariableMismatchError
from ..parsing import parse

__all__ = ["register", "run", "parse_coordinate"]

_ZERO_SPELLINGS = {"-inf": -math.inf, "-∞": -math.inf, "inf": math.inf,
                   "+inf": math.inf, "∞": math.inf, "+∞": math.inf}


def register(subparsers: Any) -> None:
    """Add the ``eval`` subcommand."""
    parser = subparsers.add_parser(
        "eval",
        help="evaluate an expression exactly at a point",
        description=(
            "Read an expression, as 'tropicalnn simplify' does, and print its "
            "exact value at the point given with --at, as an integer or a "
            "fraction p/q."
        ),
        epilog=(
            "An expression that starts with '-' must follow '--', as in "
            "tropicalnn eval --at x=1 -- '-max(x, 0)'."
        ),
    )
    parser.add_argument("expression", help="the expression to evaluate")
    parser.add_argument(
        "--at",
        nargs="+",
        action="extend",
        metavar="NAME=VALUE",
        help=(
            "coordinates of the point, for example --at x=1 y=1/2; a value is "
            "an integer, a fraction p/q, a decimal (read exactly) or -inf "
            "(tropical zero in max-plus)"
        ),
    )
    parser.add_argument(
        "--convention",
        choices=("max", "min"),
        default="max",
        help="semiring of the expression: ⊕ is max or min (default: max)",
    )
    parser.set_defaults(handler=run)


def parse_coordinate(assignment: str) -> tuple[str, Fraction | float]:
    """Split ``NAME=VALUE`` and read the value exactly.

    Examples
    --------
    >>> parse_coordinate("y=1/2"), parse_coordinate("x=0.25")
    (('y', Fraction(1, 2)), ('x', Fraction(1, 4)))
    >>> parse_coordinate("x")
    Traceback (most recent call last):
    ...
    tropicalnn.errors.TropicalValueError: invalid coordinate 'x'; ...
    """
    name, equals, text = assignment.partition("=")
    name, text = name.strip(), text.strip()
    if not equals or not name:
        raise TropicalValueError(
            f"invalid coordinate {assignment!r}; expected NAME=VALUE, for "
            "example x=1/2"
        )
    if text in _ZERO_SPELLINGS:
        return name, _ZERO_SPELLINGS[text]
    try:
        return name, Fraction(text)
    except (ValueError, ZeroDivisionError) as err:
        raise TropicalValueError(
            f"invalid value {text!r} for {name}; expected an integer, a "
            "fraction p/q, a decimal or -inf"
        ) from err


def _format_value(value: Fraction | float) -> str:
    if isinstance(value, Fraction):
        return str(value)
    if math.isinf(value):
        return "-inf" if value < 0 else "inf"
    return repr(value)


def run(arguments: argparse.Namespace) -> int:
    """Run ``tropicalnn eval``."""
    function = parse(arguments.expression, arguments.convention)
    point: dict[str, Fraction | float] = {}
    for assignment in arguments.at or []:
        name, value = parse_coordinate(assignment)
        if name in point:
            raise TropicalValueError(f"the coordinate {name} is given twice")
        point[name] = value

    # Every variable needs a value, and every value a variable.
    missing = [name for name in function.variables if name not in point]
    if missing:
        raise VariableMismatchError(
            "missing values for the variables " + ", ".join(missing)
            + "; give them with --at NAME=VALUE"
        )
    unknown = [name for name in point if name not in function.variables]
    if unknown:
        known = ", ".join(function.variables) or "none"
        raise VariableMismatchError(
            "the expression has no variables " + ", ".join(unknown)
            + f"; its variables are {known}"
        )
    print(_format_value(function(**point)))
    return 0
