"""Statistics of the selected records: figures counted once from the catalogue (``figures``), sums of
stated impact (``impact``), inline SVG charts (``charts``) and their open-data form (``data``).

No MkDocs import: the site plan (``goldenbook.site.plan``) renders the statistics page from these.
"""
