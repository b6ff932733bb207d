# remind.sh -- reminders on the generated plan of bench/ledger.sh (5,000
# tasks, ten months of reports; issue #7): a run where every task's
# November report is late (5,000 causes), with a webhook contact channel
# per lead unit and the office's robot, all on a local receiver
# (tests/e2e/remind_sink.py): the dry run, the first run (records and
# sends), a second run (nothing new) and a run with every step due.
# Figures are printed, never asserted.
top=$(cd "$(dirname "$0")/.." && pwd)
L=$top/build/luoshi
B=$top/build/bench-remind
rm -rf "$B"; mkdir -p "$B/sink"
export LUOSHI_DB=$B/bench.db LUOSHI_USER=admin LUOSHI_TODAY=2026-01-01
. "$top/bench/lib.sh"
python3 "$top/tests/e2e/remind_sink.py" "$B/sink" > /dev/null 2>&1 &
SINK=$!
trap 'kill $SINK 2>/dev/null' EXIT
echo benchpass1 | "$L" init > /dev/null
"$L" bench-gen report --tasks 5000 --out "$B/plan" > /dev/null
"$L" import "$B/plan.txt" --region 基准区 --year 2026 --extraction "$B/plan.json" > /dev/null
"$L" plan publish > /dev/null
export LUOSHI_TODAY=2026-11-15
"$L" bench-gen reports --months 10 --durable 0 > /dev/null
while [ ! -f "$B/sink/ports" ]; do sleep 0.1; done
read HP SP < "$B/sink/ports"
"$L" remind set remind_base_url http://luoshi.bench > /dev/null
"$L" remind set remind_retry_seconds 0 > /dev/null
"$L" channel add --office --kind wecom --to "http://127.0.0.1:$HP/wecom?key=office" > /dev/null
units=$(sqlite3 "$LUOSHI_DB" "SELECT DISTINCT u.name FROM task t JOIN unit u ON u.id=t.lead_unit_id")
for u in $units; do
  "$L" channel add --unit "$u" --role contact --kind webhook --to "http://127.0.0.1:$HP/hook" > /dev/null
done
echo "ledger: $(sqlite3 "$LUOSHI_DB" 'SELECT count(*) FROM task') tasks, $(sqlite3 "$LUOSHI_DB" 'SELECT count(*) FROM report') reports, $(echo "$units" | wc -l) units with a contact channel"
export LUOSHI_TODAY=2026-12-11
t0=$(now); "$L" remind --dry-run > "$B/dry.out"; ms=$(since "$t0")
echo "remind --dry-run on $LUOSHI_TODAY: $ms ms ($(head -1 "$B/dry.out" | sed 's/^remind [0-9-]* (dry run): //'))"
t0=$(now); "$L" remind > "$B/run1.out"; ms=$(since "$t0")
echo "remind (records and sends): $ms ms ($(head -1 "$B/run1.out" | sed 's/^remind [0-9-]*: //'); $(grep -c . "$B/sink/http.log") HTTP messages)"
t0=$(now); "$L" remind > "$B/run2.out"; ms=$(since "$t0")
echo "remind again (nothing new): $ms ms ($(head -1 "$B/run2.out" | sed 's/^remind [0-9-]*: //'))"
export LUOSHI_TODAY=2026-12-16
t0=$(now); "$L" remind > "$B/run3.out"; ms=$(since "$t0")
echo "remind on $LUOSHI_TODAY (step 3 to the office): $ms ms ($(head -1 "$B/run3.out" | sed 's/^remind [0-9-]*: //'); $(grep -c . "$B/sink/http.log") HTTP messages in all)"
echo "reminders recorded: $(sqlite3 "$LUOSHI_DB" 'SELECT count(*) FROM reminder'), $(du -k "$LUOSHI_DB" | cut -f1) KB ledger"
