"""A stand-in for GOV.UK Notify's API on 127.0.0.1: it checks the client's signed token
as Notify does, keeps what it accepted, and answers with what a test scripts."""

from __future__ import annotations

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import jwt

SERVICE_ID = "6b7a1d4e-0a3e-4b7e-9d7f-1c2b3a4d5e6f"
SECRET = "0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f"
API_KEY = f"council_test-{SERVICE_ID}-{SECRET}"
TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a"


class NotifyStandIn:
    def __init__(self):
        self.accepted: list[dict] = []  # the notifications Notify holds
        self.posts: list[dict] = []  # every send request that reached it
        self.lookups: list[str] = []
        # Scripted answers to the next sends: (status, errors) pairs, used up in order.
        self.send_replies: list[tuple[int, list[dict]]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _reply(self, status: int, body: dict):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _authorised(self) -> bool:
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                try:
                    claims = jwt.decode(token, SECRET, algorithms=["HS256"])
                except jwt.PyJWTError:
                    claims = {}
                if claims.get("iss") != SERVICE_ID:
                    self._reply(403, _errors("AuthError", "Invalid token: signature"))
                    return False
                return True

            def do_GET(self):  # noqa: N802
                if not self._authorised():
                    return
                url = urlparse(self.path)
                reference = parse_qs(url.query).get("reference", [None])[0]
                standin.lookups.append(reference)
                found = [n for n in standin.accepted if n["reference"] == reference]
                self._reply(200, {"notifications": found, "links": {}})

            def do_POST(self):  # noqa: N802
                if not self._authorised():
                    return
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                standin.posts.append(body)
                if standin.send_replies:
                    status, errors = standin.send_replies.pop(0)
                    self._reply(status, {"status_code": status, "errors": errors})
                    return
                notification = {
                    "id": str(uuid.uuid4()),
                    "reference": body.get("reference"),
                    "email_address": body["email_address"],
                    "type": "email",
                    "status": "created",
                    "template": {"id": body["template_id"]},
                    "personalisation": body.get("personalisation", {}),
                }
                standin.accepted.append(notification)
                self._reply(
                    201,
                    {
                        "id": notification["id"],
                        "reference": notification["reference"],
                        "content": {"subject": body["personalisation"].get("subject", "")},
                        "template": {"id": body["template_id"], "version": 1},
                    },
                )

        return Handler


def _errors(error: str, message: str) -> dict:
    return {"errors": [{"error": error, "message": message}]}
