"""Our annotations of real text: pick documents, hand out batches, check, store stand-off, build gold.

    python scripts/real_corpus.py batches OUTDIR            # annotator input files, one per batch
    python scripts/real_corpus.py check AUTHORED.jsonl...   # place every span; print what fails
    python scripts/real_corpus.py standoff AUTHORED.jsonl... --out corpus/real/X.jsonl
    python scripts/real_corpus.py agreement [corpus/real/blind-a.jsonl]   # inter-annotator F1
    python scripts/real_corpus.py gold [--out build/real]   # join stand-off with ../shared text

The texts stay in ../shared/data; the repository keeps only corpus/real/*.jsonl (offsets and labels).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from eventx import corpora, standoff
from eventx.ontology import Ontology
from eventx.records import Document

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "corpus" / "real"
SPLITS = {"test": range(20), "dev": range(20, 35)}  # of 100 hash buckets; the rest is train
# Current-events items about aircraft, airspace, drones and bases: the only real source of incursions.
AIR_WORDS = re.compile(
    r"\b(airspace|no-fly|drones?|UAVs?|unmanned aerial|aircraft|warplanes?|fighter jets?|jets?|helicopters?|"
    r"bombers?|air ?bases?|airfields?|military bases?|naval base|intercept\w*|scrambled|shot down|balloons?)\b",
    re.IGNORECASE)
CURRENT_EVENTS_COUNT = 240
# A second pick, narrower: airspace, interceptions and bases, which real test text otherwise lacks.
AIRSPACE_WORDS = re.compile(
    r"\b(airspace|no-fly|intercept\w*|scrambl\w*|air ?bases?|airbases?|airfields?|military bases?|incursions?|"
    r"balloons?|overflights?|air defen[cs]e)\b", re.IGNORECASE)
AIRSPACE_COUNT = 200
ADDRESSES_COUNT = 12  # full addresses (over 1,000 characters): statements, aid and sanctions requests

app = typer.Typer(add_completion=False, help=__doc__.splitlines()[0])


def split_of(doc_id: str) -> str:
    bucket = int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 100
    return next((name for name, r in SPLITS.items() if bucket in r), "train")


def _rank(doc_id: str) -> str:
    return hashlib.sha1(("pick:" + doc_id).encode()).hexdigest()


def documents() -> Iterator[Document]:
    """Every real document we annotate: all M2E2 articles, the re3d training subsets, and current-events
    items about aircraft and drones, then about airspace, interceptions and bases, and a sample of the
    President of Ukraine's 2022 addresses."""
    yield from corpora.read_m2e2_texts()
    yield from corpora.read_re3d_texts()
    items = list(corpora.read_current_events())
    air = sorted((d for d in items if AIR_WORDS.search(d.text)), key=lambda d: _rank(d.id))[:CURRENT_EVENTS_COUNT]
    picked = {d.id for d in air}
    airspace = sorted((d for d in items if AIRSPACE_WORDS.search(d.text) and d.id not in picked),
                      key=lambda d: _rank(d.id))[:AIRSPACE_COUNT]
    yield from air + airspace
    addresses = [d for d in corpora.read_zelensky_addresses() if len(d.text) > 1000]
    yield from sorted(addresses, key=lambda d: _rank(d.id))[:ADDRESSES_COUNT]


def records(paths: list[Path] | None = None) -> list[dict]:
    """Stand-off records of `paths`; by default the first annotations in corpus/real (not blind-*)."""
    if paths is None:
        paths = sorted(p for p in REAL.glob("*.jsonl") if not p.name.startswith("blind-"))
    return [json.loads(line) for p in paths for line in p.read_text("utf-8").splitlines() if line.strip()]


def _read_authored(paths: list[Path]) -> Iterator[tuple[str, dict]]:
    for path in paths:
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if line.strip():
                yield f"{path.name}:{n}", json.loads(line)


@app.command()
def batches(out: Path, size: Annotated[int, typer.Option(help="characters per batch, about")] = 60_000) -> None:
    """Write annotator input files: each document with its sentences numbered."""
    out.mkdir(parents=True, exist_ok=True)
    groups: dict[str, list[Document]] = {}
    for doc in documents():
        groups.setdefault(doc.meta["source"].split("/")[0], []).append(doc)
    n = 0
    for source, docs in groups.items():
        batch: list[Document] = []
        chars = 0
        for doc in sorted(docs, key=lambda d: _rank(d.id)) + [None]:
            if doc is None or (batch and chars + len(doc.text) > size):
                path = out / f"batch-{n:02d}-{source}.jsonl"
                with open(path, "w", encoding="utf-8") as f:
                    for d in batch:
                        f.write(json.dumps({"id": d.id, "published": str(d.published) if d.published else None,
                                            "title": d.title, "sentences": [d.sentence_text(i) for i in range(len(d.sentences))]},
                                           ensure_ascii=False) + "\n")
                print(f"{path.name}: {len(batch)} documents, {chars} characters")
                n, batch, chars = n + 1, [], 0
            if doc is not None:
                batch.append(doc)
                chars += len(doc.text)


def _resolve_all(paths: list[Path]) -> tuple[list[tuple[Document, list, str]], list[str]]:
    ontology = Ontology.default()
    by_id = {d.id: d for d in documents()}
    done, problems, seen = [], [], set()
    for where, raw in _read_authored(paths):
        doc = by_id.get(raw.get("id"))
        if doc is None:
            problems.append(f"{where}: unknown document id {raw.get('id')!r}")
            continue
        if doc.id in seen:
            problems.append(f"{where}: document {doc.id} annotated twice")
            continue
        seen.add(doc.id)
        result = standoff.resolve(doc, raw.get("events", []), ontology)
        problems += [f"{where}: {p}" for p in result.problems]
        done.append((doc, result.events, where.split(":")[0].removesuffix(".jsonl")))
    return done, problems


@app.command()
def check(paths: list[Path]) -> None:
    """Place every authored span on its document's text and report the ones that fail."""
    done, problems = _resolve_all(paths)
    print("\n".join(problems) or "no problems")
    types = Counter(e.type for _, evs, _ in done for e in evs)
    print(f"{len(done)} documents, {sum(types.values())} events: " + ", ".join(f"{t} {n}" for t, n in sorted(types.items())))
    raise typer.Exit(1 if problems else 0)


@app.command("standoff")
def write_standoff(paths: list[Path], out: Annotated[Path, typer.Option()]) -> None:
    """Resolve authored files and write their stand-off records (offsets and labels only); each
    record names its annotator by the authored file (one annotator a batch)."""
    done, problems = _resolve_all(paths)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"{len(problems)} spans could not be placed and are left out", file=sys.stderr)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        for doc, events, annotator in sorted(done, key=lambda p: p[0].id):
            record = standoff.to_record(doc, events, source=doc.meta["source"], annotator=annotator,
                                        split=split_of(doc.id))
            f.write(json.dumps(record) + "\n")
    print(f"{out}: {len(done)} documents, {sum(len(e) for _, e, _ in done)} events")


@app.command()
def gold(out: Annotated[Path, typer.Option()] = ROOT / "build" / "real",
         files: Annotated[list[Path] | None, typer.Option(help="stand-off files (default: corpus/real)")] = None) -> None:
    """Join stand-off records with the shared texts into gold splits (train/dev/test JSON Lines)."""
    rows = records(files or None)
    out.mkdir(parents=True, exist_ok=True)
    handles = {name: open(out / f"{name}.jsonl", "w", encoding="utf-8") for name in ("train", "dev", "test")}
    counts: Counter[str] = Counter()
    for doc in standoff.join(rows, documents()):
        split = split_of(doc.id)
        handles[split].write(doc.model_dump_json(exclude_none=True) + "\n")
        counts[split] += 1
    for h in handles.values():
        h.close()
    print(f"{out}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


@app.command()
def stats() -> None:
    """The data card's tables for our real-text annotations (docs/data.md, "Real text")."""
    rows = records()
    splits = ("train", "dev", "test")
    sources = sorted({r["source"].split("/")[0] for r in rows})
    print("| source | " + " | ".join(f"{s} docs" for s in splits) + " | events | arguments |")
    print("|---|" + "---|" * (len(splits) + 2))
    for src in sources:
        mine = [r for r in rows if r["source"].split("/")[0] == src]
        docs = [sum(r["split"] == s for r in mine) for s in splits]
        events = sum(len(r["events"]) for r in mine)
        args = sum(len(e["arguments"]) for r in mine for e in r["events"])
        print(f"| {src} | " + " | ".join(map(str, docs)) + f" | {events} | {args} |")
    types = {s: Counter(e["type"] for r in rows if r["split"] == s for e in r["events"]) for s in splits}
    print()
    print("| event type | " + " | ".join(splits) + " | all |")
    print("|---|" + "---|" * (len(splits) + 1))
    for t in sorted(Ontology.default().types):
        counts = [types[s][t] for s in splits]
        print(f"| {t} | " + " | ".join(map(str, counts)) + f" | {sum(counts)} |")
    events = [e for r in rows for e in r["events"]]
    attrs = Counter(f"{k} {e.get(k, d)}" for e in events for k, d in (("polarity", "positive"), ("modality", "asserted")))
    print()
    print("| attribute (all splits) | events |")
    print("|---|---|")
    for k, n in sorted(attrs.items()):
        print(f"| {k} | {n} |")
    print(f"| optional | {sum(bool(e.get('optional')) for e in events)} |")
    print(f"| with a gold time value | {sum(bool(e.get('time')) for e in events)} |")


@app.command()
def agreement(second: Annotated[Path, typer.Argument()] = REAL / "blind-a.jsonl") -> None:
    """Inter-annotator F1: the second annotator's stand-off file against the first annotations of
    the same documents (F1 is symmetric, so which side is "gold" does not matter)."""
    from eventx.evaluate import score

    seconds = records([second])
    ids = {r["id"] for r in seconds}
    firsts = [r for r in records() if r["id"] in ids]
    texts = [d for d in documents() if d.id in ids]
    a, b = list(standoff.join(firsts, texts)), list(standoff.join(seconds, texts))
    print(f"{len(a)} documents annotated twice ({len(b)} in {second.name})")
    s = score(a, b)
    for name in ("trigger_classification", "argument_classification"):
        print(f"{name}: strict F1 {getattr(s, name).f1:.3f}, lenient F1 {s.lenient[name].f1:.3f}")
    for t, prf in sorted(s.per_type.items()):
        print(f"  {t:20s} F1 {prf.f1:.3f} (first {prf.gold}, second {prf.predicted})")
    print(f"polarity agreement {s.attributes['polarity']['accuracy']}, modality {s.attributes['modality']['accuracy']} "
          f"on {s.attributes['modality']['events']} shared events; time value {s.attributes['time']['accuracy']}")

    def required(docs: list[Document]) -> list[Document]:
        return [d.model_copy(update={"events": [e.model_copy(update={"optional": False}) for e in d.events]})
                for d in docs]

    strict = score(required(a), required(b))
    print("counting optional items as required on both sides: trigger F1 "
          f"{strict.trigger_classification.f1:.3f}, argument F1 {strict.argument_classification.f1:.3f}")


if __name__ == "__main__":
    app()
