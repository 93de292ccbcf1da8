"""``goldenbook``: check, start and tidy Golden Book records.

Each subcommand lives in its own module and registers itself through
``add_parser(subparsers)``; ``run(args)`` returns the exit status.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import NoReturn

COMMANDS = ("validate", "schema", "new", "fmt", "import", "export", "import-scores")
#: Commands whose module is not named as the command (``import`` is a Python keyword).
MODULES = {"import": "import_list", "export": "export_council", "import-scores": "import_scores"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="goldenbook",
        description="Sách vàng Sáng tạo Việt Nam: kiểm tra và soạn hồ sơ (records).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")
    # Only the command asked for is imported (the others build pydantic models and forms at import:
    # a fifth of a warm `validate`); all of them for --help or a mistyped command.
    words = [word for word in (sys.argv[1:] if argv is None else argv) if not word.startswith("-")]
    chosen = [words[0]] if words and words[0] in COMMANDS else list(COMMANDS)
    for name in chosen:
        importlib.import_module(f"{__package__}.{MODULES.get(name, name)}").add_parser(commands)
    args = parser.parse_args(argv)
    code = args.run(args)
    if argv is None:  # the `goldenbook` program itself (a call with arguments is a caller's: it goes on)
        _leave(code)
    return code


def _leave(code: int) -> NoReturn:
    """End the program once its output is out, without the interpreter's teardown.

    Every file the command wrote is closed by then; what is left is taking
    apart, object by object, pydantic's models and a scan of every record: a
    twentieth of a `validate` of 10,000 records, for nothing.
    """
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a reader that went away (`| head`): nothing more can be said
        code = code or 1
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
