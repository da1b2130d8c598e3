"""``python -m stalewatch``: capture, hash, report, validity, resets and a reset listener from a shell.

Exit status: 0 done; 1 the operation failed (not delivered, Stalewatch unreachable, a stage it does
not know); 2 bad arguments (one line on standard error); 3 ``valid --hash H`` when H is not valid.
"""
from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import logging
import os
import signal
import sys
import threading
import types
from typing import Any, Callable, Dict, NoReturn, Optional, Sequence, Tuple

from . import __version__
from .capture import Capture, capture
from .client import Client
from .errors import StalewatchError
from .hashing import hash_cases
from .listeners import HttpResetListener, KafkaResetListener
from .wire import HASH, NAME

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_NOT_VALID = 3


class UsageError(Exception):
    """A bad argument found after parsing (a module that does not load, a missing handler...)."""


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose errors are one line: ``stalewatch: error: ...``."""

    def error(self, message: str) -> NoReturn:
        """Prints one line and exits with status 2."""
        self.exit(EXIT_USAGE, f"stalewatch: error: {message} (see --help)\n")


def _name(value: str) -> str:
    if not NAME.fullmatch(value):
        raise argparse.ArgumentTypeError(f"must match {NAME.pattern}, was {value!r}")
    return value


def _hash(value: str) -> str:
    if not HASH.fullmatch(value):
        raise argparse.ArgumentTypeError(f"must match {HASH.pattern}, was {value!r}")
    return value


def _result_version(value: str) -> Tuple[str, int]:
    version_hash, sep, count = value.rpartition("=")
    if not sep or not HASH.fullmatch(version_hash) or not count.isdigit():
        raise argparse.ArgumentTypeError(f"must be HASH=COUNT (a hash like {HASH.pattern}, a count >= 0), was {value!r}")
    return version_hash, int(count)


def _positive(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, was {value!r}") from None
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be positive, was {value!r}")
    return number


def load_module(spec: str) -> types.ModuleType:
    """A module from a file path (``path/to/stage.py``, its directory put on ``sys.path`` so its own
    imports work) or an importable name (``pipeline.stages``). Runs the module's top-level code."""
    looks_like_path = spec.endswith(".py") or os.sep in spec or (os.altsep or os.sep) in spec
    if looks_like_path:
        path = os.path.abspath(spec)
        if not os.path.isfile(path):
            raise UsageError(f"--module {spec}: no such file")
        name = os.path.splitext(os.path.basename(path))[0]
        if not name.isidentifier():
            name = "_stalewatch_module_" + "".join(c if c.isalnum() else "_" for c in name)
        loaded = sys.modules.get(name)
        if loaded is not None and os.path.abspath(getattr(loaded, "__file__", None) or "") == path:
            return loaded  # imported already (e.g. by the program that calls main())
        if loaded is not None:
            name = "_stalewatch_module_" + name
        directory = os.path.dirname(path)
        if directory not in sys.path:
            sys.path.insert(0, directory)
        module_spec = importlib.util.spec_from_file_location(name, path)
        if module_spec is None or module_spec.loader is None:
            raise UsageError(f"--module {spec}: not a Python module")
        module = importlib.util.module_from_spec(module_spec)
        sys.modules[name] = module
        try:
            module_spec.loader.exec_module(module)
        except BaseException as e:
            del sys.modules[name]
            raise UsageError(f"--module {spec} failed to load: {type(e).__name__}: {e}") from None
        return module
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        return importlib.import_module(spec)
    except BaseException as e:
        raise UsageError(f"--module {spec} failed to import: {type(e).__name__}: {e}") from None


def _attribute(module: types.ModuleType, dotted: str, what: str) -> Any:
    value: Any = module
    for part in dotted.split("."):
        try:
            value = getattr(value, part)
        except AttributeError:
            raise UsageError(f"{what} {dotted}: {module.__name__} has no {part!r}") from None
    return value


def capture_from_args(module_spec: str, stage: str, handler: Optional[str]) -> Capture:
    """Loads the module and captures the stage (``--handler`` names an attribute, dots allowed;
    without it the module must define ``_stage_<stage>``)."""
    module = load_module(module_spec)
    if handler:
        target = _attribute(module, handler, "--handler")
    else:
        target = getattr(module, f"_stage_{stage}", None)
        if target is None:
            raise UsageError(f"--module {module_spec} defines no _stage_{stage}: name the handler with --handler")
    return capture(target, stage, module=module)


def _load_hook(spec: str) -> Callable[..., Any]:
    module_spec, sep, attr = spec.rpartition(":")
    if not sep or not module_spec or not attr:
        raise UsageError(f"--hook must be MODULE:FUNCTION or path/to/file.py:FUNCTION, was {spec!r}")
    hook = _attribute(load_module(module_spec), attr, "--hook")
    if not callable(hook):
        raise UsageError(f"--hook {spec} is not callable")
    return hook


def _client(args: argparse.Namespace) -> Client:
    if not args.url:
        raise UsageError("--url is required (or set STALEWATCH_URL)")
    try:
        return Client(args.url, args.token, timeout=args.timeout)
    except ValueError as e:
        raise UsageError(f"--url: {e}") from None


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


# --- commands --------------------------------------------------------------------------------

def cmd_report(args: argparse.Namespace) -> int:
    """Captures the stage, reports it, prints the version hash."""
    cap = capture_from_args(args.module, args.stage, args.handler)
    histogram: Dict[str, int] = {}
    for version_hash, count in args.result_version or []:
        histogram[version_hash] = histogram.get(version_hash, 0) + count
    result = _client(args).report(args.job, args.stage, cap, histogram, worker_id=args.worker_id, strict=True)
    if args.json:
        _print_json({"versionHash": result.version_hash, "eventId": result.event_id, "delivered": result.delivered,
                     "status": result.status, "topic": result.topic, "complete": cap.complete})
    else:
        print(result.version_hash)
    return 0


def cmd_hash(args: argparse.Namespace) -> int:
    """Prints a capture's hash, or one hash per case of a JSON array."""
    if args.cases is not None:
        if args.module:
            raise UsageError("give either --cases or --module, not both")
        try:
            if args.cases == "-":
                cases = json.load(sys.stdin.buffer)
            else:
                with open(args.cases, "rb") as f:
                    cases = json.load(f)
            hashes = hash_cases(cases)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
            raise UsageError(f"--cases {args.cases}: {type(e).__name__}: {e}") from None
        for version_hash in hashes:
            print(version_hash)
        return 0
    if not args.module or not args.stage:
        raise UsageError("hash needs --module and --stage (or --cases)")
    cap = capture_from_args(args.module, args.stage, args.handler)
    if args.json:
        print(cap.to_json(indent=2))
    else:
        print(cap.version_hash)
    return 0


def cmd_valid(args: argparse.Namespace) -> int:
    """Prints which hashes of the stage are valid."""
    validity = _client(args).valid_versions(args.job, args.stage, current_hash=args.current_hash, strict=True)
    if args.json:
        _print_json(validity.as_dict())
    elif args.hash is None:
        print(f"current {validity.current_hash or '-'}")
        for version in validity.versions:
            mark = "valid" if validity.is_valid(version.hash) else "stale"
            change = f" {version.change_id}" if version.change_id else ""
            print(f"{version.hash} {mark} {version.state} {version.results}{change}")
        for version_hash in sorted(validity.valid_hashes - {v.hash for v in validity.versions}):
            print(f"{version_hash} valid")
    if args.hash is not None:
        valid = validity.is_valid(args.hash)
        if not args.json:
            print("valid" if valid else "stale")
        return 0 if valid else EXIT_NOT_VALID
    return 0


def cmd_resets(args: argparse.Namespace) -> int:
    """Prints the job's resets after a cursor as JSON."""
    page = _client(args).resets(args.job, stage=args.stage, after=args.after, limit=args.limit)
    _print_json({"resets": [{"seq": r.seq, "eventId": r.event_id, "jobId": r.job_id, "stage": r.stage,
                             "currentHash": r.current_hash, "staleHashes": list(r.stale_hashes),
                             "requestedBy": r.requested_by} for r in page.resets],
                 "nextAfter": page.next_after})
    return 0


def cmd_listen(args: argparse.Namespace) -> int:
    """Runs a reset listener (HTTP polling, or Kafka with --kafka) until SIGINT/SIGTERM."""
    hook = _load_hook(args.hook)
    listener: Any
    if args.kafka:
        if not args.group:
            raise UsageError("--kafka needs --group (the pipeline's consumer group)")
        listener = KafkaResetListener(args.job, hook, args.state_file, group_id=args.group,
                                      bootstrap_servers=args.kafka, stage=args.stage)
    else:
        listener = HttpResetListener(_client(args), args.job, hook, args.state_file, stage=args.stage,
                                     interval=args.interval)

    def stop(signum: int, frame: Any) -> None:
        listener.stop()

    previous: Dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous[sig] = signal.signal(sig, stop)
    try:
        listener.run(max_idle=args.max_idle)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


# --- parser ----------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m stalewatch``."""
    parser = _Parser(prog="python -m stalewatch",
                     description="Stalewatch for Python stage workers: capture and hash a stage, report it, "
                                 "ask which stored results are valid, follow resets.")
    parser.add_argument("--version", action="version", version=f"stalewatch {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log warnings and progress to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def http(p: argparse.ArgumentParser) -> None:
        p.add_argument("--url", default=os.environ.get("STALEWATCH_URL"),
                       help="snapshot-service URL (default $STALEWATCH_URL)")
        p.add_argument("--token", default=os.environ.get("STALEWATCH_TOKEN"),
                       help="API token (default $STALEWATCH_TOKEN)")
        p.add_argument("--timeout", type=_positive, default=10.0, help="seconds per request (default 10)")

    def code(p: argparse.ArgumentParser, required: bool) -> None:
        p.add_argument("--module", required=required, metavar="PATH_OR_NAME",
                       help="the stage's module: path/to/file.py or an importable name (its top level runs)")
        p.add_argument("--handler", metavar="NAME",
                       help="the handler attribute in the module (dots allowed); default _stage_<stage>")

    p = sub.add_parser("report", help="capture a stage and report it (POST /api/observations); prints the hash")
    http(p)
    p.add_argument("--job", required=True, type=_name)
    p.add_argument("--stage", required=True, type=_name)
    code(p, True)
    p.add_argument("--result-version", action="append", type=_result_version, metavar="HASH=COUNT",
                   help="stored results per version hash (repeatable)")
    p.add_argument("--worker-id", help="who reports (named in Stalewatch's warnings)")
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("hash", help="print a stage's stalewatch-sha256-v1 hash (or hash JSON cases)")
    p.add_argument("--stage", type=_name)
    code(p, False)
    p.add_argument("--json", action="store_true", help="print the whole capture as JSON")
    p.add_argument("--cases", metavar="FILE",
                   help='a JSON array of {"language","source","deps"} ("-": stdin); prints one hash per line')
    p.set_defaults(func=cmd_hash)

    p = sub.add_parser("valid", help="which version hashes of a stage are valid (GET .../validity)")
    http(p)
    p.add_argument("--job", required=True, type=_name)
    p.add_argument("--stage", required=True, type=_name)
    p.add_argument("--hash", type=_hash, help="check this hash: exit 0 when valid, 3 when not")
    p.add_argument("--current-hash", type=_hash, help="the hash of the code you run")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_valid)

    p = sub.add_parser("resets", help="list a job's resets (GET /api/resets) as JSON")
    http(p)
    p.add_argument("--job", required=True, type=_name)
    p.add_argument("--stage", type=_name)
    p.add_argument("--after", type=int, help="only resets with a larger seq")
    p.add_argument("--limit", type=int, default=100)
    p.set_defaults(func=cmd_resets)

    p = sub.add_parser("listen", help="run a reset listener that calls your hook(job, stage, stale_hashes, event_id)")
    http(p)
    p.add_argument("--job", required=True, type=_name)
    p.add_argument("--stage", type=_name, help="only this stage")
    p.add_argument("--hook", required=True, metavar="MODULE:FUNCTION", help="e.g. pipeline/resets.py:mark_stale")
    p.add_argument("--state-file", required=True, help="where handled event ids (and the cursor) are kept")
    p.add_argument("--interval", type=_positive, default=30.0, help="seconds between HTTP polls (default 30)")
    p.add_argument("--kafka", metavar="BOOTSTRAP_SERVERS", help="consume the Kafka topic instead of polling HTTP")
    p.add_argument("--group", help="the Kafka consumer group (with --kafka)")
    p.add_argument("--max-idle", type=_positive, help="stop after this many seconds without a reset")
    p.set_defaults(func=cmd_listen)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Runs the command line; answers the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "func", None) is None:
        parser.error("name a command")
    logger = logging.getLogger("stalewatch")
    saved = (logger.level, logger.propagate)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(handler)
    # Other commands end with one line of their own; their library warnings would repeat it.
    logger.setLevel(logging.INFO if args.verbose else
                    logging.WARNING if args.command == "listen" else logging.CRITICAL)
    logger.propagate = False
    try:
        return args.func(args)
    except UsageError as e:
        print(f"stalewatch: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except StalewatchError as e:
        print(f"stalewatch: {e}", file=sys.stderr)
        return EXIT_FAILED
    except ValueError as e:
        print(f"stalewatch: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
