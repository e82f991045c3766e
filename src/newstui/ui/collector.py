"""Python's cycle collector, tuned while the app runs so that a selection change is not held up by it.

With the default thresholds a full collection ran a dozen times while stepping through 82 articles, each one
walking every object the process holds (Textual's caches, the site's articles, parsed documents) and taking up
to 350 ms: the slow tail of the selection-change benchmark. While the app runs, the objects alive once the site
is listed are frozen (`gc.freeze`: never scanned again; they live as long as the app anyway) and young objects
are collected less often (most of what Textual makes per frame is freed by reference counting, not by the
collector). Everything is put back when the app stops, so a process that runs many apps (the tests) can still
collect the frozen ones.
"""

from __future__ import annotations

import gc

# gen0 after 10,000 net allocations (default 700); gen1 and gen2 at their defaults' spacing.
THRESHOLDS = (10_000, 10, 10)


class CollectorPolicy:
    """`start` when the app mounts, `settle` once the site is listed, `stop` when the app exits."""

    def __init__(self) -> None:
        self._saved: tuple[int, int, int] | None = None
        self._frozen = False

    def start(self) -> None:
        if self._saved is None:
            self._saved = gc.get_threshold()
            gc.set_threshold(*THRESHOLDS)
        self.settle()

    def settle(self) -> None:
        """Freeze every object alive now: the app's widgets, the site's articles (call after loading)."""
        if self._saved is not None:
            gc.freeze()
            self._frozen = True

    def stop(self) -> None:
        if self._frozen:
            gc.unfreeze()
            self._frozen = False
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None
