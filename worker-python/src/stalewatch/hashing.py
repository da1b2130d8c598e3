#!/usr/bin/env python3
"""The stalewatch-sha256-v1 version hash (docs/workers.md), standard library only.

This file is the one Python implementation of the hash in the repository. It imports nothing
from the rest of the package, so it also runs on its own, the way the Java cross-check test
(``VersionHashPythonCrossCheckTest`` in events) runs it:

    python3 hashing.py < cases.json

where cases.json is a JSON array of objects ``{"language", "source": {"name", "text"}, "deps":
[...]}`` shaped like a VersionObserved event; it prints one hash per case, one per line.
docs/workers.md quotes the function between the reference markers verbatim.
"""
import json
import sys
from typing import Any, Iterable, List, Mapping

ALGORITHM = "stalewatch-sha256-v1"
"""The name reported as ``hashAlgorithm``."""

# --- reference begin ---
import hashlib


def stalewatch_sha256_v1(language, source, deps):
    """language: str; source: {"name": str, "text": str};
    deps: list of {"name": str, "kind": "code" | "text", "language": str | None, "text": str}."""
    digest = hashlib.sha256()

    def field(value):
        data = value.encode("utf-8")  # strict: an unpaired surrogate raises
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)

    field("stalewatch-sha256-v1")
    field(language)
    field(source["name"])
    field(source["text"])
    digest.update(len(deps).to_bytes(8, "big"))
    for dep in sorted(deps, key=lambda d: d["name"].encode("utf-8")):
        field(dep["name"])
        field(dep["kind"])
        field(dep.get("language") or "")
        field(dep["text"])
    return digest.hexdigest()
# --- reference end ---


def hash_cases(cases: Iterable[Mapping[str, Any]]) -> List[str]:
    """The hash of every case ``{"language", "source", "deps"?}``, in order (``deps`` may be absent)."""
    return [stalewatch_sha256_v1(case["language"], case["source"], case.get("deps") or []) for case in cases]


def main() -> None:
    """Reads a JSON array of cases from standard input and prints one hash per line."""
    for version_hash in hash_cases(json.load(sys.stdin.buffer)):
        print(version_hash)


if __name__ == "__main__":
    main()
