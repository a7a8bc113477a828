"""The calibrated values of each embedder (``data/calibration.json``, written by
``benchmarks/calibrate.py``): the one place search and selection read their bars from."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any


@functools.lru_cache(maxsize=1)
def _calibration() -> dict[str, dict[str, Any]]:
    """``data/calibration.json``, read once per process (``ask`` asks for it on every question)."""
    data: dict[str, dict[str, Any]] = json.loads(
        resources.files("skolsok").joinpath("data/calibration.json").read_text("utf-8")
    )
    return data


def calibrated(embedder: str) -> dict[str, Any]:
    """The values calibrated for ``embedder`` by name; empty for one never calibrated."""
    return dict(_calibration().get(embedder, {}))
