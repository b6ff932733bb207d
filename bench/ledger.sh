# ledger.sh -- the ledger on a generated plan of 5,000 tasks and 100,000
# reports (issue #3): import time, reports written per second with
# synchronous=FULL (each report its own transaction, fsync on commit), and
# `luoshi status` time (aim: under 200 ms).  Figures are printed, never
# asserted.  The ledger is built in build/bench-ledger/ on the same disk as
# the checkout.
top=$(cd "$(dirname "$0")/.." && pwd)
L=$top/build/luoshi
B=$top/build/bench-ledger
rm -rf "$B"; mkdir -p "$B"
export LUOSHI_DB=$B/bench.db LUOSHI_USER=admin LUOSHI_TODAY=2026-01-01
. "$top/bench/lib.sh"
echo benchpass1 | "$L" init > /dev/null
"$L" bench-gen report --tasks 5000 --out "$B/plan"
t0=$(now)
"$L" import "$B/plan.txt" --region 基准区 --year 2026 --extraction "$B/plan.json" > /dev/null
echo "import of 5,000 tasks (10,000 targets, unit suggestion, audit; extraction read from JSON): $(since "$t0") ms"
echo "command: luoshi import plan.txt --region 基准区 --year 2026 --extraction plan.json"
"$L" plan publish > /dev/null
export LUOSHI_TODAY=2026-11-15
echo "command: luoshi bench-gen reports --months 10 --durable 2000"
"$L" bench-gen reports --months 10 --durable 2000
echo "ledger: $(sqlite3 "$LUOSHI_DB" 'SELECT count(*) FROM task') tasks, $(sqlite3 "$LUOSHI_DB" 'SELECT count(*) FROM report') reports, $(sqlite3 "$LUOSHI_DB" 'SELECT count(*) FROM event') audit entries, $(du -k "$LUOSHI_DB" | cut -f1) KB"
# the CLI path: one process per report, as a unit office would file them
t0=$(now)
ids=$("$L" task list --node 1.1 | awk 'NR<=100{print $1}')
for id in $ids; do
  "$L" report "$id" --period 2026-11 --percent 50 --note "基准" > /dev/null
done
echo "100 reports through the CLI (a process each, durable): $(since "$t0") ms"
# edits after the --as-of date below, for it to undo (through the CLI, a
# process each): 50 deadlines, 50 lead units, 100 target values
t0=$(now)
for id in $("$L" task list --node 1.2 | awk '{print $1}'); do "$L" task edit "$id" --deadline 2026-09-30 > /dev/null; done
for id in $("$L" task list --node 1.3 | awk '{print $1}'); do "$L" task edit "$id" --lead 财政局 > /dev/null; done
for g in $(sqlite3 "$LUOSHI_DB" 'SELECT id FROM target WHERE NOT removed ORDER BY id LIMIT 100 OFFSET 1000'); do
  "$L" target edit "$g" --value 99 > /dev/null
done
echo "200 edits through the CLI (50 deadlines, 50 leads, 100 targets): $(since "$t0") ms"
echo "luoshi status (text, 5,000 tasks, 100,000 reports): best of 5 $(best5 "$L" status) ms"
echo "luoshi status --json: best of 5 $(best5 "$L" status --json) ms"
echo "luoshi status --as-of 2026-06-30 (the 200 edits undone): best of 5 $(best5 "$L" status --as-of 2026-06-30) ms"
echo "luoshi task list --as-of 2026-06-30 --unit 住建局: best of 5 $(best5 "$L" task list --as-of 2026-06-30 --unit 住建局) ms"
echo "luoshi task list --unit 住建局: best of 5 $(best5 "$L" task list --unit 住建局) ms"
t0=$(now); "$L" export --xlsx "$B/table.xlsx" > /dev/null
echo "luoshi export --xlsx (5,000 rows): $(since "$t0") ms"
t0=$(now); "$L" verify > /dev/null
echo "luoshi verify ($(sqlite3 "$LUOSHI_DB" 'SELECT count(*) FROM event') entries): $(since "$t0") ms"
