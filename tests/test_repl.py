"""Tests of ``tropicalnn repl``, driven through a pipe as a user would type."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tropicalnn.cli import main
from tropicalnn.cli import repl as repl_command

ROOT = Path(__file__).resolve().parent.parent
HAS_IPYTHON = importlib.util.find_spec("IPython") is not None

SESSION = """\
print(x + 1)
print(tn.parse("max(x, 0) - y"))
print(tn.tropical_sum([x, y, z]))
print(2*x*y)
"""


def run_session(arguments, stdin, tmp_path):
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT), environment.get("PYTHONPATH", "")]
    )
    environment["PYTHONIOENCODING"] = "utf-8"
    environment["IPYTHONDIR"] = str(tmp_path / "ipython")
    return subprocess.run(
        [sys.executable, "-m", "tropicalnn", *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        cwd=tmp_path,
        timeout=120,
    )


def check_session_output(output):
    assert "x ⊕ 1" in output
    assert "x⊙y⁻¹ ⊕ y⁻¹" in output
    assert "x ⊕ y ⊕ z" in output
    assert "2⊙x⊙y" in output


def test_namespace_has_package_and_variables():
    variables = repl_command.namespace()
    assert variables["tn"].__name__ == "tropicalnn"
    assert [str(variables[name]) for name in "xyz"] == ["x", "y", "z"]
    assert variables["x"].variables == ("x", "y", "z")


def test_banner_explains_operators():
    text = repl_command.banner()
    for fragment in ["⊕ = max", "⊙ = classical +", "tropical one", "tropical_sum"]:
        assert fragment in text


def test_plain_console_with_piped_input(tmp_path):
    result = run_session(["repl", "--shell", "python"], SESSION, tmp_path)
    assert result.returncode == 0, result.stderr
    check_session_output(result.stdout)
    assert "⊕ = max" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not HAS_IPYTHON, reason="IPython is not installed")
def test_no_arguments_start_ipython(tmp_path):
    result = run_session([], SESSION, tmp_path)
    assert result.returncode == 0, result.stderr
    check_session_output(result.stdout)
    assert "IPython" in result.stdout
    assert "⊕ = max" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_missing_ipython_is_reported(monkeypatch, capsys):
    monkeypatch.setattr(repl_command.importlib.util, "find_spec", lambda name: None)
    assert main(["repl", "--shell", "ipython"]) == 1
    assert "IPython is not installed" in capsys.readouterr().err


def test_auto_falls_back_to_code_interact(monkeypatch):
    calls = []
    monkeypatch.setattr(repl_command.importlib.util, "find_spec", lambda name: None)
    monkeypatch.setattr(
        repl_command.code, "interact", lambda **options: calls.append(options)
    )
    repl_command.start("auto")
    (options,) = calls
    assert set(options["local"]) == {"tn", "x", "y", "z"}
    assert "tropical_sum" in options["banner"]

