"""Reading real documents: does a corpus saved as PDF, Word and HTML answer as well as the same
pages in plain text, how fast are the readers, and what share of a build is reading?

    python benchmarks/ingest.py [--realdev ../shared/realdev] [--json FILE]

1. Converts the realdev pages (`Källa: URL` first line, then the page) into PDF (reportlab, a
   running header and "Sida N" footers), Word (python-docx) and a saved municipal web page with full
   site chrome (cookie banner, menus, share buttons, footer), one format per page in turn, with the
   URL in a sidecar (PDF, Word) or the page's canonical link (HTML). The seeds stay plain text.
2. Builds an e5 index of seeds + converted pages and of seeds + the original .txt pages, and runs
   `skolsok eval QUESTIONS --no-answers` on both (the command itself, unchanged).
3. Reading speed per format (documents/s; PDF pages/s), and the readers' share of a full build of
   the converted realdev corpus (BuildReport.read_seconds / BuildReport.seconds).

Needs the `bench` extra (reportlab) for the PDF writer.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from formats import write_docx, write_html, write_pdf  # noqa: E402

from skolsok import build_index  # noqa: E402
from skolsok.ingest import reader_for  # noqa: E402
from skolsok.records import title_line  # noqa: E402

_SOURCE = re.compile(r"^(?:Källa|Source):\s*(\S+)\s*$")


def convert(realdev: Path, out: Path) -> dict[str, list[str]]:
    """Write each realdev page as PDF, Word or HTML (in turn) into ``out``; the names per format."""
    out.mkdir(parents=True, exist_ok=True)
    made: dict[str, list[str]] = {"pdf": [], "docx": [], "html": []}
    sidecar: list[dict[str, str]] = []
    for n, page in enumerate(sorted((realdev / "corpus").glob("*.txt"))):
        lines = page.read_text(encoding="utf-8").split("\n")
        match = _SOURCE.match(lines[0])
        url = match.group(1) if match else None
        paragraphs = [line.strip() for line in lines[1 if match else 0 :] if line.strip()]
        kind = ("pdf", "docx", "html")[n % 3]
        name = f"{page.stem}.{kind}"
        if kind == "pdf":
            host = re.sub(r"^https?://(www\.)?", "", url or "").split("/")[0]
            # Short pages, so that most documents run over several and the running header repeats.
            write_pdf(out / name, paragraphs, header=f"{host} – utskrift", lines_per_page=20)
        elif kind == "docx":
            write_docx(out / name, paragraphs)
        else:
            # The page's <title> is its headline; the text keeps whatever stood above it.
            write_html(out / name, paragraphs, title=title_line(paragraphs), url=url, site="Webbplatsen")
        if url and kind != "html":
            sidecar.append({"file": name, "url": url})
        made[kind].append(name)
    with (out / "metadata.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["file", "url"])
        writer.writeheader()
        writer.writerows(sidecar)
    return made


def reading_speed(
    folder: Path, made: dict[str, list[str]], plain: Path, rounds: int = 3
) -> dict[str, dict[str, float]]:
    from pypdf import PdfReader

    speed: dict[str, dict[str, float]] = {}
    for kind, names in made.items():
        datas = [(folder / name).read_bytes() for name in names]
        start = time.perf_counter()
        for _ in range(rounds):
            for name, data in zip(names, datas, strict=True):
                reader, _ = reader_for(Path(name).suffix, data)
                reader.read(data)
        seconds = (time.perf_counter() - start) / rounds
        speed[kind] = {"documents": len(names), "seconds": round(seconds, 3), "documents_per_s": len(names) / seconds}
        if kind == "pdf":
            pages = sum(len(PdfReader(folder / name).pages) for name in names)
            speed[kind].update(pages=pages, pages_per_s=pages / seconds)
    texts = sorted(plain.glob("*.txt"))
    datas = [t.read_bytes() for t in texts]
    start = time.perf_counter()
    for _ in range(rounds):
        for data in datas:
            reader_for(".txt", data)[0].read(data)
    seconds = (time.perf_counter() - start) / rounds
    speed["text"] = {"documents": len(texts), "seconds": round(seconds, 3), "documents_per_s": len(texts) / seconds}
    return speed


def evaluate(index: Path, questions: Path) -> dict[str, float]:
    """`skolsok eval QUESTIONS --no-answers` on a built index, as a user runs it."""
    command = ["skolsok", "eval", str(questions), "--no-answers", "--json", "--index", str(index)]
    result = subprocess.run(
        [sys.executable, "-m", *command],
        check=True,
        capture_output=True,
        text=True,
    )
    report = json.loads(result.stdout)
    return {"recall_at_5": report["recall_at_5"], "mrr_at_10": report["mrr_at_10"], "scored": report["scored"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--realdev", type=Path, default=ROOT.parent / "shared" / "realdev")
    parser.add_argument("--json", type=Path, help="Also write the figures to this file.")
    parser.add_argument("--speed-only", action="store_true", help="Only the reading speed (no index builds).")
    args = parser.parse_args()
    questions = args.realdev / "questions.jsonl"
    work = Path(tempfile.mkdtemp(prefix="skolsok-ingest-"))
    try:
        formats = work / "formats"
        made = convert(args.realdev, formats / "realdev")
        plain = work / "plain"
        shutil.copytree(args.realdev / "corpus", plain / "realdev")
        for corpus in (formats, plain):
            shutil.copytree(ROOT / "corpus", corpus / "seeds")
        figures: dict[str, object] = {"speed": reading_speed(formats / "realdev", made, plain / "realdev")}
        if args.speed_only:
            print(json.dumps(figures, ensure_ascii=False, indent=2))
            return
        # Extraction share on the converted realdev corpus alone, a full build with e5.
        share = build_index(formats / "realdev", work / "index-share", full=True)
        figures["build"] = {
            "documents": share.documents,
            "skipped": [f"{s.source}: {s.reason}" for s in share.skipped],
            "seconds": round(share.seconds, 2),
            "read_seconds": round(share.read_seconds, 2),
            "read_share": share.read_seconds / share.seconds,
        }
        quality = {}
        for name, corpus in (("plain text", plain), ("PDF, Word and HTML", formats)):
            index = work / f"index-{name.split()[0]}"
            report = build_index(corpus, index)
            quality[name] = {"documents": report.documents, "skipped": len(report.skipped)} | evaluate(index, questions)
        figures["quality"] = quality
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    speed = figures["speed"]
    print("\nformat  documents  documents/s  pages/s")
    for kind, row in speed.items():  # type: ignore[union-attr]
        pages = f"{row['pages_per_s']:.0f}" if "pages_per_s" in row else "-"
        print(f"{kind:6}  {row['documents']:9}  {row['documents_per_s']:11.0f}  {pages:>7}")
    build = figures["build"]
    print(f"\nreading {build['read_seconds']} s of a {build['seconds']} s build: {build['read_share']:.1%}")  # type: ignore[index]
    for name, row in quality.items():
        print(
            f"{name:20} recall@5 {row['recall_at_5']:.3f}  MRR@10 {row['mrr_at_10']:.3f}"
            f"  ({row['documents']} documents)"
        )
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
