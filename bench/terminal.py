"""Benchmark: newstui in a real terminal (tmux, 120x40): `newstui open` on long articles; `--big`, a big site's list.

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

`--big [N]` measures the other real-terminal target of issue 4 instead of the articles: `newstui SITE` on a
generated N-article site (default 10,000, bench/library.py's generator), its list on screen within 3 s with an
empty metadata cache and within 1 s with a warm one. `--runs` cold runs, each with empty data and cache folders,
then `--runs` warm runs, each a fresh process on the last cold run's folders (so the metadata cache is warm; the
site's files are in the page cache in both). Timed from starting tmux until:
- list rows: at least 5 rows of the list pane (the left 40% of the screen) show a generated article's date and
  the start of its title, as read from the generated files' front matter, whoever paints them (newstui's own
  first frame or the app). While the site loads the list shows the articles read so far, so these need not be
  the newest ones;
- the app's own first frame: its footer of keys ("q Quit") on the bottom row;
- the whole list loaded: the header says "10,000 articles" and no longer "loading".
The CPU newstui had used at the first list rows is printed too, its own and its worker processes'. `make bench`
runs both: the articles, then `--big`.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import stat
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import suppress
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
BIG_COUNT = 10_000
BIG_COLD_TARGET = 3.0  # seconds from start to the list's rows, empty metadata cache (issue 4)
BIG_WARM_TARGET = 1.0  # the same with a warm metadata cache
LIST_COLUMNS = WIDTH * 2 // 5  # the list pane; the reader on the right shows the selected article's date too
LIST_ROWS = 5  # list rows that must be on the screen (fewer when the site has fewer articles)
MIN_SHOWN = 12  # characters of a title that must show for a row to count
ROW = re.compile(r"(\d{4}-\d{2}-\d{2}) +(\S.*)")
QUIT_KEY = "q Quit"  # in the app's footer of keys, on the bottom row
READY = "the app's own first frame"


def _bench_module(name: str) -> ModuleType:  # another bench/<name>.py, so the benchmarks read the same input
    spec = importlib.util.spec_from_file_location(f"bench_{name}", HERE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_site(folder: Path) -> dict[str, Path]:
    """A Jekyll site with the 130 KB and 1.3 MB articles of bench/render.py, each ending with END_MARKER."""
    render = _bench_module("render")
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

    def workers_cpu(self) -> float:
        """CPU seconds the pane program's child processes have used so far, running or ended; nan if unknown."""
        pid = self.tmux("list-panes", "-t", "bench", "-F", "#{pane_pid}").strip()
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total = int(fields[13]) + int(fields[14])  # the children it has waited for
            for task in Path(f"/proc/{pid}/task").iterdir():
                for child in (task / "children").read_text().split():
                    with suppress(OSError, IndexError):  # it may end meanwhile
                        times = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[11:15]
                        total += sum(int(value) for value in times)
        except (OSError, IndexError, ValueError):
            return float("nan")
        return total / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.tmux("send-keys", "-t", "bench", "q")
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)
        # tmux leaves its socket file behind when its server ends
        folder = Path(self.server_env.get("TMUX_TMPDIR") or "/tmp") / f"tmux-{os.getuid()}"
        with suppress(OSError):
            if stat.S_ISSOCK((folder / self.socket).lstat().st_mode):
                (folder / self.socket).unlink()

    def quit(self) -> None:
        """`q`, then up to 5 s for newstui to end by itself (a cold run's cache is complete), then `stop`."""
        self.tmux("send-keys", "-t", "bench", "q")
        deadline = time.perf_counter() + 5
        while self.tmux("list-sessions") and time.perf_counter() < deadline:
            time.sleep(0.05)
        self.stop()


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
    terminal = Terminal(f"newstui-bench-{os.getpid()}-{number}", _state_env(state), server_env)
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


def _state_env(state: Path) -> dict[str, str]:
    """newstui's data, cache and config in `state`, and this checkout's source."""
    return {
        "NEWSTUI_DATA_DIR": str(state / "data"),
        "NEWSTUI_CACHE_DIR": str(state / "cache"),
        "NEWSTUI_CONFIG": str(state / "config.toml"),
        "PYTHONPATH": str(HERE.parent / "src"),
        "TERM": "xterm-256color",
    }


def textual_import_cpu(env: dict[str, str]) -> float:
    """CPU seconds a fresh interpreter spends importing `textual.app`: a floor under any Textual app's start."""
    code = "import time; import textual.app; print(time.process_time())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    return float(out.strip())


def _verdict(seconds: float, target: float) -> str:
    return "met" if seconds <= target else "MISSED"


def article_titles(site: Path) -> dict[str, list[str]]:
    """The generated articles' titles by date (YYYY-MM-DD), read from their front matter."""
    import yaml

    titles: dict[str, list[str]] = {}
    for path in (site / "_news").iterdir():
        meta = yaml.load(path.read_text(encoding="utf-8").split("---\n", 2)[1], Loader=yaml.CSafeLoader)
        titles.setdefault(str(meta["date"])[:10], []).append(str(meta["title"]))
    return titles


def list_rows_shown(lines: list[str], titles: dict[str, list[str]]) -> int:
    """How many rows of the list pane show an article's date and the start of its title."""
    count = 0
    for line in lines:
        match = ROW.search(line[:LIST_COLUMNS])
        if match is None:
            continue
        shown = match.group(2).rstrip(" ▕│…")
        count += len(shown) >= MIN_SHOWN and any(title.startswith(shown) for title in titles.get(match[1], ()))
    return count


def list_loaded(header: str, count: int) -> bool:
    """The header counts every article and no longer says it is loading."""
    counted = re.search(rf"(?<![\d,]){count:,} articles?\b", header) is not None
    return counted and "loading" not in header.casefold()


class BigRun(NamedTuple):
    """One run's figures on the big site, seconds from start (inf when not reached)."""

    rows: float  # the first list rows on the screen
    rows_cpu: float  # CPU newstui had used by then
    rows_workers_cpu: float  # CPU its worker processes had used by then
    ready: float  # the app's own first frame (its footer of keys)
    loaded: float  # the header counts every article, no longer loading


def big_run_once(
    command: list[str], site: Path, titles: dict[str, list[str]], count: int, state: Path, server_env: dict[str, str]
) -> BigRun:
    """Start `newstui SITE` with its data and cache in `state`; wait for the list rows, the footer and the count."""
    state.mkdir(exist_ok=True)
    runs = len(list(state.glob("run-*")))
    (state / f"run-{runs}").touch()  # a socket name of its own for every run in this state folder
    terminal = Terminal(f"newstui-bench-{os.getpid()}-{state.name}-{runs}", _state_env(state), server_env)
    never, unknown = float("inf"), float("nan")
    rows, rows_cpu, rows_workers_cpu, ready, loaded = never, unknown, unknown, never, never
    needed = min(count, LIST_ROWS)
    screen = ""
    try:
        started = time.perf_counter()
        terminal.start([*command, str(site)])
        while time.perf_counter() - started < TIMEOUT and never in (rows, ready, loaded):
            screen = terminal.screen()
            now = time.perf_counter() - started
            lines = screen.split("\n")
            if rows == never and list_rows_shown(lines, titles) >= needed:
                rows, rows_cpu, rows_workers_cpu = now, terminal.cpu(), terminal.workers_cpu()
            if ready == never and len(lines) >= HEIGHT and QUIT_KEY in lines[HEIGHT - 1]:
                ready = now
            if loaded == never and list_loaded(lines[0], count):
                loaded = now
            time.sleep(POLL)
        if never in (rows, ready, loaded):
            print(f"    not everything came within {TIMEOUT:.0f} s; the screen was:\n{screen}")
    finally:
        terminal.quit()
    return BigRun(rows, rows_cpu, rows_workers_cpu, ready, loaded)


def _figures(runs: list[BigRun], field: str) -> str:
    """The median of one figure and every run's."""
    values = [getattr(run, field) for run in runs]
    return f"{statistics.median(values):6.2f} s   (runs: {', '.join(f'{value:.2f}' for value in values)})"


def big_main(command: list[str], count: int, runs: int, cold_bytecode: bool) -> int:
    """`newstui SITE` on a generated `count`-article site: `runs` cold runs, then `runs` warm ones."""
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"newstui SITE in tmux at {WIDTH}x{HEIGHT} on a generated {count:,}-article site; medians of {runs} runs")
    print(f"load average {load}")
    with tempfile.TemporaryDirectory(prefix="newstui-bench-terminal-big-") as name:
        tmp = Path(name)
        site = tmp / "site"
        site.mkdir()
        started = time.perf_counter()
        _bench_module("library").generate(site, count)
        titles = article_titles(site)
        size = sum(path.stat().st_size for path in (site / "_news").iterdir())
        took = time.perf_counter() - started
        print(f"site: {count:,} articles, {size / 1e6:.1f} MB, generated (bench/library.py) in {took:.1f} s")
        server_env = dict(os.environ)
        if os.environ.get("PYTHONDONTWRITEBYTECODE") and not cold_bytecode:
            del server_env["PYTHONDONTWRITEBYTECODE"]
            server_env["PYTHONPYCACHEPREFIX"] = str(tmp / "bytecode")
            big_run_once(command, site, titles, count, tmp / "untimed", server_env)  # fills the bytecode cache
            print("bytecode cache: warm (filled by one untimed run; this environment sets PYTHONDONTWRITEBYTECODE)")
        floor = statistics.median(textual_import_cpu(server_env) for _ in range(3))
        print(f"for scale: importing textual.app alone takes {floor:.2f} s CPU in a fresh interpreter here")
        cold = [big_run_once(command, site, titles, count, tmp / f"cold-{n}", server_env) for n in range(runs)]
        state = tmp / f"cold-{runs - 1}"
        cache = sum(path.stat().st_size for path in (state / "cache").rglob("*") if path.is_file())
        warm = [big_run_once(command, site, titles, count, state, server_env) for _ in range(runs)]
    missed = 0
    for label, results, target in (
        ("cold: empty metadata cache", cold, BIG_COLD_TARGET),
        (f"warm: the last cold run's metadata cache ({cache / 1e6:.1f} MB)", warm, BIG_WARM_TARGET),
    ):
        rows = statistics.median(r.rows for r in results)
        cpu, workers = (statistics.median(getattr(r, field) for r in results) for field in BigRun._fields[1:3])
        missed += rows > target
        print(f"\n{label}")
        verdict = f"target <= {target} s  {_verdict(rows, target)}"
        print(f"  {'list rows on screen':26}{_figures(results, 'rows')}   {verdict}")
        print(f"    {'newstui CPU until then':24}{cpu:6.2f} s   (+ {workers:.2f} s in its worker processes)")
        print(f"  {READY:26}{_figures(results, 'ready')}")
        print(f"  {f'all {count:,} in the list':26}{_figures(results, 'loaded')}")
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"\nall from starting tmux; load average at the end {load}")
    print("all targets met" if not missed else f"{missed} target(s) missed")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per article (medians are printed)")
    parser.add_argument("--cold-bytecode", action="store_true", help="no bytecode cache when the environment has none")
    parser.add_argument(
        "--big",
        type=int,
        nargs="?",
        const=BIG_COUNT,
        metavar="N",
        help=f"instead of the articles: newstui SITE on a generated N-article site (default {BIG_COUNT:,})",
    )
    args = parser.parse_args()
    if args.big is not None and args.big < 1:
        parser.error("--big needs at least one article")
    if shutil.which("tmux") is None:
        print("tmux is not installed: this benchmark needs a real terminal")
        return 1
    script = Path(sys.executable).parent / "newstui"  # the console script, as a user runs it
    command = [str(script)] if script.exists() else [sys.executable, "-m", "newstui"]
    if args.big is not None:
        return big_main(command, args.big, args.runs, args.cold_bytecode)
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
