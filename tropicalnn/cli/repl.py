"""``tropicalnn repl``: an interactive session with tropicalnn loaded.

The session runs in IPython when it is installed and in the standard
library's :func:`code.interact` otherwise.  Its namespace contains the
package as ``tn`` and the max-plus variables ``x``, ``y`` and ``z``.
"""

from __future__ import annotations

import argparse
import code
import importlib.util
import sys
from typing import Any

__all__ = ["register", "run", "start", "namespace", "BANNER"]

BANNER = """\
tropicalnn {version}: tropical algebra in the max-plus semiring.
  tn is the package; x, y, z are tropical variables.
  +  is ⊕ = max               x + 1       is max(x, 1)
  *  is ⊙ = classical +       2*x*y       is 2 + x + y
  /  is ⊘ = classical -       x / (y + 0) is x - max(y, 0)
  ** is the tropical power    x**3        is 3*x
  0 is tropical one and -inf tropical zero.  Python's sum() starts at 0,
  so use tn.tropical_sum([...]).  tn.parse("max(x, 0) - y") reads text."""


def namespace() -> dict[str, Any]:
    """Return the variables a session starts with.

    Examples
    --------
    >>> sorted(namespace())
    ['tn', 'x', 'y', 'z']
    """
    import tropicalnn

    x, y, z = tropicalnn.variables("x y z")
    return {"tn": tropicalnn, "x": x, "y": y, "z": z}


def banner() -> str:
    """Return the greeting, with the package version filled in."""
    import tropicalnn

    return BANNER.format(version=tropicalnn.__version__)


def _start_ipython(variables: dict[str, Any]) -> None:
    import IPython
    from traitlets.config import Config

    config = Config()
    config.TerminalInteractiveShell.banner2 = banner() + "\n"
    if not sys.stdin.isatty():
        # Nobody is there to confirm the exit prompt at the end of piped input.
        config.TerminalInteractiveShell.confirm_exit = False
    if not sys.stdout.isatty():
        config.TerminalInteractiveShell.colors = "NoColor"
    IPython.start_ipython(argv=[], user_ns=variables, config=config)


def start(shell: str = "auto") -> None:
    """Run an interactive session until its input ends.

    Parameters
    ----------
    shell : {"auto", "ipython", "python"}
        ``"auto"`` picks IPython when it is installed.
    """
    variables = namespace()
    use_ipython = shell == "ipython" or (
        shell == "auto" and importlib.util.find_spec("IPython") is not None
    )
    if use_ipython:
        _start_ipython(variables)
    else:
        code.interact(banner=banner(), local=variables, exitmsg="")


def register(subparsers: Any) -> None:
    """Add the ``repl`` subcommand."""
    parser = subparsers.add_parser(
        "repl",
        help="start an interactive session with tropicalnn loaded",
        description=(
            "Start Python with tropicalnn imported as tn and the tropical "
            "variables x, y, z defined.  This is also what 'tropicalnn' "
            "without arguments does."
        ),
    )
    parser.add_argument(
        "--shell",
        choices=("auto", "ipython", "python"),
        default="auto",
        help="interactive shell: IPython when installed (auto), or the plain "
        "Python console (default: auto)",
    )
    parser.set_defaults(handler=run)


def run(arguments: argparse.Namespace) -> int:
    """Run ``tropicalnn repl``."""
    if arguments.shell == "ipython" and importlib.util.find_spec("IPython") is None:
        from ..errors import TropicalError

        raise TropicalError(
            "IPython is not installed; install it or use --shell python"
        )
    start(arguments.shell)
    return 0
