#!/bin/sh
# ledger_rules.sh -- the ledger's rules on a small hand-made report whose
# numbers are easy to check: assignment from the text and from keywords,
# review edits remembering the machine's proposal, monthly reports by two
# units, a return and a resubmission, every colour with its exact reason,
# --as-of history, close, log, verify, backup, and tampering found by
# verify.  The report is tests/e2e/ledger/mini_report.txt, imported with its
# hand-made extraction mini_report.json (--extraction).  ledger_year.sh runs
# a year on examples/sample.txt through the real extractor.
. "$(dirname "$0")/lib.sh"
D=$TOP/tests/e2e/ledger
export LUOSHI_DB=$T/rules.db
unset LUOSHI_USER
at(){ LUOSHI_TODAY=$1; export LUOSHI_TODAY; }
L(){ "$LUOSHI" "$@"; }
# st DATE: the status (as the supervisor) on DATE into $T/st
st(){ LUOSHI_TODAY=$1 "$LUOSHI" status --as sup > "$T/st" 2>&1; }

at 2026-01-20
check "init creates the ledger" sh -c "echo adminpass1 | '$LUOSHI' init --admin admin"
check "import the report" L import "$D/mini_report.txt" --region 某区 --year 2026 --extraction "$D/mini_report.json" --as admin
L task list --as admin > "$T/list"
check_eq "six tasks imported" 6 "$(wc -l < "$T/list" | tr -d ' ')"
check_grep "numbers follow the outline" '^2 +1\.2\.1 ' "$T/list"
L task show 1.2.1 --as admin > "$T/show"
check_grep "a unit named in the text leads" '^lead: 住建局' "$T/show"
check_grep "co units from the text (nested brackets kept)" '^co: 财政局、各镇（街道）' "$T/show"
check_grep "the source sentence marks target and deadline" '【30个】老旧小区改造，〔6月底前〕' "$T/show"
L task show 2.1.1 --as admin > "$T/show"
check_grep "keywords suggest the lead" '^lead: 教育局' "$T/show"
check_grep "suggestion says where it came from" '^units from: keywords' "$T/show"
L task show 2.3.1 --as admin > "$T/show"
check_grep "an upper unit named in the text wins" '^lead: 省人社厅' "$T/show"

for u in "sup supervisor" "boss leader"; do
  set -- $u
  echo "password-$1" | L user add "$1" --role "$2" --as admin > /dev/null
done
echo "password-zj" | L user add zj --role unit --unit 住建局 --as admin > /dev/null
check "a unit user by an alias of the unit" sh -c "echo password-jt | '$LUOSHI' user add jt --role unit --unit 区交通运输局 --as admin"

# review of the decomposition by the supervision office
check "edit: lead and co units" L task edit 2.3.1 --lead 人社局 --co 财政局 --as sup
check "edit: deadline" L task edit 1.1.1 --deadline 2026-11-30 --as sup
L task show 2.3.1 --as sup > "$T/show"
check_grep "edited lead shown" '^lead: 人社局' "$T/show"
check_grep "the task remembers the suggestion" 'suggested: 省人社厅' "$T/show"
L task show 1.1.1 --as sup > "$T/show"
check_grep "the task remembers the extracted deadline" 'extracted: 2026-12-31' "$T/show"
check "a target added by hand" L target add 2.4.1 --value 0 --cmp "<=" --unit 起 --subject 较大以上事故 --as sup
check_fail "a unit may not report on a draft" L report 2 --period 2026-01 --percent 5 --note x --as zj

at 2026-02-01
check "publish" L plan publish --as sup
st 2026-02-01
check_grep "nothing due yet: green" '^  2 +1\.2\.1 +green +尚无进展报告' "$T/st"

# February: both units report
at 2026-03-05
check "zj reports February" L report 2 --period 2026-02 --value 10 --note "已开工10个小区" --as zj
check "jt reports February (road)" L report 4 --period 2026-02 --value 8 --target 6 --note "完成路基8公里" --as jt
check "jt reports February (bus lines)" L report 4 --period 2026-02 --value 0 --target 7 --note "线路规划中" --as jt
at 2026-03-06
for r in 1 2 3; do L review $r --accept --as sup > /dev/null; done
st 2026-03-06
check_grep "task 2 on track" '^  2 +1\.2\.1 +green +实际进度33%，序时进度36%（截至2026-03-06）' "$T/st"
check_grep "task 4 averages its targets" '^  4 +2\.2\.1 +green +实际进度10%' "$T/st"

# March: jt reports, is returned once and resubmits; zj is late
at 2026-04-08
L report 4 --period 2026-03 --value 14 --target 6 --note "完成路基14公里" --as jt > /dev/null
L report 4 --period 2026-03 --value 1 --target 7 --note "开通1条" --as jt > /dev/null
at 2026-04-09
check "return a report" L review 4 --return "缺少佐证材料" --as sup
check "accept the other" L review 5 --accept --as sup
st 2026-04-12
check_grep "a late report is named in the reason" '^  2 +1\.2\.1 +yellow +.*2026-03期进展未报送（应于2026-04-10前报送）' "$T/st"
check_grep "a returned report not filed again is yellow" '^  4 +2\.2\.1 +yellow +.*2026-03期进展被退回' "$T/st"
at 2026-04-13
printf '\377\330\377\340照片' > "$T/road.jpg"
check "resubmit with evidence" L report 4 --period 2026-03 --value 14 --target 6 --note "完成路基14公里，附照片" --evidence "$T/road.jpg" --as jt
at 2026-04-14
check "accept the resubmission" L review 6 --accept --as sup
at 2026-04-15
L report 2 --period 2026-03 --value 12 --note "完成12个" --as zj > /dev/null
L review 7 --accept --as sup > /dev/null
st 2026-04-15
check_grep "behind: yellow with actual vs expected" '^  2 +1\.2\.1 +yellow +实际进度40%，序时进度58%（截至2026-04-15），落后18个百分点' "$T/st"
check_grep "resubmitted and accepted: green" '^  4 +2\.2\.1 +green +实际进度43%' "$T/st"

# April: no progress for task 2 -> far behind
at 2026-05-08
L report 2 --period 2026-04 --value 12 --note "进展缓慢" --as zj > /dev/null
L report 4 --period 2026-04 --value 18 --target 6 --note "完成路基18公里" --as jt > /dev/null
L report 4 --period 2026-04 --value 1 --target 7 --note "开通1条" --as jt > /dev/null
at 2026-05-09
for r in 8 9 10; do L review $r --accept --as sup > /dev/null; done
st 2026-05-20
check_grep "far behind: red" '^  2 +1\.2\.1 +red +实际进度40%，序时进度77%（截至2026-05-20），落后37个百分点' "$T/st"
L status --json --as-of 2026-05-20 --as sup > "$T/st.json"
check_grep "status --json carries the English reason" '"reason_en": "40% vs 77% expected by 2026-05-20"' "$T/st.json"

# May: task 2 catches up and is closed
at 2026-06-05
L report 2 --period 2026-05 --value 30 --note "30个小区全部完成" --as zj > /dev/null
at 2026-06-06
L review 11 --accept --as sup > /dev/null
st 2026-06-06
check_grep "target met: green" '^  2 +1\.2\.1 +green +实际进度100%' "$T/st"
check_fail "a unit may not close" L close 2 --as zj
at 2026-06-20
check "close with the target met" L close 2 --as sup
st 2026-06-20
check_grep "closed: done" '^  2 +1\.2\.1 +done +已于2026-06-20销号' "$T/st"

# the rest of the year
st 2026-07-15
check_grep "a missing June report is named" '^  4 +2\.2\.1 +yellow +.*2026-06期进展未报送' "$T/st"
st 2026-10-01
check_grep "deadline passed: red" '^  3 +2\.1\.1 +red +已超过完成时限2026-09-30' "$T/st"
check_grep "counts by colour for the plan" '^total 6 tasks: .*done 1' "$T/st"
check_grep "counts per part" '^  2 +4 tasks: .*办好民生实事' "$T/st"
check_grep "counts per section" '^  1\.2 +1 tasks: .*改善城市面貌' "$T/st"
check_grep "counts per unit" '^  住建局 +1 tasks: ' "$T/st"

# history: as it stood on past dates, from the stored times
at 2026-10-01
L status --as-of 2026-05-20 --as sup > "$T/asof"
check_grep "--as-of shows the past red" '^  2 +1\.2\.1 +red +实际进度40%，序时进度77%（截至2026-05-20）' "$T/asof"
L status --as-of 2026-04-12 --as sup > "$T/asof"
check_grep "--as-of shows the return before the resubmission was accepted" '^  4 +2\.2\.1 +yellow +.*被退回' "$T/asof"
L task list --status done --as sup > "$T/list"
check_eq "task list --status done" 1 "$(wc -l < "$T/list" | tr -d ' ')"
L task list --unit 住建局 --as sup > "$T/list"
check_grep "task list --unit" '^2 ' "$T/list"
L task list --node 2.2 --as sup > "$T/list"
check_eq "task list --node" 1 "$(wc -l < "$T/list" | tr -d ' ')"

# the audit log
L log 4 --as sup > "$T/log"
check_grep "log of a task shows the return" 'sup  report.return report 4 \(task 4\)' "$T/log"
check_grep "the log keeps before and after" 'after:  \{"state":"returned","comment":"缺少佐证材料"\}' "$T/log"
check "verify passes" L verify --as boss
check "backup" L backup "$T/copy.db" --as sup
check "the backup verifies" env LUOSHI_DB="$T/copy.db" "$LUOSHI" verify --as admin

# tamper with the file behind luoshi's back
id=$(sqlite3 "$LUOSHI_DB" "SELECT id FROM event WHERE action='report.return'")
sqlite3 "$LUOSHI_DB" "DROP TRIGGER event_no_update; UPDATE event SET after=replace(after,'缺少佐证材料','材料齐全') WHERE id=$id"
L verify --as admin > "$T/verify" 2>&1
check_eq "verify fails after tampering" 1 "$?"
check_grep "verify names the altered entry" "broken at entry $id: entry $id was altered" "$T/verify"
