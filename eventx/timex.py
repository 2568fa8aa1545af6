"""Time expressions to TIMEX3-like values, resolved against the publication date.

"Monday" in an article of Tuesday 2022-07-12 is 2022-07-11 (the most recent Monday, or the next
one when the clause speaks of the future); "last week" is 2022-W27; "late June" is 2022-06 with
mod LATE. Without a publication date, relative expressions stay unresolved and say why, and
ambiguous forms ("3/4") are left unresolved with both readings in the note: a wrong date is worse
for an analyst than no date.

Values follow TIMEX3: `2022-07-11` (day), `2022-W27` (week), `2022-W27-WE` (weekend), `2022-06`
(month), `2022` (year), `2021-SU` (season), `2023-Q1` / `2022-H1` (quarter, half), `199` (decade,
granularity "unknown"), `PT3H` / `P2W` (durations, granularity "unknown", never used to date an
event). Rules come first; dateparser is an optional fallback for absolute dates the rules miss
(`fallback=True`), because it is good at exotic formats and too eager for relative ones.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from eventx.errors import NormalizationError
from eventx.records import TimeValue

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1,
            "a couple of": 2, "several": 3, "a few": 3, "eighteen": 18, "twenty": 20,
            "twenty-four": 24, "forty-eight": 48, "fifteen": 15, "thirty": 30}
_NUM = r"(\d+|a couple of|a few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|twenty-four|thirty|forty-eight)"
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_PART = r"(early|mid|late|(?:the )?(?:beginning|start|middle|end) of)"
_MOD = {"early": "EARLY", "beginning": "EARLY", "start": "EARLY", "mid": "MID", "middle": "MID",
        "late": "LATE", "end": "LATE"}
_OUTER_MOD = {"since": "AFTER", "after": "AFTER", "before": "BEFORE", "until": "BEFORE", "through": "BEFORE",
              "till": "BEFORE", "up to": "BEFORE", "by": "BEFORE", "around": "APPROX",
              "about": "APPROX", "approximately": "APPROX", "roughly": "APPROX", "some": "APPROX",
              "nearly": "APPROX", "almost": "APPROX"}
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SEASON_END = {"SP": 5, "SU": 8, "FA": 11, "WI": 2}  # the last month of each season
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "last": 4}
_UNIT = {"hour": "H", "minute": "M", "day": "D", "week": "W", "month": "M", "year": "Y"}

# --- clause tense: "will meet on Friday" is the coming Friday, "met on Friday" the last one ---
_FUTURE_CUES = re.compile(
    r"\b(will|'ll|shall|going to|due to|due|set to|scheduled|slated|plans? to|planned|planning to|intends? to|"
    r"expects?|expected|is to|are to|preparing to|prepares? to|ready to|aims? to|hopes? to|wants? to|"
    r"threatens? to|upcoming|next|coming|would|could|may|might|should)\b(?! have\b)", re.IGNORECASE)
_PAST_STRONG = re.compile(
    r"\b(said|told|was|were|had|did|has|have|been|began|met|struck|fought|flew|took|came|went|sent|"
    r"left|saw|held|shot|fell|spoke|led|rose|won|gave|made|found|brought|kept|withdrew|drove|wrote|"
    r"broke|stood|lost|became|threw|sought|caught|overran|quit|ago|(?:would|could|may|might|must|"
    r"should) have)\b", re.IGNORECASE)
_PAST_WEAK = re.compile(
    r"\b(?!expected\b|scheduled\b|planned\b|intended\b|slated\b|needed\b|proposed\b|anticipated\b)"
    r"(\w{3,}ed|hit|put|set|cut|shut)\b", re.IGNORECASE)
_PRESENT = re.compile(r"\b(is|are|remains?|creates?|takes? effect|comes? into force|begins?|starts?|ends?|"
                      r"runs?|lasts?|expires?|opens?|closes?)\b", re.IGNORECASE)
_NOT_PAST_BEFORE = re.compile(r"\b(be|been|being|to|will|would|shall|'ll|can|could|may|might|must)\s+(?:\w+ly\s+)?$",
                              re.IGNORECASE)

# a clock time, with its zone: "6:57 a.m.", "23:40 local time", "0229 GMT", "0600 hours" (never a year)
_ZONE = r"(?:local time|gmt|utc|z|jst|cet|cest|eet|eest|est|edt|pst|pdt|kyiv time|moscow time)"
_CLOCK = (rf"(?:\d{{1,2}}(?::\d{{2}})?\s*(?:a\.?m\.?|p\.?m\.?)(?:\s+{_ZONE})?|\d{{1,2}}[:.]\d{{2}}(?:\s+{_ZONE})?"
          rf"|\d{{4}}\s*(?:{_ZONE}|hours|hrs|h)\b)")

# --- finding time expressions in running text (sentence-level inference) ---
_F_MON = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_F_MONFULL = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
              r"December)")
_F_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_F_YEAR = r"(?:1[89]\d\d|20\d\d)"
_F_PREP = r"(?:(?i:on|in|since|until|by|before|after|during|around|from|of)\s+)"
_F_PART = r"(?:(?i:early|mid|late)[- ]|(?i:the\s+)?(?i:beginning|start|middle|end|first\s+half|second\s+half)\s+of\s+)"
_F_NUM = r"(?:\d+|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a\s+few))"
_F_RANGE_END = rf"(?:{_F_MON}\s+)?\d{{1,2}}(?:st|nd|rd|th)?(?:\s+(?i:of\s+)?{_F_MON})?(?:,?\s+{_F_YEAR})?"
_FIND = re.compile(
    r"(?<![\w/.-])(?:"
    rf"(?i:(?:on|in|during)\s+)?(?i:the\s+night\s+of\s+)?(?:{_F_MON}\s+\d{{1,2}}\s*[-\u2013]\s*\d{{1,2}}(?:,?\s+{_F_YEAR})?|"
    rf"\d{{1,2}}\s*[-\u2013]\s*\d{{1,2}}\s+{_F_MON}(?:,?\s+{_F_YEAR})?)"
    rf"|(?i:between|from)\s+(?:{_F_WD}|{_F_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_F_MON}|{_F_YEAR})"
    rf"\s+(?i:and|to|until|through)\s+(?:{_F_WD}|{_F_RANGE_END}|{_F_YEAR})"
    rf"|{_F_YEAR}\s*[-\u2013]\s*(?:{_F_YEAR}|\d\d)(?![\d-])"
    rf"|{_F_NUM}\s+(?i:days?|weeks?|months?)\s+(?i:after|before)(?=\s)|"
    rf"{_F_PREP}?(?:{_F_WD},?\s+)?(?:{_F_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+{_F_YEAR})?|"
    rf"(?i:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?i:of\s+)?{_F_MON}(?:,?\s+{_F_YEAR})?)"
    rf"|{_F_PREP}?{_F_PART}?{_F_MON},?\s+{_F_YEAR}"
    rf"|{_F_PREP}?{_F_PART}{_F_MONFULL}"
    rf"|(?i:in|since|until|by|before|after|during)\s+{_F_MONFULL}"
    rf"|(?:{_F_PREP}{_F_PART}?|{_F_PART}){_F_YEAR}(?!\s*(?i:km|kilometres|miles|people|troops|soldiers))"
    rf"|{_F_PREP}?(?i:the\s+)?(?:(?i:summer|spring|autumn|fall|winter)\s+(?i:of\s+)?{_F_YEAR}|{_F_YEAR}s|(?:19|20)\d0s)"
    rf"|(?:(?i:early|late)\s+(?i:on\s+)?|(?i:on|since|until|by|before|after|last|this|next|this\s+past)\s+)?{_F_WD}(?:'s)?(?:\s+(?i:morning|afternoon|evening|night))?"
    r"|(?i:in\s+the\s+early\s+hours\s+of\s+)" + _F_WD +
    r"|(?i:yesterday|today|tonight|overnight|tomorrow)(?:\s+(?i:morning|afternoon|evening|night))?"
    r"|(?i:this|last)\s+(?i:morning|afternoon|evening|night)"
    r"|(?i:earlier|later)\s+(?i:today|this\s+(?:week|month|year)|in\s+the\s+(?:week|month|year))"
    r"|(?i:(?:since|until|by)\s+)?(?i:(?:last|this|next|the\s+past|this\s+past|early|late|earlier|later)\s+(?:this\s+|last\s+|next\s+)?)(?i:week|weekend|month|year|spring|summer|autumn|fall|winter)\b"
    r"|(?i:(?:at|over|since|during)\s+the\s+weekend)"
    rf"|(?i:(?:about|around|some|nearly)\s+)?{_F_NUM}\s+(?i:days?|weeks?|months?|years?)\s+(?i:ago|earlier|later)"
    rf"|(?i:in)\s+{_F_NUM}\s+(?i:days|weeks|months|years)\b"
    r"|(?i:the\s+(?:day|week)\s+(?:before|after)|the\s+(?:previous|following|next)\s+(?:day|week|month)|a\s+day\s+(?:earlier|later))"
    r"|(?:(?i:on)\s+)?(?:Christmas(?:\s+(?:Day|Eve))?|New\s+Year's\s+(?:Day|Eve)|Victory\s+Day|Armistice\s+Day)"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}/\d{1,2}(?:/\d{2,4})?"
    r")(?![\w/])"
)


def find_times(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Character spans of the time expressions in `text[start:end]`, with their prepositions
    ("on Monday", "since April 4"), so that `normalize` sees the modifier too."""
    spans = []
    for m in _FIND.finditer(text, start, len(text) if end is None else end):
        s, e = m.start(), m.end()
        while e > s and text[e - 1] in ",. ":
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


@dataclass
class _Ctx:
    published: dt.date | None
    context: str
    at: int
    end: int
    fallback: bool
    anchored: bool = True

    @property
    def tense(self) -> bool | None:
        return _tense(self.context, self.at, self.end)

    @property
    def future(self) -> bool:
        return self.tense is True


def normalize(text: str, published: dt.date | str | None, *, context: str = "", at: int | None = None,
              fallback: bool = True) -> TimeValue | None:
    """The value of one time expression, or None when `text` is not one we know.

    `context` is the sentence around the expression (`at` its offset there, found when omitted):
    it decides whether "Friday" is the last or the next one, and anchors "the day before".
    """
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    if at is None:
        found = context.lower().find(text.lower()) if context else -1
        at = found if found >= 0 else len(context)
    ctx = _Ctx(published, context, at, at + len(text), fallback)
    return _normalize(text, ctx)


def _normalize(text: str, ctx: _Ctx) -> TimeValue | None:
    t = _clean(text)
    if not t:
        return None
    outer = None
    m = re.match(r"^(since|after|before|until|through|till|up to|by|around|about|approximately|roughly|some|"
                 r"nearly|almost)\s+(?=\S)", t)
    if m and not re.match(r"^(some|about|around|nearly|almost) (time|days|weeks)$", t):
        rest = t[m.end():]
        if m[1] not in ("some", "about", "around", "nearly", "almost") or re.match(
                rf"^{_NUM} \w+ (ago|earlier|later)$|^\d{{4}}s?$|^(the )?(mid|early|late)", rest):
            outer = _OUTER_MOD[m[1]]
            t = rest
    value = _rules(t, text, ctx)
    if value is None and ctx.fallback:
        value = _dateparser(t, text, ctx.published)
    if value is not None and outer and value.value is not None and not (value.note or "").startswith("time of day"):
        if value.mod is None or outer in ("BEFORE", "AFTER"):
            value = value.model_copy(update={"mod": outer})
    return value


def _clean(text: str) -> str:
    t = text.strip().lower()
    t = t.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    t = re.sub(r"\s+", " ", t)
    t = re.sub(r"[,;:!?]+$", "", t).strip()
    if t.endswith(".") and not re.search(r"\b(?:a\.m|p\.m|[a-z]{3,4})\.$", t):
        t = t[:-1].strip()
    t = re.sub(r"'s$|s'$", "", t)
    t = re.sub(rf"\s*\(\s*{_CLOCK}\s*\)", "", t)  # "11:29 a.m. (0229 GMT)": the same moment twice
    t = re.sub(r"^(?:with effect from|effective|starting(?: from| on)?|beginning(?: on)?|as of|as from|"
               r"for most of|throughout|all day|at night on|late at night on|during the night of|"
               r"overnight (?:on|into|to)|the night (?:into|to)|(?:in|on|during) the night (?:into|to))\s+", "", t)
    # clock times belong to the day they are on: "at dawn on Sunday", "around 3 a.m. on Saturday"
    t = re.sub(r"^(?:(?:at|around|about|at around|at about|shortly (?:after|before)|from|by|before|after)\s+)?"
               rf"(?:{_CLOCK}|dawn|dusk|daybreak|noon|midday|midnight|sunrise|sunset)"
               r"(?:\s+on\s+|,\s*|\s+(?=[a-z])(?![ap]\.?m\b|local|gmt|utc|jst|hours|hrs))", "", t)
    trimmed = re.sub(r"\s+(?:at|around|about)\s+(?:\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)|\d{1,2}:\d{2})"
                     r"(?:\s+(?:local time|gmt|utc))?$", "", t)
    if not re.fullmatch(r"(?:at|around|about|from|by|until|before|after|shortly)(?: (?:around|about|after|before))?", trimmed):
        t = trimmed
    return t.strip()


def _rules(t: str, raw: str, ctx: _Ctx) -> TimeValue | None:  # noqa: C901 - one rule per branch
    p = ctx.published
    # durations and vague expressions first: they do not date anything
    m = re.fullmatch(rf"(?:for|over|during|in|within)?\s*(?:the )?(?:past|last|next|previous|coming)?\s*{_NUM}"
                     r" (hour|minute|day|week|month|year)s?", t)
    if m and (t.startswith(("for ", "over ", "during ", "within ")) or re.search(r"\b(past|last|previous)\b", t)):
        return _duration(m[1], m[2], raw)
    m = re.fullmatch(r"(?:over|during|in|for|within)? ?the (?:past|last|previous) (week|month|year)", t)
    if m and p is not None:  # the corpus convention: the calendar unit before publication
        shifted = _shift(p, m[1], -1, raw)
        return shifted.model_copy(update={"note": f"the {m[1]} before publication"})
    m = re.fullmatch(rf"(?:more than |nearly |almost |about |some |at least |over )?{_NUM} (hour|minute|day|week|month|year)s?"
                     r"(?: long)?", t)
    if m and not (len(m[1]) == 4 and m[2] == "hour"):  # "five years", "90 minutes" ("0600 hours" is a clock)
        return _duration(m[1], m[2], raw)
    if re.fullmatch(r"now|currently|at present|right now|presently|at the moment", t):
        return _value(p.isoformat() if p else None, "day", raw,
                      note="present reference" if p else "present reference and no publication date")
    if re.fullmatch(r"recently|lately|soon|shortly|previously|these days|"
                    r"in recent (?:days|weeks|months|years)|in the (?:coming|next few|past few|last few|"
                    r"coming few|next) (?:days|weeks|months|years)|(?:in )?the (?:near|distant) future|"
                    r"in the past|at the time|at some point|some time|sometime", t):
        return _value(None, "unknown", raw, note=f"vague expression {raw!r}: no specific date")

    # holidays: Easter's, counted from Easter Sunday, then those with fixed dates
    m = re.fullmatch(r"(?:on )?(palm sunday|maundy thursday|holy thursday|good friday|holy saturday|easter sunday|"
                     r"easter monday|easter)", t)
    if m:
        if p is None:
            return _unresolved(raw, "day")
        offset = {"palm sunday": -7, "maundy thursday": -3, "holy thursday": -3, "good friday": -2,
                  "holy saturday": -1, "easter monday": 1}.get(m[1], 0)
        day = _easter(p.year) + dt.timedelta(days=offset)
        if ctx.future and day < p - dt.timedelta(days=1) or not ctx.future and day > p + dt.timedelta(days=7):
            day = _easter(p.year + (1 if ctx.future else -1)) + dt.timedelta(days=offset)
        return _value(day.isoformat(), "day", raw)
    m = re.fullmatch(r"(?:on )?(christmas day|christmas eve|christmas|new year's eve|new year's day|new year|"
                     r"victory day|orthodox christmas|may day|armistice day|international workers'? day|"
                     r"labou?r day|workers'? day)", t)
    if m:
        month, day = {"christmas eve": (12, 24), "new year's eve": (12, 31), "victory day": (5, 9),
                      "orthodox christmas": (1, 7), "armistice day": (11, 11)}.get(
            m[1], (1, 1) if m[1].startswith("new year") else (12, 25) if m[1].startswith("christmas") else (5, 1))
        if p is None:
            return _unresolved(raw, "day")
        return _day_without_year(month, day, raw, ctx)

    if not re.match(rf"in {_NUM} (?:day|week|month|year)s?\b", t):
        t = re.sub(r"^(?:on|in|at|during|from|of|over|throughout|as of)\s+", "", t)
    # a weekday before a full date adds nothing: "Wednesday, March 3, 2021"
    t = re.sub(rf"^(?:{'|'.join(WEEKDAYS)}),? (?=(?:{_MONTH}|\d|the \d))", "", t)

    absolute = _absolute(t, raw)
    if absolute is not None:
        return absolute
    if ctx.anchored:
        spread = _range(t, raw, ctx)
        if spread is not None:
            return spread

    # numeric day/month without a year
    m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})", t)
    if m:
        a, b = int(m[1]), int(m[2])
        readings = _numeric_readings(a, b)
        if not readings:
            return _value(None, "day", raw, note=f"not a date: {raw!r}")
        if p is None:
            return _value(None, "day", raw, note=f"no publication date to give {raw!r} a year"
                          + ("" if len(readings) == 1 else "; also ambiguous: month/day or day/month"))
        days = [_day_without_year(mo, d, raw, ctx) for mo, d in readings]
        if len(days) > 1 and days[0].value != days[1].value:
            return _value(None, "day", raw, note=f"ambiguous numeric date {raw!r}: {days[0].value} "
                          f"(month/day) or {days[1].value} (day/month)")
        return days[0]

    if p is None:
        if _is_relative(t):
            return _unresolved(raw, _granularity_guess(t))
        return None
    return _relative(t, raw, ctx, p)


_RANGE_SPLIT = re.compile(r"\s*(?:,\s*and|,|\band\b|\bto\b|\bthrough\b|\buntil\b|\btill\b|(?<=\d)\s*-\s*(?=\d))\s*")


def _range(t: str, raw: str, ctx: _Ctx) -> TimeValue | None:
    """Ranges and lists: "13-14 April", "the night of 12 to 13 September", "between Thursday and
    Saturday", "October 3, 9 and 10", "2014-2016". The value is the first day (month, year), the
    day an event is counted on; `end` is the last one."""
    night = re.match(r"^(?:in |on |during )?the night of ", t)
    body = t[night.end():] if night else re.sub(r"^(?:between|from|on|in)\s+", "", t)
    body = re.sub(r"^(\d{4})\s*-\s*(\d\d)$", lambda m: f"{m[1]}-{m[1][:2]}{m[2]}", body)  # "2014-16"
    if not (re.search(r"\d\s*-\s*\d|\b(and|to|through|until|till)\b", body)):
        return None
    if re.search(r"\d[:.]\d\d|\b[ap]\.?m\b", body):
        return None  # clock times: one day
    parts = [x for x in _RANGE_SPLIT.split(body) if x and x.strip()]
    if len(parts) < 2 or len(parts) > 6:
        return None
    month_words = re.search(_MONTH + r"(?:,? (\d{4}))?", body)
    year = re.search(r"\b(\d{4})\b", body)
    values = []
    for part in parts:
        part = part.strip()
        if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", part) and month_words:
            part = f"{part} {month_words[1]}"
        if year and not re.search(r"\d{4}", part) and re.search(_MONTH, part):
            part = f"{part} {year[1]}"
        sub = _Ctx(ctx.published, ctx.context, ctx.at, ctx.end, False, anchored=False)
        value = _rules(part, part, sub)
        if value is None or not value.value or value.granularity not in ("day", "month", "year"):
            return None
        values.append(value)
    if len({v.granularity for v in values}) > 1:
        return None
    first, last = values[0], values[-1]
    if last.value < first.value:  # "December 30 to January 2": the end is in the next year
        if first.granularity != "day":
            return None
        d = dt.date.fromisoformat(last.value)
        last = _value(d.replace(year=int(first.value[:4]) + 1).isoformat(), "day", raw)
    note = "night" if night else "list" if len(values) > 2 else None
    return _value(first.value, first.granularity, raw, note=note, end=last.value)


def _absolute(t: str, raw: str) -> TimeValue | None:
    """Expressions that carry their own year, so they need no publication date."""
    m = re.fullmatch(rf"{_MONTH} {_DAY},? (\d{{4}})", t) or re.fullmatch(
        rf"(?:the )?{_DAY} (?:of )?{_MONTH},? (\d{{4}})", t)
    if m:
        month, day, year = _parts(m)
        return _safe_date(year, month, day, raw)
    m = re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", t)
    if m:
        return _safe_date(int(m[1]), int(m[2]), int(m[3]), raw)
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", t)
    if m:  # dotted dates are day.month.year wherever they are written
        value = _safe_date(int(m[3]), int(m[2]), int(m[1]), raw)
        if int(m[1]) <= 12 and int(m[2]) <= 12 and m[1] != m[2] and value.value:
            value = value.model_copy(update={"note": "read as day.month.year"})
        return value
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", t)
    if m:
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        readings = _numeric_readings(int(m[1]), int(m[2]))
        days = [_safe_date(year, mo, d, raw) for mo, d in readings]
        if not days:
            return _value(None, "day", raw, note=f"not a date: {raw!r}")
        if len(days) > 1:
            return _value(None, "day", raw, note=f"ambiguous numeric date {raw!r}: {days[0].value} "
                          f"(month/day) or {days[1].value} (day/month)")
        return days[0]
    m = re.fullmatch(rf"(?:{_PART}[- ]?)?{_MONTH},? (?:of )?(\d{{4}})", t)
    if m:
        return _value(f"{m[3]}-{_month(m[2]):02d}", "month", raw, _mod(m[1]) if m[1] else None)
    m = re.fullmatch(rf"(?:the )?(?:year )?(?:{_PART}[- ]?)?(\d{{4}})", t)
    if m and 1000 <= int(m[2]) <= 2199:
        return _value(m[2], "year", raw, _mod(m[1]) if m[1] else None)
    m = re.fullmatch(r"(?:the )?(spring|summer|autumn|fall|winter) (?:of )?(\d{4})", t)
    if m:
        return _value(m[2], "year", raw, note=f"{m[1]} {m[2]}")
    m = re.fullmatch(r"(?:the )?(first|second|third|fourth|1st|2nd|3rd|4th|last) quarter (?:of )?(\d{4})", t) \
        or re.fullmatch(r"q([1-4]) (?:of )?(\d{4})", t)
    if m:
        q = _ORDINALS.get(m[1], m[1])
        return _value(m[2], "year", raw, note=f"quarter {q} of {m[2]}")
    m = re.fullmatch(r"(?:the )?(first|second|1st|2nd) half (?:of )?(\d{4})", t)
    if m:
        return _value(m[2], "year", raw, note=f"half {_ORDINALS[m[1]]} of {m[2]}")
    m = re.fullmatch(r"(?:the )?(?:(early|mid|late)[- ])?(\d{3})0'?s", t)
    if m:
        return _value(m[2], "unknown", raw, _mod(m[1]) if m[1] else None, note="decade")
    return None


def _relative(t: str, raw: str, ctx: _Ctx, p: dt.date) -> TimeValue | None:  # noqa: C901
    if t in ("today", "this morning", "this afternoon", "this evening", "tonight", "this night",
             "overnight", "earlier today", "later today", "today morning", "the night", "this day"):
        return _value(p.isoformat(), "day", raw)
    if t in ("yesterday", "last night", "yesterday morning", "yesterday afternoon", "yesterday evening",
             "the previous night", "last evening"):
        return _value((p - dt.timedelta(days=1)).isoformat(), "day", raw)
    if t in ("tomorrow", "tomorrow morning", "tomorrow evening", "tomorrow night", "tomorrow afternoon"):
        return _value((p + dt.timedelta(days=1)).isoformat(), "day", raw)
    if t in ("the day before yesterday",):
        return _value((p - dt.timedelta(days=2)).isoformat(), "day", raw)

    # times of day belong to the day in context (else the publication day); "now" is read in _rules
    if re.fullmatch(r"(?:(?:at|around|about|at around|at about|shortly (?:after|before)|from|by|before|after|"
                    rf"until|between)\s+)?(?:{_CLOCK}|dawn|dusk|daybreak|noon|midday|midnight|sunrise|sunset)"
                    r"(?:\s+(?:and|to)\s+.+)?", t) or re.fullmatch(
            r"(?:(?:earlier|later|early|late) )?(?:(?:in|during|on|through|throughout|that|the same|this|"
            r"earlier that|later that|early that|late that) )?(?:the )?(?:early |late )?"
            r"(?:morning|afternoon|evening|night|day|early hours|hours)|(?:earlier|later) (?:in )?the day|"
            r"(?:hours|minutes|moments) (?:later|earlier|afterwards|before|after)|shortly (?:after|afterwards|"
            r"before)|soon (?:after|afterwards)|the same day|that day|the night|through the night|"
            r"during the night", t):
        anchor = _anchor(ctx)
        return _value((anchor or p).isoformat(), "day", raw,
                      note=None if anchor else "time of day; taken as the publication day")
    m = re.fullmatch(r"(?:that|the same) (week|month|year)", t)
    if m:
        found = _anchor_value(ctx)
        if found is None or found.value is None:
            return _value(None, m[1], raw, note=f"{raw!r} refers to a time the context does not give")
        d = _first_day(found.value)
        if d is None:
            return _value(found.value[:4], "year", raw)
        return _shift(d, m[1], 0, raw)
    m = re.fullmatch(r"(?:so far|earlier|until now) (?:this|in) (week|month|year)|(?:all|mid)(week)", t)
    if m:
        mod = "MID" if t == "midweek" else None
        found = _relative(f"this {m[1] or m[2]}", raw, ctx, p)
        return found.model_copy(update={"mod": mod}) if found else None
    m = re.fullmatch(r"overnight (?:on |into |to )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)", t)
    if m:
        return _relative(m[1], raw, ctx, p)
    m = re.fullmatch(r"(?:through|throughout|during|for the rest of) the (week|month|year)", t)
    if m:
        return _relative(f"this {m[1]}", raw, ctx, p)
    m = re.fullmatch(r"(?:the )?(beginning|start|middle|end) of the (week|month|year)", t)
    if m:
        return _relative(f"{m[1]} of this {m[2]}", raw, ctx, p)
    m = re.fullmatch(r"(last|next|this|this past|past|coming) " + _MONTH, t)
    if m:
        which = {"this past": "last", "past": "last", "coming": "next"}.get(m[1], m[1])
        return _value(_month_year(_month(m[2]), p, ctx.tense, "" if which == "this" else which), "month", raw)
    m = re.fullmatch(r"(last|next|this|the current|the previous|the next|the coming) fiscal year|"
                     r"(?:the )?fiscal (?:year )?(\d{4})", t)
    if m:
        if m[2]:
            return _value(m[2], "year", raw, note="fiscal year")
        shift = {"last": -1, "the previous": -1, "next": 1, "the next": 1, "the coming": 1}.get(m[1], 0)
        return _value(str(p.year + shift), "year", raw, note="fiscal year")

    # N units ago (publication-anchored) / N units earlier, later (anchored on the context)
    m = re.fullmatch(rf"{_NUM} (day|week|month|year)s? (ago|earlier|later|before|after|back)", t)
    if m:
        n = count_of(m[1])
        sign = 1 if m[3] in ("later", "after") else -1
        anchor = p
        if m[3] in ("before", "after") and _names_what_follows(ctx):  # "a day after the vote on Sunday"
            return _from_what_follows(ctx, m[2], sign * n, raw)
        if m[3] not in ("ago", "back"):
            found = _anchor(ctx)
            if found is not None:
                anchor = found
        return _shift(anchor, m[2], sign * n, raw)
    m = re.fullmatch(rf"in {_NUM} (day|week|month|year)s?(?: time)?", t)
    if m:
        return _shift(p, m[2], count_of(m[1]), raw)
    m = re.fullmatch(r"(?:the )?(?:(previous|following|next) (day|week|month)|(day|week) (before|after)|"
                     r"a (day|week) (earlier|later))", t)
    if m:
        unit = m[2] or m[3] or m[5]
        sign = -1 if (m[1] == "previous" or m[4] == "before" or m[6] == "earlier") else 1
        if m[4] and _names_what_follows(ctx):  # "the day after the vote"
            return _from_what_follows(ctx, unit, sign, raw)
        anchor = _anchor(ctx)
        if anchor is None:
            if m[1] == "next":  # "the next week" with nothing to anchor on is next week
                return _shift(p, unit, 1, raw)
            return _value(None, "day" if unit == "day" else "week", raw,
                          note=f"{raw!r} is relative to an earlier time that the context does not give")
        return _shift(anchor, unit, sign, raw)

    # last / this / next + unit, with parts: "late last year", "earlier this month", "the end of last month"
    m = re.fullmatch(r"(?:(early|mid|late|earlier|later|(?:the )?(?:beginning|start|middle|end) of) )?"
                     r"(?:(last|this|next|past|this past|the past|previous|the previous|coming|the coming) )"
                     r"(week|weekend|month|year|spring|summer|autumn|fall|winter)", t)
    if m:
        part, which, unit = m[1], m[2].replace("the ", ""), m[3]
        shift = {"last": -1, "past": -1, "this past": -1, "previous": -1, "next": 1, "coming": 1}.get(which, 0)
        mod = _mod(part) if part and part not in ("earlier", "later") else None
        if unit == "weekend":
            return _weekend(p, ctx, raw, shift)
        if unit == "week":
            return _value(_week(p + dt.timedelta(weeks=shift)), "week", raw, mod)
        if unit == "month":
            y, mo = divmod(p.year * 12 + p.month - 1 + shift, 12)
            return _value(f"{y}-{mo + 1:02d}", "month", raw, mod)
        if unit == "year":
            return _value(str(p.year + shift), "year", raw, mod)
        return _season(p, _SEASONS[unit], shift if which != "this" else 0, raw, ctx, explicit=True)
    m = re.fullmatch(r"(?:(?:at|over|during|since) )?(?:the|this) weekend", t)
    if m:
        return _weekend(p, ctx, raw, None)
    m = re.fullmatch(r"(?:early|earlier|later|late) (?:in )?the (week|month|year)", t)
    if m:
        return _relative(f"this {m[1]}", raw, ctx, p)

    # weekdays
    m = re.fullmatch(r"(?:(early|late|in the early hours of|the early hours of|late on|early on) )?"
                     r"(last |next |this |this past |past |coming )?"
                     r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                     r"(?: (?:morning|afternoon|evening|night|night-time))?", t)
    if m:
        target = WEEKDAYS.index(m[3])
        which = (m[2] or "").strip()
        mod = None
        if m[1]:
            mod = "LATE" if m[1].startswith("late") else "EARLY"
        if which in ("next", "coming") or (which in ("", "this") and ctx.future):
            delta = (target - p.weekday()) % 7
            if which == "next" and delta == 0:
                delta = 7
            return _value((p + dt.timedelta(days=delta)).isoformat(), "day", raw, mod)
        delta = (p.weekday() - target) % 7
        if delta == 0 and which in ("last", "past", "this past"):
            delta = 7
        return _value((p - dt.timedelta(days=delta)).isoformat(), "day", raw, mod)

    # "the 5th": a day of this month (or last month, when still to come)
    m = re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th)(?: of (?:this|the) month)?", t)
    if m:
        day = int(m[1])
        y, mo = p.year, p.month
        if day > p.day and not ctx.future:
            y, mo = divmod(y * 12 + mo - 2, 12)
            mo += 1
        return _safe_date(y, mo, day, raw)

    # month and day without a year
    m = re.fullmatch(rf"{_MONTH} {_DAY}", t) or re.fullmatch(rf"(?:the )?{_DAY} (?:of )?{_MONTH}", t)
    if m:
        month, day, _ = _parts(m, year=False)
        return _day_without_year(month, day, raw, ctx)
    # a month, possibly with a part: "late June", "the end of June", "in September"
    m = re.fullmatch(rf"(?:{_PART}[- ]?)?{_MONTH}", t)
    if m:
        return _value(_month_year(_month(m[2]), p, ctx.tense), "month", raw, _mod(m[1]) if m[1] else None)
    # seasons without a year: "in the summer", "last spring" (handled above), "this spring"
    m = re.fullmatch(r"(?:the )?(spring|summer|autumn|fall|winter)", t)
    if m:
        return _season(p, _SEASONS[m[1]], 0, raw, ctx, explicit=False)
    return None


def _month_year(month: int, p: dt.date, tense: bool | None, which: str = "") -> str:
    """A month without a year: the last one for a past clause, the next one for a future clause,
    the nearer one when the clause says neither. "last June" excludes this June."""
    if which == "last" or (tense is False and not which):
        year = p.year if month < p.month or (month == p.month and which != "last") else p.year - 1
    elif which == "next" or tense is True:
        year = p.year if month > p.month or (month == p.month and which != "next") else p.year + 1
    else:
        back = p.year if month <= p.month else p.year - 1
        ahead = p.year if month >= p.month else p.year + 1
        back_gap = (p.year - back) * 12 + p.month - month
        ahead_gap = (ahead - p.year) * 12 + month - p.month
        year = back if back_gap <= ahead_gap else ahead
    return f"{year}-{month:02d}"


def _weekend(p: dt.date, ctx: _Ctx, raw: str, shift: int | None) -> TimeValue:
    """"last weekend" is the one before this ISO week; "this/the weekend" is this week's when the
    article is written on it or speaks of the future, else the one just past. The value is the ISO
    week (the corpus convention), the note says it was the weekend."""
    if shift is None or shift == 0:
        tense = ctx.tense
        if p.weekday() >= 5 or tense is True or (p.weekday() == 4 and tense is None):
            shift = 0  # written on the weekend, about the future, or on a Friday with no cue: this one
        else:
            shift = -1
    return _value(_week(p + dt.timedelta(weeks=shift)), "week", raw, note="weekend")


def _season(p: dt.date, code: str, shift: int, raw: str, ctx: _Ctx, *, explicit: bool) -> TimeValue:
    """The season's year: "last summer" in July is the previous summer (this one is not over)."""
    year = p.year
    month = p.month
    started = month >= _SEASON_START[code] if code != "WI" else month in (12, 1, 2)
    ended = month > _SEASON_END[code] if code != "WI" else 3 <= month <= 11
    if code == "WI" and month in (1, 2):
        year -= 1  # a winter is named by the year in which it begins
    if shift < 0:
        year = year - 1 if not ended or code == "WI" else year
    elif shift > 0:
        year = year + 1 if started or ended else year
    elif not explicit and not ctx.future and not started:
        year -= 1
    return _value(str(year), "year", raw, note=f"season {code} of {year}")


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _first_day(value: str) -> dt.date | None:
    """The first day of a day, week or month value."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if m:
        return dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m:
        return dt.date(int(m[1]), int(m[2]), 1)
    return None


def _shift(anchor: dt.date, unit: str, n: int, raw: str) -> TimeValue:
    if unit == "day":
        return _value((anchor + dt.timedelta(days=n)).isoformat(), "day", raw)
    if unit == "week":
        return _value(_week(anchor + dt.timedelta(weeks=n)), "week", raw)
    if unit == "month":
        y, mo = divmod(anchor.year * 12 + anchor.month - 1 + n, 12)
        return _value(f"{y}-{mo + 1:02d}", "month", raw)
    return _value(str(anchor.year + n), "year", raw)


def _names_what_follows(ctx: _Ctx) -> bool:
    """Does the clause go on after the expression ("a day after [the vote]"), rather than end
    ("... and left a day after.")?"""
    return bool(ctx.context) and re.match(r"\s*[\"']?\w", ctx.context[ctx.end:]) is not None


def _from_what_follows(ctx: _Ctx, unit: str, n: int, raw: str) -> TimeValue:
    """"a day after X", "two days before X": counted from X's date when the clause dates X."""
    rest = ctx.context[ctx.end:]
    stop = re.search(r"[.;!?\n]|,\s+(?:and|but|while)\s", rest)
    clause_end = ctx.end + (stop.start() if stop else len(rest))
    for s, e in find_times(ctx.context, ctx.end, clause_end):
        sub = _Ctx(ctx.published, ctx.context, s, e, False, anchored=False)
        found = _normalize(ctx.context[s:e], sub)
        if found is not None and found.value and found.granularity == "day":
            return _shift(dt.date.fromisoformat(found.value), unit, n, raw)
    return _value(None, "day" if unit == "day" else unit, raw,
                  note=f"{raw!r} counts from an event the text does not date here")


def _anchor(ctx: _Ctx) -> dt.date | None:
    """The day an anchored expression ("the day before") counts from: the last day-level
    expression before it in the context, else None."""
    value = _anchor_value(ctx, day=True)
    return dt.date.fromisoformat(value.value) if value is not None and value.value else None


def _anchor_value(ctx: _Ctx, *, day: bool = False) -> TimeValue | None:
    """The last resolvable time expression before `ctx.at` in the context ("that year" refers to
    it), or None."""
    if not ctx.anchored or not ctx.context:
        return None
    best = None
    for s, e in find_times(ctx.context, 0, ctx.at):
        if e > ctx.at:
            continue
        sub = _Ctx(ctx.published, ctx.context, s, e, False, anchored=False)
        value = _normalize(ctx.context[s:e], sub)
        if value is None or not value.value or value.value.startswith("P"):
            continue
        if day and value.granularity != "day":
            continue
        best = value
    return best


def _day_without_year(month: int, day: int, raw: str, ctx: _Ctx) -> TimeValue:
    """A month and day with the year of the publication date, or the year before when that would be
    more than a week in the future of a clause about the past (the year after, for a clause about
    the future; the nearer of the two when the clause gives no cue)."""
    p = ctx.published
    assert p is not None
    year = p.year
    try:
        candidate = dt.date(year, month, day)
    except ValueError:
        if month == 2 and day == 29:
            candidate = None
        else:
            return _value(None, "day", raw, note=f"no such day: {raw!r}")
    tense = ctx.tense
    if tense is True:
        if candidate is None or candidate < p - dt.timedelta(days=1):
            year += 1
    elif tense is False:
        if candidate is None or candidate > p + dt.timedelta(days=7):
            year -= 1
    elif candidate is not None:  # no cue: the nearer of this year's and the neighbouring year's
        other = year - 1 if candidate > p else year + 1
        try:
            if abs((dt.date(other, month, day) - p).days) < abs((candidate - p).days):
                year = other
        except ValueError:
            pass
    return _safe_date(year, month, day, raw)


def _numeric_readings(a: int, b: int) -> list[tuple[int, int]]:
    """(month, day) readings of a/b: month/day first, then day/month."""
    readings = []
    if 1 <= a <= 12 and 1 <= b <= 31:
        readings.append((a, b))
    if 1 <= b <= 12 and 1 <= a <= 31 and (b, a) not in readings:
        readings.append((b, a))
    return readings


_CLAUSE_END = re.compile(r"[;!?\n]|,\s+(?:and|but|while|whereas)\s+|(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\bSt)(?<!\bMr)(?<!\bDr)(?<!\bGen)\.(?=\s+[A-Z0-9\"'])")
_ADVERBS = r"(?:also|only|first|again|later|earlier|reportedly|allegedly|apparently|already|last|then|just)"


def _tense(context: str, start: int, end: int) -> bool | None:
    """Does the clause around context[start:end] speak of the future (True), the past (False), or
    give no cue (None)?

    The strong cue nearest to the expression on its left decides ("said on Friday it would ..." is
    past; "will be held on Friday" is future), unless a past verb stands right before it ("the
    controls it announced on October 9"). -ed words further away count only when no auxiliary does,
    because so many of them are adjectives ("closed doors"). The right side is read last."""
    if not context:
        return None
    left = context[:start]
    cuts = [m.end() for m in _CLAUSE_END.finditer(left)]
    left = left[(cuts[-1] if cuts else 0):][-140:]
    right = context[end:]
    stop = re.search(r"[.;!?,\n]", right)
    right = (right[: stop.start()] if stop else right)[:80]

    def cues(text: str) -> tuple[list[tuple[int, bool]], list[tuple[int, bool | None]]]:
        strong: list[tuple[int, bool]] = []
        for m in _FUTURE_CUES.finditer(text):
            if m.group() == "May" and m.start() > 0:
                continue  # the month, not the modal
            strong.append((m.start(), True))
        for m in _PAST_STRONG.finditer(text):
            if not _NOT_PAST_BEFORE.search(text[: m.start()]) or m.group().lower().endswith(" have"):
                strong.append((m.start(), False))
        weak = [(m.start(), False) for m in _PAST_WEAK.finditer(text)
                if not _NOT_PAST_BEFORE.search(text[: m.start()])]
        weak += [(m.start(), None) for m in _PRESENT.finditer(text)]
        return strong, weak

    strong, weak = cues(left)
    last = re.search(rf"\b(\w+)(?:\s+{_ADVERBS})?\s*$", left)
    if last and _PAST_WEAK.fullmatch(last[1]) and not _NOT_PAST_BEFORE.search(left[: last.start(1)]):
        return False  # "it announced on October 9", "troops it deployed in February"
    if strong:
        return max(strong)[1]
    if weak:
        return max(weak)[1]  # the nearest: "signed an agreement that creates a zone from November 1"
    strong_right, weak_right = cues(right)
    if strong_right:
        return min(strong_right)[1]
    if weak_right:
        return min(weak_right)[1]
    return None


def is_future(context: str, start: int, end: int) -> bool:
    """Does the clause around context[start:end] speak of the future ("will send", "is due to")?"""
    return _tense(context, start, end) is True


def _is_relative(t: str) -> bool:
    return bool(re.search(r"\b(today|yesterday|tomorrow|tonight|night|ago|last|this|next|earlier|later|"
                          r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|evening|"
                          r"afternoon|week|weekend|month|year|overnight|christmas|new year|spring|"
                          r"summer|autumn|fall|winter|previous|following|day)\b", t)
                or re.fullmatch(rf"(?:{_PART}[- ]?)?{_MONTH}(?: {_DAY})?|(?:the )?{_DAY} (?:of )?{_MONTH}|"
                                r"(?:the )?\d{1,2}(?:st|nd|rd|th)", t))


def _granularity_guess(t: str) -> str:
    if re.search(r"\bweek(end)?s?\b", t):
        return "week"
    if re.search(r"\bmonths?\b", t) or re.fullmatch(rf"(?:{_PART}[- ]?)?{_MONTH}", t):
        return "month"
    if re.search(r"\byears?\b", t):
        return "year"
    if re.search(r"\b(spring|summer|autumn|fall|winter)\b", t):
        return "unknown"
    return "day"


def _unresolved(raw: str, granularity: str) -> TimeValue:
    return _value(None, granularity, raw, note=f"relative expression {raw!r} and no publication date")


def _duration(count: str, unit: str, raw: str) -> TimeValue:
    n = count_of(count)
    code = f"PT{n}{_UNIT[unit]}" if unit in ("hour", "minute") else f"P{n}{_UNIT[unit]}"
    return _value(code, "unknown", raw, note="duration, not a point in time")


def count_of(word: str) -> int:
    """A count written in digits or words: "3", "three", "a", "a few"."""
    return int(word) if word.isdigit() else _NUMBERS[word]


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _value(value: str | None, granularity: str, text: str, mod: str | None = None,
           note: str | None = None, end: str | None = None) -> TimeValue:
    return TimeValue(value=value, granularity=granularity, mod=mod, text=text, note=note, end=end)


def _mod(part: str | None) -> str | None:
    if not part:
        return None
    return next((_MOD[w] for w in part.split() if w in _MOD), None)


def _month(name: str) -> int:
    name = name.rstrip(".")
    return _MONTH_ABBR[name[:4] if name.startswith("sept") else name[:3]]


def _parts(m: re.Match[str], year: bool = True) -> tuple[int, int, int]:
    groups = [g for g in m.groups() if g is not None]
    if groups[0].isdigit():
        day, month = int(groups[0]), _month(groups[1])
    else:
        month, day = _month(groups[0]), int(groups[1])
    return month, day, int(groups[2]) if year else 0


def _safe_date(year: int, month: int, day: int, text: str) -> TimeValue:
    try:
        return _value(dt.date(year, month, day).isoformat(), "day", text)
    except ValueError:
        return _value(None, "day", text, note=f"no such day: {text!r}")


_LOOKS_LIKE_DATE = re.compile(rf"\d|\b{_MONTH}\b")


def _dateparser(t: str, raw: str, published: dt.date | None) -> TimeValue | None:
    """dateparser as a fallback for absolute dates in formats the rules do not know. Relative
    expressions stay with the rules (dateparser would resolve "3/4" and "late June" silently)."""
    if not _LOOKS_LIKE_DATE.search(t) or re.fullmatch(r"[\d\s.,/-]+", t) and not re.search(r"\d{4}", t):
        return None
    if published is None and not re.search(r"\b\d{4}\b", t):
        return None
    if not re.search(rf"\d{{4}}|\b{_MONTH}\b|\d[/.-]\d", t):
        return None  # "17 days", "135 days": dateparser would count them back from publication
    if re.search(rf"{_CLOCK}|\b{_ZONE}\b", t):
        return None  # a clock time is its day (the rules), never a date dateparser makes of its digits
    value = dateparser_value(t, published)
    if value is None:
        return None
    value_str, granularity = value
    if not 1000 <= int(value_str[:4]) <= 2199:
        return None
    return _value(value_str, granularity, raw)


def dateparser_value(text: str, published: dt.date | None) -> tuple[str, str] | None:
    """What dateparser alone makes of `text`: (TIMEX3-like value, granularity), or None.
    Also used by scripts/eval_normalization.py to measure dateparser on its own."""
    try:
        from dateparser.date import DateDataParser
    except ImportError as e:  # a broken install must not look like "no date found"
        raise NormalizationError("dates in formats the rules do not know need the dateparser package "
                                 "(pip install dateparser), or Normalizer(dateparser=False)") from e
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time())
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    except Exception:  # noqa: BLE001 - dateparser raises on odd input; treat as "no date"
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period or "day"
    if period in ("day", "time"):
        return d.isoformat(), "day"
    if period == "week":
        return _week(d), "week"
    if period == "month":
        return f"{d.year}-{d.month:02d}", "month"
    if period == "year":
        return str(d.year), "year"
    return None
