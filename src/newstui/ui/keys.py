"""Every key binding in effect, gathered from the live widgets, for the `?` screen and the command palette.

Read from the widgets themselves (with the user's `[keys]` keymap applied the way Textual applies it), so the
help can never drift from what the keys really do, and a remapped key shows its new key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen


@dataclass(frozen=True)
class KeyHelp:
    """One action with every key that triggers it."""

    where: str  # "anywhere", "list" or "reader"
    keys: tuple[str, ...]  # as the user presses them: "j", "down", "ctrl+p"
    description: str
    binding: Binding
    node: DOMNode


def _where(node: DOMNode, app: App[Any]) -> str:
    if node is app or isinstance(node, Screen):
        return "anywhere"
    ids = {ancestor.id for ancestor in node.ancestors_with_self}
    if "reader-pane" in ids:
        return "reader"
    return "list" if "list-pane" in ids else "anywhere"


def _display(key: str, app: App[Any]) -> str:
    try:
        return app.get_key_display(Binding(key, ""))
    except Exception:  # a key Textual cannot display: show it as configured
        return key


def gather(app: App[Any], screen: Screen[Any]) -> list[KeyHelp]:
    """Actions with an id (the remappable ones) of the app, the screen and its widgets, keymap applied."""
    nodes: list[DOMNode] = [app, screen, *screen.query("*")]
    found: dict[tuple[int, str], KeyHelp] = {}
    order: list[tuple[int, str]] = []
    for node in nodes:
        bindings = node._bindings.copy()
        if app._keymap:
            bindings.apply_keymap(app._keymap)
        for key, binding in bindings:
            if binding.system or not binding.description or binding.id is None:
                continue
            ident = (id(node), binding.id or binding.action)
            shown = _display(key, app)
            if ident in found:
                old = found[ident]
                if shown not in old.keys:
                    found[ident] = KeyHelp(old.where, (*old.keys, shown), old.description, old.binding, node)
                continue
            found[ident] = KeyHelp(_where(node, app), (shown,), binding.description, binding, node)
            order.append(ident)
    # One entry per action and pane, even when several widgets of a pane declare it.
    unique: dict[tuple[str, str], KeyHelp] = {}
    for ident in order:
        entry = found[ident]
        unique.setdefault((entry.where, entry.binding.id or entry.binding.action), entry)
    rank = {"anywhere": 0, "list": 1, "reader": 2}
    return sorted(unique.values(), key=lambda e: rank.get(e.where, 3))
