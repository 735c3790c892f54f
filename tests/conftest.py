"""Shared test set-up: progress files and other per-user state go to a temporary folder."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_state(tmp_path, monkeypatch):
    monkeypatch.setenv("SMM_STATE_DIR", str(tmp_path / "smm-state"))
