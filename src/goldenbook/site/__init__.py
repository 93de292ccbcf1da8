"""Records → pages, with no knowledge of the site platform.

``plan_site`` turns a catalogue into page objects holding finished HTML
fragments; a thin adapter (``hooks/publication.py`` for MkDocs) hands them to
the platform, which wraps them in the theme.
"""

from .plan import GeneratedPage, SitePlan, plan_records, plan_site

__all__ = ["GeneratedPage", "SitePlan", "plan_site", "plan_records"]
