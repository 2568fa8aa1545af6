"""The pipeline users call: text in, `Document` with events out.

    nlp = eventx.load()
    doc = nlp("Two jets entered Estonian airspace on Monday.", published="2023-03-14")
    for doc in nlp.pipe(texts, batch_size=32): ...

A pipeline is sentence splitting, then an extractor (a trained model or the lexicon baseline)
that fills `Document.events`, then normalisation (`eventx.normalize.Normalizer`: dates, places,
actors). It holds no global state: load two, use both; each holds its own Normalizer, whose
gazetteer and actor dictionary load on the first document that has events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, Protocol

from eventx.normalize import Normalizer
from eventx.ontology import Ontology
from eventx.readers import make_document
from eventx.records import Document, Event
from eventx.text import split_sentences


class Extractor(Protocol):
    name: str

    def extract(self, doc: Document) -> list[Event]: ...


class Pipeline:
    def __init__(self, extractor: Extractor, ontology: Ontology, *, source: str = "",
                 normalizer: Normalizer | None = None) -> None:
        self.extractor = extractor
        self.ontology = ontology
        self.source = source
        self.normalizer = normalizer if normalizer is not None else Normalizer()

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
                self.normalize(doc)
            yield from docs

    def normalize(self, doc: Document) -> Document:
        """Dates, places and actors of `doc`'s events (see `eventx.normalize`); `normalizer=None`
        on the instance skips it, leaving the extractor's output as it is."""
        if self.normalizer is not None:
            self.normalizer(doc)
        return doc

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
            "precision": getattr(self.extractor, "precision", "fp32"),
            "ontology": self.ontology.name,
            "ontology_version": self.ontology.version,
            "event_types": len(self.ontology.types),
        }

    def __repr__(self) -> str:
        return f"Pipeline(model={self.name!r}, ontology={self.ontology.name} {self.ontology.version})"

