# formats.sh -- speed of the format readers (issue #6): PDF pages/s, HTML
# MB/s, DOCX MB/s.  `luoshi text` (reading only, no extraction) on inputs
# made from the fixtures, big enough for a few seconds of work:
#   PDF   tests/fixtures/sample.pdf (LibreOffice, one column) and
#         sample_news.pdf (Chromium, two columns), each joined 60 times
#         with pdfunite into one file
#   HTML  tests/fixtures/sample.html with its article repeated 500 times in
#         one page (about 36 MB), read 3 times; the GB2312 page likewise
#   DOCX  tests/fixtures/sample.docx, 200 runs (process start included)
# Figures are printed, never asserted.
top=$(cd "$(dirname "$0")/.." && pwd)
B=$top/build/luoshi
F=$top/tests/fixtures
T=$(mktemp -d "${TMPDIR:-/tmp}/luoshi-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT

# now: seconds since the epoch, with nanoseconds
now(){ date +%s.%N; }

for f in sample sample_news; do
  set --
  for i in $(seq 60); do set -- "$@" "$F/$f.pdf"; done
  pdfunite "$@" "$T/$f-big.pdf"
  pages=$(pdfinfo "$T/$f-big.pdf" | awk '/^Pages:/{print $2}')
  t0=$(now); "$B" text "$T/$f-big.pdf" > "$T/out.txt" 2>/dev/null; t1=$(now)
  echo "command: pdfunite 60 x tests/fixtures/$f.pdf > big.pdf; build/luoshi text big.pdf"
  awk -v p="$pages" -v a="$t0" -v b="$t1" -v f="$f.pdf" \
    'BEGIN{ printf "pdf  %-16s %5d pages in %.2f s: %.0f pages/s\n", f, p, b-a, p/(b-a) }'
done

cat > "$T/big.py" <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
start = data.index(b'<div id="zoom"')
start = data.index(b">", start) + 1
end = data.index(b'<div class="article-tools">')
open(sys.argv[2], "wb").write(data[:start] + data[start:end] * 500 + data[end:])
EOF
for f in sample sample_gb; do
  python3 "$T/big.py" "$F/$f.html" "$T/$f-big.html"
  size=$(($(wc -c < "$T/$f-big.html") * 3))
  t0=$(now)
  for i in 1 2 3; do "$B" text "$T/$f-big.html" > "$T/out.txt" 2>/dev/null; done
  t1=$(now)
  echo "command: 3 x build/luoshi text big.html   (tests/fixtures/$f.html, article x500)"
  awk -v s="$size" -v a="$t0" -v b="$t1" -v f="$f.html" \
    'BEGIN{ printf "html %-16s %5.1f MB in %.2f s: %.1f MB/s\n", f, s/1e6, b-a, s/1e6/(b-a) }'
done

size=$(wc -c < "$F/sample.docx")
t0=$(now)
for i in $(seq 200); do "$B" text "$F/sample.docx" > "$T/out.txt" 2>/dev/null; done
t1=$(now)
echo "command: 200 x build/luoshi text tests/fixtures/sample.docx"
awk -v s="$size" -v a="$t0" -v b="$t1" \
  'BEGIN{ printf "docx sample.docx       %5.1f MB in %.2f s: %.1f MB/s (%.0f files/s, process start included)\n", 200*s/1e6, b-a, 200*s/1e6/(b-a), 200/(b-a) }'
