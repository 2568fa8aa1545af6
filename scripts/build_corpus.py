"""Build the gold corpus from the hand-written sources in corpus/src/.

Annotators write spans as text, not offsets (see docs/data.md, "Authoring form"); this script finds
each span in the document, checks it against the ontology, and writes gold JSON Lines with exact
offsets, split into train / dev / test by a stable hash of the document id.

    python scripts/build_corpus.py                 # build corpus/gold/{train,dev,test}.jsonl
    python scripts/build_corpus.py --check FILE    # only report problems and counts for FILE
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

from eventx.gold import TIME_VALUE
from eventx.ontology import Ontology
from eventx.records import Argument, Document, Event, Span, TimeValue
from eventx.standoff import whole_words
from eventx.text import sentence_index, split_sentences

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "corpus" / "src"
GOLD = ROOT / "corpus" / "gold"
SPLITS = {"test": range(15), "dev": range(15, 30)}  # of 100 hash buckets; the rest is train


def split_of(doc_id: str) -> str:
    bucket = int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 100
    return next((name for name, r in SPLITS.items() if bucket in r), "train")


class Problems(list):
    def add(self, where: str, problem: str) -> None:
        self.append(f"{where}: {problem}")


def resolve(raw: dict, ontology: Ontology, where: str, problems: Problems) -> Document | None:
    doc_id = raw.get("id")
    paragraphs = raw.get("paragraphs")
    if not doc_id or not isinstance(paragraphs, list) or not paragraphs:
        problems.add(where, "needs an 'id' and a non-empty 'paragraphs' list")
        return None
    where = f"{where} ({doc_id})"
    text = "\n".join(p.strip() for p in paragraphs)
    sentences = split_sentences(text)
    events: list[Event] = []
    seen: set[tuple] = set()
    for n, ev in enumerate(raw.get("events", [])):
        here = f"{where} event {n} ({ev.get('type')} {ev.get('trigger')!r})"
        problem = ontology.check(str(ev.get("type")))
        if problem:
            problems.add(here, problem)
            continue
        context = ev.get("context") or ev.get("trigger", "")
        spots = [m.start() for m in re.finditer(re.escape(context), text)]
        if len(spots) != 1:
            problems.add(here, f"context {context!r} occurs {len(spots)} times in the text; "
                         "give a longer, unique context")
            continue
        c0, c1 = spots[0], spots[0] + len(context)
        trig = ev.get("trigger", "")
        hits = whole_words(text, trig, c0, c1)
        nth = int(ev.get("trigger_nth", 0))
        if not trig or len(hits) <= nth:
            problems.add(here, f"trigger {trig!r} not found as a whole word in its context")
            continue
        t0 = hits[nth]
        trigger = Span(text=trig, start=t0, end=t0 + len(trig))
        sent = sentence_index(sentences, t0)
        arguments: list[Argument] = []
        for arg in ev.get("arguments", []):
            if isinstance(arg, list):
                arg = {"role": arg[0], "text": arg[1]}
            role, atext = arg.get("role"), arg.get("text", "")
            problem = ontology.check(ev["type"], role)
            if problem:
                problems.add(here, problem)
                continue
            inside = [o for o in whole_words(text, atext, c0, c1)
                      if o + len(atext) <= t0 or o >= trigger.end]
            if not inside:
                inside = [o for o in whole_words(text, atext)
                          if o + len(atext) <= t0 or o >= trigger.end]
                if not inside:
                    problems.add(here, f"argument {role} {atext!r} not found in the text")
                    continue
                inside.sort(key=lambda o: abs(o - t0))
            a0 = inside[0]
            arguments.append(Argument(role=role, text=atext, start=a0, end=a0 + len(atext),
                                      optional=bool(arg.get("optional", False))))
        time = None
        if ev.get("time"):
            value = str(ev["time"])
            if not TIME_VALUE.match(value):
                problems.add(here, f"time value {value!r} is not YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www")
            granularity = {4: "year", 7: "month", 10: "day"}.get(len(value), "week")
            time = TimeValue(value=value, granularity=granularity, mod=ev.get("time_mod"),
                             source="gold")
        polarity = ev.get("polarity", "positive")
        modality = ev.get("modality", "asserted")
        if polarity not in ("positive", "negative") or modality not in ("asserted", "hedged", "hypothetical"):
            problems.add(here, f"bad polarity {polarity!r} or modality {modality!r}")
            continue
        key = (ev["type"], trigger.start, trigger.end)
        if key in seen:
            problems.add(here, "duplicate event: same type and trigger span as an earlier one")
            continue
        seen.add(key)
        events.append(Event(
            id=f"{doc_id}-e{len(events) + 1}", type=ev["type"], trigger=trigger,
            arguments=arguments, time=time, polarity=polarity, modality=modality,
            sentence=sent, optional=bool(ev.get("optional", False)),
        ))
    meta = {k: str(raw[k]) for k in ("style", "region", "author") if raw.get(k)}
    meta["origin"] = "hand-written"
    try:
        return Document(id=doc_id, text=text, title=raw.get("title"), published=raw.get("published"),
                        url=None, sentences=sentences, events=events, meta=meta)
    except ValueError as e:
        problems.add(where, str(e).splitlines()[-1])
        return None


def read_sources(paths: list[Path], ontology: Ontology, problems: Problems) -> list[Document]:
    docs: list[Document] = []
    ids: set[str] = set()
    for path in paths:
        for lineno, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{lineno}"
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as e:
                problems.add(where, f"not valid JSON ({e.msg} at column {e.colno})")
                continue
            doc = resolve(raw, ontology, where, problems)
            if doc is None:
                continue
            if doc.id in ids:
                problems.add(where, f"document id {doc.id!r} is used twice")
                continue
            ids.add(doc.id)
            docs.append(doc)
    return docs


def counts(docs: list[Document]) -> str:
    types = Counter(e.type for d in docs for e in d.events)
    lines = [f"{len(docs)} documents, {sum(types.values())} events"]
    lines += [f"  {t:20s} {n}" for t, n in sorted(types.items())]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", nargs="+", type=Path, metavar="FILE",
                        help="only report problems and counts for these source files")
    args = parser.parse_args(argv)
    ontology = Ontology.default()
    problems = Problems()
    if args.check:
        docs = read_sources(args.check, ontology, problems)
        print("\n".join(problems) or "no problems")
        print(counts(docs))
        return 1 if problems else 0
    docs = read_sources(sorted(SRC.glob("*.jsonl")), ontology, problems)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"{len(problems)} problems; nothing written", file=sys.stderr)
        return 1
    GOLD.mkdir(parents=True, exist_ok=True)
    by_split: dict[str, list[Document]] = {"train": [], "dev": [], "test": []}
    for doc in sorted(docs, key=lambda d: d.id):
        by_split[split_of(doc.id)].append(doc)
    for name, split_docs in by_split.items():
        with open(GOLD / f"{name}.jsonl", "w", encoding="utf-8") as f:
            for doc in split_docs:
                f.write(doc.model_dump_json(exclude_none=True) + "\n")
        print(f"{name}: " + counts(split_docs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
