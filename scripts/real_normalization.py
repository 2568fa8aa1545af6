"""Normalisation gold on real articles: stand-off records, joined with ../shared text and scored.

    python scripts/real_normalization.py standoff AUTHORED.jsonl... --out corpus/normalization/real/X.jsonl
    python scripts/real_normalization.py score [--errors] [--model baseline]

Annotators write mentions in the authoring form (document id, sentence index, the words, which
occurrence); `standoff` places them and keeps only offsets, the text's SHA-1 and the labels. `score`
joins them with the M2E2 and re3d texts and prints, as Markdown:

- time expressions: the value of each, read in its document (`Normalizer.time_of`), exact;
- event dates: the date the pipeline gives the event at each gold trigger, with the dateline
  convention on and off (events the extractor misses are counted apart);
- place mentions: country and entry (GeoNames id, else the name of an unlisted place);
- actor mentions: canonical actor, kind and country.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from eventx import corpora, standoff
from eventx.records import Document

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
GOLD = ROOT / "corpus" / "normalization" / "real"
LABELS = {"time": ("value", "granularity", "mod", "end"),
          "event_date": ("value", "basis"),
          "place": ("role", "name", "kind", "country", "region", "geonames_id"),
          "actor": ("role", "name", "kind", "country")}

app = typer.Typer(add_completion=False, help=__doc__.splitlines()[0])


def texts() -> dict[str, Document]:
    return {d.id: d for d in [*corpora.read_m2e2_texts(), *corpora.read_re3d_texts()]}


def _place(doc: Document, sentence: int, words: str, nth: int) -> tuple[int, int] | None:
    start = standoff.nth_in_sentence(doc, sentence, words, nth)
    return None if start is None else (start, start + len(words))


@app.command("standoff")
def write_standoff(paths: list[Path], out: Annotated[Path, typer.Option()]) -> None:
    """Authoring form -> stand-off records (offsets, SHA-1, labels); every span must be found."""
    docs, rows, problems = texts(), [], []
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            item = json.loads(line)
            doc = docs.get(item["doc"])
            where = f"{path.name}:{n}"
            if doc is None:
                problems.append(f"{where}: unknown document {item['doc']!r}")
                continue
            span = _place(doc, item["sentence"], item.get("trigger") or item["text"],
                          item.get("trigger_nth", item.get("nth", 0)))
            if span is None:
                problems.append(f"{where}: {item.get('text')!r} not found in sentence {item['sentence']}")
                continue
            row = {"doc": doc.id, "sha1": standoff.text_hash(doc.text), "set": item["set"], "span": list(span),
                   "published": item.get("published", doc.published.isoformat() if doc.published else None)}
            row.update({k: item.get(k) for k in LABELS[item["set"]]})
            if item["set"] == "event_date" and item.get("basis") == "expression":
                expression = _place(doc, item["sentence"], item.get("expression") or "", 0)
                row["expression"] = list(expression) if expression else None
            rows.append(row)
    if problems:
        raise SystemExit("\n".join(problems))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{out}: {len(rows)} records, {dict(Counter(r['set'] for r in rows))}")


def records(kind: str) -> Iterator[dict]:
    for path in sorted(GOLD.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["set"] == kind:
                yield row


def joined(kind: str, docs: dict[str, Document]) -> dict[str, tuple[Document, list[dict]]]:
    """Gold rows of `kind` by document, each document with its publication date; a changed text is refused."""
    out: dict[str, tuple[Document, list[dict]]] = {}
    for row in records(kind):
        doc = docs[row["doc"]]
        if standoff.text_hash(doc.text) != row["sha1"]:
            raise SystemExit(f"{row['doc']}: text changed since annotation (SHA-1 differs)")
        if doc.id not in out:
            published = dt.date.fromisoformat(row["published"]) if row["published"] else None
            out[doc.id] = (doc.model_copy(update={"published": published}), [])
        out[doc.id][1].append(row)
    return out


def _pct(right: int, total: int) -> str:
    return f"{100 * right / total:.1f}%" if total else "n/a"


def score_times(docs: dict[str, Document], errors: bool) -> list[tuple[str, str, str]]:
    from eventx.normalize import Normalizer

    norm, counts, misses = Normalizer(places=False, actors=False), Counter(), []
    for doc, rows in joined("time", docs).values():
        for row in rows:
            v = norm.time_of(doc, *row["span"])
            value, end, note = (v.value, v.end, v.note) if v else (None, None, None)
            right = value == row["value"] and (row["value"] is not None or note is not None)
            counts["n"] += 1
            counts["right"] += right
            counts["right_or_both_null"] += right or (value is None and row["value"] is None)
            if row["end"] is not None and row["value"] is not None:
                counts["ranges"] += 1
                counts["range_right"] += right and end == row["end"]
            if not right:
                misses.append(f"  {doc.id} {doc.text[slice(*row['span'])]!r}: gold {row['value']} got {value}")
    if errors:
        print("time misses:\n" + "\n".join(misses))
    return [("real time expressions: value exact", _pct(counts["right"], counts["n"]),
             f"{counts['n']} expressions in {len(joined('time', docs))} M2E2 articles; a null gold value "
             "needs a null value with a note"),
            ("real time expressions: value exact, null = null", _pct(counts["right_or_both_null"], counts["n"]),
             "a null gold value is right when we give no value, note or not"),
            ("real time ranges: value and end exact", _pct(counts["range_right"], counts["ranges"]),
             f"{counts['ranges']} ranges")]


def score_event_dates(docs: dict[str, Document], model: str | None, errors: bool) -> list[tuple[str, str, str]]:
    import eventx

    rows_out = []
    groups = joined("event_date", docs)
    for dateline in (True, False):
        nlp = eventx.load(model, dateline=dateline)
        counts, misses = Counter(), []
        for doc, rows in groups.values():
            pred = nlp(doc.model_copy(update={"events": []}))
            for row in rows:
                s, e = row["span"]
                event = next((ev for ev in pred.events if ev.trigger.start < e and s < ev.trigger.end), None)
                counts[row["basis"]] += 1
                if event is None:
                    counts["missed"] += 1
                    continue
                counts["found"] += 1
                got = event.time.value if event.time else None
                source = event.time.source if event.time else None
                right = got == row["value"] if row["basis"] != "none" else source != "publication"
                counts["right"] += right
                counts[f"right_{row['basis']}"] += right
                counts[f"found_{row['basis']}"] += 1
                if not right and dateline:
                    misses.append(f"  {doc.id} {doc.text[s:e]!r} ({row['basis']}): gold {row['value']} got {got} "
                                  f"({source})")
        if errors and dateline:
            print("event date misses:\n" + "\n".join(misses))
        on = "on" if dateline else "off"
        rows_out.append((f"real event dates, dateline {on}: right", _pct(counts["right"], counts["found"]),
                         f"{counts['found']} of {sum(counts[b] for b in ('expression', 'publication', 'none'))} "
                         f"gold events found by the extractor"))
        for basis in ("expression", "publication", "none"):
            rows_out.append((f"  dateline {on}, events dated by {basis}", _pct(counts[f"right_{basis}"],
                             counts[f"found_{basis}"]), f"{counts[f'found_{basis}']} found"))
    return rows_out


def _mention_docs(kind: str, docs: dict[str, Document]) -> list[dict]:
    out = []
    for doc, rows in joined(kind, docs).values():
        mentions = [{**r, "start": r["span"][0], "end": r["span"][1], "text": doc.text[slice(*r["span"])]}
                    for r in sorted(rows, key=lambda r: r["span"])]
        out.append({"id": doc.id, "text": doc.text, "sentences": doc.sentences, "mentions": mentions})
    return out


@app.command()
def score(errors: Annotated[bool, typer.Option(help="print every miss")] = False,
          model: Annotated[str | None, typer.Option(help="model for the event dates (default: bundled)")] = None,
          cities: int = 5000) -> None:
    import eval_normalization

    docs = texts()
    rows = score_times(docs, errors) + score_event_dates(docs, model, errors)
    rows += eval_normalization.eval_places(errors, cities, "real places", _mention_docs("place", docs))
    rows += eval_normalization.eval_actors(errors, "real actors", _mention_docs("actor", docs))
    eval_normalization.print_table(rows)


if __name__ == "__main__":
    app()
