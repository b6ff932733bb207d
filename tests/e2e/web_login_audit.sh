#!/bin/sh
# web_login_audit.sh -- logins through the web form are in the audit log:
# a success as user.login, a wrong password or unknown account as
# user.login_failed with the login as typed (cut to 64 characters) and no
# password anywhere in the database; throttled attempts are not recorded;
# bearer-token API calls are no logins; `luoshi verify` still passes and
# `luoshi log --logins` lists them.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/e2e/web/setup.sh"
start_server
rm -f "$T/jar.anon"
curl -s -c "$T/jar.anon" -b "$T/jar.anon" -o "$T/login.html" "$B/login"
csrf_of "$T/login.html" > "$T/csrf.anon"

# try LOGIN PASSWORD: a form login from the anonymous session; prints the status.
try(){
  curl -s -o /dev/null -w '%{http_code}' -b "$T/jar.anon" --data-urlencode "csrf=$(tok anon)" \
       --data-urlencode "login=$1" --data-urlencode "password=$2" "$B/login"
}
# n ACTION: the number of audit entries with that action.
n(){ sqlite3 "$LUOSHI_DB" "SELECT count(*) FROM event WHERE action='$1'"; }

check_eq "no login is in the log before any" "0 0" "$(n user.login) $(n user.login_failed)"
check_eq "a right password logs in" 303 "$(try sup password-sup)"
check_eq "and is one user.login entry" 1 "$(n user.login)"
check_eq "by the user, about the user's id, with the login only" \
  "sup|user|$(sqlite3 "$LUOSHI_DB" "SELECT id FROM user WHERE login='sup'")|{\"login\":\"sup\"}" \
  "$(sqlite3 "$LUOSHI_DB" "SELECT actor, obj_type, obj_id, after FROM event WHERE action='user.login'")"

check_eq "a wrong password is refused" 401 "$(try boss Secret-Wrong-1)"
check_eq "and is one user.login_failed entry" 1 "$(n user.login_failed)"
check_eq "by nobody, about boss's id, with the login as typed" \
  "-|$(sqlite3 "$LUOSHI_DB" "SELECT id FROM user WHERE login='boss'")|{\"login\":\"boss\"}" \
  "$(sqlite3 "$LUOSHI_DB" "SELECT actor, obj_id, after FROM event WHERE action='user.login_failed'")"

LONG='"<x>\'
i=0; while [ $i -lt 30 ]; do LONG="${LONG}账号"; i=$((i+1)); done
check_eq "an unknown account with a long odd login is refused" 401 "$(try "$LONG" Secret-Wrong-2)"
after=$(sqlite3 "$LUOSHI_DB" "SELECT after FROM event WHERE action='user.login_failed' ORDER BY id DESC LIMIT 1")
printf '%s' "$after" | python3 -c '
import json, sys
j = json.load(sys.stdin)
want = "\"<x>\\" + "账号"*30
sys.exit(0 if j["login"] == want[:64] and len(j["login"]) == 64 else 1)' \
  && ok "recorded as JSON, cut to its first 64 characters" || { notok "recorded as JSON, cut to its first 64 characters"; echo "# $after"; }
check_eq "about no account (0)" 0 \
  "$(sqlite3 "$LUOSHI_DB" "SELECT obj_id FROM event WHERE action='user.login_failed' ORDER BY id DESC LIMIT 1")"

check_eq "a login with a line break is refused" 401 "$(try "$(printf 'evil\nfake')" Secret-Wrong-5)"

# throttling: boss has one failure; four more are allowed, then 429s
for i in 1 2 3 4; do try boss Secret-Wrong-3 > /dev/null; done
check_eq "five failures for boss are recorded" 5 \
  "$(sqlite3 "$LUOSHI_DB" "SELECT count(*) FROM event WHERE action='user.login_failed' AND after='{\"login\":\"boss\"}'")"
codes=""
for i in 1 2 3 4 5 6 7 8 9 10; do codes="$codes$(try boss Secret-Wrong-4) "; done
check_eq "then boss's attempts are throttled" "429 429 429 429 429 429 429 429 429 429 " "$codes"
check_eq "and the throttled attempts are not recorded" 5 \
  "$(sqlite3 "$LUOSHI_DB" "SELECT count(*) FROM event WHERE action='user.login_failed' AND after='{\"login\":\"boss\"}'")"
check_eq "not even the right password while throttled" 1 "$(n user.login)"

# bearer tokens are no logins
"$LUOSHI" token add jt --name e2e --as admin > "$T/token" 2>&1
TOKEN=$(grep -Eo '[A-Za-z0-9_-]{40,}' "$T/token" | head -1)
got=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$B/api/v1/tasks/4")
check_eq "an API call with a bearer token is served" 200 "$got"
check_eq "and is no login" "1" "$(n user.login)"
stop_server

sqlite3 "$LUOSHI_DB" .dump > "$T/dump.sql"
check_nogrep "no password text anywhere in the database" 'Secret-Wrong|password-sup' "$T/dump.sql"
check "luoshi verify passes after the logins" "$LUOSHI" verify --as admin
"$LUOSHI" log --logins --as admin > "$T/logins"
check_eq "luoshi log --logins lists every login and failure, one a line" 8 "$(wc -l < "$T/logins")"
check_grep "the success as ok" '^[0-9]+  2026-03-05T[0-9:]{8}  ok      sup  \(user [0-9]+\)$' "$T/logins"
check_grep "a failure as failed" '^[0-9]+  2026-03-05T[0-9:]{8}  failed  boss  \(user [0-9]+\)$' "$T/logins"
check_grep "a line break typed is shown as ?" '  failed  evil\?fake  \(user 0\)$' "$T/logins"
check_fail "--logins is for the auditors" "$LUOSHI" log --logins --as zj
check "the status as of a past date is untouched by logins" "$LUOSHI" status --as-of 2026-03-01 --as admin
