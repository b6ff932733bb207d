# brief.sh -- the briefing and the progress sheet on a generated plan of
# 5,000 tasks with ten months of reports (the ledger of bench/ledger.sh,
# built here in build/bench-brief/): time to gather and render the briefing
# as text, HTML and DOCX, its size, and a unit's sheet out and back in.
# Figures are printed, never asserted.
top=$(cd "$(dirname "$0")/.." && pwd)
L=$top/build/luoshi
B=$top/build/bench-brief
rm -rf "$B"; mkdir -p "$B"
export LUOSHI_DB=$B/bench.db LUOSHI_USER=admin LUOSHI_TODAY=2026-01-01
. "$top/bench/lib.sh"
echo benchpass1 | "$L" init > /dev/null
"$L" bench-gen report --tasks 5000 --out "$B/plan" > /dev/null
"$L" import "$B/plan.txt" --region 基准区 --year 2026 --extraction "$B/plan.json" > /dev/null
"$L" plan publish > /dev/null
export LUOSHI_TODAY=2026-11-15
"$L" bench-gen reports --months 10 --durable 0 > /dev/null
echo "ledger: $(sqlite3 "$LUOSHI_DB" 'SELECT count(*) FROM task') tasks, $(sqlite3 "$LUOSHI_DB" 'SELECT count(*) FROM report') reports"
for f in text html docx; do
  ms=$(best5 "$L" brief --period 2026-10 --format $f -o "$B/brief.$f")
  echo "luoshi brief --period 2026-10 --format $f: best of 5 $ms ms, $(du -k "$B/brief.$f" | cut -f1) KB"
done
unit=$("$L" task list | awk 'NR==1{print $5}')
ms=$(best5 "$L" sheet --unit "$unit" --period 2026-11 -o "$B/sheet.xlsx")
rows=$(unzip -p "$B/sheet.xlsx" xl/worksheets/sheet1.xml | grep -o '<row ' | wc -l)
echo "luoshi sheet --unit $unit ($((rows - 4)) rows): best of 5 $ms ms"
