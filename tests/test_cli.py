import json

import pytest
from typer.testing import CliRunner

from eventx.cli import app
from eventx.records import Document

runner = CliRunner()


def test_every_command_has_help():
    for command in ("extract", "schema", "ontology", "info", "validate", "import", "train", "evaluate", "render"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output


def test_schema_validates_extract_output(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    article = tmp_path / "a.txt"
    article.write_text("Title\n20220712\nhttps://x.org\nRussian jets entered Latvian airspace on "
                       "Monday, the army said.\n")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(article), "-o", str(out), "--model", "baseline"])
    assert result.exit_code == 0, result.output
    schema = json.loads(runner.invoke(app, ["schema"]).output)
    for line in out.read_text().splitlines():
        record = json.loads(line)
        jsonschema.validate(record, schema)
        doc = Document.model_validate(record)
        assert doc.events
        for _, s in doc.spans():
            assert doc.text[s.start : s.end] == s.text


def test_extract_seed_article(tmp_path, seed_article):
    out = tmp_path / "seed.parquet"
    result = runner.invoke(app, ["extract", str(seed_article), "-o", str(out)])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output.strip().splitlines()[-1])
    assert summary["documents"] == 1 and summary["events"] > 0 and summary["rejects"] == 0


def test_batch_rejects_are_written_and_counted(tmp_path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text('{"id": "ok", "text": "Drones struck Odesa."}\n{oops\n{"id": "e", "text": ""}\n')
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(dump), "-o", str(out), "--model", "baseline"])
    assert result.exit_code == 0
    summary = json.loads(result.output.strip().splitlines()[-1])
    assert summary["documents"] == 1 and summary["rejects"] == 2
    rejects = [json.loads(x) for x in open(summary["rejects_file"])]
    assert [r["where"].rsplit(":", 1)[1] for r in rejects] == ["2", "3"]
    assert f"{dump}:2" in result.output


def test_missing_input_is_one_line(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [f"error: {tmp_path / 'nope.txt'}: no such file or directory"]


def test_ontology_command_lists_types():
    result = runner.invoke(app, ["ontology"])
    assert result.exit_code == 0 and "AIRSPACE_INCURSION" in result.output and "speaker" in result.output


def test_import_writes_gold_that_validates_and_reports_unmapped(tmp_path):
    rows = [{"doc_key": "r1", "sentences": [["Jets", "bombed", "the", "depot", "."]],
             "evt_triggers": [[1, 1, [["conflict.attack.airstrikemissilestrike", 1.0]]]],
             "gold_evt_links": [[[1, 1], [0, 0], "evt001arg01attacker"]]},
            {"doc_key": "r2", "sentences": [["He", "bought", "a", "car", "."]],
             "evt_triggers": [[1, 1, [["transaction.transferownership.purchase", 1.0]]]], "gold_evt_links": []}]
    src = tmp_path / "rams.jsonlines"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "gold.jsonl"
    result = runner.invoke(app, ["import", str(src), "--format", "rams", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "transaction.transferownership.purchase (1)" in result.output
    assert runner.invoke(app, ["validate", str(out)]).exit_code == 0
    (doc,) = [Document.model_validate_json(line) for line in out.read_text().splitlines()]
    assert [(e.type, [(a.role, a.text) for a in e.arguments]) for e in doc.events] == [("ATTACK", [("agent", "Jets")])]


def test_import_of_an_unknown_format_is_one_line(tmp_path):
    result = runner.invoke(app, ["import", str(tmp_path), "--format", "nope", "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2 and "unknown import format 'nope'" in result.output


def test_no_dateline_leaves_events_without_a_time_expression_undated(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Title\n20220712\nhttps://x.org\nRussian jets entered Latvian airspace, the army said.\n")
    sources = {}
    for flag in ("--dateline", "--no-dateline"):
        out = tmp_path / f"{flag}.jsonl"
        result = runner.invoke(app, ["extract", str(article), "-o", str(out), "--model", "baseline", flag])
        assert result.exit_code == 0, result.output
        doc = Document.model_validate_json(out.read_text().splitlines()[0])
        assert doc.events
        sources[flag] = {ev.time.source if ev.time else None for ev in doc.events}
    assert sources["--dateline"] == {"publication"} and sources["--no-dateline"] == {None}
