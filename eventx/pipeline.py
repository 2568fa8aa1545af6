"""The pipeline users call: text in, `Document` with events out.

    nlp = eventx.load()
    doc = nlp("Two jets entered Estonian airspace on Monday.", published="2023-03-14")
    for doc in nlp.pipe(texts, batch_size=32): ...

A pipeline is sentence splitting, then an extractor (a trained model or the lexicon baseline)
that fills `Document.events`. It holds no global state: load two, use both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, Protocol

from eventx.ontology import Ontology
from eventx.readers import make_document
from eventx.records import Document, Event
from eventx.text import split_sentences
from eventx.timex import normalize


class Extractor(Protocol):
    name: str

    def extract(self, doc: Document) -> list[Event]: ...


class Pipeline:
    def __init__(self, extractor: Extractor, ontology: Ontology, *, source: str = "") -> None:
        self.extractor = extractor
        self.ontology = ontology
        self.source = source

    @property
    def name(self) -> str:
        return self.extractor.name

    def __call__(
        self, text: str | Document, *, published: str | dt.date | None = None, id: str | None = None,
        title: str | None = None, url: str | None = None,
    ) -> Document:
        doc = text if isinstance(text, Document) else make_document(
            text, id=id, title=title, published=published, url=url)
        return next(iter(self.pipe([doc], batch_size=1)))

    def pipe(self, items: Iterable[str | Document | dict[str, Any]], batch_size: int = 32) -> Iterator[Document]:
        """Documents with events, in input order; strings and dicts are turned into Documents."""
        stream = iter(items)
        while batch := list(islice(stream, batch_size)):
            docs = [self._as_document(x) for x in batch]
            for doc in docs:
                if not doc.sentences:
                    doc.sentences = split_sentences(doc.text)
            batch_extract = getattr(self.extractor, "extract_batch", None)
            if batch_extract is not None:
                for doc, events in zip(docs, batch_extract(docs)):
                    doc.events = events
            else:
                for doc in docs:
                    doc.events = self.extractor.extract(doc)
            for doc in docs:
                date_events(doc)
            yield from docs

    @staticmethod
    def _as_document(item: str | Document | dict[str, Any]) -> Document:
        if isinstance(item, Document):
            return item.model_copy(deep=True)
        if isinstance(item, str):
            return make_document(item)
        if isinstance(item, dict):
            return make_document(item.get("text"), id=item.get("id"), title=item.get("title"),
                                 published=item.get("published"), url=item.get("url"))
        raise TypeError(f"cannot make a Document from {type(item).__name__}")

    def info(self) -> dict[str, Any]:
        return {
            "model": self.name,
            "model_source": self.source,
            "ontology": self.ontology.name,
            "ontology_version": self.ontology.version,
            "event_types": len(self.ontology.types),
        }

    def __repr__(self) -> str:
        return f"Pipeline(model={self.name!r}, ontology={self.ontology.name} {self.ontology.version})"


def date_events(doc: Document) -> None:
    """Fill `Event.time` from the event's time argument, else from a dated STATEMENT that
    reports it in the same sentence ("said Monday that ..." dates what is said, too)."""
    for event in doc.events:
        for arg in event.args("time"):
            window = doc.text[max(0, arg.start - 40) : arg.end + 40]
            value = normalize(arg.text, doc.published, context=window)
            if value is not None:
                event.time = value.model_copy(update={"source": "argument"})
                break
    for event in doc.events:
        if event.time is not None or event.type == "STATEMENT":
            continue
        frames = [e for e in doc.events if e.type == "STATEMENT" and e.sentence == event.sentence
                  and e.time is not None and e.time.value]
        if len(frames) == 1:
            event.time = frames[0].time.model_copy(update={"source": "reporting_clause"})
