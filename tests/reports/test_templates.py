"""Every page template ships in the wheel and escapes what it prints."""

import tomllib
from fnmatch import fnmatch
from pathlib import Path

from aitheme.reports.templates import TEMPLATES, environment

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_every_template_is_package_data_and_autoescaped():
    patterns = tomllib.loads(PYPROJECT.read_text())["tool"]["setuptools"]["package-data"]["aitheme.reports"]
    names = sorted(p.name for p in TEMPLATES.iterdir())
    assert {"index.html.j2", "scorecard.html.j2", "data_status.html.j2", "stamp.html.j2"} <= set(names)
    for name in names:
        assert any(fnmatch(f"templates/{name}", pattern) for pattern in patterns), name
        assert environment().autoescape(name) is True, name
