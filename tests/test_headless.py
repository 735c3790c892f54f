"""tests/headless.py: nbclient's Output widget stand-in that sends nothing back."""

from __future__ import annotations

from headless import OUTPUT_MODULE, QuietOutputWidget, quiet_widget_registry
from nbclient.output_widget import OutputWidget


class _Shell:
    def send(self, msg):
        raise AssertionError(f"the quiet widget sent {msg!r} on the shell channel")


class _Session:
    def msg(self, msg_type, content=None, parent=None, metadata=None):
        return {"msg_type": msg_type, "content": content}


class _KernelClient:
    shell_channel = _Shell()
    session = _Session()


class _Executor:
    def __init__(self):
        self.widget_state = {"w1": {"outputs": []}}


def test_the_quiet_output_widget_records_outputs_and_sends_nothing():
    executor = _Executor()
    widget = QuietOutputWidget("w1", {"outputs": []}, _KernelClient(), executor)
    display = {"header": {"msg_type": "display_data"}, "parent_header": {"msg_id": "m1"},
               "msg_type": "display_data",
               "content": {"data": {"text/plain": "a chart"}, "metadata": {}}}
    widget.output([], display, None, 0)
    widget.output([], display, None, 0)
    assert [o["data"]["text/plain"] for o in executor.widget_state["w1"]["outputs"]] == ["a chart", "a chart"]
    # clear_output(wait=True), then one more: only the last stays, as in nbclient's own widget
    widget.clear_output([], {"parent_header": {"msg_id": "m1"}, "content": {"wait": True}}, 0)
    widget.output([], display, None, 0)
    assert len(executor.widget_state["w1"]["outputs"]) == 1


def test_nbclients_own_widget_would_have_sent_the_state_back():
    """The difference is exactly the message to the kernel (what races with the reply)."""
    widget = OutputWidget("w1", {"outputs": []}, _KernelClient(), _Executor())
    widget.parent_header = {"msg_id": "m1"}  # set by its first output
    try:
        widget.sync_state()
    except AssertionError as exc:
        assert "shell channel" in str(exc)
    else:
        raise AssertionError("nbclient's OutputWidget no longer sends its state: tests/headless.py may go")


def test_the_registry_replaces_only_the_output_model():
    assert quiet_widget_registry() == {OUTPUT_MODULE: {"OutputModel": QuietOutputWidget}}
