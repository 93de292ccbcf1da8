"""The Golden Book's build, platform-neutral: ``pipeline`` runs it, each output is a leaf module.

    trees           two built sites compared byte for byte
    pipeline        the build's steps in order, with its typed state (``Build``)
    session         what lasts between builds of one process (``SESSION``)
    checks          the checkout, the pages' folder and the site's address, before anything is read
    previous_site   the previous site moved aside, unchanged pages taken back, the rest deleted
    serve_rebuild   `serve`: edited records' pages written before the rest is planned
    side_outputs    open data, the feed and the search index, written beside the pages
    sitemap         the sitemap with every page, the same whatever the build day
    book_pdf        the edition's book and the council's dossier printed by headless Chromium
    errors          ``BuildError``, the one error a build stops with

Nothing here imports a site platform (tests/test_build_pipeline.py checks it):
the MkDocs adapter is ``hooks/publication.py`` with ``goldenbook_mkdocs``.
"""
