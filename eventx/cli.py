"""The `eventx` command line. Each command is a thin shell over the Python API."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any

import typer

from eventx.errors import EventxError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Dated, located, calibrated event records from conflict news.")


def _friendly(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Our own errors end the command with one clear line, not a traceback."""

    @wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except EventxError as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            raise typer.Exit(130) from None

    return run


ModelOpt = Annotated[str | None, typer.Option("--model", "-m", help="Model directory, or 'baseline'. Default: the bundled model.")]
OntologyOpt = Annotated[Path | None, typer.Option(help="Extra ontology file (JSON) extending the default.")]


@app.command()
@_friendly
def extract(
    inputs: Annotated[list[Path], typer.Argument(help="Article files, JSONL, CSV, Parquet, or directories of them.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="A directory of shards (resumable: re-run the same command to continue), or one .jsonl/.parquet file. Default: JSON Lines on stdout.")] = None,
    model: ModelOpt = None,
    ontology: OntologyOpt = None,
    precision: Annotated[str, typer.Option(help="auto (bf16 where the hardware runs it natively, else fp32), fp32, bf16 or int8.")] = "auto",
    rejects: Annotated[Path | None, typer.Option(help="Where bad input records go, for one-file output (default: OUTPUT.rejects.jsonl; a shard directory keeps OUT/rejects.jsonl).")] = None,
    batch_size: Annotated[int, typer.Option(min=1)] = 16,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes (local engine) or Ray actors.")] = 1,
    threads: Annotated[int | None, typer.Option(min=1, help="Torch threads per worker (default: cores / workers).")] = None,
    shard_size: Annotated[int, typer.Option(min=1, help="Input records per output shard (a directory -o).")] = 1000,
    output_format: Annotated[str, typer.Option("--format", help="Shard format for a directory -o: jsonl or parquet.")] = "jsonl",
    overwrite: Annotated[bool, typer.Option(help="Start a shard directory afresh instead of resuming it.")] = False,
    engine: Annotated[str, typer.Option(help="local (worker processes) or ray (Ray Data actors; JSONL and Parquet inputs).")] = "local",
    address: Annotated[str | None, typer.Option(help="Ray cluster to join (auto: the cluster this machine belongs to; inputs on storage every node sees). 'local' or none starts Ray here.")] = None,
    progress: Annotated[bool | None, typer.Option("--progress/--no-progress", help="Progress bar (default: when stderr is a terminal).")] = None,
    dateline: Annotated[bool, typer.Option("--dateline/--no-dateline", help="Give events without a time expression of their own the publication date (source 'publication').")] = True,
    text_field: Annotated[str, typer.Option(help="Field holding the text (JSONL, CSV, Parquet).")] = "text",
    id_field: str = "id",
    date_field: Annotated[str, typer.Option(help="Field holding the publication date.")] = "published",
    title_field: str = "title",
    url_field: str = "url",
) -> None:
    """Extract events from article dumps into Document records.

    With -o DIR the output is a directory of shards (part-00000.jsonl, ...) plus _manifest.json and
    rejects.jsonl; re-running the same command after a crash or Ctrl-C resumes it. With -o FILE.jsonl
    or FILE.parquet it is one file, written when the run ends.
    """
    from eventx.batch import BatchConfig, run
    from eventx.readers import Fields

    fields = Fields(text=text_field, id=id_field, published=date_field, title=title_field, url=url_field)
    config = BatchConfig(
        inputs=tuple(str(p) for p in inputs), output=None if output is None else str(output), model=model,
        ontology=None if ontology is None else str(ontology), fields=fields, batch_size=batch_size,
        workers=workers, threads=threads, shard_size=shard_size, format=output_format,
        rejects=None if rejects is None else str(rejects), overwrite=overwrite, engine=engine, address=address,
        progress=progress, precision=precision, dateline=dateline,
    )
    summary = run(config, log=lambda line: typer.echo(line, err=True))
    typer.echo(json.dumps(summary), err=True)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the Document record."""
    from eventx.records import json_schema

    typer.echo(json.dumps(json_schema(), indent=2))


@app.command(name="ontology")
@_friendly
def ontology_cmd(
    extra: Annotated[Path | None, typer.Argument(help="Extra ontology file to merge in.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the ontology as JSON.")] = False,
) -> None:
    """Print the event types, their definitions and roles."""
    from eventx.ontology import Ontology

    onto = Ontology.load(extra)
    if as_json:
        typer.echo(json.dumps(onto.to_dict(), indent=2))
        return
    typer.echo(f"{onto.name} {onto.version}: {len(onto.types)} event types")
    for t in onto.types.values():
        typer.echo(f"\n{t.name}\n  {t.definition}\n  roles: {', '.join(t.roles)}")


@app.command()
@_friendly
def info(model: ModelOpt = None) -> None:
    """Show the model, the ontology version and library versions."""
    import platform

    import pydantic
    import torch
    import transformers

    import eventx

    nlp = eventx.load(model)
    data = {
        "eventx": eventx.__version__, **nlp.info(), "python": platform.python_version(),
        "torch": torch.__version__, "transformers": transformers.__version__,
        "pydantic": pydantic.__version__,
    }
    for key, value in data.items():
        typer.echo(f"{key:18s} {value}")


@app.command()
@_friendly
def validate(
    files: Annotated[list[Path], typer.Argument(help="Gold Document JSON Lines files.")],
    ontology: OntologyOpt = None,
) -> None:
    """Check gold files against the ontology; report every problem with its line."""
    from eventx.gold import validate_file
    from eventx.ontology import Ontology

    onto = Ontology.load(ontology)
    failed = False
    for path in files:
        result = validate_file(path, onto)
        for problem in result.problems:
            typer.echo(problem)
        status = "ok" if result.ok else f"{len(result.problems)} problems"
        typer.echo(f"{path}: {result.documents} documents, {result.events} events: {status}", err=True)
        failed |= not result.ok
    if failed:
        raise typer.Exit(1)


@app.command(name="import")
@_friendly
def import_cmd(
    path: Annotated[Path, typer.Argument(help="The file (or, for m2e2, its folder) to import.")],
    format: Annotated[str, typer.Option("--format", "-f", help="ace, maven, brat, m2e2, wikievents, rams, geneva or plover.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Gold Document JSON Lines to write.")],
    mapping: Annotated[Path | None, typer.Option(help="Your own mapping file (JSON) instead of the bundled one.")] = None,
) -> None:
    """Import an annotated set into gold Documents in our ontology; report what was not mapped."""
    from eventx.importers import import_file

    result = import_file(path, format, mapping)
    with open(out, "w", encoding="utf-8") as f:
        for doc in result.documents:
            f.write(doc.model_dump_json(exclude_none=True) + "\n")
    typer.echo(result.report.summary(), err=True)


@app.command()
@_friendly
def train(
    train_file: Annotated[Path, typer.Option("--train", help="Gold Document JSON Lines to train on.")],
    dev_file: Annotated[Path | None, typer.Option("--dev", help="Gold JSON Lines for early stopping and calibration.")] = None,
    out: Annotated[Path, typer.Option("--out", help="Directory for the trained model.")] = Path("model"),
    epochs: Annotated[int, typer.Option(min=1)] = 10,
    batch_size: Annotated[int, typer.Option(min=1)] = 16,
    learning_rate: float = 1e-3,
    patience: Annotated[int, typer.Option(help="Stop after this many epochs without dev gain.")] = 3,
    seed: int = 13,
    lora_rank: Annotated[int, typer.Option(help="LoRA rank; 0 fine-tunes the whole encoder.")] = 8,
    device: Annotated[str, typer.Option(help="auto, cpu or cuda.")] = "auto",
    ontology: OntologyOpt = None,
) -> None:
    """Train a model on gold Document JSON Lines (see docs/data.md)."""
    from eventx.model.train import TrainConfig, read_gold
    from eventx.model.train import train as run
    from eventx.ontology import Ontology

    config = TrainConfig(epochs=epochs, batch_size=batch_size, learning_rate=learning_rate,
                         patience=patience, seed=seed, lora_rank=lora_rank, device=device)
    dev = read_gold(dev_file) if dev_file else []
    run(read_gold(train_file), dev, out, config, Ontology.load(ontology),
        log=lambda line: typer.echo(line, err=True))


@app.command()
@_friendly
def evaluate(
    gold: Annotated[Path, typer.Option("--gold", help="Gold Document JSON Lines.")],
    pred: Annotated[Path | None, typer.Option("--pred", help="Predicted Document JSON Lines (or Parquet) for the gold documents.")] = None,
    model: Annotated[str | None, typer.Option("--model", "-m", help="Predict the gold texts with this model directory, or 'baseline'. Default (without --pred): the bundled model.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Directory for report.json, report.md, report.html and the plots.")] = None,
    samples: Annotated[int, typer.Option(min=0, help="Bootstrap resamples of the documents for F1 intervals (0: none).")] = 1000,
    seed: Annotated[int, typer.Option(help="Seed of the bootstrap.")] = 13,
    bins: Annotated[int, typer.Option(min=1, help="Confidence bins for ECE and the reliability diagram.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON report instead of Markdown.")] = False,
    batch_size: Annotated[int, typer.Option(min=1)] = 16,
) -> None:
    """Score predictions against gold: P/R/F1 strict and lenient, calibration, errors, intervals."""
    from eventx.errors import InputError
    from eventx.report import evaluate as run
    from eventx.report import to_markdown

    if pred is not None and model is not None:
        raise InputError("", "give --pred or --model, not both")
    report = run(gold, pred, model=model, out=out, samples=samples, seed=seed, bins=bins,
                 batch_size=batch_size)
    files = report.pop("files", None)
    if as_json or out is None:
        typer.echo(json.dumps(report, indent=2, ensure_ascii=False) if as_json else to_markdown(report))
        if files:
            typer.echo(json.dumps({"files": files}), err=True)
        return
    for name in ("trigger_classification", "argument_classification"):
        s = report["strict"][name]
        ci = report["bootstrap"].get(name)
        interval = f" [{ci['low']:.3f}, {ci['high']:.3f}]" if ci and samples else ""
        typer.echo(f"{name:24s} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}{interval}")
    for warning in report["warnings"]:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(json.dumps({"files": files}), err=True)


@app.command()
@_friendly
def render(
    input_file: Annotated[Path, typer.Argument(help="Document JSON Lines (or Parquet) to show, e.g. extract output.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML page to write.")],
    gold: Annotated[Path | None, typer.Option("--gold", help="Gold Document JSON Lines to show beside the input.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Show at most this many documents in detail; the timeline keeps all.")] = None,
    title: Annotated[str | None, typer.Option(help="Page title.")] = None,
) -> None:
    """Write an offline HTML page: events highlighted on the text, and a timeline."""
    from eventx.render import render_file

    summary = render_file(input_file, output, gold=gold, title=title, limit=limit)
    typer.echo(json.dumps(summary), err=True)


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
