"""The ``tropicalnn`` command.

Each subcommand lives in a module of this package that defines
``register(subparsers)``, adding its parser with a ``handler`` default, and
is listed in :data:`COMMANDS`.  Errors of the package are printed as one
line on standard error, without a traceback, and the command exits with
status 1; usage errors exit with status 2.  Without arguments the command
starts the interactive session of ``tropicalnn repl``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from ..errors import TropicalError

__all__ = ["main", "build_parser", "COMMANDS"]

COMMANDS = ("convert", "geometry", "simplify", "evaluate", "repl", "regions", "plot")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="tropicalnn",
        description="Symbolic tropical algebra of piecewise-linear networks.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for name in COMMANDS:
        module = importlib.import_module(f"{__name__}.{name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (``sys.argv[1:]`` by default)."""
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else list(argv)
    arguments = parser.parse_args(argv or ["repl"])
    try:
        return int(arguments.handler(arguments) or 0)
    except BrokenPipeError:
        # The reader of standard output went away (as with `| head`): stop
        # quietly, and keep Python from reporting the pipe at exit.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except TropicalError as err:
        print(f"tropicalnn: error: {err}", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"tropicalnn: error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
