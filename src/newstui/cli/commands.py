"""Collects the command modules so importing this one registers every subcommand on `cli`."""

from newstui.cli import browse_cmd, cat_cmd, check_cmd, list_cmd, open_cmd, search_cmd  # noqa: F401
