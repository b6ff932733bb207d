#!/bin/sh
# web_people.sh -- 账号与单位 (/admin/people), 修改密码 (/my/password) and
# `luoshi user passwd`: adding an account and logging in as it, resetting
# and changing passwords (the old one stops working, the new one works,
# the account's other sessions end), the unit catalogue's forms, and every
# bad form answered with its Chinese message and nothing stored (the
# whole database dump is the same before and after).
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/e2e/web/setup.sh"
start_server
login_all

dump(){ sqlite3 "$LUOSHI_DB" .dump | md5sum; }
# bad_post DESC WANT-STATUS PATTERN ROLE PATH FIELD=VALUE...: the post is
# refused with WANT-STATUS, the page says PATTERN, the ledger is unchanged
bad_post(){
  d=$1; want=$2; pat=$3; shift 3
  before=$(dump)
  got=$(post "$@")
  if [ "$got" != "$want" ]; then notok "$d (status)"; echo "#  want $want, got $got"; head -c 400 "$T/body" | sed 's/^/# /'; echo; return; fi
  if ! grep -Eq -- "$pat" "$T/body"; then notok "$d (message)"; echo "#  want: $pat"; grep -o 'class=err[^<]*<' "$T/body" | sed 's/^/# /'; return; fi
  if [ "$(dump)" != "$before" ]; then notok "$d (the ledger changed)"; return; fi
  ok "$d"
}
# try_login LOGIN PASSWORD: the status of a login with a fresh cookie jar
# (303 in, 401 refused)
try_login(){
  rm -f "$T/jar.try"
  curl -s -c "$T/jar.try" -b "$T/jar.try" -o "$T/login.html" "$B/login"
  curl -s -c "$T/jar.try" -b "$T/jar.try" -o /dev/null -w '%{http_code}' \
       --data-urlencode "csrf=$(csrf_of "$T/login.html")" --data-urlencode "login=$1" \
       --data-urlencode "password=$2" "$B/login"
}
L(){ "$LUOSHI" "$@"; }
jy=$(L unit list --as admin | awk '$2=="教育局"{print $1}')
check "教育局 is in the catalogue" test -n "$jy"

# ---- the page ----
expect "the admin opens 账号与单位" 200 admin GET /admin/people
cp "$T/body" "$T/people.admin"
check_grep "with the accounts: login, role in Chinese, unit" '<td>zj</td><td>责任单位</td><td>住建局</td>' "$T/people.admin"
check_grep "the supervisor's role in Chinese" '<td>sup</td><td>督查室</td><td>—</td>' "$T/people.admin"
check_grep "a reset form per other account" 'action=/admin/people/password>.*name=login value="zj"' "$T/people.admin"
check_nogrep "but not for the admin's own (that is /my/password)" 'name=login value="admin"' "$T/people.admin"
check_grep "the add form has a role select and a unit select" '<select id=role name=role>.*<select id=unit name=unit>' "$T/people.admin"
check_grep "the units with aliases and keywords" "<tr id=\"u$jy\"><td>教育局</td><td>部门</td>.*name=aliases[^>]*value=\"区教育局,教育和体育局" "$T/people.admin"
check_grep "every form carries the form token" 'action=/admin/people/unit><input type=hidden name=csrf value="[^"]{43}"' "$T/people.admin"
check_grep "the nav names the page" '<b>账号与单位</b>' "$T/people.admin"
expect "the supervisor opens it too" 200 sup GET /admin/people
check_grep "and reads the units" '<td>教育局</td><td>部门</td><td>区教育局' "$T/body"
check_grep "but not the accounts" '账号由系统管理员维护' "$T/body"
check_nogrep "and no form to change anything" 'action=/admin/people/' "$T/body"
expect "the dashboard links to the page and to 修改密码" 200 sup GET /admin
check_grep "(账号与单位)" 'href="/admin/people">账号与单位' "$T/body"
check_grep "(修改密码)" 'href="/my/password">修改密码' "$T/body"
expect "a unit's workspace links to 修改密码" 200 zj GET /my
check_grep "(/my)" 'href=/my/password>修改密码' "$T/body"

# ---- adding an account ----
bad_post "a short password" 400 '密码太短：至少需要8个字符' admin /admin/people/user \
  login=jy role=unit unit="$jy" password=short password2=short
check_grep "the form keeps what was typed" 'name=login required maxlength=64 autocomplete=off value="jy"' "$T/body"
check_grep "and the unit chosen" "<option value=\"$jy\" selected>教育局" "$T/body"
check_nogrep "but never the password" 'value="short"' "$T/body"
bad_post "mismatched passwords" 400 '两次输入的新密码不一致' admin /admin/people/user \
  login=jy role=unit unit="$jy" password=password-jy password2=password-yj
bad_post "an unknown unit" 400 '没有这个单位：99999' admin /admin/people/user \
  login=jy role=unit unit=99999 password=password-jy password2=password-jy
bad_post "a unit account without a unit" 400 '责任单位账号需要选择所属单位' admin /admin/people/user \
  login=jy role=unit unit= password=password-jy password2=password-jy
bad_post "a supervisor with a unit" 400 '只有责任单位账号属于某个单位' admin /admin/people/user \
  login=jy2 role=supervisor unit="$jy" password=password-jy password2=password-jy
bad_post "a duplicate login" 409 '登录名 zj 已被使用' admin /admin/people/user \
  login=zj role=unit unit="$jy" password=password-jy password2=password-jy
bad_post "a login with a space" 400 '登录名无效' admin /admin/people/user \
  "login=j y" role=unit unit="$jy" password=password-jy password2=password-jy
bad_post "no role" 400 '请选择角色' admin /admin/people/user \
  login=jy role=boss unit= password=password-jy password2=password-jy
bad_post "the supervisor may not add accounts" 403 '只有系统管理员可以新增账号' sup /admin/people/user \
  login=jy role=unit unit="$jy" password=password-jy password2=password-jy
bad_post "nor may a unit" 403 '无权操作' zj /admin/people/user \
  login=jy role=unit unit="$jy" password=password-jy password2=password-jy
check_eq "jy cannot log in before it exists" 401 "$(try_login jy password-jy)"
expect "the admin adds jy for 教育局" 303 admin POST /admin/people/user --data-urlencode "csrf=$(tok admin)" \
  --data-urlencode login=jy --data-urlencode role=unit --data-urlencode "unit=$jy" \
  --data-urlencode password=password-jy --data-urlencode password2=password-jy
check_grep "back on the page with a message" '^Location: /admin/people\?msg=[^#]+#users' "$T/head"
check_eq "jy logs in" 303 "$(try_login jy password-jy)"
login jy jy password-jy
expect "and opens 教育局's workspace" 200 jy GET /my
check_grep "(教育局)" '我的任务 · 教育局' "$T/body"
check_eq "the ledger has jy as a unit user of 教育局" "jy  unit  教育局" "$(L user list --as admin | grep '^jy ')"
expect "a leader added through the form" 303 admin POST /admin/people/user --data-urlencode "csrf=$(tok admin)" \
  --data-urlencode login=boss2 --data-urlencode role=leader --data-urlencode unit= \
  --data-urlencode password=password-boss2 --data-urlencode password2=password-boss2
check_eq "logs in" 303 "$(try_login boss2 password-boss2)"

# ---- resetting a password (admin) ----
login zj2 zj password-zj          # a second session of zj, on another "device"
expect "zj's second session works" 200 zj2 GET /my
bad_post "a reset with a short password" 400 '密码太短' admin /admin/people/password login=zj password=1234567 password2=1234567
bad_post "a reset with mismatched passwords" 400 '两次输入的新密码不一致' admin /admin/people/password \
  login=zj password=new-password-zj password2=new-password-jz
bad_post "a reset of an unknown account" 404 '没有账号 nobody' admin /admin/people/password \
  login=nobody password=new-password-x password2=new-password-x
bad_post "a reset of one's own password here" 400 '自己的密码请在“修改密码”页面修改' admin /admin/people/password \
  login=admin password=new-password-a password2=new-password-a
bad_post "the supervisor may not reset a password" 403 '只有系统管理员可以重置他人的密码' sup /admin/people/password \
  login=zj password=new-password-zj password2=new-password-zj
bad_post "nor may a unit reset another's" 403 '无权操作' jt /admin/people/password \
  login=zj password=new-password-zj password2=new-password-zj
expect "the admin resets zj's password" 303 admin POST /admin/people/password --data-urlencode "csrf=$(tok admin)" \
  --data-urlencode login=zj --data-urlencode password=new-password-zj --data-urlencode password2=new-password-zj
check_eq "the old password no longer works" 401 "$(try_login zj password-zj)"
check_eq "the new one does" 303 "$(try_login zj new-password-zj)"
expect "zj's sessions ended with the reset" 303 zj GET /my
expect "(both of them)" 303 zj2 GET /my
expect "the admin's own session goes on" 200 admin GET /admin/people

# ---- changing one's own password ----
expect "the public is sent to log in" 303 public GET /my/password
check_grep "(to /login)" '^Location: /login\?next=%2Fmy%2Fpassword' "$T/head"
expect "anyone logged in opens 修改密码" 200 boss GET /my/password
check_grep "with the old password and the new one twice" 'name=old type=password.*name=password type=password.*name=password2' "$T/body"
login jt2 jt password-jt          # a second session of jt
bad_post "a wrong old password" 400 '原密码不正确' jt /my/password old=password-xx password=new-password-jt password2=new-password-jt
bad_post "no old password" 400 '请填写原密码' jt /my/password old= password=new-password-jt password2=new-password-jt
bad_post "a short new password" 400 '密码太短' jt /my/password old=password-jt password=jt-1234 password2=jt-1234
bad_post "mismatched new passwords" 400 '两次输入的新密码不一致' jt /my/password old=password-jt password=new-password-jt password2=new-password-tj
bad_post "the same password again" 400 '新密码与原密码相同' jt /my/password old=password-jt password=password-jt password2=password-jt
expect "the public may not post it" 303 anon POST /my/password --data-urlencode "csrf=$(tok anon)" \
  --data-urlencode old=password-jt --data-urlencode password=new-password-jt --data-urlencode password2=new-password-jt
expect "nor without the form token" 403 jt POST /my/password \
  --data-urlencode old=password-jt --data-urlencode password=new-password-jt --data-urlencode password2=new-password-jt
expect "jt changes its password" 303 jt POST /my/password -c "$T/jar.jt" --data-urlencode "csrf=$(tok jt)" \
  --data-urlencode old=password-jt --data-urlencode password=new-password-jt --data-urlencode password2=new-password-jt
check_grep "and goes back to its workspace with a message" '^Location: /my\?msg=' "$T/head"
expect "this browser stays logged in (a new session)" 200 jt GET /my
expect "the other session of jt has ended" 303 jt2 GET /my
check_eq "jt's old password no longer works" 401 "$(try_login jt password-jt)"
check_eq "the new one does" 303 "$(try_login jt new-password-jt)"
login sup sup password-sup
expect "the supervisor changes its own password" 303 sup POST /my/password -c "$T/jar.sup" --data-urlencode "csrf=$(tok sup)" \
  --data-urlencode old=password-sup --data-urlencode password=new-password-sup --data-urlencode password2=new-password-sup
check_eq "and logs in with the new one" 303 "$(try_login sup new-password-sup)"
login sup sup new-password-sup

# ---- the unit catalogue ----
bad_post "a unit without a name" 400 '请填写单位名称' admin /admin/people/unit name= kind=department aliases= keywords=
bad_post "a unit of no known kind" 400 '请选择单位类型' admin /admin/people/unit name=档案馆 kind=museum aliases= keywords=
bad_post "a unit named as another's alias" 409 '已有单位“教育局”' admin /admin/people/unit name=教体局 kind=department aliases= keywords=
check_grep "the add form keeps what was typed" 'id=uname name=name required value="教体局"' "$T/body"
bad_post "the supervisor may not add units" 403 '只有系统管理员可以新增单位' sup /admin/people/unit name=档案馆 kind=department aliases= keywords=
expect "the admin adds 档案馆" 303 admin POST /admin/people/unit --data-urlencode "csrf=$(tok admin)" \
  --data-urlencode name=档案馆 --data-urlencode kind=department --data-urlencode "aliases=区档案馆，档案局" \
  --data-urlencode "keywords=档案、史志"
da=$(L unit list --as admin | awk '$2=="档案馆"{print $1}')
check "it is in the catalogue" test -n "$da"
check_grep "back at its row" "^Location: /admin/people\\?msg=[^#]+#u$da" "$T/head"
check_eq "with its aliases and keywords" "$da  档案馆  department  aliases: 区档案馆，档案局  keywords: 档案、史志" \
  "$(L unit list --as admin | grep "^$da ")"
check "and its alias finds it" sh -c "echo password-da | '$LUOSHI' user add da --role unit --unit 档案局 --as admin"
bad_post "changing an unknown unit" 404 '没有这个单位' admin /admin/people/unit/99999 aliases=x keywords=y
bad_post "the supervisor may not change units" 403 '只有系统管理员可以修改单位' sup "/admin/people/unit/$jy" aliases=x keywords=y
expect "the admin changes 教育局's keywords" 303 admin POST "/admin/people/unit/$jy" --data-urlencode "csrf=$(tok admin)" \
  --data-urlencode "aliases=区教育局,教体局" --data-urlencode "keywords=学校,托育,双减"
check_eq "the ledger has them" "$jy  教育局  department  aliases: 区教育局,教体局  keywords: 学校,托育,双减" \
  "$(L unit list --as admin | grep "^$jy ")"
expect "the page shows them" 200 admin GET /admin/people
check_grep "(keywords)" 'name=keywords[^>]*value="学校,托育,双减"' "$T/body"
expect "a unit named with markup" 303 admin POST /admin/people/unit --data-urlencode "csrf=$(tok admin)" \
  --data-urlencode 'name=<b>新区</b>' --data-urlencode kind=other --data-urlencode aliases= --data-urlencode keywords=
expect "is shown" 200 admin GET /admin/people
check_grep "escaped" '<td>&lt;b&gt;新区&lt;/b&gt;</td>' "$T/body"
check_nogrep "never as markup" '<b>新区</b>' "$T/body"

# ---- the CLI: luoshi user passwd ----
clibad(){
  d=$1; pat=$2; shift 2
  before=$(dump)
  if sh -c "$*" > "$T/out" 2>&1; then notok "$d (it succeeded)"; sed 's/^/# /' "$T/out"; return; fi
  if ! grep -Eq -- "$pat" "$T/out"; then notok "$d (message)"; echo "#  want: $pat"; sed 's/^/# /' "$T/out"; return; fi
  if [ "$(dump)" != "$before" ]; then notok "$d (the ledger changed)"; return; fi
  ok "$d"
}
X=$LUOSHI
clibad "user passwd: a short password" 'at least 8 characters' "echo short | '$X' user passwd zj --as admin"
clibad "user passwd: no password" 'at least 8 characters' "'$X' user passwd zj --as admin < /dev/null"
clibad "user passwd: an unknown user" 'no user nobody' "echo password-nobody | '$X' user passwd nobody --as admin"
clibad "user passwd: another's, as a supervisor" 'sup \(supervisor\) may change only their own password' \
  "echo cli-password-zj | '$X' user passwd zj --as sup"
clibad "user passwd: another's, as a unit" 'may change only their own password' "echo cli-password-zj | '$X' user passwd zj --as jt"
clibad "user passwd: an unknown user, as a unit, says no more than forbidden" 'may change only their own password' \
  "echo cli-password-x | '$X' user passwd nobody --as jt"
clibad "user passwd: as the public" 'the public may not change a password' "echo cli-password-zj | '$X' user passwd zj"
clibad "user passwd: a usage error" 'Usage: luoshi user' "echo cli-password-zj | '$X' user passwd --as admin"
login zj zj new-password-zj
expect "zj has a session before the CLI reset" 200 zj GET /my
expect "a unit user may not open 账号与单位 (403)" 403 zj GET /admin/people
expect "GET of a form's address is refused (405)" 405 admin GET /admin/people/user
check "user passwd: the admin resets zj's" sh -c "echo cli-password-zj | '$X' user passwd zj --as admin"
check_grep "it says so" 'changed the password of zj' "$T/.out"
check_eq "the old password no longer works" 401 "$(try_login zj new-password-zj)"
check_eq "the new one does" 303 "$(try_login zj cli-password-zj)"
expect "and zj's session has ended" 303 zj GET /my
check "user passwd: zj changes its own" sh -c "echo own-password-zj | '$X' user passwd zj --as zj"
check_eq "which works" 303 "$(try_login zj own-password-zj)"

# ---- the audit log ----
# one line per entry: "N TIME ACTOR ACTION TYPE ID before: ... after: ..."
L log --as admin | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n    / /g' > "$T/log"
check_grep "a reset is in the audit log" 'user.password.*"login":"zj","by":"admin"' "$T/log"
check_grep "and a change of one's own" 'user.password.*"login":"jt","by":"self"' "$T/log"
check_grep "the account added through the page" 'user.add.*"login":"jy","role":"unit","unit":"教育局"' "$T/log"
check_grep "the unit added through the page" 'unit.add.*"name":"档案馆"' "$T/log"
check_nogrep "no password in the log" 'new-password|cli-password|own-password|password-jy' "$T/log"
check_nogrep "nor any hash" 'argon2' "$T/log"
check "the chain still verifies" "$LUOSHI" verify --as admin
stop_server
