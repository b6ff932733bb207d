# formats.sh -- the same report as web page, Word and PDF gives the same
# extraction as its plain text; bad files give one clear line.
#
# tests/fixtures/ holds the sample report as text (sample.txt, a copy of
# examples/sample.txt when scripts/mkfixtures made the others) and as
# sample.html (UTF-8), sample_gb.html (GB2312), sample.docx, sample.pdf
# (LibreOffice, one column) and sample_news.pdf (Chromium, two columns, a
# newspaper page).  Each is extracted now and compared with the extraction
# of sample.txt: the outline (label, title), the explicit deadlines (date,
# words) and the targets (value, unit, cmp), as multisets.  They must be
# equal, except for the differences explained in EXPLAINED below.
. "$(dirname "$0")/lib.sh"
F=$TOP/tests/fixtures

if ! cmp -s "$F/sample.txt" "$TOP/examples/sample.txt" 2>/dev/null; then
  echo "# note: examples/sample.txt changed since the fixtures were made; run scripts/mkfixtures"
fi

cat > compare.py <<'EOF'
import json, sys
from collections import Counter

# Differences between the text and the other formats, each explained.
# (format glob, aspect, "missing"/"extra", item or None for any) -> why
EXPLAINED = [
    ("docx pdf", "outline", "extra", ("", "注释"),
     "Word footnotes are written after the body under a part 注释 (the "
     "newspaper text has them as a 名词解释 list); LibreOffice prints them "
     "at the page foot and the PDF reader gathers them the same way"),
]
FORMAT = {"sample.html": "html", "sample_gb.html": "html", "sample.docx": "docx",
          "sample.pdf": "pdf", "sample_news.pdf": "news"}

def label(z):
    # Word numbering and the web page write （三）, the newspaper text has a
    # half-width (三) twice: the same label
    return z.replace("(", "（").replace(")", "）")

def aspects(path):
    j = json.load(open(path))
    return {
        "outline": Counter((label(n["label"]), n["title"]) for n in j["nodes"]),
        "deadlines": Counter((t["deadline"]["date"], t["deadline"]["text"])
                             for t in j["tasks"] if t["deadline"]["explicit"]),
        "targets": Counter((x["value"], x["unit"], x["cmp"])
                           for t in j["tasks"] for x in t["targets"]),
    }

ref, name, path = sys.argv[1], sys.argv[2], sys.argv[3]
a, b = aspects(ref), aspects(path)
fmt = FORMAT.get(name, "?")
bad = 0
for k in ("outline", "deadlines", "targets"):
    n = sum(a[k].values())
    diffs = [("missing", x, c) for x, c in (a[k] - b[k]).items()] + \
            [("extra", x, c) for x, c in (b[k] - a[k]).items()]
    unexplained = []
    for how, x, c in diffs:
        why = [w for fmts, asp, h, item, w in EXPLAINED
               if fmt in fmts.split() and asp == k and h == how and item in (None, x)]
        if why:
            print("# %s %s: %s %s x%d -- %s" % (name, k, how, x, c, why[0]))
        else:
            unexplained.append((how, x, c))
    if unexplained:
        bad = 1
        print("not ok - %s: %s as in the text (%d items)" % (name, k, n))
        for how, x, c in unexplained:
            print("#   %s %s x%d" % (how, x, c))
    else:
        print("ok - %s: %s as in the text (%d items)" % (name, k, n))
EOF

"$LUOSHI" extract --json "$F/sample.txt" > txt.json
check "sample.txt extracts" test -s txt.json
for f in sample.html sample_gb.html sample.docx sample.pdf sample_news.pdf; do
  if "$LUOSHI" extract --json "$F/$f" > "$f.json" 2> "$f.err"; then
    ok "$f extracts"
    python3 compare.py txt.json "$f" "$f.json"
  else
    notok "$f extracts"; sed 's/^/# /' "$f.err"
  fi
done

# spans count code points of the plain text luoshi reads from the file
# (`luoshi text`): extracting that text gives the very same extraction,
# and the span invariants hold on it
plain=""
for f in sample.html sample_gb.html sample.docx sample.pdf sample_news.pdf; do
  "$LUOSHI" text "$F/$f" > "$f.plain.txt" 2>/dev/null
  "$LUOSHI" extract --json "$f.plain.txt" > "$f.plain.json"
  check_eq "$f: spans refer to its plain text" \
    "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps([d["nodes"],d["tasks"],d["skipped"]]))' "$f.json")" \
    "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps([d["nodes"],d["tasks"],d["skipped"]]))' "$f.plain.json")"
  plain="$plain $f.plain.txt"
done
python3 "$TOP/tests/e2e/extract_spans.py" "$LUOSHI" $plain

# luoshi import takes every format (and stores what the spans count in)
"$LUOSHI" init --db l.db --admin admin > /dev/null
for f in sample.docx sample.pdf sample_news.pdf sample.html sample_gb.html; do
  want=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["tasks"]))' "$f.json")
  "$LUOSHI" import --db l.db --as admin "$F/$f" --region "临江区 $f" --year 2026 > imp.out 2>&1
  check_grep "import $f: all $want tasks" "^imported .*: $want tasks" imp.out
done
check_fail "import refuses an encrypted PDF" "$LUOSHI" import --db l.db --as admin "$F/encrypted.pdf" --region x --year 2026

# detected by content, whatever the name says
cp "$F/sample.docx" report.pdf
cp "$F/sample_gb.html" report.txt
"$LUOSHI" extract --json report.pdf > r1.json
"$LUOSHI" extract --json report.txt > r2.json
"$LUOSHI" text report.pdf > /dev/null 2> r1.err
check_grep "a .docx named .pdf is read as DOCX" '^luoshi: report\.pdf: docx, ' r1.err
check_eq "a .docx named .pdf gives the .docx's tasks" \
  "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["tasks"]))' sample.docx.json)" \
  "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["tasks"]))' r1.json)"
check_grep "a GB2312 page named .txt is read as HTML in GB2312" '"encoding":"GB2312"' r2.json

# luoshi text prints what the spans count in: no chrome, no furniture
"$LUOSHI" text "$F/sample.html" > html.txt 2> html.err
check_grep "text: format and charset on stderr" 'html, UTF-8' html.err
check_nogrep "web page: navigation, tools, share buttons, footer dropped" \
  '^首页|当前位置|字号：|分享到|打印本页|关闭窗口|相关链接|备案号|浏览次数|主办单位|document\.write' html.txt
"$LUOSHI" text "$F/sample.docx" > docx.txt 2>/dev/null
check_grep "docx: automatic numbering written out (一、)" '^一、' docx.txt
check_grep "docx: automatic numbering written out (（一）)" '^（一）' docx.txt
check_grep "docx: table row with numbered cell" "$(printf '^1\\.\t')" docx.txt
check_grep "docx: footnotes after the body under 注释" '^注释$' docx.txt
check_nogrep "docx: page header not in the text" '^临江区2026年政府工作报告.+' docx.txt
for f in sample.pdf sample_news.pdf; do
  "$LUOSHI" text "$F/$f" > $f.txt 2>/dev/null
  check_nogrep "$f: page numbers and running headers dropped" '^— ?[0-9]+ ?—$|临江日报|星期二' $f.txt
  check_nogrep "$f: continuation markers joined" '[下上]转第|上接第' $f.txt
done
check_eq "PDF from Word: the same text as the .docx" "$(cat docx.txt)" "$(cat sample.pdf.txt)"

# bad files: one line that says what the file is and what to do
bad(){ # bad NAME PATTERN
  check_fail "$1 refused" "$LUOSHI" extract "$F/$1"
  "$LUOSHI" extract "$F/$1" > /dev/null 2> err.txt
  check_grep "$1: message" "$2" err.txt
  check_eq "$1: message is one line" 1 "$(wc -l < err.txt)"
}
bad corrupt.docx 'corrupt\.docx: a damaged zip file .*; if it is a Word document, ask for it again or save it again as \.docx$'
bad sheet.xlsx 'sheet\.xlsx: an Excel workbook \(\.xlsx\), not a report; import the report itself as \.docx, PDF or text$'
bad old.doc 'old\.doc: an old binary Word/Office file \(\.doc\); save it as \.docx or PDF and import that$'
bad encrypted.pdf 'encrypted\.pdf: encrypted PDF; ask for an unprotected copy$'
bad scanned.pdf 'scanned\.pdf: a scanned PDF with no text layer \(2 pages\); run OCR or ask for the text version$'
head -c 5000 "$F/sample.pdf" > truncated.pdf
check_fail "truncated PDF refused" "$LUOSHI" extract truncated.pdf
"$LUOSHI" extract truncated.pdf > /dev/null 2> err.txt
check_eq "truncated PDF: one line, no poppler noise" 1 "$(wc -l < err.txt)"
check_grep "truncated PDF: says damaged" '^truncated\.pdf: a damaged PDF' err.txt
