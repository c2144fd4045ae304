"""The Jinja2 environment every HTML page of the report layer is rendered with.

1. Templates live in ``reports/templates/`` (package-data in pyproject.toml, so an installed wheel
   renders the same pages as a checkout).
2. Autoescaping is on for them: every value a template prints is escaped unless it is ``Markup``.
   Only two things are: the package's own inline assets (CSS and JavaScript read from
   ``reports/assets/``) and fragments rendered by another template of this environment (the SVG
   charts, the tearsheet stamp), which were escaped when they were rendered.
3. An undefined variable is an error, so a misspelt name fails a test instead of printing nothing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

TEMPLATES = Path(__file__).resolve().parent / "templates"
ASSETS = Path(__file__).resolve().parent / "assets"


@cache
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html.j2", "svg.j2"), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(name: str, **context: Any) -> Markup:
    """``templates/<name>`` rendered with ``context``: escaped text, safe to place in another template."""
    return Markup(environment().get_template(name).render(**context))


def asset(name: str) -> Markup:
    """One of the package's inline assets (CSS or JavaScript), placed in a page verbatim."""
    return Markup((ASSETS / name).read_text(encoding="utf-8"))
