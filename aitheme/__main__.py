"""``python -m aitheme``: the command line."""

import sys

from aitheme.cli.main import main

sys.exit(main())
