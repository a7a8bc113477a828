"""Load test of the web app: N concurrent clients asking and searching for a fixed time.

    python benchmarks/load.py [--index index] [--clients 8] [--seconds 60] [--browser]

Starts `skolsok serve` on a free loopback port (or uses --url), then each client loops over a mix
of questions through the app's HTTP API (/gradio_api/call/ask and /search) until the time is up.
With --browser each client is a Chromium page (Debian's /usr/bin/chromium) that types a question
and presses Enter; the latency is Enter → the answer rendered in the chat, as a user sees it.
Every request is bounded; traffic goes to 127.0.0.1 only. Prints errors, throughput and latency
percentiles, and writes JSON to --out.
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
from pathlib import Path

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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(client: httpx.Client, base: str, endpoint: str, data: list[object]) -> None:
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

    async def one(browser: object, slot: int, deadline: float) -> None:
        page = await browser.new_page()  # type: ignore[attr-defined]
        await page.goto(base)
        await page.wait_for_selector("#question textarea", timeout=60_000)
        i = slot
        while time.monotonic() < deadline:
            if i % 5 == 0:  # keep the conversation short; clearing is not timed
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

    async def run() -> None:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
            deadline = time.monotonic() + seconds
            await asyncio.gather(*(one(browser, slot, deadline) for slot in range(clients)))
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
        env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False"}
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
    try:
        latencies: list[float] = []
        errors: list[str] = []
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
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
    ordered = sorted(latencies)
    result = {
        "mode": "browser" if args.browser else "http",
        "clients": args.clients,
        "seconds": args.seconds,
        "requests": len(latencies) + len(errors),
        "errors": len(errors),
        "error_examples": errors[:5],
        "throughput_per_s": len(latencies) / args.seconds,
        "latency_ms": {
            "p50": statistics.median(ordered) if ordered else None,
            "p95": ordered[int(0.95 * (len(ordered) - 1))] if ordered else None,
            "max": ordered[-1] if ordered else None,
        },
    }
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    lat = result["latency_ms"]
    print(
        f"{args.clients} clients × {args.seconds:.0f} s: {result['requests']} requests, {len(errors)} errors, "
        f"{result['throughput_per_s']:.1f}/s; latency p50 {lat['p50']:.0f} ms, p95 {lat['p95']:.0f} ms, "
        f"max {lat['max']:.0f} ms"
    )
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
