"""The Ray engine on a local Ray instance gives the local engine's records, rejects included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

try:
    import ray
    import ray.data  # noqa: F401
except ImportError:  # pragma: no cover - depends on the environment
    pytest.skip('ray is not installed (pip install "ray[data]" or the "ray" extra)', allow_module_level=True)

from eventx.cli import app
from eventx.records import Document

runner = CliRunner()
TEXTS = [
    "Two Russian jets entered Estonian airspace on Monday, the army said.",
    "Drones struck a fuel depot near Odesa overnight, officials reported. Three soldiers were killed.",
    "Poland deployed 3,000 troops to the border last week, the ministry said in a statement.",
    "The ministers met in Vilnius on Friday and signed an agreement on air defence.",
]


@pytest.fixture(scope="module")
def local_ray():
    """One small local instance for the module; the engine uses it instead of starting its own."""
    ray.init(num_cpus=2, include_dashboard=False)
    yield
    ray.shutdown()


@pytest.fixture
def inputs(tmp_path) -> list[Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    lines = []
    for i in range(40):
        row = {"text": f"{TEXTS[i % 4]} {TEXTS[(i + 1) % 4]} Item {i}.", "published": f"2023-05-{1 + i % 28:02d}"}
        if i % 5:
            row["id"] = f"j{i}"
        lines.append(json.dumps(row))
    lines[7] = '{"id": "broken", "text": '
    lines.insert(12, "")
    lines[20] = json.dumps({"id": "empty", "text": ""})
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_bytes(("\n".join(lines) + "\n").encode() + b'{"id": "latin", "text": "caf\xe9"}\n')
    rows = [{"id": f"p{i}", "text": TEXTS[i % 4], "published": "2024-01-02"} for i in range(15)]
    rows[3]["published"] = "not a date"
    parquet = tmp_path / "b.parquet"
    pq.write_table(pa.Table.from_pylist(rows), parquet)
    return [jsonl, parquet]


def read_parts(out: Path) -> list[str]:
    return [line for p in sorted(out.glob("part-*.jsonl")) for line in p.read_text().splitlines()]


def test_ray_engine_matches_local_records(local_ray, inputs, tmp_path):
    local, on_ray = tmp_path / "local", tmp_path / "ray"
    common = ["extract", *map(str, inputs), "--model", "baseline", "--shard-size", "16"]
    assert runner.invoke(app, [*common, "-o", str(local)]).exit_code == 0
    result = runner.invoke(app, [*common, "-o", str(on_ray), "--engine", "ray", "--workers", "2", "--threads", "1"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output.strip().splitlines()[-1])
    assert summary["engine"] == "ray" and summary["documents"] == 52 and summary["rejects"] == 4
    assert read_parts(on_ray) == read_parts(local)
    assert sorted(p.name for p in on_ray.glob("part-*")) == sorted(p.name for p in local.glob("part-*"))
    assert (on_ray / "rejects.jsonl").read_text() == (local / "rejects.jsonl").read_text()
    wheres = [json.loads(x)["where"] for x in (local / "rejects.jsonl").read_text().splitlines()]
    assert wheres == [f"{inputs[0]}:8", f"{inputs[0]}:21", f"{inputs[0]}:42", f"{inputs[1]}:row 4"]

    single = tmp_path / "single.jsonl"
    assert runner.invoke(app, [*common, "-o", str(single), "--engine", "ray"]).exit_code == 0
    assert single.read_text().splitlines() == read_parts(local)


def test_map_batches_stage_on_a_dataset_of_fields(local_ray):
    import eventx
    from eventx.integrations.ray import extract

    rows = [{"id": f"r{i}", "text": TEXTS[i % 4], "published": "2023-05-02"} for i in range(10)]
    out = extract(ray.data.from_items(rows), model="baseline", workers=1, threads=1).take_all()
    assert len(out) == 10 and all(r["problem"] is None for r in out)
    got = {r["id"]: Document.model_validate_json(r["document"]) for r in out}
    want = list(eventx.load("baseline").pipe(rows))
    assert [got[d.id].model_dump() for d in want] == [d.model_dump() for d in want]
