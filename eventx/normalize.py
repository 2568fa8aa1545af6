"""Normalisation after extraction: dates, places and actors of a document's events.

    norm = Normalizer()              # loads nothing yet
    norm(doc)                        # fills Event.time, Event.location, Argument.entity

- `Event.time` comes from the event's time argument (source "argument"); else from a time
  expression near the trigger in its sentence (source "sentence"); else from a dated STATEMENT of
  the same sentence that reports it, whose "said Monday" dates what is said too (source
  "reporting_clause"), unless the reported event is hypothetical ("will send"). A STATEMENT's own
  "said Monday" is its time even when the extractor did not mark it as an argument; a statement
  never takes the time of what it reports. A duration argument ("for three hours") dates nothing:
  the value stays empty and the note says why.
- An event with no time expression of its own, in its sentence or its reporting clause, takes
  the publication date (source "publication", lower confidence: the dateline convention), unless
  it is hypothetical or negated, speaks of the future, or its sentence says it is older ("earlier
  this year", "in recent years"). `Normalizer(dateline=False)` turns this off.
- Quoted "today", "yesterday", "this morning" count from the date of the statement that quotes
  them when the text gives it; "a day after X" counts from X when the text dates X, and X itself
  is then a day before the event that is dated.
- `Event.location` comes from the location argument, else facility, target or origin.
- `Argument.entity` is filled for actor-like roles (agent, speaker, participant, recipient,
  addressee, victim, target) with a canonical actor, and for place roles with kind "place".

A step that cannot run (a missing package, a bug) raises `NormalizationError` naming the document:
a broken install must never look like "nothing found". A mention that cannot be resolved leaves its
field empty and says why (`TimeValue.note`, `Argument.note`).

A `Pipeline` holds one `Normalizer`; the gazetteer and actor dictionary load once, on first use,
and belong to it (no module-level caches). User data: `actor_files` / `place_files`, or the
EVENTX_ACTORS / EVENTX_PLACES environment variables (paths separated by os.pathsep).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from eventx.actors import ACTOR_ROLES, ActorDictionary, ActorResolver
from eventx.errors import EventxError, NormalizationError
from eventx.places import Gazetteer, PlaceResolver
from eventx.records import Argument, Document, Entity, Event, Place, Span, TimeValue
from eventx.text import sentence_index
from eventx.timex import count_of, find_times, is_future, normalize

PLACE_ROLES = ("location", "facility", "origin", "target")
_LOCATION_ORDER = ("location", "facility", "target", "origin")
_NEAR_TRIGGER = 100  # characters: how far from its trigger a sentence's time expression may date an event
# How sure an event's date is, by where it comes from (priors, see docs/normalization.md)
TIME_CONFIDENCE = {"argument": 0.9, "sentence": 0.8, "reporting_clause": 0.8, "publication": 0.5}
# Words that say an event is older than the report or not tied to a day: no dateline for it
_OLDER = re.compile(r"(?i)\b(?:earlier this (?:year|month)|last (?:year|month)|in recent (?:days|weeks|months|years)|"
                    r"previously|formerly|in the past|ago|used to|have long|has long|had long|for years|"
                    r"for decades|for months|since (?:then|\d{4})|once again|historically|over the years|"
                    r"at the time|in \d{4}|\d{4}s)\b")
_DEICTIC = re.compile(r"(?i)^(?:today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening)|last night)\b")
_SPEECH = re.compile(r"(?i)\b(?:said|says|told|tells|stated|wrote|writes|declared|announced|added|tweeted|posted|"
                     r"statement|remarks|address(?:ed)?)\b")
_ANCHOR_PHRASE = re.compile(r"(?i)\b(a|an|one|two|three|four|five|six|seven|\d+) (day|week)s? (after|before)\s+(?=\w)")


class Normalizer:
    """Fills time, location and entities of events. One per pipeline; loads lazily."""

    def __init__(self, *, min_city_population: int = 5000, actor_files: Sequence[str | Path] = (),
                 place_files: Sequence[str | Path] = (), dateparser: bool = True, times: bool = True,
                 places: bool = True, actors: bool = True, dateline: bool = True) -> None:
        self.gazetteer = Gazetteer(min_city_population=min_city_population, extra_files=tuple(place_files))
        self.dictionary = ActorDictionary(extra_files=tuple(actor_files))
        self.places = PlaceResolver(self.gazetteer)
        self.actors = ActorResolver(self.dictionary, self.gazetteer)
        self.dateparser = dateparser
        self.dateline = dateline
        self.do_times, self.do_places, self.do_actors = times, places, actors

    def __call__(self, doc: Document) -> Document:
        self.normalize(doc)
        return doc

    def normalize(self, doc: Document) -> None:
        if not doc.events:
            return
        steps = [(self.do_times, self.date_events), (self.do_actors, self.identify_actors),
                 (self.do_places, self.locate_events)]
        for enabled, step in steps:
            if not enabled:
                continue
            try:
                step(doc)
            except EventxError as e:
                raise NormalizationError(f"document {doc.id}: {e}") from e
            except Exception as e:  # a bug or a broken install: fail loudly, naming the document
                raise NormalizationError(f"document {doc.id}: {step.__name__} failed: "
                                         f"{type(e).__name__}: {e}") from e

    # ---- time ----
    def date_events(self, doc: Document) -> None:
        """Event.time from the time argument, a time expression near the trigger, or the dated
        reporting clause, in that order."""
        consumed: set[tuple[int, int]] = set()
        found: dict[int, list[tuple[int, int]]] = {}

        def times_of(event: Event) -> list[tuple[int, int]]:
            """The time expressions of the event's sentence, looked for once per sentence."""
            if event.sentence not in found:
                s = doc.sentences[event.sentence]  # type: ignore[index]
                found[event.sentence] = find_times(doc.text, s.start, s.end)  # type: ignore[index]
            return found[event.sentence]  # type: ignore[index]

        for event in doc.events:
            event.time = None
            for arg in event.args("time"):
                value = self._time(doc, arg.start, arg.end, event)
                if value is None:
                    continue
                if value.value and value.value.startswith("P"):  # "for three hours" dates nothing
                    value = value.model_copy(update={"value": None, "note": f"duration {value.value}, not a date"})
                consumed.add((arg.start, arg.end))
                if event.time is None or (event.time.value is None and value.value is not None):
                    event.time = value.model_copy(update={"source": "argument"})
                if event.time.value is not None:
                    break
        # a STATEMENT's own "said Monday", "Monday said", "said on Monday"
        for event in doc.events:
            if event.type != "STATEMENT" or event.time is not None or event.sentence is None:
                continue
            adjacent = self._adjacent_time(doc, event, times_of(event))
            if adjacent is not None:
                span, value = adjacent
                consumed.add(span)
                event.time = value.model_copy(update={"source": "reporting_clause"})
        for event in doc.events:
            if event.time is not None or event.sentence is None or event.type == "STATEMENT":
                continue  # a statement is dated by its own clause only, never by what it reports
            value = self._sentence_time(doc, event, consumed, times_of(event))
            if value is not None:
                event.time = value.model_copy(update={"source": "sentence"})
                continue
            if event.modality == "hypothetical":
                continue  # "will send ..., Duda said this morning": the sending is not this morning
            event.time = self._frame(doc, event)
        self._date_anchored_events(doc)
        for event in doc.events:
            if event.time is None and self.dateline:
                event.time = self._dateline(doc, event, times_of)
            if event.time is not None and event.time.value is not None:
                event.time.confidence = TIME_CONFIDENCE[event.time.source]

    def _dateline(self, doc: Document, event: Event,
                  times_of: Callable[[Event], list[tuple[int, int]]]) -> TimeValue | None:
        """The publication day, for an event the text gives no time of its own: a same-day report
        ("the military downed the balloon") happened on the day of publication or just before."""
        if (doc.published is None or event.sentence is None or event.modality == "hypothetical"
                or event.polarity == "negative"):
            return None
        s = doc.sentences[event.sentence]
        sentence = doc.text[s.start:s.end]
        at = event.trigger.start - s.start
        if event.type == "STATEMENT":  # what is said may be older; only the reporting clause counts
            lo, hi = max(0, at - 40), min(len(sentence), at + len(event.trigger.text) + 40)
            if _OLDER.search(sentence[lo:hi]):
                return None
        elif times_of(event) or _OLDER.search(sentence) or is_future(sentence, at, at + len(event.trigger.text)):
            return None
        return TimeValue(value=doc.published.isoformat(), granularity="day", text=None, source="publication",
                         note="no time expression of its own: the publication date (dateline convention)")

    def _date_anchored_events(self, doc: Document) -> None:
        """In "E happened on Sunday, a day after X", X is a day before E."""
        for i, s in enumerate(doc.sentences):
            sentence = doc.text[s.start:s.end]
            for m in _ANCHOR_PHRASE.finditer(sentence):
                n = count_of(m[1].lower())
                days = n * (7 if m[2].lower() == "week" else 1) * (1 if m[3].lower() == "after" else -1)
                stop = re.search(r"[.;!?]|,\s", sentence[m.end():])
                lo, hi = s.start + m.end(), s.start + m.end() + (stop.start() if stop else len(sentence) - m.end())
                inside = [e for e in doc.events if e.sentence == i and lo <= e.trigger.start < hi]
                dated = [e for e in doc.events if e.sentence == i and not lo <= e.trigger.start < hi
                         and e.time is not None and e.time.value and e.time.granularity == "day"
                         and e.time.text is not None and not _ANCHOR_PHRASE.match(e.time.text + " x")]
                if not inside or not dated:
                    continue
                anchor = min(dated, key=lambda e: abs(e.trigger.start - lo))
                day = dt.date.fromisoformat(anchor.time.value) - dt.timedelta(days=days)  # type: ignore[arg-type, union-attr]
                for event in inside:
                    own = event.time is not None and event.time.source == "argument" and any(
                        lo <= a.start < hi for a in event.args("time"))
                    if not own:
                        event.time = TimeValue(value=day.isoformat(), granularity="day", text=m.group().strip(),
                                               source="sentence", note=f"{m.group().strip()} {anchor.trigger.text!r}")

    @staticmethod
    def _frame(doc: Document, event: Event) -> TimeValue | None:
        """The time of the dated STATEMENT of the event's sentence nearest to its trigger."""
        frames = [e for e in doc.events if e.type == "STATEMENT" and e is not event
                  and e.sentence == event.sentence and e.time is not None and e.time.value
                  and e.time.mod != "AFTER"]
        if not frames:
            return None
        frame = min(frames, key=lambda e: abs(e.trigger.start - event.trigger.start))
        return frame.time.model_copy(update={"source": "reporting_clause"})  # type: ignore[union-attr]

    def _context(self, doc: Document, event: Event, start: int) -> tuple[str, int]:
        """The text that anchors an expression: its sentence and the one before."""
        idx = event.sentence
        if idx is None or idx >= len(doc.sentences) or not (doc.sentences[idx].start <= start < doc.sentences[idx].end):
            idx = sentence_index(doc.sentences, start)
        if idx is None:
            lo = max(0, start - 200)
            return doc.text[lo:start + 200], lo
        lo = doc.sentences[idx - 1].start if idx > 0 else doc.sentences[idx].start
        return doc.text[lo:doc.sentences[idx].end], lo

    def time_of(self, doc: Document, start: int, end: int) -> TimeValue | None:
        """The value of the time expression doc.text[start:end], read in its document (its
        sentence and the one before, the statement that quotes it)."""
        probe = Event(id="probe", type="", trigger=Span(text=doc.text[start:end], start=start, end=end),
                      sentence=sentence_index(doc.sentences, start))
        return self._time(doc, start, end, probe)

    def _time(self, doc: Document, start: int, end: int, event: Event) -> TimeValue | None:
        context, lo = self._context(doc, event, start)
        before = re.search(r"(?i)\b(since|until|till|before|after|by|around|about)\s+$", doc.text[max(lo, start - 12):start])
        if before:  # "since [April 4]": the preposition outside the argument still bounds it
            start -= len(before.group(0))
        value = normalize(doc.text[start:end], self._reference(doc, start, end), context=context, at=start - lo,
                          fallback=self.dateparser)
        return value

    def _reference(self, doc: Document, start: int, end: int) -> dt.date | None:
        """The day "today" means: the publication date, or, for a quoted "today"/"yesterday", the
        date of the statement that quotes it when its reporting clause gives one."""
        if not _DEICTIC.match(doc.text[start:end].strip()):
            return doc.published
        idx = sentence_index(doc.sentences, start)
        if idx is None:
            return doc.published
        s = doc.sentences[idx]
        sentence, at = doc.text[s.start:s.end], start - s.start
        quotes = [m.start() for m in re.finditer(r"[\"\u201c\u201d]", sentence)]
        before = [q for q in quotes if q < at]
        if len(before) % 2 == 0:
            return doc.published  # not inside a quotation
        opening, closing = before[-1], next((q for q in quotes if q > at), len(sentence))
        for ts, te in find_times(sentence):
            if opening <= ts < closing or _DEICTIC.match(sentence[ts:te]):
                continue
            near = sentence[max(0, ts - 30):te + 30]
            if not _SPEECH.search(near):
                continue
            value = normalize(sentence[ts:te], doc.published, context=sentence, at=ts, fallback=False)
            if value is not None and value.value and value.granularity == "day":
                return dt.date.fromisoformat(value.value)
        return doc.published

    def _adjacent_time(self, doc: Document, event: Event,
                       times: list[tuple[int, int]]) -> tuple[tuple[int, int], TimeValue] | None:
        for ts, te in times:
            gap = doc.text[event.trigger.end:ts] if ts >= event.trigger.end else doc.text[te:event.trigger.start]
            if len(gap) <= 4 and re.fullmatch(r"[\s,]*", gap):
                value = self._time(doc, ts, te, event)
                if value is not None and value.value and not value.value.startswith("P"):
                    return (ts, te), value
        return None

    def _sentence_time(self, doc: Document, event: Event, consumed: set[tuple[int, int]],
                       times: list[tuple[int, int]]) -> TimeValue | None:
        best: tuple[int, TimeValue] | None = None
        for ts, te in times:
            if any(cs < te and ts < ce for cs, ce in consumed):
                continue
            lo, hi = sorted((te, event.trigger.start) if te <= event.trigger.start else (event.trigger.end, ts))
            between = doc.text[lo:hi]
            if len(between) > _NEAR_TRIGGER or re.search(r"[.!?]\s+[A-Z\"]|;", between):
                continue
            if re.match(r"(?i)in\s+\S+\s+(?:days|weeks|months|years)", doc.text[ts:te]):
                continue  # "the first talks in three months": not a date of the event
            value = self._time(doc, ts, te, event)
            if value is None or not value.value or value.value.startswith("P") or value.mod == "AFTER":
                continue
            distance = len(between)
            if best is None or distance < best[0]:
                best = (distance, value)
        return best[1] if best else None

    # ---- places ----
    def locate_events(self, doc: Document) -> None:
        """Event.location from the event's place arguments, and Argument.entity for them."""
        args = [a for e in doc.events for a in e.arguments if a.role in PLACE_ROLES]
        spans = sorted({(a.start, a.end) for a in args})
        owners = {}  # "its territory" belongs to the event's agent, when we know its country
        for event in doc.events:
            agent = next((a.entity for a in event.args("agent") if a.entity and a.entity.country
                          and a.entity.kind in ("state", "government", "military", "person")), None)
            if agent is None:
                continue
            cc = next((a2 for a2, a3 in self.gazetteer.alpha3.items() if a3 == agent.country), None)
            for arg in event.arguments:
                if arg.role in PLACE_ROLES and cc and re.match(r"(?i)(?:its|their|his|her)\s", arg.text):
                    owners[(arg.start, arg.end)] = cc
        resolved = dict(zip(spans, self.places.resolve_document(doc.text, spans, doc.sentences, owners)))
        for span, place in list(resolved.items()):
            if place is not None and place.geonames_id is None and self._is_actor_name(doc.text[span[0]:span[1]]):
                resolved[span] = None  # "the Hajun Project", "Lukashenko's": actors, not places
        for event in doc.events:
            event.location = None
            for role in _LOCATION_ORDER:
                places = [place for arg in event.args(role) if (place := resolved.get((arg.start, arg.end)))
                          and not (role == "target" and place.geonames_id is None and place.kind is None)]
                if places:  # the surest of them: "the airfield" in Gomel over a base placed by "Russian"
                    event.location = max(places, key=lambda p: p.confidence)
                    break
            for arg in event.arguments:
                place = resolved.get((arg.start, arg.end))
                if arg.role in PLACE_ROLES and arg.role != "target":
                    if place is not None:
                        arg.entity = self._place_entity(place)
                    elif arg.entity is None:
                        arg.note = f"no place found for {arg.text!r} in the gazetteer or its context"

    def _is_actor_name(self, text: str) -> bool:
        t = re.sub(r"^(?:the|a|an)\s+", "", text.strip().strip(".,;:"), flags=re.IGNORECASE)
        t = re.sub(r"(?:'s|'|\u2019s)$", "", t)
        entry = self.dictionary.find(t)
        if entry is not None and entry.kind != "state":
            return True
        return bool(re.fullmatch(r"[A-Z][\w-]+", t)) and self.dictionary.by_surname(t) is not None

    def _place_entity(self, place: Place) -> Entity:
        country = self.gazetteer.to_alpha3(place.country)
        ident = f"place:gn:{place.geonames_id}" if place.geonames_id else \
            "place:" + re.sub(r"[^a-z0-9]+", "-", f"{place.country or ''} {place.name}".lower()).strip("-")
        return Entity(name=place.name, kind="place", country=country, id=ident)

    # ---- actors ----
    def identify_actors(self, doc: Document) -> None:
        """Argument.entity for actor-like roles, one id per actor in the document."""
        args: list[Argument] = [a for e in doc.events for a in e.arguments if a.role in ACTOR_ROLES]
        spans = sorted({(a.start, a.end, a.role) for a in args})
        by_span = dict(zip(spans, self.actors.resolve_document(doc.text, spans, doc.sentences)))
        places = {}
        targets = sorted({(a.start, a.end) for a in args if a.role == "target"})
        if targets:
            places = dict(zip(targets, self.places.resolve_document(doc.text, targets, doc.sentences)))
        for arg in args:
            entity = by_span.get((arg.start, arg.end, arg.role))
            if arg.role == "target" and (entity is None or entity.kind == "unknown"):
                place = places.get((arg.start, arg.end))
                if place is not None and (place.geonames_id is not None or place.kind):
                    entity = self._place_entity(place)
            arg.entity = entity
            arg.note = None if entity is not None else f"no actor or place found for {arg.text!r}"
