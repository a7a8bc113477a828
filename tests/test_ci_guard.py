"""The CI guard itself: a skipped test fails the run under CI, and only there."""

from __future__ import annotations

import pytest

SKIPPING = """
import pytest

def test_runs():
    assert True

def test_skips():
    pytest.skip("no browser here")
"""

SKIPPED_AT_IMPORT = """
import pytest
pytest.importorskip("no_such_package_for_the_guard")

def test_never_collected():
    assert True
"""


@pytest.fixture
def ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")


def test_a_skip_fails_the_run_under_ci(pytester: pytest.Pytester, ci: None):
    pytester.makepyfile(test_skipping=SKIPPING)
    result = pytester.runpytest("-p", "ci_guard")
    result.assert_outcomes(passed=1, skipped=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*skipped under CI*", "1 skipped; under CI a skip fails the run:", "*test_skips"])


def test_a_module_skipped_at_import_fails_the_run_under_ci(pytester: pytest.Pytester, ci: None):
    pytester.makepyfile(test_import=SKIPPED_AT_IMPORT)
    result = pytester.runpytest("-p", "ci_guard")
    result.assert_outcomes(skipped=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*test_import.py"])


def test_skips_are_only_reported_outside_ci(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("CI", raising=False)
    pytester.makepyfile(test_skipping=SKIPPING)
    result = pytester.runpytest("-p", "ci_guard")
    result.assert_outcomes(passed=1, skipped=1)
    assert result.ret == pytest.ExitCode.OK


def test_a_clean_run_passes_under_ci_and_failures_stay_failures(pytester: pytest.Pytester, ci: None):
    pytester.makepyfile(test_fine="def test_ok():\n    assert True\n")
    assert pytester.runpytest("-p", "ci_guard").ret == pytest.ExitCode.OK
    pytester.makepyfile(test_fine="def test_bad():\n    assert False\n")
    assert pytester.runpytest("-p", "ci_guard").ret == pytest.ExitCode.TESTS_FAILED


def test_an_expected_failure_is_not_a_skip(pytester: pytest.Pytester, ci: None):
    pytester.makepyfile(test_x="import pytest\n\n@pytest.mark.xfail(strict=True)\ndef test_x():\n    assert False\n")
    result = pytester.runpytest("-p", "ci_guard")
    result.assert_outcomes(xfailed=1)
    assert result.ret == pytest.ExitCode.OK
