"""Train the bundled Iris classifier and write it to ``tropicalnn/data``.

The network is a scikit-learn ``MLPClassifier`` with one hidden layer of 8
ReLU units on the four Iris measurements and 3 output scores.  It is
trained on standardised features; the standardisation is then folded into
the first affine layer, so the stored network reads the measurements in
centimetres.  The script also writes the data set it trained on as
``iris.csv``, so that ``tropicalnn convert`` can check the formula on the
training data without scikit-learn.

Run it from the repository root:

    python scripts/train_iris.py

It needs scikit-learn (``pip install -e ".[sklearn]"``) and is
deterministic: the seed is fixed.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
from sklearn.datasets import load_iris
from sklearn.neural_network import MLPClassifier

SEED = 0
HIDDEN_UNITS = 8
DATA = Path(__file__).resolve().parent.parent / "tropicalnn" / "data"
INPUT_NAMES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]


def main() -> None:
    iris = load_iris()
    features, labels = iris.data, iris.target

    # Train on standardised features, which lbfgs needs to converge well.
    mean = features.mean(axis=0)
    scale = features.std(axis=0)
    model = MLPClassifier(
        hidden_layer_sizes=(HIDDEN_UNITS,),
        activation="relu",
        solver="lbfgs",
        alpha=1e-3,
        max_iter=5000,
        random_state=SEED,
    )
    model.fit((features - mean) / scale, labels)
    accuracy = model.score((features - mean) / scale, labels)

    # scikit-learn stores coefs_[i] as (n_in, n_out); the npz layout is
    # (n_out, n_in).  Fold x -> (x - mean) / scale into the first layer.
    first = model.coefs_[0].T / scale
    weights = [first, model.coefs_[1].T]
    biases = [
        model.intercepts_[0] - first @ mean,
        model.intercepts_[1],
    ]
    np.savez(
        DATA / "iris_mlp.npz",
        W0=weights[0],
        b0=biases[0],
        W1=weights[1],
        b1=biases[1],
        activations=np.array(["relu", "identity"]),
        input_names=np.array(INPUT_NAMES),
        output_names=np.array(list(iris.target_names)),
    )

    with open(DATA / "iris.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*INPUT_NAMES, "species"])
        for row, label in zip(features, labels):
            writer.writerow([*(f"{v:g}" for v in row), iris.target_names[label]])

    print(f"training accuracy {accuracy:.3f}; wrote {DATA / 'iris_mlp.npz'}")


if __name__ == "__main__":
    main()
