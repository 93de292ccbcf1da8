"""The one error a build stops with: its text is what the person building reads (the adapter passes it on)."""


class BuildError(Exception):
    """The build cannot go on; the message says why and how to fix it (Vietnamese, then English)."""
