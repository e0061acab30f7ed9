"""Run the examples of every page in docs/ and its subfolders, and of the
README, as doctests."""

import doctest
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = sorted(DOCS.rglob("*.md")) + [DOCS.parent / "README.md"]
PAGE_NAMES = [page.relative_to(DOCS.parent).as_posix() for page in PAGES]


@pytest.mark.parametrize("page", PAGES, ids=PAGE_NAMES)
def test_page_examples(page):
    result = doctest.testfile(
        str(page),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        encoding="utf-8",
    )
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed"
