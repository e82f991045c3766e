"""newstui: a keyboard-driven terminal reader for news sites kept as Markdown sources."""

__version__ = "0.1.0"
