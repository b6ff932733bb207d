#!/bin/sh
# web_access.sh -- who may do what on the web, endpoint by endpoint and
# role by role (allowed / forbidden), for the pages, the form posts and the
# JSON API with bearer tokens.  The answers come from the ledger's one
# permission function; this checks that every door asks it.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/e2e/web/setup.sh"
start_server
login_all

# ---- reading: GET PATH, want for public anon admin sup boss zj jt ----
ROLES="public anon admin sup boss zj jt"
row(){
  p=$1; shift
  for role in $ROLES; do
    expect "GET $p as $role: $1" "$1" "$role" GET "$p"
    shift
  done
}
row /                         200 200 200 200 200 200 200
row /tasks                    200 200 200 200 200 200 200
row '/tasks?q=%E8%80%81%E6%97%A7%E5%B0%8F%E5%8C%BA&status=green' 200 200 200 200 200 200 200
row /task/2                   200 200 200 200 200 200 200
row /task/99                  404 404 404 404 404 404 404
row /units                    200 200 200 200 200 200 200
row /unit/12                  200 200 200 200 200 200 200
row /data                     200 200 200 200 200 200 200
row /data/tasks.csv           200 200 200 200 200 200 200
row /data/tasks.json          200 200 200 200 200 200 200
row /feed.atom                200 200 200 200 200 200 200
row /login                    200 200 200 200 200 200 200
row /my                       303 303 403 403 403 200 200
row /report/2                 303 303 403 403 403 200 403
row /report/4                 303 303 403 403 403 403 200
row /admin                    303 303 200 200 200 403 403
row /admin/queue              303 303 200 200 200 403 403
row /admin/units              303 303 200 200 200 403 403
row /admin/plans              303 303 200 200 200 403 403
row '/admin/decompose?plan=1' 303 303 200 200 200 403 403
row /admin/brief              303 303 200 200 200 403 403
row '/admin/brief?period=2026-02' 303 303 200 200 200 403 403
row '/admin/brief.docx?period=2026-02' 303 303 200 200 200 403 403
row '/admin/brief.html?period=2026-02' 303 303 200 200 200 403 403
row '/admin/brief?period=2026-13' 303 303 400 400 400 403 403
row /admin/reminders          303 303 200 200 200 403 403
row '/admin/reminders?state=failed' 303 303 200 200 200 403 403
row '/admin/reminders?state=lost' 303 303 400 400 400 403 403
row /admin/reminders/check    303 303 200 200 403 403 403
row /my/reminders             303 303 403 403 403 200 200
row /admin/people             303 303 200 200 200 403 403
row /my/password              303 303 200 200 200 200 200
row '/my/reminders?state=sent' 303 303 403 403 403 200 200
row '/my/sheet.xlsx?period=2026-02' 303 303 403 403 403 200 200
row '/my/sheet.xlsx?period=2026-2' 303 303 403 403 403 400 400
row /static/gongwen.css       200 200 200 200 200 200 200
row /api/v1                   200 200 200 200 200 200 200
row /api/v1/plans             200 200 200 200 200 200 200
row /api/v1/plans/1/nodes     200 200 200 200 200 200 200
row /api/v1/tasks             200 200 200 200 200 200 200
row /api/v1/tasks/2           200 200 200 200 200 200 200
row /api/v1/tasks/2/targets   200 200 200 200 200 200 200
row /api/v1/units/12          200 200 200 200 200 200 200
row /api/v1/status            200 200 200 200 200 200 200
row /api/v1/me                200 200 200 200 200 200 200
st public GET /admin > /dev/null
check_grep "a page that needs a login sends the visitor to it" '^Location: /login\?next=%2Fadmin' "$T/head"
st zj GET /admin > /dev/null
check_grep "a forbidden page says so in Chinese" '无权操作' "$T/body"

# ---- writing through the pages (form posts, each with its role's token) ----
# row_post DESC PATH "want for anon zj jt boss sup admin" FIELDS...
row_post(){
  d=$1; p=$2; wants=$3; shift 3
  for role in anon zj jt boss sup admin; do
    want=${wants%% *}; wants=${wants#* }
    got=$(post "$role" "$p" "$@")
    if [ "$got" = "$want" ]; then ok "POST $p ($d) as $role: $want"
    else notok "POST $p ($d) as $role: $want"; echo "#  got $got"; head -c 300 "$T/body" | sed 's/^/# /'; echo; fi
  done
}
row_post "file a report on 住建局's task" /report/2 "303 303 403 403 403 403" \
  period=2026-02 kind=value value=10 "note=已开工10个小区"
row_post "accept it" /admin/review/1 "303 403 403 403 303 409" action=accept
row_post "edit a task" /admin/task/2 "303 403 403 403 303 303" "deadline=2026-07-31"
row_post "add a target" /admin/target/0 "303 403 403 403 303 303" action=add task=6 value=0 cmp="<=" unit=起 subject=较大事故
row_post "close a task" /admin/close/6 "303 403 403 403 303 409" "reason=专项整治已完成"
row_post "publish a plan" /admin/publish/1 "303 403 403 403 409 409"
row_post "add an account" /admin/people/user "303 403 403 403 403 303" \
  login=acc1 role=leader unit= password=password-acc1 password2=password-acc1
row_post "reset a password" /admin/people/password "303 403 403 403 403 303" \
  login=acc1 password=password-acc2 password2=password-acc2
row_post "add a unit" /admin/people/unit "303 403 403 403 403 303" name=测试中心 kind=other aliases= keywords=
nu=$("$LUOSHI" unit list --as admin | awk '$2=="测试中心"{print $1}')
row_post "change a unit" "/admin/people/unit/$nu" "303 403 403 403 403 303" aliases=测试所 keywords=测试
# every user may reach the form (400: it says the old password is missing)
row_post "change one's own password" /my/password "303 400 400 400 400 400" old= password=password-new1 password2=password-new1
# the progress sheet upload: a unit's own sheet, multipart, with the form token
st zj GET '/my/sheet.xlsx?period=2026-03' > /dev/null
cp "$T/body" "$T/zj.xlsx"
python3 "$TOP/tests/e2e/sheet/fill.py" "$T/zj.xlsx" "$T/zj-filled.xlsx" F5=n:5 "H5=s:已开工5个小区"
for role in anon boss sup admin; do
  expect "POST /my/sheet (upload a sheet) as $role: refused" "$( [ $role = anon ] && echo 303 || echo 403 )" \
    "$role" POST /my/sheet -F "csrf=$(tok $role)" -F "file=@$T/zj-filled.xlsx"
done
expect "POST /my/sheet as jt: 住建局's sheet is not its own (400)" 400 jt POST /my/sheet -F "csrf=$(tok jt)" -F "file=@$T/zj-filled.xlsx"
expect "POST /my/sheet without the form token: 403" 403 zj POST /my/sheet -F "file=@$T/zj-filled.xlsx"
expect "POST /my/sheet with another user's form token: 403" 403 zj POST /my/sheet -F "csrf=$(tok jt)" -F "file=@$T/zj-filled.xlsx"
check_eq "nothing was filed by the refused uploads" 0 "$(sqlite3 "$LUOSHI_DB" "SELECT count(*) FROM report WHERE note='已开工5个小区'")"
expect "POST /my/sheet as zj: filed (303)" 303 zj POST /my/sheet -F "csrf=$(tok zj)" -F "file=@$T/zj-filled.xlsx"
check_eq "and the report is in the ledger" 1 "$(sqlite3 "$LUOSHI_DB" "SELECT count(*) FROM report WHERE note='已开工5个小区'")"
expect "GET /my/sheet is not a page (405)" 405 zj GET /my/sheet
expect "a GET cannot take a form's place (405)" 405 sup GET /admin/close/5
expect "a form post to a page that only reads is refused (405)" 405 sup POST /tasks --data-urlencode "csrf=$(tok sup)"

# import a second report (a draft) through the form, as the office
sed 's/2026/2027/g' "$D/mini_report.txt" > "$T/report2027.txt"
expect "a unit may not import" 403 zj POST /admin/import -F "csrf=$(tok zj)" -F "file=@$T/report2027.txt" -F region=某区 -F year=2027
expect "a leader may not import" 403 boss POST /admin/import -F "csrf=$(tok boss)" -F "file=@$T/report2027.txt" -F region=某区 -F year=2027
expect "the office imports a report through the form" 303 sup POST /admin/import -F "csrf=$(tok sup)" -F "file=@$T/report2027.txt" -F region=某区 -F year=2027
check_grep "and goes on to review its decomposition" '^Location: /admin/decompose\?plan=2' "$T/head"
draft=$("$LUOSHI" task list --plan 2 --as admin | awk '$5=="住建局"{print $1; exit}')
other=$("$LUOSHI" task list --plan 2 --as admin | awk '$5!="住建局"{print $1; exit}')
check "the draft has a task of 住建局" test -n "$draft"
row "/task/$draft"            404 404 200 200 200 200 404
row "/task/$other"            404 404 200 200 200 404 404
st public GET / > /dev/null
check_grep "the public still sees the published plan while a newer one is a draft" '某区' "$T/body"
check_nogrep "and nothing of the draft" '2027' "$T/body"
row "/api/v1/tasks/$draft"    404 404 200 200 200 200 404
row /api/v1/plans/2           404 404 200 200 200 200 200

# ---- the JSON API with bearer tokens ----
for u in zj jt sup boss; do
  "$LUOSHI" token add "$u" --name "e2e $u" --as admin | sed 's/.*: //' > "$T/token.$u"
done
bearer(){ echo "Authorization: Bearer $(cat "$T/token.$1")"; }
# api WANT DESC AS METHOD PATH [JSON]: AS is a role with a token or "none"
api(){
  want=$1; d=$2; who=$3; m=$4; p=$5; body=$6
  if [ "$who" = none ]; then
    got=$(curl -s -X "$m" -o "$T/body" -w '%{http_code}' -H 'Content-Type: application/json' ${body:+--data-binary "$body"} "$B$p")
  else
    got=$(curl -s -X "$m" -o "$T/body" -w '%{http_code}' -H "$(bearer "$who")" -H 'Content-Type: application/json' ${body:+--data-binary "$body"} "$B$p")
  fi
  if [ "$got" = "$want" ]; then ok "$m $p $d as $who: $want"; else notok "$m $p $d as $who: $want"; echo "#  got $got"; head -c 300 "$T/body" | sed 's/^/# /'; echo; fi
}
R='{"task":4,"period":"2026-02","value":8,"target":6,"note":"完成路基8公里"}'
api 403 "submit a report" none POST /api/v1/reports "$R"
api 403 "submit a report" zj   POST /api/v1/reports "$R"
api 403 "submit a report" boss POST /api/v1/reports "$R"
api 403 "submit a report" sup  POST /api/v1/reports "$R"
api 201 "submit a report" jt   POST /api/v1/reports "$R"
rid=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$T/body")
api 409 "submit the same again" jt POST /api/v1/reports "$R"
api 403 "review it" jt   POST "/api/v1/reports/$rid/review" '{"accept":true}'
api 403 "review it" boss POST "/api/v1/reports/$rid/review" '{"accept":true}'
api 200 "return it" sup  POST "/api/v1/reports/$rid/review" '{"return":"缺少佐证材料"}'
api 409 "review it again" sup POST "/api/v1/reports/$rid/review" '{"accept":true}'
api 403 "edit a task" boss PATCH /api/v1/tasks/4 '{"deadline":"2026-11-30"}'
api 403 "edit a task" jt   PATCH /api/v1/tasks/4 '{"deadline":"2026-11-30"}'
api 200 "edit a task" sup  PATCH /api/v1/tasks/4 '{"deadline":"2026-11-30","co":["财政局"]}'
check_grep "the edit is in the answer" '"deadline":"2026-11-30".*"co":\[\{"id":8,"name":"财政局"\}\]' "$T/body"
api 403 "add a target" jt  POST /api/v1/tasks/4/targets '{"value":1,"unit":"座","subject":"桥梁"}'
api 201 "add a target" sup POST /api/v1/tasks/4/targets '{"value":1,"unit":"座","subject":"桥梁"}'
gid=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["target"])' "$T/body")
api 200 "change the target" sup PATCH "/api/v1/targets/$gid" '{"value":2}'
api 403 "remove the target" boss DELETE "/api/v1/targets/$gid"
api 200 "remove the target" sup DELETE "/api/v1/targets/$gid"
api 403 "close a task" jt  POST /api/v1/tasks/5/close '{"reason":"省里统筹"}'
api 200 "close a task" sup POST /api/v1/tasks/5/close '{"reason":"省里统筹"}'
api 403 "publish a plan" boss POST /api/v1/plans/2/publish
api 200 "publish a plan" sup  POST /api/v1/plans/2/publish
api 409 "publish it again" sup POST /api/v1/plans/2/publish
jtok=$("$LUOSHI" token list --as admin | awk '$2=="jt"{print $1}')
"$LUOSHI" token revoke "$jtok" --as admin > /dev/null
api 401 "read who I am with a revoked token" jt GET /api/v1/me
got=$(curl -s -o "$T/body" -w '%{http_code}' -H 'Authorization: Bearer lst_not-a-token' "$B/api/v1/me")
check_eq "an unknown token is refused (401)" 401 "$got"
check_grep "with a JSON error" '^\{"error":\{"code":401,"message":"' "$T/body"
got=$(curl -s -o "$T/body" -w '%{http_code}' -H 'Authorization: Basic YWRtaW46eA==' "$B/api/v1/me")
check_eq "only bearer tokens are taken (401)" 401 "$got"
# the pages' session works on the API too, with the form token as a header
expect "a session may not write through the API without its token" 403 zj POST /api/v1/reports \
  -H 'Content-Type: application/json' --data-binary '{"task":2,"period":"2026-01","percent":5,"note":"一月"}'
expect "with the token in X-CSRF-Token it may" 201 zj POST /api/v1/reports -H "X-CSRF-Token: $(tok zj)" \
  -H 'Content-Type: application/json' --data-binary '{"task":2,"period":"2026-01","percent":5,"note":"一月"}'

# ---- logging out ends the session ----
for role in zj sup; do
  expect "log out ($role)" 303 "$role" POST /logout --data-urlencode "csrf=$(tok "$role")"
done
expect "the old cookie no longer opens 我的任务" 303 zj GET /my
expect "nor the dashboard" 303 sup GET /admin
stop_server
