"""Time reduction and dual subdivision of random polynomials against qhull.

For random polynomials with distinct integer exponents in a box and
coefficients ``k / 7`` (``k`` a random integer in ``[-1000, 1000)``), the
script times ``p.reduced()``, the hull kernel's ``essential_terms`` and
``dual_subdivision(p)``, exact and float, next to
``scipy.spatial.ConvexHull`` of the lifted points ``(a_k, c_k)``.  Exact
``p.reduced()`` runs once above 200 terms.
It prints one markdown table of medians.  The last column checks that qhull
found the same upper-hull vertices as the exact kernel ("yes"/"no"), or
shows the qhull error when it rejects the input.

Run from the repository root (``PYTHONPATH=.`` is not needed after
``pip install -e .``)::

    PYTHONPATH=. python bench/bench_geometry.py          # full table
    PYTHONPATH=. python bench/bench_geometry.py --quick  # small sizes, one run
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from collections.abc import Callable
from fractions import Fraction
from functools import partial

import numpy as np
import scipy
from scipy.spatial import ConvexHull

from tropicalnn.geometry import dual_subdivision
from tropicalnn.geometry._hull import essential_terms
from tropicalnn.polynomial import TropicalPolynomial

# "wide" is the 25-term case of `wide_polynomial`.
SIZES = [(2, 20), (2, 200), (2, 2000), (2, 20000), (3, 20), (3, 2000), (2, "wide")]
QUICK_SIZES = [(2, 20), (2, 200), (3, 20)]


def random_polynomial(
    rng: np.random.Generator, n_vars: int, n_terms: int, exact: bool
) -> TropicalPolynomial:
    """Build a polynomial with `n_terms` distinct exponents in a box about
    twice as large as needed."""
    side = int(np.ceil((2 * n_terms) ** (1 / n_vars))) + 1
    rows = np.unique(rng.integers(0, side, size=(3 * n_terms, n_vars)), axis=0)
    rows = rows[rng.permutation(len(rows))[:n_terms]]
    numerators = rng.integers(-1000, 1000, size=n_terms)
    if exact:
        exponents = np.empty(rows.shape, dtype=object)
        exponents[:] = [[Fraction(int(v)) for v in row] for row in rows]
        coefficients = np.empty(n_terms, dtype=object)
        coefficients[:] = [Fraction(int(k), 7) for k in numerators]
    else:
        exponents = rows.astype(np.float64)
        coefficients = numerators / 7.0
    return TropicalPolynomial.from_arrays(exponents, coefficients)


def wide_polynomial(rng: np.random.Generator) -> TropicalPolynomial:
    """Build the 25-term float case where qhull loses vertices: one
    coefficient 1e10 far from two rows of terms with coefficients near 0."""
    ys = np.arange(12)
    rows = [[0, 0]] + [[100, int(y)] for y in ys] + [[99, int(y)] for y in ys]
    values = np.concatenate(
        [
            [1e10],
            -0.01 * (ys - 5.5) ** 2 + rng.uniform(0, 1e-3, 12),
            rng.uniform(-5, -4, 12),
        ]
    )
    return TropicalPolynomial.from_arrays(np.array(rows, float), values)


def exact_copy(p: TropicalPolynomial) -> TropicalPolynomial:
    """Return the exact polynomial with the same (binary rational) values."""
    exponents = np.empty(p.exponents.shape, dtype=object)
    exponents[:] = [[Fraction(float(v)) for v in row] for row in p.exponents]
    coefficients = np.empty(len(p), dtype=object)
    coefficients[:] = [Fraction(float(c)) for c in p.coefficients]
    return TropicalPolynomial.from_arrays(exponents, coefficients)


def median_time(function: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def qhull_upper_vertices(points: np.ndarray) -> tuple[float, set[int] | str]:
    """Time qhull on the lifted points and return its upper-hull vertices,
    or the start of its error message."""
    start = time.perf_counter()
    try:
        hull = ConvexHull(points)
    except Exception as error:  # qhull raises QhullError for flat input
        return time.perf_counter() - start, str(error).splitlines()[0][:40]
    elapsed = time.perf_counter() - start
    upper = hull.equations[:, -2] > 0
    return elapsed, {int(k) for k in hull.simplices[upper].ravel()}


def run(sizes, repeat: int, seed: int) -> list[str]:
    rng = np.random.default_rng(seed)
    header = (
        "| vars | terms | essential | reduced() exact | reduced() float | "
        "kernel exact | kernel float | subdivision exact | subdivision float | "
        "qhull | kernel float / qhull | qhull vertices |"
    )
    lines = [header, "|" + "---|" * 12]
    for n_vars, n_terms in sizes:
        if n_terms == "wide":
            approx = wide_polynomial(rng)
            exact = exact_copy(approx)
            label = "25, spread 1e10"
        else:
            exact = random_polynomial(rng, n_vars, n_terms, exact=True)
            approx = exact.to_float()
            label = str(n_terms)
        rounds = repeat if len(exact) <= 2000 else max(1, repeat // 2)

        # The polynomial's own reduction, and the hull kernel's decision.
        reduce_exact = median_time(exact.reduced, 1 if len(exact) > 200 else rounds)
        reduce_float = median_time(approx.reduced, rounds)
        kernel_exact = median_time(
            partial(essential_terms, exact.exponents, exact.coefficients, exact=True),
            rounds,
        )
        kernel_float = median_time(
            partial(
                essential_terms, approx.exponents, approx.coefficients, exact=False
            ),
            rounds,
        )
        subdivision_exact = median_time(partial(dual_subdivision, exact), rounds)
        subdivision_float = median_time(partial(dual_subdivision, approx), rounds)

        lifted = np.column_stack([approx.exponents, approx.coefficients])
        qhull_times = []
        for _ in range(rounds):
            elapsed, found = qhull_upper_vertices(lifted)
            qhull_times.append(elapsed)
        qhull = statistics.median(qhull_times)
        vertices = set(dual_subdivision(exact).vertices.tolist())
        if isinstance(found, str):
            agreement = found
        else:
            agreement = "yes" if found == vertices else "no"

        cells = [
            _ms(reduce_exact),
            _ms(reduce_float),
            _ms(kernel_exact),
            _ms(kernel_float),
            _ms(subdivision_exact),
            _ms(subdivision_float),
            f"{qhull * 1e3:.2f} ms",
            f"{kernel_float / qhull:.0f}x",
            agreement,
        ]
        lines.append(
            f"| {n_vars} | {label} | {len(vertices)} | " + " | ".join(cells) + " |"
        )
    return lines


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs per measurement (median taken)"
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed")
    args = parser.parse_args()
    sizes = QUICK_SIZES if args.quick else SIZES
    repeat = 1 if args.quick else args.repeat
    print(
        f"Python {platform.python_version()}, numpy {np.__version__}, "
        f"scipy {scipy.__version__}, seed {args.seed}, median of {repeat} runs "
        "(half as many above 2000 terms)"
    )
    print()
    print("\n".join(run(sizes, repeat, args.seed)))


if __name__ == "__main__":
    main()
