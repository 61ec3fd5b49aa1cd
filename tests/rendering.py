"""One Result through one writer of the output layer, to a string: what the writers' tests read."""

from __future__ import annotations

import io

from rich.console import Console

from summarize_cli.options import Options, Task
from summarize_cli.output import View, get
from summarize_cli.output.rich import RichWriter
from summarize_cli.run import view_for
from summarize_cli.schema import Result


def view(task: Task = "summarize", **changes: bool) -> View:
    """The View a run of ``task`` gives each result (one source unless ``several=True``)."""
    from dataclasses import replace

    return replace(view_for(Options(task=task)), **changes)


def render(result: Result, fmt: str = "plain", shown: View | None = None, *, width: int = 100, color: bool = False) -> str:
    """What ``fmt``'s writer writes for ``result`` alone (rich on a console ``width`` wide, with colours if ``color``)."""
    buf = io.StringIO()
    writer = get(fmt).open(buf, shown or view(), False)
    if isinstance(writer, RichWriter):
        writer.console = Console(file=buf, force_terminal=color, width=width, highlight=False)
    if get(fmt).streaming:
        writer.write(result)
    else:
        writer.write_all([result], complete=True)
    return buf.getvalue()
