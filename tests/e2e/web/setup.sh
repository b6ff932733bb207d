# setup.sh -- sourced by tests/e2e/web_*.sh after lib.sh: a ledger holding
# the small report (tests/e2e/ledger/mini_report.txt, six tasks) published
# on 2026-02-01, the users of every role, a `luoshi serve` on a free
# loopback port (the clock at 2026-03-05), and curl helpers that log in as
# a role and send requests with its cookie and form token.
#
#   role      login  password      what it is
#   public    -      -             no cookie at all
#   anon      -      -             no session, the login form's token
#   admin     admin  adminpass1
#   sup       sup    password-sup  supervisor (督查室)
#   boss      boss   password-boss leader
#   zj        zj     password-zj   unit 住建局: lead of task 2 (1.2.1, target 3: 30个)
#   jt        jt     password-jt   unit 交通运输局: lead of task 4 (2.2.1, targets 6 and 7)
D=$TOP/tests/e2e/ledger
export LUOSHI_DB=$T/web.db
unset LUOSHI_USER
LUOSHI_TODAY=2026-02-01; export LUOSHI_TODAY
echo adminpass1 | "$LUOSHI" init --admin admin > /dev/null || exit 1
"$LUOSHI" import "$D/mini_report.txt" --region 某区 --year 2026 --extraction "$D/mini_report.json" --as admin > /dev/null || exit 1
for u in "sup supervisor" "boss leader"; do
  set -- $u
  echo "password-$1" | "$LUOSHI" user add "$1" --role "$2" --as admin > /dev/null
done
echo password-zj | "$LUOSHI" user add zj --role unit --unit 住建局 --as admin > /dev/null
echo password-jt | "$LUOSHI" user add jt --role unit --unit 交通运输局 --as admin > /dev/null
"$LUOSHI" plan publish --as sup > /dev/null || exit 1
LUOSHI_TODAY=2026-03-05; export LUOSHI_TODAY

SERVER_PID=""
# start_server [OPTIONS]: luoshi serve on a free port; sets $B (base URL).
start_server(){
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  B="http://127.0.0.1:$PORT"
  SERVER_LOG=$T/server.log
  "$LUOSHI" serve --listen "127.0.0.1:$PORT" --threads 2 "$@" 2> "$SERVER_LOG" &
  SERVER_PID=$!
  i=0
  while ! curl -s -o /dev/null "$B/robots.txt"; do
    i=$((i+1)); [ $i -gt 100 ] && { notok "the server starts"; cat "$SERVER_LOG"; exit 1; }
    sleep 0.1
  done
}
# stop_server: SIGTERM, then check it stopped cleanly and the sanitizers
# said nothing ($SERVER_LOG; KEEP=1 keeps a copy in /tmp).
stop_server(){
  [ -n "$SERVER_PID" ] || return 0
  kill -TERM "$SERVER_PID"
  wait "$SERVER_PID"
  rc=$?
  SERVER_PID=""
  check_eq "the server stops cleanly on SIGTERM (exit 0)" 0 "$rc"
  check_nogrep "the sanitizers found nothing in the server" 'AddressSanitizer|LeakSanitizer|runtime error' "$SERVER_LOG"
  if [ -n "$KEEP" ]; then cp "$SERVER_LOG" "/tmp/$(basename "$SERVER_LOG")"; fi
}
trap '[ -n "$SERVER_PID" ] && kill -KILL "$SERVER_PID" 2>/dev/null; rm -rf "$T"' EXIT

# csrf_of FILE: the value of the first hidden csrf field in an HTML page.
csrf_of(){ grep -o 'name=csrf value="[^"]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'; }

# login ROLE LOGIN PASSWORD: a session for ROLE in $T/jar.ROLE and its form
# token in $T/csrf.ROLE.
login(){
  rm -f "$T/jar.$1"
  curl -s -c "$T/jar.$1" -b "$T/jar.$1" -o "$T/login.html" "$B/login"
  c=$(csrf_of "$T/login.html")
  curl -s -c "$T/jar.$1" -b "$T/jar.$1" -o /dev/null --data-urlencode "csrf=$c" \
       --data-urlencode "login=$2" --data-urlencode "password=$3" "$B/login"
  curl -s -c "$T/jar.$1" -b "$T/jar.$1" -o "$T/page.$1" "$B/"
  csrf_of "$T/page.$1" > "$T/csrf.$1"
}
login_all(){
  # anon: no session, only the anonymous form token of the login page
  rm -f "$T/jar.anon"
  curl -s -c "$T/jar.anon" -b "$T/jar.anon" -o "$T/login.html" "$B/login"
  csrf_of "$T/login.html" > "$T/csrf.anon"
  login admin admin adminpass1
  login sup sup password-sup
  login boss boss password-boss
  login zj zj password-zj
  login jt jt password-jt
}
# tok ROLE: the form token of ROLE's session.
tok(){ cat "$T/csrf.$1" 2>/dev/null; }
# st ROLE METHOD PATH [CURL ARGS]: send the request as ROLE (body to
# $T/body, headers to $T/head) and print the HTTP status.
st(){
  role=$1; m=$2; p=$3; shift 3
  if [ "$role" = public ]; then
    curl -s -X "$m" -o "$T/body" -D "$T/head" -w '%{http_code}' "$@" "$B$p"
  else
    curl -s -X "$m" -b "$T/jar.$role" -o "$T/body" -D "$T/head" -w '%{http_code}' "$@" "$B$p"
  fi
}
# post ROLE PATH FIELD=VALUE...: a form POST with ROLE's form token.
post(){
  role=$1; p=$2; shift 2
  n=$#
  set -- "$@" --data-urlencode "csrf=$(tok "$role")"
  while [ "$n" -gt 0 ]; do f=$1; shift; set -- "$@" --data-urlencode "$f"; n=$((n-1)); done
  st "$role" POST "$p" "$@"
}
# expect DESC WANT-STATUS ROLE METHOD PATH [CURL ARGS]
expect(){
  d=$1; want=$2; shift 2
  got=$(st "$@")
  if [ "$got" = "$want" ]; then ok "$d"; else notok "$d"; echo "#  want $want, got $got"; head -c 300 "$T/body" | sed 's/^/# /'; echo; fi
}
