"""Throughput, time and peak memory of `eventx extract` as the dump grows, by workers and engine.

    python benchmarks/scale.py --base 2000 --sizes 1,4,16 --workers 1,2 --ray-size 4 --model baseline

For each size (a multiple of --base generated articles, made by benchmarks/make_dump.py) and each
worker count it runs `eventx extract DUMP -o DIR --workers N` into a fresh shard directory, as a
subprocess, and polls the RSS of its whole process tree (main process, workers, and for Ray the
raylet, GCS and actors) every 50 ms: the peak of that sum is the memory figure. With --ray-size it
runs the Ray engine and the local engine on the same dump and checks that their records match.
Results go to --json; a Markdown table goes to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_dump import write_dump  # noqa: E402


def eventx_command() -> list[str]:
    script = Path(sys.executable).parent / "eventx"
    return [str(script)] if script.exists() else [sys.executable, "-c", "from eventx.cli import app; app()"]


def sample(proc: psutil.Process, cpu: dict[int, float]) -> tuple[int, int]:
    """(RSS of the whole tree, RSS of the main process), bytes; notes each process's CPU seconds."""
    try:
        tree = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0, 0
    total = main = 0
    for p in tree:
        try:
            with p.oneshot():
                rss = p.memory_info().rss
                times = p.cpu_times()
        except psutil.Error:
            continue
        total += rss
        main = rss if p.pid == proc.pid else main
        cpu[p.pid] = times.user + times.system
    return total, main


def measure(args: list[str], env: dict[str, str] | None = None) -> dict[str, object]:
    """Run one command; wall time, peak tree RSS, peak main RSS, CPU seconds and its summary."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})
    ps = psutil.Process(proc.pid)
    peak_tree = peak_main = 0
    cpu: dict[int, float] = {}
    while proc.poll() is None:
        tree, main = sample(ps, cpu)
        peak_tree, peak_main = max(peak_tree, tree), max(peak_main, main)
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(args)}\n{err[-2000:]}")
    summary = json.loads(err.strip().splitlines()[-1])
    cpu_seconds = sum(cpu.values())  # as last seen, a little short for processes that ended between polls
    return {"seconds": round(seconds, 2), "peak_tree_rss_mb": round(peak_tree / 2**20, 1),
            "peak_main_rss_mb": round(peak_main / 2**20, 1), "cpu_seconds": round(cpu_seconds, 1),
            "cores_used": round(cpu_seconds / seconds, 2), "documents": summary["documents"],
            "docs_per_second": round(summary["documents"] / seconds, 1),
            "docs_per_second_reported": summary["docs_per_second"]}


def parts(out: Path) -> list[str]:
    return [line for p in sorted(out.glob("part-*.jsonl")) for line in p.read_text().splitlines()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=2000, help="Articles in the 1x dump.")
    parser.add_argument("--sizes", default="1,4,16", help="Dump sizes as multiples of --base.")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--model", default="baseline", help="'baseline' or a model directory (models/default).")
    parser.add_argument("--shard-size", type=int, default=1000)
    parser.add_argument("--ray-size", type=int, default=4, help="Size (multiple) for Ray vs local; 0: skip Ray.")
    parser.add_argument("--ray-workers", type=int, default=2)
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench")
    parser.add_argument("--json", type=Path, default=ROOT / "build" / "bench" / "scale.json")
    args = parser.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    workers = [int(x) for x in args.workers.split(",")]
    args.work.mkdir(parents=True, exist_ok=True)
    cmd = eventx_command()
    tag = "baseline" if args.model == "baseline" else Path(args.model).name
    results: dict[str, object] = {"cores": len(os.sched_getaffinity(0)), "model": args.model, "runs": []}

    for size in sorted(set(sizes + ([args.ray_size] if args.ray_size else []))):
        dump = args.work / f"dump-{size}x.jsonl"
        if not dump.exists():
            write_dump(dump, args.base * size)
        for n in workers if size in sizes else []:
            out = args.work / f"out-{tag}-{size}x-w{n}"
            shutil.rmtree(out, ignore_errors=True)
            load = os.getloadavg()[0]
            run = measure([*cmd, "extract", str(dump), "-o", str(out), "--model", args.model, "--workers", str(n),
                           "--shard-size", str(args.shard_size), "--no-progress"])
            run.update({"engine": "local", "size": f"{size}x", "workers": n, "load_before": round(load, 2)})
            results["runs"].append(run)  # type: ignore[union-attr]
            print(json.dumps(run), file=sys.stderr)
        if size == args.ray_size:
            local = args.work / f"out-{tag}-{size}x-w{args.ray_workers}"
            if not local.exists():
                run = measure([*cmd, "extract", str(dump), "-o", str(local), "--model", args.model,
                               "--workers", str(args.ray_workers), "--shard-size", str(args.shard_size),
                               "--no-progress"])
                run.update({"engine": "local", "size": f"{size}x", "workers": args.ray_workers})
                results["runs"].append(run)  # type: ignore[union-attr]
            out = args.work / f"out-{tag}-{size}x-ray{args.ray_workers}"
            shutil.rmtree(out, ignore_errors=True)
            load = os.getloadavg()[0]
            run = measure([*cmd, "extract", str(dump), "-o", str(out), "--model", args.model, "--engine", "ray",
                           "--workers", str(args.ray_workers), "--shard-size", str(args.shard_size), "--no-progress"],
                          env={"RAY_DISABLE_IMPORT_WARNING": "1"})
            run.update({"engine": "ray", "size": f"{size}x", "workers": args.ray_workers, "load_before": round(load, 2),
                        "records_match_local": parts(out) == parts(local)})
            results["runs"].append(run)  # type: ignore[union-attr]
            print(json.dumps(run), file=sys.stderr)

    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n")
    print("| model | engine | dump | documents | workers | seconds | docs/s | CPU s (cores used) "
          "| peak RSS, tree (MB) | peak RSS, main (MB) |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in results["runs"]:  # type: ignore[union-attr]
        print(f"| {tag} | {r['engine']} | {r['size']} | {r['documents']} | {r['workers']} | {r['seconds']} | "
              f"{r['docs_per_second']} | {r['cpu_seconds']} ({r['cores_used']}) | {r['peak_tree_rss_mb']} | "
              f"{r['peak_main_rss_mb']} |")


if __name__ == "__main__":
    main()
