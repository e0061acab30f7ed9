"""Tests of the network type: layers, forward pass, constructors."""

from fractions import Fraction

import numpy as np
import pytest

from tropicalnn import (
    ModelFileError,
    Network,
    ShapeMismatchError,
    TropicalTypeError,
    TropicalValueError,
    UnsupportedLayerError,
)
from tropicalnn.nn import Identity, LeakyReLU, Linear, Maxout, MaxPool, ReLU
from tropicalnn.nn.io import default_model_path, load_model
from tropicalnn.nn.layers import parse_activation

W1 = [[1, 2], [0, -1], [3, 1]]
B1 = [0, 1, -1]
W2 = [[1, -1, 2]]
B2 = [Fraction(1, 2)]


def case_network():
    return Network.from_arrays([W1, W2], [B1, B2])


def test_orientation_and_last_layer():
    # Rows are neurons; the last layer has no activation.
    net = case_network()
    points = [[1, 2], [-1, 0.5], [0, 0], [-2, 3]]
    assert net.forward(points).ravel().tolist() == [13.5, 0.0, -0.5, 4.5]
    assert net.is_exact
    assert net.widths == (2, 3, 3, 1, 1)
    assert str(net) == "Network 2 → 3 → 1 (exact parameters, 4 layers)"


def test_exact_forward_pass():
    net = case_network()
    inputs = np.array([[Fraction(1, 3), 2]], dtype=object)
    out = net.forward(inputs)
    assert out.dtype == object
    # Hidden values 13/3, relu(-1) = 0 and 2; output 13/3 - 0 + 4 + 1/2.
    assert out[0, 0] == Fraction(53, 6)


def test_single_input_row():
    assert case_network().forward([0, 0]).tolist() == [[-0.5]]


def test_activations_forward():
    layers = [Linear([[1], [-1]], [0, 0])]
    x = np.array([[-2.0], [3.0]])
    assert Network(layers + [ReLU()]).forward(x).tolist() == [[0, 2], [3, 0]]
    assert Network(layers + [ReLU(1)]).forward(x).tolist() == [[1, 2], [3, 1]]
    leaky = Network(layers + [LeakyReLU(Fraction(1, 2))]).forward(x)
    assert leaky.tolist() == [[-1, 2], [3, -1.5]]
    assert Network(layers + [Maxout(2)]).forward(x).tolist() == [[2], [3]]
    pool = Network([Linear(np.eye(3)), MaxPool(2, 1)]).forward([[1.0, 5.0, 2.0]])
    assert pool.tolist() == [[5, 5]]
    assert Network(layers + [Identity()]).forward(x).tolist() == [[-2, 2], [3, -3]]


def test_parse_activation_spellings():
    assert parse_activation("relu") == ReLU()
    assert parse_activation("identity") == Identity()
    assert parse_activation("leaky_relu:0.01") == LeakyReLU(Fraction(1, 100))
    assert parse_activation("relu:1/2") == ReLU(Fraction(1, 2))
    assert parse_activation("maxout:3") == Maxout(3)
    assert parse_activation("maxpool:2:1") == MaxPool(2, 1)
    with pytest.raises(UnsupportedLayerError, match="'tanh'.*relu"):
        parse_activation("tanh")
    with pytest.raises(TropicalValueError, match="'x'"):
        parse_activation("leaky_relu:x")


def test_leaky_slope_range():
    with pytest.raises(TropicalValueError, match=r"outside \[0, 1\]"):
        LeakyReLU(2)


def test_default_activations():
    net = Network.from_arrays([np.ones((3, 2)), np.ones((2, 3)), np.ones((1, 2))])
    kinds = [type(layer).__name__ for layer in net.layers]
    assert kinds == ["Linear", "ReLU", "Linear", "ReLU", "Linear", "Identity"]


def test_shape_mismatch_between_layers():
    with pytest.raises(
        ShapeMismatchError, match="layer 2: .*receives 3 features; expected 4"
    ):
        Network.from_arrays([np.ones((3, 2)), np.ones((1, 4))])


def test_bias_length_mismatch():
    with pytest.raises(ShapeMismatchError, match="bias of length 2"):
        Network.from_arrays([np.ones((3, 2))], [np.ones(2)])


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_weights(bad):
    weight = np.ones((2, 2))
    weight[1, 0] = bad
    with pytest.raises(TropicalValueError, match=r"\(1, 0\)"):
        Network.from_arrays([weight])


def test_non_numeric_weights():
    with pytest.raises(TropicalTypeError, match="expected real numbers"):
        Network.from_arrays([np.array([["a"]])])


def test_wrong_activation_count():
    with pytest.raises(ShapeMismatchError, match="one per layer"):
        Network.from_arrays([np.ones((1, 1))], activations=["relu", "relu"])


def test_forward_input_errors():
    net = case_network()
    with pytest.raises(ShapeMismatchError, match=r"\(n_points, 2\)"):
        net.forward([[1, 2, 3]])
    with pytest.raises(TropicalValueError, match="nan"):
        net.forward([[np.nan, 0]])


def test_unsupported_layer_object():
    with pytest.raises(UnsupportedLayerError, match="supported layers: Linear"):
        Network([Linear([[1]]), "tanh"])


def test_npz_round_trip(tmp_path):
    net = Network.from_arrays(
        [np.array([[1.0, 2.0], [0.5, -1.0]]), np.array([[1.0, -1.0]])],
        [np.array([0.0, 1.0]), np.array([0.25])],
        ["leaky_relu:0.01", "identity"],
        input_names=["a", "b"],
    )
    path = tmp_path / "model.npz"
    net.save_npz(path)
    loaded = Network.from_npz(path)
    assert loaded.input_names == ("a", "b")
    assert isinstance(loaded.layers[1], LeakyReLU)
    points = np.random.default_rng(0).normal(size=(20, 2))
    np.testing.assert_array_equal(loaded.forward(points), net.forward(points))


def test_npz_without_activations(tmp_path):
    path = tmp_path / "plain.npz"
    np.savez(
        path, W0=np.ones((2, 1)), b0=np.zeros(2), W1=np.ones((1, 2)), b1=np.zeros(1)
    )
    net = Network.from_npz(path)
    assert [type(layer).__name__ for layer in net.layers] == [
        "Linear",
        "ReLU",
        "Linear",
        "Identity",
    ]


def test_npz_missing_file(tmp_path):
    with pytest.raises(ModelFileError, match="not found"):
        Network.from_npz(tmp_path / "absent.npz")


def test_npz_malformed(tmp_path):
    path = tmp_path / "broken.npz"
    path.write_bytes(b"not a zip file")
    with pytest.raises(ModelFileError, match="cannot read"):
        Network.from_npz(path)


def test_npz_missing_bias(tmp_path):
    path = tmp_path / "nobias.npz"
    np.savez(path, W0=np.ones((2, 1)))
    with pytest.raises(ModelFileError, match="lacks arrays \\['b0'\\]"):
        Network.from_npz(path)


def test_npz_no_weights(tmp_path):
    path = tmp_path / "empty.npz"
    np.savez(path, other=np.ones(2))
    with pytest.raises(ModelFileError, match="no array W0"):
        Network.from_npz(path)


def test_npz_bad_shapes(tmp_path):
    path = tmp_path / "shapes.npz"
    np.savez(
        path, W0=np.ones((2, 1)), b0=np.zeros(2), W1=np.ones((1, 3)), b1=np.zeros(1)
    )
    with pytest.raises(ModelFileError, match="receives 2 features; expected 3"):
        Network.from_npz(path)


def test_npz_unknown_activation(tmp_path):
    path = tmp_path / "act.npz"
    np.savez(path, W0=np.ones((1, 1)), b0=np.zeros(1), activations=np.array(["tanh"]))
    with pytest.raises(UnsupportedLayerError, match="tanh"):
        Network.from_npz(path)


def test_load_model_by_suffix(tmp_path):
    assert load_model(default_model_path()).n_inputs == 4
    with pytest.raises(ModelFileError, match="unsupported model file"):
        load_model(tmp_path / "model.pt")


def test_bundled_model():
    net = load_model(default_model_path())
    assert net.widths[0] == 4
    assert net.n_outputs == 3
    assert net.output_names == ("setosa", "versicolor", "virginica")
