"""Start Guardian: ``python main.py`` (see ``python main.py --help``)."""

from guardian.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
