"""Time normalisation: the guideline's examples, the tense of the clause, ambiguity and missing
publication dates."""

from __future__ import annotations

import datetime as dt

import pytest

from eventx.timex import dateparser_value, find_times, normalize

TUESDAY = dt.date(2022, 7, 12)  # the guideline's publication date


@pytest.mark.parametrize(("text", "value", "granularity", "mod"), [
    ("Monday", "2022-07-11", "day", None),
    ("on Monday", "2022-07-11", "day", None),
    ("yesterday", "2022-07-11", "day", None),
    ("last week", "2022-W27", "week", None),
    ("in late June", "2022-06", "month", "LATE"),
    ("July 11", "2022-07-11", "day", None),
    ("April 4", "2022-04-04", "day", None),
    ("late February", "2022-02", "month", "LATE"),
    ("earlier this month", "2022-07", "month", None),
    ("two days ago", "2022-07-10", "day", None),
    ("in early March", "2022-03", "month", "EARLY"),
    ("in 2014", "2014", "year", None),
    ("this night", "2022-07-12", "day", None),
    ("overnight", "2022-07-12", "day", None),
    ("on March 3, 2021", "2021-03-03", "day", None),
    ("since April 4", "2022-04-04", "day", "AFTER"),
    ("the end of last month", "2022-06", "month", "LATE"),
    ("this past weekend", "2022-W27", "week", None),
])
def test_guideline_examples(text: str, value: str, granularity: str, mod: str | None) -> None:
    v = normalize(text, TUESDAY)
    assert v is not None
    assert (v.value, v.granularity, v.mod) == (value, granularity, mod)
    assert v.text == text


def test_weekday_follows_the_tense_of_its_clause() -> None:
    past = normalize("on Thursday", TUESDAY, context="Jets crossed the border on Thursday.")
    future = normalize("on Thursday", TUESDAY, context="The two leaders will meet on Thursday.")
    assert past is not None and past.value == "2022-07-07"
    assert future is not None and future.value == "2022-07-14"
    # "said on Friday it would ...": the nearest cue is the past "said"
    said = normalize("on Friday", TUESDAY, context="Ankara said on Friday it would stop the flights.")
    assert said is not None and said.value == "2022-07-08"
    # a past participle after "will be" is still the future
    held = normalize("on Friday", TUESDAY, context="The next round of talks will be held on Friday.")
    assert held is not None and held.value == "2022-07-15"


def test_month_day_picks_the_year_from_the_clause() -> None:
    p = dt.date(2023, 3, 14)
    assert normalize("December 31", p, context="The evacuation was ordered on December 31.").value == "2022-12-31"
    assert normalize("15 April", dt.date(2017, 4, 3),
                     context="Analysts expect a parade on 15 April.").value == "2017-04-15"
    # no tense cue: the nearer of the two candidate years
    assert normalize("November 1", dt.date(2018, 9, 21),
                     context="The agreement creates a no-fly zone from November 1.").value == "2018-11-01"


def test_iso_weeks_across_year_boundaries() -> None:
    assert normalize("last week", dt.date(2021, 1, 4)).value == "2020-W53"
    assert normalize("this week", dt.date(2019, 12, 31)).value == "2020-W01"


def test_ambiguous_numeric_date_says_so() -> None:
    v = normalize("3/4", TUESDAY)
    assert v is not None and v.value is None
    assert v.note and "ambiguous" in v.note and "2022-03-04" in v.note and "2022-04-03" in v.note
    assert normalize("25/3", TUESDAY).value == "2022-03-25"  # 25 is no month: not ambiguous
    assert normalize("4/5/2021", TUESDAY).value is None


@pytest.mark.parametrize("text", ["Monday", "last week", "late June", "yesterday", "July 11", "this night",
                                  "two days ago", "tomorrow"])
def test_relative_without_publication_date_is_unresolved_with_a_reason(text: str) -> None:
    v = normalize(text, None)
    assert v is not None and v.value is None
    assert v.note and "no publication date" in v.note


def test_absolute_dates_need_no_publication_date() -> None:
    assert normalize("on March 3, 2021", None).value == "2021-03-03"
    assert normalize("in 2014", None).value == "2014"
    assert normalize("24.02.2022", None).value == "2022-02-24"


def test_anchored_expressions_count_from_the_context() -> None:
    v = normalize("the day before", dt.date(2023, 3, 14),
                  context="Talks began on March 6, and jets had crossed the border the day before.")
    assert v is not None and v.value == "2023-03-05"


@pytest.mark.parametrize(("text", "published", "value", "end"), [
    ("on 13-14 April", "2024-05-14", "2024-04-13", "2024-04-14"),
    ("September 9-10", "2025-09-12", "2025-09-09", "2025-09-10"),
    ("the night of September 9-10", "2025-09-12", "2025-09-09", "2025-09-10"),
    ("on the night of 9-10 September", "2025-09-12", "2025-09-09", "2025-09-10"),
    ("between March 3 and 5", "2024-03-10", "2024-03-03", "2024-03-05"),
    ("between February 3 and February 14", "2016-02-17", "2016-02-03", "2016-02-14"),
    ("from December 30 to January 2", "2025-01-05", "2024-12-30", "2025-01-02"),
    ("between 2014 and 2016", "2022-07-12", "2014", "2016"),
    ("2014-16", "2022-07-12", "2014", "2016"),
])
def test_a_range_is_its_first_day_with_an_end(text: str, published: str, value: str, end: str) -> None:
    v = normalize(text, published)
    assert v is not None and (v.value, v.end) == (value, end)
    assert v.granularity == ("year" if len(value) == 4 else "day")


@pytest.mark.parametrize(("text", "context"), [
    ("0229 GMT", "The missile struck at 11:29 a.m. (0229 GMT), officials said."),
    ("at 11:29 a.m. (0229 GMT)", "The missile struck at 11:29 a.m. (0229 GMT), officials said."),
    ("at 1400 GMT", "The ceasefire took effect at 1400 GMT."),
    ("0600 hours", "Shelling resumed at 0600 hours."),
    ("at 23:40 local time (2040 GMT)", "The drone was shot down at 23:40 local time (2040 GMT)."),
])
def test_a_clock_time_is_its_day_never_a_year(text: str, context: str) -> None:
    v = normalize(text, "2022-07-12", context=context)
    assert v is not None and v.value == "2022-07-12" and v.granularity == "day"
    dated = normalize(text, "2022-07-12", context="On Sunday, July 10, " + context)
    assert dated is not None and dated.value == "2022-07-10"


def test_a_day_after_counts_from_what_follows_when_the_text_dates_it() -> None:
    context = "Iran fired drones a day after the US president warned on Monday."
    v = normalize("a day after", "2024-04-17", context=context)
    assert v is not None and v.value == "2024-04-16"
    v = normalize("two days before", "2024-04-17", context="Troops left two days before the vote on April 14.")
    assert v is not None and v.value == "2024-04-12"
    undated = normalize("a day after", "2024-04-17", context="Iran fired drones a day after the US warned.")
    assert undated is not None and undated.value is None and "does not date" in (undated.note or "")


def test_durations_and_vague_expressions_date_nothing() -> None:
    duration = normalize("for three hours", TUESDAY)
    assert duration is not None and duration.value == "PT3H" and duration.granularity == "unknown"
    vague = normalize("in recent days", TUESDAY)
    assert vague is not None and vague.value is None and vague.note


def test_dateparser_fallback_reads_formats_the_rules_do_not() -> None:
    assert normalize("03-Mar-2021", TUESDAY, fallback=False) is None
    assert normalize("03-Mar-2021", TUESDAY).value == "2021-03-03"
    assert dateparser_value("Wed, 3 Mar 2021", None) == ("2021-03-03", "day")


def test_find_times_includes_prepositions_and_skips_quantities() -> None:
    text = "Troops moved 2000 tanks on Monday, since April 4 the border has been closed."
    spans = [text[s:e] for s, e in find_times(text)]
    assert spans == ["on Monday", "since April 4"]
