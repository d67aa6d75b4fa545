"""`python -m photoflow_desktop` runs the `photoflow` command."""

import sys

from photoflow_desktop.cli import main

sys.exit(main())
