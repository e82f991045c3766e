"""The cycle collector's work, done in the pause after a frame instead of in the middle of the next step.

`collector.py` raises gen0's threshold to 10,000 and freezes what is alive once the site is listed. A selection
change still leaves about 2,500 tracked objects behind (a parse, a layout, and for every line Textual draws a Strip
with seven caches of its own), so in the selection-change benchmark a young collection (4-16 ms) fell inside every
fourth or fifth step and a gen1 one (50-170 ms) inside every fortieth: most of the slow tail. Collected right
after each frame, gen0 holds one step's leftovers and costs a millisecond or two, in time nobody waits on; the
older generations are collected there too, before the collector's own thresholds. A pause of a few seconds also
gets a full collection (`collect_all`).
"""

from __future__ import annotations

import gc

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
