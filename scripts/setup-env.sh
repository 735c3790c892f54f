#!/usr/bin/env bash
# Create or update the project's virtual environment in .venv (idempotent).
# Called by `make setup` (and so by `make lab` and `make test`); make only calls
# it again when pyproject.toml changed, so a re-run costs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
VENV=.venv

if ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "setup: '$PYTHON' was not found. Install Python 3.10 or newer (Debian: apt-get install python3 python3-venv)." >&2
    exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
    echo "setup: $("$PYTHON" --version) is too old; SMM Workbook needs Python 3.10 or newer." >&2
    exit 1
fi

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys' 2>/dev/null; then
    rm -rf "$VENV"
    if ! "$PYTHON" -m venv "$VENV" 2>/tmp/smm-venv-err.$$; then
        # Debian ships venv's pip bootstrap in a separate package.
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            echo "setup: python3 -m venv failed; installing Debian's python3-venv ..." >&2
            apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
            rm -rf "$VENV"
            "$PYTHON" -m venv "$VENV"
        else
            cat /tmp/smm-venv-err.$$ >&2
            echo "setup: could not create a virtual environment. On Debian/Ubuntu run: sudo apt-get install python3-venv" >&2
            rm -f /tmp/smm-venv-err.$$
            exit 1
        fi
    fi
    rm -f /tmp/smm-venv-err.$$
fi

# uv resolves and installs the stack in seconds; pip is the fallback.
if [ ! -x "$VENV/bin/uv" ]; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check uv || true
fi
if [ -x "$VENV/bin/uv" ] && "$VENV/bin/uv" pip install --quiet --compile-bytecode --python "$VENV/bin/python" -e '.[dev]'; then
    :
else
    echo "setup: uv was not usable; installing with pip (slower) ..." >&2
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e '.[dev]'
fi

# Byte-compile the installed packages (a no-op when done already). uv does not,
# and when PYTHONDONTWRITEBYTECODE is set Python never writes .pyc files itself:
# then every notebook kernel compiles pandas, plotly and IPython from source
# again, 1-3 s per kernel, the largest single cost of the notebook suite.
"$VENV/bin/python" -m compileall -q -j 0 "$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_path("purelib"))')" >/dev/null || true
# The course's own package too (about 0.2 s per kernel and per grading worker
# otherwise). A .pyc that an edit makes stale is simply not used: Python checks
# the source's time stamp and size, and recompiles in memory.
"$VENV/bin/python" -m compileall -q -j 0 smmlib >/dev/null || true

# JupyterLab settings for this environment: no news feed, no update check
# (nothing in the course needs the network).
mkdir -p "$VENV/share/jupyter/lab/settings" "$VENV/etc/jupyter"
cp scripts/lab-overrides.json "$VENV/share/jupyter/lab/settings/overrides.json"
cp scripts/jupyter_server_config.json "$VENV/etc/jupyter/jupyter_server_config.json"

touch "$VENV/.installed"
echo "setup: environment ready in $VENV"
