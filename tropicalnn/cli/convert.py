"""``tropicalnn convert``: a network's exact formula, checked numerically."""

from __future__ import annotations

import argparse
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from ..nn.convert import Conversion, convert, formal_term_bounds
from ..errors import TropicalValueError
from ..nn.io import MODEL_SUFFIXES, default_model_path, load_iris_data, load_model
from ..nn.network import Network
from ..polynomial import TropicalPolynomial
from ..printing import format_polynomial
from ..serialize import number_to_json, polynomial_to_json
from ._format import RENDERED_FORMATS, render

__all__ = ["register", "check_formula"]

# Points at which the formula is compared with the forward pass, besides
# the training data of the bundled model.
DEFAULT_RANDOM_POINTS = 1000
MAX_RANDOM_POINTS = 10**7

# The formula without reduction is expanded to count its terms only when
# the bound of formal_term_bounds stays below this.
FORMAL_EXPANSION_LIMIT = 20_000


def register(subparsers: Any) -> None:
    """Add the ``convert`` subcommand."""
    parser = subparsers.add_parser(
        "convert",
        help="convert a network into tropical rational functions F ⊘ G",
        description=(
            "Convert a ReLU-type network into one tropical rational function "
            "F_i ⊘ G_i per output, reduced to its essential monomials, and "
            "check it against the network's forward pass."
        ),
    )
    parser.add_argument(
        "model",
        nargs="?",
        help=(
            "model file (" + ", ".join(MODEL_SUFFIXES) + "); the bundled Iris "
            "classifier when omitted"
        ),
    )
    parser.add_argument(
        "--format",
        choices=("text", *RENDERED_FORMATS, "json"),
        default="text",
        help=(
            "output format: text is a report with the check, json the full "
            "data; tropical, ascii, classical, latex and sympy print one line "
            "'name = F ⊘ G' per output at full precision (default: text)"
        ),
    )
    parser.add_argument(
        "--points",
        type=int,
        default=DEFAULT_RANDOM_POINTS,
        help=f"number of random check points (default: {DEFAULT_RANDOM_POINTS})",
    )
    parser.add_argument(
        "--seed", type=int, default=0, help="seed of the random points (default: 0)"
    )
    parser.add_argument(
        "--digits",
        type=int,
        default=6,
        help=(
            "significant digits of float coefficients in text output "
            "(default: 6; JSON always has full precision)"
        ),
    )
    parser.set_defaults(handler=run)


def formal_counts(network: Network) -> list[tuple[int, int, bool]]:
    """Return per output the numerator and denominator term counts of the
    formula built without reduction, and whether they are exact counts
    (True) or upper bounds because the expansion would be too large."""
    bounds = formal_term_bounds(network)
    if max(max(pair) for pair in bounds) <= FORMAL_EXPANSION_LIMIT:
        formal = convert(network, reduce=False)
        return [(f, g, True) for f, g in formal.terms_after]
    return [(f, g, False) for f, g in bounds]


def check_formula(
    network: Network,
    conversion: Conversion,
    points: np.ndarray,
) -> float:
    """Return the maximum absolute difference between the formula and the
    forward pass at the rows of `points`.

    For an exact network both sides are evaluated exactly at the points
    (each float is an exact binary fraction), so the error is exactly 0
    unless the formula is wrong.
    """
    if points.shape[0] == 0:
        return 0.0
    if network.is_exact:
        exact_points = np.empty(points.shape, dtype=object)
        for index, value in np.ndenumerate(points):
            exact_points[index] = Fraction(float(value))
        formula_values = conversion.map.evaluate(exact_points)
        forward_values = network.forward(exact_points)
        return float(max(abs(a - b) for a, b in zip(formula_values.flat,
                                                    forward_values.flat)))
    formula = conversion.map.evaluate(points)
    forward = np.asarray(network.forward(points), dtype=np.float64)
    return float(np.max(np.abs(formula - forward)))


def _check_points(
    network: Network, training: np.ndarray | None, n_random: int, seed: int
) -> np.ndarray:
    """Random points in the data's bounding box widened by half its size on
    each side, or in ``[-10, 10]^n`` without data."""
    generator = np.random.default_rng(seed)
    if training is not None and training.shape[0]:
        low, high = training.min(axis=0), training.max(axis=0)
        margin = (high - low) / 2
        low, high = low - margin, high + margin
    else:
        low = np.full(network.n_inputs, -10.0)
        high = np.full(network.n_inputs, 10.0)
    return generator.uniform(low, high, size=(n_random, network.n_inputs))


def run(arguments: argparse.Namespace) -> int:
    """Run ``tropicalnn convert``."""
    if not 0 <= arguments.points <= MAX_RANDOM_POINTS:
        raise TropicalValueError(
            f"--points {arguments.points} is outside 0..{MAX_RANDOM_POINTS}"
        )
    if not 1 <= arguments.digits <= 17:
        raise TropicalValueError(
            f"--digits {arguments.digits} is outside 1..17 significant digits"
        )
    path = Path(arguments.model) if arguments.model else default_model_path()
    network = load_model(path)
    training = load_iris_data()[0] if arguments.model is None else None
    conversion = convert(network)
    formal = formal_counts(network)
    random_points = _check_points(network, training, arguments.points, arguments.seed)
    errors = [check_formula(network, conversion, random_points)]
    if training is not None:
        errors.append(check_formula(network, conversion, training))
    max_error = max(errors)
    n_training = 0 if training is None else training.shape[0]
    if arguments.format == "json":
        report = _json_report(network, conversion, formal,
                              random_points.shape[0], n_training, max_error)
        print(json.dumps(report, indent=1))
    elif arguments.format in RENDERED_FORMATS:
        for name, component in zip(conversion.map.names, conversion.map, strict=True):
            print(f"{name} = {render(component, arguments.format)}")
    else:
        _print_text(path, network, conversion, formal, arguments.digits,
                    random_points.shape[0], n_training, max_error)
    return 0


def _json_report(
    network: Network,
    conversion: Conversion,
    formal: list[tuple[int, int, bool]],
    n_random: int,
    n_training: int,
    max_error: float,
) -> dict[str, Any]:
    outputs = []
    for name, component, before in zip(conversion.map.names, conversion.map, formal):
        key = "n_terms_before_reduction" if before[2] else (
            "max_terms_before_reduction"
        )
        numerator = polynomial_to_json(component.numerator)
        numerator[key] = before[0]
        denominator = polynomial_to_json(component.denominator)
        denominator[key] = before[1]
        outputs.append(
            {"name": name, "numerator": numerator, "denominator": denominator}
        )
    return {
        "convention": "max",
        "exact": network.is_exact,
        "inputs": list(network.input_names),
        "outputs": outputs,
        "check": {
            "points": n_random + n_training,
            "random_points": n_random,
            "training_points": n_training,
            "max_abs_error": number_to_json(max_error),
        },
    }


def _rounded(poly: TropicalPolynomial, digits: int) -> TropicalPolynomial:
    if poly.is_exact:
        return poly
    def round_value(value: float) -> float:
        return float(f"{value:.{digits}g}")
    exponents = np.vectorize(round_value, otypes=[float])(poly.exponents)
    coefficients = np.vectorize(round_value, otypes=[float])(poly.coefficients)
    return TropicalPolynomial(exponents, coefficients, poly.variables, poly.convention)


def _print_text(
    path: Path,
    network: Network,
    conversion: Conversion,
    formal: list[tuple[int, int, bool]],
    digits: int,
    n_random: int,
    n_training: int,
    max_error: float,
) -> None:
    print(f"{network} from {path.name}")
    print("variables: " + ", ".join(network.input_names))
    if not network.is_exact:
        print(f"float values shown to {digits} significant digits; "
              "use --format json for full precision")
    for index, (name, component) in enumerate(zip(conversion.map.names,
                                                  conversion.map), start=1):
        before = formal[index - 1]
        after = conversion.terms_after[index - 1]
        prefix = "" if before[2] else "at most "
        print()
        print(f"{name} = F_{index} ⊘ G_{index}")
        for label, poly, count_before, count_after in (
            (f"F_{index}", component.numerator, before[0], after[0]),
            (f"G_{index}", component.denominator, before[1], after[1]),
        ):
            shown = format_polynomial(_rounded(poly, digits), "tropical")
            print(f"  {label}: {prefix}{count_before} terms before reduction, "
                  f"{count_after} after")
            print(f"    {shown}")
    print()
    checked = f"{n_random} random points"
    if n_training:
        checked = f"{n_training} training points and " + checked
    print(f"check against the forward pass on {checked}: "
          f"max absolute error {max_error:.3g}")
