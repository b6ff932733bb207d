# extract.sh -- end-to-end tests of `luoshi extract`: span invariants on
# every fixture, encodings, bad input, and the shared corpus score.
. "$(dirname "$0")/lib.sh"
G=$TOP/tests/golden
python3 "$TOP/tests/e2e/extract_spans.py" "$LUOSHI" "$G"/*.txt $(ls "$TOP"/examples/*.txt 2>/dev/null)
if [ -d "$TOP/../shared/corpus/dev" ]; then
  python3 "$TOP/tests/e2e/extract_spans.py" "$LUOSHI" "$TOP"/../shared/corpus/dev/*.txt
fi

# the same report in GB18030, UTF-16LE and UTF-16BE (with BOM) and with a
# UTF-8 BOM gives the same outline, tasks and targets
"$LUOSHI" extract --json "$G/mini_plan.txt" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps([d["nodes"],d["tasks"]]))' > ref.json
iconv -f UTF-8 -t GB18030 "$G/mini_plan.txt" > gb.txt
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$G/mini_plan.txt"; } > u16le.txt
{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$G/mini_plan.txt"; } > u16be.txt
{ printf '\357\273\277'; cat "$G/mini_plan.txt"; } > bom.txt
for f in gb u16le u16be bom; do
  "$LUOSHI" extract --json $f.txt > $f.json
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps([d["nodes"],d["tasks"]]))' $f.json > $f.cmp
  check_eq "$f: same extraction as UTF-8" "$(cat ref.json)" "$(cat $f.cmp)"
done
check_grep "GB18030 named" '"encoding":"GB18030"' gb.json
check_grep "UTF-16LE named" '"encoding":"UTF-16LE"' u16le.json

# the readable tree shows every task of the JSON, in document order, also
# when a task comes back to a part after that part's sections
cat > back.txt <<'EOT'
二、2026年重点工作
（一）扩大内需
新建学校8所。
（二）改善民生
新建医院2所。
各位代表，我们要改造小区10个。
各位代表，蓝图已经绘就。
实现上述目标，必须真抓实干。
EOT
for f in back.txt "$G"/*.txt $(ls "$TOP"/examples/*.txt 2>/dev/null); do
  n_json=$("$LUOSHI" extract --json "$f" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["tasks"]))')
  n_tree=$("$LUOSHI" extract "$f" | grep -c '^ *- ')
  check_eq "tree shows all $n_json tasks of $(basename "$f")" "$n_json" "$n_tree"
done
check_eq "tree in document order" "$("$LUOSHI" extract back.txt | sed -n '$p')" "  - 实现上述目标，必须真抓实干。"

# binary and undecodable input: one line naming the file and the byte
head -c 3000 /dev/urandom > noise.bin; printf '\000' >> noise.bin
check_fail "binary file refused" "$LUOSHI" extract noise.bin
"$LUOSHI" extract noise.bin 2> err.txt
check_grep "error names file and byte" '^noise\.bin: not text \(byte [0-9]+\)$' err.txt
check_eq "error is one line" 1 "$(wc -l < err.txt)"
printf '\320\317\021\340\241\261\032\341rest' > old.doc
"$LUOSHI" extract old.doc 2> err.txt
check_grep ".doc explained" 'old\.doc: an old binary Word' err.txt
check_fail "missing file" "$LUOSHI" extract no-such-file.txt
check_fail "bad year" "$LUOSHI" extract --year 20x6 "$G/mini_plan.txt"
printf '' > empty.txt
check "empty file gives an empty extraction" "$LUOSHI" extract --json empty.txt

# --year wins over the report; the report's year otherwise
"$LUOSHI" extract --json --year 2030 "$G/mini_plan.txt" > y.json
check_grep "--year used" '"year":2030,"year_from":"option"' y.json
"$LUOSHI" extract --json "$G/mini_plan.txt" > y.json
check_grep "year from the report" '"year":2026,"year_from":"report"' y.json
# stdin
"$LUOSHI" extract --json - < "$G/mini_plan.txt" > stdin.json
check_grep "stdin works" '"name":"-"' stdin.json

# the shared corpus (when present): the issue's thresholds
if [ -x "$TOP/../shared/tools/score-extract" ]; then
  "$TOP/../shared/tools/score-extract" --cmd "$LUOSHI extract --year {year} --json {file}" > score.txt 2>&1
  tail -1 score.txt | sed 's/^/# /'
  python3 - score.txt <<'PY'
import re, sys
t = open(sys.argv[1]).read().splitlines()[-1]
f1 = float(re.search(r'F1=([0-9.]+)', t).group(1))
dl = re.search(r'deadlines (\d+)/(\d+)', t)
ol = re.search(r'outline (\d+)/(\d+) parents (\d+)', t)
jn = re.search(r'joined (\d+)/(\d+)', t)
nz = int(re.search(r'noise-in-tasks (\d+)', t).group(1))
lk = int(re.search(r'non-tasks-in-tasks (\d+)', t).group(1))
def ok(c, d): print(("ok" if c else "not ok") + " - corpus: " + d)
ok(f1 >= 0.93, f"targets F1 {f1} >= 0.93")
ok(dl.group(1) == dl.group(2), "every explicit deadline right")
ok(ol.group(1) == ol.group(2) == ol.group(3), "every outline node with its parent")
ok(jn.group(1) == jn.group(2), "every page-break join")
ok(nz == 0 and lk == 0, "no noise and no non-task inside a task")
PY
fi

# markup in a file named .txt: a scraper's fragment stays text (spans count
# in the file); the same bytes named .html are read as HTML; a whole page
# named .txt is still HTML
printf '<p>二、2026年工作安排</p><p>（一）扩大需求。新建学校3所。</p><p>甲。</p><p>乙。</p>\n' > frag.txt
cp frag.txt frag.html
"$LUOSHI" extract --json frag.txt > frag.json
check_grep "fragment named .txt stays text" '"format":"txt"' frag.json
python3 - frag.txt frag.json <<'PY'
import json, sys
t = open(sys.argv[1], encoding='utf-8').read(); d = json.load(open(sys.argv[2]))
g = d['tasks'][0]['targets'][0]
print(("ok" if t[g['span'][0]:g['span'][1]] == g['text'] == "3所" else "not ok") + " - its spans count in the file")
PY
"$LUOSHI" extract --json frag.html > fragh.json
check_grep "fragment named .html is HTML" '"format":"html"' fragh.json
printf '<!DOCTYPE html><html><body><p>二、2026年工作安排</p><p>新建学校3所。</p></body></html>\n' > page.txt
"$LUOSHI" extract --json page.txt > page.json
check_grep "whole page named .txt is HTML" '"format":"html"' page.json
