"""Print the corpus counts that docs/data.md quotes, as Markdown, from the gold files.

    python scripts/corpus_stats.py            # the tables in docs/data.md come from this
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPLITS = ("train", "dev", "test")


def load(split: str) -> list[dict]:
    path = ROOT / "corpus" / "gold" / f"{split}.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def tables() -> str:
    data = {s: load(s) for s in SPLITS}
    out = ["| split | documents | sentences | events | arguments |", "|---|---|---|---|---|"]
    for s, docs in data.items():
        events = [e for d in docs for e in d["events"]]
        out.append(f"| {s} | {len(docs)} | {sum(len(d['sentences']) for d in docs)} | "
                   f"{len(events)} | {sum(len(e.get('arguments', [])) for e in events)} |")
    by_type = {s: Counter(e["type"] for d in docs for e in d["events"]) for s, docs in data.items()}
    out += ["", "| event type | train | dev | test | all |", "|---|---|---|---|---|"]
    for t in sorted(set().union(*by_type.values())):
        row = [by_type[s][t] for s in SPLITS]
        out.append(f"| {t} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    by_role = {s: Counter(a["role"] for d in docs for e in d["events"] for a in e.get("arguments", []))
               for s, docs in data.items()}
    out += ["", "| role | train | dev | test | all |", "|---|---|---|---|---|"]
    for r in sorted(set().union(*by_role.values())):
        row = [by_role[s][r] for s in SPLITS]
        out.append(f"| {r} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    attrs = Counter()
    for docs in data.values():
        for d in docs:
            for e in d["events"]:
                attrs[f"polarity {e.get('polarity', 'positive')}"] += 1
                attrs[f"modality {e.get('modality', 'asserted')}"] += 1
                attrs["with a gold time value" if e.get("time") else "without a time value"] += 1
                attrs["optional"] += bool(e.get("optional"))
    out += ["", "| attribute (all splits) | events |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in sorted(attrs.items())]
    styles = Counter(d.get("meta", {}).get("style", "?") for docs in data.values() for d in docs)
    regions = Counter(d.get("meta", {}).get("region", "?") for docs in data.values() for d in docs)
    out += ["", "| style | documents |", "|---|---|"] + [f"| {k} | {v} |" for k, v in sorted(styles.items())]
    out += ["", "| region | documents |", "|---|---|"] + [f"| {k} | {v} |" for k, v in sorted(regions.items())]
    return "\n".join(out)


if __name__ == "__main__":
    sys.stdout.write(tables() + "\n")
