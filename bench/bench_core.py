"""Benchmark polynomial evaluation and network conversion.

Evaluation of a reduced polynomial is compared side by side with the two
plain numpy baselines: a loop over terms with ``np.maximum`` into one output
array, and ``(X @ A.T + c).max(axis=1)``.  Conversion is timed on random
float networks and the bundled Iris classifier, with the monomial counts of
the result.

Run from the repository root:

    PYTHONPATH=. python bench/bench_core.py [--repeat 7]

It prints markdown tables of medians and ratios.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

import tropicalnn as tn
from tropicalnn.nn.io import default_model_path


def median_time(function, repeat: int) -> float:
    """Return the median wall time of `function()` over `repeat` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def reduced_polynomial(n_terms: int, seed: int) -> tn.TropicalPolynomial:
    """Build a bivariate float polynomial whose terms are all essential.

    The exponents lie on a circle, so every one is a vertex of the Newton
    polytope and essential whatever the coefficients."""
    rng = np.random.default_rng(seed)
    angles = np.sort(rng.uniform(0, 2 * np.pi, n_terms))
    exponents = np.stack([np.cos(angles), np.sin(angles)], axis=1) * 10
    coefficients = rng.normal(size=n_terms)
    poly = tn.TropicalPolynomial(exponents, coefficients).reduced()
    return poly


def loop_baseline(points: np.ndarray, exponents: np.ndarray, coefficients):
    out = np.full(points.shape[0], -np.inf)
    for a, c in zip(exponents, coefficients):
        np.maximum(out, points @ a + c, out=out)
    return out


def matmul_baseline(points: np.ndarray, exponents: np.ndarray, coefficients):
    return (points @ exponents.T + coefficients).max(axis=1)


def bench_evaluation(repeat: int) -> None:
    print("| terms | points | evaluate | loop baseline | matmul baseline "
          "| ratio to faster baseline |")
    print("|---:|---:|---:|---:|---:|---:|")
    rng = np.random.default_rng(0)
    for n_terms, n_points in [(20, 10**5), (2000, 10**4)]:
        poly = reduced_polynomial(n_terms, seed=n_terms)
        points = rng.normal(size=(n_points, 2))
        exponents, coefficients = poly.exponents, poly.coefficients
        expected = matmul_baseline(points, exponents, coefficients)
        np.testing.assert_allclose(poly.evaluate(points), expected, rtol=1e-12)
        ours = median_time(lambda: poly.evaluate(points), repeat)
        loop = median_time(
            lambda: loop_baseline(points, exponents, coefficients), repeat
        )
        matmul = median_time(
            lambda: matmul_baseline(points, exponents, coefficients), repeat
        )
        ratio = ours / min(loop, matmul)
        print(f"| {len(poly)} | {n_points} | {ours * 1e3:.2f} ms | "
              f"{loop * 1e3:.2f} ms | {matmul * 1e3:.2f} ms | {ratio:.2f} |")


def random_network(widths: list[int], seed: int) -> tn.Network:
    rng = np.random.default_rng(seed)
    weights = [rng.normal(size=(n_out, n_in)) / np.sqrt(n_in)
               for n_in, n_out in zip(widths[:-1], widths[1:])]
    biases = [rng.normal(size=n_out) * 0.5 for n_out in widths[1:]]
    return tn.Network.from_arrays(weights, biases)


def bench_conversion(repeat: int) -> None:
    print("| network | conversion | numerator terms | denominator terms "
          "| max abs error |")
    print("|---|---:|---:|---:|---:|")
    cases = [
        ("random 2→8→8→1", lambda: random_network([2, 8, 8, 1], 1)),
        ("random 4→16→16→3", lambda: random_network([4, 16, 16, 3], 2)),
        ("Iris 4→8→3", lambda: tn.Network.from_npz(default_model_path())),
    ]
    for label, build in cases:
        net = build()
        times = []
        result = None
        for _ in range(repeat if net.n_inputs == 2 else max(1, repeat // 3)):
            start = time.perf_counter()
            result = tn.convert(net)
            times.append(time.perf_counter() - start)
        assert result is not None
        points = np.random.default_rng(3).normal(scale=3, size=(2000, net.n_inputs))
        error = np.abs(result.map.evaluate(points) - net.forward(points)).max()
        numerators = "/".join(str(n) for n, _ in result.terms_after)
        denominators = "/".join(str(d) for _, d in result.terms_after)
        print(f"| {label} | {statistics.median(times):.3f} s | {numerators} | "
              f"{denominators} | {error:.1e} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7,
                        help="runs per measurement (default: 7)")
    arguments = parser.parse_args()
    bench_evaluation(arguments.repeat)
    print()
    bench_conversion(arguments.repeat)


if __name__ == "__main__":
    main()
