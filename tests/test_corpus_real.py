"""Our stand-off annotations of real text: offsets only, valid, and joinable with the shared texts.

The records themselves are checked always; joining them with ../shared/data needs that folder,
and those tests skip, saying so, where it is absent.
"""

import json
from collections import Counter
from pathlib import Path

import pytest
from test_corpus import script

from eventx import corpora
from eventx.ontology import Ontology

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "corpus" / "real"


def records(blind: bool = False) -> list[dict]:
    files = [p for p in sorted(REAL.glob("*.jsonl")) if p.name.startswith("blind-") == blind]
    return [json.loads(line) for p in files for line in p.read_text().splitlines() if line.strip()]


def test_records_hold_offsets_and_labels_only():
    ontology = Ontology.default()
    allowed = {"type", "trigger", "arguments", "polarity", "modality", "time", "time_mod", "optional"}
    rows = records() + records(blind=True)
    assert rows
    for r in rows:
        assert set(r) == {"id", "sha1", "source", "annotator", "split", "events"}
        for e in r["events"]:
            assert set(e) <= allowed and ontology.check(e["type"]) is None
            assert all(isinstance(x, int) for x in e["trigger"])
            assert all(ontology.check(e["type"], role) is None and isinstance(a, int) and isinstance(b, int)
                       for role, a, b in e["arguments"])


def test_coverage_and_splits_are_as_documented():
    real = script("real_corpus")
    rows = records()
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)) and len(ids) >= 300
    assert all(r["split"] == real.split_of(r["id"]) for r in rows)
    sources = Counter(r["source"].split("/")[0] for r in rows)
    assert sources["m2e2"] == 229 and sources["re3d"] >= 60 and sources["wikipedia_current_events"] >= 200
    assert all(r["source"] != "wikipedia_current_events" or r["id"][4:14] < corpora.CURRENT_EVENTS_CUTOFF
               for r in rows)
    blind = {r["id"] for r in records(blind=True)}
    assert len(blind) >= 30 and blind <= set(ids)


@pytest.fixture(scope="module")
def shared_texts():
    if not (corpora.shared_data() / "m2e2").exists():
        pytest.skip("../shared/data is not present: the stand-off records cannot be joined with their texts")
    return list(script("real_corpus").documents())


def test_every_record_joins_with_its_text(shared_texts, tmp_path):
    from eventx.gold import validate_file

    real = script("real_corpus")
    real.gold(out=tmp_path, files=None)
    for split in ("train", "dev", "test"):
        result = validate_file(tmp_path / f"{split}.jsonl")
        assert result.ok, result.problems[:5]
    joined = sum(1 for split in ("train", "dev", "test") for line in (tmp_path / f"{split}.jsonl").open() if line.strip())
    assert joined == len(records())


def test_data_card_counts_match_the_records():
    real = script("real_corpus")
    import contextlib
    import io

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        real.stats()
    card = (ROOT / "docs" / "data.md").read_text()
    for line in printed.getvalue().splitlines():
        assert line in card, line


NORMALIZATION = ROOT / "corpus" / "normalization" / "real"
NORMALIZATION_LABELS = {"time": {"value", "granularity", "mod", "end"}, "event_date": {"value", "basis", "expression"},
                        "place": {"role", "name", "kind", "country", "region", "geonames_id"},
                        "actor": {"role", "name", "kind", "country"}}


def test_normalization_gold_is_stand_off_and_as_large_as_documented():
    rows = [json.loads(line) for p in sorted(NORMALIZATION.glob("*.jsonl")) for line in p.read_text().splitlines()]
    counts = Counter(r["set"] for r in rows)
    assert counts == {"time": 1139, "event_date": 401, "place": 501, "actor": 2455}  # docs/normalization.md
    for r in rows:
        assert set(r) - NORMALIZATION_LABELS[r["set"]] == {"doc", "sha1", "set", "span", "published"}
        start, end = r["span"]
        assert isinstance(start, int) and isinstance(end, int) and start < end


def test_normalization_gold_joins_with_its_texts(shared_texts):
    real = script("real_normalization")  # refuses a text whose SHA-1 changed
    docs = real.texts()
    for kind in ("time", "event_date", "place", "actor"):
        for doc, rows in real.joined(kind, docs).values():
            assert all(0 <= r["span"][0] < r["span"][1] <= len(doc.text) for r in rows)
