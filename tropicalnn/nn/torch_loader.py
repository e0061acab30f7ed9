"""Reading PyTorch ``nn.Sequential`` models.

Supported modules, on inputs of shape ``(batch, features)``:

=====================  ==================================================
module                 becomes
=====================  ==================================================
``Linear``             :class:`~tropicalnn.nn.layers.Linear`; its weight
                       has shape ``(out, in)``, the layout of the network
``ReLU``               :class:`~tropicalnn.nn.layers.ReLU`
``LeakyReLU``          :class:`~tropicalnn.nn.layers.LeakyReLU` (slope in
                       ``[0, 1]``)
``MaxPool1d``          :class:`~tropicalnn.nn.layers.MaxPool` over the
                       features (no padding, dilation 1, floor mode)
``BatchNorm1d``        folded into the neighbouring linear layer, with its
                       running statistics, ``eps`` and affine parameters;
                       the module must be in evaluation mode
``Identity``,          nothing: ``Flatten`` keeps ``(batch, features)``
``Flatten``,           as it is, and ``Dropout`` is the identity in
``Dropout``            evaluation mode
``Sequential``         its children, in order (nesting is allowed)
=====================  ==================================================

Parameters are copied as float64.  torch is imported only when a model is
read (``pip install tropicalnn[torch]``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import (
    MissingDependencyError,
    TropicalTypeError,
    TropicalValueError,
    UnsupportedLayerError,
)
from ._folding import Scaling, assemble_layers, batch_norm_scaling
from .layers import Layer, LeakyReLU, Linear, MaxPool, ReLU
from .network import Network

__all__ = ["from_torch", "SUPPORTED_MODULES"]

SUPPORTED_MODULES = (
    "Sequential",
    "Linear",
    "ReLU",
    "LeakyReLU",
    "Identity",
    "Flatten",
    "Dropout",
    "BatchNorm1d",
    "MaxPool1d",
)


def _import_torch() -> Any:
    try:
        import torch
    except ImportError as err:
        raise MissingDependencyError(
            "reading PyTorch models needs torch; install it with "
            "pip install tropicalnn[torch]"
        ) from err
    return torch


def _array(tensor: Any) -> np.ndarray:
    return tensor.detach().cpu().double().numpy().copy()


def _unsupported(module: Any, path: str, reason: str = "") -> UnsupportedLayerError:
    detail = f" ({reason})" if reason else ""
    return UnsupportedLayerError(
        f"unsupported layer {type(module).__name__} at {path}{detail}; "
        f"supported: {', '.join(SUPPORTED_MODULES)}"
    )


def _require_eval(module: Any, path: str) -> None:
    if module.training:
        raise TropicalValueError(
            f"{type(module).__name__} at {path} is in training mode, where it "
            "is not a fixed function of its input; call model.eval() first"
        )


def _translate(module: Any, path: str, torch: Any, items: list) -> None:
    nn = torch.nn
    if isinstance(module, nn.Sequential):
        for name, child in module.named_children():
            _translate(child, f"{path}[{name}]", torch, items)
    elif isinstance(module, nn.Linear):
        bias = None if module.bias is None else _array(module.bias)
        weight = _array(module.weight)
        if bias is None:
            bias = np.zeros(weight.shape[0])
        items.append(Linear(weight, bias))
    elif isinstance(module, nn.ReLU):
        items.append(ReLU())
    elif isinstance(module, nn.LeakyReLU):
        slope = float(module.negative_slope)
        if not 0 <= slope <= 1:
            raise _unsupported(
                module,
                path,
                f"negative_slope {slope} is outside [0, 1], so the "
                "activation is not convex",
            )
        items.append(LeakyReLU(slope))
    elif isinstance(module, (nn.Identity, nn.Dropout)):
        if isinstance(module, nn.Dropout) and module.p > 0:
            _require_eval(module, path)
    elif isinstance(module, nn.Flatten):
        if module.start_dim != 1 or module.end_dim != -1:
            raise _unsupported(
                module,
                path,
                "only Flatten(start_dim=1, end_dim=-1) on feature vectors is supported",
            )
    elif isinstance(module, nn.BatchNorm1d):
        _require_eval(module, path)
        if module.running_mean is None or module.running_var is None:
            raise _unsupported(module, path, "track_running_stats=False")
        width = module.num_features
        gamma = _array(module.weight) if module.weight is not None else np.ones(width)
        beta = _array(module.bias) if module.bias is not None else np.zeros(width)
        items.append(
            batch_norm_scaling(
                gamma,
                beta,
                _array(module.running_mean),
                _array(module.running_var),
                module.eps,
            )
        )
    elif isinstance(module, nn.MaxPool1d):
        items.append(_max_pool(module, path))
    else:
        raise _unsupported(module, path)


def _max_pool(module: Any, path: str) -> MaxPool:
    def single(value: Any, name: str) -> int:
        if isinstance(value, tuple):
            if len(value) != 1:
                raise _unsupported(module, path, f"{name} {value!r}")
            value = value[0]
        return int(value)

    kernel = single(module.kernel_size, "kernel_size")
    stride = single(module.stride if module.stride is not None else kernel, "stride")
    if single(module.padding, "padding") != 0:
        raise _unsupported(module, path, "padding must be 0")
    if single(module.dilation, "dilation") != 1:
        raise _unsupported(module, path, "dilation must be 1")
    if module.ceil_mode:
        raise _unsupported(module, path, "ceil_mode must be False")
    if module.return_indices:
        raise _unsupported(module, path, "return_indices must be False")
    return MaxPool(kernel, stride)


def from_torch(
    module: Any,
    *,
    input_names: list[str] | None = None,
    output_names: list[str] | None = None,
) -> Network:
    """Read a PyTorch ``nn.Sequential`` (or a single supported module).

    Parameters
    ----------
    module : torch.nn.Module
        An ``nn.Sequential`` of the modules listed in the module notes,
        nested or not, in evaluation mode when it contains batch
        normalisation or dropout.
    input_names, output_names : list of str, optional
        Names for the network's inputs and outputs.

    Returns
    -------
    Network
        Float64 parameters; batch normalisation is folded into the
        neighbouring linear layer.

    Raises
    ------
    UnsupportedLayerError
        For any other module, naming it and its position.
    TropicalValueError
        For batch normalisation or dropout in training mode.

    Examples
    --------
    >>> import torch
    >>> model = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU(),
    ...                             torch.nn.Linear(3, 1))
    >>> from_torch(model)
    Network([Linear(n_in=2, n_out=3, float), ReLU(), Linear(n_in=3, n_out=1, float)])
    >>> from_torch(torch.nn.Sequential(torch.nn.Tanh()))
    Traceback (most recent call last):
    ...
    tropicalnn.errors.UnsupportedLayerError: unsupported layer Tanh at model[0]; ...
    """
    torch = _import_torch()
    if not isinstance(module, torch.nn.Module):
        raise TropicalTypeError(
            f"expected a torch.nn.Module, got {type(module).__name__}"
        )
    items: list[Layer | Scaling] = []
    _translate(module, "model", torch, items)
    layers = assemble_layers(items)
    if not any(isinstance(layer, Linear) for layer in layers):
        raise TropicalValueError(
            "the model has no Linear layer, so its input width is unknown"
        )
    return Network(layers, input_names=input_names, output_names=output_names)
