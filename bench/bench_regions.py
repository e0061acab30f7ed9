"""Time the exact linear regions of random networks against grid sampling.

Each network has float64 weights drawn like PyTorch's default
initialisation of ``nn.Linear`` (uniform in ``±1/sqrt(fan_in)``, weights
and biases).  For every size the script runs
:func:`tropicalnn.nn.regions.linear_regions` on all of ``R^n`` and inside
the box ``[-3, 3]^n``, and :func:`tropicalnn.nn.bounds.sample_regions`
on regular grids of that box.  The grid counts distinct activation
patterns, so it can only find fewer regions than the exact count inside
the box.  It prints one markdown table of medians over the seeds.

Run from the repository root (``PYTHONPATH=.`` is not needed after
``pip install -e .``)::

    PYTHONPATH=. python bench/bench_regions.py            # full table
    PYTHONPATH=. python bench/bench_regions.py --quick    # one seed, small grids
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time

import numpy as np

from tropicalnn import Network
from tropicalnn.nn.bounds import product_bound, sample_regions
from tropicalnn.nn.regions import linear_regions

SIZES = [(2, 16, 16, 1), (2, 32, 32, 1), (4, 16, 16, 1)]
BOX = (-3, 3)
# Grid sizes (total points) per input dimension.
GRIDS = {2: [10_000, 1_000_000], 4: [10_000, 1_000_000]}
QUICK_GRIDS = {2: [10_000], 4: [10_000]}


def random_network(widths: tuple[int, ...], seed: int) -> Network:
    """Float network initialised as ``torch.nn.Linear`` does by default."""
    rng = np.random.default_rng(seed)
    weights, biases = [], []
    for n_in, n_out in zip(widths[:-1], widths[1:], strict=True):
        bound = 1 / np.sqrt(n_in)
        weights.append(rng.uniform(-bound, bound, size=(n_out, n_in)))
        biases.append(rng.uniform(-bound, bound, size=n_out))
    return Network.from_arrays(weights, biases)


def timed(function, *arguments, **keywords):
    start = time.perf_counter()
    result = function(*arguments, **keywords)
    return result, time.perf_counter() - start


def measure(widths: tuple[int, ...], seeds: list[int], grids: list[int]) -> dict:
    rows: dict[str, list[float]] = {}

    def record(name: str, value: float) -> None:
        rows.setdefault(name, []).append(value)

    for seed in seeds:
        net = random_network(widths, seed)
        whole, seconds = timed(linear_regions, net)
        record("whole regions", whole.n_activation_regions)
        record("whole linear", whole.n_linear_regions)
        record("whole time", seconds)
        boxed, seconds = timed(linear_regions, net, BOX)
        record("box regions", boxed.n_activation_regions)
        record("box time", seconds)
        for size in grids:
            estimate, seconds = timed(sample_regions, net, BOX, size, grid=True)
            record(f"grid {size} found", estimate.n_patterns)
            record(f"grid {size} points", estimate.n_points)
            record(f"grid {size} time", seconds)
    rows["bound"] = [product_bound(random_network(widths, 0))]
    return {name: statistics.median(values) for name, values in rows.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seeds",
        type=int,
        default=5,
        help="number of random networks per size (default: 5)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="one network per size and only the small grid",
    )
    arguments = parser.parse_args()
    seeds = list(range(1 if arguments.quick else arguments.seeds))
    grids = QUICK_GRIDS if arguments.quick else GRIDS

    print(
        f"Python {platform.python_version()}, numpy {np.__version__}, "
        f"{len(seeds)} networks per size, box [{BOX[0]}, {BOX[1]}]^n"
    )
    print()
    header = [
        "network",
        "product bound",
        "regions in R^n",
        "linear regions in R^n",
        "time R^n",
        "regions in box",
        "time box",
    ]
    all_grids = sorted({g for sizes in grids.values() for g in sizes})
    for size in all_grids:
        header += [f"grid {size:,} found", f"grid {size:,} time"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for widths in SIZES:
        stats = measure(widths, seeds, grids[widths[0]])
        cells = [
            "→".join(str(w) for w in widths),
            f"{stats['bound']:,.0f}",
            f"{stats['whole regions']:,.0f}",
            f"{stats['whole linear']:,.0f}",
            f"{stats['whole time']:.2f} s",
            f"{stats['box regions']:,.0f}",
            f"{stats['box time']:.2f} s",
        ]
        for size in all_grids:
            if f"grid {size} found" in stats:
                points = stats[f"grid {size} points"]
                cells += [
                    f"{stats[f'grid {size} found']:,.0f} ({points:,.0f} points)",
                    f"{stats[f'grid {size} time']:.2f} s",
                ]
            else:
                cells += ["", ""]
        print("| " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
