# ledger.sh -- build the briefing's golden ledger (sourced by brief.sh).
# The sample report imported with a frozen part of its extraction
# (report.json: 50 tasks in three areas, made by subset.py) and frozen lead
# units (leads.txt), published on 1 April; the lead units report April to
# June (a percent, or the value of a task's only target) and the office
# reviews.  Deterministic: every date is set with LUOSHI_TODAY and every
# number follows from the task id.  Some tasks stay behind (id % 6,
# id % 17), A3.3 and A7.2 reach their targets in June, 信访局 skips June,
# 城管局 skips May and June, the June report of 2.8.1.1 is returned, A8.1
# is closed on 18 June.
# Needs $LB (the binary to build with), $TOP, $T; leaves $LUOSHI_DB set.
BD=$TOP/tests/e2e/brief
export LUOSHI_DB=$T/brief.db
unset LUOSHI_USER
at(){ LUOSHI_TODAY=$1; export LUOSHI_TODAY; }
at 2026-01-20
# the value of the only target of single-target tasks: "id value" (task
# ids follow the order of the extraction)
python3 -c '
import json, sys
for i, t in enumerate(json.load(open(sys.argv[1]))["tasks"]):
    if len(t["targets"]) == 1: print(i + 1, t["targets"][0]["value"])
' "$BD/report.json" > "$T/targets"
echo adminpass1 | "$LB" init --admin admin > /dev/null
"$LB" import "$TOP/examples/sample.txt" --region 临江区 --year 2026 --extraction "$BD/report.json" --as admin > /dev/null
echo password-dc | "$LB" user add dc --role supervisor --as admin > /dev/null
"$LB" unit add 区政府办公室 --kind department --aliases 政府办 --as admin > /dev/null
# the lead units of leads.txt, whatever the suggester proposed
"$LB" task list --as dc | awk '{print $2, $5}' > "$T/leads.now"
while read -r seq unit; do
  grep -qx "$seq $unit" "$T/leads.now" || "$LB" task edit "$seq" --lead "$unit" --as dc > /dev/null
done < "$BD/leads.txt"
# one login per lead unit: u<unit id>
"$LB" task list --as dc | awk '{print $1, $2, $5}' > "$T/tasks"
"$LB" unit list --as admin > "$T/units"
: > "$T/logins"
for name in $(awk '{print $3}' "$T/tasks" | sort -u); do
  uid=$(awk -v n="$name" '$2==n{print $1}' "$T/units")
  echo password-unit | "$LB" user add "u$uid" --role unit --unit "$name" --as admin > /dev/null
  echo "$name u$uid" >> "$T/logins"
done
returned=$(awk '$2=="2.8.1.1"{print $1}' "$T/tasks")
at 2026-04-01
"$LB" plan publish --as dc > /dev/null

# month MM: every lead unit files its tasks' progress for 2026-MM on the
# 5th of the next month; the office reviews on the 7th.
month(){
  m=$1; n=${m#0}; at "2026-0$((n+1))-05"
  while read -r id seq name; do
    [ "$seq" = A8.1 ] && [ "$n" -ge 6 ] && continue
    [ "$name" = 信访局 ] && [ "$n" = 6 ] && continue
    [ "$name" = 城管局 ] && [ "$n" -ge 5 ] && continue
    login=$(awk -v u="$name" '$1==u{print $2}' "$T/logins")
    pct=$(( n * 8 + (id * 7) % 12 ))
    [ $((id % 6)) = 0 ] && pct=$(( pct / 2 ))
    [ $((id % 17)) = 0 ] && pct=$(( pct / 5 ))
    { [ "$seq" = A3.3 ] || [ "$seq" = A7.2 ]; } && [ "$n" = 6 ] && pct=100
    tv=$(awk -v id="$id" '$1==id{print $2}' "$T/targets")
    if [ -n "$tv" ]; then
      v=$(awk -v v="$tv" -v p="$pct" 'BEGIN{ printf "%d", v*p/100 }')
      "$LB" report "$id" --period "2026-$m" --value "$v" --note "${name}${n}月：完成${v}，按计划推进" --as "$login" > /dev/null
    else
      "$LB" report "$id" --period "2026-$m" --percent "$pct" --note "${name}${n}月：完成年度任务的${pct}%" --as "$login" > /dev/null
    fi
  done < "$T/tasks"
  at "2026-0$((n+1))-07"
  "$LB" reports --pending --as dc | awk '{print $1, $3}' | while read -r r task; do
    if [ "$n" = 6 ] && [ "$task" = "$returned" ]; then
      "$LB" review "$r" --return "请补充佐证材料" --as dc > /dev/null
    else
      "$LB" review "$r" --accept --as dc > /dev/null
    fi
  done
}
month 04
month 05
at 2026-06-18
"$LB" close A8.1 --reason "已完成年度任务，经督查室核验" --as dc > /dev/null
month 06
