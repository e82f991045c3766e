"""Benchmark: `newstui open` in a real terminal (tmux, 120x40): first screen of a long article, and `G` to its end.

Targets (issue 3): the first screen of the 130 KB article within 0.5 s of starting the process, and `G` reaching
the end of the 1.3 MB article within 1.5 s. The articles come from bench/render.py's generator (the reference
article's shape), each ending with a one-line marker paragraph so the end can be recognised on the screen.

Each run starts `newstui open FILE` as the only program of a private tmux server (its own socket, 120x40), with
the data, cache and config in a temporary folder, and polls `capture-pane -p`:
- first screen: from starting tmux until the article's headline ("Changemakers?", shown by the reader only)
  is on the screen. newstui paints the article's first screen itself before it imports Textual (see
  src/newstui/ui/first_frame.py), so this is that first frame; the time until the app's own first frame (its
  footer of keys) is printed too, since keys typed before then wait for it;
- `G`: sent as soon as the first screen is there (so it lands while the rest of a long article is still being
  parsed and laid out), timed until the end marker is on the screen; the time from start is printed too.
Also printed: the CPU time the newstui process had used by then (the machine is shared by several jobs, so wall
time alone overstates the cost), and, for scale, how long importing Textual alone takes in a fresh interpreter.

Python's bytecode cache is warm, as on an installed copy (pip compiles on install, and a first run writes the cache):
when PYTHONDONTWRITEBYTECODE is set in this environment, the runs use a bytecode cache in the temporary folder,
filled by one untimed run (`--cold-bytecode` measures without it). Medians of several runs; prints figures,
targets and met/missed; not a timed test. Run with `make bench` or `python bench/terminal.py [--runs N]`.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
WIDTH, HEIGHT = 120, 40
FIRST_TARGET = 0.5  # seconds, 130 KB article, from start
END_TARGET = 1.5  # seconds, 1.3 MB article, from pressing G
HEADLINE = "Changemakers?"
FOOTER = "Next link"  # the reader's keys in the footer: Textual's first frame, the app taking keys
END_MARKER = "End of the benchmark article."
POLL = 0.01
TIMEOUT = 60.0


def _render_bench() -> ModuleType:  # bench/render.py's generator, so both benchmarks read the same articles
    spec = importlib.util.spec_from_file_location("bench_render", HERE / "render.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_site(folder: Path) -> dict[str, Path]:
    """A Jekyll site with the 130 KB and 1.3 MB articles of bench/render.py, each ending with END_MARKER."""
    render = _render_bench()
    (folder / "_config.yml").write_text("title: Bench\n", encoding="utf-8")
    posts = folder / "_news"
    posts.mkdir()
    paths = {}
    for label, size, _target in render.SIZES:
        if label == "5 KB":
            continue
        path = posts / f"2024-03-14-bench-{size}.md"
        path.write_text(render.make_article(size) + END_MARKER + "\n", encoding="utf-8")
        paths[label] = path
    return paths


class Terminal:
    """One private tmux server running `newstui open FILE` at 120x40."""

    def __init__(self, socket: str, env: dict[str, str], server_env: dict[str, str]) -> None:
        self.socket = socket
        self.env = env
        self.server_env = server_env  # the tmux server's own environment, which its programs inherit

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False, env=self.server_env
        )
        return done.stdout

    def start(self, command: list[str]) -> None:
        options = [item for name, value in self.env.items() for item in ("-e", f"{name}={value}")]
        line = "exec " + " ".join(_quote(part) for part in command)  # exec: the pane's process is newstui
        self.tmux(
            "-f", "/dev/null", "new-session", "-d", "-s", "bench", "-x", str(WIDTH), "-y", str(HEIGHT), *options, line
        )

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "bench")

    def wait_for(self, text: str, since: float, seen: dict[str, float] | None = None) -> tuple[float, str]:
        """Seconds from `since` until `text` is on the screen (inf on timeout), and the last screen seen. Texts
        in `seen` that are still inf get the time they were first on the screen, measured from `since`."""
        screen = ""
        while time.perf_counter() - since < TIMEOUT:
            screen = self.screen()
            now = time.perf_counter() - since
            for other, when in (seen or {}).items():
                if when == float("inf") and other in screen:
                    seen[other] = now  # type: ignore[index]
            if text in screen:
                return now, screen
            time.sleep(POLL)
        return float("inf"), screen

    def cpu(self) -> float:
        """CPU seconds (user + system, all threads) the program in the pane has used so far; nan if unknown."""
        pid = self.tmux("list-panes", "-t", "bench", "-F", "#{pane_pid}").strip()
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return float("nan")
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.tmux("send-keys", "-t", "bench", "q")
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)


def _quote(part: str) -> str:
    return "'" + part.replace("'", "'\\''") + "'"


class Run(NamedTuple):
    """One run's figures in seconds (inf when not reached)."""

    first: float  # first screen, from start
    first_cpu: float  # CPU used by newstui until then
    end: float  # end of the article on screen, from pressing G
    end_cpu: float  # CPU used by newstui between pressing G and the end on screen
    end_total: float  # end on screen, from start
    ready: float  # the app's own first frame (its footer of keys) on screen, from start


def run_once(command: list[str], file: Path, tmp: Path, number: int, server_env: dict[str, str]) -> Run:
    """Start `newstui open FILE`, wait for the first screen, press G, wait for the end."""
    state = tmp / f"run-{number}"
    state.mkdir()
    env = {
        "NEWSTUI_DATA_DIR": str(state / "data"),
        "NEWSTUI_CACHE_DIR": str(state / "cache"),
        "NEWSTUI_CONFIG": str(state / "config.toml"),
        "PYTHONPATH": str(HERE.parent / "src"),
        "TERM": "xterm-256color",
    }
    terminal = Terminal(f"newstui-bench-{os.getpid()}-{number}", env, server_env)
    never = float("inf")
    try:
        started = time.perf_counter()
        terminal.start([*command, "open", str(file)])
        seen = {FOOTER: never}
        first, screen = terminal.wait_for(HEADLINE, started, seen)
        first_cpu = terminal.cpu()
        if first == never:
            print(f"    the first screen never came; the screen was:\n{screen}")
            return Run(never, first_cpu, never, never, never, never)
        pressed = time.perf_counter()
        terminal.tmux("send-keys", "-t", "bench", "G")
        ready = {FOOTER: seen[FOOTER] - (pressed - started)}
        end, screen = terminal.wait_for(END_MARKER, pressed, ready)
        end_cpu = terminal.cpu() - first_cpu
        if end == never:
            print(f"    the end never came into view; the screen was:\n{screen}")
        return Run(first, first_cpu, end, end_cpu, pressed - started + end, pressed - started + ready[FOOTER])
    finally:
        terminal.stop()


def textual_import_cpu(env: dict[str, str]) -> float:
    """CPU seconds a fresh interpreter spends importing `textual.app`: a floor under any Textual app's start."""
    code = "import time; import textual.app; print(time.process_time())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    return float(out.strip())


def _verdict(seconds: float, target: float) -> str:
    return "met" if seconds <= target else "MISSED"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per article (medians are printed)")
    parser.add_argument("--cold-bytecode", action="store_true", help="no bytecode cache when the environment has none")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is not installed: this benchmark needs a real terminal")
        return 1
    script = Path(sys.executable).parent / "newstui"  # the console script, as a user runs it
    command = [str(script)] if script.exists() else [sys.executable, "-m", "newstui"]
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"newstui open in tmux at {WIDTH}x{HEIGHT}; median of {args.runs} runs; load average {load}")
    missed = 0
    with tempfile.TemporaryDirectory(prefix="newstui-bench-terminal-") as name:
        tmp = Path(name)
        site = tmp / "site"
        site.mkdir()
        paths = make_site(site)
        server_env = dict(os.environ)
        if os.environ.get("PYTHONDONTWRITEBYTECODE") and not args.cold_bytecode:
            del server_env["PYTHONDONTWRITEBYTECODE"]
            server_env["PYTHONPYCACHEPREFIX"] = str(tmp / "bytecode")
            run_once(command, paths["130 KB"], tmp, 0, server_env)  # untimed: fills the bytecode cache
            print("bytecode cache: warm (filled by one untimed run; this environment sets PYTHONDONTWRITEBYTECODE)")
        floor = statistics.median(textual_import_cpu(server_env) for _ in range(3))
        print(f"for scale: importing textual.app alone takes {floor:.2f} s CPU in a fresh interpreter here")
        number = 0
        results: dict[str, list[Run]] = {}
        for label, path in paths.items():
            results[label] = []
            for _ in range(args.runs):
                number += 1
                results[label].append(run_once(command, path, tmp, number, server_env))
        for label, path in paths.items():
            runs = results[label]
            first = statistics.median(r.first for r in runs)
            end = statistics.median(r.end for r in runs)
            print(f"\n{label} article ({path.stat().st_size / 1000:.0f} KB)")
            every = ", ".join(f"{r.first:.2f}" for r in runs)
            line = f"  first screen, from start  {first:6.2f} s   (runs: {every})"
            if label == "130 KB":
                line += f"   target <= {FIRST_TARGET} s  {_verdict(first, FIRST_TARGET)}"
                missed += first > FIRST_TARGET
            print(line)
            print(f"    newstui CPU until then   {statistics.median(r.first_cpu for r in runs):6.2f} s")
            every = ", ".join(f"{r.end:.2f}" for r in runs)
            line = f"  G to the end, from G      {end:6.2f} s   (runs: {every})"
            if label == "1.3 MB":
                line += f"   target <= {END_TARGET} s  {_verdict(end, END_TARGET)}"
                missed += end > END_TARGET
            print(line)
            print(f"    newstui CPU in between   {statistics.median(r.end_cpu for r in runs):6.2f} s")
            print(f"  G to the end, from start  {statistics.median(r.end_total for r in runs):6.2f} s")
            print(f"  the app's own first frame {statistics.median(r.ready for r in runs):6.2f} s from start")
    print("\nall targets met" if not missed else f"\n{missed} target(s) missed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
