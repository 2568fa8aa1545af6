"""Readers of the unannotated real texts, on small files in each set's layout written here."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from eventx import corpora


def _gz(path: Path, rows: list[dict]) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write("".join(json.dumps(r) + "\n" for r in rows))


def test_current_events_before_the_cutoff_only(tmp_path: Path) -> None:
    _gz(tmp_path / "cep_2014_2026.jsonl.gz", [
        {"id": "2025-06-30-001", "date": "2025-06-30", "text": "Jets enter the zone."},
        {"id": "2025-07-01-000", "date": "2025-07-01", "text": "Held out for evaluation."}])
    (doc,) = corpora.read_current_events(tmp_path)
    assert doc.id == "cep-2025-06-30-001" and str(doc.published) == "2025-06-30"
    assert doc.meta == {"origin": "real", "source": "wikipedia_current_events"}


def test_re3d_subsets_and_addresses_keep_text_exactly(tmp_path: Path) -> None:
    sub = tmp_path / "UK_Government"
    sub.mkdir()
    text = "Minister condemns attack\n\nThe attack was horrific."
    (sub / "documents.json").write_text(json.dumps({"_id": "AB12", "title": "T", "text": text}) + "\n")
    (doc,) = corpora.read_re3d_texts(tmp_path, subsets=("UK_Government",))
    assert doc.id == "re3d-AB12" and doc.text == text and doc.meta["source"] == "re3d/UK_Government"
    assert [doc.sentence_text(i) for i in range(len(doc.sentences))] == ["Minister condemns attack", "The attack was horrific."]
    row = {"id": "v1", "title": "Address", "date": "2022-05-17T23:48:46", "text": "Good evening."}
    (tmp_path / "addresses_en.jsonl").write_text(json.dumps(row) + "\n" + json.dumps(row) + "\n")
    (address,) = corpora.read_zelensky_addresses(tmp_path)  # the repeated record is read once
    assert address.id == "zelensky-v1" and str(address.published) == "2022-05-17"


def test_m2e2_article_is_its_sentences_in_order(tmp_path: Path) -> None:
    rows = [{"sentence_id": f"VOA_EN_NW_2015.03.02.9_{i}", "doc_id": "VOA_EN_NW_2015.03.02.9",
             "sentence_start": start, "sentence": s, "words": s.split()}
            for i, (start, s) in enumerate([(30, "Second one ."), (0, "First one .")])]
    _gz(tmp_path / "text_events.slim.jsonl.gz", rows)
    (doc,) = corpora.read_m2e2_texts(tmp_path)
    assert doc.text == "First one .\nSecond one ." and str(doc.published) == "2015-03-02"
