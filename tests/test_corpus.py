"""The committed corpus: valid, large enough, split as documented, and described truly."""

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from eventx.gold import validate_file
from eventx.records import Document

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpus" / "gold"
SPLITS = ("train", "dev", "test")


def script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def gold(split: str) -> list[dict]:
    return [json.loads(x) for x in (GOLD / f"{split}.jsonl").read_text().splitlines() if x.strip()]


@pytest.mark.parametrize("split", SPLITS)
def test_gold_files_validate(split):
    result = validate_file(GOLD / f"{split}.jsonl")
    assert result.ok, result.problems[:5]


def test_sizes_meet_the_targets():
    docs = [d for s in SPLITS for d in gold(s)]
    types = Counter(e["type"] for d in docs for e in d["events"])
    assert len(docs) >= 200 and sum(types.values()) >= 2000
    assert all(n >= 60 for n in types.values()) and len(types) == 12
    for t in ("AIRSPACE_INCURSION", "BASE_EQUIPPING", "STATEMENT"):
        assert types[t] >= 200


def test_splits_are_by_document_and_hand_written():
    build = script("build_corpus")
    ids = {s: {d["id"] for d in gold(s)} for s in SPLITS}
    assert not (ids["train"] & ids["dev"]) and not (ids["train"] & ids["test"]) and not (ids["dev"] & ids["test"])
    for s in SPLITS:
        assert all(build.split_of(i) == s for i in ids[s])
    for s in ("dev", "test"):
        assert all(d["meta"]["origin"] == "hand-written" for d in gold(s))


def test_gold_is_what_the_sources_build_to(tmp_path):
    build = script("build_corpus")
    from eventx.ontology import Ontology

    problems = build.Problems()
    docs = build.read_sources(sorted((ROOT / "corpus" / "src").glob("*.jsonl")), Ontology.default(), problems)
    assert not problems
    built = {d.id: d for d in docs}
    for s in SPLITS:
        for record in gold(s):
            assert Document.model_validate(record) == built[record["id"]]


def test_data_card_counts_match_the_files():
    card = (ROOT / "docs" / "data.md").read_text()
    for line in script("corpus_stats").tables().splitlines():
        assert line in card, f"docs/data.md is missing or disagrees on: {line}"


def test_generated_documents_are_exact_and_varied():
    gen = script("generate_corpus")
    docs = gen.generate(40, seed=3)
    assert docs == gen.generate(40, seed=3)
    for doc in docs:
        for _, s in doc.spans():
            assert doc.text[s.start : s.end] == s.text
    types = Counter(e.type for d in docs for e in d.events)
    assert len(types) == 12
    attrs = Counter((e.polarity, e.modality) for d in docs for e in d.events)
    assert attrs[("negative", "asserted")] and attrs[("positive", "hedged")] and attrs[("positive", "hypothetical")]
    assert all(d.meta["origin"] == "generated" for d in docs)
