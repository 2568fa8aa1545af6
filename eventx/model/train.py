"""Training: gold Documents in, a calibrated model directory out.

    from eventx.model.train import TrainConfig, train
    result = train(train_docs, dev_docs, "models/mine", TrainConfig(epochs=8))

Batches are grouped by length, runs are reproducible from the seed, the best epoch by dev F1 is
kept (early stopping), and temperatures fitted on dev calibrate every confidence.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import torch
from torch import nn

from eventx.errors import InputError
from eventx.model import EventModel, collate
from eventx.model.features import Feature
from eventx.ontology import Ontology
from eventx.records import Document


@dataclass
class TrainConfig:
    epochs: int = 10
    batch_size: int = 16
    learning_rate: float = 1e-3
    weight_decay: float = 0.01
    warmup: float = 0.06
    patience: int = 3
    seed: int = 13
    max_length: int = 128
    context_tokens: int | None = 16  # of the previous sentence; None: all of it
    pack: int = 96  # consecutive sentences per encoder input, up to this many tokens (0: one each)
    encoder: str = "minilm"
    lora_rank: int = 8
    device: str = "auto"
    threads: int | None = None
    # Loss weight of each document source (`Document.meta["source"]`, or the part before its
    # first "/", so "re3d" weighs every re3d subset); others weigh 1.
    source_weights: dict[str, float] = field(default_factory=dict)
    # Pick the best epoch on the dev documents of this origin (`Document.meta["origin"]`,
    # e.g. "real"); None: on all of dev.
    select_on: str | None = None


@dataclass
class TrainResult:
    model: EventModel
    history: list[dict[str, float]] = field(default_factory=list)
    best_epoch: int = 0
    calibration: dict[str, Any] = field(default_factory=dict)


def read_gold(path: str | Path) -> list[Document]:
    """Gold Documents from JSON Lines, loaded through `datasets` (memory-mapped, cached)."""
    import datasets

    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "no such gold file")
    datasets.disable_progress_bars()
    rows = datasets.load_dataset("json", data_files=str(path), split="train")
    docs = []
    for i, row in enumerate(rows):
        try:
            docs.append(Document.model_validate(_without_nulls(row)))
        except ValueError as e:
            raise InputError(f"{path}:{i + 1}", str(e).splitlines()[-1]) from None
    return docs


def _without_nulls(value: Any) -> Any:
    """`datasets` fills absent struct fields with None; the records want them absent."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def _device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(name)


def _batches(features: list[Feature], size: int, rng: random.Random) -> list[list[Feature]]:
    """Batches of similar length (little padding), in shuffled order."""
    ordered = sorted(features, key=lambda f: (len(f), rng.random()))
    batches = [ordered[i : i + size] for i in range(0, len(ordered), size)]
    rng.shuffle(batches)
    return batches


def _pair_tensors(batch: list[Feature]) -> dict[str, torch.Tensor] | None:
    rows, trig, cand, types, roles = [], [], [], [], []
    for b, f in enumerate(batch):
        for p in f.pairs:
            rows.append(b)
            trig.append(p.trigger)
            cand.append(p.candidate)
            types.append(p.event_type)
            roles.append(p.role)
    if not rows:
        return None
    return {"rows": torch.tensor(rows), "triggers": torch.tensor(trig),
            "candidates": torch.tensor(cand), "types": torch.tensor(types),
            "roles": torch.tensor(roles)}


def _event_tensors(batch: list[Feature]) -> dict[str, torch.Tensor] | None:
    rows, spans, pol, mod = [], [], [], []
    for b, f in enumerate(batch):
        for span, p, m in f.events:
            rows.append(b)
            spans.append(span)
            pol.append(p)
            mod.append(m)
    if not rows:
        return None
    return {"rows": torch.tensor(rows), "spans": torch.tensor(spans),
            "polarity": torch.tensor(pol), "modality": torch.tensor(mod)}


def _allowed(gold: torch.Tensor, n_tags: int, open_tags: list[list[int]], width: int) -> torch.Tensor:
    """[batch, width, tags] mask of the tags each token may have: its gold tag and, where it is
    unlabelled, the tags whose types its document does not annotate in full."""
    allowed = nn.functional.one_hot(gold, n_tags).bool()
    for b, tags in enumerate(open_tags):
        if tags:
            unlabelled = gold[b] == 0
            allowed[b, :, tags] |= unlabelled[:, None]
    return allowed


def _logits(model: EventModel, batch: list[Feature], device: torch.device) -> dict[str, tuple]:
    """Logits and gold labels of every head for one batch; the tag heads also carry the mask of
    allowed tags and the tag heads and pairs a per-item weight (`_loss`)."""
    net = model.network
    inputs = {k: v.to(device) for k, v in collate(batch).items()}
    hidden = net.encode(**inputs)
    trig_logits, cand_logits = net.tag_logits(hidden)
    width = hidden.shape[1]
    mask = inputs["attention_mask"].bool()
    trig_gold = torch.tensor([f.trigger_tags + [0] * (width - len(f)) for f in batch], device=device)
    cand_gold = torch.tensor([f.candidate_tags + [0] * (width - len(f)) for f in batch], device=device)
    trig_allowed = _allowed(trig_gold, trig_logits.shape[-1], [f.trigger_open for f in batch], width)
    all_cand = list(range(cand_logits.shape[-1]))
    cand_allowed = _allowed(cand_gold, cand_logits.shape[-1],
                            [all_cand if f.candidate_open else [] for f in batch], width)
    weights = torch.tensor([f.weight for f in batch], device=device)[:, None].expand(-1, width)
    out = {"trigger": (trig_logits[mask], trig_gold[mask], trig_allowed[mask], weights[mask]),
           "candidate": (cand_logits[mask], cand_gold[mask], cand_allowed[mask], weights[mask])}
    pairs = _pair_tensors(batch)
    if pairs:
        p = {k: v.to(device) for k, v in pairs.items()}
        out["role"] = (net.pair_logits(hidden, p["rows"], p["triggers"], p["candidates"], p["types"]),
                       p["roles"], None, torch.tensor([batch[r].weight for r in pairs["rows"].tolist()], device=device))
    events = _event_tensors(batch)
    if events:
        e = {k: v.to(device) for k, v in events.items()}
        pol, mod = net.attribute_logits(hidden, e["rows"], e["spans"])
        out["polarity"] = (pol, e["polarity"])
        out["modality"] = (mod, e["modality"])
    return out


def _loss(heads: dict[str, tuple]) -> torch.Tensor:
    """Sum over heads of the weighted mean negative log-likelihood. Where a mask of allowed tags
    is given, the likelihood is that of any allowed tag (marginal likelihood over the tags that
    partial annotation leaves open), so a token no type of its document labels costs nothing."""
    total: torch.Tensor | float = 0.0
    for logits, gold, *extra in heads.values():
        allowed, weight = extra if extra else (None, None)
        logp = logits.log_softmax(-1)
        if allowed is not None:
            nll = -logp.masked_fill(~allowed, float("-inf")).logsumexp(-1)
        else:
            nll = -logp.gather(1, gold[:, None]).squeeze(1)
        if weight is None:
            total = total + nll.mean()
        else:
            total = total + (nll * weight).sum() / weight.sum().clamp(min=1e-6)
    return total


def train(train_docs: list[Document], dev_docs: list[Document], out_dir: str | Path | None,
          config: TrainConfig | None = None, ontology: Ontology | None = None,
          log: Callable[[str], None] = print) -> TrainResult:
    from eventx.evaluate import score

    if not train_docs:
        raise InputError("train", "no training documents")
    config = config or TrainConfig()
    ontology = ontology or Ontology.default()
    random.seed(config.seed)
    torch.manual_seed(config.seed)
    if config.threads:
        torch.set_num_threads(config.threads)
    device = _device(config.device)
    model = EventModel.new(ontology, encoder=config.encoder, lora_rank=config.lora_rank)
    model.max_length, model.context_tokens, model.pack = config.max_length, config.context_tokens, config.pack
    net = model.network.to(device)
    model.device = device
    every_type = 2 * len(model.labels.event_types)
    features = [f for f in model.featurize(train_docs, with_labels=True)  # drop inputs that teach nothing:
                if any(f.trigger_tags) or any(f.candidate_tags) or len(f.trigger_open) < every_type]
    for f in features:
        source = train_docs[f.doc_index].meta.get("source", "")
        f.weight = config.source_weights.get(source, config.source_weights.get(source.split("/")[0], 1.0))
    dev_features = model.featurize(dev_docs, with_labels=True)
    params = [p for p in net.parameters() if p.requires_grad]
    log(f"training on {len(train_docs)} documents ({len(features)} encoder inputs), dev "
        f"{len(dev_docs)} documents; {sum(p.numel() for p in params):,} trainable parameters; "
        f"device {device}")
    optimizer = torch.optim.AdamW(params, lr=config.learning_rate, weight_decay=config.weight_decay)
    steps = config.epochs * ((len(features) + config.batch_size - 1) // config.batch_size)
    warm = max(1, int(config.warmup * steps))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (steps - s) / max(1, steps - warm)))
    rng = random.Random(config.seed)
    result = TrainResult(model)
    best, best_state, stale = -1.0, None, 0
    for epoch in range(1, config.epochs + 1):
        net.train()
        started, total, n = time.perf_counter(), 0.0, 0
        for batch in _batches(features, config.batch_size, rng):
            loss = _loss(_logits(model, batch, device))
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            scheduler.step()
            total += loss.item()
            n += 1
        net.eval()
        model.network = net
        chosen = [d for d in dev_docs if config.select_on is None
                  or d.meta.get("origin") == config.select_on] or dev_docs
        scores = score(chosen, _predict(model, chosen)) if chosen else None
        row = {"epoch": epoch, "loss": round(total / max(n, 1), 4),
               "seconds": round(time.perf_counter() - started, 1)}
        if scores:
            row["dev_trigger_f1"] = round(scores.trigger_classification.f1, 4)
            row["dev_argument_f1"] = round(scores.argument_classification.f1, 4)
        result.history.append(row)
        log("  ".join(f"{k} {v}" for k, v in row.items()))
        current = (row.get("dev_trigger_f1", 0) + row.get("dev_argument_f1", 0)) if scores else -row["loss"]
        if current > best:
            best, stale, result.best_epoch = current, 0, epoch
            best_state = {k: v.detach().clone() for k, v in net.named_parameters() if v.requires_grad}
        else:
            stale += 1
            if stale >= config.patience:
                log(f"early stop: no dev improvement for {stale} epochs")
                break
    if best_state is not None:
        net.load_state_dict(best_state, strict=False)
    net.to("cpu").eval()
    model.device = torch.device("cpu")
    model.network = net
    if dev_features:
        result.calibration = calibrate(model, dev_docs, dev_features)
        log(f"calibration: {result.calibration}")
    model.extra = {"training": {**asdict(config), "best_epoch": result.best_epoch,
                                "history": result.history,
                                "train_documents": len(train_docs), "dev_documents": len(dev_docs)},
                   "calibration": result.calibration}
    if out_dir is not None:
        model.save(out_dir)
        log(f"saved to {out_dir}")
    return result


def _predict(model: EventModel, docs: list[Document]) -> list[Document]:
    preds = []
    for doc, events in zip(docs, model.extract_batch(docs)):
        preds.append(doc.model_copy(update={"events": events}))
    return preds


@torch.no_grad()
def _dev_logits(model: EventModel, features: list[Feature]) -> dict[str, tuple[torch.Tensor, torch.Tensor]]:
    collected: dict[str, list[tuple[torch.Tensor, torch.Tensor]]] = {}
    for i in range(0, len(features), 32):
        for head, (logits, gold, *_) in _logits(model, features[i : i + 32], torch.device("cpu")).items():
            collected.setdefault(head, []).append((logits, gold))
    return {h: (torch.cat([a for a, _ in v]), torch.cat([b for _, b in v])) for h, v in collected.items()}


def fit_temperature(logits: torch.Tensor, gold: torch.Tensor) -> float:
    """The temperature that minimises dev negative log-likelihood (Guo et al., 2017)."""
    log_t = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.LBFGS([log_t], lr=0.1, max_iter=100)
    loss_fn = nn.CrossEntropyLoss()

    def closure() -> torch.Tensor:
        optimizer.zero_grad()
        loss = loss_fn(logits / log_t.exp(), gold)
        loss.backward()
        return loss

    optimizer.step(closure)
    return float(log_t.detach().exp().clamp(0.05, 20.0))


def fit_platt(items: list[tuple[float, bool]]) -> list[float]:
    """Platt scaling (a, b) of confidences against correctness: the last step of calibration,
    fitted on the same predictions users will see, so span errors are accounted for too."""
    if len(items) < 10 or len({ok for _, ok in items}) < 2:
        return [1.0, 0.0]
    p = torch.tensor([min(max(c, 1e-6), 1 - 1e-6) for c, _ in items])
    x = torch.log(p / (1 - p))
    y = torch.tensor([float(ok) for _, ok in items])
    ab = torch.tensor([1.0, 0.0], requires_grad=True)
    optimizer = torch.optim.LBFGS([ab], lr=0.1, max_iter=200)
    loss_fn = nn.BCEWithLogitsLoss()

    def closure() -> torch.Tensor:
        optimizer.zero_grad()
        loss = loss_fn(ab[0] * x + ab[1], y)
        loss.backward()
        return loss

    optimizer.step(closure)
    return [round(float(v), 4) for v in ab.detach()]


def calibrate(model: EventModel, dev_docs: list[Document], dev_features: list[Feature]) -> dict[str, Any]:
    """Fit temperatures on dev and report expected calibration error before and after."""
    from eventx.evaluate import calibration_items, expected_calibration_error

    model.network.eval()
    before = calibration_items(dev_docs, _predict(model, dev_docs))
    logits = _dev_logits(model, dev_features)
    temps = {"trigger": fit_temperature(*logits["trigger"])}
    if "role" in logits:
        temps["role"] = fit_temperature(*logits["role"])
    if "modality" in logits:
        temps["attribute"] = fit_temperature(*logits["modality"])
    model.temperatures.update(temps)
    scaled = calibration_items(dev_docs, _predict(model, dev_docs))
    model.scaling = {"event": fit_platt(scaled["events"]), "argument": fit_platt(scaled["arguments"])}
    after = calibration_items(dev_docs, _predict(model, dev_docs))
    return {
        "temperatures": {k: round(v, 4) for k, v in temps.items()},
        "scaling": model.scaling,
        "dev_ece_events_before": round(expected_calibration_error(before["events"]), 4),
        "dev_ece_events_after": round(expected_calibration_error(after["events"]), 4),
        "dev_ece_arguments_before": round(expected_calibration_error(before["arguments"]), 4),
        "dev_ece_arguments_after": round(expected_calibration_error(after["arguments"]), 4),
    }
