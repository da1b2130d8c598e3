#!/usr/bin/env python3
"""Reference implementation of the stalewatch-sha256-v1 version hash (stdlib only).

Usage: python3 stalewatch_sha256_v1.py < cases.json
cases.json is a JSON array of objects {"language", "source": {"name", "text"}, "deps": [...]}
shaped like a VersionObserved event; prints one hash per case, one per line.
docs/workers.md quotes the function between the reference markers verbatim.
"""
import json
import sys

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


if __name__ == "__main__":
    for case in json.load(sys.stdin.buffer):
        print(stalewatch_sha256_v1(case["language"], case["source"], case.get("deps") or []))
