"""A Hugging Face Hub mirror on 127.0.0.1 serving one model folder, answering what huggingface_hub asks."""

from __future__ import annotations

import hashlib
import http.server
import json
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMMIT = "0123456789abcdef0123456789abcdef01234567"


class HubMirror:
    """Model info, the file tree, HEAD and GET of files (X-Repo-Commit, ETag) for ``repo_id``; records each request."""

    def __init__(self, repo_id: str, folder: Path) -> None:
        self.repo_id = repo_id
        self.files = {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}
        self.requests: list[str] = []
        self._httpd: http.server.ThreadingHTTPServer | None = None

    @property
    def endpoint(self) -> str:
        assert self._httpd is not None
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def __enter__(self) -> HubMirror:
        mirror = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_HEAD(self) -> None:  # noqa: N802
                mirror._answer(self, body=False)

            def do_GET(self) -> None:  # noqa: N802
                mirror._answer(self, body=True)

            def log_message(self, *args: object) -> None:
                pass

        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._httpd is not None
        self._httpd.shutdown()
        self._httpd.server_close()

    @staticmethod
    def _oid(data: bytes) -> str:
        # The Hub's blob id is git's: sha1 of "blob <size>\0" and the bytes.
        return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()

    def _answer(self, req: http.server.BaseHTTPRequestHandler, *, body: bool) -> None:
        path = unquote(urlsplit(req.path).path)
        self.requests.append(f"{req.command} {path}")
        api = f"/api/models/{self.repo_id}"
        resolve = f"/{self.repo_id}/resolve/"
        if path.startswith(api + "/tree/"):
            listing = [{"type": "file", "path": name, "size": len(data), "oid": self._oid(data)} for name, data in self.files.items()]
            self._send(req, json.dumps(listing).encode(), "application/json", body)
        elif path == api or path.startswith(api + "/revision/"):
            siblings = [{"rfilename": name, "size": len(data), "blobId": self._oid(data)} for name, data in self.files.items()]
            info = {"id": self.repo_id, "modelId": self.repo_id, "sha": COMMIT, "private": False, "siblings": siblings, "tags": []}
            self._send(req, json.dumps(info).encode(), "application/json", body)
        elif path.startswith(resolve) and path[len(resolve):].split("/", 1)[-1] in self.files:
            name = path[len(resolve):].split("/", 1)[-1]
            data = self.files[name]
            self._send(req, data, "application/octet-stream", body, {"X-Repo-Commit": COMMIT, "ETag": f'"{self._oid(data)}"'})
        else:
            self._send(req, b'{"error": "Repository not found"}', "application/json", body, {"X-Error-Code": "RepoNotFound"}, status=404)

    @staticmethod
    def _send(req: http.server.BaseHTTPRequestHandler, data: bytes, ctype: str, body: bool, headers: dict[str, str] | None = None, status: int = 200) -> None:
        req.send_response(status)
        req.send_header("Content-Type", ctype)
        req.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            req.send_header(k, v)
        req.end_headers()
        if body:
            req.wfile.write(data)
