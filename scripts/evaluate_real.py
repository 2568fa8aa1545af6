"""Score a model per kind of text: our synthetic test, our real test split (and each real source in
it), the M2E2 articles of the real test split on the mapped ACE types, WikiEvents test, and the
PLOVER gold records as a check set (only their coded events are scored).

    python scripts/evaluate_real.py --model models/default [--split test] [--json out.json]
    python scripts/evaluate_real.py --model baseline

Every figure comes with its set's name and size; strict and lenient F1 and a bootstrap 95% interval
(documents resampled) for strict F1. The real dev split is the one we tune on: its figures are not blind.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

app = typer.Typer(add_completion=False, help=__doc__.splitlines()[0])


def evaluation_sets(split: str = "test") -> dict[str, list]:
    """Named gold sets of `split`; the real ones only where ../shared/data is present."""
    import real_corpus

    from eventx import corpora, importers
    from eventx.model.train import read_gold

    sets = {f"synthetic {split}": read_gold(ROOT / "corpus" / "gold" / f"{split}.jsonl")}
    real_file = ROOT / "build" / "real" / f"{split}.jsonl"
    if not real_file.exists():
        real_corpus.gold(out=real_file.parent, files=None)
    real = read_gold(real_file)
    sets[f"real {split}"] = real
    for source in sorted({d.meta["source"].split("/")[0] for d in real}):
        sets[f"real {split}: {source}"] = [d for d in real if d.meta["source"].startswith(source)]
    data = corpora.shared_data()
    ids = {d.id for d in real}
    m2e2 = importers.read_m2e2(data / "m2e2").documents
    sets[f"M2E2 real-{split} articles, ACE types"] = [d for d in m2e2 if d.id in ids]
    if split == "test":
        sets["WikiEvents test, mapped types"] = importers.read_wikievents(data / "wikievents" / "test.jsonl").documents
        sets["PLOVER GSR check set (its one coded event a sentence)"] = importers.read_plover(
            data / "plover_gsr" / "PLOVER_GSR_CAMEO.json").documents
    return sets


def score_sets(pipeline, sets: dict[str, list], samples: int = 1000) -> dict[str, dict]:
    from eventx.evaluate import bootstrap, score

    out = {}
    for name, gold in sets.items():
        bare = [d.model_copy(update={"events": []}) for d in gold]
        pred = list(pipeline.pipe(bare, batch_size=32))
        s = score(gold, pred)
        ci = bootstrap(gold, pred, samples=samples)
        out[name] = {
            "documents": len(gold), "gold_events": s.counts["gold_events"],
            "gold_arguments": s.counts["gold_arguments"],
            "strict": {k: getattr(s, k).to_dict() for k in ("trigger_classification", "argument_classification")},
            "lenient": {k: s.lenient[k].to_dict() for k in ("trigger_classification", "argument_classification")},
            "ci95": {k: [v["low"], v["high"]] for k, v in ci.items()},
            "per_type": {k: v.to_dict() for k, v in sorted(s.per_type.items())},
        }
    return out


def table(results: dict[str, dict]) -> str:
    lines = ["| text | docs | events | trigger F1 strict (95% CI) | lenient | argument F1 strict (95% CI) | lenient |",
             "|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        t, a = r["strict"]["trigger_classification"], r["strict"]["argument_classification"]
        ct, ca = r["ci95"]["trigger_classification"], r["ci95"]["argument_classification"]
        lines.append(f"| {name} | {r['documents']} | {r['gold_events']} | {t['f1']:.3f} ({ct[0]:.3f}-{ct[1]:.3f}) | "
                     f"{r['lenient']['trigger_classification']['f1']:.3f} | {a['f1']:.3f} ({ca[0]:.3f}-{ca[1]:.3f}) | "
                     f"{r['lenient']['argument_classification']['f1']:.3f} |")
    return "\n".join(lines)


@app.command()
def main(model: Annotated[str, typer.Option(help="model directory, 'default' or 'baseline'")] = "default",
         split: Annotated[str, typer.Option(help="test, or dev (the split we tune on: not blind)")] = "test",
         json_out: Annotated[Path | None, typer.Option("--json", help="write the figures here too")] = None,
         samples: Annotated[int, typer.Option(help="bootstrap samples")] = 1000,
         precision: Annotated[str, typer.Option(help="fp32 (as the model card), auto, bf16 or int8")] = "fp32") -> None:
    import eventx

    pipeline = eventx.load(None if model == "default" else model, precision=precision)
    results = score_sets(pipeline, evaluation_sets(split), samples)
    print(table(results))
    if json_out:
        json_out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    app()
