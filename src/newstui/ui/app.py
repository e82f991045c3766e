"""The newstui Textual app: config (theme, keymap, opener), the main screen, help, palette and opening targets.

Everything that happens to the site lives on `MainScreen`; the app only holds what is global: the user's config
(applied once, with problems reported as notices, never as a crash), the read-state store, the search index, and
the opener. Every key is a `Binding` with an id, so `[keys]` in the config remaps it through Textual's keymap and
the `?` screen and the command palette list it with its current key.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen

from newstui.config import Config, load_config, save_theme
from newstui.document.model import Target
from newstui.library import site_root_of
from newstui.library.records import Article, Site
from newstui.library.site import Glimpse
from newstui.opener import open_target
from newstui.safetext import clean
from newstui.ui.collector import CollectorPolicy
from newstui.ui.keys import gather
from newstui.ui.screens.help import HelpScreen
from newstui.ui.screens.main import MainScreen
from newstui.ui.state import Marks, open_marks

# SIGTERM (a `kill`) ends the app like `q`, giving the terminal back. SIGHUP keeps its default: the terminal is
# gone, there is nothing to give back, and Textual's shutdown can wait forever on writes to a closed terminal.
# Every mark is committed when it is made, so dying at once loses nothing.
EXIT_SIGNALS = (signal.SIGTERM,)
HOLD_KEYS_AT_MOST = 10.0  # seconds: a safety net; keys are let go as soon as FILE is shown or cannot be
HOLD_NEVER = frozenset({"ctrl+c"})  # quitting is never held


class NewsApp(App[None]):
    """Browse the site at `path`; with `open_file`, start in the reader on that article."""

    CSS_PATH = "newstui.tcss"
    TITLE = "newstui"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+c", "quit", "Quit (anywhere, even while typing)", show=False, priority=True, id="app.interrupt"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, priority=True, id="app.palette"),
    ]

    def __init__(
        self,
        path: Path,
        *,
        open_file: Path | None = None,
        config: Config | None = None,
        marks: Marks | None = None,
        glimpse: Glimpse | None = None,
    ) -> None:
        super().__init__()
        self.path = path
        self.open_file = open_file
        self.glimpse = glimpse  # the site's first rows, painted before the app started: it starts with them
        self.config = config if config is not None else load_config()
        self._marks = marks
        self._notices: list[str] = []
        self._theme_ready = False
        self.site: Site | None = None
        self.last_open: object | None = None  # the last OpenResult, for tests and the e2e log
        self.collector = CollectorPolicy()
        # Keys typed before `open_file` is on screen (the first frame shows it before Textual starts): held, then
        # replayed in order once the reader has it, so `G` or space pressed at once is not lost or sent to the list.
        self._held_keys: list[events.Key] | None = [] if open_file is not None else None

    # -- start-up -----------------------------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self._held_keys is not None:
            self.set_timer(HOLD_KEYS_AT_MOST, self.release_keys)
        self.collector.start()
        self._exit_on_signals()
        self._apply_theme()
        if self.config.keys:
            self.set_keymap(self.config.keys)
        for problem in self.config.problems:
            self.notify(clean(problem), title="Config", severity="warning", timeout=15)
        if self._marks is None:
            self._marks, self._notices = open_marks()
        for notice in self._notices:
            self.notify(clean(notice), title="Read state", severity="warning", timeout=10)
        self.push_screen(MainScreen(self.path, open_file=self.open_file, marks=self._marks, glimpse=self.glimpse))
        self.call_after_refresh(self._check_keymap)
        self._theme_ready = True

    def _apply_theme(self) -> None:
        name = self.config.theme
        if not name:
            return
        if name in self.available_themes:
            self.theme = name
        else:
            known = ", ".join(sorted(self.available_themes)[:8])
            self.notify(
                f"{self.config.path}: unknown theme {clean(name)!r}; using the default (some themes: {known}…)",
                title="Config",
                severity="warning",
                timeout=15,
            )

    def _check_keymap(self) -> None:
        """A `[keys]` entry naming no action is a config mistake: say which, keep the rest."""
        if not self.config.keys or not isinstance(self.screen, MainScreen):
            return
        known = {
            binding.id
            for node in (self, self.screen, *self.screen.query("*"))
            for _key, binding in node._bindings
            if binding.id
        }
        unknown = sorted(set(self.config.keys) - known)
        if unknown:
            self.notify(
                f"{self.config.path}: [keys] {', '.join(clean(u) for u in unknown)}: no such action "
                "(press ? for the list of actions and their ids)",
                title="Config",
                severity="warning",
                timeout=15,
            )

    def watch_theme(self, name: str) -> None:
        """Remember a theme picked from the palette, so the next start uses it."""
        if not self._theme_ready:
            return
        try:
            save_theme(name, self.config)
        except OSError as error:
            self.notify(f"theme not remembered: {error}", severity="warning")

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notices quote file names, titles and typed queries: always plain text, never Textual markup (a
        `[/]` in a query would raise MarkupError, `[@click=...]` in a file name would become an action)."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    # -- keys and palette ---------------------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if (
            self._held_keys is not None
            and isinstance(event, events.Key)
            and not event.is_forwarded
            and event.key not in HOLD_NEVER
        ):
            self._held_keys.append(event)
            return
        await super().on_event(event)

    @property
    def holding_keys(self) -> bool:
        return self._held_keys is not None

    def release_keys(self) -> None:
        """The reader holds FILE (or it never will): let the held keys through, in the order they were typed."""
        if self._held_keys is not None:
            self.call_later(self._replay_keys)  # keys typed until then are still held, so the order is kept

    def _replay_keys(self) -> None:
        """Post the held keys again, from the app itself: a key made by a screen's callback would carry the screen
        as its sender and stop bubbling there, before the app looks up its binding."""
        held, self._held_keys = self._held_keys, None
        for event in held or ():
            self.post_message(events.Key(event.key, event.character))

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own commands (themes among them), then every key action of the screen under the palette."""
        yield from super().get_system_commands(screen)
        for entry in gather(self, screen):
            if entry.binding.action in ("command_palette", "app.command_palette"):
                continue
            keys = " ".join(entry.keys)
            title = f"{entry.description}"
            help_text = f"{entry.where}: {keys}  ({entry.binding.id})"

            def run(entry_node: object = entry.node, action: str = entry.binding.action) -> None:
                self.call_later(self.run_action, action, entry_node)

            yield SystemCommand(title, help_text, run)

    # -- used by the main screen --------------------------------------------------------------------------------

    def site_loaded(self, site: Site, articles: list[Article]) -> None:
        self.site = site
        self.collector.settle()

    def on_unmount(self) -> None:
        self.collector.stop()
        loop = asyncio.get_running_loop()
        for signum in EXIT_SIGNALS:
            with suppress(NotImplementedError, RuntimeError, ValueError):
                loop.remove_signal_handler(signum)

    def _exit_on_signals(self) -> None:
        """SIGTERM (a `kill`) ends the app the way `q` does, so the terminal gets its normal screen, cursor and
        mouse back; every mark is already committed when it is made."""
        loop = asyncio.get_running_loop()
        for signum in EXIT_SIGNALS:
            with suppress(NotImplementedError, RuntimeError, ValueError):  # not on this platform or thread
                loop.add_signal_handler(signum, self.exit)

    def open_target(self, target: Target) -> None:
        """Open a link or image outside the app; refusals and failures become notices."""
        # Before the site has finished loading (`newstui open FILE`), its root is found from the path itself.
        site_root = self.site.root if self.site is not None else site_root_of(self.path)
        destination: str | Path = target.local_path if target.local_path is not None else target.dest
        if target.local_path is not None and target.exists is False:
            self.notify(f"missing file: {clean(str(target.local_path))}", severity="warning")
            return

        def failed(message: str) -> None:
            self.call_from_thread(self.notify, clean(message), severity="error")

        result = open_target(destination, site_root=site_root, config_opener=self.config.opener, on_failure=failed)
        self.last_open = result
        self.notify(clean(result.message), severity="information" if result.ok else "warning", timeout=3)
