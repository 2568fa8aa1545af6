"""eventx on Ray Data: the same extractor as a `map_batches` stage over an actor pool.

    import ray, eventx.integrations.ray as exr
    ds = exr.read_files(["dump-000.jsonl", "dump-001.parquet"])      # or ray.data.read_json(...)
    out = exr.extract(ds, model="models/default", workers=8)
    out.write_parquet("events/")                                     # rows: id, document (JSON), ...

`read_files` reads JSON Lines and Parquet with eventx's own rules (blank lines skipped, a broken
line becomes a reject with its `file:line`), in input order, streaming, a file per read task.
`extract` maps each batch through `EventxExtractor`, a callable class that loads the model once per
actor; with a GPU in the cluster each actor asks for one (`num_gpus=1`). Every output row is one
input record: `document` (the Document as JSON) or `where`/`problem`/`record` (a reject).
`eventx extract --engine ray` uses `extract_files`, which yields records in input order and lets
`eventx.batch` write the same shards, manifest and rejects as the local engine.

Ray is optional: `pip install "ray[data]"`. Nothing here imports it until called.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventx.errors import EventxError
from eventx.readers import Fields, Reject, _document_row, _from_mapping
from eventx.records import Document

if TYPE_CHECKING:
    import pyarrow as pa
    import ray.data

JSONL = (".jsonl", ".ndjson")
PARQUET = (".parquet",)
ROWS_PER_BLOCK = 1024
OUTPUT_COLUMNS = ("id", "document", "where", "problem", "record")


class RayError(EventxError):
    """Ray is missing, or a Ray job failed; said in one line."""


def _ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise RayError('the Ray engine needs Ray Data: pip install "ray[data]"') from None
    return ray


def _key(path: str) -> str:
    return os.path.normpath(os.path.abspath(os.path.expanduser(path)))


def _datasource_class() -> type:
    """Built on first use, since its base class lives in Ray."""
    from ray.data.datasource import FileBasedDatasource

    class EventxFiles(FileBasedDatasource):
        """JSON Lines and Parquet files as rows (file, pos, kind, raw), in file order, streaming."""

        def __init__(self, paths: list[str], index: dict[str, int], skip_through: tuple[int, int] | None,
                     **kwargs: Any) -> None:
            super().__init__(paths, **kwargs)
            self._index = index
            self._skip = skip_through

        def _open_input_source(self, filesystem: Any, path: str, **open_args: Any) -> Any:
            if path.lower().endswith(PARQUET):
                return filesystem.open_input_file(path)  # Parquet needs random access
            return super()._open_input_source(filesystem, path, **open_args)

        def _read_stream(self, f: Any, path: str) -> Iterator[pa.Table]:
            file = self._index.get(_key(path), self._index.get(path, -1))
            after = self._skip[1] if self._skip and self._skip[0] == file else 0
            rows = _parquet_rows(f) if path.lower().endswith(PARQUET) else _jsonl_rows(f)
            block: list[tuple[int, str, bytes]] = []
            for pos, kind, raw in rows:
                if pos <= after:
                    continue
                block.append((pos, kind, raw))
                if len(block) == ROWS_PER_BLOCK:
                    yield _raw_block(file, block)
                    block = []
            if block:
                yield _raw_block(file, block)

    return EventxFiles


def _raw_block(file: int, rows: list[tuple[int, str, bytes]]) -> pa.Table:
    import pyarrow as pa

    return pa.table({
        "file": pa.array([file] * len(rows), pa.int32()),
        "pos": pa.array([r[0] for r in rows], pa.int64()),
        "kind": pa.array([r[1] for r in rows], pa.string()),
        "raw": pa.array([r[2] for r in rows], pa.binary()),
    })


def _lines(f: Any, chunk: int = 1 << 20) -> Iterator[bytes]:
    """Lines with their newline, as Python's binary file iteration gives them."""
    rest = b""
    while data := f.read(chunk):
        data = rest + data
        lines = data.split(b"\n")
        rest = lines.pop()
        for line in lines:
            yield line + b"\n"
    if rest:
        yield rest


def _jsonl_rows(f: Any) -> Iterator[tuple[int, str, bytes]]:
    """(line number, 'jsonl', raw line) for every line that is not blank, like read_jsonl."""
    for lineno, raw in enumerate(_lines(f), 1):
        try:
            if not raw.decode("utf-8").strip():
                continue
        except UnicodeDecodeError:
            pass
        yield lineno, "jsonl", raw


def _parquet_rows(f: Any) -> Iterator[tuple[int, str, bytes]]:
    import pyarrow.parquet as pq

    row = 0
    for batch in pq.ParquetFile(f).iter_batches(batch_size=ROWS_PER_BLOCK):
        for record in batch.to_pylist():
            row += 1
            yield row, "row", pickle.dumps(record)


def parse_raw(kind: str, raw: bytes, where_name: str, pos: int, fields: Fields) -> Document | Reject:
    """One raw row to a Document or a Reject, by the rules of eventx.readers, `where` included."""
    if kind == "row":
        record = pickle.loads(raw)
        where = f"{where_name}:row {pos}"
        if "events" in record and "sentences" in record and isinstance(record["events"], str):
            return _document_row(record, where)
        return _from_mapping(record, fields, where, "")
    where = f"{where_name}:{pos}"
    try:
        line = raw.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError as e:
        return Reject(where, "not valid UTF-8", raw[max(0, e.start - 20) : e.start + 20].decode("utf-8", "replace"))
    try:
        row = json.loads(line)
    except json.JSONDecodeError as e:
        return Reject(where, f"malformed JSON ({e.msg} at column {e.colno})", line)
    return _from_mapping(row, fields, where, line)


class EventxExtractor:
    """The map_batches stage: loads the pipeline once per actor, extracts batches grouped by length.

    Takes raw rows from `read_files` (file, pos, kind, raw) or rows of input fields (text, id,
    published, ...: e.g. `ray.data.read_json`); returns one row per input row.
    """

    def __init__(self, model: str | None = None, ontology: str | None = None, fields: dict[str, Any] | None = None,
                 batch_size: int = 16, threads: int | None = None, names: list[str] | None = None,
                 precision: str = "auto", dateline: bool = True) -> None:
        if threads:
            for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
                os.environ[var] = str(threads)
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        import eventx

        self.nlp = eventx.load(model, ontology=ontology, precision=precision, device="auto", dateline=dateline)
        if threads and model != eventx.BASELINE:
            import torch

            torch.set_num_threads(threads)
        self.fields = Fields(**{**(fields or {}), "extra": tuple((fields or {}).get("extra", ()))})
        self.batch_size = batch_size
        self.names = names or []

    def _items(self, batch: pa.Table) -> list[Document | Reject]:
        if "raw" in batch.column_names:
            files = batch.column("file").to_pylist()
            return [parse_raw(kind, raw, self.names[file] if 0 <= file < len(self.names) else "ray", pos, self.fields)
                    for file, pos, kind, raw in zip(files, batch.column("pos").to_pylist(),
                                                    batch.column("kind").to_pylist(), batch.column("raw").to_pylist())]
        return [_from_mapping(row, self.fields, f"ray:row {i}", "") for i, row in enumerate(batch.to_pylist())]

    def __call__(self, batch: pa.Table) -> pa.Table:
        import pyarrow as pa

        items = self._items(batch)
        slots = sorted((i for i, x in enumerate(items) if isinstance(x, Document)),
                       key=lambda i: len(items[i].text))  # type: ignore[union-attr]
        for i, doc in zip(slots, self.nlp.pipe((items[i] for i in slots), batch_size=self.batch_size)):
            items[i] = doc
        columns: dict[str, Any] = {
            "id": [x.id if isinstance(x, Document) else None for x in items],
            "document": [x.model_dump_json() if isinstance(x, Document) else None for x in items],
            "where": [x.where if isinstance(x, Reject) else None for x in items],
            "problem": [x.problem if isinstance(x, Reject) else None for x in items],
            "record": [x.to_dict()["record"] if isinstance(x, Reject) else None for x in items],
        }
        table = pa.table({k: pa.array(v, pa.string()) for k, v in columns.items()})
        for name in ("file", "pos"):
            if name in batch.column_names:
                table = table.append_column(name, batch.column(name))
        return table


def read_files(paths: Iterable[str | Path], skip_through: tuple[int, int] | None = None) -> ray.data.Dataset:
    """JSON Lines and Parquet files as a Dataset of raw rows, for `extract`; order is kept.

    `skip_through=(file index, pos)` drops every row up to that one (a resume point).
    """
    ray = _ray()
    names = [str(p) for p in paths]
    bad = [n for n in names if not n.lower().endswith(JSONL + PARQUET)]
    if bad:
        raise RayError(f"{bad[0]}: the Ray engine reads JSON Lines and Parquet only; use --engine local")
    index = {_key(n): i for i, n in enumerate(names)}
    if len(index) != len(names):
        raise RayError("the Ray engine needs each input file once")
    first = skip_through[0] if skip_through else 0
    todo = names[first:]
    if not todo:
        return ray.data.from_items([])
    source = _datasource_class()(todo, index, skip_through)
    # Reading is light I/O; asking no CPU for it keeps it running when the actors hold every CPU
    # (otherwise a 2-CPU instance with 2 actors waits forever for a read slot).
    return ray.data.read_datasource(source, num_cpus=0)


def _use_gpu(model: str | None) -> bool:
    """A GPU per actor when the cluster (or this machine) has one and the model is a trained one."""
    if model == "baseline":
        return False
    ray = _ray()
    try:
        import torch

        if torch.cuda.is_available():
            return True
    except ImportError:
        pass
    return ray.cluster_resources().get("GPU", 0) > 0


def extract(ds: ray.data.Dataset, *, model: str | None = None, ontology: str | None = None,
            fields: Fields | None = None, workers: int = 1, threads: int | None = None, batch_size: int = 16,
            names: list[str] | None = None, rows_per_batch: int = 256, precision: str = "auto",
            dateline: bool = True) -> ray.data.Dataset:
    """`ds` with events: a map_batches stage on a pool of `workers` actors, each with the model."""
    ray = _ray()
    fields = fields or Fields()
    threads = threads or 1
    cpus = ray.cluster_resources().get("CPU", 0)
    if threads > cpus:
        raise RayError(f"each actor asks for {threads} CPUs (--threads) but the cluster has {cpus:g}")
    gpu = _use_gpu(model)
    return ds.map_batches(
        EventxExtractor,
        fn_constructor_kwargs={"model": model, "ontology": ontology, "batch_size": batch_size,
                               "threads": threads, "names": names, "precision": precision, "dateline": dateline,
                               "fields": asdict(Fields(**{**asdict(fields), "extra": tuple(fields.extra)}))},
        compute=ray.data.ActorPoolStrategy(min_size=1, max_size=max(1, workers)),
        batch_size=rows_per_batch, batch_format="pyarrow", num_cpus=threads, num_gpus=1 if gpu else 0,
    )


def rows_to_items(table: pa.Table) -> Iterator[tuple[int, int, Document | Reject]]:
    """Output rows back to (file, pos, Document or Reject), for writing with eventx's writers."""
    columns = {name: table.column(name).to_pylist() for name in table.column_names}
    n = table.num_rows
    files = columns.get("file", [-1] * n)
    positions = columns.get("pos", list(range(n)))
    for i in range(n):
        document = columns["document"][i]
        item: Document | Reject = (Document.model_validate_json(document) if document is not None else
                                   Reject(columns["where"][i], columns["problem"][i], columns["record"][i] or ""))
        yield files[i], positions[i], item


def connect(address: str | None, num_cpus: int | None = None) -> bool:
    """Join the cluster at `address`, or start a local instance ('local' or None); True if started here."""
    ray = _ray()
    if ray.is_initialized():
        return False
    options: dict[str, Any] = {"include_dashboard": False, "logging_level": logging.WARNING,
                               "log_to_driver": False}
    if address in (None, "", "local"):
        ray.init(num_cpus=num_cpus, **options)
    else:
        ray.init(address=address, **options)
    return True


def extract_files(files: list[Path], fields: Fields | None = None, *, model: str | None = None,
                  ontology: str | None = None, workers: int = 1, threads: int | None = None,
                  batch_size: int = 16, address: str | None = None, precision: str = "auto", dateline: bool = True,
                  skip_through: tuple[int, int] | None = None) -> Iterator[tuple[int, int, Document | Reject]]:
    """(file index, position, record) for every input record, extracted on Ray, in input order."""
    ray = _ray()
    started = connect(address)
    if threads is None:  # cores shared out on this machine; one per actor on a cluster of unknown nodes
        threads = max(1, int(ray.cluster_resources().get("CPU", 1)) // max(1, workers)) if started else 1
    context = ray.data.DataContext.get_current()
    saved = (context.execution_options.preserve_order, context.enable_progress_bars)
    context.execution_options.preserve_order = True  # output order = input order
    context.enable_progress_bars = False  # eventx draws its own
    data_log = logging.getLogger("ray.data")
    level = data_log.level
    data_log.setLevel(logging.WARNING)  # no per-dataset INFO lines between our progress and summary
    try:
        names = [str(p) for p in files]
        ds = extract(read_files(names, skip_through), model=model, ontology=ontology, fields=fields,
                     workers=workers, threads=threads, batch_size=batch_size, names=names, precision=precision,
                     dateline=dateline)
        try:
            for table in ds.iter_batches(batch_format="pyarrow", batch_size=None):
                yield from rows_to_items(table)
        except EventxError:
            raise
        except Exception as e:  # Ray wraps worker errors; one line is enough here
            lines = [line for line in str(e).splitlines() if line.strip()]
            raise RayError(f"ray: {type(e).__name__}: {lines[-1] if lines else e}") from None
    finally:
        context.execution_options.preserve_order, context.enable_progress_bars = saved
        data_log.setLevel(level)
        if started:
            ray.shutdown()
