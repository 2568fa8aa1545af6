"""A lexicon baseline: triggers from the ontology's word lists, arguments from surface patterns.

It needs no weights, so it is what `eventx.load("baseline")` gives, and it is the floor a trained
model must beat in `eventx evaluate`. It is deliberately simple and says so in its name.
"""

from __future__ import annotations

import re

from eventx.ontology import Ontology
from eventx.records import Argument, Document, Event, Span

_NEGATION = re.compile(r"\b(not|no|never|n't|denied|without|neither|nor)\b", re.IGNORECASE)
_HEDGE = re.compile(r"\b(likely|reportedly|allegedly|apparently|believed|probably|possibly|"
                    r"unconfirmed|unverified|suspected|may have|might have)\b", re.IGNORECASE)
_HYPOTHETICAL = re.compile(r"\b(would|will|could|may|might|plans? to|planned|threat\w* to|if|"
                           r"intends? to|wants? to|want)\b", re.IGNORECASE)
_TIME = re.compile(
    r"\b(?:(?:on|last|this|next)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?:in\s+)?(?:early|mid|late)[- ](?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\b"
    r"|\b(?:on\s+)?(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)(?:\s+\d{1,2})?(?:,\s+\d{4})?\b"
    r"|\b(?:yesterday|today|overnight|last (?:week|month|year)|this (?:week|month|night|morning)|"
    r"earlier this (?:week|month|year)|\w+ days ago|in \d{4})\b")
_NAME = r"(?:[Tt]he\s+)?(?:[A-Z][\w'\u2019.-]*\s+(?:of\s+(?:the\s+)?)?)*[A-Z][\w'\u2019.-]*"
_PLACE = re.compile(r"\b(?:in|into|over|near|at|to|from|along)\s+(" + _NAME + r")")
_ACTOR_BEFORE = re.compile("(" + _NAME + r")(?:'s?)?[^.;:]{0,40}$")
_ACCORDING = re.compile(r"^\s+to\s+(" + _NAME + ")")

_PLACE_ROLE = "location"
_ACTOR_ROLES = ("speaker", "agent", "participant", "victim")


class LexiconBaseline:
    name = "baseline-lexicon"

    def __init__(self, ontology: Ontology) -> None:
        self.ontology = ontology
        self._triggers: list[tuple[re.Pattern[str], str, float]] = []
        owners: dict[str, list[str]] = {}
        for t in ontology.types.values():
            for word in t.triggers:
                owners.setdefault(word.lower(), []).append(t.name)
        for word, types in owners.items():
            pattern = re.compile(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", re.IGNORECASE)
            self._triggers.append((pattern, types[0], 0.6 / len(types)))

    def extract(self, doc: Document) -> list[Event]:
        events: list[Event] = []
        for si, sent in enumerate(doc.sentences):
            taken: set[int] = set()
            for pattern, etype, base in self._triggers:
                for m in pattern.finditer(doc.text, sent.start, sent.end):
                    if m.start() in taken:
                        continue
                    taken.add(m.start())
                    events.append(self._event(doc, si, etype, m, base, len(events)))
        events.sort(key=lambda e: e.trigger.start)
        for i, e in enumerate(events):
            e.id = f"e{i + 1}"
        return events

    def _event(self, doc: Document, si: int, etype: str, m: re.Match[str], base: float, n: int) -> Event:
        sent = doc.sentences[si]
        text = doc.text
        roles = self.ontology.types[etype].roles
        before = text[max(sent.start, m.start() - 60) : m.start()]
        args: list[Argument] = []

        def add(role: str, start: int, end: int, conf: float) -> None:
            if role in roles and not (start < m.end() and m.start() < end):
                args.append(Argument(role=role, text=text[start:end], start=start, end=end,
                                     confidence=conf))

        actor_role = next((r for r in _ACTOR_ROLES if r in roles), None)
        if actor_role:
            after = _ACCORDING.match(text, m.end(), sent.end) if m.group().lower() == "according" else None
            if after:
                add(actor_role, after.start(1), after.end(1), 0.4)
            else:
                found = _ACTOR_BEFORE.search(text, sent.start, m.start())
                if found and found.group(1).split()[0] not in ("In", "On", "The") or (
                    found and len(found.group(1).split()) > 1
                ):
                    add(actor_role, found.start(1), found.end(1), 0.3)
        for t in _TIME.finditer(text, sent.start, sent.end):
            add("time", t.start(), t.end(), 0.5)
            break
        for p in _PLACE.finditer(text, m.end(), sent.end):
            add(_PLACE_ROLE, p.start(1), p.end(1), 0.3)
            break
        polarity = "negative" if _NEGATION.search(before[-40:]) else "positive"
        modality = ("hedged" if _HEDGE.search(before) else
                    "hypothetical" if _HYPOTHETICAL.search(before[-30:]) else "asserted")
        confidence = round(min(0.95, base + 0.05 * len(args)), 3)
        return Event(
            id=f"e{n + 1}", type=etype, trigger=Span(text=m.group(), start=m.start(), end=m.end()),
            arguments=args, polarity=polarity, modality=modality, confidence=confidence,
            sentence=si,
        )
