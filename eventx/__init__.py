"""eventx: dated, located, calibrated event records from conflict news.

    import eventx
    nlp = eventx.load()
    doc = nlp(text, published="2022-07-12")

Importing eventx is cheap: torch and the model load only when `load()` is called.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from eventx.errors import EventxError, InputError, ModelError, NormalizationError, OntologyError
from eventx.ontology import Ontology
from eventx.records import Argument, Document, Entity, Event, Place, Span, TimeValue

if TYPE_CHECKING:
    from eventx.pipeline import Pipeline

__version__ = "0.1.0"
__all__ = [
    "Argument",
    "Document",
    "Entity",
    "Event",
    "EventxError",
    "InputError",
    "ModelError",
    "NormalizationError",
    "Ontology",
    "OntologyError",
    "Pipeline",
    "Place",
    "Span",
    "TimeValue",
    "default_model_path",
    "load",
]

BASELINE = "baseline"


def default_model_path() -> Path:
    """Where the bundled default model lives: $EVENTX_MODEL, else `models/default` of the checkout."""
    env = os.environ.get("EVENTX_MODEL")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "models" / "default"


def load(path: str | Path | None = None, *, ontology: str | Path | None = None,
         precision: str = "auto", device: str = "cpu", dateline: bool = True) -> Pipeline:
    """A ready pipeline: the bundled default model, a trained model directory, or "baseline".

    With no trained model bundled, `load()` falls back to the lexicon baseline, and its `name`
    says so. `precision` is "auto" (bfloat16 where the hardware runs it natively, else fp32),
    "fp32", "bf16" or "int8" (see benchmarks/RESULTS.md); `device="auto"` uses a GPU when there is one.
    `dateline=False` leaves events without a time expression undated instead of giving them the
    publication date (docs/normalization.md, "Event time").
    """
    from eventx.baseline import LexiconBaseline
    from eventx.normalize import Normalizer
    from eventx.pipeline import Pipeline

    onto = Ontology.load(ontology)
    normalizer = Normalizer(dateline=dateline)
    if path is None:
        path = default_model_path()
        if not (path / "config.json").exists():
            return Pipeline(LexiconBaseline(onto), onto, source="built-in (no trained model bundled)",
                            normalizer=normalizer)
    if str(path) == BASELINE:
        return Pipeline(LexiconBaseline(onto), onto, source="built-in", normalizer=normalizer)
    path = Path(path)
    if not (path / "config.json").exists():
        raise ModelError(f"{path}: not an eventx model directory (no config.json)")
    from eventx.model import load_model

    model = load_model(path, precision=precision, device=device)
    return Pipeline(model, model.ontology if ontology is None else onto, source=str(path), normalizer=normalizer)


def __getattr__(name: str) -> object:
    if name == "Pipeline":
        from eventx.pipeline import Pipeline

        return Pipeline
    raise AttributeError(f"module 'eventx' has no attribute {name!r}")
