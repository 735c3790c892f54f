"""The project's JupyterLab stays off the network: no news feed, no update
check, so no "Would you like to get notified about official Jupyter news?"
pop-up. The settings come from the venv (scripts/lab-overrides.json and
scripts/jupyter_server_config.json, copied there by scripts/setup-env.sh); the
test server adds none of its own. (Every notebook page is also checked for the
pop-up itself, in labdriver.check_notebook.)"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_news_and_update_checks_are_off(lab):
    notification = lab.api("GET", "/lab/api/settings/@jupyterlab/apputils-extension:notification")
    props = notification["schema"]["properties"]
    effective = {key: notification["settings"].get(key, props[key]["default"])
                 for key in ("fetchNews", "checkForUpdates")}
    assert effective == {"fetchNews": "false", "checkForUpdates": False}, (
        f"JupyterLab would fetch news or check for updates ({effective}); "
        "scripts/lab-overrides.json must reach .venv/share/jupyter/lab/settings/overrides.json (make setup)")
    assert lab.api("GET", "/lab/api/news") == {"news": []}
    assert lab.api("GET", "/lab/api/update") == {"notification": None}
