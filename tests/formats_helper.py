"""Loads benchmarks/formats.py (the real-format writers) for the tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "formats.py"
_spec = importlib.util.spec_from_file_location("skolsok_bench_formats", _PATH)
assert _spec and _spec.loader
formats = importlib.util.module_from_spec(_spec)
sys.modules["skolsok_bench_formats"] = formats
_spec.loader.exec_module(formats)

write_pdf = formats.write_pdf
write_docx = formats.write_docx
write_html = formats.write_html
