"""The ``skolsok`` command: a thin edge over the library that turns errors into one-line messages.

Exit codes: 0 success, 1 an error the message explains, 2 bad usage, 3 an internal error (a bug:
rerun with ``--debug`` for the traceback), 130 interrupted.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import shlex
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .answer import Answer, AnswerSettings, ask, highlighted, render_text
from .chunking import ChunkSettings
from .corpus import changes_since, load_corpus, printable
from .embedding import DEFAULT_EMBEDDER
from .errors import IndexNotFoundError, MissingExtraError, SkolsokError
from .evaluation import evaluate, load_questions
from .indexing import BuildReport, build_index
from .relevance import no_hits_message, relevant_hits
from .schema import KIND_LABELS_SV, Filters, Hit
from .search import Searcher, clean_query
from .similar import MAX_SIMILAR, similar_organizations
from .sources import open_source
from .store import current_generation, load_generation, read_manifest, verify

log = logging.getLogger("skolsok")


def _mark(text: str) -> str:
    return click.style(text, bold=True, fg="yellow")


F = TypeVar("F", bound=Callable[..., Any])


def _one_folder(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> str:
    """A folder option given once: click would silently keep the last of ``--corpus A --corpus B``,
    and an index of B alone is not what anyone meant."""
    if len(value) > 1:
        raise click.BadParameter(f"give one folder, not {len(value)} ({', '.join(value)})")
    return value[0]


INDEX_OPTION = click.option(
    "--index",
    "index_dir",
    default=("index",),
    multiple=True,
    callback=_one_folder,
    show_default=True,
    type=click.Path(file_okay=False),
    help="Index folder.",
)
CORPUS_OPTION = click.option(
    "--corpus",
    "corpus_dir",
    default=("corpus",),
    multiple=True,
    callback=_one_folder,
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder of documents (.txt, .md, .pdf, .docx, .html).",
)


def _edge(func: F) -> F:
    """Turn every failure into one line on stderr and an exit code; never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = click.get_current_context().find_root().params.get("debug", False)
        try:
            return func(*args, **kwargs)
        except SkolsokError as exc:
            if debug:
                raise
            click.echo(f"skolsok: error: {exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("skolsok: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            # The reader went away (`skolsok … | head`): stop quietly, as other Unix tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:
            if debug:
                raise
            detail = str(exc).splitlines()[0] if str(exc) else ""
            click.echo(
                f"skolsok: internal error: {type(exc).__name__}: {detail} "
                "(rerun with --debug for details and report it)",
                err=True,
            )
            sys.exit(3)

    return wrapper  # type: ignore[return-value]


class _Progress:
    """tqdm bars on stderr for the stages of a build."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._bars: dict[str, Any] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or stage != "embed":
            return
        from tqdm import tqdm

        bar = self._bars.get(stage)
        if bar is None:
            bar = self._bars[stage] = tqdm(
                total=total, desc="embedding", unit="text", file=sys.stderr, leave=False, disable=None
            )
        bar.update(done - bar.n)

    def close(self) -> None:
        for bar in self._bars.values():
            bar.close()


def _build(
    corpus_dir: str, index_dir: str, embedder: str, chunking: ChunkSettings, quiet: bool, full: bool = False
) -> BuildReport:
    progress = _Progress(enabled=not quiet)
    try:
        report = build_index(corpus_dir, index_dir, embedder=embedder, chunking=chunking, progress=progress, full=full)
    finally:
        progress.close()
    for skipped in report.skipped:
        click.echo(f"skipped {skipped.source}: {printable(skipped.reason)}", err=True)
    for warning in report.warnings:
        click.echo(f"warning: {printable(warning)}", err=True)
    return report


def _open_searcher(index_dir: str, corpus_dir: str, embedder: str | None) -> Searcher:
    """Load the index, building it from the corpus first if there is none yet. Not into a folder
    that ``--index`` names and that does not exist, unless ``--corpus`` says what to build from: a
    mistyped ``--index`` must not build a second index of the default corpus."""
    try:
        searcher = Searcher.open(index_dir, embedder=embedder)
    except IndexNotFoundError:
        ctx = click.get_current_context()
        named = ctx.get_parameter_source("index_dir") is not click.core.ParameterSource.DEFAULT
        given = ctx.get_parameter_source("corpus_dir") is not click.core.ParameterSource.DEFAULT
        if not Path(corpus_dir).is_dir() or (named and not given and not Path(index_dir).exists()):
            raise
        click.echo(f"No index in {index_dir}/ yet: building it from {corpus_dir}/ (once).", err=True)
        report = _build(corpus_dir, index_dir, embedder or DEFAULT_EMBEDDER, ChunkSettings(), quiet=False)
        click.echo(_summary(report), err=True)
        return Searcher.open(index_dir, embedder=embedder)
    changes = changes_since(searcher.index.manifest)
    if changes:
        click.echo(
            f"warning: the corpus has changed since the index was built ({changes.summary()}); "
            f"update it with: skolsok index build --corpus {shlex.quote(searcher.index.manifest['corpus']['path'])} "
            f"--index {shlex.quote(index_dir)}",
            err=True,
        )
    return searcher


def _summary(report: BuildReport) -> str:
    skipped = f", {len(report.skipped)} files skipped" if report.skipped else ""
    if report.warnings:
        skipped += f", {len(report.warnings)} warning{'' if len(report.warnings) == 1 else 's'}"
    changes = (
        f"{len(report.added)} added, {len(report.changed)} changed, {len(report.removed)} removed, "
        f"{len(report.unchanged)} unchanged"
    )
    work = f"embedded {report.embedded} texts, reused {report.reused}"
    if report.full_reason:
        work = f"full rebuild ({report.full_reason}): {work}"
    return (
        f"Built {report.index_path}/{report.generation}: {report.documents} documents ({changes}), "
        f"{report.records} records, {report.passages} passages{skipped}; {work}; "
        f"embedder {report.embedder}; {report.seconds:.1f} s"
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="skolsok")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.option("-v", "--verbose", is_flag=True, help="Log what is going on.")
def main(debug: bool, verbose: bool) -> None:
    """Search and question answering over documents about schools' digital development."""
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING,
        format="skolsok: %(levelname)s: %(message)s",
    )
    if not debug:
        # pypdf logs what it repairs ("EOF marker not found") without naming the file; a file that
        # cannot be read is reported in the build's list of skipped files, with its name and reason.
        logging.getLogger("pypdf").setLevel(logging.ERROR)


@main.group()
def index() -> None:
    """Build and inspect the search index."""


@index.command("build")
@CORPUS_OPTION
@INDEX_OPTION
@click.option(
    "--embedder",
    default=DEFAULT_EMBEDDER,
    show_default=True,
    help="'e5' (multilingual-e5-small), or a sentence-transformers model folder or st:NAME.",
)
@click.option("--chunk-size", default=ChunkSettings.size, show_default=True, type=click.IntRange(50))
@click.option("--chunk-overlap", default=ChunkSettings.overlap, show_default=True, type=click.IntRange(0))
@click.option("--full", is_flag=True, help="Embed everything again instead of reusing unchanged texts.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@_edge
def index_build(
    corpus_dir: str, index_dir: str, embedder: str, chunk_size: int, chunk_overlap: int, full: bool, quiet: bool
) -> None:
    """Build the index from a corpus folder; the previous index keeps answering until it is done."""
    try:
        chunking = ChunkSettings(chunk_size, chunk_overlap)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    click.echo(_summary(_build(corpus_dir, index_dir, embedder, chunking, quiet, full)))


@index.command("status")
@INDEX_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the manifest and check result as JSON.")
@_edge
def index_status(index_dir: str, as_json: bool) -> None:
    """Show what the index holds and check its files against the manifest."""
    generation, manifest = read_manifest(Path(index_dir))
    problems = verify(Path(index_dir))
    if as_json:
        click.echo(
            json.dumps(
                {"generation": generation.name, "ok": not problems, "problems": problems, "manifest": manifest},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        counts = manifest.get("counts", {})
        chunking = manifest.get("chunking", {})
        click.echo(f"index:     {generation}")
        click.echo(f"built:     {manifest.get('created')} by skolsok {manifest.get('skolsok_version')}")
        click.echo(f"embedder:  {manifest['embedder']['name']} ({manifest['embedder']['dim']} dimensions)")
        click.echo(
            f"chunking:  {chunking.get('size')} characters, overlap {chunking.get('overlap')}, "
            f"sentence units up to {chunking.get('unit')}"
        )
        click.echo(
            f"contents:  {counts.get('documents')} documents, {counts.get('records')} records, "
            f"{counts.get('passages')} passages, {counts.get('units')} sentence units"
        )
        click.echo(f"corpus:    {manifest.get('corpus', {}).get('path')}")
        click.echo("files:     ok" if not problems else "files:     DAMAGED")
    if problems:
        for problem in problems:
            click.echo(f"skolsok: error: {problem}", err=True)
        click.echo(f"skolsok: error: rebuild with: skolsok index build --full --index {index_dir}", err=True)
        sys.exit(1)


@main.group()
def corpus() -> None:
    """Inspect how documents are read."""


@corpus.command("show")
@CORPUS_OPTION
@click.option("--json", "as_json", is_flag=True, help="Records as JSON lines, with their text.")
@click.option("--removed", is_flag=True, help="Also list the boilerplate removed from each document.")
@_edge
def corpus_show(corpus_dir: str, as_json: bool, removed: bool) -> None:
    """List the records found in the corpus and their metadata, and the files skipped."""
    result = load_corpus(corpus_dir)
    if as_json:
        for doc in result.documents:
            for record in doc.records:
                click.echo(json.dumps(record.to_dict(), ensure_ascii=False))
        return
    for doc in result.documents:
        n = len(doc.records)
        click.echo(click.style(doc.source, bold=True) + f"  ({n} record{'' if n == 1 else 's'})")
        for record in doc.records:
            forms = ", ".join(record.school_forms) or "-"
            kind = KIND_LABELS_SV.get(record.kind, record.kind)
            extra = f" | {len(record.pages)} s." if record.pages else ""
            extra += f" | {record.url}" if record.url else ""
            click.echo(
                printable(
                    f"  {record.display_name} | {record.year or '-'} | {kind} | {forms} | "
                    f"{record.award or '-'} | {len(record.text)} chars{extra}"
                )
            )
        for warning in doc.warnings:
            click.echo(f"    warning: {printable(warning)}")
        if removed:
            for item in doc.removed:
                text = printable(item.text.replace("\n", " / "))
                click.echo(f"    removed ({item.reason}): {text[:90]}{'…' if len(text) > 90 else ''}")
    for warning in result.warnings:
        click.echo(f"warning: {printable(warning)}")
    for skipped in result.skipped:
        click.echo(f"skipped {skipped.source}: {printable(skipped.reason)}")
    click.echo(
        f"{len(result.records)} records from {len(result.documents)} documents"
        + (f", {len(result.skipped)} files skipped" if result.skipped else "")
    )


def _update_index(corpus_dir: str, index_dir: str, quiet: bool) -> None:
    """The incremental build after add/remove, with the embedder and chunking the index already has."""
    embedder, chunking = DEFAULT_EMBEDDER, ChunkSettings()
    try:
        _, manifest = read_manifest(Path(index_dir))
        embedder = manifest["embedder"].get("spec") or manifest["embedder"]["name"]
        chunking = ChunkSettings(**manifest["chunking"])
    except (SkolsokError, KeyError, TypeError, ValueError):
        pass  # no (readable) index yet: build one with the defaults
    click.echo(_summary(_build(corpus_dir, index_dir, embedder, chunking, quiet)))


@main.command("add")
@click.argument("items", nargs=-1, required=True, metavar="PATH|URL...")
@CORPUS_OPTION
@INDEX_OPTION
@click.option("--no-build", is_flag=True, help="Only copy or fetch; do not rebuild the index.")
@click.option(
    "--replace", is_flag=True, help="Update a document of the same name (a new version) instead of adding it beside."
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@_edge
def add_command(
    items: tuple[str, ...], corpus_dir: str, index_dir: str, no_build: bool, replace: bool, quiet: bool
) -> None:
    """Copy files or folders into the corpus, or fetch web pages and documents by URL, then update the index."""
    from .ingest.manage import add_documents

    report = add_documents(corpus_dir, items, replace=replace)
    for source, origin in report.added:
        if source in report.replaced:
            click.echo(printable(f"replaced {source}" + (f" (with {origin})" if origin != source else "")))
            continue
        click.echo(printable(f"added {source}" + (f" (from {origin})" if origin != source else "")))
    for name in report.beside:
        click.echo(
            printable(f"note: another {name} was already in the corpus and is kept; to update it instead: --replace"),
            err=True,
        )
    for source, origin in report.present:
        click.echo(printable(f"already in the corpus: {source} (from {origin})"))
    for origin, reason in report.refused:
        click.echo(printable(f"skolsok: not added {origin}: {reason}"), err=True)
    if report.added and not no_build:
        _update_index(corpus_dir, index_dir, quiet)
    if report.refused:  # what could be added was; a script still learns that something was not
        sys.exit(1)


@main.command("remove")
@click.argument("names", nargs=-1, required=True, metavar="NAME...")
@CORPUS_OPTION
@INDEX_OPTION
@click.option("--no-build", is_flag=True, help="Only delete the files; do not rebuild the index.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@_edge
def remove_command(names: tuple[str, ...], corpus_dir: str, index_dir: str, no_build: bool, quiet: bool) -> None:
    """Delete documents (names as 'skolsok corpus show' lists them) from the corpus, then update the index."""
    from .ingest.manage import remove_documents

    for source in remove_documents(corpus_dir, names):
        click.echo(printable(f"removed {source}"))
    if not no_build:
        _update_index(corpus_dir, index_dir, quiet)


def _print_hits(hits: list[Hit], query: str) -> None:
    if not hits:
        click.echo(no_hits_message(query))
        return
    for hit in hits:
        record = hit.record
        kind = KIND_LABELS_SV.get(record.kind, record.kind)
        header = printable(f"{hit.rank}. {record.display_name} · {kind} {record.year or ''}".rstrip())
        click.echo(click.style(header, bold=True) + f"  (score {hit.score:.3f})")
        page = record.page_at(hit.start)
        meta = [record.source + (f", s. {page}" if page else "")]
        if record.school_forms:
            meta.append(", ".join(record.school_forms))
        if record.url:
            meta.append(record.url)
        click.echo(printable("   " + " · ".join(meta)))
        for line in highlighted(hit.text, hit.highlights, _mark).split("\n"):
            if line.strip():
                click.echo("   " + line)
        click.echo()


def _batch_lines(path: str) -> Iterator[str]:
    stream = click.open_file(path, encoding="utf-8", errors="replace")
    with stream:
        for line in stream:
            if line.strip():
                yield line.rstrip("\n")


def _filter_options(func: F) -> F:
    for option in reversed(
        [
            click.option("--organization", "--org", help="Only this organization (case-insensitive part of its name)."),
            click.option("--year", type=int, help="Only documents of this year."),
            click.option("--school-form", help="Only this school form, e.g. förskola, grundskola."),
            click.option("--kind", help="Only this kind: jury_motivation, press_release or article."),
        ]
    ):
        func = option(func)
    return func


@main.command()
@click.argument("query", required=False)
@click.option("-k", "--top-k", default=5, show_default=True, type=click.IntRange(1, 100))
@_filter_options
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="List all top-k hits, also those below the relevance bar and overlapping passages.",
)
@click.option("--json", "as_json", is_flag=True, help="Print all top-k hits (the raw ranking) as one JSON object.")
@click.option(
    "--batch",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Read one query per line ('-' for stdin); write one JSON object per line (the raw ranking).",
)
@click.option("--embedder", default=None, help="Must match the index's embedder (checked).")
@INDEX_OPTION
@CORPUS_OPTION
@_edge
def search(
    query: str | None,
    top_k: int,
    organization: str | None,
    year: int | None,
    school_form: str | None,
    kind: str | None,
    show_all: bool,
    as_json: bool,
    batch: str | None,
    embedder: str | None,
    index_dir: str,
    corpus_dir: str,
) -> None:
    """Find the passages that best match QUERY.

    Lists the relevant ones among the top-k hits, as the web app does (ranks renumbered, a
    passage overlapping a better one of the same document left out), or says there are none;
    --all lists every hit. --json and --batch always give the raw ranking of all top-k hits,
    unfiltered, as the HTTP API's /api/search does: scripts and benchmarks measure the ranking.
    """
    if (query is None) == (batch is None):
        raise click.UsageError("give either a QUERY or --batch FILE")
    if batch is not None and batch != "-" and not Path(batch).is_file():
        raise SkolsokError(f"batch file not found: {batch}")
    filters = Filters(organization=organization, year=year, school_form=school_form, kind=kind)
    if query is not None:
        clean_query(query)  # reject an empty query before loading anything
    searcher = _open_searcher(index_dir, corpus_dir, embedder)
    if batch is not None:
        for line in _batch_lines(batch):
            try:
                hits = searcher.search(line, top_k=top_k, filters=filters)
                row: dict[str, Any] = {"query": line, "hits": [h.to_dict() for h in hits]}
            except SkolsokError as exc:
                row = {"query": line, "error": str(exc)}
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    assert query is not None
    hits = searcher.search(query, top_k=top_k, filters=filters)
    if as_json:
        click.echo(json.dumps({"query": query, "hits": [h.to_dict() for h in hits]}, ensure_ascii=False, indent=2))
    else:
        if not show_all:
            hits = relevant_hits(hits, query, AnswerSettings.for_embedder(searcher.index.embedder_name))
        _print_hits(hits, query)


def _print_answer(answer: Answer) -> None:
    click.echo(
        render_text(
            answer,
            strong=lambda t: click.style(t, bold=True),
            mark=_mark,
            faint=lambda t: click.style(t, dim=True),
        )
    )


@main.command("ask")
@click.argument("question")
@_filter_options
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@INDEX_OPTION
@CORPUS_OPTION
@_edge
def ask_command(
    question: str,
    organization: str | None,
    year: int | None,
    school_form: str | None,
    kind: str | None,
    as_json: bool,
    index_dir: str,
    corpus_dir: str,
) -> None:
    """Answer QUESTION: the organizations the documents name, with verbatim quotes."""
    clean_query(question)
    searcher = _open_searcher(index_dir, corpus_dir, None)
    filters = Filters(organization=organization, year=year, school_form=school_form, kind=kind)
    answer = ask(searcher, question, filters=filters)
    if as_json:
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_answer(answer)


def _parse_at(value: str | None) -> tuple[int | None, int | None]:
    if value is None:
        return None, None
    start, _, end = value.partition("-")
    try:
        first, last = int(start), int(end) if end else None
    except ValueError:
        raise click.BadParameter("give START or START-END (character offsets)", param_hint="--at") from None
    if last is not None and last <= first:
        raise click.BadParameter(f"END ({last}) must be after START ({first})", param_hint="--at")
    return first, last


@main.command("show")
@click.argument("record_id")
@click.option("--at", "at", metavar="START[-END]", help="Mark the quote at these offsets (from search/ask --json).")
@click.option("--json", "as_json", is_flag=True, help="Print the record (and the marked span) as JSON.")
@INDEX_OPTION
@_edge
def show_command(record_id: str, at: str | None, as_json: bool, index_dir: str) -> None:
    """Print the record RECORD_ID, with the quote at --at marked [[like this]]."""
    start, end = _parse_at(at)
    view = open_source(load_generation(Path(index_dir)).records, record_id, start, end)
    if as_json:
        click.echo(json.dumps(view.to_dict(), ensure_ascii=False, indent=2))
        return
    record = view.record
    kind = KIND_LABELS_SV.get(record.kind, record.kind)
    click.echo(click.style(record.display_name, bold=True))
    meta = [str(record.year) if record.year else "", kind, ", ".join(record.school_forms), record.source]
    if view.page is not None:
        meta.append(f"s. {view.page}")
    click.echo(" · ".join(m for m in meta if m))
    if record.url:
        click.echo(record.url)
    click.echo()
    text = record.text
    if view.start is None or view.end is None:
        click.echo(text)
    else:
        marked = click.style(f"[[{text[view.start : view.end]}]]", bold=True, fg="yellow")
        click.echo(text[: view.start] + marked + text[view.end :])


@main.command("similar")
@click.argument("target", metavar="ORGANIZATION|RECORD_ID")
@click.option("--about", help="Compare only what the organizations write about this topic.")
@click.option("-k", "--top-k", default=5, show_default=True, type=click.IntRange(1, MAX_SIMILAR))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@INDEX_OPTION
@CORPUS_OPTION
@_edge
def similar_command(target: str, about: str | None, top_k: int, as_json: bool, index_dir: str, corpus_dir: str) -> None:
    """The organizations whose documents read most like ORGANIZATION's, each with the closest pair of sentences."""
    if about is not None:
        clean_query(about)
    searcher = _open_searcher(index_dir, corpus_dir, None)
    result = similar_organizations(searcher, target, about=about, top_k=top_k)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    topic = f" om {result.about}" if result.about else ""
    if not result.similar:
        click.echo(f"Inga huvudmän liknar {result.organization}{topic}.")
        return
    click.echo(click.style(f"Huvudmän som liknar {result.organization}{topic}:", bold=True))
    for rank, item in enumerate(result.similar, 1):
        click.echo(f"{rank}. {click.style(item.name, bold=True)}  (likhet {item.score:.3f})")
        for quote in (item.mine, item.theirs):
            where = f"{quote.source}" + (f", s. {quote.page}" if quote.page else "")
            click.echo(f"   {quote.organization}: ”{quote.text}” ({where})")
        click.echo()


def parse_credentials(values: tuple[str, ...] | list[str]) -> list[tuple[str, str]]:
    """``USER:PASSWORD`` pairs (also comma-separated, as in ``SKOLSOK_AUTH``) → (user, password)."""
    pairs = []
    for value in values:
        for item in value.split(","):
            user, sep, password = item.strip().partition(":")
            if not (sep and user and password):
                raise click.BadParameter("give credentials as USER:PASSWORD", param_hint="--auth / SKOLSOK_AUTH")
            pairs.append((user, password))
    return pairs


def read_auth_file(path: str) -> list[tuple[str, str]]:
    """Credentials from a file: one USER:PASSWORD a line; blank lines and # comments ignored."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
        raise SkolsokError(
            f"cannot read the auth file {path}: {reason} (give a text file with one USER:PASSWORD a line)"
        ) from None
    return parse_credentials([line for line in (raw.strip() for raw in lines) if line and not line.startswith("#")])


@main.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 exposes the app to the network.",
)
@click.option("--port", default=7860, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--auth",
    "auth",
    multiple=True,
    metavar="USER:PASSWORD",
    help="Require a login. Prefer SKOLSOK_AUTH=user:pw,user2:pw2 or --auth-file: a password given "
    "here is visible to every user of the machine (ps).",
)
@click.option(
    "--auth-file",
    type=click.Path(dir_okay=False),
    help="Require a login: a file with one USER:PASSWORD a line (keep it readable only by you).",
)
@INDEX_OPTION
@_edge
def serve(host: str, port: int, auth: tuple[str, ...], auth_file: str | None, index_dir: str) -> None:
    """Start the web app (chat, search, browse) and its JSON API (/api)."""
    # SKOLSOK_AUTH is read here, not by click, which would split it at spaces ("a:b, c:d").
    from_env = os.environ.get("SKOLSOK_AUTH", "").strip()
    credentials = parse_credentials(auth or ([from_env] if from_env else []))
    if auth:
        click.echo(
            "skolsok: warning: a password given with --auth is visible to other users in the process list; "
            "use SKOLSOK_AUTH or --auth-file instead",
            err=True,
        )
    if auth_file is not None:
        credentials += read_auth_file(auth_file)
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    try:
        import gradio  # noqa: F401  (only to tell a missing extra from other import errors)
    except ImportError:
        raise MissingExtraError("gradio", "ui") from None
    from skolsok_ui.app import serve as run

    if host not in ("127.0.0.1", "localhost", "::1") and not credentials:
        click.echo(f"skolsok: warning: {host} exposes the app to the network without --auth", err=True)
    login = f", login required for {len(credentials)} user(s)" if credentials else ""
    try:
        missing = current_generation(Path(index_dir)) is None
    except SkolsokError:
        missing = False  # a damaged index: the app says what is wrong with it
    if missing:  # the app starts anyway and picks the index up once it is built
        click.echo(f"skolsok: warning: {IndexNotFoundError(index_dir)}", err=True)
    click.echo(f"skolsok: serving {index_dir} on http://{host}:{port}{login} (Ctrl-C stops)", err=True)
    run(index_dir, host=host, port=port, auth=credentials)


@main.command("eval")
@click.argument("questions", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("-v", "--verbose", is_flag=True, help="Show every question's result.")
@click.option("--no-answers", is_flag=True, help="Measure search only, not ask.")
@INDEX_OPTION
@CORPUS_OPTION
@_edge
def eval_command(
    questions: str, as_json: bool, verbose: bool, no_answers: bool, index_dir: str, corpus_dir: str
) -> None:
    """Measure search (recall@5, MRR@10) and answers (organization recall, abstention)."""
    items = load_questions(questions)
    searcher = _open_searcher(index_dir, corpus_dir, None)
    report = evaluate(searcher, items, answers=not no_answers)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    if verbose:
        for r in report.results:
            parts = [r.id]
            if r.recall_at_5 is not None:
                parts.append(f"recall@5 {r.recall_at_5:.2f}  first relevant at {r.first_relevant_rank or '-'}")
            if r.answered is not None:
                verdict = "answered" if r.answered else "abstained"
                ok = "" if r.answered == r.answerable else " (WRONG)"
                orgs = f", organizations {r.organization_recall:.2f}" if r.organization_recall is not None else ""
                first = {True: ", first quote right", False: ", first quote wrong"}.get(r.answer_first, "")  # type: ignore[arg-type]
                parts.append(f"{verdict} as {r.question_type}{ok}{orgs}{first}")
            click.echo("  ".join([*parts, r.question]))
            for missing in r.missing:
                click.echo(f"      missing from top 5: {missing}")
            if r.missing_organizations:
                click.echo(f"      organizations not named: {', '.join(r.missing_organizations)}")
            if r.named:
                click.echo(f"      named: {', '.join(r.named)}")
            if r.answer_first is False and r.first_quote:
                click.echo(f"      first quote: {r.first_quote[:160]}")
    click.echo(f"questions: {report.questions} ({report.scored} with gold passages)")
    if report.scored:
        click.echo(f"recall@5:  {report.recall_at_5:.3f}")
        click.echo(f"MRR@10:    {report.mrr_at_10:.3f}")
    if not no_answers:
        for label, value in (
            ("organization recall", report.organization_recall),
            ("org precision", report.org_precision),
            ("answer first", report.answer_first),
            ("answer hit", report.answer_hit),
        ):
            if value is not None:
                click.echo(f"{label}: {value:.3f}")
        click.echo(
            f"abstention: {report.abstention_correct}/{report.questions} correct "
            f"({report.abstained_on_answerable} answerable abstained, "
            f"{report.answered_unanswerable} unanswerable answered)"
        )
