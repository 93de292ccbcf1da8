"""The MkDocs adapter's code that is too large for ``hooks/publication.py``.

    compat      every use of a private MkDocs or Material internal, in one place
    detached    the writer of pages MkDocs does not know (Material's template, through page shells)
    signature   what a page's bytes depend on besides its content (theme signature, `serve` inputs)

It lives outside ``goldenbook`` because the core package never imports MkDocs,
and outside ``hooks/`` because MkDocs puts that folder first on ``sys.path``
and the hook file removes it (a module committed there would shadow a real one).
"""
