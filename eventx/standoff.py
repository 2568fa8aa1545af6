"""Stand-off annotations: our labels on text we may not redistribute.

A stand-off record holds a document id, the SHA-1 of the text it was made on, and events as
character offsets and labels, nothing of the text itself. `join` puts records and texts back
together into gold Documents; a text that changed since annotation is refused, never misaligned.

Annotators write spans as text in the *authoring form* (sentence index, trigger words, argument
words); `resolve` turns that into offsets against the document and reports each span it cannot
place, so the stand-off form is made by a program, not by hand.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from eventx.gold import TIME_VALUE
from eventx.ontology import Ontology
from eventx.records import Argument, Document, Event, Span, TimeValue
from eventx.text import sentence_index

POLARITIES = ("positive", "negative")
MODALITIES = ("asserted", "hedged", "hypothetical")


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def whole_words(text: str, needle: str, lo: int = 0, hi: int | None = None) -> list[int]:
    """Starts of `needle` in text[lo:hi] as whole words (not inside a longer word)."""
    hi = len(text) if hi is None else hi
    pattern = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")
    return [m.start() for m in pattern.finditer(text, lo, hi)]


def nth_in_sentence(doc: Document, sentence: int, words: str, nth: int = 0) -> int | None:
    """Start of the `nth` whole-word occurrence of `words` in sentence `sentence` of `doc`, or None."""
    if not words or not 0 <= sentence < len(doc.sentences):
        return None
    s = doc.sentences[sentence]
    hits = whole_words(doc.text, words, s.start, s.end)
    return hits[nth] if len(hits) > nth else None


@dataclass
class Resolution:
    events: list[Event] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def resolve(doc: Document, authored: Iterable[dict[str, Any]], ontology: Ontology) -> Resolution:
    """Place authored events (spans as words) on `doc.text`; every span that cannot be placed is a problem."""
    out = Resolution()
    seen: set[tuple[str, int, int]] = set()
    text = doc.text
    for n, ev in enumerate(authored):
        where = f"{doc.id} event {n} ({ev.get('type')} {ev.get('trigger')!r})"
        problem = ontology.check(str(ev.get("type")))
        sent = ev.get("sentence")
        if problem:
            out.problems.append(f"{where}: {problem}")
            continue
        if not isinstance(sent, int) or not 0 <= sent < len(doc.sentences):
            out.problems.append(f"{where}: sentence {sent!r} is not an index of the {len(doc.sentences)} sentences")
            continue
        s = doc.sentences[sent]
        trig = str(ev.get("trigger") or "")
        t0 = nth_in_sentence(doc, sent, trig, int(ev.get("trigger_nth", 0)))
        if t0 is None:
            out.problems.append(f"{where}: trigger not found as whole words in sentence {sent}")
            continue
        trigger = Span(text=trig, start=t0, end=t0 + len(trig))
        arguments = []
        for arg in ev.get("arguments", []):
            role, atext = (arg[0], arg[1]) if isinstance(arg, list | tuple) else (arg.get("role"), arg.get("text", ""))
            problem = ontology.check(ev["type"], role)
            if problem:
                out.problems.append(f"{where}: {problem}")
                continue
            a0 = _nearest(text, str(atext), trigger, s.start, s.end)
            if a0 is None:
                out.problems.append(f"{where}: argument {role} {atext!r} not found in the text")
                continue
            arguments.append(Argument(role=role, text=atext, start=a0, end=a0 + len(atext)))
        polarity, modality = ev.get("polarity", "positive"), ev.get("modality", "asserted")
        if polarity not in POLARITIES or modality not in MODALITIES:
            out.problems.append(f"{where}: bad polarity {polarity!r} or modality {modality!r}")
            continue
        time = _time(ev, where, out.problems)
        key = (ev["type"], trigger.start, trigger.end)
        if key in seen:
            out.problems.append(f"{where}: duplicate event (same type and trigger span)")
            continue
        seen.add(key)
        out.events.append(Event(id=f"{doc.id}-e{len(out.events) + 1}", type=ev["type"], trigger=trigger,
                                arguments=arguments, time=time, polarity=polarity, modality=modality,
                                sentence=sent, optional=bool(ev.get("optional", False))))
    return out


def _nearest(text: str, needle: str, trigger: Span, lo: int, hi: int) -> int | None:
    """The occurrence of `needle` nearest the trigger, in its sentence first, then anywhere."""
    if not needle:
        return None
    for a, b in ((lo, hi), (0, len(text))):
        spots = [o for o in whole_words(text, needle, a, b) if o + len(needle) <= trigger.start or o >= trigger.end]
        if spots:
            return min(spots, key=lambda o: abs(o - trigger.start))
    return None


def _time(ev: dict[str, Any], where: str, problems: list[str]) -> TimeValue | None:
    value = ev.get("time")
    if not value:
        return None
    value = str(value)
    if not TIME_VALUE.match(value):
        problems.append(f"{where}: time value {value!r} is not YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www")
        return None
    return _gold_time(value, ev.get("time_mod") or None)


def _gold_time(value: str, mod: str | None) -> TimeValue:
    granularity = {4: "year", 7: "month", 10: "day"}.get(len(value), "week")
    return TimeValue(value=value, granularity=granularity, mod=mod, source="gold")


def to_record(doc: Document, events: list[Event], **labels: str) -> dict[str, Any]:
    """The stand-off form of `events` on `doc`: offsets and labels only."""
    rows = []
    for e in events:
        row: dict[str, Any] = {
            "type": e.type, "trigger": [e.trigger.start, e.trigger.end],
            "arguments": [[a.role, a.start, a.end] for a in e.arguments],
            "polarity": e.polarity, "modality": e.modality,
        }
        if e.time and e.time.value:
            row["time"] = e.time.value
            if e.time.mod:
                row["time_mod"] = e.time.mod
        if e.optional:
            row["optional"] = True
        rows.append(row)
    return {"id": doc.id, "sha1": text_hash(doc.text), **labels, "events": rows}


class StandoffError(ValueError):
    pass


def apply(doc: Document, record: dict[str, Any], where: str = "") -> Document:
    """`doc` with the record's events, checked against the text the record was made on."""
    where = where or record.get("id", "?")
    if record.get("sha1") != text_hash(doc.text):
        raise StandoffError(f"{where}: the text of {doc.id} is not the one annotated (SHA-1 differs)")
    events = []
    for n, row in enumerate(record["events"]):
        t0, t1 = row["trigger"]
        time = _gold_time(row["time"], row.get("time_mod")) if row.get("time") else None
        events.append(Event(
            id=f"{doc.id}-e{n + 1}", type=row["type"], trigger=Span(text=doc.text[t0:t1], start=t0, end=t1),
            arguments=[Argument(role=r, text=doc.text[a:b], start=a, end=b) for r, a, b in row["arguments"]],
            time=time, polarity=row.get("polarity", "positive"), modality=row.get("modality", "asserted"),
            sentence=sentence_index(doc.sentences, t0), optional=bool(row.get("optional", False)),
        ))
    meta = dict(doc.meta)
    meta.update({k: str(v) for k, v in record.items() if k in ("annotator", "split", "source")})
    return doc.model_copy(update={"events": events, "meta": meta})


def join(records: Iterable[dict[str, Any]], texts: Iterable[Document]) -> Iterator[Document]:
    """Gold Documents from stand-off records and the documents they annotate, in record order."""
    by_id = {d.id: d for d in texts}
    for record in records:
        doc = by_id.get(record["id"])
        if doc is None:
            raise StandoffError(f"{record['id']}: no such document in the source texts")
        yield apply(doc, record)
