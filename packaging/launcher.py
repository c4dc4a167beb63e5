"""The frozen build's entry point: Guardian's command line, and ``-m`` for its own modules.

Guardian runs some of its own modules as child processes with ``sys.executable -m MODULE``
(the pyttsx3 reader, ``guardian.speech.pyttsx3_child``). In a frozen build ``sys.executable``
is this program, not a Python interpreter, so ``-m`` is handled here, for Guardian's own
modules only.

On Linux the PyInstaller bootloader puts the bundle's folder first on ``LD_LIBRARY_PATH`` so
that this process finds its own copies of Qt and the rest. The programs Guardian starts
(espeak-ng, aplay, gio) must see the system's libraries instead, so the original value is put
back: the dynamic loader read the variable when this process started, changing it now only
affects child processes.
"""

from __future__ import annotations

import os
import runpy
import sys


def restore_library_path() -> None:
    """Give child processes the library path this program was started with."""
    if not getattr(sys, "frozen", False) or not sys.platform.startswith("linux"):
        return
    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is not None:
        os.environ["LD_LIBRARY_PATH"] = original
    else:
        os.environ.pop("LD_LIBRARY_PATH", None)


def run_module(module: str, arguments: list[str]) -> int:
    """Run one of Guardian's modules as ``python -m MODULE ARGUMENTS`` would."""
    if module != "guardian" and not module.startswith("guardian."):
        print(f"guardian: -m {module}: only Guardian's own modules can be run", file=sys.stderr)
        return 2
    sys.argv = [sys.argv[0], *arguments]
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit as done:
        code = done.code
        if code is None or isinstance(code, int):
            return code or 0
        print(code, file=sys.stderr)
        return 1
    return 0


def main() -> int:
    """Run Guardian with the process arguments; return the exit code."""
    restore_library_path()
    arguments = sys.argv[1:]
    if len(arguments) >= 2 and arguments[0] == "-m":
        return run_module(arguments[1], arguments[2:])
    from guardian.cli import main as guardian_main

    return guardian_main()


if __name__ == "__main__":
    raise SystemExit(main())
