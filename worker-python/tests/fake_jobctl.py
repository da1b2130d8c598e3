"""A stand-in for jobctl that talks to fake_stalewatch.py, for running examples/demo.sh in a test.

Knows the commands demo.sh uses: observe (--via http --json), stale [--json] [--job J], show J S,
reset J S, bless J S. Its text output follows the real jobctl's layout where demo.sh's checks look.
"""
import argparse
import json
import os
import sys
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src"))
import stalewatch  # noqa: E402

URL = os.environ["STALEWATCH_URL"].rstrip("/")


def call(method, path, body=None):
    request = urllib.request.Request(URL + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json",
                                              "Authorization": f"Bearer {os.environ.get('STALEWATCH_TOKEN', '')}"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read() or b"null")


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def observe(args):
    deps = [stalewatch.Dep.of_text(n, read(p)) for n, p in (d.split("=", 1) for d in args.text_dep)]
    deps += [stalewatch.Dep.code(n, read(p)) for n, p in (d.split("=", 1) for d in args.dep)]
    cap = stalewatch.Capture("python", stalewatch.Source(args.source_name, read(args.source)), tuple(deps))
    histogram = {h: int(n) for h, n in (r.rsplit("=", 1) for r in args.result_version)}
    report = stalewatch.version_observed(args.job, args.stage, cap, histogram, worker_id="jobctl")
    call("POST", "/api/observations", report)
    print(json.dumps({"versionHash": cap.version_hash}))


def stale(args):
    doc = call("GET", "/fake/stale" + (f"?job={args.job}" if args.job else ""))
    if args.json:
        print(json.dumps(doc))
        return
    rows = [s for s in doc["pending"] if s["changes"]]
    if rows:
        print("Pending decisions:\n")
        print(f"  {'Job':<30} {'Stage':<20} {'Stale Items':>12}  {'Hash':<8}  Status")
        print(f"  {'---':<30} {'-----':<20} {'-----------':>12}  {'----':<8}  ------")
        for s in rows:
            status = "triaging" if all(c["state"] == "TRIAGING" for c in s["changes"]) else "pending"
            print(f"  {s['jobId']:<30} {s['stage']:<20} {s['staleItems']:>12}  {s['currentHash'][:8]}  {status}")
        print("\nUse 'jobctl bless JOB STAGE' to mark as equivalent")
        print("Use 'jobctl reset JOB STAGE' to reprocess stale items")
    else:
        print("No pending version changes.")
    warnings = [f"{s['jobId']}/{s['stage']}: {w}" for s in doc["pending"] for w in s["warnings"]]
    if warnings:
        print("\nWarnings:\n")
        for w in warnings:
            print(f"  {w}")
    if doc["autoBlessed"]:
        print("\nAuto-blessed (last 24h):\n")
        print(f"  {'Job':<30} {'Stage':<20} {'Decided by':<16} Reason")
        print(f"  {'---':<30} {'-----':<20} {'----------':<16} ------")
        for b in doc["autoBlessed"]:
            print(f"  {b['jobId']:<30} {b['stage']:<20} {'structural proof':<16} {b['reason']}")


def main():
    p = argparse.ArgumentParser(prog="jobctl")
    sub = p.add_subparsers(dest="command", required=True)
    o = sub.add_parser("observe")
    o.add_argument("--via")
    o.add_argument("--json", action="store_true")
    for name in ("--job", "--stage", "--source", "--source-name"):
        o.add_argument(name, required=True)
    for name in ("--text-dep", "--dep", "--result-version"):
        o.add_argument(name, action="append", default=[])
    s = sub.add_parser("stale")
    s.add_argument("--json", action="store_true")
    s.add_argument("--job")
    for name in ("show", "reset", "bless"):
        c = sub.add_parser(name)
        c.add_argument("job")
        c.add_argument("stage")
    args = p.parse_args()
    if args.command == "observe":
        observe(args)
    elif args.command == "stale":
        stale(args)
    elif args.command == "show":
        print(f"{args.job}/{args.stage}: (the change page)")
    else:
        answer = call("POST", f"/fake/{args.command}?job={args.job}&stage={args.stage}")
        print(f"{args.command} of {args.job}/{args.stage}: {json.dumps(answer)}")


if __name__ == "__main__":
    main()
