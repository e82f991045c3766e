"""The text of the reader's problems bar: one plain-text function, so the first frame and the app agree."""

from __future__ import annotations

from collections.abc import Sequence

from newstui.safetext import clean

SHOWN = 4  # problems listed by name; the rest are counted and left to `newstui check`


def problems_text(problems: Sequence[object]) -> str:
    """'⚠ N problems in this article:' and up to four of them with their lines; "" when there are none.

    Never markup: the messages quote file content.
    """
    if not problems:
        return ""
    count = len(problems)
    lines = [f"⚠ {count} problem{'s' if count > 1 else ''} in this article:"]
    for problem in problems[:SHOWN]:
        line = getattr(problem, "line", None)
        where = f"line {line}: " if line else ""
        lines.append(f"  • {where}{clean(str(getattr(problem, 'message', problem)))}")
    if count > SHOWN:
        lines.append(f"  … and {count - SHOWN} more (newstui check)")
    return "\n".join(lines)
