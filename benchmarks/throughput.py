"""Sentences per second: the full eventx pipeline against the bare encoder and a per-sentence
transformers token-classification pipeline, on the same sentences, on CPU.

    python benchmarks/throughput.py --model models/default --gold corpus/gold/test.jsonl --threads 2

Three numbers, one input:
- bare encoder: the MiniLM forward pass alone over the encoder inputs eventx builds from the same
  sentences (packed, with context), batched and sorted by length the way eventx batches them, at
  the same precision (the ceiling for anything built on this encoder);
- eventx: `nlp.pipe` end to end (splitting, tokenising, encoder, heads, decoding, records);
- transformers `pipeline("token-classification")` called once per sentence with the same encoder
  (fp32, its default).
`--precision` picks how eventx runs (auto, fp32, bf16, int8); `--score` adds its test-split F1.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import torch


def seconds(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="models/default")
    parser.add_argument("--gold", type=Path, default=Path("corpus/gold/test.jsonl"))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=7, help="rounds of the three measurements")
    parser.add_argument("--precision", default="auto", choices=["auto", "fp32", "bf16", "int8"])
    parser.add_argument("--score", action="store_true", help="also score eventx on --gold (strict F1)")
    parser.add_argument("--context-tokens", type=int, default=None,
                        help="override the model's tokens of previous-sentence context (-1: all)")
    parser.add_argument("--pack", type=int, default=None, help="override the model's packing (0: a sentence each)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    import eventx
    from eventx.evaluate import score
    from eventx.model import collate
    from eventx.model.train import read_gold

    gold = read_gold(args.gold)
    bare_docs = [d.model_copy(update={"events": [], "sentences": []}) for d in gold]
    n_sentences = sum(len(d.sentences) for d in gold)
    nlp = eventx.load(args.model, precision=args.precision)
    model = nlp.extractor
    if args.context_tokens is not None:
        model.context_tokens = None if args.context_tokens < 0 else args.context_tokens
    if args.pack is not None:
        model.pack = args.pack
    features = sorted(model.featurize(gold), key=len)

    @torch.inference_mode()
    def bare_encoder() -> None:
        net = model.network
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=model.precision == "bf16"):
            for i in range(0, len(features), model.batch_size):
                inputs = collate(features[i : i + model.batch_size])
                net.encoder(input_ids=inputs["input_ids"], token_type_ids=inputs["token_type_ids"],
                            attention_mask=inputs["attention_mask"])

    def pipeline() -> None:
        list(nlp.pipe(bare_docs, batch_size=64))

    results: dict[str, object] = {"sentences": n_sentences, "documents": len(gold), "precision": model.precision,
                                  "context_tokens": model.context_tokens, "pack": model.pack,
                                  "encoder_inputs": len(features), "encoder_tokens": sum(map(len, features)),
                                  "threads": args.threads, "torch": torch.__version__}
    from transformers import AutoTokenizer, BertForTokenClassification
    from transformers import pipeline as hf_pipeline

    from eventx.model.encoder import verified_encoder_dir

    path = str(verified_encoder_dir())
    hf = hf_pipeline("token-classification",
                     model=BertForTokenClassification.from_pretrained(path, num_labels=len(model.labels.trigger_tags)),
                     tokenizer=AutoTokenizer.from_pretrained(path), device=-1)
    sentences = [d.text[s.start : s.end] for d in gold for s in d.sentences]

    def hf_per_sentence() -> None:
        for sentence in sentences:
            hf(sentence)

    # the three run back to back in every round, so each round's ratios compare like with like on a
    # machine whose speed drifts; the medians over rounds are reported
    pipeline(), bare_encoder(), hf_per_sentence()  # warm up
    rounds = [(seconds(bare_encoder), seconds(pipeline), seconds(hf_per_sentence)) for _ in range(args.runs)]
    results["rounds"] = args.runs
    for name, i in (("bare_encoder_sps", 0), ("eventx_sps", 1), ("hf_token_classification_sps", 2)):
        results[name] = round(n_sentences / statistics.median(r[i] for r in rounds), 1)
    results["ratio_vs_bare_encoder"] = round(statistics.median(r[0] / r[1] for r in rounds), 3)
    results["ratio_vs_bare_encoder_range"] = [round(min(r[0] / r[1] for r in rounds), 3),
                                              round(max(r[0] / r[1] for r in rounds), 3)]
    results["ratio_vs_hf_pipeline"] = round(statistics.median(r[2] / r[1] for r in rounds), 2)
    results["ratio_vs_hf_pipeline_range"] = [round(min(r[2] / r[1] for r in rounds), 2),
                                             round(max(r[2] / r[1] for r in rounds), 2)]

    if args.score:
        s = score(gold, list(nlp.pipe(bare_docs, batch_size=64)))
        results["test_trigger_f1"] = round(s.trigger_classification.f1, 4)
        results["test_argument_f1"] = round(s.argument_classification.f1, 4)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
