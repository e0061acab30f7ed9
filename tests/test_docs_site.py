"""Build the documentation site and check the course figures.

The build needs the ``docs`` extra (``pip install -e ".[docs]"``) and is
skipped without it.  The checks of the figures need only matplotlib.
"""

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CONFIG = ROOT / "mkdocs.yml"
FIGURE_LINK = re.compile(r"\(((?:\.\./)*)figures/([\w.-]+\.png)\)")
MAX_FIGURE_BYTES = 200_000


def load_docs_module(name):
    spec = importlib.util.spec_from_file_location(name, DOCS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def referenced_figures():
    """Map each figure named in a page to the pages that show it."""
    found = {}
    for page in DOCS.rglob("*.md"):
        for _, name in FIGURE_LINK.findall(page.read_text(encoding="utf-8")):
            found.setdefault(name, []).append(page.relative_to(DOCS).as_posix())
    return found


def test_nav_lists_every_page():
    config = CONFIG.read_text(encoding="utf-8")
    for page in DOCS.rglob("*.md"):
        name = page.relative_to(DOCS).as_posix()
        assert f": {name}\n" in config, f"{name} is missing from the nav of mkdocs.yml"


def test_figure_links_resolve():
    for page in DOCS.rglob("*.md"):
        depth = len(page.relative_to(DOCS).parts) - 1
        for prefix, name in FIGURE_LINK.findall(page.read_text(encoding="utf-8")):
            assert prefix == "../" * depth, (
                f"{page.name}: link to {name} is not relative"
            )


def test_committed_figures_are_small():
    figures = referenced_figures()
    assert figures, "no page shows a figure"
    for name in figures:
        path = DOCS / "figures" / name
        assert path.is_file(), f"{name} is missing; run python docs/make_figures.py"
        assert path.stat().st_size < MAX_FIGURE_BYTES


def test_make_figures_draws_every_figure(tmp_path):
    pytest.importorskip("matplotlib")
    make_figures = load_docs_module("make_figures")
    sizes = make_figures.write_figures(tmp_path)

    assert set(referenced_figures()) <= set(sizes)
    for name, size in sizes.items():
        assert (tmp_path / name).read_bytes().startswith(b"\x89PNG")
        assert size < MAX_FIGURE_BYTES, f"{name} has {size} bytes"


def test_site_builds_without_warnings(tmp_path):
    for module in (
        "mkdocs",
        "mkdocstrings",
        "mkdocstrings_handlers.python",
        "pymdownx",
    ):
        if importlib.util.find_spec(module.split(".")[0]) is None:
            pytest.skip(
                f"{module} is not installed; install the builder with "
                "pip install -e '.[docs]'"
            )
    site = tmp_path / "site"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--config-file",
            str(CONFIG),
            "--site-dir",
            str(site),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    for page in (
        "index.html",
        "course/curves/index.html",
        "api/plot/index.html",
        "networks/index.html",
        "repl/index.html",
        "benchmarks/index.html",
    ):
        assert (site / page).is_file(), page
    assert (site / "figures" / "conic.png").is_file()
    assert "plot_curve" in (site / "api" / "plot" / "index.html").read_text("utf-8")


def test_rst_roles_and_tables_become_markdown():
    pytest.importorskip("griffe")
    rewrite = load_docs_module("griffe_rst").rst_to_markdown
    table = "\n".join(
        [
            "=====  =========",
            "name   meaning",
            "=====  =========",
            "a      the first",
            "       line",
            "b      :func:`~tropicalnn.plot.plot_curve`",
            "=====  =========",
        ]
    )

    assert rewrite("see :class:`~tropicalnn.Network`") == "see `Network`"
    assert rewrite(":func:`the curve <plot_curve>`") == "`the curve`"
    assert rewrite(table).split("\n") == [
        "| name | meaning |",
        "|---|---|",
        "| a | the first line |",
        "| b | `plot_curve` |",
    ]
    assert rewrite(".. warning::\n\n   Careful.").split("\n") == [
        "!!! warning",
        "",
        "    Careful.",
    ]
    assert rewrite("Usage::\n\n    run") == "Usage:\n\n    run"
