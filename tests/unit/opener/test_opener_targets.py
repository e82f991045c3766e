"""Opening targets outside the app: hostile targets are refused or passed as one inert argv element.

A recording opener (a tiny script in tmp_path) appends what it received to a log as JSON; the tests read that log
with a bounded poll. For refused targets, process creation is spied on so "nothing ran" is asserted directly.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newstui.opener import OpenResult, open_target, opener_argv

from ...conftest import REFERENCE, SMARTTOGETHER, need

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX openers and symlinks")

RECORDER = """#!{python}
import json, os, sys
devnull = os.stat(os.devnull)
record = {{
    "argv": sys.argv[1:],
    "pid": os.getpid(),
    "session_leader": os.getsid(0) == os.getpid(),
    "quiet": [os.path.samestat(os.fstat(n), devnull) for n in (0, 1, 2)],
}}
with open({log!r}, "a", encoding="utf-8") as log:
    log.write(json.dumps(record) + "\\n")
{tail}
"""


def make_opener(folder: Path, name: str = "recorder", tail: str = "") -> tuple[Path, Path]:
    """An executable that records its argv to a log; `tail` is extra Python run after recording."""
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / f"{name}.log"
    script = folder / name
    script.write_text(RECORDER.format(python=sys.executable, log=str(log), tail=tail), encoding="utf-8")
    script.chmod(0o755)
    return script, log


def wait_for(condition: Callable[[], Any], timeout: float = 10.0) -> Any:
    """Poll until `condition()` is truthy, at most `timeout` seconds (the machine may be busy)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"condition not met within {timeout} s")


def records(log: Path, count: int = 1) -> list[dict[str, Any]]:
    def ready() -> list[dict[str, Any]] | None:
        if not log.exists():
            return None
        lines = log.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines] if len(lines) >= count else None

    return wait_for(ready)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small site beside a secret file, with tricky names and symlinks in and out."""
    root = tmp_path / "site"
    (root / "images").mkdir(parents=True)
    (root / "_config.yml").write_text("title: Test\n")
    for name in (
        "a photo.png",
        "-rf",
        "$(touch pwned).png",
        "`touch pwned`.png",
        "; touch pwned #.png",
        "Ünïcödé ж.png",
    ):
        (root / "images" / name).write_bytes(b"\x89PNG")
    (root / "images" / "folder").mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    (root / "images" / "link-out.png").symlink_to(tmp_path / "secret.txt")
    (root / "images" / "link-in.png").symlink_to("a photo.png")
    (root / "images" / "dir-out").symlink_to(tmp_path)
    return root


@pytest.fixture
def recorder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """NEWSTUI_OPENER set to the recording script; returns its log.

    The test runs from tmp_path, so a `touch pwned` that ever ran through a shell would land there.
    """
    script, log = make_opener(tmp_path / "bin")
    monkeypatch.setenv("NEWSTUI_OPENER", shlex.quote(str(script)))
    monkeypatch.chdir(tmp_path)
    return log


@pytest.fixture
def no_spawn(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Fail loudly if any process is started (or os.startfile called)."""
    started: list[Any] = []

    def spy(*args: Any, **kwargs: Any) -> None:
        started.append(args)
        raise AssertionError(f"a process was started: {args}")

    monkeypatch.setattr(subprocess, "Popen", spy)
    monkeypatch.setattr(os, "startfile", spy, raising=False)
    return started


LONG = "https://example.org/" + "a" * 8200

REFUSED: list[tuple[str, Callable[[Path], str | Path], str]] = [
    ("file-url-outside", lambda s: "file:///etc/passwd", "outside the site"),
    ("file-url-other-host", lambda s: f"file://evil.example{s}/images/a%20photo.png", "another machine"),
    ("file-url-dotdot", lambda s: f"file://{s}/images/../../secret.txt", "outside the site"),
    ("dotdot-relative", lambda s: "../../../../../../etc/passwd", "outside the site"),
    ("dotdot-inside-then-out", lambda s: "images/../../secret.txt", "outside the site"),
    ("absolute-outside", lambda s: "/etc/passwd", "outside the site"),
    ("path-object-outside", lambda s: s.parent / "secret.txt", "outside the site"),
    ("symlink-out", lambda s: s / "images" / "link-out.png", "symbolic link to a file outside"),
    ("symlinked-dir-out", lambda s: "images/dir-out/secret.txt", "symbolic link to a file outside"),
    ("missing", lambda s: s / "images" / "not there.png", "does not exist"),
    ("missing-dash", lambda s: "-e", "does not exist"),
    ("a-folder", lambda s: "images/folder", "not a file"),
    ("javascript", lambda s: "javascript:alert(document.cookie)", "javascript: links are not opened"),
    ("javascript-mixed-case", lambda s: "JaVaScRiPt:alert(1)", "javascript: links are not opened"),
    ("data", lambda s: "data:text/html,<script>alert(1)</script>", "data: links are not opened"),
    ("vbscript", lambda s: "vbscript:msgbox", "vbscript: links are not opened"),
    ("ftp", lambda s: "ftp://example.org/file", "ftp: links are not opened"),
    ("ssh", lambda s: "ssh://root@example.org", "ssh: links are not opened"),
    ("custom-handler", lambda s: "steam://run/1", "steam: links are not opened"),
    ("nul-url", lambda s: "https://example.org/a\x00b", "NUL byte"),
    ("nul-path", lambda s: "images/a photo.png\x00.sh", "NUL byte"),
    ("nul-in-file-url", lambda s: f"file://{s}/images/a%00.png", "NUL byte"),
    ("over-long", lambda s: LONG, "longer than 8 KB"),
    ("escape-sequence", lambda s: "https://example.org/\x1b]52;c;cHduZWQ=\x07", "control characters"),
    ("newline", lambda s: "https://example.org/\nrm -rf ~", "control characters"),
    ("c1-csi", lambda s: "https://example.org/\x9b31m", "control characters"),
    ("no-host", lambda s: "https:///etc/passwd", "no host"),
    ("relative-file-url", lambda s: "file:images/a%20photo.png", "absolute path"),
]


@pytest.mark.parametrize(("target", "why"), [(t, w) for _, t, w in REFUSED], ids=[i for i, _, _ in REFUSED])
def test_hostile_targets_are_refused_and_nothing_runs(
    site: Path, recorder: Path, no_spawn: list[Any], target: Callable[[Path], str | Path], why: str
) -> None:
    value = target(site)
    result = open_target(value, site_root=site)
    assert result.ok is False
    assert result.argv == ()
    assert why in result.message
    assert result.message.startswith("not opened: ")
    assert not any(ch in result.message for ch in "\x00\x1b\n\x07\x9b")  # safe to show on screen
    assert len(result.message) < 300  # an 8 KB URL is not echoed whole
    assert no_spawn == []
    assert not recorder.exists()


ALLOWED: list[tuple[str, Callable[[Path], str | Path], Callable[[Path], str]]] = [
    ("https", lambda s: "https://example.org/news?a=1&b=2#top", lambda s: "https://example.org/news?a=1&b=2#top"),
    (
        "http-shell-chars",
        lambda s: "http://example.org/$(touch pwned)`touch pwned`;touch pwned",
        lambda s: "http://example.org/$(touch pwned)`touch pwned`;touch pwned",
    ),
    (
        "mailto",
        lambda s: "mailto:press@example.org?subject=Hello%20there",
        lambda s: "mailto:press@example.org?subject=Hello%20there",
    ),
    ("upper-case-scheme", lambda s: "HTTPS://Example.org/", lambda s: "HTTPS://Example.org/"),
    ("site-relative-with-spaces", lambda s: "images/a photo.png", lambda s: f"{s}/images/a photo.png"),
    ("absolute-inside", lambda s: s / "images" / "a photo.png", lambda s: f"{s}/images/a photo.png"),
    ("dash-name-goes-absolute", lambda s: "images/-rf", lambda s: f"{s}/images/-rf"),
    ("bare-dash-name", lambda s: Path("images/-rf"), lambda s: f"{s}/images/-rf"),
    ("dollar-paren-name", lambda s: "images/$(touch pwned).png", lambda s: f"{s}/images/$(touch pwned).png"),
    ("backtick-name", lambda s: "images/`touch pwned`.png", lambda s: f"{s}/images/`touch pwned`.png"),
    ("semicolon-name", lambda s: "images/; touch pwned #.png", lambda s: f"{s}/images/; touch pwned #.png"),
    ("unicode-name", lambda s: "images/Ünïcödé ж.png", lambda s: f"{s}/images/Ünïcödé ж.png"),
    ("dotdot-that-stays-inside", lambda s: "images/folder/../a photo.png", lambda s: f"{s}/images/a photo.png"),
    ("symlink-inside-resolved", lambda s: "images/link-in.png", lambda s: f"{s}/images/a photo.png"),
    ("file-url-decoded", lambda s: f"file://{s}/images/a%20photo.png", lambda s: f"{s}/images/a photo.png"),
    ("file-url-localhost", lambda s: f"file://localhost{s}/images/-rf", lambda s: f"{s}/images/-rf"),
]


@pytest.mark.parametrize(("target", "expected"), [(t, e) for _, t, e in ALLOWED], ids=[i for i, _, _ in ALLOWED])
def test_allowed_targets_reach_the_opener_as_one_argument(
    site: Path, recorder: Path, tmp_path: Path, target: Callable[[Path], str | Path], expected: Callable[[Path], str]
) -> None:
    result = open_target(target(site), site_root=site)
    assert result.ok, result.message
    want = expected(site.resolve())
    (record,) = records(recorder)
    assert record["argv"] == [want]
    assert result.argv[-1] == want
    assert not (tmp_path / "pwned").exists()
    assert not (site / "pwned").exists()


def test_opener_command_is_split_into_arguments_without_a_shell(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script, log = make_opener(tmp_path / "my bin")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSTUI_OPENER", f"{shlex.quote(str(script))} --new-window 'two words' '$(touch pwned)'")
    result = open_target("images/a photo.png", site_root=site)
    (record,) = records(log)
    assert record["argv"] == ["--new-window", "two words", "$(touch pwned)", f"{site.resolve()}/images/a photo.png"]
    assert result.argv == (str(script), *record["argv"])
    assert not (tmp_path / "pwned").exists()


def test_environment_beats_config_and_config_beats_system(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_script, env_log = make_opener(tmp_path / "bin", "from-env")
    config_script, config_log = make_opener(tmp_path / "bin", "from-config")
    monkeypatch.setenv("NEWSTUI_OPENER", str(env_script))
    open_target("https://example.org/", site_root=site, config_opener=f"{config_script} --cfg")
    assert records(env_log)[0]["argv"] == ["https://example.org/"]
    monkeypatch.delenv("NEWSTUI_OPENER")
    open_target("https://example.org/", site_root=site, config_opener=f"{config_script} --cfg")
    assert records(config_log)[0]["argv"] == ["--cfg", "https://example.org/"]
    assert len(records(env_log)) == 1


def test_system_default_opener(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    assert opener_argv(None) == (["xdg-open"], "")
    monkeypatch.setattr(sys, "platform", "darwin")
    assert opener_argv("  ") == (["open"], "")
    monkeypatch.setattr(sys, "platform", "win32")
    assert opener_argv(None) == ([], "")  # os.startfile


def test_unbalanced_quotes_in_the_opener_are_a_message(
    site: Path, no_spawn: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSTUI_OPENER", "viewer 'unterminated")
    result = open_target("https://example.org/", site_root=site)
    assert result == OpenResult(
        False, "NEWSTUI_OPENER is not a valid command (No closing quotation): viewer 'unterminated"
    )


def test_a_missing_opener_is_a_message_not_a_crash(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSTUI_OPENER", str(tmp_path / "no-such-viewer"))
    result = open_target("https://example.org/", site_root=site)
    assert not result.ok
    assert "no-such-viewer" in result.message and "not found" in result.message
    monkeypatch.delenv("NEWSTUI_OPENER")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no xdg-open anywhere
    monkeypatch.setattr(sys, "platform", "linux")
    result = open_target("https://example.org/", site_root=site)
    assert result == OpenResult(False, "the opener 'xdg-open' was not found; set NEWSTUI_OPENER or 'opener'")


def test_the_child_is_detached_and_quiet(site: Path, recorder: Path) -> None:
    open_target("https://example.org/", site_root=site)
    (record,) = records(recorder)
    assert record["session_leader"] is True  # own session: no terminal, no signals from the app's
    assert record["quiet"] == [True, True, True]  # stdin, stdout, stderr are /dev/null: the screen stays intact


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs /proc to see zombies")
def test_a_finished_opener_is_reaped(site: Path, recorder: Path) -> None:
    open_target("https://example.org/", site_root=site)
    pid = records(recorder)[0]["pid"]

    # A zombie keeps its /proc entry until its parent reaps it; the background thread must do that.
    wait_for(lambda: not Path(f"/proc/{pid}").exists())


def test_a_hanging_opener_does_not_block(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script, log = make_opener(tmp_path / "bin", "hangs", tail="import time; time.sleep(60)")
    monkeypatch.setenv("NEWSTUI_OPENER", str(script))
    started = time.monotonic()
    result = open_target("https://example.org/", site_root=site)
    elapsed = time.monotonic() - started
    pid = records(log)[0]["pid"]
    try:
        assert result.ok
        assert elapsed < 1.0
    finally:
        os.killpg(pid, 9)  # its own process group, because it has its own session


def test_a_failing_opener_is_reported_later(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script, _ = make_opener(tmp_path / "bin", "fails", tail="sys.exit(3)")
    monkeypatch.setenv("NEWSTUI_OPENER", str(script))
    messages: list[str] = []
    done = threading.Event()

    def failed(message: str) -> None:
        messages.append(message)
        done.set()

    result = open_target("https://example.org/", site_root=site, on_failure=failed)
    assert result.ok  # started fine; the failure arrives later
    assert done.wait(10)
    assert messages == [f"the opener {str(script)!r} failed (exit status 3)"]


def test_the_reference_articles_hero_image_opens_as_an_absolute_path(
    recorder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newstui.library.resolve import resolve

    need(REFERENCE)
    hero = "images/news/Studierende HS Muenchen im Stadtteillabor_web.jpg"
    resolved = resolve(hero, REFERENCE, SMARTTOGETHER)
    assert resolved.exists and resolved.local_path is not None
    result = open_target(resolved.local_path, site_root=SMARTTOGETHER)
    assert result.ok, result.message
    expected = str(SMARTTOGETHER.resolve() / hero)
    assert records(recorder)[0]["argv"] == [expected]
    # the same file as a percent-encoded file: URL, and its first outbound link
    open_target("file://" + expected.replace(" ", "%20"), site_root=SMARTTOGETHER)
    sofia = "http://www.sofia-da.eu/en/strategic-documents/innovation-strategy-for-smart-specialization-of-sofia.html"
    open_target(sofia, site_root=SMARTTOGETHER)
    got = [r["argv"] for r in records(recorder, 3)]
    assert sorted(got) == sorted([[expected], [expected], [sofia]])
