#!/usr/bin/env python3
# fill.py -- fill cells of an XLSX progress sheet as a person would in
# Excel, for the end-to-end tests:  fill.py IN.xlsx OUT.xlsx CELL=VALUE...
# VALUE "n:12.5" is a number, "s:text" a string (written as an inline
# string, as some programs do), "x:" empties the cell.  Only the first
# worksheet's XML is changed; its styles are kept.
import re, sys, zipfile
from xml.sax.saxutils import escape

src, dst, assigns = sys.argv[1], sys.argv[2], sys.argv[3:]
zin = zipfile.ZipFile(src)
sheet = 'xl/worksheets/sheet1.xml'
xml = zin.read(sheet).decode('utf-8')

def cell_xml(ref, style, value):
    s = f' s="{style}"' if style else ''
    kind, _, v = value.partition(':')
    if kind == 'n':
        return f'<c r="{ref}"{s}><v>{v}</v></c>'
    if kind == 's':
        return f'<c r="{ref}"{s} t="inlineStr"><is><t>{escape(v)}</t></is></c>'
    return f'<c r="{ref}"{s}/>'

def col_num(ref):
    n = 0
    for ch in re.match(r'[A-Z]+', ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n

for a in assigns:
    ref, _, value = a.partition('=')
    pat = re.compile(r'<c r="%s"(?: s="(\d+)")?(?: t="\w+")?\s*(?:/>|>.*?</c>)' % ref, re.S)
    m = pat.search(xml)
    if m:
        xml = xml[:m.start()] + cell_xml(ref, m.group(1), value) + xml[m.end():]
        continue
    row = re.match(r'[A-Z]+(\d+)', ref).group(1)
    rm = re.search(r'<row r="%s"[^>]*>(.*?)</row>' % row, xml, re.S)
    if not rm:
        sys.exit(f'fill.py: no row {row} in the sheet')
    cells = list(re.finditer(r'<c r="([A-Z]+)\d+"', rm.group(1)))
    at = rm.end(1)
    for c in cells:
        if col_num(c.group(1)) > col_num(ref):
            at = rm.start(1) + c.start()
            break
    xml = xml[:at] + cell_xml(ref, None, value) + xml[at:]

with zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = xml.encode('utf-8') if item.filename == sheet else zin.read(item.filename)
        zout.writestr(item, data)
