#!/usr/bin/env python3
"""extract_spans.py BINARY FILE... -- check the span invariants of
`luoshi extract --json` on each FILE (prints TAP):
  - the JSON parses and has the contract's top-level fields;
  - every span lies inside the source text, start <= end;
  - a target's text is exactly the source text at its span, and a node's
    label and title are the source at its span once furniture and the line
    breaks of a join are removed;
  - a task's text equals the source at its span once the skipped furniture
    inside the span and the line breaks of a page-break join are removed;
  - every task has a valid deadline date;
  - tasks and skipped items appear in document order.
"""
import json, re, subprocess, sys

def check(binary, path):
    raw = open(path, 'rb').read()
    text = raw.decode('utf-8-sig')
    out = subprocess.run([binary, 'extract', '--json', path], capture_output=True)
    if out.returncode != 0:
        return [f"exit {out.returncode}: {out.stderr.decode()[:200]}"]
    d = json.loads(out.stdout)
    bad = []
    for k in ('luoshi_extract', 'source', 'year', 'nodes', 'tasks', 'skipped'):
        if k not in d: bad.append(f"missing field {k}")
    n = len(text)
    if d['source']['chars'] != n: bad.append(f"chars {d['source']['chars']} != {n}")
    skips = [tuple(s['span']) for s in d['skipped']]
    def ok_span(sp):
        return isinstance(sp, list) and len(sp) == 2 and 0 <= sp[0] <= sp[1] <= n
    def strip(sp):
        s, e = sp
        parts, i = [], s
        for a, b in sorted(skips):
            if b <= s or a >= e: continue
            parts.append(text[i:max(a, i)]); i = max(i, b)
        parts.append(text[i:e])
        return re.sub(r'\s*\n\s*', '', ''.join(parts))
    for nd in d['nodes']:
        if not ok_span(nd['span']): bad.append(f"node span {nd['span']}"); continue
        got = strip(nd['span']).replace(' ', '')
        if not got.startswith(nd['label'].replace(' ', '')) or nd['title'].replace(' ', '') not in got:
            bad.append(f"node text {got!r} vs {nd['label']}{nd['title']}")
    last = -1
    for t in d['tasks']:
        if not ok_span(t['span']): bad.append(f"task span {t['span']}"); continue
        if t['span'][0] < last: bad.append(f"task out of order at {t['span']}")
        last = t['span'][0]
        got = strip(t['span'])
        if got.replace(' ', '') != t['text'].replace(' ', ''):
            bad.append(f"task text {t['text'][:40]!r} != source {got[:40]!r}")
        if not re.fullmatch(r'\d{4}-\d\d-\d\d', t['deadline']['date']):
            bad.append(f"deadline {t['deadline']}")
        for g in t['targets']:
            if not ok_span(g['span']): bad.append(f"target span {g['span']}"); continue
            s, e = g['span']
            if text[s:e] != g['text']: bad.append(f"target {g['text']!r} != source {text[s:e]!r}")
            if not (t['span'][0] <= s and e <= t['span'][1]): bad.append(f"target {g['text']!r} outside its task")
    last = -1
    for s in d['skipped']:
        if not ok_span(s['span']): bad.append(f"skip span {s['span']}"); continue
        if s['span'][0] < last: bad.append(f"skip out of order {s['span']}")
        last = s['span'][0]
        a, b = s['span']
        if re.sub(r'\s', '', text[a:b]) != re.sub(r'\s', '', s['text']) and '&' not in text[a:b] and '\\' not in text[a:b]:
            bad.append(f"skip text {s['text'][:30]!r} != source {text[a:b][:30]!r}")
    return bad

binary = sys.argv[1]
for path in sys.argv[2:]:
    bad = check(binary, path)
    print(("ok" if not bad else "not ok") + f" - spans of {path}")
    for b in bad[:10]: print("#  " + b)
