"""``python -m guardian``: the window, or a subcommand."""

from guardian.cli import main

raise SystemExit(main())
