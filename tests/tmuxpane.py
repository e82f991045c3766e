"""One private tmux server (its own socket) running one shell, for the real-terminal tests.

Every wait polls `capture-pane` with a deadline; nothing sleeps a fixed long time. The shell gets the test's own
data, cache and config folders, so a real terminal test never touches the user's state.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

NEWSTUI = Path(sys.executable).parent / "newstui"


class TmuxPane:
    """The one pane of a private tmux session named `session`."""

    def __init__(self, socket: str, session: str) -> None:
        self.socket = socket
        self.session = session

    def run(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True)
        return done.stdout

    def show(self, what: str) -> str:
        """A tmux format (`#{alternate_on}`, `#{pane_title}`) read off the pane."""
        return self.run("display-message", "-p", "-t", self.session, what).strip()

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.session)

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", self.session, *keys)

    def text(self, text: str) -> None:
        self.run("send-keys", "-t", self.session, "-l", text)

    def wait(self, condition: Callable[[str], bool], what: str, timeout: float = 25.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if condition(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; the screen was:\n{screen}")


@contextmanager
def tmux_pane(tmp_path: Path, session: str, extra_env: dict[str, str] | None = None) -> Iterator[TmuxPane]:
    """A 120x36 pane running bash, skipped with the reason when tmux or the installed script is missing."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed: the real-terminal test needs it")
    if not NEWSTUI.exists():
        pytest.skip(f"the newstui console script is not installed at {NEWSTUI}")
    pane = TmuxPane(f"newstui-{session}-{os.getpid()}-{tmp_path.name}", session)
    env = {
        "NEWSTUI_DATA_DIR": str(tmp_path / "data"),
        "NEWSTUI_CACHE_DIR": str(tmp_path / "cache"),
        "NEWSTUI_CONFIG": str(tmp_path / "config.toml"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PS1": "$ ",
        **(extra_env or {}),
    }
    options = [item for name, value in env.items() for item in ("-e", f"{name}={value}")]
    pane.run("-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "120", "-y", "36", *options,
             "bash --norc --noprofile")  # fmt: skip
    try:
        yield pane
    finally:
        subprocess.run(["tmux", "-L", pane.socket, "kill-server"], capture_output=True, check=False)
