"""The embedding backends: ONNX (exported locally, once) gives torch's vectors; int8 is close."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from retrieval.embedder import ONNX_FILE, ONNX_INT8_FILE, Embedder

TEXTS = ["a quiet dishwasher with a third rack", "trail running shoes", "ok", "x" * 3000]


def test_onnx_export_matches_the_torch_model_and_int8_stays_close(tmp_path: Path) -> None:
    onnx = Embedder(home=tmp_path, int8=False)
    onnx.prepare()
    assert (tmp_path / ONNX_FILE).exists() and not (tmp_path / ONNX_INT8_FILE).exists()
    assert type(onnx.backend).__name__ == "_OnnxBackend" and onnx.variant == "fp32/128"
    torch = Embedder()
    assert type(torch.backend).__name__ == "_TorchBackend" and torch.variant == "fp32/128"
    exact = torch.embed(TEXTS)
    np.testing.assert_allclose(onnx.embed(TEXTS), exact, atol=1e-4)
    int8 = Embedder(home=tmp_path)
    int8.prepare()  # quantizes the export already there
    size = (tmp_path / ONNX_INT8_FILE).stat().st_size
    assert int8.variant == "int8/128" and size < 0.7 * (tmp_path / ONNX_FILE).stat().st_size
    cosines = (int8.embed(TEXTS) * exact).sum(axis=1)
    assert cosines[:2].min() > 0.99 and cosines.min() > 0.9  # sentences; "ok" and "xxx…" drift more


def test_vectors_are_unit_length_and_in_input_order(embedder: Embedder) -> None:
    vectors = embedder.embed(TEXTS)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # int8 quantizes activations per batch, so a text's vector moves a little with its batch
    # mates (float32 is exact: see above); a query alone still lands on the same point.
    assert float(vectors[1] @ embedder.embed_query(TEXTS[1])) > 0.98
    assert embedder.embed([]).shape == (0, 384)
