"""A regular (non-editable) install must hold every subpackage: setuptools installs only the packages
pyproject.toml lists, and an editable install hides a missing one."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_directory_is_installed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    on_disk = {
        ".".join(("skolsok", *path.parent.relative_to(ROOT / "src" / "skolsok").parts))
        for path in (ROOT / "src" / "skolsok").rglob("*")
        if path.is_file() and path.suffix in (".py", ".json", ".md", ".txt") and "__pycache__" not in path.parts
    }
    assert on_disk <= listed, f"add {sorted(on_disk - listed)} to [tool.setuptools] packages"
    assert "skolsok_ui" in listed and config["package-dir"]["skolsok_ui"] == "ui"
