#!/bin/sh
# brief.sh -- the supervision briefing (督查通报) on a deterministic ledger
# (tests/e2e/brief/ledger.sh: 50 tasks of the sample report, three months
# of reports, a return, a close) as of a fixed date:
#   - golden: its content as text equals tests/e2e/brief/expected.txt
#     (BRIEF_UPDATE=1 sh tests/e2e/brief.sh rewrites it -- read the diff);
#   - the HTML page (sections, SVG chart, escaping) and the default dates;
#   - the DOCX: its parts are well-formed XML, A4 with the GB/T 9704
#     margins and fonts, the chart a PNG, the same bytes twice; LibreOffice
#     converts it to PDF whose text and page count are checked;
#   - screenshots of the DOCX's first page (via the PDF) and of the HTML
#     page (headless Chromium) are kept in build/test-results/.
# The ledger is built with the fast binary ($LUOSHI_FAST) on a tmpfs when
# there is one: the briefing under test runs on $LUOSHI.
[ -w /dev/shm ] && TMPDIR=/dev/shm && export TMPDIR
. "$(dirname "$0")/lib.sh"
B=$TOP/tests/e2e/brief
OUT=$TOP/build/test-results
mkdir -p "$OUT"
LB=${LUOSHI_FAST:-$LUOSHI}
[ -x "$LB" ] || LB=$LUOSHI
. "$B/ledger.sh"
at 2026-07-20
L(){ "$LUOSHI" "$@"; }

# ---- golden: the content as text ----
check "the June briefing as text" L brief --period 2026-06 --format text -o "$T/brief.txt" --as dc
if [ -n "$BRIEF_UPDATE" ]; then
  cp "$T/brief.txt" "$B/expected.txt"
  echo "# rewrote $B/expected.txt"
fi
if diff -u "$B/expected.txt" "$T/brief.txt" > "$T/diff"; then
  ok "the briefing's content equals tests/e2e/brief/expected.txt"
else
  notok "the briefing's content equals tests/e2e/brief/expected.txt"
  head -40 "$T/diff" | sed 's/^/# /'
fi
check_grep "as of the day after the June reports were due" '对截至2026年7月11日的推进情况' "$T/brief.txt"
check_grep "the previous briefing is the May one" '与上期（截至2026年6月11日）相比' "$T/brief.txt"
check_grep "a returned report is a reason" '2026-06期进展被退回' "$T/brief.txt"
check_grep "a missing report names its unit" '（三）按时报送进展。城管局、信访局、应急管理局' "$T/brief.txt"
check_grep "the closed task is a change" '^\| A8\.1 \|.*\| 黄 \| 已销号 \|$' "$T/brief.txt"

# other dates: the latest month whose reports were due, the past
L brief --as-of 2026-06-15 --format text --as dc > "$T/may.txt"
check_grep "--as-of alone takes the month due before it" '（2026年第5期）' "$T/may.txt"
check_grep "and words the status on that day" '截至2026年6月15日' "$T/may.txt"
L brief --period 2026-03 --format text --as dc > "$T/mar.txt"
check_grep "the first briefing has nothing to compare" '本期为首期通报' "$T/mar.txt"
check_fail "a bad period is refused" L brief --period 2026-6 --as dc
check_fail "a period not begun is refused" L brief --period 2026-09 --as dc
check_fail "an unknown format is refused" L brief --format pdf -o "$T/x.pdf" --as dc
check_fail "a docx needs a file" L brief --format docx --as dc

# ---- HTML ----
# a task's text with markup in it: escaped in HTML and in the DOCX's XML
check "a task text with markup" L task edit 2.8.2.5 --text '加强网络安全<script>alert(1)</script> & “清朗”网络空间' --as dc
check "the June briefing as HTML" L brief --period 2026-06 -o "$T/brief.html" --as dc
for h in 一、总体进展 二、分领域推进情况 三、责任单位排名 '四、滞后任务（红灯/黄灯）及原因' 五、与上期相比的变化 六、下一步工作要求; do
  check_grep "HTML has $h" "<h2>$h</h2>" "$T/brief.html"
done
check_grep "HTML: 文号 and title" '<p class="number">临政办督〔2026〕X号</p>' "$T/brief.html"
check_grep "HTML: the chart is inline SVG" '<svg class="chart"' "$T/brief.html"
check_grep "HTML: fonts as 公文 wants, with fallbacks" '"仿宋_GB2312",.*"Noto Serif CJK SC"' "$T/brief.html"
check_grep "HTML: task text is escaped" '加强网络安全&lt;script&gt;alert\(1\)&lt;/script&gt; &amp; “清朗”' "$T/brief.html"
check_nogrep "HTML: no markup from data" '<script' "$T/brief.html"
L brief --period 2026-06 --number '临政办督〔2026〕7号' --format text --as dc > "$T/num.txt"
check_grep "--number sets the 文号" '^临政办督〔2026〕7号$' "$T/num.txt"

# ---- DOCX ----
check "the June briefing as DOCX" L brief --period 2026-06 -o "$T/brief.docx" --as dc
L brief --period 2026-06 -o "$T/brief2.docx" --as dc
check "the same briefing gives the same bytes" cmp "$T/brief.docx" "$T/brief2.docx"
check "every part of the DOCX is well-formed XML" python3 -c '
import sys, zipfile, xml.dom.minidom
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
for n in ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
          "word/_rels/document.xml.rels", "word/footer1.xml", "word/media/chart1.png"]:
    assert n in names, n
for n in names:
    if n.endswith(".xml") or n.endswith(".rels"):
        xml.dom.minidom.parseString(z.read(n))
assert z.read("word/media/chart1.png")[:8] == b"\x89PNG\r\n\x1a\n"
' "$T/brief.docx"
unzip -p "$T/brief.docx" word/document.xml > "$T/document.xml"
unzip -p "$T/brief.docx" word/styles.xml > "$T/styles.xml"
unzip -p "$T/brief.docx" word/fontTable.xml > "$T/fonts.xml"
check_grep "DOCX: A4" '<w:pgSz w:w="11906" w:h="16838"/>' "$T/document.xml"
check_grep "DOCX: GB/T 9704 margins (37/26/35/28 mm)" '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"' "$T/document.xml"
check_grep "DOCX: title 二号 方正小标宋" 'w:styleId="GwTitle".*w:eastAsia="方正小标宋简体".*<w:sz w:val="44"/>' "$T/styles.xml"
check_grep "DOCX: body 三号 仿宋_GB2312" 'w:eastAsia="仿宋_GB2312".*<w:sz w:val="32"/>' "$T/styles.xml"
check_grep "DOCX: fonts fall back to Noto CJK" 'w:name="仿宋_GB2312"><w:altName w:val="Noto Serif CJK SC"/>' "$T/fonts.xml"
unzip -p "$T/brief.docx" word/footer1.xml > "$T/footer1.xml"
check_grep "DOCX: page numbers in the footer" '<w:instrText xml:space="preserve"> PAGE </w:instrText>' "$T/footer1.xml"
check_grep "DOCX: task text is escaped" '加强网络安全&lt;script&gt;alert\(1\)&lt;/script&gt; &amp; “清朗”' "$T/document.xml"
check_grep "DOCX: the chart is embedded" 'r:embed="rIdImg1"' "$T/document.xml"

# ---- LibreOffice: DOCX to PDF ----
if command -v soffice > /dev/null 2>&1; then
  mkdir -p "$T/pdf"
  FONTCONFIG_FILE=$B/fonts.conf HOME=$T timeout 120 soffice -env:UserInstallation="file://$T/lo" \
    --headless --convert-to pdf --outdir "$T/pdf" "$T/brief.docx" > "$T/lo.log" 2>&1
  if [ -s "$T/pdf/brief.pdf" ]; then
    ok "LibreOffice converts the DOCX to PDF"
    pdftotext -layout "$T/pdf/brief.pdf" "$T/pdf.txt"
    tr -d ' \n' < "$T/pdf.txt" > "$T/pdf.flat"
    for w in 临政办督〔2026〕X号 临江区人民政府办公室关于2026年政府工作报告重点任务推进情况的通报 '（2026年第6期）' \
             一、总体进展 共分解重点任务50项 表2分领域推进情况 图1各领域任务状态分布 三、责任单位排名 \
             四、滞后任务 '【2.8.1.2】汛期前完成沿江12处排涝泵站检修' 五、与上期相比的变化 六、下一步工作要求 \
             临江区人民政府办公室2026年7月11日; do
      check_grep "the PDF has $w" "$w" "$T/pdf.flat"
    done
    pages=$(pdfinfo "$T/pdf/brief.pdf" | awk '/^Pages:/{print $2}')
    echo "# the DOCX is $pages pages in LibreOffice"
    check "the PDF has 5 to 15 pages" test "$pages" -ge 5 -a "$pages" -le 15
    pdfinfo "$T/pdf/brief.pdf" > "$T/pdfinfo"
    check_grep "the PDF pages are A4" 'Page size: +595\.[0-9]+ x 841\.[0-9]+ pts \(A4\)' "$T/pdfinfo"
    check_grep "the page numbers are in the PDF" '—2—' "$T/pdf.flat"
    pdffonts "$T/pdf/brief.pdf" > "$T/pdffonts"
    check_grep "the fallback fonts are used" 'NotoSerifCJK' "$T/pdffonts"
    rm -f "$OUT/brief-docx-page1.png"
    pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$T/pdf/brief.pdf" "$OUT/brief-docx-page1"
    check "screenshot of the DOCX's first page" test -s "$OUT/brief-docx-page1.png"
  else
    notok "LibreOffice converts the DOCX to PDF"
    sed 's/^/# /' "$T/lo.log" | head -10
  fi
else
  ok "# SKIP LibreOffice (soffice) is not installed"
fi

# ---- Chromium: the HTML page ----
if command -v chromium > /dev/null 2>&1; then
  rm -f "$OUT/brief-html.png"
  FONTCONFIG_FILE=$B/fonts.conf HOME=$T timeout 60 chromium --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$T/chromium" --screenshot="$OUT/brief-html.png" --window-size=1240,1754 \
    "file://$T/brief.html" > "$T/chromium.log" 2>&1
  check "screenshot of the HTML briefing" test -s "$OUT/brief-html.png"
else
  ok "# SKIP Chromium is not installed"
fi
