"""Load test of the web app: N concurrent clients asking and searching for a fixed time.

    python benchmarks/load.py [--index index] [--clients 8] [--seconds 60] [--browser]

Starts `skolsok serve` on a free loopback port (or uses --url), then each client loops over a mix
of questions through the app's HTTP API (/gradio_api/call/ask and /search) until the time is up.
With --browser each client is a Chromium page (Debian's /usr/bin/chromium) that types a question
and presses Enter; the latency is Enter → the answer rendered in the chat, as a user sees it.
Every request is bounded; traffic goes to 127.0.0.1 only. Prints errors, throughput and latency
percentiles, and writes JSON to --out.

The app it starts runs with gradio's request profiling (GRADIO_PROFILING=1), so the report also
splits each event handler's time on the server into waiting in the queue, the function itself
(the library's answer and its HTML) and gradio's postprocessing; what the browser adds on top
(transport, markdown, sanitizing, painting) is the client latency minus the server's total.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
QUESTIONS = [
    "Vilka kommuner har IT-råd?",
    "Which municipalities use IT councils?",
    "Vilka huvudmän har en tydlig styrkedja?",
    "Hur lagar man köttbullar?",
    "Who finances digital tools centrally?",
    "Vilka skolhuvudmän fick Guldtrappan 2020?",
]
SEARCHES = ["styrkedja", "digitala prov", "självskattning", "fjärrundervisning"]


SERVER_PHASES = ("queue_wait", "fn_call", "postprocess", "total")


def _percentiles(values: list[float]) -> dict[str, float | None]:
    ordered = sorted(values)
    return {
        "p50": statistics.median(ordered) if ordered else None,
        "p95": ordered[int(0.95 * (len(ordered) - 1))] if ordered else None,
        "max": ordered[-1] if ordered else None,
    }


def summarize_traces(traces: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    """Per event handler (``chat``, ``search``, …): count and p50/p95/max of each phase in ms."""
    by_fn: dict[str, list[dict[str, object]]] = {}
    for trace in traces:
        by_fn.setdefault(str(trace.get("fn_name")), []).append(trace)
    return {
        fn: {
            "count": len(group),
            **{ph: _percentiles([float(t[f"{ph}_ms"]) for t in group]) for ph in SERVER_PHASES},  # type: ignore[arg-type]
        }
        for fn, group in by_fn.items()
    }


def server_traces(base: str) -> list[dict[str, object]] | None:
    """gradio's profiling traces of the app, or None when it runs without GRADIO_PROFILING (an app
    given with --url)."""
    try:
        response = httpx.get(f"{base}/gradio_api/profiling/traces", timeout=30)
    except httpx.HTTPError:
        return None
    return response.json() if response.status_code == 200 else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def call(client: httpx.Client, base: str, endpoint: str, data: Sequence[object]) -> None:
    """One API call through gradio's two-step protocol; raises on any failure."""
    response = client.post(f"{base}/gradio_api/call/{endpoint}", json={"data": data})
    response.raise_for_status()
    event_id = response.json()["event_id"]
    with client.stream("GET", f"{base}/gradio_api/call/{endpoint}/{event_id}") as stream:
        stream.raise_for_status()
        event = None
        for line in stream.iter_lines():
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
                if event == "error":
                    raise RuntimeError(f"{endpoint} answered with an error event")
                if event == "complete":
                    return
    raise RuntimeError(f"{endpoint} stream ended without completing (last event {event})")


def client_loop(base: str, deadline: float, slot: int, latencies: list[float], errors: list[str]) -> None:
    with httpx.Client(timeout=30) as client:
        i = slot
        while time.monotonic() < deadline:
            if i % 3 == 2:
                endpoint, data = "search", [SEARCHES[i % len(SEARCHES)], "Alla", "Alla", "Alla", "Alla"]
            else:
                endpoint, data = "ask", [QUESTIONS[i % len(QUESTIONS)]]
            start = time.perf_counter()
            try:
                call(client, base, endpoint, data)
                latencies.append((time.perf_counter() - start) * 1000)
            except Exception as exc:  # counted and reported, never fatal to the run
                errors.append(f"{type(exc).__name__}: {exc}")
            i += 1


CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def browser_run(base: str, clients: int, seconds: float, latencies: list[float], errors: list[str]) -> None:
    """``clients`` Chromium pages asking in turn; latency is Enter → the new answer in the chat."""
    import asyncio

    from playwright.async_api import async_playwright

    async def open_page(browser: Any) -> Any:
        page = await browser.new_page()
        await page.goto(base)
        await page.wait_for_selector("#question textarea", timeout=60_000)
        return page

    async def one(page: Any, slot: int, deadline: float) -> None:
        i = slot
        while time.monotonic() < deadline:
            # Keep the conversation short; clearing is not timed. An empty chat is not cleared: the wait
            # below would pass at once and a late clear could wipe the next answer (a lost request).
            if i % 5 == 0 and await page.locator("#chat .sk-answer").count():
                await page.click("#clear")
                await page.wait_for_function("document.querySelectorAll('#chat .sk-answer').length === 0")
            before = await page.locator("#chat .sk-answer").count()
            await page.fill("#question textarea", QUESTIONS[i % len(QUESTIONS)])
            start = time.perf_counter()
            await page.locator("#question textarea").press("Enter")
            try:
                await page.wait_for_function(
                    f"document.querySelectorAll('#chat .sk-answer').length > {before}", timeout=30_000
                )
                latencies.append((time.perf_counter() - start) * 1000)
            except Exception as exc:  # counted and reported
                errors.append(f"{type(exc).__name__}: {exc}")
            i += 1
        await page.close()

    async def pages_loaded(count: int) -> None:
        """Until the app has answered ``count`` page loads (its ``page_load`` handler), at most 60 s;
        without profiling traces, a fixed 2 s."""
        give_up = time.monotonic() + 60
        while time.monotonic() < give_up:
            traces = server_traces(base)
            if traces is None:
                await asyncio.sleep(2)
                return
            if sum(t.get("fn_name") == "page_load" for t in traces) >= count:
                return
            await asyncio.sleep(0.2)

    async def run() -> None:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
            # Every page open and its load event answered before the clock starts: a question asked while
            # the page's own load event is still queued is wiped when that event's empty conversation lands
            # (a lost request, counted as an error after 30 s).
            pages = await asyncio.gather(*(open_page(browser) for _ in range(clients)))
            await pages_loaded(clients)
            deadline = time.monotonic() + seconds
            await asyncio.gather(*(one(page, slot, deadline) for slot, page in enumerate(pages)))
            await browser.close()

    asyncio.run(run())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", default="index")
    parser.add_argument("--url", help="Use a running app instead of starting one.")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--out", type=Path, default=HERE / "load.json")
    parser.add_argument("--browser", action="store_true", help="Clients are Chromium pages (Enter → rendered).")
    args = parser.parse_args()

    server = None
    base = args.url
    if base is None:
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        exe = str(Path(sys.executable).with_name("skolsok"))
        env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "GRADIO_PROFILING": "1"}
        server = subprocess.Popen([exe, "serve", "--index", args.index, "--port", str(port)], env=env)
        for _ in range(120):
            try:
                if httpx.get(f"{base}/config", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            server.terminate()
            sys.exit("the app did not start within 60 s")
    latencies: list[float] = []
    errors: list[str] = []
    server_ms: dict[str, dict[str, object]] = {}
    try:
        httpx.post(f"{base}/gradio_api/profiling/clear", timeout=10)  # an app given with --url: this run only
        if args.browser:
            browser_run(base, args.clients, args.seconds, latencies, errors)
        else:
            deadline = time.monotonic() + args.seconds
            threads = [
                threading.Thread(target=client_loop, args=(base, deadline, slot, latencies, errors))
                for slot in range(args.clients)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        server_ms = summarize_traces(server_traces(base) or [])
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
    result = {
        "mode": "browser" if args.browser else "http",
        "clients": args.clients,
        "seconds": args.seconds,
        "requests": len(latencies) + len(errors),
        "errors": len(errors),
        "error_examples": errors[:5],
        "throughput_per_s": len(latencies) / args.seconds,
        "latency_ms": _percentiles(latencies),
        "server_ms": server_ms,
    }
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    lat = result["latency_ms"]
    print(
        f"{args.clients} clients × {args.seconds:.0f} s: {result['requests']} requests, {len(errors)} errors, "
        f"{result['throughput_per_s']:.1f}/s; latency p50 {lat['p50']:.0f} ms, p95 {lat['p95']:.0f} ms, "
        f"max {lat['max']:.0f} ms"
    )
    for fn, timing in server_ms.items():
        phases = ", ".join(
            f"{ph} {timing[ph]['p50']:.0f}/{timing[ph]['p95']:.0f}"  # type: ignore[index]
            for ph in SERVER_PHASES
        )
        print(f"  server {fn} ×{timing['count']} (p50/p95 ms): {phases}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
