"""Run every benchmark in this folder and print one table: figure, baseline, ratio and target.

Run by hand (never in CI): `python -m benchmarks`. Each benchmark module exposes `run() -> list[dict]`
with rows {"name", "value", "baseline", "ratio", "target"}; the baseline is measured in the same run,
on the same machine, so the ratios mean something even on a busy laptop.
"""

from __future__ import annotations

import importlib
import sys
import time
import traceback

BENCHMARKS: tuple[str, ...] = (
    "benchmarks.bench_capture",
    "benchmarks.bench_startup",
    "benchmarks.bench_export",
    "benchmarks.bench_archive",
)


def collect(names: tuple[str, ...] = BENCHMARKS) -> list[dict]:
    rows: list[dict] = []
    for name in names:
        started = time.perf_counter()
        print(f"running {name} ...", file=sys.stderr, flush=True)
        try:
            module_rows = importlib.import_module(name).run()
        except Exception:  # one broken benchmark must not hide the others' figures
            traceback.print_exc()
            rows.append({"name": f"{name} FAILED", "value": "", "baseline": "", "ratio": "", "target": ""})
            continue
        rows.extend(module_rows)
        print(f"  done in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return rows


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


def format_table(rows: list[dict]) -> str:
    header = ("benchmark", "value", "baseline", "ratio", "target")
    body = [tuple(_cell(row.get(key, "")) for key in ("name", "value", "baseline", "ratio", "target")) for row in rows]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths)) for line in [header, *body]]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def main() -> int:
    names = tuple(f"benchmarks.{arg}" if not arg.startswith("benchmarks.") else arg for arg in sys.argv[1:]) or BENCHMARKS
    print(format_table(collect(names)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
