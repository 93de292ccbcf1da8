"""What every subcommand shares: finding the repository."""

from __future__ import annotations

from pathlib import Path

from ..records.paths import RECORDS_DIR


def find_root(start: Path | None = None) -> Path:
    """The nearest folder (from the working directory up) that holds ``initiatives/``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / RECORDS_DIR).is_dir() or (folder / "mkdocs.yml").is_file():
            return folder
    return here


def add_root_option(parser) -> None:
    parser.add_argument("--root", type=Path, default=None,
                        help="thư mục kho (mặc định: thư mục gần nhất có initiatives/)")


def missing_input(path: Path) -> bool:
    """True (and said on stderr) when the file a command was given to read is not there."""
    if path.is_file():
        return False
    import sys

    print(f"Không tìm thấy tệp {path}. (file not found)", file=sys.stderr)
    return True
