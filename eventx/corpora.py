"""The real-text corpora in `../shared/data`, read as eventx Documents.

The text of these sets is not ours, so it never enters the repository: our own annotations of it are
stand-off records (document id, offsets, labels) that `eventx.standoff` joins with the text read
here. Each reader rebuilds a document's text the same way every time, so offsets stay valid.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

from eventx.records import Document
from eventx.text import split_sentences

RE3D_TRAIN_SUBSETS = (
    "Australian_Department_of_Foreign_Affairs",
    "Delegation_of_the_European_Union_to_Syria",
    "UK_Government",
    "US_State_Department",
    "Wikipedia",
)
# Current-events items from this date on are kept for evaluation (shared/data README).
CURRENT_EVENTS_CUTOFF = "2025-07-01"


def shared_data() -> Path:
    """`../shared/data` beside the checkout (override with EVENTX_SHARED_DATA)."""
    import os

    env = os.environ.get("EVENTX_SHARED_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def _jsonl(path: Path) -> Iterator[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def _doc(doc_id: str, text: str, *, source: str, published: str | None = None,
         title: str | None = None, url: str | None = None) -> Document:
    return Document(id=doc_id, text=text, title=title, published=published, url=url,
                    sentences=split_sentences(text), meta={"origin": "real", "source": source})


def m2e2_sentences(root: Path) -> dict[str, list[dict]]:
    """M2E2 sentences by article, deduplicated (the text-only and multimedia files overlap) and in order."""
    by_doc: dict[str, dict[str, dict]] = {}
    for row in _jsonl(root / "text_events.slim.jsonl.gz"):
        by_doc.setdefault(row["doc_id"], {}).setdefault(row["sentence_id"], row)
    return {doc_id: sorted(rows.values(), key=lambda r: r["sentence_start"])
            for doc_id, rows in sorted(by_doc.items())}


def m2e2_published(doc_id: str) -> str | None:
    m = re.match(r"VOA_EN_NW_(\d{4})\.(\d\d)\.(\d\d)", doc_id)
    return "-".join(m.groups()) if m else None


def m2e2_text(sentences: list[dict]) -> str:
    """One M2E2 sentence a line: the article's own spacing is not in the release."""
    return "\n".join(s["sentence"] for s in sentences)


def read_m2e2_texts(root: Path | None = None) -> Iterator[Document]:
    root = root or shared_data() / "m2e2"
    for doc_id, sentences in m2e2_sentences(root).items():
        yield _doc(doc_id, m2e2_text(sentences), source="m2e2", published=m2e2_published(doc_id))


def read_re3d_texts(root: Path | None = None, subsets: tuple[str, ...] = RE3D_TRAIN_SUBSETS) -> Iterator[Document]:
    root = root or shared_data() / "re3d"
    for subset in subsets:
        for row in _jsonl(root / subset / "documents.json"):
            yield _doc(f"re3d-{row['_id']}", row["text"], source=f"re3d/{subset}",
                       title=row.get("title"), url=row.get("sourceUrl"))


def read_current_events(root: Path | None = None, *, before: str = CURRENT_EVENTS_CUTOFF) -> Iterator[Document]:
    """Wikipedia current-events items dated before `before` (the later ones are held out)."""
    root = root or shared_data() / "wikipedia_current_events"
    for row in _jsonl(root / "cep_2014_2026.jsonl.gz"):
        if row["date"] < before:
            yield _doc(f"cep-{row['id']}", row["text"], source="wikipedia_current_events",
                       published=row["date"])


def read_zelensky_addresses(root: Path | None = None) -> Iterator[Document]:
    """The President of Ukraine's English addresses of spring 2022 (one record is repeated: kept once)."""
    root = root or shared_data() / "zelensky_addresses_2022"
    seen: set[str] = set()
    for row in _jsonl(root / "addresses_en.jsonl"):
        if row["id"] in seen:
            continue
        seen.add(row["id"])
        yield _doc(f"zelensky-{row['id']}", row["text"], source="zelensky_addresses_2022",
                   title=row.get("title"), published=row["date"][:10], url=row.get("url"))
