"""Train the bundled two-moons classifier and write it to ``tropicalnn/data``.

The data are two interleaving half circles in the plane ("half moons"),
generated here with numpy so that nothing is downloaded.  The upper moon
is ``(cos t, sin t)`` and the lower moon ``(1 - cos t, 0.5 - sin t)`` for
``t`` uniform in ``[0, π]``.  Gaussian noise of standard deviation
``NOISE`` is added to both coordinates.

The network is a scikit-learn ``MLPClassifier`` with two hidden layers of
12 ReLU units, read with :meth:`tropicalnn.Network.from_sklearn`.  Being a
binary classifier it has one output, the score of the class ``"upper"``
(positive where it predicts the upper moon).  The script writes
``moons_mlp.npz`` and the data set ``moons.csv``.

Run it from the repository root:

    python scripts/train_moons.py

It needs scikit-learn (``pip install -e ".[sklearn]"``) and is
deterministic: the seeds are fixed.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
from sklearn.neural_network import MLPClassifier

from tropicalnn import Network

SEED = 0
N_POINTS = 200
NOISE = 0.1
HIDDEN_UNITS = (12, 12)
DATA = Path(__file__).resolve().parent.parent / "tropicalnn" / "data"


def half_moons(n_points: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Return ``n_points`` points, shape ``(n_points, 2)``, and their labels
    ``"upper"`` or ``"lower"`` (half each)."""
    rng = np.random.default_rng(seed)
    n_upper = n_points // 2
    angles = rng.uniform(0.0, np.pi, size=n_points)
    upper = np.stack([np.cos(angles[:n_upper]), np.sin(angles[:n_upper])], axis=1)
    lower = np.stack(
        [1.0 - np.cos(angles[n_upper:]), 0.5 - np.sin(angles[n_upper:])], axis=1
    )
    points = np.concatenate([upper, lower]) + rng.normal(
        scale=noise, size=(n_points, 2)
    )
    labels = np.array(["upper"] * n_upper + ["lower"] * (n_points - n_upper))
    return points, labels


def main() -> None:
    points, labels = half_moons(N_POINTS, NOISE, SEED)
    model = MLPClassifier(
        hidden_layer_sizes=HIDDEN_UNITS,
        activation="relu",
        solver="lbfgs",
        alpha=1e-3,
        max_iter=5000,
        random_state=SEED,
    )
    model.fit(points, labels)
    accuracy = model.score(points, labels)

    network = Network.from_sklearn(model)
    network = Network(
        network.layers, input_names=["x", "y"], output_names=network.output_names
    )
    network.save_npz(DATA / "moons_mlp.npz")

    with open(DATA / "moons.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["x", "y", "moon"])
        for (x, y), label in zip(points, labels, strict=True):
            writer.writerow([f"{x:.6f}", f"{y:.6f}", label])

    print(f"training accuracy {accuracy:.3f}; wrote {DATA / 'moons_mlp.npz'}")


if __name__ == "__main__":
    main()
