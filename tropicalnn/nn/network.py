"""The network type: a sequence of affine layers and activations.

Two array layouts are accepted, and both are documented in
``docs/networks.md``:

* :meth:`Network.from_arrays` takes lists of weights shaped
  ``(n_out, n_in)``, as ``torch.nn.Linear.weight``, and biases shaped
  ``(n_out,)``.  scikit-learn stores the transpose, ``(n_in, n_out)``.
* :meth:`Network.from_npz` reads an ``.npz`` file with arrays ``W0, b0, W1,
  b1, ...`` in the same layout and an optional string array
  ``activations`` with one entry per layer.

Without explicit activations every hidden layer gets a ReLU and the last
layer none.
"""

from __future__ import annotations

import logging
import os
import zipfile
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from ..errors import (
    ModelFileError,
    ShapeMismatchError,
    TropicalTypeError,
    TropicalValueError,
    UnsupportedLayerError,
)
from ..polynomial import _check_variables, default_variables
from .layers import (
    Identity,
    Layer,
    LeakyReLU,
    Linear,
    Maxout,
    MaxPool,
    ReLU,
    parse_activation,
)

__all__ = ["Network"]

logger = logging.getLogger(__name__)

_SUPPORTED = "Linear, ReLU, LeakyReLU, Identity, Maxout, MaxPool"


class Network:
    """A feed-forward piecewise-linear network.

    Parameters
    ----------
    layers : sequence of Layer
        Applied in order.  :class:`~tropicalnn.nn.layers.Linear` layers carry
        the parameters; activations are :class:`ReLU`, :class:`LeakyReLU`,
        :class:`Identity`, :class:`Maxout` and :class:`MaxPool`.
    n_inputs : int, optional
        Input width; taken from the first linear layer when omitted.
    input_names, output_names : sequence of str, optional
        Names of the inputs (variables of the formula) and outputs.

    Examples
    --------
    >>> from fractions import Fraction
    >>> net = Network.from_arrays(
    ...     [[[1, 2], [0, -1], [3, 1]], [[1, -1, 2]]],
    ...     [[0, 1, -1], [Fraction(1, 2)]],
    ... )
    >>> net
    Network([Linear(n_in=2, n_out=3, exact), ReLU(), Linear(n_in=3, n_out=1, exact), Identity()])
    >>> net.forward([[1, 2], [0, 0]])
    array([[13.5],
           [-0.5]])
    >>> net.forward(np.array([[1, 2]], dtype=object))
    array([[Fraction(27, 2)]], dtype=object)
    """

    def __init__(
        self,
        layers: Sequence[Layer],
        n_inputs: int | None = None,
        input_names: Sequence[str] | None = None,
        output_names: Sequence[str] | None = None,
    ) -> None:
        layers = list(layers)
        for position, layer in enumerate(layers):
            if not isinstance(layer, Layer):
                raise UnsupportedLayerError(
                    f"layer {position} is {type(layer).__name__}, which is not "
                    f"supported; supported layers: {_SUPPORTED}"
                )
        if not any(isinstance(layer, Linear) for layer in layers):
            raise TropicalValueError(
                "a network needs at least one Linear layer to fix its input width"
            )
        if n_inputs is None:
            n_inputs = _input_width(layers)
        widths = [n_inputs]
        for position, layer in enumerate(layers):
            try:
                widths.append(layer.output_width(widths[-1]))
            except ShapeMismatchError as err:
                raise ShapeMismatchError(f"layer {position}: {err}") from err
        self._layers = tuple(layers)
        self._widths = tuple(widths)
        self._input_names = _check_variables(
            input_names if input_names is not None else default_variables(n_inputs)
        )
        if len(self._input_names) != n_inputs:
            raise ShapeMismatchError(
                f"{len(self._input_names)} input names given for {n_inputs} inputs"
            )
        if output_names is None:
            output_names = [f"f{i}" for i in range(1, widths[-1] + 1)]
        self._output_names = tuple(str(name) for name in output_names)
        if len(self._output_names) != widths[-1]:
            raise ShapeMismatchError(
                f"{len(self._output_names)} output names given for "
                f"{widths[-1]} outputs"
            )

    # -- constructors -------------------------------------------------------

    @classmethod
    def from_arrays(
        cls,
        weights: Sequence[ArrayLike],
        biases: Sequence[ArrayLike] | None = None,
        activations: Sequence[Any] | None = None,
        *,
        input_names: Sequence[str] | None = None,
        output_names: Sequence[str] | None = None,
    ) -> Network:
        """Build a network from weight matrices and bias vectors.

        Parameters
        ----------
        weights : sequence of array_like, each shape (n_out, n_in)
            One matrix per layer; rows are output units.
        biases : sequence of array_like, each shape (n_out,), optional
            One vector per layer, zero when omitted.
        activations : sequence, optional
            One entry per layer: a name such as ``"relu"``, ``"identity"``,
            ``"leaky_relu:0.01"``, ``"maxout:2"`` (see
            :func:`~tropicalnn.nn.layers.parse_activation`) or a layer
            object.  By default ReLU on hidden layers and identity on the
            last.
        """
        weights = list(weights)
        if not weights:
            raise TropicalValueError("no weight matrices given; expected one per layer")
        if biases is None:
            biases = [None] * len(weights)
        biases = list(biases)
        if len(biases) != len(weights):
            raise ShapeMismatchError(
                f"{len(weights)} weight matrices but {len(biases)} bias vectors "
                "given; expected one of each per layer"
            )
        if activations is None:
            activations = ["relu"] * (len(weights) - 1) + ["identity"]
        activations = list(activations)
        if len(activations) != len(weights):
            raise ShapeMismatchError(
                f"{len(activations)} activations given for {len(weights)} layers; "
                "expected one per layer"
            )
        layers: list[Layer] = []
        for index, (weight, bias, activation) in enumerate(
            zip(weights, biases, activations)
        ):
            try:
                layers.append(Linear(weight, bias))
            except (TropicalValueError, TropicalTypeError) as err:
                raise type(err)(f"layer {index}: {err}") from err
            layers.append(parse_activation(activation))
        return cls(layers, input_names=input_names, output_names=output_names)

    @classmethod
    def from_npz(cls, path: str | os.PathLike[str]) -> Network:
        """Read a network from an ``.npz`` file.

        The file contains arrays ``W0, b0, W1, b1, ...`` (weights shaped
        ``(n_out, n_in)``, biases ``(n_out,)``) and optionally a string array
        ``activations`` with one entry per layer, and string arrays
        ``input_names`` and ``output_names``.  Pickled objects are never
        loaded.

        Raises
        ------
        ModelFileError
            When the file is missing, not an ``.npz`` archive, or lacks
            arrays.
        """
        path = os.fspath(path)
        if not os.path.exists(path):
            raise ModelFileError(f"model file {path!r} not found")
        if not zipfile.is_zipfile(path):
            raise ModelFileError(
                f"cannot read model file {path!r}: it is not an .npz archive "
                "(a zip file of arrays W0, b0, W1, b1, ... written by "
                "numpy.savez)"
            )
        try:
            with np.load(path, allow_pickle=False) as archive:
                arrays = {name: archive[name] for name in archive.files}
        except (OSError, ValueError, zipfile.BadZipFile, EOFError) as err:
            raise ModelFileError(
                f"cannot read model file {path!r} as an .npz archive of arrays "
                f"W0, b0, W1, b1, ...: {err}"
            ) from err
        return cls._from_archive(arrays, path)

    @classmethod
    def from_torch(cls, module: Any, **names: Any) -> Network:
        """Read a PyTorch ``nn.Sequential``; see
        :func:`tropicalnn.nn.torch_loader.from_torch`."""
        from .torch_loader import from_torch

        return from_torch(module, **names)

    @classmethod
    def from_sklearn(cls, model: Any) -> Network:
        """Read a fitted scikit-learn ``MLPClassifier`` or ``MLPRegressor``;
        see :func:`tropicalnn.nn.sklearn_loader.from_sklearn`."""
        from .sklearn_loader import from_sklearn

        return from_sklearn(model)

    @classmethod
    def from_onnx(cls, path: Any, **names: Any) -> Network:
        """Read an ONNX model file; see
        :func:`tropicalnn.nn.onnx_loader.from_onnx`."""
        from .onnx_loader import from_onnx

        return from_onnx(path, **names)

    @classmethod
    def _from_archive(cls, arrays: dict[str, np.ndarray], path: str) -> Network:
        n_layers = 0
        while f"W{n_layers}" in arrays:
            n_layers += 1
        if n_layers == 0:
            raise ModelFileError(
                f"model file {path!r} has no array W0; it contains "
                f"{sorted(arrays)!r}, expected W0, b0, W1, b1, ..."
            )
        expected = {f"W{i}" for i in range(n_layers)} | {
            f"b{i}" for i in range(n_layers)
        }
        optional = {"activations", "input_names", "output_names"}
        unknown = sorted(set(arrays) - expected - optional)
        if unknown:
            raise ModelFileError(
                f"model file {path!r} has unexpected arrays {unknown!r}; "
                f"expected W0..W{n_layers - 1}, b0..b{n_layers - 1} and "
                "optionally activations, input_names, output_names"
            )
        missing = sorted(name for name in expected if name not in arrays)
        if missing:
            raise ModelFileError(f"model file {path!r} lacks arrays {missing!r}")
        weights = [arrays[f"W{i}"] for i in range(n_layers)]
        biases = [arrays[f"b{i}"] for i in range(n_layers)]
        activations = _string_list(arrays, "activations", path)
        input_names = _string_list(arrays, "input_names", path)
        output_names = _string_list(arrays, "output_names", path)
        try:
            return cls.from_arrays(
                weights,
                biases,
                activations,
                input_names=input_names,
                output_names=output_names,
            )
        except (TropicalValueError, TropicalTypeError) as err:
            raise ModelFileError(f"invalid model file {path!r}: {err}") from err

    def save_npz(self, path: str | os.PathLike[str]) -> None:
        """Write the network in the ``.npz`` layout of :meth:`from_npz`.

        Only networks of alternating linear layers and activations can be
        written; exact parameters are written as float64.
        """
        pairs = self._linear_activation_pairs()
        arrays: dict[str, np.ndarray] = {}
        names = []
        for index, (linear, activation) in enumerate(pairs):
            arrays[f"W{index}"] = np.asarray(linear.weight, dtype=np.float64)
            arrays[f"b{index}"] = np.asarray(linear.bias, dtype=np.float64)
            names.append(_activation_name(activation))
        arrays["activations"] = np.array(names)
        arrays["input_names"] = np.array(self._input_names)
        arrays["output_names"] = np.array(self._output_names)
        np.savez(path, **arrays)

    def _linear_activation_pairs(self) -> list[tuple[Linear, Layer]]:
        pairs: list[tuple[Linear, Layer]] = []
        layers = list(self._layers)
        while layers:
            linear = layers.pop(0)
            if not isinstance(linear, Linear):
                raise TropicalValueError(
                    f"cannot write {linear!r} without a linear layer before it"
                )
            activation: Layer = Identity()
            if layers and not isinstance(layers[0], Linear):
                activation = layers.pop(0)
            pairs.append((linear, activation))
        return pairs

    # -- properties ---------------------------------------------------------

    @property
    def layers(self) -> tuple[Layer, ...]:
        """The layers, in order."""
        return self._layers

    @property
    def widths(self) -> tuple[int, ...]:
        """Feature widths: the input width, then the output of each layer."""
        return self._widths

    @property
    def n_inputs(self) -> int:
        """Number of inputs."""
        return self._widths[0]

    @property
    def n_outputs(self) -> int:
        """Number of outputs."""
        return self._widths[-1]

    @property
    def input_names(self) -> tuple[str, ...]:
        """Input names, the variables of the tropical formula."""
        return self._input_names

    @property
    def output_names(self) -> tuple[str, ...]:
        """Output names."""
        return self._output_names

    @property
    def is_exact(self) -> bool:
        """Whether every parameter is exact, so the conversion is exact."""
        return all(layer.is_exact for layer in self._layers)

    # -- forward pass -----------------------------------------------------

    def forward(self, inputs: ArrayLike) -> np.ndarray:
        """Evaluate the network numerically.

        Parameters
        ----------
        inputs : array_like, shape (n_points, n_inputs)
            One input per row; a single input of shape ``(n_inputs,)`` is
            accepted too and gives one row.

        Returns
        -------
        ndarray, shape (n_points, n_outputs)
            ``float64``; when the network is exact and `inputs` is an object
            array of exact numbers, ``Fraction`` entries in an object array.
        """
        values = self._input_array(inputs)
        exact = values.dtype == object
        for layer in self._layers:
            values = _apply_layer(layer, values, exact)
        return values

    __call__ = forward

    def _input_array(self, inputs: ArrayLike) -> np.ndarray:
        array = np.asarray(inputs)
        if array.ndim == 1 and array.shape[0] == self.n_inputs:
            array = array[None, :]
        if array.ndim != 2 or array.shape[1] != self.n_inputs:
            raise ShapeMismatchError(
                f"inputs of shape {array.shape} given; expected "
                f"(n_points, {self.n_inputs})"
            )
        if array.dtype == object:
            if self.is_exact and all(
                isinstance(v, (int, Fraction)) and not isinstance(v, bool)
                for v in array.flat
            ):
                converted = np.empty(array.shape, dtype=object)
                for index, value in np.ndenumerate(array):
                    converted[index] = Fraction(value)
                return converted
            array = array.astype(np.float64)
        if not np.issubdtype(array.dtype, np.number) or np.iscomplexobj(array):
            raise TropicalTypeError(
                f"inputs of dtype {array.dtype} given; expected real numbers"
            )
        array = np.asarray(array, dtype=np.float64)
        if not np.isfinite(array).all():
            raise TropicalValueError(
                "inputs contain nan or infinity; expected finite numbers"
            )
        return array

    def __repr__(self) -> str:
        return "Network([" + ", ".join(repr(layer) for layer in self._layers) + "])"

    def __str__(self) -> str:
        shown = [self._widths[0]] + [
            width
            for layer, width in zip(self._layers, self._widths[1:])
            if isinstance(layer, (Linear, Maxout, MaxPool))
        ]
        widths = " → ".join(str(w) for w in shown)
        kind = "exact" if self.is_exact else "float"
        return f"Network {widths} ({kind} parameters, {len(self._layers)} layers)"


def _input_width(layers: Sequence[Layer]) -> int:
    for layer in layers:
        if isinstance(layer, Linear):
            return layer.n_in
        if isinstance(layer, (Maxout, MaxPool)):
            break
    raise TropicalValueError(
        "cannot infer the input width because a pooling layer comes before "
        "the first linear layer; pass n_inputs"
    )


def _apply_layer(layer: Layer, values: np.ndarray, exact: bool) -> np.ndarray:
    if isinstance(layer, Linear):
        weight, bias = layer.weight, layer.bias
        if not exact:
            weight = np.asarray(weight, dtype=np.float64)
            bias = np.asarray(bias, dtype=np.float64)
        return values @ weight.T + bias
    if isinstance(layer, ReLU):
        threshold = layer.threshold if exact else float(layer.threshold)
        return np.where(values > threshold, values, threshold) if threshold != float(
            "-inf") else values
    if isinstance(layer, LeakyReLU):
        alpha = layer.alpha if exact else float(layer.alpha)
        return np.where(values > 0, values, values * alpha)
    if isinstance(layer, Identity):
        return values
    if isinstance(layer, (Maxout, MaxPool)):
        groups = layer.groups(values.shape[1])
        columns = [values[:, group].max(axis=1) for group in groups]
        return np.stack(columns, axis=1)
    raise UnsupportedLayerError(
        f"layer {layer!r} is not supported; supported layers: {_SUPPORTED}"
    )


def _string_list(
    arrays: dict[str, np.ndarray], name: str, path: str
) -> list[str] | None:
    if name not in arrays:
        return None
    array = arrays[name]
    if array.dtype.kind not in "US":
        raise ModelFileError(
            f"array {name!r} in model file {path!r} has dtype {array.dtype}; "
            "expected strings"
        )
    return [str(v) for v in array.reshape(-1)]


def _activation_name(layer: Layer) -> str:
    if isinstance(layer, ReLU):
        return "relu" if layer.threshold == 0 else f"relu:{layer.threshold}"
    if isinstance(layer, LeakyReLU):
        return f"leaky_relu:{layer.alpha}"
    if isinstance(layer, Identity):
        return "identity"
    if isinstance(layer, Maxout):
        return f"maxout:{layer.n_pieces}"
    if isinstance(layer, MaxPool):
        stride = f":{layer.stride}" if layer.stride else ""
        return f"maxpool:{layer.kernel_size}{stride}"
    raise UnsupportedLayerError(f"cannot name activation {layer!r}")

