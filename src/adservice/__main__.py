"""``python -m adservice`` runs the command line."""

import sys

from adservice.cli import main

sys.exit(main())
