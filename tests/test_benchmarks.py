"""The benchmark's synthetic corpora are valid indexes (its scale figures rest on them)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from skolsok import Searcher, ask

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench.py"


def _bench():
    spec = importlib.util.spec_from_file_location("skolsok_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["skolsok_bench"] = module
    spec.loader.exec_module(module)
    return module


def test_synthetic_index_copies_records_with_valid_offsets(e5_index: Path, tmp_path: Path):
    bench = _bench()
    source = Searcher.open(e5_index)
    bench.synthetic_index(source, 40, tmp_path / "synthetic")
    big = Searcher.open(tmp_path / "synthetic")
    copies = round(40 / len(source.index.passages))
    assert len(big.index.passages) == copies * len(source.index.passages)
    assert len(big.index.unit_spans) == copies * len(source.index.unit_spans)
    assert len({p.text for p in big.index.passages}) == len(big.index.passages)  # every text differs
    for p in big.index.passages:
        assert big.index.records[p.record_id].text[p.start : p.end] == p.text
    assert np.allclose(np.linalg.norm(big._vectors, axis=1), 1.0, atol=1e-5)
    assert big.search("digitala prov", top_k=1)[0].record.id.startswith("mottagare-2023.txt#2~")
    assert ask(big, "Vem använder digitala prov?").answered


def test_mixtures_are_unit_vectors_between_their_sources():
    bench = _bench()
    base = np.eye(4, dtype=np.float32)
    mixed = bench.mixtures(base, 50, noise=0.0)
    assert mixed.shape == (50, 4)
    assert np.allclose(np.linalg.norm(mixed, axis=1), 1.0, atol=1e-5)
    assert (mixed >= 0).all() and ((mixed > 0).sum(axis=1) <= 2).all()


def _sweep():
    path = BENCH.with_name("fusion_sweep.py")
    spec = importlib.util.spec_from_file_location("skolsok_fusion_sweep", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["skolsok_fusion_sweep"] = module
    spec.loader.exec_module(module)
    return module


def test_the_sweep_grid_is_every_combination_of_fusion_settings_values():
    sweep = _sweep()
    assert sweep.parse_grid(["lexical_weight=0,0.1", "pool=50"]) == [
        {"lexical_weight": 0.0, "pool": 50},
        {"lexical_weight": 0.1, "pool": 50},
    ]
    assert sweep.parse_grid([]) == [{}]
    with pytest.raises(SystemExit, match=r"^unknown FusionSettings field 'weight' \(one of: passage_weight, "):
        sweep.parse_grid(["weight=1"])


def test_the_sweep_embeds_each_question_once():
    from conftest import FakeEmbedder

    class Counting(FakeEmbedder):
        calls = 0

        def embed_queries(self, texts):
            Counting.calls += len(texts)
            return super().embed_queries(texts)

    cached = _sweep().CachedEmbedder(Counting())
    first = cached.embed_queries(["Vem har IT-råd?", "Vem har IT-råd?"])
    again = cached.embed_queries(["Vem har IT-råd?"])
    assert Counting.calls == 1 and np.array_equal(first[0], again[0])


def test_the_load_report_splits_server_time_per_event_handler():
    path = BENCH.with_name("load.py")
    spec = importlib.util.spec_from_file_location("skolsok_load", path)
    load = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(load)

    def trace(fn, queue_wait, fn_call):
        return {"fn_name": fn, "queue_wait_ms": queue_wait, "fn_call_ms": fn_call, "postprocess_ms": 1.0,
                "total_ms": queue_wait + fn_call + 1.0}  # fmt: skip

    summary = load.summarize_traces([trace("chat", 0.0, 20.0), trace("chat", 10.0, 40.0), trace("clear", 2.0, 1.0)])
    assert summary == {
        "chat": {
            "count": 2,
            "queue_wait": {"p50": 5.0, "p95": 0.0, "max": 10.0},
            "fn_call": {"p50": 30.0, "p95": 20.0, "max": 40.0},
            "postprocess": {"p50": 1.0, "p95": 1.0, "max": 1.0},
            "total": {"p50": 36.0, "p95": 21.0, "max": 51.0},
        },
        "clear": {
            "count": 1,
            **{ph: {"p50": v, "p95": v, "max": v} for ph, v in [("queue_wait", 2.0), ("fn_call", 1.0),
                                                                 ("postprocess", 1.0), ("total", 4.0)]},
        },
    }  # fmt: skip
