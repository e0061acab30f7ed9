"""Tests of the symbolic subcommands: simplify, eval and the output formats
of simplify and convert."""

import json
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import sympy

from tropicalnn import TropicalRational, from_sympy, parse
from tropicalnn.cli import main

ROOT = Path(__file__).resolve().parent.parent

EXPRESSION = "max(0, x+1, y+1, x+y, x/2 + y/2)"


def run_main(capsys, *arguments):
    status = main(list(arguments))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# -- simplify -----------------------------------------------------------------------


def test_simplify_text_report(capsys):
    status, out, err = run_main(capsys, "simplify", EXPRESSION)
    assert status == 0
    assert err == ""
    assert out.splitlines() == [
        "tropical:  x⊙y ⊕ 1⊙x ⊕ 1⊙y ⊕ 0",
        "classical: max(x + y, 1 + x, 1 + y, 0)",
        "terms:     5 before reduction, 4 after",
    ]


def test_simplify_rational_text_report(capsys):
    status, out, _ = run_main(capsys, "simplify", "max(x, 0, x/2) - max(y, 0)")
    assert status == 0
    assert out.splitlines()[2:] == [
        "numerator terms: 3 before reduction, 2 after",
        "denominator terms: 2 before reduction, 2 after",
    ]


@pytest.mark.parametrize("fmt", ["tropical", "ascii", "classical", "latex"])
def test_simplify_formats_parse_back(capsys, fmt):
    status, out, _ = run_main(capsys, "simplify", EXPRESSION, "--format", fmt)
    assert status == 0
    assert parse(out.strip()) == parse(EXPRESSION).reduced()


def test_simplify_sympy_format(capsys):
    status, out, _ = run_main(capsys, "simplify", EXPRESSION, "--format", "sympy")
    assert status == 0
    assert out.startswith("Max(")
    assert from_sympy(sympy.sympify(out)) == parse(EXPRESSION).reduced()


def test_simplify_json_format(capsys):
    status, out, _ = run_main(
        capsys, "simplify", "max(x, 0) - max(y, 0, y/2)", "--format", "json"
    )
    assert status == 0
    data = json.loads(out)
    assert data["kind"] == "rational"
    assert data["input"] == "max(x, 0) - max(y, 0, y/2)"
    assert data["variables"] == ["x", "y"]
    assert data["denominator"]["n_terms_before_reduction"] == 3
    assert len(data["denominator"]["terms"]) == 2


def test_simplify_min_convention(capsys):
    status, out, _ = run_main(
        capsys, "simplify", "x ⊕ 1 ⊕ x^(1/2)", "--convention", "min",
        "--format", "classical",
    )
    assert status == 0
    assert out.strip() == "min(x, x/2, 1)"


# -- eval ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "expression, point, value",
    [
        ("max(x, 0) - 2*max(x - 1, 0)", ["x=3/2"], "1/2"),
        ("x ⊕ 1⊙y", ["x=1", "y=1/2"], "3/2"),
        ("max(x, y)", ["x=0.25", "y=-1"], "1/4"),
        ("x + 1", ["x=-inf"], "-inf"),
        ("7/3", [], "7/3"),
    ],
)
def test_eval_exact_values(capsys, expression, point, value):
    arguments = ["eval", expression] + (["--at", *point] if point else [])
    status, out, err = run_main(capsys, *arguments)
    assert (status, err) == (0, "")
    assert out.strip() == value


def test_eval_min_convention(capsys):
    status, out, _ = run_main(
        capsys, "eval", "x ⊕ 1", "--at", "x=5", "--convention", "min"
    )
    assert status == 0
    assert out.strip() == "1"


@pytest.mark.parametrize(
    "arguments, fragment",
    [
        (["eval", "max(x, y)", "--at", "x=1"], "missing values for the variables y"),
        (["eval", "x", "--at", "x=1", "w=2"], "no variables w"),
        (["eval", "x", "--at", "x=abc"], "invalid value 'abc' for x"),
        (["eval", "x", "--at", "x"], "invalid coordinate 'x'"),
        (["eval", "x", "--at", "x=1", "x=2"], "given twice"),
        (["eval", "max(x, 1", "--at", "x=1"], "expected ')' at position 8"),
        (["simplify", "x*y"], "not piecewise linear"),
    ],
)
def test_errors_are_one_line(capsys, arguments, fragment):
    status, out, err = run_main(capsys, *arguments)
    assert status == 1
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("tropicalnn: error: ")
    assert fragment in err


def test_error_without_traceback_in_subprocess(tmp_path):
    environment = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tropicalnn", "simplify", "max(x, )"],
        capture_output=True, text=True, encoding="utf-8", env=environment,
        cwd=tmp_path, timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "tropicalnn: error: expected a number, a variable, a function or '(' at "
        "position 7, found ')'\n"
    )


# -- convert formats ------------------------------------------------------------------


@pytest.fixture
def small_model(tmp_path):
    path = tmp_path / "small.npz"
    np.savez(
        path,
        W0=np.array([[1.0, -2.0], [0.5, 1.0], [-1.0, 0.25]]),
        b0=np.array([0.0, -1.0, 0.5]),
        W1=np.array([[1.0, -1.0, 2.0]]),
        b1=np.array([0.25]),
    )
    return path


@pytest.mark.parametrize("fmt", ["tropical", "ascii", "classical", "latex"])
def test_convert_rendered_formats(capsys, small_model, fmt):
    status, out, _ = run_main(
        capsys, "convert", str(small_model), "--points", "10", "--format", fmt
    )
    assert status == 0
    (line,) = out.splitlines()
    name, _, text = line.partition(" = ")
    assert name
    function = parse(text, variables=("x", "y"))
    assert isinstance(function, TropicalRational)
    point = (Fraction(1, 3), Fraction(-2))
    hidden = [max(Fraction(1) * point[0] - 2 * point[1], 0),
              max(Fraction(1, 2) * point[0] + point[1] - 1, 0),
              max(-point[0] + Fraction(1, 4) * point[1] + Fraction(1, 2), 0)]
    expected = hidden[0] - hidden[1] + 2 * hidden[2] + Fraction(1, 4)
    assert float(function(*point)) == pytest.approx(float(expected))


def test_convert_sympy_format(capsys, small_model):
    status, out, _ = run_main(
        capsys, "convert", str(small_model), "--points", "10", "--format", "sympy"
    )
    assert status == 0
    (line,) = out.splitlines()
    assert " = " in line
    assert "Max(" in line


def test_convert_json_and_text_unchanged(capsys, small_model):
    status, out, _ = run_main(
        capsys, "convert", str(small_model), "--points", "10", "--format", "json"
    )
    assert status == 0
    data = json.loads(out)
    assert set(data) == {"convention", "exact", "inputs", "outputs", "check"}
    status, out, _ = run_main(capsys, "convert", str(small_model), "--points", "10")
    assert status == 0
    assert "check against the forward pass on 10 random points" in out
