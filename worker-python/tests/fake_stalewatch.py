"""A small model of snapshot-service on the local stub, enough to play a pipeline against it.

It keeps, per stage, the reported snapshots, the current hash (a new hash reported with source
becomes current), the newest histogram, equivalence classes and changes, and answers
``POST /api/observations``, ``GET /api/stages/{job}/{stage}/validity`` (with ETag/304, 404 for
an unknown stage) and ``GET /api/resets`` as docs/workers.md describes them.

Triage as without an LLM key: a change whose snapshots are equal once comments and layout are
dropped (here: equal Python syntax trees of the source and code deps, byte-equal text deps, the
same dep names) is AUTO_BLESSED, any other is PENDING (a person decides: :meth:`bless`,
:meth:`reset`). A change stays TRIAGING for ``triage_seconds`` first. Reports apply at once (the
real service applies them asynchronously: ``apply_delay`` seconds delays them here).
"""
import ast
import hashlib
import json
import re
import threading
import time
import uuid
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional

from stalewatch import stalewatch_sha256_v1

VALIDITY = re.compile(r"/api/stages/([^/]+)/([^/]+)/validity")


def structurally_equal(old: Dict[str, Any], new: Dict[str, Any]) -> bool:
    """The structural proof, approximated with Python's own parser."""
    def tree(text: str) -> Optional[str]:
        try:
            return ast.dump(ast.parse(text))
        except SyntaxError:
            return None

    if tree(old["source"]["text"]) is None or tree(old["source"]["text"]) != tree(new["source"]["text"]):
        return False
    old_deps = {d["name"]: d for d in old.get("deps") or []}
    new_deps = {d["name"]: d for d in new.get("deps") or []}
    if old_deps.keys() != new_deps.keys():
        return False
    for name, dep in old_deps.items():
        other = new_deps[name]
        if dep["kind"] != other["kind"]:
            return False
        if dep["kind"] == "text" and dep["text"] != other["text"]:
            return False
        if dep["kind"] == "code" and (tree(dep["text"]) is None or tree(dep["text"]) != tree(other["text"])):
            return False
    return True


class Stage:
    def __init__(self, job: str, stage: str) -> None:
        self.job, self.stage = job, stage
        self.snapshots: Dict[str, Dict[str, Any]] = {}
        self.current: Optional[str] = None
        self.histogram: Dict[str, int] = {}
        self.parent: Dict[str, str] = {}
        self.changes: List[Dict[str, Any]] = []

    def klass(self, h: str) -> str:
        while self.parent.get(h, h) != h:
            h = self.parent[h]
        return h

    def join(self, a: str, b: str) -> None:
        self.parent[self.klass(a)] = self.klass(b)

    def known(self) -> List[str]:
        return sorted(set(self.snapshots) | set(self.histogram))

    def results_of_class(self, k: str) -> int:
        return sum(n for h, n in self.histogram.items() if self.klass(h) == k)

    def open_changes(self) -> List[Dict[str, Any]]:
        return [c for c in self.changes if c["state"] in ("TRIAGING", "PENDING", "RESET")]


class FakeStalewatch:
    def __init__(self, stub, *, token: Optional[str] = None, triage_seconds: float = 0.0,
                 apply_delay: float = 0.0) -> None:
        self.stub = stub
        self.url = stub.url
        self.token = token
        self.triage_seconds = triage_seconds
        self.apply_delay = apply_delay
        self.stages: Dict[tuple, Stage] = {}
        self.reports: List[Dict[str, Any]] = []
        self.poison: List[str] = []
        self.resets_: List[Dict[str, Any]] = []
        self.validity_questions = 0
        self._lock = threading.RLock()
        self._ids = 0
        self._pending_reports: List[tuple] = []
        stub.routes["POST /api/observations"] = self._observe
        stub.routes["GET /api/resets"] = self._resets
        self._stub_get_route()

    # --- HTTP ------------------------------------------------------------------------------

    def _stub_get_route(self) -> None:
        # the stub routes exact paths: answer every validity path through one dispatcher
        outer = self
        original = dict(self.stub.routes)

        class Routes(dict):
            def get(self, key, default=None):
                method, _, path = key.partition(" ")
                if method == "GET" and VALIDITY.fullmatch(path):
                    return outer._validity
                return dict.get(self, key, default)

        self.stub.routes = Routes(original)

    def _observe(self, request):
        if self.token and request.headers.get("Authorization") != f"Bearer {self.token}":
            return 401, {"Content-Type": "application/problem+json"}, {"status": 401, "title": "Unauthorized"}
        report = request.json()
        if "source" in report:
            expected = stalewatch_sha256_v1(report["language"], report["source"], report.get("deps") or [])
            if expected != report["versionHash"]:
                return 400, {"Content-Type": "application/problem+json"}, {
                    "status": 400, "title": "Bad Request", "detail": "versionHash does not match", "field": "versionHash"}
        with self._lock:
            self.reports.append(report)
            if self.apply_delay:
                self._pending_reports.append((time.monotonic() + self.apply_delay, report))
            else:
                self._apply(report)
        return 202, {"Content-Type": "application/json"}, {"eventId": report["eventId"],
                                                           "topic": "stalewatch.version-observed.v1"}

    def _validity(self, request):
        job, stage = VALIDITY.fullmatch(request.path).groups()
        with self._lock:
            self.validity_questions += 1
            self._tick()
            s = self.stages.get((job, stage))
            if s is None or s.current is None:
                return 404, {"Content-Type": "application/problem+json"}, {"status": 404, "title": "Not Found",
                                                                           "detail": f"{job}/{stage} unknown"}
            body = self.validity(job, stage)
        etag = '"' + hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return 304, {"ETag": etag}, None
        return 200, {"ETag": etag, "Content-Type": "application/json"}, body

    def _resets(self, request):
        job = request.query["job"]
        stage = request.query.get("stage")
        after = int(request.query.get("after") or 0)
        limit = int(request.query.get("limit") or 100)
        with self._lock:
            page = [r for r in self.resets_ if r["jobId"] == job and (stage is None or r["stage"] == stage)
                    and r["seq"] > after][:limit]
        return 200, {"Content-Type": "application/json"}, {"resets": page,
                                                           "nextAfter": page[-1]["seq"] if page else after}

    # --- the model --------------------------------------------------------------------------

    def _tick(self) -> None:
        now = time.monotonic()
        due = [r for t, r in self._pending_reports if t <= now]
        self._pending_reports = [(t, r) for t, r in self._pending_reports if t > now]
        for report in due:
            self._apply(report)
        for s in self.stages.values():
            for change in s.changes:
                if change["state"] == "TRIAGING" and change["decideAt"] <= now:
                    if structurally_equal(s.snapshots[change["old"]], s.snapshots[change["new"]]):
                        change["state"] = "AUTO_BLESSED"
                        s.join(change["old"], change["new"])
                    else:
                        change["state"] = "PENDING"
            self._reconcile(s)

    def _apply(self, report: Dict[str, Any]) -> None:
        key = (report["jobId"], report["stage"])
        s = self.stages.setdefault(key, Stage(*key))
        h = report["versionHash"]
        if "source" in report:
            if h not in s.snapshots:
                s.snapshots[h] = {"source": report["source"], "deps": report.get("deps") or []}
                s.current = h
        elif h not in s.snapshots:
            self.poison.append(f"histogram-only report of {h}, never reported with source")
            return
        s.histogram = dict(report["resultVersions"])
        self._reconcile(s)

    def _reconcile(self, s: Stage) -> None:
        """Every class with results other than the current one has one open change toward current."""
        if s.current is None:
            return
        current = s.klass(s.current)
        for change in s.open_changes():
            k = s.klass(change["old"])
            if k == current:
                change["state"] = "IMPLIED"
            elif s.results_of_class(k) == 0:
                change["state"] = "DONE" if change["state"] == "RESET" else "OBSOLETE"
            elif change["state"] != "RESET" and s.klass(change["new"]) != current:
                change["state"] = "SUPERSEDED"
        covered = {s.klass(c["old"]) for c in s.open_changes()}
        for k in sorted({s.klass(h) for h, n in s.histogram.items() if n > 0}):
            if k != current and k not in covered:
                old = max((h for h in s.known() if s.klass(h) == k and h in s.snapshots),
                          key=lambda h: s.histogram.get(h, 0), default=None)
                if old is None:
                    continue
                self._ids += 1
                s.changes.append({"changeId": f"c-{self._ids:06d}", "old": old, "new": s.current,
                                  "state": "TRIAGING", "decideAt": time.monotonic() + self.triage_seconds})
                covered.add(k)

    def validity(self, job: str, stage: str) -> Dict[str, Any]:
        with self._lock:
            s = self.stages[(job, stage)]
            current = s.klass(s.current)
            valid = [s.current] + [h for h in s.known() if h != s.current and s.klass(h) == current]
            versions = []
            for h in s.known():
                state, change_id = "STALE", None
                if s.klass(h) == current:
                    state = "VALID"
                else:
                    for change in s.open_changes():
                        if s.klass(change["old"]) == s.klass(h):
                            state = {"TRIAGING": "TRIAGING", "PENDING": "PENDING_DECISION",
                                     "RESET": "RESET_REQUESTED"}[change["state"]]
                            change_id = change["changeId"]
                            break
                versions.append({"hash": h, "results": s.histogram.get(h, 0), "state": state, "changeId": change_id})
            return {"jobId": job, "stage": stage, "currentHash": s.current, "validHashes": valid, "versions": versions}

    def settle(self, timeout: float = 10.0) -> None:
        """Waits until every report is applied and nothing is TRIAGING."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                self._tick()
                if not self._pending_reports and not any(
                        c["state"] == "TRIAGING" for s in self.stages.values() for c in s.changes):
                    return
            time.sleep(0.02)
        raise AssertionError("the fake Stalewatch did not settle")

    def changes(self, job: str, stage: str) -> List[Dict[str, Any]]:
        with self._lock:
            self._tick()
            return [dict(c) for c in self.stages[(job, stage)].changes]

    def stale_items(self, job: str, stage: str) -> int:
        with self._lock:
            s = self.stages[(job, stage)]
            current = s.klass(s.current)
            return sum(n for h, n in s.histogram.items() if s.klass(h) != current)

    def histogram(self, job: str, stage: str) -> Dict[str, int]:
        with self._lock:
            return dict(self.stages[(job, stage)].histogram)

    def bless(self, job: str, stage: str) -> None:
        """``jobctl bless``: the pending changes' old classes become valid."""
        with self._lock:
            self._tick()
            s = self.stages[(job, stage)]
            for change in s.open_changes():
                if change["state"] == "PENDING":
                    change["state"] = "BLESSED"
                    s.join(change["old"], change["new"])
            self._reconcile(s)

    def reset(self, job: str, stage: str, requested_by: str = "alice") -> Dict[str, Any]:
        """``jobctl reset``: a ResetRequested whose staleHashes are the hashes with results in the
        pending changes' old classes."""
        with self._lock:
            self._tick()
            s = self.stages[(job, stage)]
            stale: List[str] = []
            for change in s.open_changes():
                if change["state"] == "PENDING":
                    change["state"] = "RESET"
                    k = s.klass(change["old"])
                    stale += [h for h in s.known() if s.klass(h) == k and s.histogram.get(h, 0) > 0]
            assert stale, f"nothing to reset on {job}/{stage}: no pending change"
            event = {"seq": len(self.resets_) + 1, "eventId": str(uuid.uuid4()), "jobId": job, "stage": stage,
                     "currentHash": s.current, "staleHashes": sorted(stale), "requestedBy": requested_by,
                     "requestedAt": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
            self.resets_.append(event)
            return event

    # --- what the fake jobctl asks (fake_jobctl.py) ---------------------------------------------

    def serve_jobctl(self) -> None:
        """Adds ``GET /fake/stale?job=J`` (the GET /api/stale document) and
        ``POST /fake/reset|bless?job=J&stage=S`` for fake_jobctl.py."""
        self.stub.routes["GET /fake/stale"] = lambda r: (200, {}, self.stale_document(r.query.get("job")))
        self.stub.routes["POST /fake/reset"] = lambda r: (200, {}, self.reset(r.query["job"], r.query["stage"], "local"))
        self.stub.routes["POST /fake/bless"] = lambda r: (200, {}, self.bless(r.query["job"], r.query["stage"]) or {})

    def stale_document(self, job: Optional[str]) -> Dict[str, Any]:
        with self._lock:
            self._tick()
            pending, blessed = [], []
            for (j, stage), s in sorted(self.stages.items()):
                if job is not None and j != job or s.current is None:
                    continue
                changes = [{"changeId": c["changeId"], "state": c["state"], "oldHash": c["old"], "newHash": c["new"]}
                           for c in s.changes if c["state"] in ("TRIAGING", "PENDING")]
                stale = self.stale_items(j, stage)
                resets = [c for c in s.changes if c["state"] == "RESET"]
                warnings = [f"reset requested, {stale} still stale"] if resets and stale else []
                if changes or stale:
                    pending.append({"jobId": j, "stage": stage, "currentHash": s.current, "staleItems": stale,
                                    "changes": changes, "warnings": warnings})
                blessed += [{"jobId": j, "stage": stage, "changeId": c["changeId"], "method": "STRUCTURAL",
                             "reason": "same syntax tree"} for c in s.changes if c["state"] == "AUTO_BLESSED"]
            return {"pending": pending, "autoBlessed": blessed, "nextCursor": None}
