"""A local Stalewatch stand-in: real HTTP on 127.0.0.1, answers scripted by the test."""
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional, Tuple
from urllib.parse import parse_qs, urlsplit


class Request:
    """One request the stub received."""

    def __init__(self, method: str, path: str, headers: Dict[str, str], body: bytes) -> None:
        self.method = method
        self.path = urlsplit(path).path
        self.query = {k: v[0] for k, v in parse_qs(urlsplit(path).query).items()}
        self.headers = headers
        self.body = body

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


Answer = Tuple[int, Dict[str, str], Any]
Route = Callable[[Request], Answer]


class StubStalewatch:
    """``routes`` maps ``"METHOD /path"`` to a function of the request answering (status, headers, body).

    A body that is not bytes is sent as JSON.
    """

    def __init__(self) -> None:
        self.routes: Dict[str, Route] = {}
        self.requests: List[Request] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                request = Request(self.command, self.path, {k: v for k, v in self.headers.items()}, body)
                stub.requests.append(request)
                route = stub.routes.get(f"{self.command} {request.path}")
                if route is None:
                    status, headers, payload = 404, {"Content-Type": "application/problem+json"}, \
                        {"status": 404, "title": "Not Found", "detail": f"no route {request.path}"}
                else:
                    status, headers, payload = route(request)
                data = payload if isinstance(payload, bytes) else (b"" if payload is None else json.dumps(payload).encode())
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                if status != 304:
                    self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(data)

            do_GET = _handle
            do_POST = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class SilentServer:
    """Accepts connections and never answers (a hung Stalewatch)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self._accepted: List[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        self.sock.settimeout(0.05)
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
                self._accepted.append(conn)
            except OSError:
                continue

    def close(self) -> None:
        self._stop.set()
        self._thread.join(1)
        for conn in self._accepted:
            conn.close()
        self.sock.close()


def refused_url() -> str:
    """A URL on which nothing listens (connection refused)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"http://127.0.0.1:{port}"


def problem(status: int, detail: str, field: Optional[str] = None) -> Answer:
    body: Dict[str, Any] = {"type": "about:blank", "title": "Bad Request" if status == 400 else "Error",
                            "status": status, "detail": detail}
    if field:
        body["field"] = field
    return status, {"Content-Type": "application/problem+json"}, body
