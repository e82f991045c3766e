"""Dates as static sites write them, read into timezone-aware datetimes so every article sorts against every other.

Forms seen in the corpora: YAML `2017-07-27`, `2017-07-27 12:00:00 -0700`, quoted strings of the same, TOML
datetimes, Jekyll file names `2017-07-27-slug.md`, Zola paths `2014/12/12/slug`. A date-less value is taken as
midnight UTC and a naive time as UTC. A value that is not a date, or names an impossible day, gives a reason
string instead of raising; the caller records it as a problem and falls back to the next source.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from email.utils import parsedate_to_datetime

_ISO = re.compile(
    r"""^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})
    (?:[Tt\s]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d+))?)?)?
    \s*(?P<tz>[Zz]|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?)?$""",
    re.VERBOSE,
)
FILE_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[-_]")
PATH_DATE = re.compile(r"(?:^|/)(\d{4})/(\d{1,2})/(\d{1,2})(?:/|$)")


def parse_date(value: object) -> tuple[datetime | None, str | None]:
    """(aware datetime, None) for a readable date; (None, reason) otherwise; (None, None) for no value."""
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime):
        return (value if value.tzinfo is not None else value.replace(tzinfo=UTC)), None
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=UTC), None
    if isinstance(value, time):
        return None, f"date {value} has a time but no day"
    if isinstance(value, bool | int | float):
        return None, f"date {value!r} is a number, not a date"
    if not isinstance(value, str):
        return None, f"date is a {type(value).__name__}, not a date"
    return _parse_text(value.strip())


def _parse_text(text: str) -> tuple[datetime | None, str | None]:
    match = _ISO.match(text)
    if match is None:
        try:
            parsed = parsedate_to_datetime(text)  # RFC 2822, as feeds and some generators write it
        except (TypeError, ValueError, IndexError):
            return None, f"date {text!r} is not a date newstui can read"
        return (parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)), None
    parts = match.groupdict()
    try:
        fraction = (parts["f"] or "0")[:6].ljust(6, "0")
        tz = _zone(parts["tz"])
        when = datetime(
            int(parts["y"]),
            int(parts["m"]),
            int(parts["d"]),
            int(parts["H"] or 0),
            int(parts["M"] or 0),
            int(parts["S"] or 0),
            int(fraction),
            tzinfo=tz,
        )
    except ValueError:
        return None, f"date {text!r} is not a real date"
    return when, None


def _zone(text: str | None) -> timezone:
    """`Z`, `UTC`, `+0200`, `-07:00`, `+2` as a fixed offset; raises ValueError for offsets beyond a day."""
    if text is None or text.upper() in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def date_from_name(name: str) -> tuple[datetime | None, str | None]:
    """The `YYYY-MM-DD-` date a Jekyll or Zola file name starts with; an impossible one gives a reason."""
    match = FILE_DATE.match(name)
    if match is None:
        return None, None
    return _ymd(*match.groups(), source="file name")


def date_from_path(path: str) -> tuple[datetime | None, str | None]:
    """The `YYYY/MM/DD` date in a Zola `path = "2014/12/12/slug"` (or a permalink)."""
    match = PATH_DATE.search(path)
    if match is None:
        return None, None
    return _ymd(*match.groups(), source="path")


def _ymd(year: str, month: str, day: str, *, source: str) -> tuple[datetime | None, str | None]:
    try:
        return datetime(int(year), int(month), int(day), tzinfo=UTC), None
    except ValueError:
        return None, f"{source} date {year}-{month}-{day} is not a real date"
