"""``tropicalnn regions``: exact activation and linear regions of a network."""

from __future__ import annotations

import argparse
import json
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import TropicalValueError
from ..nn.bounds import region_bounds
from ..nn.io import MODEL_SUFFIXES, default_model_path, load_iris_data, load_model
from ..nn.network import Network
from ..nn.regions import LinearRegions, linear_regions
from ..serialize import number_to_json

__all__ = ["register", "run", "parse_bound", "regions_to_json"]

# Regions listed in the text report when --limit is not given.
DEFAULT_LIMIT = 20


def register(subparsers: Any) -> None:
    """Add the ``regions`` subcommand."""
    parser = subparsers.add_parser(
        "regions",
        help="compute the exact activation and linear regions of a network",
        description=(
            "Decompose the input space of a ReLU-type network into activation "
            "regions (one activation pattern each) and linear regions (maximal "
            "connected unions with one affine map), exactly, on all of R^n or "
            "inside a box."
        ),
    )
    parser.add_argument(
        "model",
        nargs="?",
        help=(
            "model file (" + ", ".join(MODEL_SUFFIXES) + "); the bundled Iris "
            "classifier inside the bounding box of its data when omitted"
        ),
    )
    parser.add_argument(
        "--box",
        nargs=2,
        metavar=("LO", "HI"),
        help=(
            "restrict to the box LO <= x <= HI; each bound is one number for "
            "every input or a comma-separated list with one number per input, "
            "as integers, decimals (read exactly) or fractions p/q"
        ),
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help=(
            "print JSON: counts, bounds and every region with its pattern, "
            "affine map and inequalities A x <= b"
        ),
    )
    parser.add_argument(
        "--limit",
        type=int,
        default=DEFAULT_LIMIT,
        help=f"regions listed in the text report (default: {DEFAULT_LIMIT})",
    )
    # Read "-2,-1.5" or "-1/2" as a value, not an option, as Python 3.13
    # does for every string that starts with "-" and a digit.
    parser._negative_number_matcher = re.compile(r"^-\.?\d")
    parser.set_defaults(handler=run)


def parse_bound(text: str) -> list[Fraction] | Fraction:
    """Read one box bound: a number, or comma-separated numbers.

    Examples
    --------
    >>> parse_bound("1/2"), parse_bound("0,-1.5")
    (Fraction(1, 2), [Fraction(0, 1), Fraction(-3, 2)])
    """
    parts = [part.strip() for part in text.split(",")]
    try:
        values = [Fraction(part) for part in parts]
    except (ValueError, ZeroDivisionError) as err:
        raise TropicalValueError(
            f"invalid box bound {text!r}; expected a number such as 2, -0.5 or "
            "1/3, or comma-separated numbers"
        ) from err
    return values[0] if len(values) == 1 else values


def _number(value: Fraction, exact: bool) -> Any:
    return number_to_json(value if exact else float(value))


def _row(values: Any, exact: bool) -> list[Any]:
    return [_number(v, exact) for v in values]


def regions_to_json(
    network: Network, result: LinearRegions, source: str
) -> dict[str, Any]:
    """Return the JSON report of ``tropicalnn regions --json``.

    Exact networks give exact numbers as ``"p/q"`` strings.  A float
    network is decomposed exactly as well, but its numbers are written as
    JSON floats, and its inequality rows are scaled to a largest entry of
    1 first.
    """
    exact = result.exact
    regions = []
    for region in result.activation_regions:
        rows: list[list[Fraction]] = [list(row) for row in region.A]
        bounds: list[Fraction] = list(region.b)
        if not exact and rows:
            scales = [max(abs(v) for v in row) for row in rows]
            rows = [[v / s for v in row] for row, s in zip(rows, scales, strict=True)]
            bounds = [v / s for v, s in zip(bounds, scales, strict=True)]
        regions.append(
            {
                "index": region.index,
                "pattern": list(region.pattern),
                "linear_region": region.linear_region,
                "bounded": region.bounded,
                "affine_map": {
                    "weight": [_row(row, exact) for row in region.affine_map.weight],
                    "bias": _row(region.affine_map.bias, exact),
                },
                "inequalities": {
                    "A": [_row(row, exact) for row in rows],
                    "b": _row(bounds, exact),
                },
                "point": _row(region.point, exact),
            }
        )
    box = None
    if result.box is not None:
        box = {"low": _row(result.box[0], True), "high": _row(result.box[1], True)}
    return {
        "model": source,
        "exact": exact,
        "inputs": list(result.variables),
        "outputs": list(result.output_names),
        "box": box,
        "n_activation_regions": result.n_activation_regions,
        "n_linear_regions": result.n_linear_regions,
        "bounds": region_bounds(network).as_dict(),
        "activation_regions": regions,
        "linear_regions": [
            {
                "index": linear.index,
                "activation_regions": list(linear.activation_regions),
                "bounded": linear.bounded,
            }
            for linear in result.linear_regions
        ],
        "adjacency": sorted([sorted(edge) for edge in result.graph.edges]),
    }


def _default_box() -> tuple[np.ndarray, np.ndarray]:
    data, _ = load_iris_data()
    low = [Fraction(str(v)) for v in data.min(axis=0)]
    high = [Fraction(str(v)) for v in data.max(axis=0)]
    return np.array(low, dtype=object), np.array(high, dtype=object)


def _print_text(
    path: Path, network: Network, result: LinearRegions, limit: int
) -> None:
    print(f"{network} from {path.name}")
    if result.box is None:
        print(f"domain: all of R^{result.n_inputs}")
    else:
        ranges = ", ".join(
            f"{name} in [{lo}, {hi}]"
            for name, lo, hi in zip(result.variables, *result.box, strict=True)
        )
        print(f"box: {ranges}")
    bounds = region_bounds(network)
    print(f"activation regions: {result.n_activation_regions}")
    print(f"linear regions: {result.n_linear_regions}")
    one_layer = (
        "" if bounds.one_layer is None else f", one hidden layer {bounds.one_layer}"
    )
    print(f"upper bounds: product {bounds.product}{one_layer}")
    if not result.exact:
        print("float parameters were read as the exact binary fractions they store")
    listed = result.activation_regions[: max(limit, 0)]
    if not listed:
        return
    print()
    print("region  linear  bounded  facets  pattern")
    for region in listed:
        pattern = "".join(str(v) if v < 10 else f"[{v}]" for v in region.pattern)
        bounded = {True: "yes", False: "no", None: "box"}[region.bounded]
        print(
            f"{region.index:6d}  {region.linear_region:6d}  {bounded:>7}  "
            f"{region.A.shape[0]:6d}  {pattern}"
        )
    remaining = result.n_activation_regions - len(listed)
    if remaining > 0:
        print(f"... {remaining} more; use --limit or --json to see them")


def run(arguments: argparse.Namespace) -> int:
    """Run ``tropicalnn regions``."""
    path = Path(arguments.model) if arguments.model else default_model_path()
    network = load_model(path)
    box: Any = None
    if arguments.box is not None:
        box = tuple(parse_bound(text) for text in arguments.box)
    elif arguments.model is None:
        box = _default_box()
    result = linear_regions(network, box)
    if arguments.json:
        print(json.dumps(regions_to_json(network, result, path.name), indent=1))
    else:
        _print_text(path, network, result, arguments.limit)
    return 0
