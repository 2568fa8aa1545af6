"""The viewer: marks that survive nesting and overlap, escaping, timeline, gold beside predicted."""

from __future__ import annotations

import datetime as dt
import html
import re

from typer.testing import CliRunner

from eventx.cli import app
from eventx.records import Argument, Document, Event, Place, Span, TimeValue
from eventx.render import (
    Mark,
    date_events,
    event_block,
    label_color,
    mark_text,
    parse_time_value,
    render_page,
    shade,
    timeline_svg,
)
from eventx.text import split_sentences

TEXT = ("Two Russian Su-27 jets entered Estonian airspace on Monday, the army said.\n"
        "Officials said <no> drones & missiles struck Tartu.")


def at(needle: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(needle, start + 1)
    return {"text": needle, "start": start, "end": start + len(needle)}


def plain(fragment: str) -> str:
    """The text a reader sees, without the labels the marks add."""
    fragment = re.sub(r'<span class="x-label[^"]*"[^>]*>.*?</span>', "", fragment)
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def incursion(confidence: float = 0.83, **kw) -> Event:
    return Event(id="e1", type="AIRSPACE_INCURSION", trigger=Span(**at("entered")),
                 confidence=confidence, arguments=[Argument(role="aircraft", **at("Two Russian Su-27 jets"), confidence=0.7),
                            Argument(role="agent", **at("Russian"), confidence=0.6),
                            Argument(role="location", **at("Estonian airspace"))], **kw)


def make_doc(events: list[Event], **kw) -> Document:
    return Document(id="d1", text=TEXT, title="Jets", published="2023-03-14",
                    sentences=split_sentences(TEXT), events=events, **kw)


def test_nested_and_overlapping_marks_keep_the_text():
    text = TEXT[:60]
    marks = [Mark(0, 22, "aircraft", "#ffffff"), Mark(4, 11, "agent", "#eee"),
             Mark(18, 30, "overlap", "#ddd"), Mark(23, 30, "TYPE", "#ccc", "trigger"),
             Mark(40, 40, "empty", "#bbb")]
    out = mark_text(text, 0, marks)
    assert plain(out) == text
    assert out.count('class="x-label') == 5
    # the agent piece sits inside the aircraft span: innermost colour, underline for the outer
    assert re.search(r'<mark class="x-seg x-argument" style="background:#eee;box-shadow:inset 0 '
                     rf'-3px 0 {shade("#ffffff")}[^"]*"[^>]*>Russian</mark>', out)
    assert '<mark class="x-seg x-argument x-trigger"' in out


def test_marks_at_an_offset_and_escaping():
    start = TEXT.index("Officials")
    sentence = TEXT[start:]
    marks = [Mark(*[at("<no> drones")[k] for k in ("start", "end")], "instrument", "#abc",
                  title='a "quoted" <title>')]
    out = mark_text(sentence, start, marks)
    assert plain(out) == sentence
    assert "&lt;no&gt; drones" in out and "<no>" not in out
    assert "&amp; missiles" in out
    assert 'title="a &quot;quoted&quot; &lt;title&gt;"' in out


def test_event_block_shows_labels_confidence_time_and_place():
    event = incursion(time=TimeValue(value="2023-03-13", granularity="day", text="on Monday"),
                      location=Place(name="Estonia", country="EE", kind="country"),
                      polarity="negative", modality="hedged", sentence=0)
    block = event_block(make_doc([event]), event, anchor="x-1")
    assert 'id="x-1"' in block
    assert "AIRSPACE_INCURSION" in block and "conf 0.83" in block
    assert "time 2023-03-13 (day, from argument)" in block and "on Monday" in block
    assert "place Estonia (country, EE)" in block
    assert ">negative<" in block and ">hedged<" in block
    text = re.search(r'<div class="x-text">(.*?)</div>', block).group(1)
    assert plain(text) == TEXT.split("\n")[0]
    for role in ("aircraft", "agent", "location"):
        assert f">{role}</span>" in block
    assert "0.70" in block and label_color("aircraft") in block


def test_event_block_widens_to_arguments_in_other_sentences():
    event = Event(id="e", type="ATTACK", trigger=Span(**at("struck")),
                  arguments=[Argument(role="agent", **at("Two Russian Su-27 jets"))])
    block = event_block(make_doc([event]), event)
    text = re.search(r'<div class="x-text">(.*?)</div>', block, re.DOTALL).group(1)
    assert plain(text) == TEXT


def test_parse_time_values():
    assert parse_time_value("2022-07-11") == (dt.date(2022, 7, 11), dt.date(2022, 7, 12), "day")
    assert parse_time_value("2022-W27") == (dt.date(2022, 7, 4), dt.date(2022, 7, 11), "week")
    assert parse_time_value("2022-12") == (dt.date(2022, 12, 1), dt.date(2023, 1, 1), "month")
    assert parse_time_value("2014") == (dt.date(2014, 1, 1), dt.date(2015, 1, 1), "year")
    assert parse_time_value("2022-13") is None and parse_time_value(None) is None
    assert parse_time_value("sometime") is None


def test_timeline_uses_event_time_else_published():
    timed = incursion(time=TimeValue(value="2023-03", granularity="month"))
    untimed = Event(id="e2", type="STATEMENT", trigger=Span(**at("said")))
    docs = [make_doc([timed, untimed]),
            Document(id="d2", text="No date.", events=[
                Event(id="x", type="ATTACK", trigger=Span(text="No", start=0, end=2))])]
    dated, undated = date_events(docs, {0: "doc-0"})
    assert undated == 1
    by_type = {d.type: d for d in dated}
    assert by_type["AIRSPACE_INCURSION"].granularity == "month"
    assert by_type["AIRSPACE_INCURSION"].source == "event time"
    assert by_type["STATEMENT"].start == dt.date(2023, 3, 14)
    assert by_type["STATEMENT"].source == "published"
    svg = timeline_svg(dated)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "AIRSPACE_INCURSION (1)" in svg and "STATEMENT (1)" in svg
    assert 'class="tl-range"' in svg and 'fill="#fff"' in svg  # bar, and hollow published dot
    assert 'href="#doc-0-ev-0"' in svg
    assert "no dated events" in timeline_svg([])


def test_page_predicted_only():
    page = render_page([make_doc([incursion()])], title="T <1>")
    assert "<title>T &lt;1&gt;</title>" in page and "Content-Security-Policy" in page
    assert "<script" not in page.lower()
    assert 'class="x-seg x-trigger"' in page and "<svg" in page
    assert page.count('class="event pred"') == 1


def test_page_gold_beside_predicted():
    gold = make_doc([incursion(),
                     Event(id="g2", type="STATEMENT", trigger=Span(**at("said"))),
                     Event(id="g3", type="ATTACK", trigger=Span(**at("struck")))])
    pred = make_doc([incursion(),
                     Event(id="p2", type="MEETING", trigger=Span(**at("said"))),
                     Event(id="p3", type="STATEMENT", trigger=Span(**at("said", 1)))])
    page = render_page([pred], [gold])
    for status in ("correct", "wrong type", "missed", "spurious"):
        assert f'">{status}</span>' in page
    assert page.count('class="event gold"') == 3 and page.count('class="event pred"') == 3


def test_hostile_text_is_escaped():
    text = '<img src=x onerror=alert(1)> said "hi"'
    start = text.index("said")
    doc = Document(id="<b>id</b>", text=text, title="<script>alert(1)</script>",
                   url="javascript:alert(1)", events=[
                       Event(id="e<1>", type="STATEMENT<i>", trigger=Span(text="said", start=start,
                                                                         end=start + 4))])
    page = render_page([doc])
    assert "<img src=x" not in page and "<script>" not in page and "<b>id</b>" not in page
    assert 'href="javascript' not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


runner = CliRunner()


def test_cli_render(tmp_path):
    gold = make_doc([incursion()])
    pred = make_doc([incursion(confidence=0.5)])
    g, p = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    g.write_text(gold.model_dump_json() + "\n")
    second = pred.model_copy(update={"id": "d2"})
    p.write_text(pred.model_dump_json() + "\n" + second.model_dump_json() + "\n")
    out = tmp_path / "page.html"
    result = runner.invoke(app, ["render", str(p), "--gold", str(g), "-o", str(out), "--limit", "1"])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert "showing the first 1 documents in detail" in page
    assert page.count('<section class="doc"') == 1
    result = runner.invoke(app, ["render", str(tmp_path / "nope.jsonl"), "-o", str(out)])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {tmp_path / 'nope.jsonl'}: no such input file"


def test_timeline_leaves_far_off_events_out_of_the_drawing():
    events = [Event(id=f"e{i}", type="ATTACK", trigger=Span(**at("struck")),
                    time=TimeValue(value=f"2023-03-{1 + i:02d}", granularity="day"))
              for i in range(25)]
    events.append(Event(id="old", type="MEETING", trigger=Span(**at("said")),
                        time=TimeValue(value="1958", granularity="year")))
    page = render_page([make_doc(events)])
    svg = page[page.index("<svg"): page.index("</svg>")]
    assert "MEETING" not in svg and "ATTACK (25)" in svg
    assert "1 far earlier or later event left out of the drawing" in page
    assert "1958-01-01" in page  # still in the table
