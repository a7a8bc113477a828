"""A pytest plugin: under CI (``CI=true``) any skipped test fails the run.

A skip in CI means something was not tested (a missing package, browser or data set), and a
green run must mean every test ran. Loaded from ``conftest.py``; tested with pytester in
``test_ci_guard.py``.
"""

from __future__ import annotations

import os

import pytest


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


class SkipGuard:
    """Collects the skips of one session and turns them into a failing exit status under CI."""

    def __init__(self) -> None:
        self.skipped: list[str] = []

    def _note(self, report: pytest.CollectReport | pytest.TestReport) -> None:
        if report.skipped and not hasattr(report, "wasxfail"):
            self.skipped.append(report.nodeid or "(collection)")

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        self._note(report)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self._note(report)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if self.skipped and running_in_ci() and exitstatus in (pytest.ExitCode.OK, pytest.ExitCode.NO_TESTS_COLLECTED):
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.skipped and running_in_ci():
            terminalreporter.section("skipped under CI", sep="=", red=True, bold=True)
            terminalreporter.line(f"{len(self.skipped)} skipped; under CI a skip fails the run:", red=True)
            for nodeid in self.skipped:
                terminalreporter.line(f"  {nodeid}")


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(SkipGuard(), "skolsok-skip-guard")
