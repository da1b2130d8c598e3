"""Test setup: use the installed package if there is one, else the source tree (no install needed)."""
import os
import sys

try:
    import stalewatch  # noqa: F401  (installed, e.g. in a venv)
except ImportError:
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src"))

import pytest  # noqa: E402

from stub_server import SilentServer, StubStalewatch  # noqa: E402


@pytest.fixture
def stub():
    server = StubStalewatch()
    yield server
    server.close()


@pytest.fixture
def silent():
    server = SilentServer()
    yield server
    server.close()
