"""Scoring predicted events against gold, with the standard event-extraction measures.

Following ACE practice (Li et al., 2013):
- a trigger is *identified* when its offsets match a gold trigger, *classified* when its type
  matches too;
- an argument is *identified* when its event type and offsets match a gold argument, *classified*
  when its role matches too.
Strict matching compares exact offsets; lenient matching accepts overlapping spans with the same
labels. Matching is one-to-one, so duplicates are penalised. Gold items marked `optional` are
neither credited nor penalised. Documents are paired by id.

Beyond the scores: errors listed by kind (`list_errors`), reliability bins and precision/recall
against a confidence threshold (`reliability`, `threshold_curves`), document-level bootstrap
intervals (`bootstrap`), and `build_report`, which gathers everything `eventx evaluate` writes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventx.errors import InputError
from eventx.importers import annotated_types
from eventx.records import Document

if TYPE_CHECKING:
    from eventx.pipeline import Pipeline

Key = tuple  # (doc id, start, end, labels...)


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "gold": self.gold, "predicted": self.predicted}


@dataclass
class Item:
    """One scorable thing: a trigger or an argument, with what it is matched on."""

    doc: str
    start: int
    end: int
    labels: tuple  # identification labels (e.g. event type for arguments)
    label: str  # the class label (event type or role)
    optional: bool = False
    confidence: float = 1.0
    payload: Any = None


def _overlaps(a: Item, b: Item) -> bool:
    return a.start < b.end and b.start < a.end


def match(gold: list[Item], pred: list[Item], *, classify: bool, lenient: bool) -> tuple[PRF, list[tuple[Item, Item | None]], list[Item]]:
    """One-to-one matching. Returns counts, (pred, matched gold or None) pairs, unmatched gold."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(gold):
        by_doc[g.doc].append(i)
    used: set[int] = set()
    prf = PRF()
    pairs: list[tuple[Item, Item | None]] = []

    def same(p: Item, g: Item) -> bool:
        if p.labels != g.labels or (classify and p.label != g.label):
            return False
        return _overlaps(p, g) if lenient else (p.start, p.end) == (g.start, g.end)

    # exact matches first, so lenient matching never steals an exact partner
    order = sorted(range(len(pred)), key=lambda i: -pred[i].confidence)
    found: dict[int, int] = {}
    for exact_pass in ((True, False) if lenient else (True,)):
        for i in order:
            if i in found:
                continue
            p = pred[i]
            for j in by_doc.get(p.doc, ()):
                if j in used:
                    continue
                g = gold[j]
                ok = same(p, g) and (not exact_pass or (p.start, p.end) == (g.start, g.end))
                if ok:
                    used.add(j)
                    found[i] = j
                    break
    for i, p in enumerate(pred):
        g = gold[found[i]] if i in found else None
        pairs.append((p, g))
        if g is None:
            prf.fp += 1
        elif not g.optional:
            prf.tp += 1
    missed = [g for j, g in enumerate(gold) if j not in used]
    prf.fn = sum(1 for g in missed if not g.optional)
    return prf, pairs, missed


def trigger_items(docs: Iterable[Document]) -> list[Item]:
    return [Item(d.id, e.trigger.start, e.trigger.end, (), e.type, e.optional, e.confidence, e)
            for d in docs for e in d.events]


def argument_items(docs: Iterable[Document]) -> list[Item]:
    return [Item(d.id, a.start, a.end, (e.type,), a.role, e.optional or a.optional, a.confidence,
                 (e, a)) for d in docs for e in d.events for a in e.arguments]


@dataclass
class Scores:
    trigger_identification: PRF
    trigger_classification: PRF
    argument_identification: PRF
    argument_classification: PRF
    lenient: dict[str, PRF]
    per_type: dict[str, PRF]
    per_role: dict[str, PRF]
    attributes: dict[str, dict[str, float]]
    counts: dict[str, int]
    errors: list[dict[str, Any]] = field(default_factory=list)
    lenient_per_type: dict[str, PRF] = field(default_factory=dict)
    lenient_per_role: dict[str, PRF] = field(default_factory=dict)

    @staticmethod
    def macro(table: dict[str, PRF]) -> float:
        return sum(p.f1 for p in table.values()) / len(table) if table else 0.0

    @staticmethod
    def macro_prf(table: dict[str, PRF]) -> dict[str, float]:
        """Unweighted means over labels, so rare types count as much as frequent ones."""
        n = len(table)
        out: dict[str, float] = {}
        for name in ("precision", "recall", "f1"):
            out[name] = round(sum(getattr(p, name) for p in table.values()) / n, 4) if n else 0.0
        out["labels"] = n
        return out

    def to_dict(self) -> dict[str, Any]:
        strict = {name: getattr(self, name).to_dict() for name in (
            "trigger_identification", "trigger_classification", "argument_identification",
            "argument_classification")}
        return {
            "strict": strict,
            "lenient": {k: v.to_dict() for k, v in self.lenient.items()},
            "macro_f1": {"trigger_classification": round(self.macro(self.per_type), 4),
                         "argument_classification": round(self.macro(self.per_role), 4)},
            "per_type": {k: v.to_dict() for k, v in sorted(self.per_type.items())},
            "per_role": {k: v.to_dict() for k, v in sorted(self.per_role.items())},
            "macro": {
                "strict": {"trigger_classification": self.macro_prf(self.per_type),
                           "argument_classification": self.macro_prf(self.per_role)},
                "lenient": {"trigger_classification": self.macro_prf(self.lenient_per_type),
                            "argument_classification": self.macro_prf(self.lenient_per_role)},
            },
            "lenient_per_type": {k: v.to_dict() for k, v in sorted(self.lenient_per_type.items())},
            "lenient_per_role": {k: v.to_dict() for k, v in sorted(self.lenient_per_role.items())},
            "attributes": self.attributes,
            "counts": self.counts,
        }


def _per_label(pairs: list[tuple[Item, Item | None]], missed: list[Item]) -> dict[str, PRF]:
    table: dict[str, PRF] = defaultdict(PRF)
    for p, g in pairs:
        if g is None:
            table[p.label].fp += 1
        elif not g.optional:
            table[p.label].tp += 1
    for g in missed:
        if not g.optional:
            table[g.label].fn += 1
    return dict(table)


def _align(gold: list[Document], pred: list[Document]) -> tuple[list[Document], list[Document]]:
    """Predictions for the gold documents, scored only where the gold is complete: a gold
    document that annotates some types in full (`meta["annotated_types"]`, set by the importers)
    is scored on those types only, and one annotated partially (`meta["annotation"] == "partial"`:
    some events, not all) only on predicted events whose trigger overlaps a gold trigger."""
    by_id = {d.id: d for d in gold}
    pred = [d for d in pred if d.id in by_id]
    return [_scored_types(d, d) for d in gold], [_scored_types(d, by_id[d.id]) for d in pred]


def _scored_types(doc: Document, gold: Document) -> Document:
    if gold.meta.get("annotation") == "partial":
        spans = [(e.trigger.start, e.trigger.end) for e in gold.events]
        events = [e for e in doc.events if any(e.trigger.start < b and a < e.trigger.end for a, b in spans)]
        return doc.model_copy(update={"events": events})
    keep = annotated_types(gold)
    if keep is None:
        return doc
    return doc.model_copy(update={"events": [e for e in doc.events if e.type in keep]})


def score(gold: list[Document], pred: list[Document]) -> Scores:
    gold, pred = _align(gold, pred)
    gt, pt = trigger_items(gold), trigger_items(pred)
    ga, pa = argument_items(gold), argument_items(pred)
    ti, _, _ = match(gt, pt, classify=False, lenient=False)
    tc, t_pairs, t_missed = match(gt, pt, classify=True, lenient=False)
    ai, _, _ = match(ga, pa, classify=False, lenient=False)
    ac, a_pairs, a_missed = match(ga, pa, classify=True, lenient=False)
    ltc, lt_pairs, lt_missed = match(gt, pt, classify=True, lenient=True)
    lac, la_pairs, la_missed = match(ga, pa, classify=True, lenient=True)
    lenient = {
        "trigger_identification": match(gt, pt, classify=False, lenient=True)[0],
        "trigger_classification": ltc,
        "argument_identification": match(ga, pa, classify=False, lenient=True)[0],
        "argument_classification": lac,
    }
    matched = [(p.payload, g.payload) for p, g in t_pairs if g is not None]
    attributes = {}
    for name in ("polarity", "modality"):
        right = sum(getattr(p, name) == getattr(g, name) for p, g in matched)
        attributes[name] = {"accuracy": round(right / len(matched), 4) if matched else 0.0,
                            "events": len(matched)}
    timed = [(p, g) for p, g in matched if g.time and g.time.value]
    right = sum(bool(p.time and p.time.value == g.time.value) for p, g in timed)
    attributes["time"] = {"accuracy": round(right / len(timed), 4) if timed else 0.0,
                          "events": len(timed)}
    placed = [(p, g) for p, g in matched if g.location and g.location.country]
    right = sum(bool(p.location and p.location.country == g.location.country) for p, g in placed)
    attributes["place_country"] = {"accuracy": round(right / len(placed), 4) if placed else 0.0,
                                   "events": len(placed)}
    named = [(p, g) for p, g in matched if g.location and g.location.geonames_id is not None]
    right = sum(bool(p.location and p.location.geonames_id == g.location.geonames_id)
                for p, g in named)
    attributes["place_geonames"] = {"accuracy": round(right / len(named), 4) if named else 0.0,
                                    "events": len(named)}
    counts = {"documents": len(gold), "gold_events": len(gt), "predicted_events": len(pt),
              "gold_arguments": len(ga), "predicted_arguments": len(pa),
              "optional_gold_events": sum(g.optional for g in gt),
              "optional_gold_arguments": sum(g.optional for g in ga)}
    errors = _errors(gold, t_pairs, t_missed, a_pairs, a_missed)
    return Scores(ti, tc, ai, ac, lenient, _per_label(t_pairs, t_missed),
                  _per_label(a_pairs, a_missed), attributes, counts, errors,
                  _per_label(lt_pairs, lt_missed), _per_label(la_pairs, la_missed))


def calibration_items(gold: list[Document], pred: list[Document]) -> dict[str, list[tuple[float, bool]]]:
    """(confidence, correct) for every predicted event and argument, for calibration measures."""
    gold, pred = _align(gold, pred)
    _, t_pairs, _ = match(trigger_items(gold), trigger_items(pred), classify=True, lenient=False)
    _, a_pairs, _ = match(argument_items(gold), argument_items(pred), classify=True, lenient=False)
    return {"events": [(p.confidence, g is not None) for p, g in t_pairs],
            "arguments": [(p.confidence, g is not None) for p, g in a_pairs]}


def expected_calibration_error(items: list[tuple[float, bool]], bins: int = 10) -> float:
    """Mean |accuracy - confidence| over equal-width confidence bins, weighted by bin size."""
    if not items:
        return 0.0
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, ok) for c, ok in items if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if inside:
            conf = sum(c for c, _ in inside) / len(inside)
            acc = sum(ok for _, ok in inside) / len(inside)
            total += len(inside) * abs(acc - conf)
    return total / len(items)


def brier_score(items: list[tuple[float, bool]]) -> float:
    return sum((c - ok) ** 2 for c, ok in items) / len(items) if items else 0.0



# ---------------------------------------------------------------------------------------------
# Errors by kind

ERROR_KINDS = ("missed", "spurious", "wrong_type", "wrong_role", "wrong_span")


def _side(item: Item) -> dict[str, Any]:
    """What a report shows of one side (gold or predicted) of an error."""
    if isinstance(item.payload, tuple):
        event, arg = item.payload
        return {"event": event.id, "type": event.type, "role": arg.role, "label": arg.role,
                "text": arg.text, "start": arg.start, "end": arg.end,
                "confidence": round(arg.confidence, 4)}
    event = item.payload
    return {"event": event.id, "type": event.type, "label": event.type, "text": event.trigger.text,
            "start": event.trigger.start, "end": event.trigger.end,
            "confidence": round(event.confidence, 4)}


def _candidate(level: str, p: Item, g: Item) -> tuple[int, str, str] | None:
    """How a spurious prediction relates to an unmatched gold item: (rank, kind, note) or None."""
    same_span = (p.start, p.end) == (g.start, g.end)
    if not same_span and not _overlaps(p, g):
        return None
    if level == "trigger":
        if same_span:
            return 0, "wrong_type", ""
        if p.label == g.label:
            return 1, "wrong_span", ""
        return 2, "wrong_type", "the span differs too"
    if p.labels == g.labels:
        if same_span:
            return 0, "wrong_role", ""
        if p.label == g.label:
            return 1, "wrong_span", ""
        return 2, "wrong_role", "the span differs too"
    note = "the argument's event has the wrong type"
    if p.label != g.label:
        note += "; the role differs too"
    if not same_span:
        note += "; the span differs too"
    return (3 if same_span else 4), "wrong_type", note


def _pair_errors(level: str, pairs: list[tuple[Item, Item | None]],
                 missed: list[Item]) -> list[tuple[str, Item | None, Item | None, str]]:
    """Turn unmatched predictions and gold into (kind, gold, pred, note), pairing near misses.

    Every false positive appears once as spurious or as the predicted side of a wrong_*; every
    false negative once as missed or as the gold side of a wrong_*, so kinds add up to fp and fn.
    """
    open_gold: dict[str, list[Item]] = defaultdict(list)
    for g in missed:
        if not g.optional:
            open_gold[g.doc].append(g)
    matched = {(p.doc, p.start, p.end, p.labels, p.label) for p, g in pairs if g is not None}
    optional_gold: dict[str, list[Item]] = defaultdict(list)
    for _, g in pairs:
        if g is not None and g.optional:
            optional_gold[g.doc].append(g)
    for g in missed:
        if g.optional:
            optional_gold[g.doc].append(g)
    spurious = sorted((p for p, g in pairs if g is None), key=lambda p: (p.doc, p.start, p.end))
    # closest relations first (same span, then same label, then most overlap), globally
    candidates = []
    for i, p in enumerate(spurious):
        for j, g in enumerate(open_gold.get(p.doc, ())):
            found = _candidate(level, p, g)
            if found is not None:
                overlap = min(p.end, g.end) - max(p.start, g.start)
                candidates.append((found[0], -overlap, i, j, found[1], found[2]))
    candidates.sort(key=lambda c: c[:4])
    partner: dict[int, tuple[Item, str, str]] = {}
    used: set[int] = set()
    for _, _, i, j, kind, note in candidates:
        g = open_gold[spurious[i].doc][j]
        if i in partner or id(g) in used:
            continue
        partner[i] = (g, kind, note)
        used.add(id(g))
    out: list[tuple[str, Item | None, Item | None, str]] = []
    for i, p in enumerate(spurious):
        if i in partner:
            g, kind, note = partner[i]
            out.append((kind, g, p, note))
            continue
        note = ""
        if (p.doc, p.start, p.end, p.labels, p.label) in matched:
            note = "duplicate of a matched prediction"
        elif any(_overlaps(p, g) for g in optional_gold.get(p.doc, ())):
            note = "overlaps an optional gold item without matching it"
        out.append(("spurious", None, p, note))
    for items in open_gold.values():
        out.extend(("missed", g, None, "") for g in items if id(g) not in used)
    return out


def _window(doc: Document | None, start: int, end: int,
            split: dict[str, list]) -> tuple[int, int]:
    """The sentence(s) around [start, end), so an error is shown in its context."""
    if doc is None:
        return start, end
    from eventx.text import sentence_index, split_sentences

    sentences = doc.sentences or split.setdefault(doc.id, split_sentences(doc.text))
    first = sentence_index(sentences, start)
    last = sentence_index(sentences, max(start, end - 1))
    lo = sentences[first].start if first is not None else max(0, start - 80)
    hi = sentences[last].end if last is not None else min(len(doc.text), end + 80)
    return min(lo, start), max(hi, end)


def _errors(gold: list[Document], t_pairs: list[tuple[Item, Item | None]], t_missed: list[Item],
            a_pairs: list[tuple[Item, Item | None]], a_missed: list[Item]) -> list[dict[str, Any]]:
    docs = {d.id: d for d in gold}
    split: dict[str, list] = {}
    out: list[dict[str, Any]] = []
    for level, pairs, missed in (("trigger", t_pairs, t_missed), ("argument", a_pairs, a_missed)):
        for kind, g, p, note in _pair_errors(level, pairs, missed):
            items = [x for x in (g, p) if x is not None]
            doc = docs.get(items[0].doc)
            lo, hi = _window(doc, min(x.start for x in items), max(x.end for x in items), split)
            out.append({
                "kind": kind, "level": level, "doc": items[0].doc,
                "gold": _side(g) if g else None, "pred": _side(p) if p else None, "note": note,
                "sentence": {"start": lo, "end": hi, "text": doc.text[lo:hi] if doc else ""},
            })
    order = {k: i for i, k in enumerate(ERROR_KINDS)}
    out.sort(key=lambda e: (order[e["kind"]], e["level"] != "trigger", e["doc"],
                            (e["gold"] or e["pred"])["start"]))
    return out


def list_errors(gold: list[Document], pred: list[Document]) -> list[dict[str, Any]]:
    """Every strict-classification error, by kind: missed, spurious, wrong_type/role/span."""
    return score(gold, pred).errors


def error_counts(errors: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    counts = {level: dict.fromkeys(ERROR_KINDS, 0) for level in ("trigger", "argument")}
    for e in errors:
        counts[e["level"]][e["kind"]] += 1
    return counts


# ---------------------------------------------------------------------------------------------
# Confidence: reliability and thresholds

def reliability(items: list[tuple[float, bool]], bins: int = 10) -> list[dict[str, Any]]:
    """Per-bin mean confidence and accuracy, binned exactly as `expected_calibration_error`."""
    out = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, ok) for c, ok in items if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        out.append({
            "low": round(lo, 4), "high": round(hi, 4), "count": len(inside),
            "confidence": round(sum(c for c, _ in inside) / len(inside), 4) if inside else None,
            "accuracy": round(sum(ok for _, ok in inside) / len(inside), 4) if inside else None,
        })
    return out


def default_thresholds(steps: int = 20) -> list[float]:
    return [round(i / steps, 4) for i in range(steps + 1)]


def threshold_curves(gold: list[Document], pred: list[Document],
                     thresholds: list[float] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Strict classification P/R/F1 keeping only predictions with confidence >= each threshold.

    Matching is greedy by descending confidence, so dropping the least confident predictions
    never changes the partners of the others: one matching serves every threshold.
    """
    gold, pred = _align(gold, pred)
    thresholds = default_thresholds() if thresholds is None else thresholds
    out: dict[str, list[dict[str, Any]]] = {}
    for level, g_items, p_items in (
        ("events", trigger_items(gold), trigger_items(pred)),
        ("arguments", argument_items(gold), argument_items(pred)),
    ):
        prf, pairs, _ = match(g_items, p_items, classify=True, lenient=False)
        rows = []
        for t in thresholds:
            kept = [(p, g) for p, g in pairs if p.confidence >= t]
            tp = sum(1 for _, g in kept if g is not None and not g.optional)
            fp = sum(1 for _, g in kept if g is None)
            counts = PRF(tp, fp, prf.gold - tp)
            rows.append({"threshold": t, "precision": round(counts.precision, 4),
                         "recall": round(counts.recall, 4), "f1": round(counts.f1, 4),
                         "kept": len(kept), "tp": tp, "fp": fp, "fn": counts.fn})
        out[level] = rows
    return out


def best_threshold(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The threshold with the highest F1; ties go to the lowest threshold (more recall)."""
    if not rows:
        return None
    return max(rows, key=lambda r: (r["f1"], -r["threshold"]))


# ---------------------------------------------------------------------------------------------
# Bootstrap confidence intervals

def _f1(tp: float, fp: float, fn: float) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def bootstrap(gold: list[Document], pred: list[Document], *, samples: int = 1000, seed: int = 13,
              confidence: float = 0.95) -> dict[str, dict[str, Any]]:
    """Percentile intervals for strict trigger and argument classification F1.

    Documents, not items, are resampled (with replacement), because errors cluster within a
    document; matching never crosses documents, so per-document counts simply add up.
    """
    import numpy as np

    gold, pred = _align(gold, pred)
    ids = list(dict.fromkeys(d.id for d in gold))
    index = {doc_id: i for i, doc_id in enumerate(ids)}
    names = ("trigger_classification", "argument_classification")
    counts = np.zeros((len(ids), 3 * len(names)), dtype=np.int64)
    for col, (g_items, p_items) in enumerate(((trigger_items(gold), trigger_items(pred)),
                                              (argument_items(gold), argument_items(pred)))):
        _, pairs, missed = match(g_items, p_items, classify=True, lenient=False)
        for p, g in pairs:
            if g is None:
                counts[index[p.doc], 3 * col + 1] += 1
            elif not g.optional:
                counts[index[p.doc], 3 * col] += 1
        for g in missed:
            if not g.optional:
                counts[index[g.doc], 3 * col + 2] += 1
    n = len(ids)
    totals = counts.sum(axis=0)
    draws = np.zeros((samples, len(names)))
    if n:
        rng = np.random.default_rng(seed)
        for s in range(samples):
            tot = np.bincount(rng.integers(0, n, n), minlength=n) @ counts
            draws[s] = [_f1(*tot[3 * c : 3 * c + 3]) for c in range(len(names))]
    tail = (1 - confidence) / 2
    out = {}
    for c, name in enumerate(names):
        point = _f1(*totals[3 * c : 3 * c + 3])
        if n and samples:
            low, high = np.quantile(draws[:, c], [tail, 1 - tail])
            std = float(draws[:, c].std())
        else:
            low = high = point
            std = 0.0
        out[name] = {"f1": round(float(point), 4), "low": round(float(low), 4),
                     "high": round(float(high), 4), "std": round(std, 4), "samples": samples,
                     "seed": seed, "confidence": confidence, "documents": n}
    return out


# ---------------------------------------------------------------------------------------------
# Files, predictions and the full report

def load_documents(path: str | Path, what: str = "gold", *, allow_empty: bool = False) -> list[Document]:
    """Document JSON Lines (or eventx Parquet), refusing bad records: a score on half a file lies."""
    from eventx.readers import Reject, read_documents, read_parquet

    path = Path(path)
    if not path.exists():
        raise InputError(str(path), f"no such {what} file")
    if path.is_dir():
        raise InputError(str(path), f"is a directory; expected a {what} Document JSON Lines file")
    items = read_parquet(path) if path.suffix.lower() == ".parquet" else read_documents(path)
    docs: list[Document] = []
    seen: dict[str, int] = {}
    for item in items:
        if isinstance(item, Reject):
            raise InputError(item.where, f"not a valid {what} Document ({item.problem})")
        if item.id in seen:
            raise InputError(str(path), f"duplicate document id {item.id!r} (records "
                             f"{seen[item.id]} and {len(docs) + 1})")
        docs.append(item)
        seen[item.id] = len(docs)
    if not docs and not allow_empty:
        raise InputError(str(path), f"no documents in this {what} file")
    return docs


def strip_events(doc: Document) -> Document:
    """The input a model sees: the gold document without its events or annotations."""
    return Document(id=doc.id, text=doc.text, published=doc.published, title=doc.title,
                    sentences=[s.model_copy() for s in doc.sentences])


def predict(gold: list[Document], pipeline: Pipeline, batch_size: int = 16) -> list[Document]:
    """Predictions for the gold documents, made from their text alone."""
    return list(pipeline.pipe([strip_events(d) for d in gold], batch_size=batch_size))


def build_report(gold: list[Document], pred: list[Document], *, samples: int = 1000,
                 seed: int = 13, bins: int = 10, thresholds: list[float] | None = None,
                 sources: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything `eventx evaluate` writes, as one JSON-ready dict."""
    from eventx import __version__

    gold_ids = {d.id for d in gold}
    pred_ids = {d.id for d in pred}
    warnings = []
    stray = [d.id for d in pred if d.id not in gold_ids]
    if stray:
        warnings.append(f"{len(stray)} predicted documents have no gold document and are ignored "
                        f"(e.g. {', '.join(map(repr, stray[:3]))})")
    absent = [d.id for d in gold if d.id not in pred_ids]
    if absent:
        warnings.append(f"{len(absent)} gold documents have no predicted document; their events "
                        f"count as missed (e.g. {', '.join(map(repr, absent[:3]))})")
    scores = score(gold, pred)
    items = calibration_items(gold, pred)
    curves = threshold_curves(gold, pred, thresholds)
    calibration = {}
    for level in ("events", "arguments"):
        calibration[level] = {
            "items": len(items[level]),
            "ece": round(expected_calibration_error(items[level], bins), 4),
            "brier": round(brier_score(items[level]), 4),
            "bins": reliability(items[level], bins),
            "thresholds": curves[level],
            "best_threshold": best_threshold(curves[level]),
        }
    return {
        "eventx": __version__,
        "sources": sources or {},
        **scores.to_dict(),
        "bootstrap": bootstrap(gold, pred, samples=samples, seed=seed),
        "calibration": calibration,
        "errors": {"counts": error_counts(scores.errors), "items": scores.errors},
        "warnings": warnings,
    }
