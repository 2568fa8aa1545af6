"""From Documents to encoder inputs and labels, and back to character offsets.

The unit is a sentence, encoded with the previous sentence as context (second segment), so a
document of any length fits the encoder's window. Sentences longer than the window are cut into
pieces at token boundaries. Every token keeps its character offsets into `Document.text`, which is
what keeps predicted spans exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from eventx.model.encoder import case_class
from eventx.ontology import Ontology
from eventx.records import Document

# Coarse classes of argument candidates, derived from the roles they fill.
ROLE_CLASSES: dict[str, str] = {
    "agent": "ACTOR", "speaker": "ACTOR", "participant": "ACTOR", "recipient": "ACTOR",
    "addressee": "ACTOR", "victim": "PERSON", "target": "TARGET", "location": "PLACE",
    "origin": "PLACE", "time": "TIME", "aircraft": "PLATFORM", "instrument": "PLATFORM",
    "item": "PLATFORM", "forces": "FORCE", "facility": "FACILITY", "medium": "MEDIUM",
}
POLARITIES = ["positive", "negative"]
MODALITIES = ["asserted", "hedged", "hypothetical"]


@dataclass
class Labels:
    """Label inventories, saved with the model so it decodes the same way it was trained."""

    event_types: list[str]
    roles: list[str]  # index 0 is "NONE"
    classes: list[str]
    allowed: dict[str, list[str]]

    @classmethod
    def from_ontology(cls, ontology: Ontology) -> Labels:
        roles = ["NONE", *ontology.all_roles]
        classes = sorted({ROLE_CLASSES.get(r, "OTHER") for r in roles[1:]})
        return cls(list(ontology.types), roles, classes,
                   {t.name: list(t.roles) for t in ontology.types.values()})

    @property
    def trigger_tags(self) -> list[str]:
        return ["O"] + [f"{p}-{t}" for t in self.event_types for p in ("B", "I")]

    @property
    def candidate_tags(self) -> list[str]:
        return ["O"] + [f"{p}-{c}" for c in self.classes for p in ("B", "I")]

    def role_class(self, role: str) -> str:
        return ROLE_CLASSES.get(role, "OTHER")


@dataclass
class Pair:
    trigger: tuple[int, int]  # token span [start, end)
    candidate: tuple[int, int]
    event_type: int
    role: int = 0


@dataclass
class Feature:
    """One encoder input: a sentence (or a piece of one) with its context and labels."""

    doc_index: int
    sentence: int
    input_ids: list[int]
    token_type_ids: list[int]
    case_ids: list[int]
    offsets: list[tuple[int, int]]  # char offsets in Document.text; (0, 0) outside the sentence
    in_sentence: list[bool]
    trigger_tags: list[int] = field(default_factory=list)
    candidate_tags: list[int] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    events: list[tuple[tuple[int, int], int, int]] = field(default_factory=list)  # span, pol, mod

    def __len__(self) -> int:
        return len(self.input_ids)


def _pieces(tokenizer, text: str, start: int, end: int, budget: int) -> list[tuple[int, int]]:
    """Char ranges of at most `budget` tokens that together cover text[start:end]."""
    enc = tokenizer(text[start:end], add_special_tokens=False, return_offsets_mapping=True)
    offs = enc["offset_mapping"]
    if len(offs) <= budget:
        return [(start, end)]
    pieces, i = [], 0
    while i < len(offs):
        j = min(i + budget, len(offs))
        a = start + offs[i][0]
        b = start + offs[j][0] if j < len(offs) else end
        pieces.append((a, b))
        i = j
    return pieces


def featurize(tokenizer, docs: list[Document], labels: Labels, max_length: int = 128,
              with_labels: bool = False, context_tokens: int | None = None) -> list[Feature]:
    """Encoder inputs for every sentence; `context_tokens` caps how much of the previous
    sentence (its end) rides along, trading a little accuracy for speed."""
    features: list[Feature] = []
    for di, doc in enumerate(docs):
        text = doc.text
        for si, sent in enumerate(doc.sentences):
            prev = doc.sentences[si - 1] if si > 0 else None
            context = text[prev.start : prev.end] if prev else ""
            if context and context_tokens is not None:
                context = _tail(tokenizer, context, context_tokens)
            for a, b in _pieces(tokenizer, text, sent.start, sent.end, max_length - 3):
                feat = _encode(tokenizer, text, a, b, context, di, si, max_length)
                if with_labels:
                    _label(feat, doc, si, labels)
                features.append(feat)
    return features


def _tail(tokenizer, text: str, tokens: int) -> str:
    if tokens <= 0:
        return ""
    offsets = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)["offset_mapping"]
    return text if len(offsets) <= tokens else text[offsets[-tokens][0] :]


def _encode(tokenizer, text: str, a: int, b: int, context: str, di: int, si: int,
            max_length: int) -> Feature:
    enc = tokenizer(text[a:b], context or None, truncation="only_second" if context else True,
                    max_length=max_length, return_offsets_mapping=True,
                    return_token_type_ids=True)
    seq_ids = enc.sequence_ids()
    offsets, case_ids, inside = [], [], []
    for (s, e), sid in zip(enc["offset_mapping"], seq_ids):
        if sid == 0 and e > s:
            offsets.append((a + s, a + e))
            case_ids.append(case_class(text, a + s, a + e))
            inside.append(True)
        elif sid == 1 and e > s:
            offsets.append((0, 0))
            case_ids.append(case_class(context, s, e))
            inside.append(False)
        else:
            offsets.append((0, 0))
            case_ids.append(0)
            inside.append(False)
    return Feature(di, si, enc["input_ids"], enc["token_type_ids"], case_ids, offsets, inside)


def token_span(feat: Feature, start: int, end: int) -> tuple[int, int] | None:
    """Token range [i, j) of the sentence tokens overlapping chars [start, end)."""
    idx = [i for i, ((s, e), ok) in enumerate(zip(feat.offsets, feat.in_sentence))
           if ok and s < end and start < e]
    return (idx[0], idx[-1] + 1) if idx else None


def char_span(feat: Feature, span: tuple[int, int]) -> tuple[int, int]:
    return feat.offsets[span[0]][0], feat.offsets[span[1] - 1][1]


def _tag(tags: list[int], span: tuple[int, int], b_index: int) -> bool:
    if any(tags[i] for i in range(*span)):
        return False
    tags[span[0]] = b_index
    for i in range(span[0] + 1, span[1]):
        tags[i] = b_index + 1
    return True


def _label(feat: Feature, doc: Document, si: int, labels: Labels) -> None:
    n = len(feat)
    feat.trigger_tags = [0] * n
    feat.candidate_tags = [0] * n
    type_index = {t: i for i, t in enumerate(labels.event_types)}
    class_index = {c: i for i, c in enumerate(labels.classes)}
    role_index = {r: i for i, r in enumerate(labels.roles)}
    candidates: dict[tuple[int, int], tuple[int, int]] = {}  # char span -> token span
    events = [e for e in doc.events if e.sentence == si and e.type in type_index]
    # longest first: an aircraft span ("two Russian jets") must not lose to the agent nested in it
    arguments = sorted((a for e in events for a in e.arguments), key=lambda a: a.start - a.end)
    for arg in arguments:
        span = token_span(feat, arg.start, arg.end)
        if span is None or (arg.start, arg.end) in candidates:
            continue
        if char_span(feat, span) != (arg.start, arg.end):
            continue  # the argument does not fall on token boundaries
        if _tag(feat.candidate_tags, span, 1 + 2 * class_index[labels.role_class(arg.role)]):
            candidates[(arg.start, arg.end)] = span
    for event in events:
        tspan = token_span(feat, event.trigger.start, event.trigger.end)
        if tspan is None:
            continue
        t = type_index[event.type]
        _tag(feat.trigger_tags, tspan, 1 + 2 * t)
        feat.events.append((tspan, POLARITIES.index(event.polarity),
                            MODALITIES.index(event.modality)))
        roles = {(a.start, a.end): role_index.get(a.role, 0) for a in event.arguments}
        for chars, cspan in candidates.items():
            if cspan[0] < tspan[1] and tspan[0] < cspan[1]:
                continue
            feat.pairs.append(Pair(tspan, cspan, t, roles.get(chars, 0)))


def decode_bio(tags: list[int], in_sentence: list[bool], same_label: bool = True) -> list[tuple[int, int, int]]:
    """(start, end, label) spans from B/I tag indices (1 + 2k is B of label k, 2 + 2k its I).

    With `same_label=False` an I tag of any label continues the open span (the span keeps its
    first label): for candidates, whose boundaries matter more than their coarse class.
    """
    spans: list[tuple[int, int, int]] = []
    current: list[int] | None = None
    for i, (tag, ok) in enumerate(zip(tags, in_sentence)):
        label = (tag - 1) // 2 if tag else -1
        is_inside = tag > 0 and tag % 2 == 0
        if current and ok and is_inside and (label == current[2] or not same_label):
            current[1] = i + 1
            continue
        if current:
            spans.append(tuple(current))
            current = None
        if ok and tag > 0:
            current = [i, i + 1, label]  # an I without a B starts a span too
    if current:
        spans.append(tuple(current))
    return spans
