"""The `eventx` command line. Each command is a thin shell over the Python API."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, Callable, Optional

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


ModelOpt = Annotated[Optional[str], typer.Option("--model", "-m", help="Model directory, or 'baseline'. Default: the bundled model.")]
OntologyOpt = Annotated[Optional[Path], typer.Option(help="Extra ontology file (JSON) extending the default.")]


@app.command()
@_friendly
def extract(
    inputs: Annotated[list[Path], typer.Argument(help="Article files, JSONL, CSV, Parquet, or directories of them.")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Output .jsonl or .parquet (default: JSON Lines on stdout).")] = None,
    model: ModelOpt = None,
    ontology: OntologyOpt = None,
    rejects: Annotated[Optional[Path], typer.Option(help="Where bad input records go (default: OUTPUT.rejects.jsonl).")] = None,
    batch_size: Annotated[int, typer.Option(min=1)] = 16,
    text_field: Annotated[str, typer.Option(help="Field holding the text (JSONL, CSV, Parquet).")] = "text",
    id_field: str = "id",
    date_field: Annotated[str, typer.Option(help="Field holding the publication date.")] = "published",
    title_field: str = "title",
    url_field: str = "url",
) -> None:
    """Extract events from article dumps into Document records."""
    import eventx
    from eventx.readers import Document, Fields, read
    from eventx.writers import JsonlWriter, RejectsWriter, open_writer

    nlp = eventx.load(model, ontology=ontology)
    fields = Fields(text=text_field, id=id_field, published=date_field, title=title_field, url=url_field)
    writer = open_writer(output) if output else JsonlWriter("/dev/stdout")
    rejects_path = rejects or (Path(f"{output}.rejects.jsonl") if output else Path("eventx.rejects.jsonl"))
    rejected = RejectsWriter(rejects_path)
    types: Counter[str] = Counter()
    sentences = 0
    started = time.perf_counter()

    def documents() -> Any:
        for path in inputs:
            for item in read(path, fields):
                if isinstance(item, Document):
                    yield item
                else:
                    rejected.write(item)
                    typer.echo(f"rejected {item.where}: {item.problem}", err=True)

    from tqdm import tqdm

    with writer:
        bar = tqdm(nlp.pipe(documents(), batch_size=batch_size), unit=" docs", file=sys.stderr,
                   disable=None, mininterval=1.0)
        for doc in bar:
            writer.write(doc)
            sentences += len(doc.sentences)
            types.update(e.type for e in doc.events)
    rejected.close()
    seconds = time.perf_counter() - started
    summary = {
        "model": nlp.name, "documents": writer.count, "sentences": sentences,
        "events": sum(types.values()), "events_by_type": dict(sorted(types.items())),
        "rejects": rejected.count, "rejects_file": str(rejects_path) if rejected.count else None,
        "seconds": round(seconds, 2), "docs_per_second": round(writer.count / max(seconds, 1e-9), 2),
    }
    typer.echo(json.dumps(summary), err=True)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the Document record."""
    from eventx.records import json_schema

    typer.echo(json.dumps(json_schema(), indent=2))


@app.command(name="ontology")
@_friendly
def ontology_cmd(
    extra: Annotated[Optional[Path], typer.Argument(help="Extra ontology file to merge in.")] = None,
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


def main() -> None:  # pragma: no cover
    app()
