"""Reading networks from files, chosen by the file's suffix."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ModelFileError
from .network import Network

__all__ = ["load_model", "MODEL_SUFFIXES", "default_model_path", "load_iris_data"]

MODEL_SUFFIXES = (".npz", ".onnx")

_DATA = Path(__file__).resolve().parent.parent / "data"


def default_model_path() -> Path:
    """Return the path of the bundled Iris classifier."""
    return _DATA / "iris_mlp.npz"


def load_model(path: str | os.PathLike[str]) -> Network:
    """Read a network from `path`; the suffix selects the format.

    Raises
    ------
    ModelFileError
        When the file is missing or its suffix is not one of
        :data:`MODEL_SUFFIXES`.
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".npz":
        return Network.from_npz(path)
    if suffix == ".onnx":
        return Network.from_onnx(path)
    raise ModelFileError(
        f"unsupported model file {os.fspath(path)!r}; expected a file ending "
        f"in {', '.join(MODEL_SUFFIXES)}"
    )


def load_iris_data():  # type: ignore[no-untyped-def]
    """Return the bundled Iris measurements, shape ``(150, 4)``, and the
    species names, shape ``(150,)``."""
    import csv

    import numpy as np

    with open(_DATA / "iris.csv", newline="") as handle:
        rows = list(csv.reader(handle))
    features = np.array([[float(v) for v in row[:4]] for row in rows[1:]])
    species = np.array([row[4] for row in rows[1:]])
    return features, species
