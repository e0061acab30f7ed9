"""Tests of the convert and geometry commands."""

import json
import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest

from tropicalnn import Network
from tropicalnn.cli import main
from tropicalnn.nn.io import default_model_path, load_iris_data


def run_cli(capsys, *args):
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def evaluate_json_polynomial(data, points):
    """Evaluate a polynomial from its JSON form, independently of the
    package."""
    exponents = np.array(
        [[float(Fraction(a)) if isinstance(a, str) else a for a in t["exponent"]]
         for t in data["terms"]]
    )
    coefficients = np.array(
        [float(Fraction(c)) if isinstance(c, str) else c
         for c in (t["coefficient"] for t in data["terms"])]
    )
    return (points @ exponents.T + coefficients).max(axis=1)


def test_convert_default_model_text(capsys):
    status, out, _ = run_cli(capsys, "convert")
    assert status == 0
    assert "setosa = F_1 ⊘ G_1" in out
    assert "terms before reduction" in out
    error = float(out.strip().rsplit("max absolute error", 1)[1])
    assert error < 1e-9


def test_convert_json_reproduces_network(capsys):
    status, out, _ = run_cli(capsys, "convert", "--format", "json")
    assert status == 0
    report = json.loads(out)
    assert report["inputs"] == [
        "sepal_length", "sepal_width", "petal_length", "petal_width"
    ]
    assert [o["name"] for o in report["outputs"]] == ["setosa", "versicolor",
                                                      "virginica"]
    assert report["check"]["points"] == 1150
    assert report["check"]["max_abs_error"] < 1e-9
    term = report["outputs"][0]["numerator"]["terms"][0]
    assert set(term) == {"coefficient", "exponent"}
    assert isinstance(term["coefficient"], float)

    # Evaluated without tropicalnn, the formula reproduces the network.
    net = Network.from_npz(default_model_path())
    points = np.concatenate(
        [load_iris_data()[0], np.random.default_rng(1).uniform(-2, 9, (300, 4))]
    )
    expected = net.forward(points)
    for column, output in enumerate(report["outputs"]):
        value = evaluate_json_polynomial(output["numerator"], points) - (
            evaluate_json_polynomial(output["denominator"], points)
        )
        np.testing.assert_allclose(value, expected[:, column], atol=1e-9)


def test_convert_exact_model_json(capsys, tmp_path):
    path = tmp_path / "exact.npz"
    np.savez(path, W0=np.array([[1, 2], [0, -1]]), b0=np.array([0, 1]),
             W1=np.array([[1, -1]]), b1=np.array([3]))
    status, out, _ = run_cli(capsys, "convert", str(path), "--format", "json",
                             "--points", "50")
    assert status == 0
    report = json.loads(out)
    assert report["exact"] is True
    coefficients = {t["coefficient"] for o in report["outputs"]
                    for part in ("numerator", "denominator")
                    for t in o[part]["terms"]}
    assert all(isinstance(c, str) for c in coefficients)
    assert report["check"]["points"] == 50
    assert report["check"]["max_abs_error"] == 0


@pytest.mark.parametrize(
    "content, message",
    [(None, "not found"), (b"garbage", "cannot read")],
)
def test_convert_bad_model_file(capsys, tmp_path, content, message):
    path = tmp_path / "model.npz"
    if content is not None:
        path.write_bytes(content)
    status, out, err = run_cli(capsys, "convert", str(path))
    assert status == 1
    assert out == ""
    assert message in err
    assert "Traceback" not in err


def test_convert_unsupported_suffix(capsys, tmp_path):
    path = tmp_path / "model.pkl"
    path.write_bytes(b"")
    status, _, err = run_cli(capsys, "convert", str(path))
    assert status == 1
    assert "unsupported model file" in err


def test_geometry_json_fields(capsys):
    status, out, _ = run_cli(capsys, "geometry", "max(0, x+1, y+1, x+y)", "--json")
    assert status == 0
    summary = json.loads(out)
    assert set(summary) == {
        "convention", "variables", "terms", "reduced_terms", "newton_polytope",
        "dual_subdivision", "hypersurface", "n_regions",
    }
    assert summary["variables"] == ["x", "y"]
    assert summary["n_regions"] == 4
    assert summary["hypersurface"]["vertices"] == [["-1", "-1"], ["1", "1"]]
    assert sorted(summary["hypersurface"]["weights"]) == ["1"] * 5


def test_geometry_collinear_case(capsys):
    # Newton polytope a segment; (1, 1) lies on it but is not a vertex.
    status, out, _ = run_cli(capsys, "geometry", "max(0, x+y, 2*x+2*y)", "--json")
    summary = json.loads(out)
    assert status == 0
    assert summary["newton_polytope"] == {
        "dimension": 1, "vertices": [["0", "0"], ["2", "2"]]
    }
    assert summary["reduced_terms"] == 2
    assert summary["hypersurface"]["weights"] == ["2"]
    assert summary["hypersurface"]["lineality_dim"] == 1
    assert summary["n_regions"] == 2
    cell = summary["dual_subdivision"]["cells"][0]
    assert ["1", "1"] in cell["points"]
    assert ["1", "1"] not in cell["vertices"]


def test_geometry_vars_fix_the_plane(capsys):
    status, out, _ = run_cli(capsys, "geometry", "max(0, x+1)", "--vars", "x,y",
                             "--json")
    summary = json.loads(out)
    assert status == 0
    assert summary["variables"] == ["x", "y"]
    assert summary["hypersurface"]["lineality_dim"] == 1


def test_geometry_min_convention(capsys):
    # min(0, 1+x, 2x) has the single root 0 of multiplicity 2.
    status, out, _ = run_cli(capsys, "geometry", "min(0, 1+x, 2*x)", "--min",
                             "--json")
    summary = json.loads(out)
    assert status == 0
    assert summary["convention"] == "min"
    assert summary["hypersurface"]["vertices"] == [["0"]]
    assert summary["hypersurface"]["weights"] == ["2"]


def test_geometry_rejects_rational_function(capsys):
    status, out, err = run_cli(capsys, "geometry", "max(x, 0) - max(y, 0)")
    assert status == 1
    assert "not a tropical polynomial" in err


def test_geometry_text_report(capsys):
    status, out, _ = run_cli(capsys, "geometry", "max(0, x, y, x+y)")
    assert status == 0
    assert "linear regions: 4" in out
    assert "dual subdivision: 1 maximal cell\n" in out


def test_command_line_entry_point():
    result = subprocess.run(
        [sys.executable, "-m", "tropicalnn", "geometry", "max(3*x, 1)", "--json"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0
    summary = json.loads(result.stdout)
    assert summary["hypersurface"]["vertices"] == [["1/3"]]
    assert summary["hypersurface"]["weights"] == ["3"]
