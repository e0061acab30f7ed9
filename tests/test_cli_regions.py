"""Tests of ``tropicalnn regions`` and of ONNX input on the command line."""

import json
import warnings
from fractions import Fraction

import numpy as np
import pytest

from tropicalnn.cli import main
from tropicalnn.cli.regions import parse_bound
from tropicalnn.errors import TropicalValueError


def write_exact_model(path):
    """The one-hidden-layer case network with integer arrays, read exactly."""
    np.savez(
        path,
        W0=np.array([[1, 0], [0, 1], [1, 1]]),
        b0=np.array([0, 0, -1]),
        W1=np.array([[1, 2, 4]]),
        b1=np.array([0]),
    )
    return path


def run_json(capsys, *arguments):
    assert main(["regions", *arguments, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_report_is_exact(tmp_path, capsys):
    report = run_json(capsys, str(write_exact_model(tmp_path / "case.npz")))
    assert report["exact"] is True
    assert report["n_activation_regions"] == 7
    assert report["n_linear_regions"] == 7
    assert report["bounds"] == {"product": 7, "one_layer": 7}
    assert report["box"] is None
    assert len(report["adjacency"]) == 9
    region = report["activation_regions"][0]
    assert set(region) >= {"pattern", "affine_map", "inequalities", "point"}
    for row in region["inequalities"]["A"]:
        assert all(
            isinstance(Fraction(v), Fraction) and isinstance(v, str) for v in row
        )
    weight = [[Fraction(v) for v in row] for row in region["affine_map"]["weight"]]
    bias = [Fraction(v) for v in region["affine_map"]["bias"]]
    point = [Fraction(v) for v in region["point"]]
    # The map at the interior point is the network's value there.
    hidden = [
        max(Fraction(0), p) for p in (point[0], point[1], point[0] + point[1] - 1)
    ]
    value = hidden[0] + 2 * hidden[1] + 4 * hidden[2]
    assert weight[0][0] * point[0] + weight[0][1] * point[1] + bias[0] == value


def test_box_with_negative_and_fractional_bounds(tmp_path, capsys):
    path = str(write_exact_model(tmp_path / "case.npz"))
    report = run_json(capsys, path, "--box", "-1/2,-1", "2")
    assert report["box"] == {"low": ["-1/2", "-1"], "high": ["2", "2"]}
    assert report["n_activation_regions"] == 7
    # Only the line x + y = 1 crosses the box [1/4, 3/4]^2.
    report = run_json(capsys, path, "--box", "0.25", "0.75")
    assert report["n_activation_regions"] == 2


def test_default_is_iris_in_data_box(capsys):
    assert main(["regions", "--limit", "2"]) == 0
    text = capsys.readouterr().out
    assert "activation regions: 50" in text
    assert "sepal_length in [43/10, 79/10]" in text
    assert "48 more" in text


def test_float_model_json_uses_floats(capsys):
    from tropicalnn.nn.io import default_model_path

    path = default_model_path().with_name("moons_mlp.npz")
    report = run_json(capsys, str(path), "--box", "-2,-1.5", "3,2")
    assert report["exact"] is False
    assert report["n_activation_regions"] == 62
    row = report["activation_regions"][0]["inequalities"]["A"][0]
    assert all(isinstance(v, float) for v in row)
    assert max(abs(v) for v in row) == 1.0


def test_bad_box_is_an_error(tmp_path, capsys):
    path = str(write_exact_model(tmp_path / "case.npz"))
    assert main(["regions", path, "--box", "2", "1"]) == 1
    assert "not below high" in capsys.readouterr().err
    assert main(["regions", path, "--box", "a", "1"]) == 1
    assert "invalid box bound 'a'" in capsys.readouterr().err


def test_missing_model_is_an_error(tmp_path, capsys):
    assert main(["regions", str(tmp_path / "none.onnx")]) == 1
    assert "not found" in capsys.readouterr().err


def test_parse_bound():
    assert parse_bound("3") == 3
    assert parse_bound("1/2,0.5") == [Fraction(1, 2), Fraction(1, 2)]
    with pytest.raises(TropicalValueError):
        parse_bound("1/0")


def test_onnx_model_on_the_command_line(tmp_path, capsys):
    torch = pytest.importorskip("torch")
    pytest.importorskip("onnx")
    model = torch.nn.Sequential(
        torch.nn.Linear(2, 3), torch.nn.ReLU(), torch.nn.Linear(3, 1)
    )
    with torch.no_grad():
        model[0].weight.copy_(torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]))
        model[0].bias.copy_(torch.tensor([0.0, 0.0, -1.0]))
        model[2].weight.copy_(torch.tensor([[1.0, 2.0, 4.0]]))
        model[2].bias.zero_()
    path = tmp_path / "case.onnx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        torch.onnx.export(model.eval(), (torch.zeros(1, 2),), str(path), dynamo=False)
    report = run_json(capsys, str(path))
    assert report["n_activation_regions"] == 7
    assert main(["convert", str(path), "--points", "50"]) == 0
    assert "max absolute error" in capsys.readouterr().out
