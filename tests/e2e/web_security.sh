#!/bin/sh
# web_security.sh -- the web server under hostile input: security headers
# and cookie flags, a missing or wrong CSRF token, script payloads in task
# text, report narrative, search and file names, dangerous uploads,
# oversized and malformed requests (answered with 4xx, no crash), login
# throttling, the cache following writes from the CLI, and HTTPS.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/e2e/web/setup.sh"
start_server --max-upload 1
login_all

# ---- headers and cookies ----
st public GET / > /dev/null
check_grep "Content-Security-Policy without inline scripts or styles" \
  "^Content-Security-Policy: default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'" "$T/head"
check_grep "X-Content-Type-Options: nosniff" '^X-Content-Type-Options: nosniff' "$T/head"
check_grep "X-Frame-Options: DENY" '^X-Frame-Options: DENY' "$T/head"
check_grep "Referrer-Policy" '^Referrer-Policy: same-origin' "$T/head"
curl -s -D "$T/head" -o /dev/null -c "$T/jar.x" "$B/login"
check_grep "the login form's token cookie is HttpOnly and SameSite=Strict" '^Set-Cookie: luoshi_csrf=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict' "$T/head"
c=$(csrf_of "$T/login.html")
curl -s -D "$T/head" -o /dev/null -b "$T/jar.anon" --data-urlencode "csrf=$(tok anon)" \
     --data-urlencode login=boss --data-urlencode password=password-boss "$B/login"
check_grep "the session cookie is HttpOnly and SameSite=Strict" '^Set-Cookie: luoshi_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200' "$T/head"
check_nogrep "and not Secure over plain HTTP" 'Secure' "$T/head"
st sup GET /admin > /dev/null
check_grep "pages of a logged-in user are not stored by caches" '^Cache-Control: no-store' "$T/head"
check_eq "the session is stored as a hash, not as the cookie" 0 \
  "$(sqlite3 "$LUOSHI_DB" "SELECT count(*) FROM session WHERE hash='$(awk '$6=="luoshi_session"{print $7}' "$T/jar.sup")'")"

# ---- CSRF ----
expect "a form post without a token is refused" 403 sup POST /admin/close/1 --data-urlencode reason=x
check_grep "and says why" 'CSRF' "$T/body"
expect "with a wrong token" 403 sup POST /admin/close/1 --data-urlencode reason=x --data-urlencode csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
expect "with another session's token" 403 sup POST /admin/close/1 --data-urlencode reason=x --data-urlencode "csrf=$(tok zj)"
expect "with the token in the query string instead of the form" 403 sup POST "/admin/close/1?csrf=$(tok sup)" --data-urlencode reason=x
check_eq "nothing was closed" published "$("$LUOSHI" task show 1 --as admin | awk 'NR==1{print $4}')"
got=$(curl -s -o /dev/null -w '%{http_code}' --data-urlencode login=sup --data-urlencode password=password-sup "$B/login")
check_eq "a login without the form's token is refused" 403 "$got"
got=$(curl -s -o /dev/null -w '%{http_code}' --data-urlencode "csrf=$(tok anon)" --data-urlencode login=sup --data-urlencode password=password-sup "$B/login")
check_eq "a login with a token but not its cookie is refused" 403 "$got"
expect "logging out needs the token too" 403 zj POST /logout
expect "so the session lives on" 200 zj GET /my
expect "an API write with the session cookie and no X-CSRF-Token is refused" 403 sup PATCH /api/v1/tasks/1 \
  -H 'Content-Type: application/json' --data-binary '{"deadline":"2026-10-31"}'

# ---- script payloads ----
X='<script>alert(1)</script>"'"'"'><img src=x onerror=alert(2)>'
expect "the office sets a task text with a script payload" 303 sup POST /admin/task/3 \
  --data-urlencode "csrf=$(tok sup)" --data-urlencode "text=新建幼儿园3所$X"
for pg in /task/3 /tasks /unit/14 "/tasks?q=%E5%B9%BC%E5%84%BF%E5%9B%AD" /feed.atom; do
  st public GET "$pg" > /dev/null
  check_nogrep "no live markup from the task text on $pg" '<script>alert|<img src=x' "$T/body"
done
st public GET /task/3 > /dev/null
check_grep "the payload is shown as text" '&lt;script&gt;alert\(1\)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert\(2\)&gt;' "$T/body"
st sup GET '/admin/decompose?plan=1' > /dev/null
check_nogrep "nor in the decomposition review's form" '<script>alert|<img src=x' "$T/body"
st public GET /api/v1/tasks/3 > /dev/null
check_grep "the API gives it as JSON text" '"text":"新建幼儿园3所<script>alert\(1\)</script>' "$T/body"
check_grep "served as JSON, not HTML" '^Content-Type: application/json' "$T/head"
st public GET '/tasks?q=%3Cscript%3Ealert(3)%3C%2Fscript%3E' > /dev/null
check_nogrep "a search for a script is echoed harmless" '<script>alert\(3\)' "$T/body"
printf '\211PNG\r\n\032\n0000000000000000' > "$T/ok.png"
N='<script>alert(4)</script>完成10个'
F='"><svg onload=alert(5)>.png'
expect "a unit files a report with a script in the narrative and the file name" 303 zj POST /report/2 \
  -F "csrf=$(tok zj)" -F period=2026-02 -F kind=value -F value=10 --form-string "note=$N" \
  -F "evidence=@$T/ok.png;filename=\"\\\"><svg onload=alert(5)>.png\""
for pg in /task/2 /admin/queue; do
  st sup GET "$pg" > /dev/null
  check_nogrep "no live markup from the narrative or file name on $pg" '<script>alert|<svg onload' "$T/body"
  check_grep "the narrative is there as text on $pg" '&lt;script&gt;alert\(4\)&lt;/script&gt;完成10个' "$T/body"
done
check_grep "the file name is there as text" '&gt;&lt;svg onload=alert\(5\)&gt;\.png' "$T/body"
rid=$(sqlite3 "$LUOSHI_DB" "SELECT max(id) FROM report")
evid=$(sqlite3 "$LUOSHI_DB" "SELECT max(id) FROM evidence")
expect "the office accepts it" 303 sup POST "/admin/review/$rid" --data-urlencode "csrf=$(tok sup)" --data-urlencode action=accept
st public GET /feed.atom > /dev/null
check_nogrep "the feed escapes it" '<script>alert' "$T/body"
check_grep "the feed is Atom" '^<\?xml version="1.0" encoding="utf-8"\?>' "$T/body"
expect "the evidence is served" 200 public GET "/evidence/$evid"
check_grep "as the image it is" '^Content-Type: image/png' "$T/head"
check_grep "sandboxed" "^Content-Security-Policy: default-src 'none'; sandbox" "$T/head"
check_grep "its name only percent-encoded in Content-Disposition" \
  "^Content-Disposition: inline; filename=\"evidence-$evid.png\"; filename\\*=UTF-8''[%0-9A-F]*%3E%3Csvg%20onload%3Dalert%285%29%3E\\.png.?\$" "$T/head"
cmp -s "$T/body" "$T/ok.png"; check_eq "byte for byte" 0 $?
st public GET '/login?next=%22%3E%3Cscript%3Ealert(6)%3C%2Fscript%3E' > /dev/null
check_nogrep "the login form's next= is escaped" '<script>alert\(6\)' "$T/body"
rm -f "$T/jar.n"
curl -s -c "$T/jar.n" -b "$T/jar.n" -o "$T/l.html" "$B/login"
curl -s -c "$T/jar.n" -b "$T/jar.n" -D "$T/head" -o /dev/null --data-urlencode "csrf=$(csrf_of "$T/l.html")" \
  --data-urlencode login=boss --data-urlencode password=password-boss --data-urlencode 'next=//evil.example/' "$B/login"
check_grep "a login does not send the user to another site" '^Location: /admin' "$T/head"

# ---- uploads ----
nrep=$(sqlite3 "$LUOSHI_DB" "SELECT count(*) FROM report")
printf '<html><script>alert(7)</script></html>' > "$T/page.html"
cp "$T/page.html" "$T/fake.png"
printf '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(8)"/>' > "$T/x.svg"
printf 'MZ\220\000' > "$T/tool.exe"
for f in page.html fake.png x.svg tool.exe; do
  expect "a $f is not accepted as evidence" 400 jt POST /report/4 -F "csrf=$(tok jt)" -F period=2026-02 \
    -F kind=value -F target=6 -F value=8 -F note=路基 -F "evidence=@$T/$f"
done
check_grep "the form says what is wrong with the file" 'tool.exe: not an accepted kind of evidence' "$T/body"
check_eq "and nothing was filed" "$nrep" "$(sqlite3 "$LUOSHI_DB" "SELECT count(*) FROM report")"
printf '%%PDF-1.4\n%%\342\343\n1 0 obj<<>>endobj\n' > "$T/plan.pdf"
# a multipart body made by hand: a path, control characters and a line
# break in the file names
{
  printf -- '--XyZ\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n%s\r\n' "$(tok jt)"
  for f in period=2026-02 kind=value target=6 value=8 note=路基; do
    printf -- '--XyZ\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' "${f%%=*}" "${f#*=}"
  done
  printf -- '--XyZ\r\nContent-Disposition: form-data; name="evidence"; filename="../../../etc/cron.d/x.pdf"\r\n'
  printf -- 'Content-Type: application/pdf\r\n\r\n'; cat "$T/plan.pdf"; printf '\r\n'
  printf -- '--XyZ\r\nContent-Disposition: form-data; name="evidence"; filename="a\001b\033[31mc\tSet-Cookie: x=1.png"\r\n'
  printf -- 'Content-Type: image/png\r\n\r\n'; cat "$T/ok.png"; printf '\r\n--XyZ--\r\n'
} > "$T/multi"
expect "paths and control characters in file names are dropped" 303 jt POST /report/4 \
  -H 'Content-Type: multipart/form-data; boundary=XyZ' --data-binary "@$T/multi"
check_eq "stored under their base names" "x.pdf|ab[31mcSet-Cookie: x=1.png" \
  "$(sqlite3 "$LUOSHI_DB" "SELECT group_concat(name, '|') FROM (SELECT name FROM (SELECT name FROM evidence ORDER BY id DESC LIMIT 2) ORDER BY name DESC)")"
pdf=$(sqlite3 "$LUOSHI_DB" "SELECT id FROM evidence WHERE name='x.pdf'")
expect "a PDF is served" 200 jt GET "/evidence/$pdf"
check_grep "as a download" '^Content-Disposition: attachment; filename="evidence-[0-9]+.pdf"' "$T/head"
last=$(sqlite3 "$LUOSHI_DB" "SELECT max(id) FROM evidence")
expect "the file with control characters is served" 200 jt GET "/evidence/$last"
check_nogrep "and its name cannot add a header" '^Set-Cookie: x=1' "$T/head"
expect "evidence of a report not yet accepted is not public" 404 public GET "/evidence/$pdf"
head -c 1500000 /dev/urandom > "$T/big.bin"
{ printf '\211PNG\r\n\032\n'; cat "$T/big.bin"; } > "$T/big.png"
expect "an upload over --max-upload is refused (413)" 413 jt POST /report/4 -F "csrf=$(tok jt)" -F period=2026-03 \
  -F kind=percent -F percent=5 -F note=x -F "evidence=@$T/big.png"
set --
for i in 1 2 3 4 5 6 7 8 9; do set -- "$@" -F "evidence=@$T/ok.png;filename=p$i.png"; done
expect "more than eight files are refused (413)" 413 jt POST /report/4 -F "csrf=$(tok jt)" -F period=2026-03 \
  -F kind=percent -F percent=5 -F note=x "$@"

# ---- oversized and malformed requests ----
head -c 300000 /dev/zero | tr '\0' 'a' > "$T/long.txt"
expect "a form over 256 KB is refused (413)" 413 sup POST /admin/task/1 --data-urlencode "csrf=$(tok sup)" --data-urlencode "text@$T/long.txt"
expect "also without a Content-Length (chunked)" 413 sup POST /admin/task/1 -H 'Transfer-Encoding: chunked' \
  --data-urlencode "csrf=$(tok sup)" --data-urlencode "text@$T/long.txt"
expect "a JSON body over the limit (413)" 413 sup PATCH /api/v1/tasks/1 -H "X-CSRF-Token: $(tok sup)" \
  -H 'Content-Type: application/json' --data-binary "@$T/long.txt"
check_grep "the API answers in JSON" '^\{"error":\{"code":413,' "$T/body"
expect "a query that is not UTF-8 (400)" 400 public GET '/tasks?q=%FF%FE'
expect "a form that is not UTF-8 (400)" 400 sup POST /admin/task/1 --data-urlencode "csrf=$(tok sup)" --data-binary 'text=%C3%28'
expect "multipart without a boundary (400)" 400 zj POST /report/2 -H 'Content-Type: multipart/form-data' --data-binary 'junk'
expect "JSON that does not parse (400)" 400 sup PATCH /api/v1/tasks/1 -H "X-CSRF-Token: $(tok sup)" \
  -H 'Content-Type: application/json' --data-binary '{"deadline":'
check_grep "says where" '"message":"the body is not JSON' "$T/body"
expect "JSON that is not an object (400)" 400 sup PATCH /api/v1/tasks/1 -H "X-CSRF-Token: $(tok sup)" \
  -H 'Content-Type: application/json' --data-binary '[1,2]'
expect "a bad date through the API (400)" 400 sup PATCH /api/v1/tasks/1 -H "X-CSRF-Token: $(tok sup)" \
  -H 'Content-Type: application/json' --data-binary '{"deadline":"2026-13-45"}'
expect "an unknown method (405)" 405 public BREW /
expect "PUT is not a method of the pages (405)" 405 sup PUT /admin/close/1 --data-urlencode "csrf=$(tok sup)"
expect "a task that is not a number (404)" 404 public GET /task/abc
expect "a task number too large (404)" 404 public GET /task/99999999999999
expect "a path with dots (404)" 404 public GET '/static/../../../etc/passwd' --path-as-is
expect "an API path too deep (404)" 404 public GET /api/v1/tasks/1/targets/2/x/y
expect "paging out of range (400)" 400 public GET '/api/v1/tasks?per_page=100000'
expect "a bad status filter (400)" 400 public GET '/api/v1/tasks?status=purple'
expect "a bad as_of (400)" 400 public GET '/api/v1/status?as_of=yesterday'
long=$(head -c 70000 /dev/zero | tr '\0' 'x')
got=$(curl -s -o /dev/null -w '%{http_code}' "$B/tasks?q=$long")
case $got in 4??) ok "a 70 KB URL is refused with a 4xx ($got)";; *) notok "a 70 KB URL is refused with a 4xx (got $got)";; esac
got=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: luoshi_session=$long" "$B/")
case $got in 4??) ok "a 70 KB header is refused with a 4xx ($got)";; *) notok "a 70 KB header is refused with a 4xx (got $got)";; esac
got=$(curl -s -o /dev/null -w '%{http_code}' -H 'Cookie: luoshi_session=forged-session-id' "$B/my")
check_eq "a forged session cookie is no session (303 to the login)" 303 "$got"
python3 - "$PORT" > "$T/raw" <<'PY'
import socket, sys
port = int(sys.argv[1])
for raw in [b"GARBAGE\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
            b"GET /task/1 HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
            b"\xff\xfe\r\n\r\n", b"GET /tasks?q=%ff%zz HTTP/1.1\r\nHost: x\r\nX: \x01\x02\r\n\r\n"]:
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall(raw)
    try: data = s.recv(200)
    except Exception: data = b""
    print(data.split(b"\r\n")[0].decode("latin-1") or "(closed)")
    s.close()
PY
check_nogrep "raw garbage on the socket is never answered with 2xx" '^HTTP/1\.[01] 2' "$T/raw"
expect "and the server is still there" 200 public GET /

# ---- login throttling ----
for i in 1 2 3 4 5; do
  got=$(curl -s -o /dev/null -w '%{http_code}' -b "$T/jar.anon" --data-urlencode "csrf=$(tok anon)" \
        --data-urlencode login=boss --data-urlencode password=wrong-password "$B/login")
done
check_eq "a wrong password is 401" 401 "$got"
got=$(curl -s -D "$T/head" -o "$T/body" -w '%{http_code}' -b "$T/jar.anon" --data-urlencode "csrf=$(tok anon)" \
      --data-urlencode login=boss --data-urlencode password=password-boss "$B/login")
check_eq "after five, even the right password must wait (429)" 429 "$got"
check_grep "with Retry-After" '^Retry-After: [0-9]+' "$T/head"
check_grep "and says so in Chinese" '登录失败次数过多' "$T/body"
got=$(curl -s -o /dev/null -w '%{http_code}' -b "$T/jar.anon" --data-urlencode "csrf=$(tok anon)" \
      --data-urlencode login=jt --data-urlencode password=password-jt "$B/login")
check_eq "another account from the same address may still log in" 303 "$got"

# ---- the cached home page follows writes made outside the server ----
st public GET / > "$T/code"
check_grep "the home page counts no closed task" 'status=done"><b>0</b>' "$T/body"
"$LUOSHI" close 6 --reason 专项整治完成 --as sup > /dev/null
st public GET / > "$T/code"
check_grep "a close by the CLI shows at once" 'status=done"><b>1</b>' "$T/body"
stop_server

# ---- HTTPS ----
if openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" -out "$T/cert.pem" -days 2 \
     -subj /CN=127.0.0.1 > /dev/null 2>&1; then
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  SERVER_LOG=$T/server-tls.log
  "$LUOSHI" serve --listen "127.0.0.1:$PORT" --tls-cert "$T/cert.pem" --tls-key "$T/key.pem" 2> "$SERVER_LOG" &
  SERVER_PID=$!
  i=0; while ! curl -sk -o /dev/null "https://127.0.0.1:$PORT/robots.txt" && [ $i -lt 100 ]; do i=$((i+1)); sleep 0.1; done
  got=$(curl -sk -D "$T/head" -o "$T/body" -w '%{http_code}' "https://127.0.0.1:$PORT/login")
  check_eq "HTTPS with --tls-cert and --tls-key" 200 "$got"
  check_grep "cookies get Secure over TLS" '^Set-Cookie: luoshi_csrf=.*; Secure' "$T/head"
  check_grep "and the browser is told to stay on HTTPS" '^Strict-Transport-Security: max-age=' "$T/head"
  got=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/")
  case $got in 2??) notok "plain HTTP on the TLS port is not served ($got)";; *) ok "plain HTTP on the TLS port is not served";; esac
  stop_server
fi
