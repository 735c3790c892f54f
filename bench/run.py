"""Run every benchmark in bench/ and print its figures (``make bench``)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = ["bench_metrics.py", "bench_notebooks.py", "grading/bench_grading.py"]


def main() -> None:
    for name in BENCHES:
        path = HERE / name
        if not path.exists():
            print(f"(skipping {name}: not present)")
            continue
        print(f"\n== {name} ==")
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.main([])


if __name__ == "__main__":
    sys.exit(main())
