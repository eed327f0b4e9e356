"""`make bench`: run every benchmark in this folder, one after another.

    python -m bench                 # all of them
    python -m bench liaison trips   # some of them (bench_<name>.py)

Benchmarks measure and print; they assert nothing (tests live in tests/).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    wanted = sys.argv[1:]
    names = sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))
    failed = []
    for name in names:
        if wanted and name not in wanted:
            continue
        print(f"\n== bench {name} ==", flush=True)
        proc = subprocess.run([sys.executable, "-m", f"bench.bench_{name}"], cwd=HERE.parent)
        if proc.returncode != 0:
            failed.append(name)
    if failed:
        print(f"\nbenchmarks that failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
