#!/usr/bin/env python3
"""remind_sink.py DIR -- the receivers of tests/e2e/remind.sh, on 127.0.0.1.

An HTTP receiver (http.server) playing DingTalk and WeCom robots and plain
webhooks, and an SMTP sink (about forty lines of socketserver).  The ports
go to DIR/ports ("HTTP SMTP"); every request is one JSON line in DIR/http.log,
every mail one JSON line in DIR/mail.log.  Stops on SIGTERM.

Paths of the HTTP receiver:
  /dingtalk?access_token=T[&timestamp=..&sign=..]  a DingTalk robot: checks
      the signature when T has a secret (SECRETS), answers errcode 0, or
      310000 on a bad or missing signature, 300001 without a token
  /wecom?key=K        a WeCom robot: errcode 0, 93000 without a key
  /hook               a plain webhook: 200
  /flaky/NAME         500 for the first two requests of NAME, then 200 errcode 0
  /down               always 503
"""
import base64, hashlib, hmac, json, os, signal, socketserver, sys, threading, time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DIR = sys.argv[1]
SECRETS = {"zj": "SECzhujianju"}
lock = threading.Lock()
flaky = {}


def log(name, obj):
    with lock, open(os.path.join(DIR, name), "a", encoding="utf-8") as f:
        f.write(json.dumps(obj, ensure_ascii=False) + "\n")


class Http(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def answer(self, status, obj):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        return status, obj

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        q = dict(urllib.parse.parse_qsl(url.query))
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            doc = json.loads(body)
        except ValueError:
            doc = None
        p = url.path
        if p == "/dingtalk":
            tok = q.get("access_token")
            sec = SECRETS.get(tok)
            if not tok:
                st, ans = self.answer(200, {"errcode": 300001, "errmsg": "token is not exist"})
            elif sec:
                ts = q.get("timestamp", "0")
                mac = hmac.new(sec.encode(), (ts + "\n" + sec).encode(), hashlib.sha256).digest()
                good = base64.b64encode(mac).decode() == q.get("sign")
                fresh = abs(int(ts) - time.time() * 1000) < 3600 * 1000
                if good and fresh:
                    st, ans = self.answer(200, {"errcode": 0, "errmsg": "ok"})
                else:
                    st, ans = self.answer(200, {"errcode": 310000, "errmsg": "sign not match"})
            else:
                st, ans = self.answer(200, {"errcode": 0, "errmsg": "ok"})
        elif p == "/wecom":
            if q.get("key"):
                st, ans = self.answer(200, {"errcode": 0, "errmsg": "ok"})
            else:
                st, ans = self.answer(200, {"errcode": 93000, "errmsg": "invalid webhook url"})
        elif p == "/hook":
            st, ans = self.answer(200, {"ok": True})
        elif p.startswith("/flaky/"):
            with lock:
                flaky[p] = flaky.get(p, 0) + 1
                n = flaky[p]
            if n <= 2:
                st, ans = self.answer(500, {"error": "try again"})
            else:
                st, ans = self.answer(200, {"errcode": 0, "errmsg": "ok"})
        elif p == "/down":
            st, ans = self.answer(503, {"error": "down"})
        else:
            st, ans = self.answer(404, {"error": "no such path"})
        log("http.log", {"path": p, "query": q, "body": doc, "status": st,
                         "errcode": ans.get("errcode")})


class Smtp(socketserver.StreamRequestHandler):
    def say(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.say("220 sink ESMTP")
        sender, rcpt = None, []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            cmd = line.decode("utf-8", "replace").rstrip("\r\n")
            verb = cmd[:4].upper()
            if verb == "EHLO":
                self.say("250-sink")
                self.say("250 8BITMIME")
            elif verb == "HELO":
                self.say("250 sink")
            elif verb == "MAIL":
                sender, rcpt = cmd[10:].strip(), []
                self.say("250 OK")
            elif verb == "RCPT":
                rcpt.append(cmd[8:].strip())
                self.say("250 OK")
            elif verb == "DATA":
                self.say("354 end with .")
                data = []
                while True:
                    l = self.rfile.readline()
                    if not l or l in (b".\r\n", b".\n"):
                        break
                    data.append(l[1:] if l.startswith(b"..") else l)
                log("mail.log", {"from": sender, "to": rcpt,
                                 "data": b"".join(data).decode("utf-8", "replace")})
                self.say("250 OK queued")
            elif verb == "QUIT":
                self.say("221 bye")
                return
            elif verb in ("RSET", "NOOP"):
                self.say("250 OK")
            else:
                self.say("502 not implemented")


class TcpServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


http = ThreadingHTTPServer(("127.0.0.1", 0), Http)
http.daemon_threads = True
smtp = TcpServer(("127.0.0.1", 0), Smtp)
for s in (http, smtp):
    threading.Thread(target=s.serve_forever, daemon=True).start()
with open(os.path.join(DIR, "ports.tmp"), "w") as f:
    f.write("%d %d\n" % (http.server_address[1], smtp.server_address[1]))
os.rename(os.path.join(DIR, "ports.tmp"), os.path.join(DIR, "ports"))
signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
while True:
    time.sleep(3600)
