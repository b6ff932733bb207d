#!/bin/sh
# sheet.sh -- the XLSX round trip on the small report
# (tests/e2e/ledger/mini_report.txt): a unit's progress sheet is exported,
# checked (protection, unlocked inputs, validation, frozen header, A4
# landscape), filled programmatically (fill.py), imported, and the task's
# status changes; the same sheet twice files nothing more; bad sheets (text
# in a number cell, a task of another unit, a wrong period, a row changed
# without a narrative, a file that is not XLSX, one bad row among good
# ones) are refused with the cell and reason, and nothing is imported.
. "$(dirname "$0")/lib.sh"
D=$TOP/tests/e2e/ledger
S=$TOP/tests/e2e/sheet
export LUOSHI_DB=$T/sheet.db
unset LUOSHI_USER
at(){ LUOSHI_TODAY=$1; export LUOSHI_TODAY; }
L(){ "$LUOSHI" "$@"; }
fill(){ python3 "$S/fill.py" "$@"; }
# nrep: the number of reports in the ledger
nrep(){ "$LUOSHI" reports --as sup | wc -l | tr -d ' '; }
# part FILE ENTRY: one entry of a zip on stdout
part(){ unzip -p "$1" "$2"; }

at 2026-01-20
echo adminpass1 | L init --admin admin > /dev/null
L import "$D/mini_report.txt" --region 某区 --year 2026 --extraction "$D/mini_report.json" --as admin > /dev/null
echo password-sup | L user add sup --role supervisor --as admin > /dev/null
echo password-zj | L user add zj --role unit --unit 住建局 --as admin > /dev/null
echo password-jt | L user add jt --role unit --unit 交通运输局 --as admin > /dev/null
at 2026-02-01
L plan publish --as sup > /dev/null

# ---- the sheet out ----
at 2026-03-12
check "zj exports its sheet for February" L sheet --period 2026-02 -o "$T/zj.xlsx" --as zj
check "the supervisor exports any unit's sheet" L sheet --unit 交通运输局 --period 2026-02 -o "$T/jt.xlsx" --as sup
check_fail "who is not a unit user names the unit" L sheet --period 2026-02 -o "$T/x.xlsx" --as sup
check_fail "a bad period is refused" L sheet --period 2026-2 -o "$T/x.xlsx" --as zj
part "$T/zj.xlsx" xl/workbook.xml > "$T/wb.xml"
check_grep "one worksheet named 进展填报" 'sheet name="进展填报"' "$T/wb.xml"
check_grep "prints A4 landscape with the header repeated" "Print_Titles.*\\\$4:\\\$4" "$T/wb.xml"
part "$T/zj.xlsx" xl/worksheets/sheet1.xml > "$T/ws.xml"
part "$T/zj.xlsx" xl/sharedStrings.xml > "$T/ss.xml"
part "$T/zj.xlsx" xl/styles.xml > "$T/st.xml"
check_grep "the sheet is protected" '<sheetProtection ' "$T/ws.xml"
check_grep "input cells are unlocked" 'locked="0"' "$T/st.xml"
check_grep "numbers are validated" '<dataValidation type="decimal"' "$T/ws.xml"
check_grep "the header is frozen" 'ySplit="4".*state="frozen"' "$T/ws.xml"
check_grep "A4 landscape" 'paperSize="9".*orientation="landscape"' "$T/ws.xml"
check_grep "id columns are hidden" '<col min="9" max="9"[^>]*hidden="1"' "$T/ws.xml"
check_grep "the unit and period are in the sheet" '住建局.*2026-02' "$T/ss.xml"
check_grep "the task is in the sheet" '全力完成30个老旧小区改造' "$T/ss.xml"
check_grep "the target is in the sheet" '30个（老旧小区改造）|30个' "$T/ss.xml"
check_nogrep "a task of another unit is not" '改建农村公路' "$T/ss.xml"
check_grep "no report yet" '尚未填报' "$T/ss.xml"

# ---- the round trip ----
L status --as sup > "$T/st"
check_grep "before: task 2 is red, its February report missing" '^  2 +1\.2\.1 +red +.*2026-02期进展未报送' "$T/st"
fill "$T/zj.xlsx" "$T/zj-filled.xlsx" F5=n:10 "H5=s:已开工10个小区"
check "import the filled sheet" L report --from-xlsx "$T/zj-filled.xlsx" --as zj
check_grep "it says what it filed" '住建局 2026-02: 1 reports filed, 0 unchanged' "$T/.out"
L reports 2 --as sup > "$T/reps"
check_grep "the report is in the ledger" '^1 +task 2 +2026-02 +10 +submitted +zj +已开工10个小区' "$T/reps"
check "the office accepts it" L review 1 --accept --as sup
L status --as sup > "$T/st"
check_grep "after: task 2 is green with its progress" '^  2 +1\.2\.1 +green +实际进度33%' "$T/st"
n0=$(nrep)
check "the same sheet again" L report --from-xlsx "$T/zj-filled.xlsx" --as zj
check_grep "files nothing the second time" '0 reports filed, 1 unchanged' "$T/.out"
check_eq "no report doubled" "$n0" "$(nrep)"
check "the sheet exported again" L sheet --period 2026-02 -o "$T/zj2.xlsx" --as zj
part "$T/zj2.xlsx" xl/sharedStrings.xml > "$T/ss2.xml"
check_grep "shows the month's narrative" '已开工10个小区' "$T/ss2.xml"
check_grep "and the last value" '2026-02期：10（已审核）' "$T/ss2.xml"
check "and uploaded unchanged" L report --from-xlsx "$T/zj2.xlsx" --as zj
check_grep "files nothing" '0 reports filed, 1 unchanged' "$T/.out"
check_eq "still no report doubled" "$n0" "$(nrep)"

# ---- bad sheets: nothing is imported ----
at 2026-04-05
L sheet --period 2026-03 -o "$T/zj3.xlsx" --as zj
# bad LABEL FILE PATTERN...: the import fails, names every PATTERN, and
# files nothing
bad(){
  d=$1; f=$2; shift 2
  n1=$(nrep)
  check_fail "$d: refused" L report --from-xlsx "$f" --as "${AS:-zj}"
  cp "$T/.out" "$T/bad.out"
  for p in "$@"; do check_grep "$d: says $p" "$p" "$T/bad.out"; done
  check_eq "$d: nothing imported" "$n1" "$(nrep)"
}
fill "$T/zj3.xlsx" "$T/b1.xlsx" F5=s:十二 "H5=s:完成十二个"
bad "text in a number cell" "$T/b1.xlsx" 'F5: 本期完成值“十二”不是数字'
tid=$(L task list --as sup | awk '$2=="2.1.1"{print $1}')
fill "$T/zj3.xlsx" "$T/b2.xlsx" F5=n:12 "H5=s:完成12个" "I5=n:$tid"
bad "a task of another unit" "$T/b2.xlsx" 'A5: 任务2\.1\.1不是住建局的任务'
AS=zj bad "another unit's sheet" "$T/jt.xlsx" 'B2: 这是交通运输局的填报表，zj属于住建局' 
fill "$T/jt.xlsx" "$T/b3.xlsx" F5=n:14 "H5=s:完成路基14公里"
AS=zj bad "another unit's filled sheet" "$T/b3.xlsx" 'B2: 这是交通运输局的填报表'
fill "$T/b3.xlsx" "$T/b3b.xlsx" D2=s:2026-02 B2=s:住建局
AS=zj bad "another unit's rows under this unit's name" "$T/b3b.xlsx" 'A5: 任务2\.2\.1不是住建局的任务'
fill "$T/zj3.xlsx" "$T/b4.xlsx" F5=n:12 "H5=s:完成12个" D2=s:2027-03
bad "a period outside the plan year" "$T/b4.xlsx" 'F5: --period 2027-03 is outside the plan year 2026'
fill "$T/zj3.xlsx" "$T/b5.xlsx" F5=n:12 "H5=s:完成12个" D2=s:2026年3月
bad "a period that is not a month" "$T/b5.xlsx" 'D2: 填报期“2026年3月”不是年月'
fill "$T/zj3.xlsx" "$T/b6.xlsx" F5=n:12
bad "a value changed without a narrative" "$T/b6.xlsx" 'H5: 已填写本期完成值但缺少进展情况'
printf 'not a workbook\n' > "$T/b7.xlsx"
bad "a file that is not XLSX" "$T/b7.xlsx" 'not an XLSX file'
bad "a Word document" "$TOP/tests/fixtures/sample.docx" 'not an XLSX file \(a Word document\)'
bad "someone else's workbook" "$TOP/tests/fixtures/sheet.xlsx" 'XLSX'
fill "$T/zj3.xlsx" "$T/b8.xlsx" "A4=s:编号"
bad "a workbook that is not a progress sheet" "$T/b8.xlsx" 'not a luoshi progress sheet: A4'
# all or none: one good row and one the ledger refuses
tj=$(L task list --as sup | awk '$2=="2.2.1"{print $1}')
g2=$(L task show "$tj" --as sup | awk '/^target/{n++; if(n==2){t=$2; sub(":","",t); print t}}')
L report "$tj" --period 2026-02 --value 1 --target "$g2" --note "开通1条" --as jt > /dev/null
L sheet --period 2026-02 -o "$T/jt2.xlsx" --as jt
fill "$T/jt2.xlsx" "$T/b9.xlsx" F5=n:8 "H5=s:完成路基8公里" F6=n:2 "H6=s:开通2条"
AS=jt bad "one bad row among good ones" "$T/b9.xlsx" 'F6: report [0-9]+ for 2026-02 on task [0-9]+ is waiting for review' '1 problem in the sheet; nothing was filed'
L reports "$tj" --as sup > "$T/reps"
check_nogrep "the good row was not filed either" '完成路基8公里' "$T/reps"
check "the good row alone goes in" sh -c "python3 '$S/fill.py' '$T/jt2.xlsx' '$T/ok.xlsx' F5=n:8 'H5=s:完成路基8公里' && '$LUOSHI' report --from-xlsx '$T/ok.xlsx' --as jt"
check "verify passes" L verify --as sup
