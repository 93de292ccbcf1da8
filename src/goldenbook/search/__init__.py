"""Search: an accent-free index of the selected records and the site's pages.

``build_index(catalog, pages)`` makes the static files the browser searches
(see ``index``); ``folding`` holds the search key of text, shared with the
browser's script. Nothing here imports MkDocs.
"""

from .folding import js_tables, search_fold, tokens, words
from .index import FOLDER, PageText, build_index, decode, encode, page_text, write_index

__all__ = ["FOLDER", "PageText", "build_index", "decode", "encode", "js_tables", "page_text", "search_fold",
           "tokens", "words", "write_index"]
