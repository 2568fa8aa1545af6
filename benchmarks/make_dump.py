"""Write a JSON Lines dump of generated articles (text, id, published) for scale benchmarks.

The texts come from scripts/generate_corpus.py's templates, so the dump is reproducible from a seed
and needs no data from outside; annotations are dropped because `eventx extract` reads raw dumps.

    python benchmarks/make_dump.py --docs 2000 --seed 1 -o build/bench/dump-1x.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def write_dump(path: Path, docs: int, seed: int = 1, chunk: int = 2000) -> int:
    """Write `docs` generated articles to `path`, a chunk at a time (memory stays flat); ids are
    `bench-0000000`, ... and chunk k uses seed `seed + k`, so a bigger dump starts with a smaller one."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from generate_corpus import generate
    finally:
        sys.path.pop(0)
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with open(path, "w", encoding="utf-8") as f:
        for k in range(0, docs, chunk):
            for doc in generate(min(chunk, docs - k), seed + k // chunk):
                published = doc.published.isoformat() if doc.published else None
                f.write(json.dumps({"id": f"bench-{written:07d}", "text": doc.text, "published": published},
                                   ensure_ascii=False) + "\n")
                written += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="Articles to write (at least 2,000 for SCALE.md).")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    n = write_dump(args.output, args.docs, args.seed)
    print(json.dumps({"output": str(args.output), "documents": n, "bytes": args.output.stat().st_size}))


if __name__ == "__main__":
    main()
