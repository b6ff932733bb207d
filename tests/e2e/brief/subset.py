#!/usr/bin/env python3
# subset.py -- keep part of the sample report's extraction for the
# briefing's golden ledger: the first 20 tasks of （四）城市更新, the first
# 15 of （八）安全稳定, and the ten 民生实事 (all of them).  Reads the
# contract JSON on stdin, writes it on stdout; the outline is kept whole,
# the skipped text left out.  It made tests/e2e/brief/report.json:
#   build/luoshi extract --year 2026 --json examples/sample.txt \
#     | python3 tests/e2e/brief/subset.py > tests/e2e/brief/report.json
# (frozen, so that the golden briefing does not move with the extractor).
import json, sys

d = json.load(sys.stdin)
nodes = {n['id']: n for n in d['nodes']}

def ancestors(nid):
    out = []
    while nid:
        out.append(nodes[nid])
        nid = nodes[nid].get('parent')
    return out

keep, count = [], {}
for t in d['tasks']:
    titles = [n.get('title', '') for n in ancestors(t['node'])]
    key = None
    if any(x.startswith('聚焦城市更新') for x in titles):
        key = 'city'
    elif any(x.startswith('聚焦安全稳定') for x in titles):
        key = 'safety'
    elif any('民生实事' in x for x in titles):
        key = 'ten'
    if key is None:
        continue
    count[key] = count.get(key, 0) + 1
    if (key == 'city' and count[key] > 20) or (key == 'safety' and count[key] > 15):
        continue
    keep.append(t)
d['tasks'] = keep
d['skipped'] = []
json.dump(d, sys.stdout, ensure_ascii=False, indent=1)
