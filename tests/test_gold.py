import json

from typer.testing import CliRunner

from eventx.cli import app
from eventx.gold import validate_file


def write(tmp_path, records):
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_valid_gold_passes(tmp_path, small_doc):
    path = write(tmp_path, [json.loads(small_doc.model_dump_json())])
    result = validate_file(path)
    assert result.ok and result.documents == 1 and result.events == 2


def test_every_problem_is_reported_with_its_line(tmp_path, small_doc):
    good = json.loads(small_doc.model_dump_json())
    bad = json.loads(small_doc.model_dump_json())
    bad["id"] = "d2"
    bad["events"][0]["type"] = "ALIEN_LANDING"
    bad["events"][1]["arguments"][0]["start"] += 1
    bad["events"][1]["arguments"][0]["role"] = "aircraft"
    dup = json.loads(json.dumps(bad["events"][1]))
    dup["id"] = "e3"
    bad["events"].append(dup)
    bad["events"][1]["time"] = {"value": "last Monday"}
    path = write(tmp_path, [good, bad])
    with open(path, "a") as f:
        f.write("{not json\n")
    problems = validate_file(path).problems
    line2 = [p for p in problems if ":2:" in p]
    assert any("unknown event type 'ALIEN_LANDING'" in p for p in line2)
    assert any("does not match the text" in p for p in line2)
    assert any("role 'aircraft' is not allowed for STATEMENT" in p for p in line2)
    assert any("duplicate of event e2" in p for p in line2)
    assert any("time value 'last Monday'" in p for p in line2)
    assert any(p.startswith(f"{path}:3: malformed JSON") for p in problems)
    assert not any(":1:" in p for p in problems)


def test_validate_command_exit_codes(tmp_path, small_doc):
    path = write(tmp_path, [json.loads(small_doc.model_dump_json())])
    assert CliRunner().invoke(app, ["validate", str(path)]).exit_code == 0
    bad = json.loads(small_doc.model_dump_json())
    bad["events"][0]["trigger"]["end"] = 10_000
    result = CliRunner().invoke(app, ["validate", str(write(tmp_path, [bad]))])
    assert result.exit_code == 1 and "bad offsets" in result.output
