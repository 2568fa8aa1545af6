"""Time expressions to TIMEX3-like values, resolved against the publication date.

"Monday" in an article of Tuesday 2022-07-12 is 2022-07-11 (the most recent Monday, or the next
one when the sentence speaks of the future); "last week" is 2022-W27; "late June" is 2022-06 with
mod LATE. Without a publication date, relative expressions stay unresolved and say why.
"""

from __future__ import annotations

import datetime as dt
import re

from eventx.records import TimeValue

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "a": 1, "an": 1}
_FUTURE = re.compile(r"\b(will|would|next|plans?|planned|scheduled|due|expected|upcoming|to be)\b", re.IGNORECASE)
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_PART = r"(early|mid|late|(?:the )?(?:beginning|start|middle|end) of)"
_MOD = {"early": "EARLY", "beginning": "EARLY", "start": "EARLY", "mid": "MID", "middle": "MID",
        "late": "LATE", "end": "LATE"}


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _value(value: str | None, granularity: str, text: str, mod: str | None = None,
           note: str | None = None) -> TimeValue:
    return TimeValue(value=value, granularity=granularity, mod=mod, text=text, note=note)


def normalize(text: str, published: dt.date | None, *, context: str = "") -> TimeValue | None:
    """The value of one time expression, or None when `text` is not one we know."""
    t = re.sub(r"\s+", " ", text.strip().lower().replace("\u2019", "'"))
    t = re.sub(r"^(on|in|at|during|by|since|from|of|this past|the) ", "", t)
    t = re.sub(r"^(on|in|the) ", "", t)
    future = bool(_FUTURE.search(context))

    # absolute dates first: they need no publication date
    m = re.fullmatch(rf"{_MONTH} (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})", t) or \
        re.fullmatch(rf"(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{_MONTH},? (\d{{4}})", t)
    if m:
        month, day, year = _parts(m)
        return _safe_date(year, month, day, text)
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        return _safe_date(int(m[1]), int(m[2]), int(m[3]), text)
    m = re.fullmatch(r"(?:the )?(?:year )?(\d{4})", t)
    if m:
        return _value(m[1], "year", text)
    m = re.fullmatch(rf"{_PART}[- ]?{_MONTH},? (\d{{4}})", t)
    if m:
        return _value(f"{m[3]}-{_month(m[2]):02d}", "month", text, _mod(m[1]))
    m = re.fullmatch(rf"{_MONTH},? (\d{{4}})", t)
    if m:
        return _value(f"{m[2]}-{_month(m[1]):02d}", "month", text)
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?", t)
    if m:
        return _value(None, "day", text, note=f"ambiguous numeric date {text!r}: month/day or day/month")

    if published is None:
        if _is_relative(t):
            return _value(None, "unknown", text, note="relative expression and no publication date")
        return None
    p = published
    if t in ("today", "this morning", "this afternoon", "this evening", "tonight", "this night",
             "overnight", "earlier today", "later today"):
        return _value(p.isoformat(), "day", text)
    if t in ("yesterday", "last night", "yesterday morning", "yesterday evening"):
        return _value((p - dt.timedelta(days=1)).isoformat(), "day", text)
    if t == "tomorrow":
        return _value((p + dt.timedelta(days=1)).isoformat(), "day", text)
    m = re.fullmatch(r"(\w+) (day|week|month|year)s? (ago|earlier|later)", t)
    if m and (m[1].isdigit() or m[1] in _NUMBERS):
        n = int(m[1]) if m[1].isdigit() else _NUMBERS[m[1]]
        sign = 1 if m[3] == "later" else -1
        if m[2] == "day":
            return _value((p + sign * dt.timedelta(days=n)).isoformat(), "day", text)
        if m[2] == "week":
            return _value(_week(p + sign * dt.timedelta(weeks=n)), "week", text)
        if m[2] == "month":
            y, mo = divmod(p.year * 12 + p.month - 1 + sign * n, 12)
            return _value(f"{y}-{mo + 1:02d}", "month", text)
        return _value(str(p.year + sign * n), "year", text)
    m = re.fullmatch(r"(last|this|next|earlier this|later this|past) (week|month|year|weekend)", t)
    if m:
        shift = {"last": -1, "past": -1, "next": 1}.get(m[1], 0)
        unit = m[2]
        if unit in ("week", "weekend"):
            return _value(_week(p + dt.timedelta(weeks=shift)), "week", text)
        if unit == "month":
            y, mo = divmod(p.year * 12 + p.month - 1 + shift, 12)
            return _value(f"{y}-{mo + 1:02d}", "month", text)
        return _value(str(p.year + shift), "year", text)
    m = re.fullmatch(r"(last |next |this )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: (?:morning|afternoon|evening|night))?", t)
    if m:
        target = WEEKDAYS.index(m[2])
        ahead = (m[1] or "").strip() == "next" or (future and not m[1])
        if ahead:
            delta = (target - p.weekday()) % 7 or 7
            return _value((p + dt.timedelta(days=delta)).isoformat(), "day", text)
        delta = (p.weekday() - target) % 7
        if delta == 0 and (m[1] or "").strip() == "last":
            delta = 7
        return _value((p - dt.timedelta(days=delta)).isoformat(), "day", text)
    m = re.fullmatch(rf"{_MONTH} (\d{{1,2}})(?:st|nd|rd|th)?", t) or \
        re.fullmatch(rf"(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{_MONTH}", t)
    if m:
        month, day, _ = _parts(m, year=False)
        year = p.year
        try:
            if dt.date(year, month, day) > p + dt.timedelta(days=7) and not future:
                year -= 1  # "December 28" in a January article is last December
        except ValueError:
            return _value(None, "day", text, note=f"no such day: {text!r}")
        return _safe_date(year, month, day, text)
    m = re.fullmatch(rf"(?:{_PART}[- ]?)?{_MONTH}", t)
    if m:
        month = _month(m[2])
        year = p.year if month <= p.month or future else p.year - 1
        return _value(f"{year}-{month:02d}", "month", text, _mod(m[1]) if m[1] else None)
    return None


def _mod(part: str) -> str | None:
    return next((_MOD[w] for w in part.split() if w in _MOD), None)


def _is_relative(t: str) -> bool:
    return bool(re.search(r"\b(today|yesterday|tomorrow|tonight|night|ago|last|this|next|"
                          r"earlier|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                          r"morning|week|month|overnight)\b", t) or re.fullmatch(rf"(?:(?:early|mid|late)[- ])?{_MONTH}(?: \d{{1,2}})?", t))


def _month(name: str) -> int:
    return _MONTH_ABBR[name[:4] if name.startswith("sept") else name[:3]]


def _parts(m: re.Match[str], year: bool = True) -> tuple[int, int, int | None]:
    groups = m.groups()
    if groups[0].isdigit():
        day, month = int(groups[0]), _month(groups[1])
    else:
        month, day = _month(groups[0]), int(groups[1])
    return month, day, int(groups[2]) if year else None


def _safe_date(year: int, month: int, day: int, text: str) -> TimeValue:
    try:
        return _value(dt.date(year, month, day).isoformat(), "day", text)
    except ValueError:
        return _value(None, "day", text, note=f"no such day: {text!r}")
