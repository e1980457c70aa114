"""Allow `python -m lif_tui`, which behaves exactly like the `lif-tui` console script."""

from lif_tui.cli import main

raise SystemExit(main())
