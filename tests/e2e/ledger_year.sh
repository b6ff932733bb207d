#!/bin/sh
# ledger_year.sh -- the whole year on the sample report (examples/sample.txt)
# through the real extractor: import, assignment, publish, reports over
# several months by two units, a return and a resubmission, statuses
# changing colour with the right reasons, a close, the export, verify
# passing; then the database file is altered with the sqlite3 shell and
# verify fails naming the entry.  Tasks are found by their place in the
# outline or their text, not by id, so that the test survives changes of
# the extractor elsewhere in the report.
. "$(dirname "$0")/lib.sh"
export LUOSHI_DB=$T/year.db
unset LUOSHI_USER
at(){ LUOSHI_TODAY=$1; export LUOSHI_TODAY; }
L(){ "$LUOSHI" "$@"; }
# line TASK FILE: the line of task id TASK in a status listing
line(){ grep -E "^  $1 " "$2"; }
st(){ LUOSHI_TODAY=$1 "$LUOSHI" status --as sup > "$T/st" 2>&1; }

at 2026-01-20
check "init" sh -c "echo adminpass1 | '$LUOSHI' init"
check "import the sample through the extractor" L import "$TOP/examples/sample.txt" --region 临江区 --year 2026 --as admin
L task list --as admin > "$T/list"
n=$(wc -l < "$T/list" | tr -d ' ')
if [ "$n" -gt 100 ]; then ok "the sample has many tasks ($n)"; else notok "the sample has many tasks ($n)"; fi
check_fail "importing it again is refused" L import "$TOP/examples/sample.txt" --region 临江区 --year 2026 --as admin

OLD=$(L task list --node A5 --as admin | awk 'NR==1{print $1}')     # 改造老旧小区35个… (牵头单位：区住建局)
CLINIC=$(L task list --node A3 --as admin | awk 'NR==1{print $1}')  # 完成村卫生室标准化改造15个
MALL=$(grep '万象里商业街区' "$T/list" | awk 'NR==1{print $1}')     # …上半年开街运营
L task show "$OLD" --as admin > "$T/show"
check_grep "the annex's 牵头单位 leads" '^lead: 住建局' "$T/show"
check_grep "targets marked in the source sentence" '改造老旧小区【35个】' "$T/show"
L task show "$CLINIC" --as admin > "$T/show"
check_grep "one target" '^target [0-9]+: 15个' "$T/show"
L task show "$MALL" --as admin > "$T/show"
check_grep "deadline from 上半年" '^deadline: 2026-06-30 \(上半年\)' "$T/show"

echo password-sup | L user add sup --role supervisor --as admin > /dev/null
echo password-zj | L user add zj --role unit --unit 住建局 --as admin > /dev/null
echo password-wj | L user add wj --role unit --unit 卫健局 --as admin > /dev/null
check "assign: lead and co units" L task edit "$MALL" --lead 商务局 --co 文旅局,城管局 --as sup
at 2026-02-01
check "publish" L plan publish --as sup

at 2026-03-05
check "住建局 reports February" L report "$OLD" --period 2026-02 --percent 10 --note "已开工改造小区8个" --as zj
check "卫健局 reports February" L report "$CLINIC" --period 2026-02 --value 2 --note "完成2个村卫生室改造" --as wj
check_fail "住建局 may not report on 卫健局's task" L report "$CLINIC" --period 2026-02 --value 3 --note x --as zj
at 2026-03-06
L reports --pending --as sup > "$T/pending"
check_eq "two reports wait for review" 2 "$(wc -l < "$T/pending" | tr -d ' ')"
for r in $(awk '{print $1}' "$T/pending"); do L review "$r" --accept --as sup > /dev/null; done
st 2026-03-06
check_grep "green: 13% vs 18%" "^  $CLINIC +A3\.1 +green +实际进度13%，序时进度18%（截至2026-03-06）" "$T/st"

at 2026-04-08
L report "$CLINIC" --period 2026-03 --value 5 --note "完成5个" --as wj > /dev/null
at 2026-04-09
R=$(L reports "$CLINIC" --pending --as sup | awk 'NR==1{print $1}')
check "return a report" L review "$R" --return "请附验收照片" --as sup
st 2026-04-12
check_grep "yellow: March report not filed" "^  $OLD +A5\.1 +yellow +.*2026-03期进展未报送（应于2026-04-10前报送）" "$T/st"
check_grep "yellow: a report returned and not filed again" "^  $CLINIC +A3\.1 +yellow +.*2026-03期进展被退回" "$T/st"
at 2026-04-13
printf '\377\330\377\340验收照片' > "$T/photo.jpg"
check "resubmit with evidence" L report "$CLINIC" --period 2026-03 --value 5 --note "完成5个，附验收照片" --evidence "$T/photo.jpg" --as wj
at 2026-04-14
R=$(L reports "$CLINIC" --pending --as sup | awk 'NR==1{print $1}')
check "accept the resubmission" L review "$R" --accept --as sup
at 2026-04-15
L report "$OLD" --period 2026-03 --percent 25 --note "完成改造小区9个" --as zj > /dev/null
R=$(L reports "$OLD" --pending --as sup | awk 'NR==1{print $1}')
L review "$R" --accept --as sup > /dev/null
st 2026-04-15
check_grep "back to green after the resubmission" "^  $CLINIC +A3\.1 +green +实际进度33%" "$T/st"
check_grep "back to green after the late report" "^  $OLD +A5\.1 +green +实际进度25%，序时进度29%" "$T/st"

at 2026-06-05
L report "$CLINIC" --period 2026-05 --value 15 --note "15个村卫生室全部完成" --as wj > /dev/null
at 2026-06-06
R=$(L reports "$CLINIC" --pending --as sup | awk 'NR==1{print $1}')
L review "$R" --accept --as sup > /dev/null
at 2026-06-20
check "close (销号) with the target met" L close "$CLINIC" --as sup
st 2026-07-01
check_grep "done" "^  $CLINIC +A3\.1 +done +已于2026-06-20销号" "$T/st"
check_grep "red: deadline passed" "^  $MALL +[0-9.]+ +red +已超过完成时限2026-06-30" "$T/st"
st 2026-09-01
check_grep "red: far behind" "^  $OLD +A5\.1 +red +实际进度25%，序时进度67%（截至2026-09-01）" "$T/st"

at 2026-12-31
check "export XLSX" L export --xlsx "$T/table.xlsx" --as sup
unzip -p "$T/table.xlsx" xl/workbook.xml > "$T/wb.xml"
check_grep "one sheet per part" '<sheet name="二、2026年工作安排"' "$T/wb.xml"
check_grep "the annex has its sheet" '<sheet name="2026年临江区十件民生实事"' "$T/wb.xml"
unzip -p "$T/table.xlsx" xl/worksheets/sheet1.xml > "$T/s1.xml"
check_grep "header frozen" '<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>' "$T/s1.xml"
check_grep "A4 landscape" '<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>' "$T/s1.xml"
unzip -p "$T/table.xlsx" xl/sharedStrings.xml > "$T/ss.xml"
check_grep "the header row" '<t>重点任务</t>.*<t>量化目标</t>.*<t>牵头单位</t>' "$T/ss.xml"
check_grep "a status with its reason" '已于2026-06-20销号' "$T/ss.xml"
check "export CSV" L export --csv "$T/table.csv" --as sup
check_grep "CSV row of the closed task" "^2026年临江区十件民生实事,A3\.1,完成村卫生室标准化改造15个" "$T/table.csv"
check "export JSON" L export --json "$T/table.json" --as sup
check_eq "JSON: every task once" "$n" "$(jq '[.parts[].rows[]] | length' "$T/table.json")"

check "verify passes" L verify --as sup
id=$(sqlite3 "$LUOSHI_DB" "SELECT id FROM event WHERE action='report.return'")
sqlite3 "$LUOSHI_DB" "DROP TRIGGER event_no_update; UPDATE event SET after=replace(after,'请附验收照片','同意') WHERE id=$id"
L verify --as sup > "$T/verify" 2>&1
check_eq "verify fails after the file was altered" 1 "$?"
check_grep "verify names the entry" "audit log broken at entry $id: entry $id was altered" "$T/verify"
