"""``goldenbook``: check, start and tidy Golden Book records.

Each subcommand lives in its own module and registers itself through
``add_parser(subparsers)``; ``run(args)`` returns the exit status.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = ("validate", "schema", "new", "fmt", "import", "export", "import-scores")
#: Commands whose module is not named as the command (``import`` is a Python keyword).
MODULES = {"import": "import_list", "export": "export_council", "import-scores": "import_scores"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="goldenbook",
        description="Sách vàng Sáng tạo Việt Nam: kiểm tra và soạn hồ sơ (records).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")
    for name in COMMANDS:
        importlib.import_module(f"{__package__}.{MODULES.get(name, name)}").add_parser(commands)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
