#!/usr/bin/env python3
"""What the example pipeline's result store holds for one stage, as one JSON line:

    stats.py --db FILE --job J --stage S
    {"items": N, "computations": TOTAL, "byHash": {"<version hash>": COUNT, ...}}

``computations`` sums every item's compute counter: after a run that computed each of N items
once it is N, and a recompute of K of them adds exactly K. Exit 2 with one line on stderr for bad
arguments or a store that does not exist.
"""
from __future__ import annotations

import os
import sys
from typing import Optional, Sequence

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pipeline_common import EXIT_USAGE, Parser, ResultStore, UsageError, emit, name_arg  # noqa: E402

PROG = "stats.py"


def main(argv: Optional[Sequence[str]] = None) -> int:
    p = Parser(prog=PROG, description="Counts of the example pipeline's result store for one stage.")
    p.add_argument("--db", required=True, metavar="FILE")
    p.add_argument("--job", required=True, type=name_arg)
    p.add_argument("--stage", required=True, type=name_arg)
    args = p.parse_args(argv)
    if not os.path.isfile(args.db):
        sys.stderr.write(f"{PROG}: error: no result store at {args.db}\n")
        return EXIT_USAGE
    try:
        with ResultStore(args.db) as store:
            emit(store.stats(args.job, args.stage))
    except UsageError as e:
        sys.stderr.write(f"{PROG}: error: {e}\n")
        return EXIT_USAGE
    return 0


if __name__ == "__main__":
    sys.exit(main())
