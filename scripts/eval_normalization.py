"""Accuracy of eventx normalisation on our hand-written gold sets, printed as Markdown tables.

    python scripts/eval_normalization.py                 # the three gold sets and the corpus checks
    python scripts/eval_normalization.py --cities 1000   # places with GeoNames towns down to 1,000 people
    python scripts/eval_normalization.py --errors        # and every miss, for error analysis

Gold sets (corpus/normalization/, written by hand before the rules were tuned; see
docs/normalization.md):

- times.jsonl: one time expression per line with its sentence and publication date; scored on the
  exact value (and granularity and mod separately). Items whose gold value is null (ambiguous,
  vague, relative without a publication date) count as right when we give no value and a note.
- places.jsonl: short documents with their place mentions; scored on the country (ISO alpha-2)
  and on the entry (the GeoNames id when the gold has one, else no id and the same name).
- actors.jsonl: short documents with their actor mentions; scored on the canonical name, kind and
  country, and on coreference (pairs of mentions of one document that are, or are not, one actor).

The *_blind*.jsonl sets were written after the rules by annotators who did not see the code. Each
was scored once before any fix (docs/normalization.md keeps those first runs, the estimates on
text the rules were not fitted to); fixes for what each showed came later.

Two checks on data we did not write: every time argument of the project corpus
(corpus/gold/*.jsonl) normalised and compared with the annotators' event time, and event times
inferred by `Normalizer.date_events` from the gold arguments of dev and test.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eventx.actors import ActorDictionary, ActorResolver  # noqa: E402
from eventx.normalize import Normalizer  # noqa: E402
from eventx.places import Gazetteer, PlaceResolver, key  # noqa: E402
from eventx.records import Document  # noqa: E402
from eventx.text import split_sentences  # noqa: E402
from eventx.timex import dateparser_value, normalize  # noqa: E402

GOLD = ROOT / "corpus" / "normalization"
CORPUS = ROOT / "corpus" / "gold"


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _pct(right: float, total: int) -> str:
    return f"{100 * right / total:.1f}%" if total else "n/a"


def eval_times(errors: bool, name: str = "times") -> list[tuple[str, str, str]]:
    items = _rows(GOLD / f"{name}.jsonl")
    counts: Counter[str] = Counter()
    misses = []
    for it in items:
        for system in ("rules+dateparser", "rules", "dateparser"):
            if system == "dateparser":
                found = dateparser_value(it["text"], _date(it["published"]))
                value, granularity, mod, note = (found[0], found[1], None, None) if found else (None, None, None, None)
            else:
                v = normalize(it["text"], it["published"], context=it["context"], fallback=system != "rules")
                value, granularity, mod, note = (v.value, v.granularity, v.mod, v.note) if v else (None, None, None, None)
            right = value == it["value"] and (it["value"] is not None or note is not None or system == "dateparser"
                                              and value is None)
            counts[f"{system}:value"] += right
            if it["value"] is not None:
                counts[f"{system}:valued"] += 1
                counts[f"{system}:granularity"] += granularity == it["granularity"]
                counts[f"{system}:mod"] += mod == it["mod"]
            if not right and system == "rules+dateparser":
                misses.append(f"  {it['id']} {it['text']!r} ({it['published']}): gold {it['value']} got {value}")
    n = len(items)
    table = [(f"{name}: value exact (rules + dateparser fallback, shipped)", _pct(counts["rules+dateparser:value"], n),
              f"{n} expressions"),
             (f"{name}: granularity (valued items)",
              _pct(counts["rules+dateparser:granularity"], counts["rules+dateparser:valued"]), ""),
             (f"{name}: mod (valued items)", _pct(counts["rules+dateparser:mod"], counts["rules+dateparser:valued"]), ""),
             (f"{name}: value exact, rules alone", _pct(counts["rules:value"], n), ""),
             (f"{name}: value exact, dateparser alone", _pct(counts["dateparser:value"], n), "PREFER_DATES_FROM=past")]
    if errors:
        print(f"{name} misses:\n" + "\n".join(misses))
    return table


def _date(value: str | None):  # noqa: ANN202 - tiny helper
    import datetime as dt

    return dt.date.fromisoformat(value) if value else None


def eval_places(errors: bool, cities: int, name: str = "places", docs: list[dict] | None = None) -> list[tuple[str, str, str]]:
    """`docs`: {"id", "text", "mentions"} records (default: the gold file `name`)."""
    docs = _rows(GOLD / f"{name}.jsonl") if docs is None else docs
    started = time.perf_counter()
    resolver = PlaceResolver(Gazetteer(min_city_population=cities).load())
    loaded = time.perf_counter() - started
    counts: Counter[str] = Counter()
    misses = []
    for d in docs:
        mentions = d["mentions"]
        found = resolver.resolve_document(d["text"], [(m["start"], m["end"]) for m in mentions],
                                          d.get("sentences") or split_sentences(d["text"]))
        for m, p in zip(mentions, found):
            counts["n"] += 1
            country = (p.country if p else None) == m["country"]
            if m["geonames_id"]:
                entry = p is not None and p.geonames_id == m["geonames_id"]
            else:
                entry = p is not None and p.geonames_id is None and key(p.name) == key(m["name"])
            counts["country"] += country
            counts["entry"] += entry
            counts["kind"] += (p.kind if p else None) == m["kind"]
            if m["region"] is not None:
                counts["regions"] += 1
                counts["region"] += (p.region if p else None) == m["region"]
            if not (country and entry):
                misses.append(f"  {d['id']} {m['text']!r}: gold {m['name']} {m['country']} {m['geonames_id']} got "
                              f"{p and (p.name, p.country, p.geonames_id, p.kind)}")
    n = counts["n"]
    if errors:
        print(f"{name} misses:\n" + "\n".join(misses))
    rows = [(f"{name}: country right (GeoNames cities >= {cities})", _pct(counts["country"], n),
             f"{n} mentions, {len(docs)} documents"),
            (f"{name}: entry right", _pct(counts["entry"], n), "GeoNames id, else name of an unlisted place"),
            (f"{name}: kind right", _pct(counts["kind"], n), ""),
            (f"{name}: first-level region right", _pct(counts["region"], counts["regions"]),
             f"{counts['regions']} with a gold region")]
    if name == "places":
        rows.append(("places: gazetteer load time", f"{loaded:.1f} s", "once per Normalizer"))
    return rows


def _actor_key(name: str) -> str:
    """Names compared without articles: "Armed Forces of the Philippines" = "... of Philippines"."""
    return " ".join(w for w in key(name).split() if w != "the")


def eval_actors(errors: bool, name: str = "actors", docs: list[dict] | None = None) -> list[tuple[str, str, str]]:
    docs = _rows(GOLD / f"{name}.jsonl") if docs is None else docs
    resolver = ActorResolver(ActorDictionary(), Gazetteer())
    counts: Counter[str] = Counter()
    misses = []
    for d in docs:
        mentions = d["mentions"]
        found = resolver.resolve_document(d["text"], [(m["start"], m["end"], m["role"]) for m in mentions],
                                          d.get("sentences") or split_sentences(d["text"]))
        for m, e in zip(mentions, found):
            counts["n"] += 1
            right = e is not None and _actor_key(e.name) == _actor_key(m["name"])
            counts["name"] += right
            counts["kind"] += (e.kind if e else None) == m["kind"]
            counts["country"] += (e.country if e else None) == m["country"]
            if not right:
                misses.append(f"  {d['id']} {m['text']!r}: gold {m['name']} got {e and (e.name, e.kind, e.country)}")
        for (m1, e1), (m2, e2) in itertools.combinations(list(zip(mentions, found)), 2):
            gold_same = m1["name"] == m2["name"]
            pred_same = e1 is not None and e2 is not None and e1.id == e2.id
            counts["tp"] += gold_same and pred_same
            counts["fp"] += pred_same and not gold_same
            counts["fn"] += gold_same and not pred_same
    n = counts["n"]
    p = counts["tp"] / max(1, counts["tp"] + counts["fp"])
    r = counts["tp"] / max(1, counts["tp"] + counts["fn"])
    if errors:
        print(f"{name} misses:\n" + "\n".join(misses))
    return [(f"{name}: canonical actor right", _pct(counts["name"], n), f"{n} mentions, {len(docs)} documents"),
            (f"{name}: kind right", _pct(counts["kind"], n), ""),
            (f"{name}: country right", _pct(counts["country"], n), "ISO alpha-3, null when none"),
            (f"{name}: coreference pairs P / R", f"{100 * p:.1f}% / {100 * r:.1f}%",
             f"{counts['tp'] + counts['fn']} gold same-actor pairs")]


def eval_corpus_times() -> list[tuple[str, str, str]]:
    """Data we did not write: the corpus annotators' event times."""
    args = right_value = right_mod = 0
    for split in ("train", "dev", "test"):
        for line in (CORPUS / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            doc = Document.model_validate_json(line)
            for event in doc.events:
                if event.time is None or not event.time.value or not event.args("time") or event.sentence is None:
                    continue
                arg = event.args("time")[0]
                sent = doc.sentences[event.sentence]
                v = normalize(arg.text, doc.published, context=doc.text[sent.start:sent.end], at=arg.start - sent.start)
                args += 1
                right_value += v is not None and v.value == event.time.value
                right_mod += v is not None and v.value == event.time.value and v.mod == event.time.mod
    rows = [("corpus time arguments: value exact", _pct(right_value, args), f"{args} arguments, all splits"),
            ("corpus time arguments: value and mod exact", _pct(right_mod, args), "the corpus marks 'since' without AFTER")]
    norm = Normalizer(places=False, actors=False)
    for split in ("dev", "test"):
        timed = right = extra = 0
        for line in (CORPUS / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            gold = Document.model_validate_json(line)
            doc = gold.model_copy(deep=True)
            norm.date_events(doc)
            for g, p in zip(gold.events, doc.events):
                if g.time is not None and g.time.value:
                    timed += 1
                    right += p.time is not None and p.time.value == g.time.value
                elif p.time is not None and p.time.value:
                    extra += 1
        rows.append((f"corpus {split}: event time from gold arguments", _pct(right, timed),
                     f"{timed} dated gold events; {extra} undated in gold that we date"))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cities", type=int, default=5000, choices=[500, 1000, 5000, 15000],
                    help="smallest GeoNames city population loaded (default 5000, the Normalizer default)")
    ap.add_argument("--errors", action="store_true", help="print every miss")
    ap.add_argument("--no-corpus", action="store_true", help="skip the checks on the project corpus")
    ap.add_argument("--no-blind", action="store_true", help="skip the blind sets (*_blind*.jsonl)")
    args = ap.parse_args()
    rows = eval_times(args.errors) + eval_places(args.errors, args.cities) + eval_actors(args.errors)
    if not args.no_blind:
        rows += (eval_times(args.errors, "times_blind") + eval_places(args.errors, args.cities, "places_blind")
                 + [row for path in sorted(GOLD.glob("actors_blind*.jsonl"), key=lambda p: (len(p.stem), p.stem))
                    for row in eval_actors(args.errors, path.stem)])
    if not args.no_corpus:
        rows += eval_corpus_times()
    print_table(rows)


def print_table(rows: list[tuple[str, str, str]]) -> None:
    print("| measure | value | notes |")
    print("|---|---|---|")
    for name, value, note in rows:
        print(f"| {name} | {value} | {note} |")


if __name__ == "__main__":
    main()
