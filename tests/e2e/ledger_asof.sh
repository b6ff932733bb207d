#!/bin/sh
# ledger_asof.sh -- `--as-of` gives the status as it stood on a past date:
# the deadline, targets, lead unit and state of each task as they were at
# the end of that day, rebuilt from the audit log, not today's.  On the
# small report (tests/e2e/ledger/, see ledger_rules.sh): reports for two
# months, then a deadline and a target edited, a target added, one
# removed, a lead changed, a task closed; the status, task list and JSON
# as of dates before and after each change.  Also: before the plan was
# published (no published tasks: the public sees none, the office sees
# drafts) and before it was imported (no tasks).
. "$(dirname "$0")/lib.sh"
D=$TOP/tests/e2e/ledger
export LUOSHI_DB=$T/asof.db
unset LUOSHI_USER
at(){ LUOSHI_TODAY=$1; export LUOSHI_TODAY; }
L(){ "$LUOSHI" "$@"; }
# asof DATE [ARGS]: the status as of DATE (as the supervisor) into $T/st
asof(){ d=$1; shift; "$LUOSHI" status --as-of "$d" --as sup "$@" > "$T/st" 2>&1; }
# field JSONFILE TASK EXPR: a python expression on task TASK of a status --json
field(){ python3 -c '
import json, sys
t = [t for t in json.load(open(sys.argv[1]))["tasks"] if t["id"] == int(sys.argv[2])]
print(eval(sys.argv[3], {"t": t[0]}) if t else "absent")
' "$@"; }

at 2026-01-20
echo adminpass1 | L init --admin admin > /dev/null
L import "$D/mini_report.txt" --region 某区 --year 2026 --extraction "$D/mini_report.json" --as admin > /dev/null
echo password-sup | L user add sup --role supervisor --as admin > /dev/null
echo password-zj | L user add zj --role unit --unit 住建局 --as admin > /dev/null
echo password-jt | L user add jt --role unit --unit 交通运输局 --as admin > /dev/null

# before the import and before the publication
at 2026-01-25
asof 2026-01-19
check_grep "before its import the plan had no tasks" '^total 0 tasks' "$T/st"
at 2026-02-01
L plan publish --as sup > /dev/null
L status --as-of 2026-01-25 > "$T/st" 2>&1
check_grep "the public: no published task before the plan was published" '^total 0 tasks' "$T/st"
L status > "$T/st" 2>&1
check_grep "the public sees the tasks once published" '^total 6 tasks' "$T/st"
asof 2026-01-25 --json
check_eq "the office sees the tasks as drafts before the publication" draft "$(field "$T/st" 2 't["state"]')"
asof 2026-02-01 --json
check_eq "published on the day of publication" published "$(field "$T/st" 2 't["state"]')"

# February and March: 住建局 reports task 2 (30 个, due 6月底), 交通运输局
# task 4 (40 公里 and 2 条 lines)
at 2026-03-05
L report 2 --period 2026-02 --value 10 --note "已开工10个小区" --as zj > /dev/null
L report 4 --period 2026-02 --value 8 --target 6 --note "完成路基8公里" --as jt > /dev/null
L report 4 --period 2026-02 --value 1 --target 7 --note "开通1条" --as jt > /dev/null
at 2026-03-06
for r in 1 2 3; do L review $r --accept --as sup > /dev/null; done
at 2026-04-08
L report 2 --period 2026-03 --value 12 --note "完成12个" --as zj > /dev/null
L report 4 --period 2026-03 --value 16 --target 6 --note "完成路基16公里" --as jt > /dev/null
L report 4 --period 2026-03 --value 1 --target 7 --note "开通1条" --as jt > /dev/null
at 2026-04-09
for r in 4 5 6; do L review $r --accept --as sup > /dev/null; done
at 2026-04-15
L status --as sup > "$T/before"
check_grep "today, before the edits: task 2 behind" '^  2 +1\.2\.1 +yellow +实际进度40%，序时进度58%（截至2026-04-15），落后18个百分点' "$T/before"

# 20 April: the office changes task 2's deadline and target and adds a
# second target; removes task 4's bus-line target and gives task 4 to 住建局
at 2026-04-20
check "edit a deadline" L task edit 2 --deadline 2026-12-31 --as sup
check "edit a target" L target edit 3 --value 20 --as sup
check "add a target" L target add 2 --value 10 --unit 部 --subject 加装电梯 --as sup
check "remove a target" L target rm 7 --as sup
check "change a lead" L task edit 4 --lead 住建局 --as sup
at 2026-06-10
check "close a task" L close 6 --reason "全年未发生较大以上事故，提前销号" --as sup
# 20 October: task 3 (due 9月底) is overdue; its deadline is moved
at 2026-10-20
check "move an overdue deadline" L task edit 3 --deadline 2026-12-31 --as sup
at 2026-10-25

# as of 15 April: every value as it was then
asof 2026-04-15
if cmp -s "$T/before" "$T/st"; then ok "status --as-of a day before the edits equals the status taken that day"
else notok "status --as-of a day before the edits equals the status taken that day"; diff "$T/before" "$T/st" | head -20 | sed 's/^/# /'; fi
check_grep "the old deadline and target: yellow, 40% vs 58%" '^  2 +1\.2\.1 +yellow +实际进度40%，序时进度58%（截至2026-04-15），落后18个百分点' "$T/st"
check_grep "a target removed later still counts (45%, not 40%)" '^  4 +2\.2\.1 +green +实际进度45%，' "$T/st"
check_grep "a lead changed later counts under the old unit" '^  交通运输局 +1 tasks' "$T/st"
check_grep "and not under the new one" '^  住建局 +1 tasks' "$T/st"
asof 2026-04-15 --json
check_eq "JSON: the old deadline" 2026-06-30 "$(field "$T/st" 2 't["deadline"]')"
check_eq "JSON: the old target, the added one absent" "30.0 个" "$(field "$T/st" 2 '" ".join("%s %s" % (g["value"], g["unit"]) for g in t["targets"])')"
check_eq "JSON: the removed target present" "2" "$(field "$T/st" 4 'len(t["targets"])')"
check_eq "JSON: the old lead" 交通运输局 "$(field "$T/st" 4 't["lead"]')"
L task list --as-of 2026-04-15 --unit 交通运输局 --as sup > "$T/list"
check_grep "task list --as-of --unit: the unit's task then" '^4 +2\.2\.1 +green +2026-12-31 +交通运输局 ' "$T/list"
L task list --unit 交通运输局 --as sup > "$T/list"
check_eq "task list --unit: not its task now" 0 "$(wc -l < "$T/list" | tr -d ' ')"
L task list --as-of 2026-04-15 --as sup > "$T/list"
check_grep "task list --as-of: the old deadline and colour" '^2 +1\.2\.1 +yellow +2026-06-30 +住建局 ' "$T/list"

# as of 25 April: the new values
asof 2026-04-25
check_grep "after the edits: the new deadline and targets (30% vs 31%)" '^  2 +1\.2\.1 +green +实际进度30%，序时进度31%（截至2026-04-25）' "$T/st"
check_grep "after the removal: one target (40%)" '^  4 +2\.2\.1 +green +实际进度40%，' "$T/st"
check_grep "after the change: under the new lead" '^  住建局 +2 tasks' "$T/st"
check_nogrep "and no longer under the old one" '^  交通运输局 ' "$T/st"
asof 2026-04-25 --json
check_eq "JSON: the new deadline" 2026-12-31 "$(field "$T/st" 2 't["deadline"]')"
check_eq "JSON: the new and the added target" "20.0 个, 10.0 部" "$(field "$T/st" 2 '", ".join("%s %s" % (g["value"], g["unit"]) for g in t["targets"])')"

# the state: closed on 10 June
asof 2026-06-01 --json
check_eq "not yet closed on 1 June: published" published "$(field "$T/st" 6 't["state"]')"
check_eq "and not done" False "$(field "$T/st" 6 't["colour"] == "done"')"
asof 2026-06-15 --json
check_eq "closed by 15 June: done" done "$(field "$T/st" 6 't["state"]')"

# an overdue deadline moved later
asof 2026-10-10
check_grep "before the move: red, past the old deadline" '^  3 +2\.1\.1 +red +已超过完成时限2026-09-30' "$T/st"
asof 2026-10-25
check_grep "after the move: judged by the new deadline" '^  3 +2\.1\.1 +red +尚无已审核进展，实际进度0%，序时进度82%（截至2026-10-25）' "$T/st"
L channel add --unit 教育局 --role contact --kind webhook --to http://127.0.0.1:9/hook --as admin > /dev/null
L remind --dry-run --as-of 2026-10-10 --as sup > "$T/remind" 2>&1
check_grep "reminders as of a past day: overdue by the old deadline" '任务 2\.1\.1.*已超过完成时限2026-09-30' "$T/remind"
L remind --dry-run --as sup > "$T/remind" 2>&1
check_nogrep "reminders today: not overdue by the new one" '已超过完成时限' "$T/remind"

# today's views are today's
L task show 2 --as sup > "$T/show"
check_grep "task show: today's deadline" '^deadline: 2026-12-31' "$T/show"
check "the audit chain still verifies" L verify --as admin
