"""Python's cycle collector, tuned while the app runs so that a selection change is not held up by it.

With the default thresholds a full collection ran a dozen times while stepping through 82 articles, each one
walking every object the process holds (Textual's caches, the site's articles, parsed documents) and taking up
to 350 ms: the slow tail of the selection-change benchmark. While the app runs, the objects alive once the site
is listed are frozen (`gc.freeze`: never scanned again; they live as long as the app anyway) and young objects
are collected less often (most of what Textual makes per frame is freed by reference counting, not by the
collector). Everything is put back when the app stops, so a process that runs many apps (the tests) can still
collect the frozen ones.

Even so, a selection change leaves about 2,500 tracked objects behind (a parse, a layout, and for every line
Textual draws a Strip with seven caches of its own): in the selection-change benchmark a young collection (4-16 ms)
fell inside every fourth or fifth step and a gen1 one (50-170 ms) inside every fortieth. So the screen also
collects in the pause after each frame (`collect_young`): gen0 then holds one step's leftovers and costs a
millisecond or two, in time nobody waits on, and the older generations are collected there too, before the
collector's own thresholds. A pause of a few seconds gets a full collection (`collect_all`).
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


YOUNG = 1_000  # collect gen0 after a frame once it holds this many objects
GEN1_EVERY = 5  # and gen1 after this many gen0 collections (the collector's own threshold is 10)
GEN2_EVERY = 8  # and everything after this many gen1 collections (the collector's: 10)
PAUSE = 5.0  # seconds without a step before a full collection


def collect_young() -> None:
    """Collect gen0 once it has filled up a little, gen1 and gen2 before the collector would (after a frame).

    Left to the collector, gen1 would hold everything that survived a dozen steps and gen2 everything since the
    site was listed, and their collections (170 ms and 110 ms seen) would fall inside a step.
    """
    if not gc.isenabled():
        return
    young, middle, old = gc.get_count()
    if old >= GEN2_EVERY:
        gc.collect()
    elif middle >= GEN1_EVERY:
        gc.collect(1)
    elif young >= YOUNG:
        gc.collect(0)


def collect_all() -> None:
    """A full collection (in a pause): what young collections move to gen2 is otherwise only collected when
    gen0's threshold is reached, which the young collections above keep from happening."""
    if gc.isenabled():
        gc.collect()
