"""Shared fixtures: tiny inline corpora written in the style of the real documents."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

pytest.register_assert_rewrite("ci_guard")  # imported here before pytest loads it as a plugin
from ci_guard import running_in_ci  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

# ci_guard: under CI a skipped test fails the run. pytester: to test that plugin.
pytest_plugins = ["ci_guard", "pytester"]

# Under CI hypothesis draws the same examples every run (a failure there reproduces locally with
# CI=true) and keeps no example database in the checkout.
settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if running_in_ci() else "dev")

BOILERPLATE = (
    "Varje huvudman gör som en del av nomineringen till Guldtrappan en 3 min video om sin verksamhet. "
    "Denna video är en del av den presentation som huvudmännen gör för varandra och för juryn."
)

# A recipients page for invented municipalities, in the style of the Guldtrappan site.
RECIPIENTS_PAGE = f"""2023

Ankeby kommun

Ankeby kommun, barn- och utbildningsförvaltningen: förskola, grundskola

mottagare av kvalitetsutmärkelsen Guldtrappan 2023

Motivering

Juryns motivering:
”I Ankeby kommun leder ett digitaliseringsråd med rektorer arbetet. Lärarna får stöd av lokala it-pedagoger på varje skola. Alla elever har egna digitala verktyg.”

{BOILERPLATE}

Video

Bullerby stad, gymnasieförvaltningen: gymnasieskola och vuxenutbildning

mottagare av kvalitetsutmärkelsen Guldtrappan 2023

Motivering

Juryns motivering:
”Bullerby stads gymnasieskolor använder digitala prov i alla ämnen. En gemensam lärplattform samlar allt material.”

{BOILERPLATE}

Video
"""

PRESS_RELEASE = """Publicerad 2022-05-10, kl 09:00

Cederköping får digitaliseringspris

Cederköpings kommun har tilldelats utmärkelsen Guldtrappan 2022 för sitt arbete med digitalisering inom grund- och gymnasieskola.

Cederköpings kommun satsar på programmering för alla lärare och ett skolbibliotek på varje skola.

Kontakt: Anna Andersson, skolchef, anna.andersson@cederkoping.se, tel. 0123-45 67 89
"""

ARTICLE = """Dalby stad bygger en fjärrundervisning för små skolor

Dalby stad har byggt upp fjärrundervisning i moderna språk. Eleverna på landsbygden får undervisning av behöriga lärare via video.

Kommentera

E-postadressen publiceras inte. Obligatoriska fält är märkta *
"""


def write_corpus(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    return write_corpus(
        tmp_path / "corpus",
        {"mottagare-2023.txt": RECIPIENTS_PAGE, "cederkoping.txt": PRESS_RELEASE, "dalby.md": ARTICLE},
    )


class FakeEmbedder:
    """Deterministic bag-of-words vectors: texts sharing words are close. No model needed."""

    name = "fake/bag-of-words"
    spec = "fake"
    dim = 64

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for word in text.casefold().split():
            word = word.strip('.,:;!?”"')
            if word:
                v[int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        norm = np.linalg.norm(v)
        return v / norm if norm else v

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self._vec(t) for t in texts])

    def embed_passages(self, texts: Sequence[str], progress=None) -> np.ndarray:
        if progress:
            progress(len(texts))
        return np.stack([self._vec(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)


@pytest.fixture(scope="session")
def e5_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny corpus indexed once with the real e5 model."""
    from skolsok import build_index

    root = tmp_path_factory.mktemp("e5")
    corpus = write_corpus(
        root / "corpus",
        {"mottagare-2023.txt": RECIPIENTS_PAGE, "cederkoping.txt": PRESS_RELEASE, "dalby.md": ARTICLE},
    )
    build_index(corpus, root / "index")
    return root / "index"


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The product's own corpus/ indexed once with e5."""
    from skolsok import build_index

    index = tmp_path_factory.mktemp("seeds") / "index"
    build_index(Path(__file__).resolve().parents[1] / "corpus", index)
    return index
