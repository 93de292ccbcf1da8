"""Static files the generated pages need, shipped inside the package."""

from __future__ import annotations

from importlib.resources import files

#: Where the stylesheet is published on the site.
STYLESHEET = "assets/goldenbook.css"


def stylesheet() -> str:
    return files("goldenbook.site").joinpath("static/goldenbook.css").read_text(encoding="utf-8")
