"""The two embedding backends give the same vectors; ONNX is exported locally, once."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from retrieval.embedder import ONNX_FILE, Embedder

TEXTS = ["a quiet dishwasher with a third rack", "trail running shoes", "ok", "x" * 3000]


def test_onnx_export_matches_the_torch_model(tmp_path: Path) -> None:
    onnx = Embedder(home=tmp_path)
    onnx.prepare()
    assert (tmp_path / ONNX_FILE).exists()
    assert type(onnx.backend).__name__ == "_OnnxBackend"
    torch = Embedder()
    assert type(torch.backend).__name__ == "_TorchBackend"
    np.testing.assert_allclose(onnx.embed(TEXTS), torch.embed(TEXTS), atol=1e-4)


def test_vectors_are_unit_length_and_in_input_order(embedder: Embedder) -> None:
    vectors = embedder.embed(TEXTS)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(vectors[1], embedder.embed_query(TEXTS[1]), atol=1e-5)
    assert embedder.embed([]).shape == (0, 384)
