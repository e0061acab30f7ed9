"""Reading ONNX graphs of piecewise-linear networks.

The graph must have one input of shape ``(batch, features)`` and form a
chain of these operators from it:

=======================  ================================================
operator                 becomes
=======================  ================================================
``Gemm``                 a linear layer; ``transB``, ``alpha`` and
                         ``beta`` are applied, ``transA`` must be 0
``MatMul``               a linear layer, data times a constant matrix
``Add``, ``Sub``,        an entrywise affine map with a constant, folded
``Mul``                  into the neighbouring linear layer
``BatchNormalization``   folded likewise, with ``epsilon`` (inference)
``Relu``, ``LeakyRelu``  :class:`~tropicalnn.nn.layers.ReLU`,
                         :class:`~tropicalnn.nn.layers.LeakyReLU`
``Identity``,            nothing (``Flatten`` with ``axis=1``, ``Cast`` to
``Dropout``, ``Cast``,   a float type, ``Reshape`` to ``(batch, width)``)
``Flatten``,
``Reshape``
=======================  ================================================

The chain ends at a graph output or at the first ``Softmax``,
``LogSoftmax``, ``Sigmoid``, ``ArgMax``, ``ZipMap`` or
``ArrayFeatureExtractor``: the network's outputs are the scores before
that tail.  This matches the graphs that ``torch.onnx.export`` writes for
an ``nn.Sequential`` of supported modules and the graphs that ``skl2onnx``
writes for ``MLPClassifier`` (scores before softmax or logistic, one
column for a binary classifier) and ``MLPRegressor``.

Initializers are read with ``onnx.numpy_helper`` and converted to
float64; ``Constant`` and ``Identity`` nodes on constants are evaluated.
``onnx.load`` parses the protobuf file and never unpickles, so ONNX, like
``.npz``, is safe to read from an untrusted source.  onnx is imported only
when a model is read (``pip install tropicalnn[onnx]``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..errors import (
    MissingDependencyError,
    ModelFileError,
    ShapeMismatchError,
    UnsupportedLayerError,
)
from ._folding import Scaling, assemble_layers, batch_norm_scaling
from .layers import Layer, LeakyReLU, Linear, ReLU
from .network import Network

__all__ = ["from_onnx", "SUPPORTED_OPERATORS", "SCORE_TAIL_OPERATORS"]

SUPPORTED_OPERATORS = (
    "Gemm",
    "MatMul",
    "Add",
    "Sub",
    "Mul",
    "BatchNormalization",
    "Relu",
    "LeakyRelu",
    "Identity",
    "Dropout",
    "Cast",
    "Flatten",
    "Reshape",
)

SCORE_TAIL_OPERATORS = (
    "Softmax",
    "LogSoftmax",
    "Sigmoid",
    "ArgMax",
    "ZipMap",
    "ArrayFeatureExtractor",
)

# ONNX TensorProto data types of floating-point numbers: FLOAT, FLOAT16,
# DOUBLE, BFLOAT16.
_FLOAT_TYPES = (1, 10, 11, 16)


def _import_onnx() -> Any:
    try:
        import onnx
        from onnx import numpy_helper
    except ImportError as err:
        raise MissingDependencyError(
            "reading ONNX models needs onnx; install it with "
            "pip install tropicalnn[onnx]"
        ) from err
    return onnx, numpy_helper


def _load(source: Any, onnx: Any) -> Any:
    if isinstance(source, onnx.ModelProto):
        return source
    path = os.fspath(source)
    if not os.path.exists(path):
        raise ModelFileError(f"model file {path!r} not found")
    try:
        return onnx.load(path)
    except Exception as err:  # protobuf raises its own DecodeError types
        raise ModelFileError(
            f"cannot read model file {path!r} as an ONNX model: {err}"
        ) from err


class _Graph:
    """The constants, consumers and data chain of one ONNX graph."""

    def __init__(self, model: Any, onnx: Any, numpy_helper: Any, name: str) -> None:
        graph = model.graph
        self.name = name
        self.onnx = onnx
        self.constants: dict[str, np.ndarray] = {
            init.name: numpy_helper.to_array(init) for init in graph.initializer
        }
        self.outputs = {output.name for output in graph.output}
        self.consumers: dict[str, list[Any]] = {}
        for node in graph.node:
            for value in node.input:
                if value:
                    self.consumers.setdefault(value, []).append(node)
            self._fold_constant(node, numpy_helper)
        inputs = [i for i in graph.input if i.name not in self.constants]
        if len(inputs) != 1:
            raise UnsupportedLayerError(
                f"ONNX model {name} has {len(inputs)} inputs "
                f"{[i.name for i in inputs]!r}; expected one input of shape "
                "(batch, features)"
            )
        self.input = inputs[0]

    def _fold_constant(self, node: Any, numpy_helper: Any) -> None:
        if node.op_type == "Constant":
            for attribute in node.attribute:
                if attribute.name == "value":
                    self.constants[node.output[0]] = numpy_helper.to_array(attribute.t)
            return
        values = [v for v in node.input if v]
        if values and all(v in self.constants for v in values):
            if node.op_type in ("Identity", "Cast"):
                self.constants[node.output[0]] = self.constants[values[0]]

    def attributes(self, node: Any) -> dict[str, Any]:
        return {a.name: self.onnx.helper.get_attribute_value(a) for a in node.attribute}

    def constant(self, node: Any, position: int, operand: str) -> np.ndarray:
        if position >= len(node.input) or not node.input[position]:
            raise ModelFileError(
                f"{_describe(node)} in {self.name} lacks its {operand}"
            )
        name = node.input[position]
        if name not in self.constants:
            raise UnsupportedLayerError(
                f"{_describe(node)} in {self.name}: its {operand} {name!r} is not a "
                "constant; only constant parameters are supported"
            )
        return np.asarray(self.constants[name], dtype=np.float64)


def _describe(node: Any) -> str:
    return f"{node.op_type} node {node.name!r}" if node.name else f"{node.op_type} node"


def _input_width(value_info: Any, name: str) -> int | None:
    shape = value_info.type.tensor_type.shape
    dims = list(shape.dim)
    if not dims:
        return None
    if len(dims) != 2:
        raise UnsupportedLayerError(
            f"the input {value_info.name!r} of {name} has {len(dims)} dimensions; "
            "expected shape (batch, features)"
        )
    return dims[1].dim_value or None


def _broadcast(
    values: np.ndarray, width: int | None, node: Any, operand: str
) -> np.ndarray:
    flat = values.reshape(-1)
    if flat.size == 1 and width is not None:
        return np.full(width, flat[0])
    if values.ndim == 2 and values.shape[0] != 1:
        raise ShapeMismatchError(
            f"{_describe(node)}: {operand} of shape {values.shape} does not act on "
            "each feature vector separately; expected shape (width,) or (1, width)"
        )
    if width is not None and flat.size != width:
        raise ShapeMismatchError(
            f"{_describe(node)}: {operand} has {flat.size} entries for {width} features"
        )
    return flat


def _gemm(graph: _Graph, node: Any, position: int) -> Linear:
    attributes = graph.attributes(node)
    if position != 0 or attributes.get("transA", 0):
        raise UnsupportedLayerError(
            f"{_describe(node)} in {graph.name} multiplies the data from the right "
            "or transposes it; only Gemm(data, B, C) with transA=0 is supported"
        )
    matrix = graph.constant(node, 1, "matrix B")
    if attributes.get("transB", 0):
        matrix = matrix.T
    alpha = float(attributes.get("alpha", 1.0))
    beta = float(attributes.get("beta", 1.0))
    weight = alpha * matrix.T
    if len(node.input) > 2 and node.input[2]:
        bias = beta * _broadcast(
            graph.constant(node, 2, "bias C"), weight.shape[0], node, "bias C"
        )
    else:
        bias = np.zeros(weight.shape[0])
    return Linear(weight, bias)


def _elementwise(graph: _Graph, node: Any, position: int, width: int | None) -> Scaling:
    other = graph.constant(node, 1 - position, "constant operand")
    values = _broadcast(other, width, node, "constant operand")
    ones = np.ones_like(values)
    if node.op_type == "Add":
        return Scaling(ones, values)
    if node.op_type == "Mul":
        return Scaling(values, np.zeros_like(values))
    if position == 0:
        return Scaling(ones, -values)
    return Scaling(-ones, values)


def _translate(
    graph: _Graph, node: Any, position: int, width: int | None
) -> Layer | Scaling | None:
    op = node.op_type
    attributes = graph.attributes(node)
    if op == "Gemm":
        return _gemm(graph, node, position)
    if op == "MatMul":
        if position != 0:
            raise UnsupportedLayerError(
                f"{_describe(node)} in {graph.name} multiplies the data from the "
                "right; only MatMul(data, constant) is supported"
            )
        matrix = graph.constant(node, 1, "matrix")
        if matrix.ndim != 2:
            raise ShapeMismatchError(
                f"{_describe(node)}: matrix of shape {matrix.shape}; expected 2-D"
            )
        return Linear(matrix.T, np.zeros(matrix.shape[1]))
    if op in ("Add", "Sub", "Mul"):
        return _elementwise(graph, node, position, width)
    if op == "BatchNormalization":
        if attributes.get("training_mode", 0):
            raise UnsupportedLayerError(
                f"{_describe(node)} in {graph.name} is in training mode; export "
                "the model in evaluation mode"
            )
        return batch_norm_scaling(
            graph.constant(node, 1, "scale"),
            graph.constant(node, 2, "bias"),
            graph.constant(node, 3, "mean"),
            graph.constant(node, 4, "variance"),
            float(attributes.get("epsilon", 1e-5)),
        )
    if op == "Relu":
        return ReLU()
    if op == "LeakyRelu":
        return LeakyReLU(float(attributes.get("alpha", 0.01)))
    if op in ("Identity", "Dropout"):
        return None
    if op == "Cast":
        if attributes.get("to") not in _FLOAT_TYPES:
            raise UnsupportedLayerError(
                f"{_describe(node)} in {graph.name} casts the data to a non-float type"
            )
        return None
    if op == "Flatten":
        if attributes.get("axis", 1) != 1:
            raise UnsupportedLayerError(
                f"{_describe(node)} in {graph.name} has axis "
                f"{attributes.get('axis')}; only axis=1 keeps feature vectors"
            )
        return None
    if op == "Reshape":
        shape = [int(v) for v in graph.constant(node, 1, "shape").reshape(-1)]
        if (
            len(shape) == 2
            and shape[0] in (-1, 0)
            and (shape[1] == -1 or width is None or shape[1] == width)
        ):
            return None
        raise UnsupportedLayerError(
            f"{_describe(node)} in {graph.name} reshapes the data to {shape}; "
            "only (batch, width) is supported"
        )
    raise UnsupportedLayerError(
        f"unsupported ONNX operator {op} ({_describe(node)}) in {graph.name}; "
        f"supported: {', '.join(SUPPORTED_OPERATORS)}, and the score tail "
        f"{', '.join(SCORE_TAIL_OPERATORS)}"
    )


def _chain(graph: _Graph) -> list[Layer | Scaling]:
    items: list[Layer | Scaling] = []
    current = graph.input.name
    width = _input_width(graph.input, graph.name)
    visited: set[str] = set()
    while True:
        consumers = graph.consumers.get(current, [])
        if current in graph.outputs or not consumers:
            break
        if any(node.op_type in SCORE_TAIL_OPERATORS for node in consumers):
            break
        if len(consumers) != 1:
            kinds = ", ".join(node.op_type for node in consumers)
            raise UnsupportedLayerError(
                f"the data {current!r} in {graph.name} feeds {len(consumers)} "
                f"nodes ({kinds}); only a chain of operators is supported"
            )
        node = consumers[0]
        if node.output[0] in visited:
            raise ModelFileError(f"the graph of {graph.name} has a cycle")
        visited.add(node.output[0])
        position = list(node.input).index(current)
        item = _translate(graph, node, position, width)
        if isinstance(item, Linear):
            width = item.n_out
        if item is not None:
            items.append(item)
        current = node.output[0]
    return items


def from_onnx(
    source: str | os.PathLike[str] | Any,
    *,
    input_names: Sequence[str] | None = None,
    output_names: Sequence[str] | None = None,
) -> Network:
    """Read an ONNX model file (or an ``onnx.ModelProto``).

    Parameters
    ----------
    source : path or onnx.ModelProto
        A ``.onnx`` file of the kind described in the module notes.
    input_names, output_names : sequence of str, optional
        Names for the network's inputs and outputs.

    Returns
    -------
    Network
        Float64 parameters; the outputs are the scores before any softmax,
        logistic or arg-max tail.

    Raises
    ------
    ModelFileError
        When the file is missing or is not an ONNX model.
    UnsupportedLayerError
        For another operator, a branching graph, or a graph with several
        inputs; the message names the node.

    Examples
    --------
    >>> import onnx
    >>> from onnx import helper, numpy_helper
    >>> weight = numpy_helper.from_array(np.array([[1.0, -1.0]], np.float32), "W")
    >>> graph = helper.make_graph(
    ...     [helper.make_node("Gemm", ["x", "W"], ["z"], transB=1),
    ...      helper.make_node("Relu", ["z"], ["y"])],
    ...     "example",
    ...     [helper.make_tensor_value_info("x", onnx.TensorProto.FLOAT, [None, 2])],
    ...     [helper.make_tensor_value_info("y", onnx.TensorProto.FLOAT, [None, 1])],
    ...     [weight])
    >>> net = from_onnx(helper.make_model(graph))
    >>> net, net.forward([[3.0, 1.0], [1.0, 3.0]]).tolist()
    (Network([Linear(n_in=2, n_out=1, float), ReLU()]), [[2.0], [0.0]])
    """
    onnx, numpy_helper = _import_onnx()
    model = _load(source, onnx)
    name = (
        "the ONNX model"
        if isinstance(source, onnx.ModelProto)
        else repr(os.fspath(source))
    )
    graph = _Graph(model, onnx, numpy_helper, name)
    layers = assemble_layers(_chain(graph))
    if not any(isinstance(layer, Linear) for layer in layers):
        raise UnsupportedLayerError(
            f"{name} has no Gemm or MatMul node, so its input width is unknown"
        )
    return Network(layers, input_names=input_names, output_names=output_names)
