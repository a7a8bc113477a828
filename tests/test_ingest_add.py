"""`skolsok add` and `remove`: files, folders and URLs (a server on 127.0.0.1 only)."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner
from conftest import ARTICLE, PRESS_RELEASE, FakeEmbedder, write_corpus
from formats_helper import write_html

import skolsok.indexing
from skolsok import load_corpus
from skolsok.cli import main
from skolsok.errors import DocumentNotFoundError, FetchError
from skolsok.ingest.fetch import fetch
from skolsok.ingest.manage import add_documents, remove_documents

NEWS = [
    "Eksby kommun ger alla lärare i grundskolan fortbildning i digitala verktyg under hösten.",
    "Satsningen leds av kommunens digitaliseringsstrateg och följs upp av rektorerna varje termin.",
]


class _Handler(http.server.BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, tuple[str, bytes]]] = {}

    def do_GET(self) -> None:
        if self.path == "/flytt":
            self.send_response(302)
            self.send_header("Location", "/nyheter/fortbildning")
            self.end_headers()
            return
        if self.path not in self.pages:
            self.send_error(404)
            return
        content_type, body = self.pages[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    page = tmp_path / "page.html"
    write_html(page, NEWS, title="Fortbildning för alla lärare", site="Eksby kommun")
    _Handler.pages = {
        "/nyheter/fortbildning": ("text/html; charset=utf-8", page.read_bytes()),
        "/bild.png": ("image/png", b"\x89PNG\r\n"),
        "/stor.txt": ("text/plain", b"a " * (3 * 1024 * 1024)),
    }
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_checks_type_size_and_status(server: str):
    fetched = fetch(server + "/flytt")
    assert (fetched.name, fetched.url) == ("fortbildning.html", server + "/flytt")
    with pytest.raises(FetchError, match=r"^cannot add .*/bild\.png: content type image/png is not a web page"):
        fetch(server + "/bild.png")
    with pytest.raises(FetchError, match=r": larger than 1 MB \(save the page"):
        fetch(server + "/stor.txt", max_bytes=1_000_000)
    with pytest.raises(FetchError, match=r": the server answered 404 Not Found"):
        fetch(server + "/saknas")
    with pytest.raises(FetchError, match=r"only http:// and https:// addresses"):
        fetch("file:///etc/passwd")


def test_add_url_keeps_the_address_as_the_source(server: str, tmp_path: Path):
    corpus = tmp_path / "corpus"
    report = add_documents(corpus, [server + "/nyheter/fortbildning", server + "/bild.png"])
    assert report.added == (("fortbildning.html", server + "/nyheter/fortbildning"),)
    assert report.refused[0][0] == server + "/bild.png"
    (record,) = load_corpus(corpus).records
    assert (record.url, record.title, record.organization) == (
        server + "/nyheter/fortbildning",
        "Fortbildning för alla lärare",
        "Eksby kommun",
    )


def test_add_files_never_overwrites_and_remove_takes_documents_out(tmp_path: Path):
    corpus = write_corpus(tmp_path / "corpus", {"dalby.md": ARTICLE})
    new = write_corpus(tmp_path / "new", {"dalby.md": PRESS_RELEASE, "ceder.txt": PRESS_RELEASE, "bild.png": "x"})
    report = add_documents(
        corpus, [str(new / "dalby.md"), str(tmp_path / "corpus" / "dalby.md"), str(new / "bild.png")]
    )
    assert report.added == (("dalby-2.md", str(new / "dalby.md")),)
    assert report.present == (("dalby.md", str(corpus / "dalby.md")),)
    assert report.refused == (
        (str(new / "bild.png"), "not a supported format (use .txt, .md, .pdf, .docx, .html, .htm)"),
    )
    assert (corpus / "dalby.md").read_text(encoding="utf-8") == ARTICLE
    assert remove_documents(corpus, ["dalby-2.md"]) == ["dalby-2.md"]
    assert sorted(p.name for p in corpus.iterdir()) == ["dalby.md"]
    with pytest.raises(DocumentNotFoundError, match=r"^no document named nope\.txt in "):
        remove_documents(corpus, ["dalby.md", "nope.txt"])
    assert (corpus / "dalby.md").exists()  # nothing is removed unless every name is found


def test_a_new_version_is_added_beside_the_old_with_a_note_or_replaces_it_with_replace(tmp_path: Path):
    corpus = write_corpus(tmp_path / "corpus", {"dalby.md": ARTICLE})
    new = write_corpus(tmp_path / "new", {"dalby.md": PRESS_RELEASE, "tom.md": ""})
    runner = CliRunner()
    beside = runner.invoke(main, ["add", str(new / "dalby.md"), "--corpus", str(corpus), "--no-build"])
    assert beside.stdout == f"added dalby-2.md (from {new / 'dalby.md'})\n"
    assert (
        beside.stderr
        == "note: another dalby.md was already in the corpus and is kept; to update it instead: --replace\n"
    )
    (corpus / "dalby-2.md").unlink()
    replaced = runner.invoke(main, ["add", str(new / "dalby.md"), "--corpus", str(corpus), "--no-build", "--replace"])
    assert (replaced.exit_code, replaced.stdout) == (0, f"replaced dalby.md (with {new / 'dalby.md'})\n")
    assert sorted(p.name for p in corpus.iterdir()) == ["dalby.md"]
    assert (corpus / "dalby.md").read_text(encoding="utf-8") == PRESS_RELEASE
    # A version the build would skip replaces nothing.
    (new / "tom.md").replace(new / "dalby.md")
    refused = runner.invoke(main, ["add", str(new / "dalby.md"), "--corpus", str(corpus), "--no-build", "--replace"])
    assert (refused.exit_code, refused.stderr) == (1, f"skolsok: not added {new / 'dalby.md'}: empty file\n")
    assert (corpus / "dalby.md").read_text(encoding="utf-8") == PRESS_RELEASE
    assert sorted(p.name for p in corpus.iterdir()) == ["dalby.md"]


def test_a_file_the_build_would_skip_is_not_added_and_the_command_says_so(tmp_path: Path):
    corpus = write_corpus(tmp_path / "corpus", {"dalby.md": ARTICLE})
    new = write_corpus(tmp_path / "new", {"ceder.txt": PRESS_RELEASE, "tom.txt": "  \n"})
    (new / "trasig.pdf").write_bytes(b"%PDF-1.4 this is no pdf")
    files = [str(new / name) for name in ("tom.txt", "trasig.pdf", "ceder.txt")]
    result = CliRunner().invoke(main, ["add", *files, "--corpus", str(corpus), "--no-build"])
    assert result.stdout == f"added ceder.txt (from {new / 'ceder.txt'})\n"
    assert result.stderr == (
        f"skolsok: not added {new / 'tom.txt'}: empty file\n"
        f"skolsok: not added {new / 'trasig.pdf'}: damaged PDF (Stream has ended unexpectedly)\n"
    )
    assert result.exit_code == 1  # what could be added was, and a script learns that something was not
    assert sorted(p.name for p in corpus.iterdir()) == ["ceder.txt", "dalby.md"]


def test_cli_add_and_remove_rebuild_and_say_what_changed(server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    loaded: list[str] = []
    monkeypatch.setattr(skolsok.indexing, "load_embedder", lambda spec: loaded.append(spec) or FakeEmbedder())
    corpus = write_corpus(tmp_path / "corpus", {"dalby.md": ARTICLE})
    index = tmp_path / "index"
    runner = CliRunner()
    args = ["--corpus", str(corpus), "--index", str(index), "-q"]
    added = runner.invoke(main, ["add", server + "/nyheter/fortbildning", *args])
    assert added.exit_code == 0, added.output
    assert added.stdout.startswith(f"added fortbildning.html (from {server}/nyheter/fortbildning)\nBuilt ")
    assert "2 documents (2 added, 0 changed, 0 removed, 0 unchanged)" in added.stdout
    rows = [json.loads(line) for line in (corpus / "metadata.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows == [{"file": "fortbildning.html", "url": server + "/nyheter/fortbildning"}]
    removed = runner.invoke(main, ["remove", "fortbildning.html", *args])
    assert removed.exit_code == 0, removed.output
    assert removed.stdout.startswith("removed fortbildning.html\nBuilt ")
    assert "1 documents (0 added, 0 changed, 1 removed, 1 unchanged)" in removed.stdout
    assert (corpus / "metadata.jsonl").read_text(encoding="utf-8") == ""
    refused = runner.invoke(main, ["add", server + "/bild.png", *args])
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"skolsok: not added {server}/bild.png: content type image/png is not a web page, text, PDF or Word "
        "document (save the page or file and add it as a file instead)\n"
    )
    assert loaded == ["e5", "fake"]  # the second build keeps the index's own embedder
    missing = runner.invoke(main, ["remove", "nope.txt", *args])
    assert missing.exit_code == 1
    assert missing.stderr.startswith("skolsok: error: no document named nope.txt in ")
