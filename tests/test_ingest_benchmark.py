"""The ingest benchmark's converted corpus is what it claims: every realdev page, once, in a real
format, with its URL (its recall figures rest on it)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from skolsok import load_corpus

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "ingest.py"
REALDEV = Path(__file__).resolve().parents[2] / "shared" / "realdev"


def test_realdev_pages_convert_to_pdf_word_and_html_with_their_urls(tmp_path: Path):
    if not REALDEV.is_dir():
        pytest.fail(f"{REALDEV} is missing: the shared evaluation data must lie beside the checkout")
    spec = importlib.util.spec_from_file_location("skolsok_bench_ingest", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["skolsok_bench_ingest"] = module
    spec.loader.exec_module(module)
    made = module.convert(REALDEV, tmp_path / "formats")
    assert {kind: len(names) for kind, names in made.items()} == {"pdf": 16, "docx": 16, "html": 16}
    corpus = load_corpus(tmp_path / "formats")
    assert (len(corpus.documents), corpus.skipped, corpus.warnings) == (48, (), ())
    assert all(r.url and r.url.startswith("http") for r in corpus.records)
    pdfs = [r for r in corpus.records if r.source.endswith(".pdf")]
    assert all(r.pages for r in pdfs) and any(len(r.pages) > 1 for r in pdfs)
    # the running header is gone wherever it repeats (a one-page PDF has nothing to compare with)
    assert not any("utskrift" in r.text for r in pdfs if len(r.pages) > 1)
