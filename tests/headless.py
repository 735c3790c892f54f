"""Running notebooks headless with nbclient, without a lost execute reply.

nbclient stands in for a browser's Output widgets: when a cell displays
something inside an ``ipywidgets.Output`` (every calculator of the course
draws its chart that way), nbclient's ``OutputWidget`` records it and sends
the widget's new state back to the kernel on the shell channel. That send
comes from the task reading IOPub while another task awaits the cell's
execute reply on the same shell socket; now and then the awaiting poll then
misses the reply's wake-up (ZeroMQ's descriptor is edge-triggered) and only
sees it when its timeout ends. The cell then takes exactly its timeout (300 s
in our runs) and the run goes on as if nothing happened: the kernel had
replied within milliseconds (its ``shell.execute_reply`` time stamp says so).
Measured here on chapter 04 with a 25 s cell timeout: 3-4 stalls in 40 runs
with nbclient's widget, none in 40 with :class:`QuietOutputWidget`. The same
symptom is reported as jupyter/nbclient#312 (open).

:class:`QuietOutputWidget` records the outputs exactly as nbclient's does (in
the notebook's widget state, where the browser suite counts the charts) but
sends nothing back: nothing in a course notebook reads ``Output.outputs`` in
the kernel. Students are not concerned: in JupyterLab the browser holds the
widget, not nbclient.
"""

from __future__ import annotations

from typing import Any

from nbclient.output_widget import OutputWidget

OUTPUT_MODULE = "@jupyter-widgets/output"


class QuietOutputWidget(OutputWidget):
    """nbclient's Output widget stand-in, minus its messages to the kernel."""

    def send(self, data: dict[str, Any] | None = None, metadata: dict[str, Any] | None = None,
             buffers: list[Any] | None = None) -> None:
        """Send nothing: the kernel never reads what nbclient would sync back."""


def quiet_widget_registry() -> dict[str, dict[str, Any]]:
    """A ``NotebookClient.widget_registry`` that uses :class:`QuietOutputWidget`."""
    return {OUTPUT_MODULE: {"OutputModel": QuietOutputWidget}}
