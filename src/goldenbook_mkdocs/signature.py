"""What a detached page's bytes depend on besides its own content, as MkDocs builds it."""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation

from goldenbook.build.serve_rebuild import inputs_digest
from goldenbook.fingerprint import code_fingerprint, parts_digest

from .compat import VERSIONS
from .detached import SHELLS


def adapter_files(hook: Path) -> list[Path]:
    """The hook file and this package's modules: code the pages depend on beyond the core package."""
    return [hook, *sorted(Path(__file__).parent.glob("*.py"))]


def theme_signature(config: MkDocsConfig, nav: Navigation, hook: Path) -> str:
    """Everything besides a page's own content that a detached page's bytes depend on.

    The configuration file and what it resolved to (site_url, extra CSS and
    scripts…), the theme overrides, the versions of MkDocs and Material, the
    adapter, the goldenbook package, and the navigation as shown (titles and
    addresses). A page whose content key and theme signature are those of the
    page the previous build wrote is byte for byte that page.
    """
    parts: list[object] = [
        *VERSIONS, code_fingerprint(), SHELLS, config.site_url,
        config.use_directory_urls, config.site_name, config.copyright, config.repo_url, config.edit_uri,
        json.dumps(config.extra, sort_keys=True, default=str),
        [str(item) for item in config.extra_css], [str(item) for item in config.extra_javascript],
        json.dumps(dict(config.theme.items()), sort_keys=True, default=str)]
    parts += [path.read_bytes() for path in (Path(config.config_file_path), *adapter_files(hook))]
    for folder in config.theme.dirs[:1] if config.theme.custom_dir else []:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                parts += [path.relative_to(folder).as_posix(), path.read_bytes()]

    def walk(items: list) -> None:
        for item in items:
            parts.extend((type(item).__name__, getattr(item, "title", None), getattr(item, "url", None)))
            walk(getattr(item, "children", None) or [])

    walk(nav.items)
    return parts_digest(parts)


def serve_inputs(config: MkDocsConfig, hook: Path) -> str:
    """What, besides records, the pages of a `mkdocs serve` rebuild depend on (``goldenbook.build.serve_rebuild``)."""
    folders = [config.docs_dir, *(config.theme.dirs[:1] if config.theme.custom_dir else [])]
    return inputs_digest([Path(config.config_file_path), *adapter_files(hook)], folders,
                         f"{config.site_dir}{config.site_url}{config.extra}")
