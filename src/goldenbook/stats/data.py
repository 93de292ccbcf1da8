"""Every chart's numbers as open data: ``data/stats.json`` and ``data/stats.csv``, the same bytes for the
same selection wherever the site is built."""

from __future__ import annotations

import csv
import io
import json

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the figures module imports the site package, which imports this one
    from .figures import Figures

__all__ = ["stats_json", "stats_csv", "JSON_PATH", "CSV_PATH"]

JSON_PATH = "stats.json"  #: under ``export.DATA_DIR``
CSV_PATH = "stats.csv"


def _document(figures: Figures, preview: bool) -> dict:
    charts = [{"id": series.slug, "title": series.title, "total": series.total,
               "values": [{"key": c.key, "label": c.label, "count": c.value, "url": c.url} for c in series.counts]}
              for series in figures.charts]
    out = {
        "records": figures.records,
        "selection": "preview: every status" if preview else "published records only",
        "note": "count null: no record of that year in the whole collection (a gap, not a zero)",
        "charts": charts,
        "impact": [{"key": s.key, "label": s.label, "unit": s.unit, "total": s.total, "records": s.records}
                   for s in figures.impact],
    }
    if figures.pipeline:
        out["pipeline"] = [{"edition": row.edition, "total": row.total, "statuses": dict(row.statuses)}
                           for row in figures.pipeline]
    return out


def stats_json(figures: Figures, preview: bool) -> bytes:
    return (json.dumps(_document(figures, preview), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def stats_csv(figures: Figures) -> bytes:
    """One row per chart value (``count`` empty for a year without data), then the impact sums and the
    pipeline (preview builds) as charts of their own."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["chart", "key", "label", "count", "total"])
    for series in figures.charts:
        for c in series.counts:
            writer.writerow([series.slug, c.key, c.label, "" if c.value is None else c.value, series.total])
    for s in figures.impact:
        writer.writerow(["hieu-qua", s.key, f"{s.label} ({s.unit})", s.total, s.records])
    for row in figures.pipeline:
        for status, count in row.statuses:
            writer.writerow(["quy-trinh", f"{row.edition}:{status}", f"{row.edition} {status}", count, row.total])
    return buffer.getvalue().encode("utf-8")
