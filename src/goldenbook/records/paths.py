"""Where the records, their pictures and their cache live, and the names a records folder may hold.

Small on purpose: the modules that need one of these names (the CLI, the nomination form's data,
the MkDocs hooks, the benchmark, scripts) import it without the scan.
"""

__all__ = ["RECORDS_DIR", "IMAGES_DIR", "ALLOW_EMPTY_ENV", "CACHE_DIR", "IGNORED_NAMES"]

RECORDS_DIR = "initiatives"
#: ``GOLDENBOOK_ALLOW_EMPTY=1``: a records folder without records is allowed (a new installation).
ALLOW_EMPTY_ENV = "GOLDENBOOK_ALLOW_EMPTY"
IMAGES_DIR = "images"
#: Where the cache of per-file results lives, relative to the repository's cache folder (``cache_root``).
CACHE_DIR = "records"
#: Files that may sit in the records folder without being records.
IGNORED_NAMES = frozenset({".gitkeep"})
