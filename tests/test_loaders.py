"""Tests of the PyTorch, scikit-learn and ONNX loaders."""

import copy
import warnings
from fractions import Fraction

import numpy as np
import pytest

from tropicalnn import Network, to_tropical
from tropicalnn.errors import (
    ModelFileError,
    ShapeMismatchError,
    TropicalTypeError,
    TropicalValueError,
    UnsupportedLayerError,
)
from tropicalnn.nn.io import load_model
from tropicalnn.nn.layers import LeakyReLU, Linear, MaxPool, ReLU
from tropicalnn.nn.regions import linear_regions

torch = pytest.importorskip("torch")
onnx = pytest.importorskip("onnx")
sklearn_network = pytest.importorskip("sklearn.neural_network")
skl2onnx = pytest.importorskip("skl2onnx")

from onnx import TensorProto, helper, numpy_helper  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402

# Dyadic weights are exact in float32 and float64, so every path gives the
# same numbers.  The matrices are non-square and non-symmetric, so a
# transposed matrix cannot pass.
W1 = np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 1.0]])
B1 = np.array([0.0, 1.0, -1.0])
W2 = np.array([[1.0, -1.0, 2.0], [-0.5, 0.25, 1.0], [0.75, 0.0, -2.0]])
B2 = np.array([0.5, -0.25, 1.0])

POINTS = np.random.default_rng(0).normal(scale=3, size=(200, 2))


def torch_model():
    model = torch.nn.Sequential(
        torch.nn.Linear(2, 3), torch.nn.ReLU(), torch.nn.Linear(3, 3)
    )
    with torch.no_grad():
        model[0].weight.copy_(torch.tensor(W1))
        model[0].bias.copy_(torch.tensor(B1))
        model[2].weight.copy_(torch.tensor(W2))
        model[2].bias.copy_(torch.tensor(B2))
    return model.eval()


def fitted(model, inputs, targets):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return model.fit(inputs, targets)


def sklearn_model():
    """A three-class classifier with the weights W1, B1, W2, B2."""
    model = sklearn_network.MLPClassifier(hidden_layer_sizes=(3,), max_iter=5)
    model = fitted(model, POINTS[:30], np.arange(30) % 3)
    model.coefs_ = [W1.T.copy(), W2.T.copy()]
    model.intercepts_ = [B1.copy(), B2.copy()]
    return model


def export_torch(model, path, example):
    with warnings.catch_warnings():
        # The TorchScript exporter is deprecated since torch 2.9, but it is
        # the fast one and torch 2.13 still ships it.
        warnings.simplefilter("ignore", DeprecationWarning)
        torch.onnx.export(model, (example,), str(path), dynamo=False)
    return path


def export_sklearn(model, path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        proto = skl2onnx.to_onnx(model, POINTS[:1].astype(np.float32))
    path.write_bytes(proto.SerializeToString())
    return path


def check_forward(network, reference, atol=1e-5):
    """The network and its formula both reproduce `reference(points)`."""
    expected = reference(POINTS)
    np.testing.assert_allclose(network.forward(POINTS), expected, atol=atol)
    formula = to_tropical(network)
    np.testing.assert_allclose(formula.evaluate(POINTS), expected, atol=atol)


def torch_forward(model):
    """The model's forward pass in float64, on a copy."""
    double = copy.deepcopy(model).double()

    def run(points):
        with torch.no_grad():
            return double(torch.tensor(points, dtype=torch.float64)).numpy()

    return run


# -- PyTorch ---------------------------------------------------------------


def test_torch_orientation():
    network = Network.from_torch(torch_model())
    np.testing.assert_array_equal(network.layers[0].weight, W1)
    assert network.widths == (2, 3, 3, 3)
    check_forward(network, torch_forward(torch_model()), atol=1e-12)


def all_modules_model():
    """Every supported module, with batch normalisation statistics set."""
    torch.manual_seed(0)
    nn = torch.nn
    model = nn.Sequential(
        nn.Linear(3, 6),
        nn.BatchNorm1d(6),
        nn.ReLU(),
        nn.Sequential(nn.Dropout(0.3), nn.Identity(), nn.Flatten()),
        nn.Linear(6, 6),
        nn.LeakyReLU(0.2),
        nn.BatchNorm1d(6, affine=False),
        nn.MaxPool1d(2, stride=1),
        nn.Linear(5, 2),
        nn.BatchNorm1d(2),
    )
    for module in model.modules():
        if isinstance(module, nn.BatchNorm1d):
            module.running_mean.uniform_(-1, 1)
            module.running_var.uniform_(0.5, 2)
            if module.affine:
                with torch.no_grad():
                    module.weight.uniform_(0.5, 2)
                    module.bias.uniform_(-1, 1)
    return model.eval()


def test_torch_all_supported_modules():
    model = all_modules_model()
    network = Network.from_torch(model)
    kinds = [type(layer) for layer in network.layers]
    assert kinds == [Linear, ReLU, Linear, LeakyReLU, Linear, MaxPool, Linear]
    points = np.random.default_rng(1).normal(size=(300, 3))
    expected = torch_forward(model)(points)
    np.testing.assert_allclose(network.forward(points), expected, atol=1e-12)


def test_torch_all_supported_modules_formula():
    # The last layer forms a float product of 13,680 terms, a hard case for
    # the float reduction of the formula.
    network = Network.from_torch(all_modules_model())
    points = np.random.default_rng(1).normal(size=(300, 3))
    formula = to_tropical(network)
    np.testing.assert_allclose(
        formula.evaluate(points), network.forward(points), atol=1e-9
    )


def test_torch_parameters_are_float64():
    network = Network.from_torch(torch_model())
    assert network.layers[0].weight.dtype == np.float64
    assert not network.is_exact


def test_torch_rejects_unsupported_module():
    model = torch.nn.Sequential(
        torch.nn.Linear(2, 2), torch.nn.Sequential(torch.nn.Tanh())
    )
    with pytest.raises(UnsupportedLayerError) as info:
        Network.from_torch(model)
    message = str(info.value)
    assert "Tanh at model[1][0]" in message
    assert "supported: Sequential, Linear, ReLU" in message


def test_torch_rejects_training_mode():
    model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.BatchNorm1d(2))
    with pytest.raises(TropicalValueError, match="model.eval"):
        Network.from_torch(model)


@pytest.mark.parametrize(
    "module, reason",
    [
        (lambda: torch.nn.LeakyReLU(2.0), "outside \\[0, 1\\]"),
        (lambda: torch.nn.MaxPool1d(2, padding=1), "padding"),
        (lambda: torch.nn.Flatten(0), "start_dim"),
        (lambda: torch.nn.Conv1d(1, 1, 1), "Conv1d"),
    ],
)
def test_torch_rejects_unsupported_settings(module, reason):
    model = torch.nn.Sequential(torch.nn.Linear(2, 4), module()).eval()
    with pytest.raises(UnsupportedLayerError, match=reason):
        Network.from_torch(model)


def test_torch_rejects_non_module():
    with pytest.raises(TropicalTypeError, match="torch.nn.Module"):
        Network.from_torch([W1])


# -- scikit-learn ----------------------------------------------------------


def test_sklearn_layout_is_transposed():
    network = Network.from_sklearn(sklearn_model())
    np.testing.assert_array_equal(network.layers[0].weight, W1)
    np.testing.assert_array_equal(network.layers[2].weight, W2)


def test_sklearn_multiclass_scores_before_softmax():
    rng = np.random.default_rng(2)
    inputs = rng.normal(size=(60, 3))
    labels = np.array(["a", "b", "c"])[np.argmax(inputs, axis=1)]
    model = fitted(
        sklearn_network.MLPClassifier(
            hidden_layer_sizes=(5, 4), max_iter=300, random_state=0
        ),
        inputs,
        labels,
    )
    network = Network.from_sklearn(model)
    assert network.output_names == ("a", "b", "c")
    scores = network.forward(inputs)
    softmax = np.exp(scores - scores.max(axis=1, keepdims=True))
    softmax /= softmax.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(softmax, model.predict_proba(inputs), atol=1e-12)


def test_sklearn_binary_has_one_score():
    rng = np.random.default_rng(3)
    inputs = rng.normal(size=(40, 2))
    labels = np.where(inputs[:, 0] > 0, "yes", "no")
    model = fitted(
        sklearn_network.MLPClassifier(
            hidden_layer_sizes=(4,), max_iter=200, random_state=0
        ),
        inputs,
        labels,
    )
    network = Network.from_sklearn(model)
    assert network.n_outputs == 1
    assert network.output_names == ("yes",)
    probability = 1 / (1 + np.exp(-network.forward(inputs)[:, 0]))
    np.testing.assert_allclose(
        probability, model.predict_proba(inputs)[:, 1], atol=1e-12
    )


def test_sklearn_regressor_identity_activation():
    rng = np.random.default_rng(4)
    inputs = rng.normal(size=(30, 2))
    model = fitted(
        sklearn_network.MLPRegressor(
            hidden_layer_sizes=(3,), activation="identity", max_iter=50
        ),
        inputs,
        inputs[:, 0] - inputs[:, 1],
    )
    network = Network.from_sklearn(model)
    np.testing.assert_allclose(
        network.forward(inputs)[:, 0], model.predict(inputs), atol=1e-12
    )
    assert linear_regions(network).n_activation_regions == 1


def test_sklearn_rejects_tanh():
    model = sklearn_model()
    model.activation = "tanh"
    with pytest.raises(UnsupportedLayerError, match="'tanh'.*supported: relu"):
        Network.from_sklearn(model)


def test_sklearn_rejects_unfitted_and_other_models():
    with pytest.raises(TropicalTypeError, match="not fitted"):
        Network.from_sklearn(sklearn_network.MLPClassifier())
    with pytest.raises(TropicalTypeError, match="MLPClassifier, MLPRegressor"):
        Network.from_sklearn(sklearn_network.BernoulliRBM())


def test_sklearn_rejects_mismatched_shapes():
    model = sklearn_model()
    model.coefs_ = [W1.T.copy(), W2[:2].copy()]
    with pytest.raises(ShapeMismatchError, match="receives 3 features; expected 2"):
        Network.from_sklearn(model)


# -- ONNX ------------------------------------------------------------------


def test_onnx_from_torch(tmp_path):
    path = export_torch(torch_model(), tmp_path / "model.onnx", torch.zeros(1, 2))
    network = Network.from_onnx(path)
    np.testing.assert_array_equal(network.layers[0].weight, W1)
    check_forward(network, torch_forward(torch_model()), atol=1e-12)
    assert load_model(path).widths == network.widths


def test_onnx_from_torch_with_batch_norm(tmp_path):
    torch.manual_seed(1)
    nn = torch.nn
    model = nn.Sequential(
        nn.Linear(2, 4),
        nn.ReLU(),
        nn.BatchNorm1d(4),
        nn.LeakyReLU(0.1),
        nn.Flatten(),
        nn.Dropout(0.5),
        nn.Linear(4, 3),
    )
    model[2].running_mean.uniform_(-1, 1)
    model[2].running_var.uniform_(0.5, 2)
    model.eval()
    path = export_torch(model, tmp_path / "bn.onnx", torch.zeros(1, 2))
    from_onnx = Network.from_onnx(path)
    from_torch = Network.from_torch(model)
    check_forward(from_onnx, torch_forward(model), atol=1e-5)
    # ONNX stores eps as float32, so the folded weights differ slightly.
    assert to_tropical(from_onnx).equals(to_tropical(from_torch), tol=1e-6)


def test_onnx_from_sklearn(tmp_path):
    rng = np.random.default_rng(5)
    inputs = rng.normal(size=(60, 2))
    labels = np.argmax(np.c_[inputs, -inputs.sum(axis=1)], axis=1)
    classifier = fitted(
        sklearn_network.MLPClassifier(
            hidden_layer_sizes=(4,), max_iter=200, random_state=0
        ),
        inputs,
        labels,
    )
    network = Network.from_onnx(export_sklearn(classifier, tmp_path / "c.onnx"))
    # skl2onnx stores float32 parameters.
    np.testing.assert_allclose(
        network.forward(inputs),
        Network.from_sklearn(classifier).forward(inputs),
        atol=1e-5,
    )
    binary = fitted(
        sklearn_network.MLPClassifier(
            hidden_layer_sizes=(4,), max_iter=200, random_state=0
        ),
        inputs,
        labels == 0,
    )
    network = Network.from_onnx(export_sklearn(binary, tmp_path / "b.onnx"))
    assert network.n_outputs == 1
    regressor = fitted(
        sklearn_network.MLPRegressor(
            hidden_layer_sizes=(3, 2), max_iter=50, random_state=0
        ),
        inputs,
        inputs[:, 0],
    )
    network = Network.from_onnx(export_sklearn(regressor, tmp_path / "r.onnx"))
    np.testing.assert_allclose(
        network.forward(inputs)[:, 0], regressor.predict(inputs), atol=1e-5
    )


def test_same_network_from_every_source(tmp_path):
    exact = Network.from_arrays(
        [
            np.vectorize(Fraction, otypes=[object])(W1),
            np.vectorize(Fraction, otypes=[object])(W2),
        ],
        [
            np.vectorize(Fraction, otypes=[object])(B1),
            np.vectorize(Fraction, otypes=[object])(B2),
        ],
    )
    sources = {
        "torch": Network.from_torch(torch_model()),
        "sklearn": Network.from_sklearn(sklearn_model()),
        "onnx from torch": Network.from_onnx(
            export_torch(torch_model(), tmp_path / "t.onnx", torch.zeros(1, 2))
        ),
        "onnx from sklearn": Network.from_onnx(
            export_sklearn(sklearn_model(), tmp_path / "s.onnx")
        ),
    }
    reference = to_tropical(sources["torch"])
    expected = linear_regions(exact)
    for name, network in sources.items():
        formula = to_tropical(network)
        assert formula.equals(reference), name
        np.testing.assert_allclose(
            formula.evaluate(POINTS), network.forward(POINTS), atol=1e-12
        )
        regions = linear_regions(network)
        assert [r.pattern for r in regions.activation_regions] == [
            r.pattern for r in expected.activation_regions
        ], name
        assert [r.affine_map for r in regions.activation_regions] == [
            r.affine_map for r in expected.activation_regions
        ], name


def onnx_model(nodes, initializers, width=2, inputs=None):
    graph = helper.make_graph(
        nodes,
        "test",
        inputs
        or [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, width])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
        [
            numpy_helper.from_array(np.asarray(v, dtype=np.float32), name)
            for name, v in initializers.items()
        ],
    )
    return helper.make_model(graph)


def test_onnx_gemm_attributes():
    model = onnx_model(
        [
            helper.make_node("Gemm", ["x", "B", "C"], ["h"], alpha=2.0, beta=0.5),
            helper.make_node("Relu", ["h"], ["r"]),
            helper.make_node("Gemm", ["r", "B2"], ["y"], transB=1),
        ],
        {"B": W1.T, "C": B1, "B2": W2},
    )
    network = Network.from_onnx(model)
    np.testing.assert_array_equal(network.layers[0].weight, 2 * W1)
    np.testing.assert_array_equal(network.layers[0].bias, 0.5 * B1)
    np.testing.assert_array_equal(network.layers[2].weight, W2)


def test_onnx_matmul_add_sub_mul_chain():
    model = onnx_model(
        [
            helper.make_node("Cast", ["x"], ["xc"], to=TensorProto.FLOAT),
            helper.make_node("MatMul", ["xc", "W"], ["m"]),
            helper.make_node("Add", ["b", "m"], ["a"]),
            helper.make_node("LeakyRelu", ["a"], ["l"], alpha=0.25),
            helper.make_node("Sub", ["l", "s"], ["d"]),
            helper.make_node("Mul", ["d", "k"], ["e"]),
            helper.make_node("Reshape", ["e", "shape"], ["f"]),
            helper.make_node("Softmax", ["f"], ["y"]),
        ],
        {
            "W": W1.T,
            "b": B1,
            "s": [1.0, 2.0, 3.0],
            "k": [2.0],
            "shape": np.array([-1, 3]),
        },
    )
    network = Network.from_onnx(model)
    assert [type(layer) for layer in network.layers] == [Linear, LeakyReLU, Linear]
    hidden = POINTS @ W1.T + B1
    hidden = np.where(hidden > 0, hidden, 0.25 * hidden)
    np.testing.assert_allclose(network.forward(POINTS), 2 * (hidden - [1, 2, 3]))


def test_onnx_rejects_unsupported_operator():
    model = onnx_model(
        [
            helper.make_node("MatMul", ["x", "W"], ["m"]),
            helper.make_node("Tanh", ["m"], ["y"], name="act"),
        ],
        {"W": W1.T},
    )
    with pytest.raises(
        UnsupportedLayerError,
        match="unsupported ONNX operator Tanh .*'act'.*supported: Gemm",
    ):
        Network.from_onnx(model)


def test_onnx_rejects_branches_and_inputs():
    branching = onnx_model(
        [
            helper.make_node("Relu", ["x"], ["a"]),
            helper.make_node("Relu", ["x"], ["b"]),
            helper.make_node("Add", ["a", "b"], ["y"]),
        ],
        {},
    )
    with pytest.raises(UnsupportedLayerError, match="feeds 2 nodes"):
        Network.from_onnx(branching)
    two_inputs = onnx_model(
        [helper.make_node("Add", ["x", "z"], ["y"])],
        {},
        inputs=[
            helper.make_tensor_value_info(name, TensorProto.FLOAT, [None, 2])
            for name in ("x", "z")
        ],
    )
    with pytest.raises(UnsupportedLayerError, match="2 inputs"):
        Network.from_onnx(two_inputs)
    data_times_data = onnx_model(
        [helper.make_node("MatMul", ["W", "x"], ["y"])], {"W": W1}
    )
    with pytest.raises(UnsupportedLayerError, match="from the right"):
        Network.from_onnx(data_times_data)


def test_onnx_rejects_mismatched_shapes():
    model = onnx_model(
        [
            helper.make_node("MatMul", ["x", "W"], ["m"]),
            helper.make_node("Add", ["m", "b"], ["y"]),
        ],
        {"W": W1.T, "b": [1.0, 2.0]},
    )
    with pytest.raises(ShapeMismatchError, match="2 entries for 3 features"):
        Network.from_onnx(model)


def test_onnx_bad_files(tmp_path):
    with pytest.raises(ModelFileError, match="not found"):
        Network.from_onnx(tmp_path / "missing.onnx")
    garbage = tmp_path / "garbage.onnx"
    garbage.write_bytes(b"\x00not a protobuf\xff" * 10)
    with pytest.raises(ModelFileError, match="as an ONNX model"):
        load_model(garbage)
