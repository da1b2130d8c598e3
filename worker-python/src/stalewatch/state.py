"""The reset listener's local state: handled reset event ids and the HTTP cursor, in one JSON file.

The file is rewritten whole and atomically (a temporary file in the same directory, fsync,
``os.replace``), so a crash leaves either the old or the new state, never half of one. One listener
per state file: two processes sharing one would overwrite each other's progress.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections import OrderedDict
from typing import Any, Dict, Optional, Union

from .errors import StalewatchError
from .wire import utc_now

FORMAT = "stalewatch-reset-state/1"
DEFAULT_MAX_REMEMBERED = 10_000


class ListenerState:
    """Event ids of the resets already handed to the hook, and cursors (the last ``seq`` done).

    ``max_remembered`` bounds how many event ids are kept (the oldest are forgotten first): a reset
    redelivered after that many newer ones would reach the hook again.
    """

    def __init__(self, path: Union[str, "os.PathLike[str]"], *, max_remembered: int = DEFAULT_MAX_REMEMBERED) -> None:
        if max_remembered < 1:
            raise ValueError("max_remembered must be at least 1")
        self.path = os.fspath(path)
        self.max_remembered = max_remembered
        self._handled: "OrderedDict[str, str]" = OrderedDict()
        self._cursors: Dict[str, int] = {}
        self._load()

    def _load(self) -> None:
        try:
            with open(self.path, "rb") as f:
                raw = f.read()
        except FileNotFoundError:
            return
        except OSError as e:
            raise StalewatchError(f"cannot read state file {self.path}: {e}") from None
        try:
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError(f"not a {FORMAT} file")
            for entry in data.get("handled", []):
                event_id, when = entry
                self._handled[str(event_id)] = str(when)
            for key, value in (data.get("cursors") or {}).items():
                if isinstance(value, bool) or not isinstance(value, int):
                    raise ValueError(f"cursor {key!r} is not an integer")
                self._cursors[str(key)] = value
        except (ValueError, TypeError) as e:
            raise StalewatchError(
                f"state file {self.path} is unreadable ({e}); move it away to start afresh "
                "(the hook may then see resets it already handled)") from None

    def handled(self, event_id: str) -> bool:
        """True when the reset with this event id already went through the hook."""
        return event_id in self._handled

    def cursor(self, key: str) -> Optional[int]:
        """The last ``seq`` done for ``key`` (None when nothing was done yet)."""
        return self._cursors.get(key)

    def record(self, event_id: str, *, cursor_key: Optional[str] = None, cursor: Optional[int] = None) -> None:
        """Remembers a handled reset (and moves the cursor, if given) and saves, in one atomic write."""
        self._handled[event_id] = utc_now()
        self._handled.move_to_end(event_id)
        while len(self._handled) > self.max_remembered:
            self._handled.popitem(last=False)
        if cursor_key is not None and cursor is not None:
            self._cursors[cursor_key] = cursor
        self.save()

    def set_cursor(self, key: str, value: int) -> None:
        """Moves a cursor and saves (only if it changed)."""
        if self._cursors.get(key) != value:
            self._cursors[key] = value
            self.save()

    def as_dict(self) -> Dict[str, Any]:
        """What the file holds."""
        return {"format": FORMAT, "cursors": dict(self._cursors),
                "handled": [[event_id, when] for event_id, when in self._handled.items()]}

    def save(self) -> None:
        """Writes the state: temporary file in the same directory, fsync, ``os.replace``."""
        directory = os.path.dirname(os.path.abspath(self.path))
        os.makedirs(directory, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(self.path) + ".", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(self.as_dict(), f, indent=1)
                f.write("\n")
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        try:  # make the rename itself durable; not possible everywhere (e.g. Windows)
            dir_fd = os.open(directory, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(dir_fd)
        except OSError:
            pass
        finally:
            os.close(dir_fd)
