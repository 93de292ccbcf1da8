"""Spreadsheets in and out: nomination lists become records, council sheets carry scores back.

``workbook`` opens a list safely and yields its rows with their positions;
``headers`` maps the columns; ``cells`` reads values as people write them;
``nominations`` turns rows into records through the record model and the
validator; ``council`` writes the council's sheet and reads its scores back;
``record_text`` rewrites fields of a record file in place; ``writing`` makes reproducible
``.xlsx`` bytes; ``problems`` tells where a problem is.
"""
