"""Batch extraction at scale: shards, a manifest, resume, worker processes, progress, summary.

`eventx extract INPUT... -o OUT` runs here. Two kinds of output:

- **A directory of shards** (`-o OUT`, any name that does not end in .jsonl, .ndjson, .json or
  .parquet, or an existing directory). Shard k holds input records k*S .. (k+1)*S-1 (S =
  `shard_size`, counted over documents and rejects, in input order), so the set of shards depends
  on the input alone. Each shard becomes visible atomically (temp name, fsync, `os.replace`) as
  `part-NNNNN.jsonl` (or `.parquet`), followed by its state file `_shards/part-NNNNN.json` (counts,
  rejects, a digest of its record keys); a shard is complete when both exist. `_manifest.json`
  records the inputs and options. Re-running the same command skips complete shards (it re-reads
  them, checking their keys, without re-extracting), so a crash or Ctrl-C loses at most the shards
  in flight, and the result is record for record what a clean run writes. `rejects.jsonl` and the
  final manifest (with the summary) are written, the same safe way, once every shard is done.
- **One file** (`-o out.jsonl` / `out.parquet`, or stdout without `-o`): as before, records in
  input order, rejects in `out.jsonl.rejects.jsonl`; the file appears when the run ends. Not
  resumable: use a directory for long runs.

Workers are processes started with 'spawn' (safe with torch and threads); each loads the model
once and uses cores/workers torch threads. Shards are extracted in batches grouped by length.
"""

from __future__ import annotations

import errno
import hashlib
import json
import multiprocessing as mp
import os
import queue
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from eventx.errors import EventxError, InputError, ModelError
from eventx.readers import SUFFIXES, Fields, Reject, input_files, read
from eventx.records import Document

MANIFEST = "_manifest.json"
STATE_DIR = "_shards"
REJECTS = "rejects.jsonl"
LOCK = ".lock"
FORMATS = ("jsonl", "parquet")
FILE_SUFFIXES = (".jsonl", ".ndjson", ".json", ".parquet")
ENGINES = ("local", "ray")
DELAY_ENV = "EVENTX_BATCH_DELAY"
"""Seconds to sleep after extracting each shard: lets tests stop a run midway, reliably."""

Item = Document | Reject
Log = Callable[[str], None]


class BatchError(EventxError):
    """A batch run that cannot go on: disk full, a dead worker, a busy OUT."""


class RunMismatch(BatchError):
    """OUT holds another run (other inputs, options or model): resuming it would mix outputs."""


@dataclass(frozen=True)
class BatchConfig:
    """Everything `eventx extract` was asked to do; the manifest keeps the parts that shape output."""

    inputs: tuple[str, ...]
    output: str | None = None
    model: str | None = None
    ontology: str | None = None
    fields: Fields = field(default_factory=Fields)
    batch_size: int = 16
    workers: int = 1
    threads: int | None = None
    shard_size: int = 1000
    format: str = "jsonl"
    rejects: str | None = None
    overwrite: bool = False
    engine: str = "local"
    address: str | None = None
    progress: bool | None = None  # None: a bar when stderr is a terminal
    precision: str = "auto"  # of the model: auto, fp32, bf16 or int8 (eventx.load)
    dateline: bool = True  # undated events take the publication date (eventx.load)


@dataclass(frozen=True)
class WorkerSpec:
    """What a worker needs to rebuild the pipeline in its own process (picklable)."""

    model: str
    ontology: str | None
    batch_size: int
    threads: int | None
    out_dir: str | None
    format: str
    delay: float = 0.0
    precision: str = "auto"
    dateline: bool = True


# ---- inputs, model, files -------------------------------------------------------------------


def output_mode(output: str | Path | None) -> str:
    """'stdout', 'file' (one .jsonl/.parquet file, as before) or 'shards' (a resumable directory)."""
    if output is None:
        return "stdout"
    path = Path(output)
    if path.is_dir() or str(output).endswith(("/", os.sep)):
        return "shards"
    return "file" if path.suffix.lower() in FILE_SUFFIXES else "shards"


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Input files in reading order; fails before any work if one is missing or unreadable."""
    files: list[Path] = []
    for path in map(Path, inputs):
        for file in input_files(path):
            if file.suffix.lower() not in SUFFIXES:
                raise InputError(str(file), f"unknown input format {file.suffix!r} (known: {', '.join(SUFFIXES)})")
            files.append(file)
    for path in files:
        try:
            with open(path, "rb"):
                pass
        except OSError as e:
            raise InputError(str(path), f"cannot read ({(e.strerror or str(e)).lower()})") from None
    return files


def resolve_model(model: str | None) -> str:
    """The model a run uses, fixed once, so a resume cannot switch models under it."""
    import eventx

    if model is None:
        default = eventx.default_model_path()
        return str(default) if (default / "config.json").exists() else eventx.BASELINE
    if model != eventx.BASELINE and not (Path(model) / "config.json").exists():
        raise ModelError(f"{model}: not an eventx model directory (no config.json)")
    return model


def model_fingerprint(model: str) -> str:
    """Identifies trained weights (config hash, weight sizes): a resume must use the same model."""
    path = Path(model)
    if not (path / "config.json").exists():
        return model
    digest = hashlib.sha1((path / "config.json").read_bytes())
    for weights in sorted(path.glob("*.safetensors")):
        digest.update(f"{weights.name}:{weights.stat().st_size}".encode())
    return f"{model}@{digest.hexdigest()[:12]}"


def estimate_records(files: Iterable[Path]) -> int:
    """Records to read, for the ETA: exact for JSONL, Parquet and articles, an upper bound for CSV."""
    total = 0
    for path in files:
        suffix = path.suffix.lower()
        try:
            if suffix == ".parquet":
                import pyarrow.parquet as pq

                total += pq.ParquetFile(path).metadata.num_rows
            elif suffix == ".txt":
                total += 1
            else:
                with open(path, "rb") as f:
                    n = sum(1 for line in f if line.strip())
                total += max(0, n - 1) if suffix == ".csv" else n
        except Exception:  # an estimate only: the reader reports unreadable files properly
            continue
    return total


def records(files: Iterable[Path], fields: Fields) -> Iterator[Item]:
    """Documents and rejects of all inputs, in input order, one at a time."""
    for path in files:
        yield from read(path, fields)


def shards(items: Iterable[Item], size: int) -> Iterator[tuple[int, list[Item]]]:
    """(index, records) of consecutive groups of `size` records: the unit of work and of resume."""
    batch: list[Item] = []
    index = 0
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield index, batch
            index, batch = index + 1, []
    if batch:
        yield index, batch


def shard_key(items: Iterable[Item]) -> str:
    """A digest of the records' keys (document id, or content hash; where, for rejects)."""
    digest = hashlib.sha1()
    for item in items:
        digest.update((f"d:{item.id}\n" if isinstance(item, Document) else f"r:{item.where}\n").encode())
    return digest.hexdigest()


def part_name(index: int, fmt: str) -> str:
    return f"part-{index:05d}.{fmt}"


def fsync_dir(path: Path) -> None:
    """Makes a rename durable (POSIX); a no-op where directories cannot be opened."""
    with suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Write through `write(temp)`, fsync, then rename: readers see the whole file or none."""
    temp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        write(temp)
        with open(temp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(temp, path)
    except BaseException:
        with suppress(OSError):
            temp.unlink()
        raise
    fsync_dir(path.parent)


def write_json(path: Path, data: Any) -> None:
    def write(temp: Path) -> None:
        temp.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    atomic_write(path, write)


def write_shard(path: Path, docs: list[Document], fmt: str) -> None:
    """The shard writer: one part file of Documents, visible only once complete."""
    from eventx.writers import JsonlWriter, ParquetWriter

    def write(temp: Path) -> None:
        with (ParquetWriter(temp) if fmt == "parquet" else JsonlWriter(temp)) as writer:
            for doc in docs:
                writer.write(doc)

    atomic_write(path, write)


def describe_os_error(e: OSError, path: Path | str | None = None) -> str:
    """One line for an I/O failure, naming the file; disk full is said in plain words."""
    where = e.filename or path
    reason = "disk full (no space left on device)" if e.errno == errno.ENOSPC else (e.strerror or str(e)).lower()
    return f"{where}: {reason}" if where else reason


# ---- extraction of one shard (in-process, in a worker process, or committed from Ray) -----------


class ShardProcessor:
    """Extracts a shard, length-grouped, and commits it; the same code in every process."""

    def __init__(self, nlp: Any, spec: WorkerSpec) -> None:
        self.nlp = nlp
        self.spec = spec

    def extract(self, items: list[Item], progress: Callable[[int], None]) -> list[Item]:
        """Events for every Document, records back in input order; batches hold similar lengths."""
        slots = [i for i, x in enumerate(items) if isinstance(x, Document)]
        order = sorted(slots, key=lambda i: len(items[i].text))  # type: ignore[union-attr]
        out = list(items)
        step = self.spec.batch_size
        done = 0
        for i, doc in zip(order, self.nlp.pipe((items[i] for i in order), batch_size=step)):
            out[i] = doc
            done += 1
            if done % step == 0:
                progress(step)
        progress(done % step + len(items) - len(slots))
        if self.spec.delay:
            time.sleep(self.spec.delay)
        return out

    def commit(self, index: int, items: list[Item], extra: dict[str, Any] | None = None) -> dict[str, Any]:
        """Write the part file, then its state file (which marks the shard complete)."""
        assert self.spec.out_dir is not None
        out = Path(self.spec.out_dir)
        docs = [x for x in items if isinstance(x, Document)]
        path = out / part_name(index, self.spec.format)
        try:
            write_shard(path, docs, self.spec.format)
        except OSError as e:
            raise BatchError(describe_os_error(e, path)) from None
        types: Counter[str] = Counter(e.type for d in docs for e in d.events)
        state = {
            "index": index, "file": path.name, "records": len(items), "documents": len(docs),
            "sentences": sum(len(d.sentences) for d in docs), "events_by_type": dict(sorted(types.items())),
            "key": shard_key(items), "rejects": [x.to_dict() for x in items if isinstance(x, Reject)],
            **(extra or {}),
        }
        state_path = out / STATE_DIR / f"{path.stem}.json"
        try:
            write_json(state_path, state)
        except OSError as e:
            raise BatchError(describe_os_error(e, state_path)) from None
        return state

    def run(self, index: int, items: list[Item], progress: Callable[[int], None]) -> Any:
        """A shard's result: its state (directory output) or its records (single-file output)."""
        done = self.extract(items, progress)
        return self.commit(index, done) if self.spec.out_dir else done


def load_pipeline(spec: WorkerSpec) -> Any:
    import eventx

    nlp = eventx.load(spec.model, ontology=spec.ontology, precision=spec.precision, dateline=spec.dateline)
    if spec.threads and "torch" in sys.modules:
        import torch

        torch.set_num_threads(spec.threads)
    return nlp


# ---- workers ----------------------------------------------------------------------------------


def _watch_parent(parent: int) -> None:
    """A worker whose parent died (kill -9) exits instead of lingering."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _worker_main(spec: WorkerSpec, tasks: Any, results: Any, progress: Any, parent: int) -> None:
    """A worker process: load the model once, then extract shards until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C means
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if spec.threads:
        for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = str(spec.threads)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        processor = ShardProcessor(load_pipeline(spec), spec)
    except BaseException as e:
        results.put(("error", -1, _describe(e)))
        return
    while (task := tasks.get()) is not None:
        index, items = task
        try:
            results.put(("ok", index, processor.run(index, items, progress.put)))
        except BaseException as e:
            results.put(("error", index, _describe(e)))
            return


def _describe(e: BaseException) -> str:
    if isinstance(e, EventxError):
        return str(e)
    if isinstance(e, OSError):
        return describe_os_error(e)
    return f"{type(e).__name__}: {e}"


class InlineRunner:
    """One worker: extraction in this process (no start-up cost, easy to debug)."""

    def __init__(self, spec: WorkerSpec, on_progress: Callable[[int], None]) -> None:
        self.processor = ShardProcessor(load_pipeline(spec), spec)
        self.on_progress = on_progress
        self.done: list[tuple[int, Any]] = []

    @property
    def pending(self) -> int:
        return len(self.done)

    def submit(self, index: int, items: list[Item]) -> None:
        self.done.append((index, self.processor.run(index, items, self.on_progress)))

    def next_result(self) -> tuple[int, Any]:
        return self.done.pop(0)

    def close(self) -> None:
        pass

    def terminate(self) -> None:
        pass


def _how_it_ended(code: int | None) -> str:
    if code is not None and code < 0:
        name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else str(-code)
        return f"was killed ({name}{'; out of memory?' if -code == signal.SIGKILL else ''})"
    return f"exited with code {code} (see the lines above)"


class ProcessRunner:
    """N spawned worker processes fed through queues; progress comes back per batch."""

    def __init__(self, spec: WorkerSpec, workers: int, on_progress: Callable[[int], None]) -> None:
        ctx = mp.get_context("spawn")
        self.tasks = ctx.Queue()
        self.results = ctx.Queue()
        self.progress = ctx.Queue()
        self.on_progress = on_progress
        self.pending = 0
        self.procs = [ctx.Process(target=_worker_main, daemon=True, name=f"eventx-worker-{i}",
                                  args=(spec, self.tasks, self.results, self.progress, os.getpid()))
                      for i in range(workers)]
        for p in self.procs:
            p.start()

    def submit(self, index: int, items: list[Item]) -> None:
        self.tasks.put((index, items))
        self.pending += 1

    def _drain_progress(self) -> None:
        with suppress(queue.Empty):
            while True:
                self.on_progress(self.progress.get_nowait())

    def next_result(self) -> tuple[int, Any]:
        while True:
            self._drain_progress()
            try:
                kind, index, payload = self.results.get(timeout=0.2)
            except queue.Empty:
                dead = [p for p in self.procs if p.exitcode not in (None, 0)]
                if dead:
                    raise BatchError(f"worker process {dead[0].name} {_how_it_ended(dead[0].exitcode)}") from None
                continue
            if kind == "error":
                raise BatchError(payload)
            self.pending -= 1
            self._drain_progress()
            return index, payload

    def close(self) -> None:
        for _ in self.procs:
            self.tasks.put(None)
        for p in self.procs:
            p.join(timeout=30)
        self.terminate()

    def terminate(self) -> None:
        for p in self.procs:
            if p.is_alive():
                p.terminate()
        for p in self.procs:
            p.join(timeout=5)
        for q in (self.tasks, self.results, self.progress):
            q.cancel_join_thread()
            q.close()


# ---- the shard directory ------------------------------------------------------------------------


class ShardDir:
    """OUT as a directory of shards: lock, manifest, which shards are complete, final files."""

    def __init__(self, path: Path, fmt: str) -> None:
        self.path = path
        self.format = fmt
        self._lock: Any = None

    def open(self, manifest: dict[str, Any], overwrite: bool) -> dict[int, dict[str, Any]]:
        """Lock OUT, check (or write) the manifest, clean temp files; return complete shards."""
        if self.path.is_dir() and not (self.path / MANIFEST).exists():
            strangers = [p.name for p in self.path.iterdir() if not self._ours(p.name)]
            if strangers:
                raise RunMismatch(f"{self.path}: not empty and not an eventx output directory "
                                  f"(holds {strangers[0]}); choose another -o")
        try:
            (self.path / STATE_DIR).mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise BatchError(describe_os_error(e, self.path)) from None
        self._take_lock()
        if overwrite:
            self._clear()
        old = self._read_manifest()
        if old is None:
            self._clear()
        else:
            self._check_same_run(old, manifest)
        for temp in [*self.path.glob(".*.tmp-*"), *(self.path / STATE_DIR).glob(".*.tmp-*")]:
            with suppress(OSError):
                temp.unlink()
        self.write_manifest({**manifest, "complete": False})
        return self.complete()

    def _ours(self, name: str) -> bool:
        return (name in (MANIFEST, STATE_DIR, REJECTS, LOCK) or name.startswith(".")
                or (name.startswith("part-") and name.endswith(tuple(f".{f}" for f in FORMATS))))

    def _clear(self) -> None:
        for p in [*self.path.glob("part-*.*"), *(self.path / STATE_DIR).glob("*.json"),
                  self.path / REJECTS, self.path / MANIFEST]:
            if p.is_file() and self._ours(p.name):
                p.unlink()

    def _take_lock(self) -> None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: no lock
            return
        self._lock = open(self.path / LOCK, "a")
        try:
            fcntl.flock(self._lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._lock.close()
            self._lock = None
            raise BatchError(f"{self.path}: another eventx extract is writing here") from None

    def close(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def _read_manifest(self) -> dict[str, Any] | None:
        path = self.path / MANIFEST
        if not path.exists():
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise BatchError(f"{path}: unreadable manifest ({e}); pass --overwrite to start again") from None

    def _check_same_run(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        for key in ("files", "format", "shard_size", "model", "precision", "dateline", "ontology", "fields", "engine"):
            if old.get(key) != new.get(key):
                what = "input files (or their sizes)" if key == "files" else key.replace("_", " ")
                raise RunMismatch(f"{self.path}: holds a run with other {what} than this one; re-run the "
                                 "original command to resume it, or pass --overwrite to start again")

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        try:
            write_json(self.path / MANIFEST, manifest)
        except OSError as e:
            raise BatchError(describe_os_error(e, self.path / MANIFEST)) from None

    def complete(self) -> dict[int, dict[str, Any]]:
        """Shards whose part file and state file both exist: done, never to be redone."""
        done: dict[int, dict[str, Any]] = {}
        for state_path in sorted((self.path / STATE_DIR).glob("part-*.json")):
            try:
                state = json.loads(state_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if (self.path / str(state.get("file"))).is_file():
                done[int(state["index"])] = state
        return done

    def finish(self, states: list[dict[str, Any]], manifest: dict[str, Any], summary: dict[str, Any]) -> None:
        """All shards done: rejects.jsonl, then the manifest that says the run is complete."""
        rejects = [r for s in states for r in s["rejects"]]
        path = self.path / REJECTS
        try:
            if rejects:
                def write(temp: Path) -> None:
                    with open(temp, "w", encoding="utf-8") as f:
                        for r in rejects:
                            f.write(json.dumps(r, ensure_ascii=False) + "\n")

                atomic_write(path, write)
            elif path.exists():
                path.unlink()
        except OSError as e:
            raise BatchError(describe_os_error(e, path)) from None
        self.write_manifest({**manifest, "complete": True, "parts": [s["file"] for s in states],
                             "summary": summary})


# ---- the run ------------------------------------------------------------------------------------


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """`kill` ends a run like Ctrl-C: workers stop, complete shards stay, the lock is released."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def default_threads(workers: int) -> int:
    """Torch threads per worker: the cores this process may use, shared out."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        cores = os.cpu_count() or 1
    return max(1, cores // max(1, workers))


def _progress_bar(total: int | None, enabled: bool | None) -> Any:
    from tqdm import tqdm

    return tqdm(total=total or None, unit=" docs", file=sys.stderr, disable=None if enabled is None else not enabled,
                mininterval=1.0, smoothing=0.1, dynamic_ncols=True)


def run(config: BatchConfig, log: Log = lambda line: print(line, file=sys.stderr)) -> dict[str, Any]:
    """Run an extraction as configured; returns the summary (also stored in OUT/_manifest.json)."""
    if config.format not in FORMATS:
        raise BatchError(f"unknown format {config.format!r} (known: {', '.join(FORMATS)})")
    if config.engine not in ENGINES:
        raise BatchError(f"unknown engine {config.engine!r} (known: {', '.join(ENGINES)})")
    files = expand_inputs(config.inputs)
    model = resolve_model(config.model)
    if config.ontology is not None:
        from eventx.ontology import Ontology

        Ontology.load(config.ontology)  # a bad ontology fails here, not in every worker
    workers = max(1, config.workers)
    threads = config.threads or (default_threads(workers) if workers > 1 and config.engine == "local" else None)
    delay = float(os.environ.get(DELAY_ENV) or 0)
    mode = output_mode(config.output)
    with _sigterm_as_interrupt():
        if mode == "shards":
            return _run_shards(config, files, model, workers, threads, delay, log)
        return _run_single(config, files, model, workers, threads, delay, log)


def _summary(name: str, states: Iterable[dict[str, Any]], extracted: int, seconds: float) -> dict[str, Any]:
    types: Counter[str] = Counter()
    documents = sentences = rejects = 0
    for s in states:
        documents += s["documents"]
        sentences += s["sentences"]
        rejects += len(s["rejects"]) if isinstance(s["rejects"], list) else s["rejects"]
        types.update(s["events_by_type"])
    return {
        "model": name, "documents": documents, "sentences": sentences, "events": sum(types.values()),
        "events_by_type": dict(sorted(types.items())), "rejects": rejects,
        "seconds": round(seconds, 2), "docs_per_second": round(extracted / max(seconds, 1e-9), 2),
    }


def _model_name(model: str) -> str:
    import eventx

    if model == eventx.BASELINE:
        return "baseline-lexicon"
    with suppress(OSError, ValueError):
        return str(json.loads((Path(model) / "config.json").read_text()).get("name") or model)
    return model


def _run_shards(config: BatchConfig, files: list[Path], model: str, workers: int, threads: int | None,
                delay: float, log: Log) -> dict[str, Any]:
    out = Path(config.output or ".")
    manifest = {
        "eventx": _version(), "inputs": [str(p) for p in config.inputs],
        "files": [{"path": str(p), "bytes": p.stat().st_size} for p in files],
        "format": config.format, "shard_size": config.shard_size, "model": model_fingerprint(model),
        "precision": config.precision, "dateline": config.dateline,
        "ontology": None if config.ontology is None else str(config.ontology),
        "fields": asdict(config.fields) | {"extra": list(config.fields.extra)}, "engine": config.engine,
        "options": {"workers": workers, "threads": threads, "batch_size": config.batch_size},
    }
    shard_dir = ShardDir(out, config.format)
    spec = WorkerSpec(model=model, ontology=None if config.ontology is None else str(config.ontology),
                      batch_size=config.batch_size, threads=threads, out_dir=str(out), format=config.format,
                      delay=delay, precision=config.precision, dateline=config.dateline)
    started = time.perf_counter()
    try:
        done = shard_dir.open(manifest, config.overwrite)
        if done:
            log(f"resuming {out}: {len(done)} complete shards kept")
        states: dict[int, dict[str, Any]] = dict(done)
        remaining = max(0, estimate_records(files) - sum(s["records"] for s in done.values()))
        bar = _progress_bar(remaining, config.progress)
        try:
            if config.engine == "ray":
                extracted = _shards_with_ray(config, files, spec, workers, done, states, bar)
            else:
                extracted = _shards_local(config, files, spec, workers, remaining, done, states, bar, log)
        except RunMismatch:
            raise
        except EventxError as e:  # disk full, an input gone bad midway, a dead worker: keep what is done
            kept = len(shard_dir.complete())
            raise BatchError(f"{e}; {kept} complete shards in {out} are kept: fix this and re-run the same "
                             "command to resume") from None
        finally:
            bar.close()
        ordered = [states[i] for i in sorted(states)]
        if sorted(states) != list(range(len(states))):
            raise BatchError(f"{out}: shard state does not match the input; pass --overwrite to start again")
        seconds = time.perf_counter() - started
        summary = _summary(_model_name(model), ordered, extracted, seconds)
        summary.update({
            "rejects_file": str(out / REJECTS) if summary["rejects"] else None, "output": str(out),
            "shards": len(ordered), "shards_resumed": len(done), "extracted": extracted,
            "workers": workers, "engine": config.engine,
        })
        shard_dir.finish(ordered, manifest, summary)
        return summary
    finally:
        shard_dir.close()


def _shards_local(config: BatchConfig, files: list[Path], spec: WorkerSpec, workers: int, remaining: int,
                  done: dict[int, dict[str, Any]], states: dict[int, dict[str, Any]], bar: Any, log: Log) -> int:
    """Read in the main process; extract and commit shards in this process or in N workers."""
    if remaining > 0:  # no idle processes for a small or nearly finished run
        workers = max(1, min(workers, -(-remaining // config.shard_size)))
    runner: InlineRunner | ProcessRunner = (InlineRunner(spec, bar.update) if workers == 1
                                            else ProcessRunner(spec, workers, bar.update))
    limit = 2 * workers
    extracted = 0

    def collect() -> None:
        nonlocal extracted
        index, state = runner.next_result()
        states[index] = state
        extracted += state["documents"]

    try:
        for index, items in shards(records(files, config.fields), config.shard_size):
            if index in done:
                if done[index]["key"] != shard_key(items) or done[index]["records"] != len(items):
                    raise RunMismatch(f"{config.output}: the input changed since shard {index} was written; "
                                     "pass --overwrite to start again")
                continue
            for item in items:
                if isinstance(item, Reject):
                    log(f"rejected {item.where}: {item.problem}")
            runner.submit(index, items)
            while runner.pending >= limit or (workers == 1 and runner.pending):
                collect()
        while runner.pending:
            collect()
        runner.close()
    except BaseException:
        runner.terminate()
        raise
    return extracted


def _shards_with_ray(config: BatchConfig, files: list[Path], spec: WorkerSpec, workers: int,
                     done: dict[int, dict[str, Any]], states: dict[int, dict[str, Any]], bar: Any) -> int:
    """Ray extracts (actors, in input order); this process commits shards as they fill up."""
    from eventx.integrations.ray import extract_files

    start = len(done)
    if sorted(done) != list(range(start)):
        raise RunMismatch(f"{config.output}: complete shards are not a prefix of the input; resume with "
                         "--engine local")
    skip = tuple(done[start - 1]["last"]) if start else None
    if start and skip is None:
        raise RunMismatch(f"{config.output}: no resume point recorded; pass --overwrite to start again")
    processor = ShardProcessor(None, spec)
    index, items, last = start, [], None
    extracted = 0
    for file_index, pos, item in extract_files(files, config.fields, model=spec.model, ontology=spec.ontology,
                                               workers=workers, threads=spec.threads, batch_size=spec.batch_size,
                                               address=config.address, skip_through=skip,
                                               precision=spec.precision, dateline=spec.dateline):  # type: ignore[arg-type]
        items.append(item)
        last = [file_index, pos]
        bar.update(1)
        if len(items) == config.shard_size:
            states[index] = processor.commit(index, items, {"last": last})
            extracted += states[index]["documents"]
            index, items = index + 1, []
    if items:
        states[index] = processor.commit(index, items, {"last": last})
        extracted += states[index]["documents"]
    return extracted


def _run_single(config: BatchConfig, files: list[Path], model: str, workers: int, threads: int | None,
                delay: float, log: Log) -> dict[str, Any]:
    """One output file (or stdout), records in input order; written to a temp name, then renamed."""
    from eventx.writers import JsonlWriter, ParquetWriter, RejectsWriter

    output = Path(config.output) if config.output else None
    rejects_path = Path(config.rejects) if config.rejects else (
        Path(f"{output}.rejects.jsonl") if output else Path("eventx.rejects.jsonl"))
    temp = output.with_name(f".{output.name}.tmp-{os.getpid()}") if output else None
    spec = WorkerSpec(model=model, ontology=None if config.ontology is None else str(config.ontology),
                      batch_size=config.batch_size, threads=threads, out_dir=None, format=config.format,
                      delay=delay, precision=config.precision, dateline=config.dateline)
    rejected = RejectsWriter(rejects_path)
    types: Counter[str] = Counter()
    counts = {"documents": 0, "sentences": 0}
    started = time.perf_counter()

    def note(item: Item) -> Item:
        if isinstance(item, Reject):
            rejected.write(item)
            log(f"rejected {item.where}: {item.problem}")
        return item

    try:
        writer: Any = (JsonlWriter("/dev/stdout") if output is None
                       else ParquetWriter(temp) if output.suffix.lower() == ".parquet" else JsonlWriter(temp))
    except OSError as e:
        raise BatchError(describe_os_error(e, output)) from None
    bar = _progress_bar(estimate_records(files), config.progress)
    try:
        with writer:
            def emit(items: list[Item]) -> None:
                for doc in items:
                    if isinstance(doc, Document):
                        writer.write(doc)
                        counts["documents"] += 1
                        counts["sentences"] += len(doc.sentences)
                        types.update(e.type for e in doc.events)

            if config.engine == "ray":
                from eventx.integrations.ray import extract_files

                for _, _, item in extract_files(files, config.fields, model=model, ontology=spec.ontology,
                                                workers=workers, threads=threads, batch_size=config.batch_size,
                                                address=config.address, precision=config.precision,
                                                dateline=config.dateline):
                    bar.update(1)
                    emit([note(item)])
            else:
                stream = (note(x) for x in records(files, config.fields))
                _single_local(spec, workers, stream, config.shard_size, bar, emit)
        if temp is not None and output is not None:
            with open(temp, "rb+") as f:
                os.fsync(f.fileno())
            os.replace(temp, output)
    except OSError as e:
        raise BatchError(describe_os_error(e, output)) from None
    finally:
        bar.close()
        rejected.close()
        if temp is not None:
            with suppress(OSError):
                temp.unlink()
    seconds = time.perf_counter() - started
    summary = {
        "model": _model_name(model), **counts, "events": sum(types.values()),
        "events_by_type": dict(sorted(types.items())), "rejects": rejected.count,
        "rejects_file": str(rejects_path) if rejected.count else None, "seconds": round(seconds, 2),
        "docs_per_second": round(counts["documents"] / max(seconds, 1e-9), 2),
        "workers": workers, "engine": config.engine,
    }
    return summary


def _single_local(spec: WorkerSpec, workers: int, stream: Iterable[Item], size: int, bar: Any,
                  emit: Callable[[list[Item]], None]) -> None:
    """Shards go out to workers; results come back in any order and are written in input order."""
    if workers == 1:
        processor = ShardProcessor(load_pipeline(spec), spec)
        for _, items in shards(stream, spec.batch_size * 4):
            emit(processor.extract(items, bar.update))
        return
    runner = ProcessRunner(spec, workers, bar.update)
    waiting: dict[int, list[Item]] = {}
    next_out = 0
    try:
        for index, items in shards(stream, size):
            runner.submit(index, items)
            while runner.pending + len(waiting) >= 2 * workers:
                i, result = runner.next_result()
                waiting[i] = result
                while next_out in waiting:
                    emit(waiting.pop(next_out))
                    next_out += 1
        while runner.pending:
            i, result = runner.next_result()
            waiting[i] = result
            while next_out in waiting:
                emit(waiting.pop(next_out))
                next_out += 1
        runner.close()
    except BaseException:
        runner.terminate()
        raise


def _version() -> str:
    import eventx

    return eventx.__version__
