#!/bin/sh
# remind.sh -- reminders and escalation against a webhook receiver and an
# SMTP sink on 127.0.0.1 (tests/e2e/remind_sink.py), moving through the
# days with --today:
#   a late report gives exactly one DingTalk message (signed), then after
#   remind_head_days one e-mail to the unit head, then after
#   remind_office_days one WeCom message to the office and one webhook to
#   the leader; running again (also two runs at once) sends nothing new; a
#   dry run sends and records nothing and prints the message; a receiver
#   failing twice gets exactly one delivered message (retries at once, and
#   with a backoff of days on the settable clock); a dead receiver ends
#   "failed"; a cause that closes cancels its pending retry; bad
#   configuration is named by `remind --check` and does not stop the
#   other channels.
. "$(dirname "$0")/lib.sh"
D=$TOP/tests/e2e/ledger
S=$T/sink
mkdir -p "$S"
python3 "$TOP/tests/e2e/remind_sink.py" "$S" > "$S/out" 2>&1 &
SINK=$!
trap 'kill $SINK 2>/dev/null; rm -rf "$T"' EXIT
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
  [ -f "$S/ports" ] && break
  sleep 0.2
done
read HP SP < "$S/ports" || { notok "the receivers started"; cat "$S/out"; exit 1; }
H=http://127.0.0.1:$HP

export LUOSHI_DB=$T/r.db
unset LUOSHI_USER
L(){ "$LUOSHI" "$@" 2>>"$T/stderr"; }
at(){ LUOSHI_TODAY=$1; export LUOSHI_TODAY; }
# hits PATH [STATUS]: requests the receiver got on PATH (with that status)
hits(){ [ -f "$S/http.log" ] || { echo 0; return; }
  python3 - "$S/http.log" "$1" "${2:-}" <<'EOF'
import json, sys
n = 0
for l in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(l)
    if r["path"] == sys.argv[2] and (not sys.argv[3] or str(r["status"]) == sys.argv[3]): n += 1
print(n)
EOF
}
mails(){ [ -f "$S/mail.log" ] && wc -l < "$S/mail.log" | tr -d ' ' || echo 0; }
# last PATH: the body of the last request on PATH, as JSON text
last(){ python3 - "$S/http.log" "$1" <<'EOF'
import json, sys
b = None
for l in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(l)
    if r["path"] == sys.argv[2]: b = r
print(json.dumps(b, ensure_ascii=False))
EOF
}
# rem SQL: a value from the reminder table
rem(){ sqlite3 "$LUOSHI_DB" "$1"; }

# ---- a ledger with a published plan, users and channels ----
at 2026-01-20
echo adminpass1 | L init --admin admin > /dev/null
L import "$D/mini_report.txt" --region 某区 --year 2026 --extraction "$D/mini_report.json" --as admin > /dev/null
echo password-sup | L user add sup --role supervisor --as admin > /dev/null
echo password-zj | L user add zj --role unit --unit 住建局 --as admin > /dev/null
echo password-jt | L user add jt --role unit --unit 交通局 --as admin > /dev/null
echo password-yj | L user add yj --role unit --unit 应急局 --as admin > /dev/null
check "settings: base URL, SMTP server, sender" sh -c "
  '$LUOSHI' remind set remind_base_url http://luoshi.test/ --as admin &&
  '$LUOSHI' remind set remind_smtp_url smtp://127.0.0.1:$SP --as admin &&
  '$LUOSHI' remind set remind_mail_from '某区督查室 <dcs@mou.example>' --as admin &&
  '$LUOSHI' remind set remind_due_days off --as admin &&
  '$LUOSHI' remind set remind_retry_seconds 0 --as admin"
check_fail "settings need an admin" L remind set remind_head_days 5 --as sup
check_fail "a bad setting value is refused" L remind set remind_head_days soon --as admin
check "the unit's contact: a signed DingTalk robot" L channel add --unit 住建局 --role contact --kind dingtalk \
  --to "$H/dingtalk?access_token=zj" --secret SECzhujianju --name 住建局工作群 --as admin
check "the unit's head: e-mail" L channel add --unit 住建局 --role head --kind email --to head@zjj.example --name 王局长 --as admin
check "the office: a WeCom robot" L channel add --office --kind wecom --to "$H/wecom?key=office" --name 督查室群 --as admin
check "the unit's leader: a JSON webhook" L channel add --unit 住建局 --role leader --kind webhook --to "$H/hook" --as admin
check "a unit user's channel (receiver fails twice)" L channel add --user jt --kind webhook --to "$H/flaky/jt" --as admin
check_fail "channels need an admin" L channel add --office --kind webhook --to "$H/hook" --as sup
"$LUOSHI" channel add --unit 住建局 --role contact --kind sms --to 13800000000 --as admin > "$T/out" 2>&1
check_grep "an unknown channel kind is refused at once" 'unknown channel kind "sms" \(known: dingtalk, wecom, webhook, email\)' "$T/out"
"$LUOSHI" channel add --unit 住建局 --role contact --kind dingtalk --to "https://oapi.dingtalk.com/robot/send" --as admin > "$T/out" 2>&1
check_grep "a DingTalk address without its token is refused" 'no access_token=' "$T/out"
L channel list --as sup > "$T/out"
check_grep "channel list hides the robot's token" 'dingtalk http://127\.0\.0\.1:[0-9]+/dingtalk\?…  signed  住建局工作群' "$T/out"
check_nogrep "and its secret" 'SECzhujianju' "$T/out"
check_grep "a unit user's channel is its unit's contact" '交通运输局  contact webhook .*/flaky/jt  user jt' "$T/out"

at 2026-02-01
L plan publish --as sup > /dev/null
at 2026-03-05
L report 4 --period 2026-02 --value 8 --target 6 --note "完成路基8公里" --as jt > /dev/null
L report 4 --period 2026-02 --value 0 --target 7 --note "线路规划中" --as jt > /dev/null

# ---- a late report: dry run, then one DingTalk message ----
at 2026-03-11
L remind --dry-run --as sup > "$T/out" 2>&1
check_grep "dry run: says what it would send" '^would send step 1 -> 住建局 contact dingtalk 住建局工作群 \(1 item\)' "$T/out"
check_grep "dry run: prints the message" '【催办】某区住建局：任务 1\.2\.1「全力完成30个老旧小区改造.*」2026年2月进度未报送（应于2026-03-10前报送），请尽快填报。查看：http://luoshi\.test/task/2' "$T/out"
check_grep "dry run: names units nobody hears" '^note: 教育局 has no contact channel' "$T/out"
check_eq "dry run: nothing received" 0 "$(hits /dingtalk)"
check_eq "dry run: nothing recorded" 0 "$(rem 'SELECT count(*) FROM reminder')"
check_fail "the public may not run reminders" L remind
check_fail "a unit user may not run reminders" L remind --as zj
L remind --as sup > "$T/run1" 2>&1 &
P1=$!
L remind --as sup > "$T/run2" 2>&1 &
P2=$!
wait $P1; r1=$?
wait $P2; r2=$?
check_eq "two runs at once both succeed" "0 0" "$r1 $r2"
check_eq "a late report: exactly one DingTalk message" 1 "$(hits /dingtalk)"
last /dingtalk > "$T/msg"
check_grep "the robot accepted the signature" '"errcode": 0' "$T/msg"
check_grep "the signed URL has timestamp and sign" '"timestamp": "[0-9]{13}", "sign": "' "$T/msg"
check_grep "a markdown message with a title" '"msgtype": "markdown", "markdown": \{"title": "【催办】某区住建局：进度未报送"' "$T/msg"
check_grep "naming the task, the reason and a link" '任务 1\.2\.1「.*」2026年2月进度未报送（应于2026-03-10前报送），请尽快填报。\\n\\n\[查看任务\]\(http://luoshi\.test/task/2\)' "$T/msg"
check_eq "one reminder recorded, sent" "1|sent|1|report_late/2/2026-02" "$(rem "SELECT step, state, tries, cause FROM reminder")"
L remind --as sup > "$T/out"
check_grep "running again: nothing new" '^remind 2026-03-11: [0-9]+ open causes, 0 new reminders, 0 sent' "$T/out"
check_eq "running again: still one message" 1 "$(hits /dingtalk)"

# ---- escalation: the unit head after 2 days, the office and leader after 3 more ----
at 2026-03-12
L remind --as sup > /dev/null
check_eq "a day later: no e-mail yet" 0 "$(mails)"
at 2026-03-13
L remind --as sup > "$T/out"
check_grep "after remind_head_days: step 2" '^sent step 2 -> 住建局 head email 王局长 \(1 item\): SMTP 250' "$T/out"
check_eq "exactly one e-mail to the unit head" 1 "$(mails)"
python3 - "$S/mail.log" > "$T/mail" <<'EOF'
import email, json, sys
from email import policy
for l in open(sys.argv[1], encoding="utf-8"):
    m = json.loads(l)
    msg = email.message_from_string(m["data"], policy=policy.default)
    print("envelope:", m["from"], m["to"])
    print("From:", msg["From"]); print("To:", msg["To"]); print("Subject:", msg["Subject"])
    print("Type:", msg.get_content_type(), msg.get_content_charset())
    print(msg.get_content())
EOF
check_grep "envelope from the sender setting" "^envelope: <dcs@mou.example> \['<head@zjj.example>'\]" "$T/mail"
check_grep "the sender's name decodes" '^From: 某区督查室 <dcs@mou.example>' "$T/mail"
check_grep "the UTF-8 subject decodes (RFC 2047)" '^Subject: 【催办】某区住建局：进度未报送' "$T/mail"
check_grep "a text/plain UTF-8 message" '^Type: text/plain utf-8' "$T/mail"
check_grep "the body asks the head to see to it" '2026年2月进度未报送（应于2026-03-10前报送），经提醒仍未办理，请督促落实。查看：http://luoshi\.test/task/2' "$T/mail"
check_eq "still one DingTalk message" 1 "$(hits /dingtalk)"
at 2026-03-15
L remind --as sup > /dev/null
check_eq "before remind_office_days: nothing to the office" 0 "$(hits /wecom)"
at 2026-03-16
L remind --as sup > "$T/out"
check_eq "after remind_office_days: one WeCom message to the office" 1 "$(hits /wecom)"
check_eq "and one webhook to the unit's leader" 1 "$(hits /hook)"
last /wecom > "$T/msg"
check_grep "the office's message supervises (督办) the unit" '"content": "#### 【督办】以下[0-9]+项事项经提醒仍未办理，请督办.*某区住建局：任务 1\.2\.1' "$T/msg"
check_grep "the office hears of units without channels too" '某区教育局：任务 2\.1\.1' "$T/msg"
last /hook > "$T/msg"
check_grep "the JSON webhook carries the cause key" '"cause": "report_late/2/2026-02"' "$T/msg"
check_grep "and the step and recipient" '"step": 3, "recipient": \{"channel": [0-9]+, "unit": "住建局", "role": "leader"\}' "$T/msg"
L remind --as sup > /dev/null
at 2026-03-20
L remind --as sup > /dev/null
check_eq "nothing sent twice: DingTalk, e-mail, WeCom, webhook" "1 1 1 1" "$(hits /dingtalk) $(mails) $(hits /wecom) $(hits /hook)"
L remind list --as zj > "$T/out"
check_eq "a unit sees the reminders it received" 2 "$(wc -l < "$T/out" | tr -d ' ')"
check_nogrep "and not the office's" 'wecom|webhook' "$T/out"
L remind list --state sent --as sup > "$T/out"
check_grep "the office sees what was sent" ' sent +step 3 +wecom 督查室群 +tries 1 +某区住建局：任务 1\.2\.1' "$T/out"
check_fail "the public sees no reminders" L remind list
L report 2 --period 2026-02 --value 10 --note "已开工10个小区" --as zj > /dev/null

# ---- due soon; a receiver that fails twice gets one message ----
L remind set remind_due_days 3 --as admin > /dev/null
at 2026-04-07
L remind --as sup > "$T/out"
check_grep "due soon: a notice (提醒), not a chase" '【提醒】某区住建局：任务 1\.2\.1「.*」2026年3月进度应于2026-04-10前报送（还有3天），请按时填报。' "$T/out"
check_eq "the notice reached the DingTalk group" 2 "$(hits /dingtalk)"
check_eq "the flaky receiver: three requests" 3 "$(hits /flaky/jt)"
check_eq "two failed, one delivered" "2 1" "$(hits /flaky/jt 500) $(hits /flaky/jt 200)"
check_eq "recorded as sent after three tries" "sent|3|HTTP 200" \
  "$(rem "SELECT r.state, r.tries, r.result FROM reminder r JOIN channel c ON c.id=r.channel_id WHERE c.address LIKE '%flaky/jt'")"
check_grep "the run shows the failed tries" '^FAILED step 1 -> 交通运输局 contact webhook .*: HTTP 500' "$T/out"
L remind --as sup > /dev/null
check_eq "and nothing more arrives" 1 "$(hits /flaky/jt 200)"
at 2026-04-08
L report 2 --period 2026-03 --value 12 --note "完成12个" --as zj > /dev/null
L report 4 --period 2026-03 --value 14 --target 6 --note "完成路基14公里" --as jt > /dev/null
L report 4 --period 2026-03 --value 1 --target 7 --note "开通1条" --as jt > /dev/null

# ---- backoff on the settable clock: a day, then two ----
L remind set remind_retry_seconds 86400 --as admin > /dev/null
L channel add --unit 教育局 --role contact --kind webhook --to "$H/flaky/jy" --as admin > /dev/null
at 2026-04-11
L remind --as sup > "$T/out"
check_eq "try 1 fails" 1 "$(hits /flaky/jy)"
check_grep "and waits for a retry" ' 1 to retry, 0 failed' "$T/out"
L remind --as sup > /dev/null
check_eq "not retried before the wait is over" 1 "$(hits /flaky/jy)"
at 2026-04-12
L remind --as sup > /dev/null
check_eq "a day later: try 2 fails" 2 "$(hits /flaky/jy)"
at 2026-04-13
L remind --as sup > /dev/null
check_eq "the wait doubled: nothing on the next day" 2 "$(hits /flaky/jy)"
at 2026-04-14
L remind --as sup > /dev/null
check_eq "two days later: try 3 is delivered" "3 1" "$(hits /flaky/jy) $(hits /flaky/jy 200)"
check_eq "one reminder, sent after 3 tries" "sent|3" \
  "$(rem "SELECT r.state, r.tries FROM reminder r JOIN channel c ON c.id=r.channel_id WHERE c.address LIKE '%flaky/jy'")"

# ---- a dead receiver: retried, then shown as failed ----
L remind set remind_retry_seconds 0 --as admin > /dev/null
L remind set remind_retry_max 3 --as admin > /dev/null
L channel add --unit 应急局 --role contact --kind webhook --to "$H/down" --name 应急局值班 --as admin > /dev/null
L remind --as sup > "$T/out"
check_eq "a dead receiver is tried remind_retry_max times" 3 "$(hits /down)"
check_grep "the run says it failed" ' 0 to retry, 1 failed' "$T/out"
L remind list --state failed --as sup > "$T/out"
check_grep "the list shows it failed, with the answer" 'failed +step 1 +webhook 应急局值班 +tries 3 +某区应急管理局：任务 2\.4\.1.*\[HTTP 503' "$T/out"
at 2026-04-15
L remind --as sup > /dev/null
check_eq "a failed reminder is not tried again" 3 "$(hits /down)"

# ---- a pending retry is cancelled when its cause closes ----
L remind set remind_retry_seconds 86400 --as admin > /dev/null
at 2026-05-11
L remind --as sup > /dev/null
check_eq "April's late report: one failed try" 4 "$(hits /down)"
L report 6 --period 2026-04 --percent 30 --note "开展隐患排查" --as yj > /dev/null
at 2026-05-12
L remind --as sup > "$T/out"
check_grep "the report came in: the retry is cancelled" ' 1 cancelled' "$T/out"
check_eq "and not sent" 4 "$(hits /down)"
check_eq "recorded as cancelled" "cancelled|cancelled: the cause is closed" \
  "$(rem "SELECT state, result FROM reminder WHERE cause='report_late/6/2026-04'")"

# ---- bad configuration ----
at 2026-06-11
L remind set remind_retry_seconds 0 --as admin > /dev/null
L remind set remind_smtp_url smtp://127.0.0.1:1 --as admin > /dev/null
# channels as a hand edit of the file (or an older luoshi) may leave them
sqlite3 "$LUOSHI_DB" "INSERT INTO channel(unit_id, role, kind, address, name, created)
  VALUES((SELECT id FROM unit WHERE name='发改局'), 'contact', 'sms', '13800000000', '发改局短信', '2026-06-01T00:00:00');
  INSERT INTO channel(unit_id, role, kind, address, name, created)
  VALUES((SELECT id FROM unit WHERE name='省人社厅'), 'contact', 'dingtalk', 'https://oapi.dingtalk.com/robot/send', '人社厅群', '2026-06-01T00:00:00');"
L remind --check --as sup > "$T/check" 2>&1
check_eq "--check fails on bad configuration" 1 "$?"
check_grep "an unknown channel is named" '^BAD  channel [0-9]+ \(发改局 contact sms 发改局短信\): unknown channel kind "sms"' "$T/check"
check_grep "a malformed webhook URL is named" '^BAD  channel [0-9]+ \(省人社厅 contact dingtalk 人社厅群\): dingtalk URL .* is malformed: it has no access_token=' "$T/check"
check_grep "an unreachable SMTP host is named" '^BAD  channel [0-9]+ \(住建局 head email 王局长\): unreachable: .*\(remind_smtp_url\)' "$T/check"
check_grep "the other channels are still checked" '^ok   channel [0-9]+ \(住建局 contact dingtalk 住建局工作群\): reachable' "$T/check"
check_grep "the office's robot too" '^ok   channel [0-9]+ \(office wecom 督查室群\): reachable' "$T/check"
check_grep "a count at the end" '^[0-9]+ checked, 3 bad$' "$T/check"
n0=$(hits /dingtalk)
L remind --as sup > "$T/out" 2>&1
check_eq "a run with bad channels still succeeds" 0 "$?"
check_eq "the good channel still gets its message" $((n0 + 1)) "$(hits /dingtalk)"
check_eq "the unknown channel fails at once, saying why" "failed|1|unknown channel kind \"sms\" (known: dingtalk, wecom, webhook, email)" \
  "$(rem "SELECT r.state, r.tries, r.result FROM reminder r JOIN channel c ON c.id=r.channel_id WHERE c.kind='sms'")"
check_grep "the malformed URL fails at once" '^FAILED step 1 -> 省人社厅 contact dingtalk 人社厅群 \(1 item\): dingtalk URL .* no access_token=' "$T/out"
at 2026-06-13
L remind --as sup > "$T/out" 2>&1
check_grep "the unreachable SMTP server: the e-mail fails, recorded" '^FAILED step 2 -> 住建局 head email 王局长 \(1 item\): ' "$T/out"
check_eq "the e-mail was tried remind_retry_max times" "failed|3" \
  "$(rem "SELECT state, tries FROM reminder WHERE cause='report_late/2/2026-05' AND step=2")"

# ---- configuration changes are audited ----
L log --as admin > "$T/log"
check_grep "channel.add is in the audit log" 'admin +channel\.add channel' "$T/log"
check_grep "setting.set is in the audit log" 'admin +setting\.set setting' "$T/log"
check_nogrep "the audit log holds no robot secret" 'SECzhujianju|access_token=zj' "$T/log"
check "the audit chain verifies" L verify --as admin
check "a channel is removed" L channel rm 1 --as admin
check_fail "and not twice" L channel rm 1 --as admin
L channel list --all --as admin > "$T/out"
check_grep "a removed channel stays listed with --all" '\(removed\)' "$T/out"
check_nogrep "no sanitizer report on the way" 'Sanitizer|runtime error' "$T/stderr"
