#!/usr/bin/env python3
# mkfixture.py -- write mini_report.json, the hand-made extraction (the
# contract of ../shared/contract/extract.md) of mini_report.txt, with spans
# counted in code points.  Run it after changing the report:
#   python3 tests/e2e/ledger/mkfixture.py
import hashlib, json, os
here = os.path.dirname(os.path.abspath(__file__))
raw = open(os.path.join(here, "mini_report.txt"), "rb").read()
src = raw.decode("utf-8")

def span(text, after=0):
    i = src.index(text, after)
    return [i, i + len(text)]

nodes = []
def node(label, title, parent, level, part):
    s = span(label + title)
    nodes.append({"id": "n%d" % (len(nodes) + 1), "parent": parent, "level": level,
                  "label": label, "title": title, "span": s, "inferred": False, "part": part})
    return nodes[-1]["id"]

review = node("一、", "2025年工作回顾", None, 1, "review")
plan = node("二、", "2026年工作安排", None, 1, "plan")
s1 = node("（一）", "持续扩大有效投资", plan, 2, "plan")
s1a = node("一是", "抓好项目建设", s1, 3, "plan")
s1b = node("二是", "改善城市面貌", s1, 3, "plan")
s2 = node("（二）", "办好民生实事", plan, 2, "plan")
s2a = node("一是", "发展教育事业", s2, 3, "plan")
s2b = node("二是", "提升交通条件", s2, 3, "plan")
s2c = node("三是", "稳定扩大就业", s2, 3, "plan")
s2d = node("四是", "加强安全生产", s2, 3, "plan")

tasks = []
def task(nd, text, targets, deadline=None):
    s = span(text)
    tg = []
    for (t, subject, value, unit, cmp, strength) in targets:
        tg.append({"span": span(t, s[0]), "text": t, "subject": subject, "value": value,
                   "unit": unit, "cmp": cmp, "strength": strength})
    if deadline:
        d = {"date": deadline[1], "text": deadline[0], "explicit": True, "span": span(deadline[0], s[0])}
    else:
        d = {"date": "2026-12-31", "text": None, "explicit": False}
    tasks.append({"id": "t%d" % (len(tasks) + 1), "node": nd, "span": s, "text": text,
                  "targets": tg, "deadline": d, "departments": []})

task(s1a, "全年实施重点项目50个，完成固定资产投资80亿元以上。",
     [("50个", "重点项目", 50, "个", "=", "plain"), ("80亿元以上", "固定资产投资", 8000000000, "元", ">=", "must")])
task(s1b, "全力完成30个老旧小区改造，6月底前完成主体工程（牵头单位：住建局；责任单位：财政局、各镇（街道））。",
     [("30个", "老旧小区改造", 30, "个", "=", "must")], ("6月底前", "2026-06-30"))
task(s2a, "新建幼儿园3所，新增学位1200个，9月底前投入使用。",
     [("3所", "幼儿园", 3, "所", "=", "plain"), ("1200个", "学位", 1200, "个", "=", "plain")], ("9月底前", "2026-09-30"))
task(s2b, "改建农村公路40公里，新开通城乡公交线路2条。",
     [("40公里", "农村公路", 40, "公里", "=", "plain"), ("2条", "城乡公交线路", 2, "条", "=", "plain")])
task(s2c, "城镇新增就业3000人以上（牵头单位：人社厅）。",
     [("3000人以上", "城镇新增就业", 3000, "人", ">=", "plain")])
task(s2d, "深化安全生产治本攻坚，坚决遏制重特大事故发生。", [])

out = {"luoshi_extract": 1,
       "source": {"name": "mini_report.txt", "sha256": hashlib.sha256(raw).hexdigest(),
                  "encoding": "UTF-8", "format": "txt", "chars": len(src)},
       "year": 2026, "year_from": "report", "title": "某区2026年政府工作报告",
       "nodes": nodes, "tasks": tasks, "skipped": []}
with open(os.path.join(here, "mini_report.json"), "w") as f:
    json.dump(out, f, ensure_ascii=False, indent=1)
    f.write("\n")
