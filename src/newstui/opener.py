"""Open a link or image outside the app, safely.

Article text is untrusted: a link can say `javascript:`, `file:///etc/passwd`, `../../..`, or hold `$(...)` in a
file name. So a target is checked first (only `http`, `https`, `mailto` and existing files inside the site root,
after symlinks and `..` are resolved), then handed to the opener as ONE argv element, never through a shell.
Local files go as absolute paths, so a name starting with `-` can never be taken for an option.

The opener runs detached (own session, no terminal I/O) so it cannot draw over the app, and it is never waited
for: a small daemon thread reaps it so it leaves no zombie, and reports a non-zero exit through `on_failure`.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from newstui.safetext import clean

MAX_URL_BYTES = 8192
URL_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class OpenResult:
    """What happened: `ok` when the opener was started, a message for the user, and the argv that ran."""

    ok: bool
    message: str
    argv: tuple[str, ...] = ()


def _short(text: str, limit: int = 80) -> str:
    text = clean(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _refused(target: str, why: str) -> OpenResult:
    return OpenResult(False, f"not opened: {_short(target)}: {why}")


def check_target(target: str | Path, site_root: Path) -> tuple[str | None, str]:
    """(argument for the opener, "") when `target` may be opened, else (None, the reason it may not)."""
    if isinstance(target, Path):
        return _check_local(str(target), site_root)
    if "\x00" in target:
        return None, "it contains a NUL byte"
    if _is_windows_drive(target):
        return _check_local(target, site_root)
    scheme_match = _SCHEME.match(target)
    if scheme_match is None:
        return _check_local(target, site_root)
    if len(target.encode("utf-8", "surrogatepass")) > MAX_URL_BYTES:
        return None, f"the address is longer than {MAX_URL_BYTES // 1024} KB"
    scheme = scheme_match.group(1).lower()
    if _CONTROL.search(target):
        return None, "the address contains control characters"
    if scheme == "file":
        return _check_file_url(target, site_root)
    if scheme not in URL_SCHEMES:
        return None, f"{scheme}: links are not opened (only http, https, mailto and files inside the site)"
    if scheme in ("http", "https") and not urlsplit(target).hostname:
        return None, "the address has no host"
    return target, ""


def _is_windows_drive(target: str) -> bool:
    return sys.platform == "win32" and re.match(r"^[A-Za-z]:[\\/]", target) is not None


def _check_file_url(url: str, site_root: Path) -> tuple[str | None, str]:
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        return None, f"a file on another machine ({parts.netloc}) is not opened"
    path = unquote(parts.path)
    if "\x00" in path:
        return None, "it contains a NUL byte"
    if not path.startswith("/"):
        return None, "a file: address must name an absolute path"
    return _check_local(path, site_root)


def _check_local(raw: str, site_root: Path) -> tuple[str | None, str]:
    """An existing file inside the site, after `..` and every symlink are resolved; as an absolute path."""
    if "\x00" in raw:
        return None, "it contains a NUL byte"
    root = Path(os.path.realpath(site_root))
    given = Path(raw)  # no `~` expansion: article text is not shell input
    if not given.is_absolute():
        given = Path(site_root) / given
    lexical = Path(os.path.normpath(os.path.abspath(given)))
    real = Path(os.path.realpath(given))
    if not real.is_relative_to(root):
        inside_before_links = lexical.is_relative_to(root) or lexical.is_relative_to(Path(site_root).absolute())
        if inside_before_links and real != lexical:
            return None, "it is a symbolic link to a file outside the site"
        return None, "the file is outside the site"
    if not real.exists():
        return None, "the file does not exist"
    if not real.is_file():
        return None, "it is not a file"
    return str(real), ""


def opener_argv(config_opener: str | None = None) -> tuple[list[str] | None, str]:
    """(argv of the opener, "") or (None, why not). `NEWSTUI_OPENER`, else the config, else the system's.

    On Windows without a configured opener the result is `[]`: the caller uses `os.startfile`.
    """
    for source, command in (("NEWSTUI_OPENER", os.environ.get("NEWSTUI_OPENER")), ("config opener", config_opener)):
        if command and command.strip():
            try:
                argv = shlex.split(command)
            except ValueError as error:
                return None, f"{source} is not a valid command ({error}): {_short(command)}"
            if argv:
                return argv, ""
    if sys.platform == "darwin":
        return ["open"], ""
    if sys.platform == "win32":
        return [], ""
    return ["xdg-open"], ""


def open_target(
    target: str | Path,
    *,
    site_root: Path,
    config_opener: str | None = None,
    on_failure: Callable[[str], None] | None = None,
) -> OpenResult:
    """Check `target`, then start the opener on it, detached; never blocks and never raises.

    `on_failure`, when given, is called later from a background thread if the opener exits with an error.
    """
    argument, why = check_target(target, site_root)
    if argument is None:
        return _refused(str(target), why)
    argv, why = opener_argv(config_opener)
    if argv is None:
        return OpenResult(False, why)
    if not argv:
        return _startfile(argument)
    program = argv[0]
    if shutil.which(program) is None:
        return OpenResult(False, f"the opener {_short(program)!r} was not found; set NEWSTUI_OPENER or 'opener'")
    full = (*argv, argument)
    try:
        child = subprocess.Popen(
            full,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=True,
            start_new_session=True,
        )
    except OSError as error:
        return OpenResult(False, f"the opener {_short(program)!r} could not start: {error.strerror or error}")
    threading.Thread(target=_reap, args=(child, program, on_failure), name="newstui-opener", daemon=True).start()
    return OpenResult(True, f"opened {_short(argument)}", full)


def _reap(child: subprocess.Popen[bytes], program: str, on_failure: Callable[[str], None] | None) -> None:
    """Wait for the opener in the background (no zombies) and report a failed exit."""
    code = child.wait()
    if code != 0 and on_failure is not None:
        on_failure(f"the opener {_short(program)!r} failed (exit status {code})")


def _startfile(argument: str) -> OpenResult:
    startfile = getattr(os, "startfile", None)
    if startfile is None:
        return OpenResult(False, "no opener available; set NEWSTUI_OPENER or 'opener' in the config")
    try:
        startfile(argument)
    except OSError as error:
        return OpenResult(False, f"could not open {_short(argument)}: {error.strerror or error}")
    return OpenResult(True, f"opened {_short(argument)}", ("os.startfile", argument))
