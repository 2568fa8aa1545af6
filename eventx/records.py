"""The event records eventx reads and writes.

These pydantic models are the stable, documented contract of the library: their JSON form is what
`eventx extract` writes, what gold files hold and what `eventx schema` prints. Every span carries
character offsets into `Document.text`, and a `Document` refuses to exist if any of them is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.1"

Polarity = Literal["positive", "negative"]
Modality = Literal["asserted", "hedged", "hypothetical"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(_Record):
    """A stretch of `Document.text`: `text == doc.text[start:end]`."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        return self


class TimeValue(_Record):
    """A TIMEX3-like normalised time: `2022-07-11`, `2022-06`, `2022-W27`, `2014` ...

    A range ("September 9-10") is `value` (its start, the day an event is counted on) and `end`
    (its last day, inclusive), both of the same granularity. `source` says where the value comes
    from: the event's time argument, a time expression of its sentence, the dated statement that
    reports it, or, with no time expression at all, the publication date (the dateline convention,
    with a lower `confidence`)."""

    value: str | None = Field(description="ISO-style value; null when it could not be resolved")
    granularity: Literal["day", "week", "month", "year", "unknown"] = "unknown"
    mod: Literal["EARLY", "MID", "LATE", "BEFORE", "AFTER", "APPROX"] | None = None
    end: str | None = Field(default=None, description="last value of a range, inclusive; null for a point")
    text: str | None = Field(default=None, description="the expression the value comes from")
    source: Literal["argument", "sentence", "reporting_clause", "publication", "gold"] = "argument"
    confidence: float = Field(default=1.0, ge=0.0, le=1.0, description="how sure the date is, by source")
    note: str | None = Field(default=None, description="why a value is ambiguous or unresolved")


class Place(_Record):
    """A place resolved to a gazetteer entry, or to its country and region when the entry is unknown."""

    name: str
    geonames_id: int | None = None
    kind: str | None = Field(default=None, description="country, region, city, airfield, sea, ...")
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 code")
    region: str | None = Field(default=None, description="first-level administrative region")
    latitude: float | None = None
    longitude: float | None = None
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)


class Entity(_Record):
    """The canonical actor or place an argument refers to."""

    name: str
    kind: Literal[
        "person", "state", "government", "military", "organisation", "media", "think_tank",
        "place", "unknown",
    ] = "unknown"
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3 code")
    id: str | None = Field(default=None, description="identifier, stable within the document")


class Argument(Span):
    role: str
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    entity: Entity | None = None
    optional: bool = Field(default=False, description="gold only: neither credited nor penalised")
    note: str | None = Field(default=None, description="why `entity` is empty, when normalisation could not resolve it")


class Event(_Record):
    id: str
    type: str
    trigger: Span
    arguments: list[Argument] = Field(default_factory=list)
    time: TimeValue | None = None
    location: Place | None = None
    polarity: Polarity = "positive"
    modality: Modality = "asserted"
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    sentence: int | None = Field(default=None, ge=0, description="index into Document.sentences")
    optional: bool = Field(default=False, description="gold only: neither credited nor penalised")

    def args(self, role: str) -> list[Argument]:
        return [a for a in self.arguments if a.role == role]


class Sentence(_Record):
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Document(_Record):
    """One article and the events found in it."""

    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    sentences: list[Sentence] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    meta: dict[str, str] = Field(default_factory=dict, description="free-form source metadata")
    schema_version: str = SCHEMA_VERSION

    @model_validator(mode="after")
    def _spans_match_text(self) -> Document:
        for problem in self.span_problems():
            raise ValueError(problem)
        return self

    def spans(self) -> Iterator[tuple[str, Span]]:
        """Every span with a label saying where it sits, for checks and error messages."""
        for event in self.events:
            yield f"event {event.id} trigger", event.trigger
            for i, arg in enumerate(event.arguments):
                yield f"event {event.id} argument {i} ({arg.role})", arg

    def span_problems(self) -> Iterator[str]:
        n = len(self.text)
        for where, span in self.spans():
            if span.end > n:
                yield f"{where}: offsets {span.start}-{span.end} run past the text ({n} chars)"
            elif self.text[span.start : span.end] != span.text:
                found = self.text[span.start : span.end]
                yield f"{where}: text {span.text!r} != doc.text[{span.start}:{span.end}] {found!r}"
        for i, s in enumerate(self.sentences):
            if s.end > n or s.end < s.start:
                yield f"sentence {i}: bad offsets {s.start}-{s.end}"

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.text[s.start : s.end]

    def to_json(self) -> str:
        return self.model_dump_json(exclude_defaults=False)


def json_schema() -> dict:
    """The JSON Schema of a `Document`, the unit every reader and writer exchanges."""
    schema = Document.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://eventx.dev/schema/document-{SCHEMA_VERSION}.json"
    return schema
