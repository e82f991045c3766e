"""A hostile article in a real terminal (tmux): the screen, the window title and the clipboard stay untouched.

The article holds every escape payload in every field, and its file name holds OSC 0 and tmux's own
window-name sequence. tmux acts on what reaches it: OSC 0/2 would change `pane_title`, ESC k would rename the
window, OSC 52 would create a paste buffer (set-clipboard is on here), CSI 2J would wipe the app's frame. So the
test reads those back after newstui drew the article, after moving through its links, and after `cat --color`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hardening.hostile import EVERYTHING, hostile_article, make_site
from tests.tmuxpane import NEWSTUI, TmuxPane, tmux_pane

pytestmark = pytest.mark.e2e

PAYLOAD = EVERYTHING + "\x1bkpwned\x1b\\"  # plus tmux's window-name sequence
FILE_NAME = "2024-05-01-\x1b]0;pwned\x07\x1bkpwned\x1b\\name.md"


class Pane(TmuxPane):
    """The shared pane, plus the check that nothing from the article reached tmux as a command."""

    def untouched(self) -> None:
        """Nothing from the article reached tmux as a command."""
        assert "pwned" not in self.show("#{pane_title}")
        assert "pwned" not in self.show("#{window_name}")
        assert self.run("list-buffers").strip() == "", "OSC 52 set the clipboard"


@pytest.fixture
def pane(tmp_path: Path) -> Iterator[Pane]:
    with tmux_pane(tmp_path, "hard") as shared:
        pane = Pane(shared.socket, shared.session)
        pane.run("set-option", "-g", "set-clipboard", "on")  # OSC 52 would now land in a paste buffer
        pane.run("set-option", "-g", "allow-rename", "on")  # ESC k would now rename the window
        pane.run("set-option", "-g", "automatic-rename", "off")
        pane.run("rename-window", "-t", "hard", "hardwin")
        pane.run("select-pane", "-t", "hard", "-T", "hardtitle")
        yield pane


def test_hostile_article_in_the_app_leaves_the_terminal_alone(pane: Pane, tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {FILE_NAME: hostile_article(PAYLOAD)})
    file = site / "_posts" / FILE_NAME
    (tmp_path / "run.sh").write_text(f'"{NEWSTUI}" open "$(cat {tmp_path}/name)"; echo "EXIT=$?"\n')
    (tmp_path / "name").write_text(str(file))  # the shell reads the escapes from a file, never from send-keys
    pane.wait(lambda s: s.strip() != "", "the shell prompt")
    pane.keys("-l", f"bash {tmp_path}/run.sh")
    pane.keys("Enter")
    pane.wait(lambda s: "TitleWord" in s and "═════" in s, "the hostile article (first frame or app)")
    pane.untouched()  # newstui's own first frame, drawn before Textual starts, sent nothing either
    screen = pane.wait(
        lambda s: "TitleWord" in s and _footer(s) and "Hostile test site" in s, "the app's reader, header and footer"
    )
    lines = screen.splitlines()
    assert len(lines) == 36
    assert "Hostile test site" in lines[0]  # the header is still the first row: nothing cleared or moved it
    assert _footer(screen)  # and the footer the last
    assert "␛" in screen  # the escapes are shown as pictures
    title_row = next(line for line in lines if "TitleWord" in line)
    assert title_row.rstrip().endswith("end") or "␛" in title_row
    pane.untouched()

    for _ in range(6):  # move the highlight over the hostile links and captions
        pane.keys("Tab")
    pane.keys("j", "j", "G", "g")
    screen = pane.wait(lambda s: "TitleWord" in s, "the top of the article again")
    assert "Hostile test site" in screen.splitlines()[0]
    pane.untouched()

    pane.keys("q")
    pane.wait(lambda s: "EXIT=0" in s, "newstui to exit with 0")
    pane.keys("-l", f'clear; "{NEWSTUI}" cat --color --width 100 "$(cat {tmp_path}/name)" | tail -n 30; echo DONE')
    pane.keys("Enter")
    screen = pane.wait(lambda s: "DONE" in s and "codeword" in s, "cat --color in the terminal")
    assert "␛" in screen
    pane.untouched()


def _footer(screen: str) -> bool:
    """The app's footer of keys is on the last row."""
    last = screen.splitlines()[-1] if screen.strip() else ""
    return any(key in last for key in ("Quit", "Help", "List", "Next link"))
