#!/bin/sh
# ledger_errors.sh -- bad input to the ledger: each is a clear error and
# changes nothing (the whole database dump is the same before and after).
. "$(dirname "$0")/lib.sh"
D=$TOP/tests/e2e/ledger
export LUOSHI_DB=$T/err.db
export LUOSHI_TODAY=2026-03-20
L(){ "$LUOSHI" "$@"; }
echo adminpass1 | L init > /dev/null
L import "$D/mini_report.txt" --region 某区 --year 2026 --extraction "$D/mini_report.json" --as admin > /dev/null
echo password-zj | L user add zj --role unit --unit 住建局 --as admin > /dev/null
echo password-sup | L user add sup --role supervisor --as admin > /dev/null
L plan publish --as sup > /dev/null
printf '\377\330\377\340x' > "$T/ok.jpg"
echo '这是文字，不是照片' > "$T/fake.jpg"
echo '说明' > "$T/notes.txt"

dump(){ sqlite3 "$LUOSHI_DB" .dump | md5sum; }
# bad DESC PATTERN COMMAND...: fails, says PATTERN, changes nothing
bad(){
  d=$1; pat=$2; shift 2
  before=$(dump)
  if "$@" > "$T/out" 2>&1; then notok "$d (it succeeded)"; sed 's/^/# /' "$T/out"; return; fi
  if ! grep -Eq -- "$pat" "$T/out"; then notok "$d (message)"; echo "#  want: $pat"; sed 's/^/# /' "$T/out"; return; fi
  if [ "$(dump)" != "$before" ]; then notok "$d (the ledger changed)"; return; fi
  ok "$d"
}

bad "unknown task" 'unknown task 999' L report 999 --period 2026-02 --percent 5 --note x --as zj
bad "unknown task number" 'unknown task 9\.9\.9' L task show 9.9.9 --as sup
bad "unknown unit (edit)" 'unknown unit 宣传部' L task edit 2 --lead 宣传部 --as sup
bad "unknown unit (user)" 'unknown unit 宣传部' sh -c "echo password-x | '$LUOSHI' user add x --role unit --unit 宣传部 --as admin"
bad "unknown unit (list)" 'unknown unit 宣传部' L task list --unit 宣传部 --as sup
bad "non-number value" '--value 12a: not a number' L report 2 --period 2026-02 --value 12a --note x --as zj
bad "percent out of range" '--percent 120: want a number from 0 to 100' L report 2 --period 2026-02 --percent 120 --note x --as zj
bad "period outside the plan year" '--period 2025-12 is outside the plan year 2026' L report 2 --period 2025-12 --value 3 --note x --as zj
bad "period not begun" '--period 2026-05 has not begun yet' L report 2 --period 2026-05 --value 3 --note x --as zj
bad "malformed period" '--period 2026-3: want a month YYYY-MM' L report 2 --period 2026-3 --value 3 --note x --as zj
bad "a unit user on another unit's task" 'zj \(unit 住建局\) may not report this task: it is not a task of 住建局' L report 4 --period 2026-02 --percent 5 --note x --as zj
bad "missing evidence file" 'evidence .*nofile\.jpg: No such file' L report 2 --period 2026-02 --value 3 --note x --evidence "$T/ok.jpg" --evidence "$T/nofile.jpg" --as zj
bad "evidence that is not what its name says" 'evidence fake\.jpg: its content is not a \.jpg file' L report 2 --period 2026-02 --value 3 --note x --evidence "$T/ok.jpg" --evidence "$T/fake.jpg" --as zj
bad "evidence of a kind not taken" 'evidence notes\.txt: not an accepted kind of evidence' L report 2 --period 2026-02 --value 3 --note x --evidence "$T/notes.txt" --as zj
bad "second import of the same file" 'already imported: it is plan 1 \(某区 2026' L import "$D/mini_report.txt" --region 某区 --year 2026 --extraction "$D/mini_report.json" --as admin
bad "a note is needed" '--note TEXT is needed' L report 2 --period 2026-02 --value 3 --as zj
bad "value and percent together" 'either --value N .* or --percent P' L report 2 --period 2026-02 --value 3 --percent 4 --note x --as zj
bad "several targets need --target" 'task 1 has 2 targets: name one with --target ID' L report 1 --period 2026-02 --value 3 --note x --as admin
bad "a public import" 'the public may not import' L import "$T/ok.jpg" --region x --year 2026
bad "unknown user" 'no user nobody' L status --as nobody
bad "bad deadline" '--deadline 2026-02-30: want a date' L task edit 2 --deadline 2026-02-30 --as sup
bad "bad colour" '--status purple: want red, yellow, green or done' L task list --status purple --as sup
bad "bad --node" '--node 5x: want heading numbers' L task list --node 5x --as sup
bad "close without the target met" 'task 2 has no accepted report showing its target met' L close 2 --as sup
bad "a supervisor does not report" 'sup \(supervisor\) may not report' L report 2 --period 2026-02 --value 3 --note x --as sup
bad "a unit does not review" 'zj \(unit\) may not review' L review 1 --accept --as zj
bad "a return needs a reason" 'option --return needs a value' L review 1 --return --as sup
bad "extraction of another file" 'is the extraction of another file' L import "$T/notes.txt" --region x --year 2026 --extraction "$D/mini_report.json" --as admin
bad "not a ledger" 'no ledger at' env LUOSHI_DB="$T/none.db" "$LUOSHI" status
bad "short password" 'at least 8 characters' sh -c "echo short | '$LUOSHI' user add y --role leader --as admin"
bad "duplicate login" 'user zj already exists' sh -c "echo password-zj | '$LUOSHI' user add zj --role leader --as admin"
bad "setting out of range" 'setting red_gap: "300" is not a whole number' L setting red_gap 300 --as admin

# a good report, then the same period again while it waits for review
L report 2 --period 2026-02 --value 3 --note "三个" --as zj > /dev/null
bad "one report per period while waiting" 'report 1 for 2026-02 on task 2 is waiting for review' L report 2 --period 2026-02 --value 4 --note x --as zj
L review 1 --accept --as sup > /dev/null
bad "a review twice" 'report 1 was already accepted' L review 1 --return "晚了" --as sup
bad "one accepted report per period" 'report 1 for 2026-02 on task 2 was already accepted' L report 2 --period 2026-02 --value 4 --note x --as zj
