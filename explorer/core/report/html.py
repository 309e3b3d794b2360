"""The report as one HTML page: Jinja2 with autoescaping, templates from
``resources/report/`` (``report.html.j2`` and its stylesheet ``report.css``, inlined).

The page needs nothing else: pictures are ``data:`` URIs, the stylesheet is in the page, and a
Content-Security-Policy allows no script and no fetch, so a name from a user's file can neither
run nor reach the network even if it slipped past the escaping.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from explorer.core.report.output import write_whole
from explorer.core.resources import resource_path

TEMPLATE = "report.html.j2"


@lru_cache(maxsize=1)
def environment():
    """The Jinja2 environment: the shipped templates, autoescaping on for every template,
    undefined names an error (a template typo fails loudly)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(str(resource_path("report"))),
                      autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["breakable"] = breakable
    return env


def breakable(text: str):
    """``text`` escaped, with a line-break opportunity (``<wbr>``) after each ``×`` and ``,``,
    so a shape such as ``112×112×32`` wraps between its sizes, never inside one."""
    from markupsafe import Markup, escape

    return Markup(str(escape(text)).replace("×", "×<wbr>").replace(", ", ",<wbr> "))


def page_pieces(report):
    """The page of a ``content.Report``, a piece of text at a time (``Template.generate``): a
    big model's page (EfficientNetB7's: 220 MB of pictures) rendered whole, then encoded, was
    held three times over."""
    return environment().get_template(TEMPLATE).generate(report=report)


def write_report(report, path: str | Path) -> int:
    """Write the page to ``path`` (UTF-8; a failed write leaves no half page); returns its
    size in bytes.

    Raises:
        ExplorerError: the folder is missing or not writable.
    """
    size = 0

    def write(fh) -> None:
        nonlocal size
        for piece in page_pieces(report):
            data = piece.encode("utf-8")
            fh.write(data)
            size += len(data)

    write_whole(path, write)
    return size
