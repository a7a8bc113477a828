"""Corpus files built to hurt: each is read, skipped with a reason or shown escaped, quickly."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ARTICLE, FakeEmbedder, write_corpus

from skolsok import EmptyCorpusError, build_index, load_corpus
from skolsok.cli import main


def test_a_200k_letter_word_is_cleaned_in_well_under_a_second(tmp_path: Path):
    # The e-mail pattern used to rescan the rest of such a word from every letter: 80k letters took 19 s.
    folder = write_corpus(tmp_path / "c", {"word.txt": "Ankeby kommun\n\n" + "a" * 200_000 + "@\n\n" + "b" * 200_000})
    started = time.perf_counter()
    corpus = load_corpus(folder)
    assert time.perf_counter() - started < 1.0
    assert corpus.records[0].organization == "Ankeby kommun"


def test_a_yaml_alias_bomb_in_front_matter_skips_the_file_with_a_reason(tmp_path: Path):
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    bomb = "---\n" + "\n".join(levels) + "\norganization: *i\nyear: *i\n---\n" + ARTICLE
    assert len(bomb.encode()) < 1000
    folder = write_corpus(tmp_path / "c", {"bomb.md": bomb, "ok.md": ARTICLE})
    started = time.perf_counter()
    corpus = load_corpus(folder)
    assert time.perf_counter() - started < 2.0
    assert [(s.source, s.reason) for s in corpus.skipped] == [
        ("bomb.md", "front matter uses YAML anchors or aliases (& and *), which are refused; write values out")
    ]
    assert [d.source for d in corpus.documents] == ["ok.md"]


def test_front_matter_values_must_be_short_single_values(tmp_path: Path):
    text = (
        "---\norganization: [Ankeby kommun, Bullerby stad]\ntitle: " + "lång " * 100 + "\nyear: 2021\n---\n" + ARTICLE
    )
    doc = load_corpus(write_corpus(tmp_path / "c", {"a.md": text})).documents[0]
    record = doc.records[0]
    assert (record.organization, record.year) == ("Dalby stad", 2021)
    assert len(record.title) <= 200
    assert doc.warnings == ("front matter organization is not a single value; ignored",)


def test_a_symlink_out_of_the_corpus_is_not_read(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Lösenordet till servern är hemligt och står bara här.", encoding="utf-8")
    folder = write_corpus(tmp_path / "c", {"ok.txt": ARTICLE})
    (folder / "passwd.txt").symlink_to(secret)
    (folder / "etc").symlink_to(tmp_path)
    (folder / "inside.txt").symlink_to(folder / "ok.txt")
    corpus = load_corpus(folder)
    assert [(s.source, s.reason) for s in corpus.skipped] == [
        ("etc", "symbolic link to outside the corpus folder; not read"),
        ("ok.txt", "duplicate of inside.txt"),
        ("passwd.txt", "symbolic link to outside the corpus folder; not read"),
    ]
    assert "hemligt" not in "".join(r.text for r in corpus.records)


def test_a_file_name_that_is_not_utf8_builds(tmp_path: Path):
    folder = write_corpus(tmp_path / "c", {"ok.txt": ARTICLE})
    with open(os.path.join(os.fsencode(folder), b"caf\xe9-kommun.txt"), "wb") as fh:
        fh.write("Eksby kommun satsar på skolbibliotek i alla skolor.".encode())
    report = build_index(folder, tmp_path / "index", embedder=FakeEmbedder())
    assert report.documents == 2
    assert report.added == ("caf\\xe9-kommun.txt", "ok.txt")


def test_a_thousand_folders_deep_is_read(tmp_path: Path):
    folder = tmp_path / "c"
    deep = str(folder)
    os.mkdir(deep)
    for _ in range(1000):  # one by one: makedirs itself recurses
        deep += "/d"
        os.mkdir(deep)
    try:
        Path(deep, "djup.txt").write_text(ARTICLE, encoding="utf-8")
        corpus = load_corpus(folder)
        assert [d.source for d in corpus.documents] == ["d/" * 1000 + "djup.txt"]
    finally:  # bottom-up: pytest's own clean-up of old temporary folders recurses and would fail
        os.remove(os.path.join(deep, "djup.txt"))
        while deep != str(folder):
            os.rmdir(deep)
            deep = os.path.dirname(deep)


def test_terminal_escapes_in_names_and_front_matter_never_reach_the_terminal(tmp_path: Path):
    folder = write_corpus(
        tmp_path / "c",
        {
            "\x1b[31mröd\x1b[0m.md": '---\norganization: "Ankeby\\e]0;pwned\\a kommun"\ntitle: "\\e[2JRensa"\n---\n'
            + ARTICLE,
            "\x1b[2Jtom.txt": "",
        },
    )
    runner = CliRunner()
    shown = runner.invoke(main, ["corpus", "show", "--corpus", str(folder)])
    assert shown.exit_code == 0
    assert "\x1b" not in shown.output and "\x07" not in shown.output
    assert "\\x1b[31mröd\\x1b[0m.md  (1 record)" in shown.output
    assert "skipped \\x1b[2Jtom.txt: empty file" in shown.output
    record = load_corpus(folder).records[0]
    assert (record.organization, record.title) == ("Ankeby]0;pwned kommun", "[2JRensa")
    built = runner.invoke(main, ["index", "build", "--corpus", str(folder), "--index", str(tmp_path / "i"), "-q"])
    assert "\x1b" not in built.output


def test_utf16_files_with_a_byte_order_mark_are_read(tmp_path: Path):
    text = "Eksby kommun satsar på it-pedagoger i förskolan."
    folder = write_corpus(
        tmp_path / "c",
        {"le.txt": "\ufeff" + text.encode("utf-16-le").decode("latin-1"), "x": ""},
    )
    (folder / "x").unlink()
    (folder / "le.txt").write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    (folder / "be.txt").write_bytes(b"\xfe\xff" + text.replace("Eksby", "Fyrby").encode("utf-16-be"))
    corpus = load_corpus(folder)
    assert corpus.skipped == ()
    assert {r.source: r.text for r in corpus.records} == {"le.txt": text, "be.txt": text.replace("Eksby", "Fyrby")}


def test_a_damaged_pdf_is_reported_once_with_its_name_not_by_the_pdf_library(tmp_path: Path):
    folder = write_corpus(tmp_path / "c", {"ok.txt": "Ankeby kommun inför lärplattform i alla skolor under hösten."})
    (folder / "trasig.pdf").write_bytes(
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n"
    )
    shown = subprocess.run(
        [sys.executable, "-m", "skolsok", "corpus", "show", "--corpus", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shown.returncode == 0
    assert "EOF marker" not in shown.stderr + shown.stdout  # pypdf's own log line, without a file name
    assert "skipped trasig.pdf: damaged PDF" in shown.stdout + shown.stderr


def test_a_corpus_of_only_unusable_files_says_why_each_was_skipped(tmp_path: Path):
    folder = write_corpus(tmp_path / "c", {"tom.txt": ""})
    (folder / "trasig.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    with pytest.raises(EmptyCorpusError) as empty:
        build_index(folder, tmp_path / "index")
    assert str(empty.value).startswith(
        f"no usable documents (.txt, .md, .pdf, .docx, .html) in {folder}; 2 files skipped (tom.txt: empty file; "
        "trasig.pdf: damaged PDF"
    )
