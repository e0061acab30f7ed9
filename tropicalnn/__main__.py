"""Run the ``tropicalnn`` command with ``python -m tropicalnn``."""

import sys

from .cli import main

sys.exit(main())
