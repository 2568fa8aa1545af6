"""An offline HTML viewer for event records: `eventx render INPUT.jsonl [--gold GOLD] -o page.html`.

Spans are highlighted on the text in the spirit of displaCy's entity view: coloured marks with
labels. Triggers and arguments often nest or overlap ("Two *Russian* jets"), which a single layer
of inline marks cannot show, so each event gets its own block with its sentence, and within a
block the text is cut at every span boundary: each piece is marked with the colour of the
innermost span covering it and underlined once per enclosing span. The text is never reordered
or dropped, only wrapped.

Pages are one self-contained file: inline CSS and SVG, no scripts, no network. A
Content-Security-Policy forbids anything else, so a page that tries to load something breaks
loudly in a browser test rather than silently leaking requests. All text is escaped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from eventx.records import Document, Event
from eventx.text import sentence_index, split_sentences

# displaCy-like pastel colours: dark text stays readable on every one of them.
PALETTE = (
    "#7aecec", "#bfeeb7", "#feca74", "#ff9561", "#aa9cfc", "#c887fb", "#9cc9cc", "#ffeb80",
    "#ff8197", "#f0d0ff", "#bfe1d9", "#e4e7d2", "#fdd8a5", "#b5d8ff", "#d9e8a0", "#f7b7d2",
)
GOLD_COLOR = "#a7e3b5"
PRED_COLOR = "#ffc98b"

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

CSS = """
body { font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  margin: 0 auto; max-width: 1200px; padding: 16px 24px 48px; color: #222; background: #fafafa; }
h1 { font-size: 1.6em; margin: 0.4em 0; } h2 { font-size: 1.25em; margin: 0.2em 0; }
h3 { font-size: 1.05em; margin: 1em 0 0.4em; }
.meta, .small { color: #666; font-size: 0.85em; }
section.doc { background: #fff; border: 1px solid #e3e3e3; border-radius: 8px; padding: 12px 16px;
  margin: 18px 0; }
.x-text { white-space: pre-wrap; line-height: 2.4; font-size: 15px; margin: 4px 0; }
mark.x-seg { color: inherit; padding: 0.2em 0.05em; border-radius: 0.25em;
  -webkit-box-decoration-break: clone; box-decoration-break: clone; }
mark.x-trigger { font-weight: 700; }
.x-label { font-size: 0.62em; font-weight: 700; letter-spacing: 0.02em; text-transform: uppercase;
  padding: 0.15em 0.4em; margin: 0 0.2em 0 0.15em; border-radius: 0.3em; vertical-align: middle;
  border: 1px solid rgba(0,0,0,0.25); white-space: nowrap; line-height: 1; }
.x-label.x-trigger-label { border-width: 2px; }
.chip { display: inline-block; font-size: 0.78em; font-weight: 700; padding: 0.15em 0.5em;
  border-radius: 0.3em; border: 1px solid rgba(0,0,0,0.2); margin-right: 0.3em; }
.badge { display: inline-block; font-size: 0.75em; padding: 0.1em 0.45em; border-radius: 1em;
  background: #eee; color: #333; margin-right: 0.3em; }
.badge.neg { background: #ffd9d9; color: #8a1010; } .badge.mod { background: #fff0c2; }
.badge.ok { background: #d8f5dc; color: #135c1f; } .badge.bad { background: #ffe0cc; color: #7a3300; }
.badge.opt { background: #e6e6ff; }
.event { border-left: 4px solid #ccc; padding: 4px 10px; margin: 8px 0; background: #fcfcfc; }
.event .head { font-size: 0.9em; }
table { border-collapse: collapse; font-size: 0.88em; margin: 6px 0; }
th, td { border-bottom: 1px solid #e6e6e6; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; align-items: start;
  border-top: 1px dashed #ddd; padding-top: 6px; }
.pair > .col-head { font-weight: 700; color: #555; font-size: 0.85em; }
.empty { color: #999; font-style: italic; padding: 8px; }
details > summary { cursor: pointer; color: #345; margin: 6px 0; }
svg text { font-family: inherit; }
svg.timeline { max-width: 100%; height: auto; background: #fff; border: 1px solid #eee; }
"""


def html_page(title: str, body: str, extra_css: str = "") -> str:
    """A complete, self-contained page; shared by the viewer and the evaluation report."""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{escape(title)}</title>\n<style>{CSS}{extra_css}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def label_color(label: str) -> str:
    """A stable colour per label, the same on every page and run."""
    digest = hashlib.md5(label.encode("utf-8")).digest()
    return PALETTE[digest[0] % len(PALETTE)]


@dataclass(frozen=True)
class Mark:
    """A span to highlight: document offsets, its badge label and how to show it."""

    start: int
    end: int
    label: str
    color: str
    kind: str = "argument"  # trigger, argument, gold or pred
    title: str = ""


def mark_text(text: str, offset: int, marks: Iterable[Mark]) -> str:
    """HTML for `text` (which starts at document offset `offset`) with `marks` highlighted.

    Overlapping and nested marks are fine: the text is cut at every boundary, each piece takes
    the colour of the innermost mark over it and one underline per enclosing mark, and a label
    follows the last piece of each mark.
    """
    stop = offset + len(text)
    marks = [m for m in marks if (m.start < stop and m.end > offset)
             or (m.start == m.end and offset <= m.start <= stop)]
    cuts = sorted({offset, stop} | {min(max(x, offset), stop) for m in marks for x in (m.start, m.end)})
    out: list[str] = []

    def labels_at(pos: int, only_empty: bool) -> None:
        ending = [m for m in marks if m.end == pos and (m.start == m.end) == only_empty]
        for m in sorted(ending, key=lambda m: (-m.start, m.label)):
            out.append(_label(m))

    labels_at(offset, only_empty=True)
    for a, b in itertools.pairwise(cuts):
        piece = escape(text[a - offset : b - offset])
        covering = sorted((m for m in marks if m.start <= a and m.end >= b and m.start < m.end),
                          key=lambda m: (m.end - m.start, m.kind != "trigger"))
        if covering:
            inner = covering[0]
            kinds = sorted({f"x-{m.kind}" for m in covering})
            style = f"background:{inner.color}"
            if len(covering) > 1:
                lines = ", ".join(f"inset 0 -{3 * k}px 0 {shade(m.color)}" for k, m in
                                  enumerate(covering[1:], 1))
                style += f";box-shadow:{lines};padding-bottom:{0.2 + 0.2 * (len(covering) - 1):.1f}em"
            title = "; ".join(m.title or m.label for m in covering)
            out.append(f'<mark class="x-seg {" ".join(kinds)}" style="{style}" '
                       f'title="{escape(title)}">{piece}</mark>')
        else:
            out.append(piece)
        labels_at(b, only_empty=False)
        labels_at(b, only_empty=True)
    return "".join(out)


def shade(color: str, factor: float = 0.72) -> str:
    """A darker version of a #rrggbb colour, so an enclosing span's underline stands out."""
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", color):
        return color
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * factor) for c in (r, g, b)))


def _label(m: Mark) -> str:
    cls = "x-label x-trigger-label" if m.kind == "trigger" else "x-label"
    return (f'<span class="{cls}" style="background:{m.color}" title="{escape(m.title or m.label)}">'
            f"{escape(m.label)}</span>")


def event_marks(event: Event) -> list[Mark]:
    """The trigger (coloured by event type) and the arguments (coloured by role) of an event."""
    t = event.trigger
    marks = [Mark(t.start, t.end, event.type, label_color(event.type), "trigger",
                  f"{event.type} trigger · confidence {event.confidence:.2f}")]
    for a in event.arguments:
        title = f"{a.role} · confidence {a.confidence:.2f}"
        if a.entity is not None:
            title += f" · {a.entity.name} ({a.entity.kind})"
        marks.append(Mark(a.start, a.end, a.role, label_color(a.role), "argument", title))
    return marks


def context_window(doc: Document, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) holding [start, end): what a reader needs to judge a span."""
    sentences = doc.sentences or split_sentences(doc.text)
    first = sentence_index(sentences, start)
    last = sentence_index(sentences, max(start, end - 1))
    lo = sentences[first].start if first is not None else max(0, start - 80)
    hi = sentences[last].end if last is not None else min(len(doc.text), end + 80)
    return min(lo, start), max(hi, end)


def _event_window(doc: Document, event: Event) -> tuple[int, int]:
    spans = [event.trigger, *event.arguments]
    lo = min(s.start for s in spans)
    hi = max(s.end for s in spans)
    if event.sentence is not None and event.sentence < len(doc.sentences):
        s = doc.sentences[event.sentence]
        if s.start <= event.trigger.start <= s.end:
            return min(lo, s.start), max(hi, s.end)
    a, b = context_window(doc, event.trigger.start, event.trigger.end)
    return min(lo, a), max(hi, b)


def _time_text(event: Event) -> str:
    t = event.time
    if t is None:
        return ""
    value = t.value or "unresolved"
    bits = [t.granularity] if t.granularity != "unknown" else []
    if t.mod:
        bits.append(t.mod)
    if t.source:
        bits.append(f"from {t.source}")
    text = f"{value} ({', '.join(bits)})" if bits else value
    if t.text:
        text += f" ← “{t.text}”"
    return text


def _place_text(event: Event) -> str:
    p = event.location
    if p is None:
        return ""
    bits = [b for b in (p.kind, p.region, p.country) if b]
    text = p.name + (f" ({', '.join(bits)})" if bits else "")
    if p.geonames_id is not None:
        text += f" · GeoNames {p.geonames_id}"
    if p.latitude is not None and p.longitude is not None:
        text += f" · {p.latitude:.3f}, {p.longitude:.3f}"
    return text


def event_block(doc: Document, event: Event, *, anchor: str | None = None, gold: bool = False) -> str:
    """One event: its type, confidence, attributes, and its sentence with every span marked."""
    color = label_color(event.type)
    head = [f'<span class="chip" style="background:{color}">{escape(event.type)}</span>']
    if not gold:
        head.append(f'<span class="badge" title="event confidence">conf {event.confidence:.2f}</span>')
    if event.polarity != "positive":
        head.append(f'<span class="badge neg">{escape(event.polarity)}</span>')
    if event.modality != "asserted":
        head.append(f'<span class="badge mod">{escape(event.modality)}</span>')
    if event.optional:
        head.append('<span class="badge opt">optional</span>')
    if event.time is not None:
        head.append(f'<span class="badge" title="normalised time">time {escape(_time_text(event))}</span>')
    if event.location is not None:
        head.append(f'<span class="badge" title="normalised place">place '
                    f'{escape(_place_text(event))}</span>')
    head.append(f'<span class="small">{escape(event.id)}</span>')
    lo, hi = _event_window(doc, event)
    body = mark_text(doc.text[lo:hi], lo, event_marks(event))
    rows = []
    for a in event.arguments:
        entity = ""
        if a.entity is not None:
            e = a.entity
            entity = e.name + f" ({e.kind}{', ' + e.country if e.country else ''})"
        opt = ' <span class="badge opt">optional</span>' if a.optional else ""
        conf = "" if gold else f"{a.confidence:.2f}"
        rows.append(f'<tr><td><span class="chip" style="background:{label_color(a.role)}">'
                    f"{escape(a.role)}</span>{opt}</td><td>{escape(a.text)}</td>"
                    f'<td class="num">{conf}</td><td>{escape(entity)}</td></tr>')
    table = ""
    if rows:
        conf_head = "" if gold else "confidence"
        table = (f'<table class="args"><tr><th>role</th><th>text</th><th class="num">{conf_head}'
                 f"</th><th>entity</th></tr>{''.join(rows)}</table>")
    ident = f' id="{escape(anchor)}"' if anchor else ""
    side = "gold" if gold else "pred"
    return (f'<div class="event {side}"{ident} style="border-left-color:{color}">'
            f'<div class="head">{" ".join(head)}</div>'
            f'<div class="x-text">{body}</div>{table}</div>')


def _full_text(doc: Document) -> str:
    marks = [Mark(e.trigger.start, e.trigger.end, e.type, label_color(e.type), "trigger",
                  f"{e.type} · {e.confidence:.2f}") for e in doc.events]
    return f'<div class="x-text">{mark_text(doc.text, 0, marks)}</div>'


# ---------------------------------------------------------------------------------------------
# Gold beside predicted

def _aligned(gold: Document, pred: Document) -> list[tuple[Event | None, Event | None, str]]:
    """(gold event, predicted event, status) rows, pairing events whose triggers overlap."""
    from eventx.evaluate import match, trigger_items

    g_items, p_items = trigger_items([gold]), trigger_items([pred])
    _, pairs, missed = match(g_items, p_items, classify=False, lenient=True)
    rows: list[tuple[Event | None, Event | None, str]] = []
    for p, g in pairs:
        if g is None:
            rows.append((None, p.payload, "spurious"))
            continue
        ge, pe = g.payload, p.payload
        if ge.optional:
            status = "optional"
        elif ge.type != pe.type:
            status = "wrong type"
        elif (ge.trigger.start, ge.trigger.end) != (pe.trigger.start, pe.trigger.end):
            status = "wrong span"
        else:
            status = "correct"
        rows.append((ge, pe, status))
    rows.extend((g.payload, None, "optional" if g.optional else "missed") for g in missed)
    rows.sort(key=lambda r: min(e.trigger.start for e in r[:2] if e is not None))
    return rows


_STATUS_CLASS = {"correct": "ok", "optional": "opt"}


def _pair_rows(gold: Document, pred: Document, index: int) -> str:
    rows = _aligned(gold, pred)
    if not rows:
        return '<div class="empty">no events in gold or predictions</div>'
    out = ['<div class="pair"><div class="col-head">gold</div><div class="col-head">predicted</div></div>']
    pred_pos = {id(e): i for i, e in enumerate(pred.events)}
    for g, p, status in rows:
        cls = _STATUS_CLASS.get(status, "bad")
        badge = f'<span class="badge {cls}">{escape(status)}</span>'
        left = event_block(gold, g, gold=True) if g is not None else '<div class="empty">—</div>'
        anchor = f"doc-{index}-ev-{pred_pos[id(p)]}" if p is not None else None
        right = event_block(pred, p, anchor=anchor) if p is not None else '<div class="empty">—</div>'
        out.append(f'<div class="pair"><div>{badge}{left}</div><div>{badge}{right}</div></div>')
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Timeline

@dataclass(frozen=True)
class Dated:
    """An event placed in time: [start, end) in days, and whether the date is the event's own."""

    start: dt.date
    end: dt.date
    granularity: str
    source: str  # "event time" or "published"
    type: str
    label: str
    anchor: str | None


def parse_time_value(value: str | None) -> tuple[dt.date, dt.date, str] | None:
    """[start, end) and granularity of an ISO-style time value; None when it is not a date."""
    if not value:
        return None
    try:
        if m := re.match(r"(\d{4})-(\d{2})-(\d{2})", value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return day, day + dt.timedelta(days=1), "day"
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + dt.timedelta(days=7), "week"
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            y, mo = int(m[1]), int(m[2])
            return dt.date(y, mo, 1), dt.date(y + mo // 12, mo % 12 + 1, 1), "month"
        if m := re.fullmatch(r"(\d{4})", value):
            y = int(m[1])
            return dt.date(y, 1, 1), dt.date(y + 1, 1, 1), "year"
    except ValueError:
        return None
    return None


def date_events(docs: list[Document], anchors: dict[int, str] | None = None) -> tuple[list[Dated], int]:
    """Events with a date (their time value, else the document's), and how many have none."""
    anchors = anchors or {}
    out: list[Dated] = []
    undated = 0
    for i, doc in enumerate(docs):
        for j, e in enumerate(doc.events):
            span = parse_time_value(e.time.value if e.time else None)
            source = "event time"
            if span is None and doc.published is not None:
                span = (doc.published, doc.published + dt.timedelta(days=1), "day")
                source = "published"
            if span is None:
                undated += 1
                continue
            label = f"{e.type} “{e.trigger.text}” in {doc.title or doc.id}"
            anchor = f"{anchors[i]}-ev-{j}" if i in anchors else None
            out.append(Dated(span[0], span[1], span[2], source, e.type, label, anchor))
    return out, undated


def _ticks(lo: dt.date, hi: dt.date) -> list[tuple[dt.date, str]]:
    days = max((hi - lo).days, 1)
    for step in (1, 2, 7, 14):
        if days / step <= 10:
            first = lo if step < 7 else lo + dt.timedelta(days=(7 - lo.weekday()) % 7)
            return [(first + dt.timedelta(days=k), (first + dt.timedelta(days=k)).isoformat())
                    for k in range(0, (hi - first).days + 1, step)]
    for months in (1, 2, 3, 6, 12, 24, 60, 120):
        if days / (30.44 * months) <= 10:
            out = []
            y, m = lo.year, lo.month
            while dt.date(y, m, 1) <= hi:
                index = y * 12 + m - 1
                if index % months == 0 and dt.date(y, m, 1) >= lo:
                    label = f"{y}" if months >= 12 else f"{y}-{m:02d}"
                    out.append((dt.date(y, m, 1), label))
                y, m = (y + 1, 1) if m == 12 else (y, m + 1)
            return out
    return [(lo, lo.isoformat()), (hi, hi.isoformat())]


def focus(dated: list[Dated]) -> tuple[dt.date, dt.date]:
    """The date range to draw: all of it, unless a few far-off events (a 1958 crisis recalled in
    a 2023 article) would squeeze the rest into a corner. Far off means beyond three
    interquartile ranges (at least 30 days) from the middle half of the start dates."""
    lo = min(d.start for d in dated)
    hi = max(d.end for d in dated)
    days = sorted(d.start.toordinal() for d in dated)
    n = len(days)
    if n < 8:
        return lo, hi
    q1, q3 = days[n // 4], days[(3 * n) // 4]
    fence = 3 * max(q3 - q1, 30)
    a = min(x for x in days if x >= q1 - fence)
    b = max(x for x in days if x <= q3 + fence)
    if (a, b) == (days[0], days[-1]):
        return lo, hi
    return dt.date.fromordinal(a), max(d.end for d in dated if d.start.toordinal() <= b)


def timeline_svg(dated: list[Dated], width: int = 1100,
                 window: tuple[dt.date, dt.date] | None = None) -> str:
    """Events by date (x) and type (rows): dots for days, bars for weeks, months and years.

    Only events inside `window` (default: all) are drawn.
    """
    if window is not None:
        dated = [d for d in dated if d.end > window[0] and d.start < window[1]]
    if not dated:
        return '<div class="empty">no dated events</div>'
    types = sorted({d.type for d in dated})
    left, right, top, row = 190, 24, 12, 28
    lo = max(min(d.start for d in dated), window[0]) if window else min(d.start for d in dated)
    hi = min(max(d.end for d in dated), window[1]) if window else max(d.end for d in dated)
    span_days = max((hi - lo).days, 1)
    pad = max(span_days * 0.02, 0.5)
    x0 = dt.datetime.combine(lo, dt.time()) - dt.timedelta(days=pad)
    total = (span_days + 2 * pad) * 86400
    plot = width - left - right

    def x(day: dt.date) -> float:
        return left + (dt.datetime.combine(day, dt.time()) - x0).total_seconds() / total * plot

    height = top + row * len(types) + 34
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="{width}" '
           f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
           'aria-label="events by date and type">')
    parts = [svg]
    axis_y = top + row * len(types)
    for day, text in _ticks(lo, hi):
        xx = x(day)
        parts.append(f'<line x1="{xx:.1f}" y1="{top}" x2="{xx:.1f}" y2="{axis_y}" stroke="#e4e4e4"/>'
                     f'<text x="{xx:.1f}" y="{axis_y + 16}" font-size="11" text-anchor="middle" '
                     f'fill="#555">{escape(text)}</text>')
    parts.append(f'<line x1="{left}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}" stroke="#999"/>')
    groups: dict[tuple, list[Dated]] = defaultdict(list)
    for d in dated:
        groups[(d.type, d.start, d.end, d.granularity, d.source)].append(d)
    for r, etype in enumerate(types):
        cy = top + row * r + row / 2
        color = label_color(etype)
        count = sum(1 for d in dated if d.type == etype)
        parts.append(f'<text x="{left - 10}" y="{cy + 4:.1f}" font-size="12" text-anchor="end" '
                     f'fill="#333">{escape(etype)} ({count})</text>'
                     f'<line x1="{left}" y1="{cy:.1f}" x2="{width - right}" y2="{cy:.1f}" '
                     f'stroke="#f0f0f0"/>')
        for (t, start, end, gran, source), items in sorted(groups.items(), key=lambda kv: kv[0][1:3]):
            if t != etype:
                continue
            n = len(items)
            when = start.isoformat() if gran == "day" else f"{start.isoformat()} – {end.isoformat()} ({gran})"
            tip = f"{n} event{'s' if n > 1 else ''} · {when} · date from {source}\n" + "\n".join(
                i.label for i in items[:12]) + ("\n…" if n > 12 else "")
            if gran == "day":
                radius = 4 + min(6.0, 2 * math.sqrt(n - 1))
                fill = "#fff" if source == "published" else color
                shape = (f'<circle cx="{x(start) + (x(end) - x(start)) / 2:.1f}" cy="{cy:.1f}" '
                         f'r="{radius:.1f}" fill="{fill}" stroke="#333" stroke-width="1" '
                         f'class="tl-point"/>')
            else:
                x1, x2 = max(x(start), left), min(x(end), width - right)
                shape = (f'<rect x="{x1:.1f}" y="{cy - 6:.1f}" width="{max(x2 - x1, 2):.1f}" '
                         f'height="12" rx="3" fill="{color}" fill-opacity="0.55" stroke="#333" '
                         f'stroke-width="1" class="tl-range"/>')
            body = f"<title>{escape(tip)}</title>{shape}"
            anchor = next((i.anchor for i in items if i.anchor), None)
            parts.append(f'<a href="#{escape(anchor)}">{body}</a>' if anchor else f"<g>{body}</g>")
    parts.append("</svg>")
    return "".join(parts)


def timeline(docs: list[Document], anchors: dict[int, str] | None = None) -> str:
    """The SVG timeline, its legend, and the same data as a table for reading and copying."""
    dated, undated = date_events(docs, anchors)
    legend = ('<div class="small">● filled: the event\'s own time value · ○ hollow: no event time, '
              "the document's publication date · ▬ bar: a week, month or year")
    if undated:
        legend += f" · {undated} event{'s' if undated != 1 else ''} without any date not shown"
    window = focus(dated) if dated else None
    if window is not None:
        outside = sum(1 for d in dated if d.end <= window[0] or d.start >= window[1])
        if outside:
            legend += (f" · {outside} far earlier or later event{'s' if outside != 1 else ''} "
                       "left out of the drawing (see the table)")
    legend += "</div>"
    counts = Counter((d.start, d.end, d.granularity, d.source, d.type) for d in dated)
    rows = []
    for (start, end, gran, source, etype), n in sorted(counts.items()):
        when = start.isoformat() if gran == "day" else f"{start.isoformat()} – {end.isoformat()}"
        rows.append(f"<tr><td>{escape(when)}</td><td>{escape(gran)}</td><td>{escape(source)}</td>"
                    f'<td><span class="chip" style="background:{label_color(etype)}">'
                    f'{escape(etype)}</span></td><td class="num">{n}</td></tr>')
    table = ""
    if rows:
        table = ('<details><summary>Timeline as a table</summary><table><tr><th>date</th>'
                 '<th>granularity</th><th>date from</th><th>type</th><th class="num">events</th>'
                 f"</tr>{''.join(rows)}</table></details>")
    return f'<div class="timeline-wrap">{timeline_svg(dated, window=window)}{legend}{table}</div>'


# ---------------------------------------------------------------------------------------------
# Pages

def _doc_header(doc: Document, extra: str = "") -> str:
    bits = [f"id {escape(doc.id)}"]
    if doc.published:
        bits.append(f"published {doc.published.isoformat()}")
    if doc.url:
        url = escape(doc.url)
        bits.append(f'<a href="{url}">{url}</a>' if doc.url.startswith(("http://", "https://"))
                    else url)
    if extra:
        bits.append(extra)
    return (f'<h2>{escape(doc.title or doc.id)}</h2><div class="meta">{" · ".join(bits)}</div>')


def render_page(docs: list[Document], gold: list[Document] | None = None, *,
                title: str = "eventx viewer", limit: int | None = None) -> str:
    """The viewer page: a summary, a timeline of all events, then documents event by event."""
    gold_by_id = {d.id: d for d in gold} if gold is not None else None
    shown = docs if limit is None else docs[:limit]
    anchors = {i: f"doc-{i}" for i in range(len(shown))}
    types = Counter(e.type for d in docs for e in d.events)
    chips = "".join(f'<span class="chip" style="background:{label_color(t)}">{escape(t)} {n}</span>'
                    for t, n in sorted(types.items()))
    n_events = sum(types.values())
    parts = [f"<h1>{escape(title)}</h1>",
             f'<div class="meta">{len(docs)} document{"s" if len(docs) != 1 else ""} · '
             f'{n_events} event{"s" if n_events != 1 else ""}'
             + (f" · gold beside predicted ({sum(d.id in gold_by_id for d in docs)} documents "
                "with gold)" if gold_by_id is not None else "")
             + (f" · showing the first {len(shown)} documents in detail" if len(shown) < len(docs)
                else "") + "</div>",
             f"<div>{chips}</div>", "<h3>Timeline</h3>", timeline(docs, anchors)]
    if shown:
        links = " · ".join(f'<a href="#doc-{i}">{escape(d.title or d.id)}</a>'
                           for i, d in enumerate(shown[:200]))
        parts.append(f"<details><summary>Documents</summary><div class='small'>{links}</div></details>")
    for i, doc in enumerate(shown):
        g = gold_by_id.get(doc.id) if gold_by_id is not None else None
        extra = f"{len(doc.events)} events" + (f", gold {len(g.events)}" if g is not None else "")
        parts.append(f'<section class="doc" id="doc-{i}">{_doc_header(doc, extra)}')
        parts.append(f"<details><summary>Full text with triggers</summary>{_full_text(doc)}</details>")
        if g is not None:
            parts.append(_pair_rows(g, doc, i))
        elif not doc.events:
            parts.append('<div class="empty">no events</div>')
        else:
            parts.extend(event_block(doc, e, anchor=f"doc-{i}-ev-{j}")
                         for j, e in enumerate(doc.events))
        parts.append("</section>")
    return html_page(title, "\n".join(parts))


def render_file(input_path: str | Path, output: str | Path, *, gold: str | Path | None = None,
                title: str | None = None, limit: int | None = None) -> dict[str, Any]:
    """Read Document files, write the viewer page, and say what it holds."""
    from eventx.evaluate import load_documents

    docs = load_documents(input_path, "input")
    gold_docs = load_documents(gold, "gold") if gold is not None else None
    page = render_page(docs, gold_docs, title=title or f"eventx · {Path(input_path).name}",
                       limit=limit)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(page, encoding="utf-8")
    return {"output": str(output), "documents": len(docs),
            "shown": len(docs) if limit is None else min(limit, len(docs)),
            "events": sum(len(d.events) for d in docs),
            "gold_documents": len(gold_docs) if gold_docs is not None else None}
