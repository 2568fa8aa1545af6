"""Batch extraction: shards, resume after a kill, rejects, disk full, single-file output."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import eventx.batch
from eventx.batch import DELAY_ENV, MANIFEST, REJECTS, STATE_DIR, output_mode
from eventx.cli import app
from eventx.records import Document

runner = CliRunner()
SENTENCES = [
    "Two Russian jets entered Estonian airspace on Monday, the army said.",
    "Drones struck a fuel depot near Odesa overnight, officials reported.",
    "Poland deployed 3,000 troops to the border last week.",
    "The ministers met in Vilnius and signed an agreement on air defence.",
]
CLI = [sys.executable, "-c", "from eventx.cli import app; app()"]


def write_dump(path: Path, n: int, broken: bool = True) -> Path:
    """n articles, every seventh without an id (content hash), and some broken lines."""
    lines = []
    for i in range(n):
        text = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(1 + i % 3)) + f" Report {i}."
        row = {"text": text, "published": f"2023-03-{1 + i % 28:02d}"}
        if i % 7:
            row["id"] = f"doc-{i:04d}"
        lines.append(json.dumps(row))
        if broken and i % 25 == 24:
            lines.append('{"id": "broken", "text": ')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def parts(out: Path) -> list[str]:
    """All records of a shard directory, in part order, as JSON lines."""
    return [line for p in sorted(out.glob("part-*.jsonl")) for line in p.read_text().splitlines()]


def summary_of(output: str) -> dict:
    return json.loads(output.strip().splitlines()[-1])


def test_output_mode():
    assert output_mode(None) == "stdout"
    assert output_mode("out.jsonl") == output_mode("out.parquet") == "file"
    assert output_mode("out") == output_mode("runs/2024.06") == "shards"


def test_shard_directory_layout_and_summary(tmp_path):
    dump = write_dump(tmp_path / "dump.jsonl", 30)
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(dump), "-o", str(out), "--model", "baseline", "--shard-size", "8"])
    assert result.exit_code == 0, result.output
    summary = summary_of(result.output)
    assert summary["documents"] == 30 and summary["rejects"] == 1 and summary["shards"] == 4
    assert summary["events"] == sum(summary["events_by_type"].values()) > 0
    assert sorted(p.name for p in out.glob("part-*")) == [f"part-0000{i}.jsonl" for i in range(4)]
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["complete"] and manifest["shard_size"] == 8 and manifest["inputs"] == [str(dump)]
    docs = [Document.model_validate_json(line) for line in parts(out)]
    assert docs[0].id.startswith("sha1-") and docs[1].id == "doc-0001"  # input order; hash without id
    assert len({d.id for d in docs}) == 30
    # the same run again resumes a complete directory: nothing is extracted twice
    again = runner.invoke(app, ["extract", str(dump), "-o", str(out), "--model", "baseline", "--shard-size", "8"])
    assert again.exit_code == 0 and summary_of(again.output)["extracted"] == 0
    assert [Document.model_validate_json(line).id for line in parts(out)] == [d.id for d in docs]


@pytest.mark.parametrize(("sig", "workers"), [(signal.SIGINT, 1), (signal.SIGKILL, 2)],
                         ids=["ctrl-c-one-worker", "kill-9-two-workers"])
def test_killed_run_resumes_to_the_clean_result(tmp_path, sig, workers):
    dump = write_dump(tmp_path / "dump.jsonl", 60)  # and 2 broken lines: 62 records, 13 shards
    clean, out = tmp_path / "clean", tmp_path / "out"
    args = ["extract", str(dump), "--model", "baseline", "--shard-size", "5", "--workers", str(workers)]
    clean_args = ["extract", str(dump), "--model", "baseline", "--shard-size", "5", "-o", str(clean)]
    assert runner.invoke(app, clean_args).exit_code == 0  # in-process, one worker: the reference

    env = {**os.environ, DELAY_ENV: "0.3"}  # slow shards, so the kill lands midway
    proc = subprocess.Popen([*CLI, *args, "-o", str(out)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 90
    while len(list((out / STATE_DIR).glob("part-*.json"))) < 3:  # any three: two workers finish out of order
        assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read() if proc.stderr else ""
        time.sleep(0.05)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode != 0
    if sig == signal.SIGINT:
        assert err.strip().splitlines()[-1] == "interrupted"
    manifest = json.loads((out / MANIFEST).read_text())
    assert not manifest["complete"]
    kept = len(list((out / STATE_DIR).glob("part-*.json")))
    assert 3 <= kept < 13

    resumed = subprocess.run([*CLI, *args, "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    summary = summary_of(resumed.stderr)
    assert summary["shards_resumed"] >= 3 and summary["documents"] == 60
    assert parts(out) == parts(clean)  # record for record: no loss, no duplicate
    assert (out / REJECTS).read_text() == (clean / REJECTS).read_text()
    assert not [p for p in out.rglob(".*.tmp-*")]
    ids = [json.loads(line)["id"] for line in parts(out)]
    assert len(ids) == len(set(ids)) == 60


def test_every_broken_line_is_a_reject_with_its_reason(tmp_path):
    dump = tmp_path / "dump.jsonl"
    good = json.dumps({"id": "ok", "text": SENTENCES[0], "published": "2023-03-14"})
    dump.write_bytes("\n".join([
        good,                                                   # 1
        '{"id": "a", "text": "unterminated',                    # 2 malformed JSON
        "",                                                     # 3 blank: skipped, not a record
        '{"id": "b", "title": "no text"}',                      # 4 missing field
        '{"id": "c", "text": "   "}',                           # 5 empty text
        '{"id": "d", "text": "Jets flew.", "published": "14/03/2023"}',  # 6 bad date
        "[1, 2, 3]",                                            # 7 not an object
        '{"id": "e", "text": 42}',                              # 8 text not a string
        good.replace('"ok"', '"ok2"'),                          # 9
    ]).encode() + b"\n" + b'{"id": "f", "text": "caf\xe9"}\n')  # 10 not UTF-8
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(dump), "-o", str(out), "--model", "baseline", "--shard-size", "3"])
    assert result.exit_code == 0, result.output
    summary = summary_of(result.output)
    assert summary["documents"] == 2 and summary["rejects"] == 7
    rejects = [json.loads(line) for line in (out / REJECTS).read_text().splitlines()]
    lines = [r["where"].rsplit(":", 1)[1] for r in rejects]
    assert lines == ["2", "4", "5", "6", "7", "8", "10"]
    problems = dict(zip(lines, (r["problem"] for r in rejects)))
    assert problems["2"].startswith("malformed JSON")
    assert problems["4"] == "missing field 'text'"
    assert problems["5"] == "empty text"
    assert "bad date" in problems["6"]
    assert problems["7"] == "expected an object, got list"
    assert "string" in problems["8"]
    assert problems["10"] == "not valid UTF-8"
    for line in lines:
        assert f"{dump}:{line}" in result.output  # and each is said as it is read
    assert [json.loads(x)["id"] for x in parts(out)] == ["ok", "ok2"]


def test_disk_full_is_one_line_and_keeps_complete_shards(tmp_path, monkeypatch):
    dump = write_dump(tmp_path / "dump.jsonl", 25, broken=False)
    out = tmp_path / "out"
    real = eventx.batch.write_shard

    def full_on_third(path: Path, docs: list[Document], fmt: str) -> None:
        if path.name == "part-00002.jsonl":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, docs, fmt)

    monkeypatch.setattr(eventx.batch, "write_shard", full_on_third)
    args = ["extract", str(dump), "-o", str(out), "--model", "baseline", "--shard-size", "5"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "disk full" in lines[0]
    assert "part-00002.jsonl" in lines[0] and "re-run the same command" in lines[0]
    assert sorted(p.name for p in out.glob("part-*")) == ["part-00000.jsonl", "part-00001.jsonl"]
    assert len(parts(out)) == 10 and all(Document.model_validate_json(x) for x in parts(out))
    assert not json.loads((out / MANIFEST).read_text())["complete"]
    assert not [p for p in out.rglob(".*.tmp-*")]

    monkeypatch.setattr(eventx.batch, "write_shard", real)  # space freed: resume
    resumed = runner.invoke(app, args)
    assert resumed.exit_code == 0, resumed.output
    assert summary_of(resumed.output)["shards_resumed"] == 2
    clean = tmp_path / "clean"
    assert runner.invoke(app, [*args[:3], str(clean), *args[4:]]).exit_code == 0
    assert parts(out) == parts(clean)


def test_unwritable_temp_is_cleaned_and_error_names_the_file(tmp_path, monkeypatch):
    dump = write_dump(tmp_path / "dump.jsonl", 6, broken=False)
    out = tmp_path / "out"

    def fail_fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(eventx.batch.os, "fsync", fail_fsync)
    result = runner.invoke(app, ["extract", str(dump), "-o", str(out), "--model", "baseline"])
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1
    assert "input/output error" in result.output
    assert not [p for p in out.rglob(".*.tmp-*")] and not list(out.glob("part-*"))


def test_a_changed_run_is_refused_in_one_line(tmp_path):
    dump = write_dump(tmp_path / "dump.jsonl", 12, broken=False)
    out = tmp_path / "out"
    base = ["extract", str(dump), "-o", str(out), "--model", "baseline", "--shard-size", "5"]
    assert runner.invoke(app, base).exit_code == 0
    other = runner.invoke(app, [*base[:-1], "4"])
    assert other.exit_code == 2 and len(other.output.strip().splitlines()) == 1
    assert "shard size" in other.output and "--overwrite" in other.output
    assert runner.invoke(app, [*base[:-1], "4", "--overwrite"]).exit_code == 0
    assert len(list(out.glob("part-*"))) == 3

    stranger = tmp_path / "busy"
    stranger.mkdir()
    (stranger / "notes.txt").write_text("mine")
    refused = runner.invoke(app, ["extract", str(dump), "-o", str(stranger), "--model", "baseline"])
    assert refused.exit_code == 2 and "not an eventx output directory" in refused.output
    assert (stranger / "notes.txt").read_text() == "mine"


def test_missing_input_fails_before_any_output(tmp_path):
    dump = write_dump(tmp_path / "dump.jsonl", 3, broken=False)
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(dump), str(tmp_path / "gone.jsonl"), "-o", str(out)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [f"error: {tmp_path / 'gone.jsonl'}: no such file or directory"]
    assert not out.exists()


def test_single_file_output_is_the_same_with_workers(tmp_path):
    dump = write_dump(tmp_path / "dump.jsonl", 40)
    one, two, shards = tmp_path / "one.jsonl", tmp_path / "two.jsonl", tmp_path / "shards"
    assert runner.invoke(app, ["extract", str(dump), "-o", str(one), "--model", "baseline"]).exit_code == 0
    result = runner.invoke(app, ["extract", str(dump), "-o", str(two), "--model", "baseline", "--workers", "2",
                                 "--shard-size", "7"])
    assert result.exit_code == 0, result.output
    assert one.read_text() == two.read_text() and len(one.read_text().splitlines()) == 40
    assert Path(f"{two}.rejects.jsonl").exists() and not list(tmp_path.glob(".*.tmp-*"))
    assert runner.invoke(app, ["extract", str(dump), "-o", str(shards), "--model", "baseline"]).exit_code == 0
    assert parts(shards) == one.read_text().splitlines()


def test_parquet_shards_read_back(tmp_path):
    from eventx.readers import read

    dump = write_dump(tmp_path / "dump.jsonl", 15, broken=False)
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(dump), "-o", str(out), "--model", "baseline", "--format", "parquet",
                                 "--shard-size", "6"])
    assert result.exit_code == 0, result.output
    files = sorted(out.glob("part-*.parquet"))
    assert len(files) == 3
    docs = [d for f in files for d in read(f)]
    assert len(docs) == 15 and all(isinstance(d, Document) for d in docs)
