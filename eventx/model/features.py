"""From Documents to encoder inputs and labels, and back to character offsets.

The unit is a sentence (or, packed, a run of consecutive sentences), encoded with the end of the
previous sentence as context (second segment), so a document of any length fits the encoder's
window. Sentences longer than the window are cut into pieces at token boundaries. Every token
keeps its character offsets into `Document.text`, which is what keeps predicted spans exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from eventx import importers
from eventx.model.encoder import case_class
from eventx.ontology import Ontology
from eventx.records import Document, Sentence

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
    """One encoder input: a sentence, a piece of one or a run of them, with context and labels."""

    doc_index: int
    input_ids: list[int]
    token_type_ids: list[int]
    case_ids: list[int]
    offsets: list[tuple[int, int]]  # char offsets in Document.text; (0, 0) outside the sentences
    segment: list[int]  # sentence index of each token; -1 outside (special and context tokens)
    trigger_tags: list[int] = field(default_factory=list)
    candidate_tags: list[int] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    events: list[tuple[tuple[int, int], int, int]] = field(default_factory=list)  # span, pol, mod
    # Partial annotation: trigger tags an unlabelled token may secretly carry (their types are not
    # annotated in full), and whether an unlabelled token may still be an argument candidate.
    trigger_open: list[int] = field(default_factory=list)
    candidate_open: bool = False
    weight: float = 1.0

    def __len__(self) -> int:
        return len(self.input_ids)


def featurize(tokenizer, docs: list[Document], labels: Labels, max_length: int = 128,
              with_labels: bool = False, context_tokens: int | None = None,
              pack: int = 0) -> list[Feature]:
    """Encoder inputs for every sentence.

    `context_tokens` caps how much of the previous sentence (its end) rides along, trading a
    little accuracy for speed. `pack` > 0 puts consecutive sentences into one input while they
    fit in that many tokens: the neighbours are context for each other, and no token is encoded
    twice. Each document is tokenised once; its sentences are token ranges of that encoding.
    """
    cls_id, sep_id = tokenizer.cls_token_id, tokenizer.sep_token_id
    budget = max_length - 3
    features: list[Feature] = []
    for di, doc in enumerate(docs):
        text = doc.text
        encoding = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True,
                             return_attention_mask=False, return_token_type_ids=False, verbose=False)
        ids, offsets = encoding["input_ids"], encoding["offset_mapping"]
        ranges = _sentence_tokens(offsets, doc.sentences)
        units = [(si, lo, min(lo + budget, hi)) for si, (lo0, hi) in enumerate(ranges)
                 for lo in range(lo0, hi, budget)]
        for group in _groups(units, pack):
            si, lo, hi = group[0][0], group[0][1], group[-1][2]
            ctx_lo = ctx_hi = 0
            if si > 0 and (context_tokens is None or context_tokens > 0):
                ctx_lo, ctx_hi = ranges[si - 1]
                if context_tokens is not None:
                    ctx_lo = max(ctx_lo, ctx_hi - context_tokens)
                ctx_hi = min(ctx_hi, ctx_lo + max(0, budget - (hi - lo)))
            segment = [-1] + [u[0] for u in group for _ in range(u[1], u[2])] + [-1]
            token_offsets = [(0, 0)] + [offsets[i] for i in range(lo, hi)] + [(0, 0)]
            input_ids = [cls_id, *ids[lo:hi], sep_id]
            types = [0] * len(input_ids)
            cases = [0] + [case_class(text, *offsets[i]) for i in range(lo, hi)] + [0]
            if ctx_hi > ctx_lo:
                input_ids += [*ids[ctx_lo:ctx_hi], sep_id]
                types += [1] * (ctx_hi - ctx_lo + 1)
                cases += [case_class(text, *offsets[i]) for i in range(ctx_lo, ctx_hi)] + [0]
                segment += [-1] * (ctx_hi - ctx_lo + 1)
                token_offsets += [(0, 0)] * (ctx_hi - ctx_lo + 1)
            feat = Feature(di, input_ids, types, cases, token_offsets, segment)
            if with_labels:
                _label(feat, doc, sorted({u[0] for u in group}), labels)
            features.append(feat)
    return features


def _sentence_tokens(offsets: list[tuple[int, int]], sentences: list[Sentence]) -> list[tuple[int, int]]:
    """[lo, hi) token range of each sentence (tokens are in text order, sentences too)."""
    ranges, i = [], 0
    for sent in sentences:
        while i < len(offsets) and offsets[i][0] < sent.start:
            i += 1
        j = i
        while j < len(offsets) and offsets[j][1] <= sent.end:
            j += 1
        ranges.append((i, j))
        i = j
    return ranges


def _groups(units: list[tuple[int, int, int]], pack: int) -> list[list[tuple[int, int, int]]]:
    """Consecutive units (sentence, lo, hi) together while they fit in `pack` tokens."""
    groups: list[list[tuple[int, int, int]]] = []
    size = 0
    for unit in units:
        n = unit[2] - unit[1]
        if groups and pack and size + n <= pack:
            groups[-1].append(unit)
            size += n
        else:
            groups.append([unit])
            size = n
    return groups


def token_span(feat: Feature, start: int, end: int) -> tuple[int, int] | None:
    """Token range [i, j) of the sentence tokens overlapping chars [start, end)."""
    idx = [i for i, ((s, e), seg) in enumerate(zip(feat.offsets, feat.segment))
           if seg >= 0 and s < end and start < e]
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


def annotated_types(doc: Document, labels: Labels) -> set[str]:
    """The types `doc` annotates in full (`Document.meta`, set by the importers); all by default."""
    listed = importers.annotated_types(doc)
    return set(labels.event_types) if listed is None else listed


def _label(feat: Feature, doc: Document, sentences: list[int], labels: Labels) -> None:
    n = len(feat)
    feat.trigger_tags = [0] * n
    feat.candidate_tags = [0] * n
    full = annotated_types(doc, labels)
    feat.trigger_open = [1 + 2 * k + b for k, t in enumerate(labels.event_types) if t not in full for b in (0, 1)]
    feat.candidate_open = bool(feat.trigger_open)
    for si in sentences:
        _label_sentence(feat, doc, si, labels)
    if doc.meta.get("attributes") == "none":
        feat.events = []  # polarity and modality are not annotated: do not teach the defaults
    if doc.meta.get("arguments") == "none":  # spans by other rules than ours: triggers only
        feat.candidate_tags, feat.pairs, feat.candidate_open = [0] * n, [], True


def _label_sentence(feat: Feature, doc: Document, si: int, labels: Labels) -> None:
    """Tags and pairs of one sentence; an argument outside its event's sentence is not learnt."""
    type_index = {t: i for i, t in enumerate(labels.event_types)}
    class_index = {c: i for i, c in enumerate(labels.classes)}
    role_index = {r: i for i, r in enumerate(labels.roles)}
    candidates: dict[tuple[int, int], tuple[int, int]] = {}  # char span -> token span
    events = [e for e in doc.events if e.sentence == si and e.type in type_index]
    # longest first: an aircraft span ("two Russian jets") must not lose to the agent nested in it
    arguments = sorted((a for e in events for a in e.arguments), key=lambda a: a.start - a.end)
    for arg in arguments:
        span = token_span(feat, arg.start, arg.end)
        if span is None or (arg.start, arg.end) in candidates or feat.segment[span[0]] != si:
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


def decode_bio(tags: list[int], segments: list[int], same_label: bool = True) -> list[tuple[int, int, int]]:
    """(start, end, label) spans from B/I tag indices (1 + 2k is B of label k, 2 + 2k its I).

    `segments` gives each token's sentence (-1 outside any): a span never crosses sentences. With
    `same_label=False` an I tag of any label continues the open span (the span keeps its first
    label): for candidates, whose boundaries matter more than their coarse class.
    """
    spans: list[tuple[int, int, int]] = []
    current: list[int] | None = None
    for i, (tag, seg) in enumerate(zip(tags, segments)):
        label = (tag - 1) // 2 if tag else -1
        is_inside = tag > 0 and tag % 2 == 0
        if current and seg == segments[current[0]] and is_inside and (label == current[2] or not same_label):
            current[1] = i + 1
            continue
        if current:
            spans.append(tuple(current))
            current = None
        if seg >= 0 and tag > 0:
            current = [i, i + 1, label]  # an I without a B starts a span too
    if current:
        spans.append(tuple(current))
    return spans
