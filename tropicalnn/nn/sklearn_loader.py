"""Reading fitted scikit-learn ``MLPClassifier`` and ``MLPRegressor`` models.

scikit-learn stores ``coefs_[i]`` with shape ``(n_in, n_out)``, the
transpose of the network layout ``(n_out, n_in)``, and ``intercepts_[i]``
with shape ``(n_out,)``.  Hidden layers must use the ``relu`` or
``identity`` activation.  The network's outputs are the scores *before*
the output activation: before the softmax of a multi-class classifier,
before the logistic function of a binary or multi-label classifier, and
the predictions themselves for a regressor.  A binary classifier has one
output, the score of ``classes_[1]``; the classifier predicts that class
where the score is positive.

scikit-learn is not needed to read a model object: the attributes are
read directly, so nothing is imported.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import ShapeMismatchError, TropicalTypeError, UnsupportedLayerError
from ..polynomial import _NAME
from .network import Network

__all__ = ["from_sklearn", "SUPPORTED_ACTIVATIONS"]

SUPPORTED_ACTIVATIONS = ("relu", "identity")

_SUPPORTED_MODELS = ("MLPClassifier", "MLPRegressor")


def _output_names(model: Any, n_outputs: int) -> list[str]:
    classes = getattr(model, "classes_", None)
    if classes is None or getattr(model, "_label_binarizer", None) is None:
        return [f"f{i}" for i in range(1, n_outputs + 1)]
    labels = [str(label) for label in np.asarray(classes).reshape(-1)]
    if n_outputs == 1 and len(labels) == 2:
        return [labels[1]]
    if len(labels) == n_outputs:
        return labels
    return [f"f{i}" for i in range(1, n_outputs + 1)]


def _input_names(model: Any) -> list[str] | None:
    names = getattr(model, "feature_names_in_", None)
    if names is None:
        return None
    names = [str(name) for name in names]
    if all(_NAME.match(name) for name in names) and len(set(names)) == len(names):
        return names
    return None


def from_sklearn(model: Any) -> Network:
    """Read a fitted ``MLPClassifier`` or ``MLPRegressor``.

    Parameters
    ----------
    model : sklearn.neural_network.MLPClassifier or MLPRegressor
        Fitted, with ``activation`` ``"relu"`` or ``"identity"``.

    Returns
    -------
    Network
        Float64 parameters.  The outputs are the scores before the
        output activation (see the module notes).  A classifier's outputs
        are named after ``classes_``, and a binary classifier's one output
        after ``classes_[1]``.  Input names come from ``feature_names_in_`` when
        the model was fitted on a data frame with valid names.

    Raises
    ------
    UnsupportedLayerError
        For another activation, such as ``tanh`` or ``logistic``.
    TropicalTypeError
        For another kind of model, or an unfitted one.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.neural_network import MLPRegressor
    >>> model = MLPRegressor(hidden_layer_sizes=(3,))
    >>> # The fitted attributes, set by hand: 2 inputs, 3 ReLU units, 1 output.
    >>> model.coefs_ = [np.ones((2, 3)), np.ones((3, 1))]
    >>> model.intercepts_ = [np.zeros(3), np.zeros(1)]
    >>> model.n_layers_, model.out_activation_ = 3, "identity"
    >>> print(from_sklearn(model))
    Network 2 → 3 → 1 (float parameters, 4 layers)
    >>> model.activation = "tanh"
    >>> from_sklearn(model)
    Traceback (most recent call last):
    ...
    tropicalnn.errors.UnsupportedLayerError: unsupported hidden activation 'tanh' ...
    """
    kind = type(model).__name__
    if kind not in _SUPPORTED_MODELS:
        raise TropicalTypeError(
            f"cannot read a {kind}; expected one of {', '.join(_SUPPORTED_MODELS)}"
        )
    coefs = getattr(model, "coefs_", None)
    intercepts = getattr(model, "intercepts_", None)
    if coefs is None or intercepts is None:
        raise TropicalTypeError(
            f"the {kind} is not fitted: it has no coefs_ or intercepts_; call fit first"
        )
    activation = getattr(model, "activation", None)
    if activation not in SUPPORTED_ACTIVATIONS:
        raise UnsupportedLayerError(
            f"unsupported hidden activation {activation!r} of {kind}; "
            f"supported: {', '.join(SUPPORTED_ACTIVATIONS)}"
        )
    if len(coefs) != len(intercepts):
        raise ShapeMismatchError(
            f"{kind} has {len(coefs)} coefs_ but {len(intercepts)} intercepts_"
        )

    # coefs_[i] is (n_in, n_out); the network wants (n_out, n_in).
    weights = [np.asarray(c, dtype=np.float64).T for c in coefs]
    biases = [np.asarray(b, dtype=np.float64).reshape(-1) for b in intercepts]
    activations = [activation] * (len(weights) - 1) + ["identity"]
    n_outputs = weights[-1].shape[0]
    return Network.from_arrays(
        weights,
        biases,
        activations,
        input_names=_input_names(model),
        output_names=_output_names(model, n_outputs),
    )
