#!/bin/sh
# web_pages.sh -- what the pages and the API say: the plan at a glance,
# filters and Chinese full-text search, the source sentence highlighted in
# its paragraph, the unit's workspace (due, filed, returned, resubmitted,
# prefilled), the review queue, the decomposition review, the ranking of
# units, open data (CSV, JSON, Atom) and the JSON API's paging, filters,
# as_of and errors.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/e2e/web/setup.sh"
start_server
login_all
# jget PATH EXPR: a value from a JSON answer (python3 expression on j)
jget(){ curl -s "$B$1" > "$T/j"; python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print($2)" "$T/j"; }

# ---- the plan at a glance ----
st public GET / > /dev/null
check_grep "the home page names the plan" '<h1>某区' "$T/body"
check_grep "counts its six tasks" '<b>6</b><span>任务总数' "$T/body"
check_grep "draws progress by part as bars" '各部分进展.*<svg class=bar' "$T/body"
check_grep "and by section" '各板块进展' "$T/body"
check_eq "the page and the API agree on green" "$(jget /api/v1/status 'j["total"]["green"]')" \
  "$(grep -o 'status=green"><b>[0-9]*' "$T/body" | grep -o '[0-9]*$')"

# ---- the task list: filters and search ----
tasks(){ st public GET "/tasks?$1" > /dev/null; grep -o 'href="/task/[0-9]*"' "$T/body" | grep -o '[0-9]*' | tr '\n' ' ' | sed 's/ $//'; }
check_eq "search in Chinese (trigram index)" "2" "$(tasks 'q=%E8%80%81%E6%97%A7%E5%B0%8F%E5%8C%BA')"
check_eq "search with a two-character word" "4" "$(tasks 'q=%E5%85%AC%E8%B7%AF')"
check_eq "search with two words (both must be there)" "3" "$(tasks 'q=%E5%B9%BC%E5%84%BF%E5%9B%AD+%E5%AD%A6%E4%BD%8D')"
check_eq "a search without a hit" "" "$(tasks 'q=%E7%81%AB%E6%98%9F%E5%9F%BA%E5%9C%B0')"
check_grep "says so" '共0项符合条件' "$T/body"
check_eq "filter by part" "3 4 5 6" "$(tasks node=2)"
check_eq "filter by section" "4" "$(tasks node=2.2)"
check_eq "filter by unit (lead or co)" "2" "$(tasks unit=8)"
check_eq "filter: no quantitative target" "6" "$(tasks target=0)"
check_eq "filter: deadline month" "2" "$(tasks month=2026-06)"
check_eq "filters together" "3" "$(tasks 'node=2&target=1&month=2026-09')"

# ---- one task: its sentence in its paragraph ----
st public GET /task/2 > /dev/null
check_grep "the sentence is marked in the source" '<mark>全力完成<mark class=tg>30个</mark>老旧小区改造，<mark class=dl>6月底前</mark>完成主体工程' "$T/body"
check_grep "inside its paragraph" '<div class=src>[^<]+<mark>' "$T/body"
check_grep "the deadline in Chinese with its words" '2026年6月30日（原文：“6月底前”）' "$T/body"
check_grep "lead and co units link to their pages" '<a href="/unit/12">住建局</a>.*<a href="/unit/8">财政局</a>' "$T/body"
check_grep "the target table" '<td class=num>30个</td><td class=num>—</td>' "$T/body"

# ---- the unit's workspace ----
st zj GET /my > /dev/null
check_grep "due this period: February, by 10 March" '2026-02期</td><td>应于2026年3月10日' "$T/body"
check_grep "with a link to the form for that month" 'href="/report/2\?period=2026-02"' "$T/body"
expect "a report without a narrative is refused in Chinese" 400 zj POST /report/2 -F "csrf=$(tok zj)" \
  -F period=2026-02 -F kind=value -F value=10
check_grep "and says what is missing" '请填写进展情况' "$T/body"
check_grep "keeping what was typed" 'name=value inputmode=decimal size=10 aria-label=完成数 value="10"' "$T/body"
expect "a percent over 100 is refused" 400 zj POST /report/2 -F "csrf=$(tok zj)" -F period=2026-02 -F kind=percent -F percent=120 -F note=x
expect "a report for a month not begun is refused" 400 zj POST /report/2 -F "csrf=$(tok zj)" -F period=2026-05 -F kind=value -F value=3 -F note=x
expect "zj files February" 303 zj POST /report/2 -F "csrf=$(tok zj)" -F period=2026-02 -F kind=value -F value=10 -F "note=已开工10个小区"
check_grep "and lands on the task page" '^Location: /task/2\?msg=' "$T/head"
st zj GET /my > /dev/null
check_nogrep "February is no longer due" '2026-02期</td><td>应于' "$T/body"
check_grep "March is next, by 10 April" '2026-03期</td><td>应于2026年4月10日' "$T/body"
expect "filing the same month again waits for the review (409)" 409 zj POST /report/2 -F "csrf=$(tok zj)" -F period=2026-02 -F kind=value -F value=11 -F note=again
st sup GET /admin/queue > /dev/null
check_grep "the report is in the review queue" '已开工10个小区' "$T/body"
check_grep "with its value against the target" '老旧小区改造 10个（目标30个）' "$T/body"
expect "the office returns it with a reason" 303 sup POST /admin/review/1 --data-urlencode "csrf=$(tok sup)" \
  --data-urlencode action=return --data-urlencode "comment=请附照片"
expect "a return needs a reason" 400 sup POST /admin/review/1 --data-urlencode "csrf=$(tok sup)" --data-urlencode action=return
st zj GET /my > /dev/null
check_grep "the unit sees the returned report with its reason" '被退回待修改（1）.*请附照片' "$T/body"
st zj GET '/report/2?period=2026-02' > /dev/null
check_grep "the form says why it was returned" '2026-02期的报告被退回：请附照片' "$T/body"
check_grep "and is prefilled from the returned report" 'value="10"' "$T/body"
check_grep "its narrative too" '>已开工10个小区</textarea>' "$T/body"
printf '\211PNG\r\n\032\n0000' > "$T/site.png"
expect "zj fixes it and files again, with a photo" 303 zj POST /report/2 -F "csrf=$(tok zj)" -F period=2026-02 \
  -F kind=value -F value=1.2万 -F "note=已开工12个小区，附照片" -F "evidence=@$T/site.png"
check_eq "1.2万 is read as 12000" 12000.0 "$(sqlite3 "$LUOSHI_DB" 'SELECT value FROM report ORDER BY id DESC LIMIT 1')"
check_eq "the new report answers the returned one" 1 "$(sqlite3 "$LUOSHI_DB" 'SELECT resubmits FROM report ORDER BY id DESC LIMIT 1')"
expect "the office accepts it" 303 sup POST /admin/review/2 --data-urlencode "csrf=$(tok sup)" --data-urlencode action=accept
st public GET /task/2 > /dev/null
check_grep "the public sees the accepted report" '2026-02期</b> 老旧小区改造 完成 1.2万个' "$T/body"
check_nogrep "but not the returned one" '已开工10个小区' "$T/body"
check_grep "and its photo" 'href="/evidence/1">site.png</a>' "$T/body"
st zj GET /task/2 > /dev/null
check_grep "the unit sees the returned one with its reason" '退回理由：请附照片' "$T/body"
check_eq "the API shows the public one report" 1 "$(jget /api/v1/reports?task=2 'len(j["reports"])')"
got=$(curl -s -H "X-CSRF-Token: x" -b "$T/jar.zj" "$B/api/v1/reports?task=2" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["reports"]))')
check_eq "and the unit both" 2 "$got"
check_eq "the API gives the latest accepted value of the target" 12000.0 "$(jget /api/v1/tasks/2 'j["targets"][0]["actual"]["value"]')"

# ---- the decomposition review ----
st sup GET '/admin/decompose?plan=1' > /dev/null
check_grep "each task next to its source sentence" '<h3>原文</h3><div class=src>全力完成<mark class=tg>30个</mark>' "$T/body"
check_grep "with a form to change it" 'action="/admin/task/2"' "$T/body"
expect "change the lead and co units" 303 sup POST /admin/task/6 --data-urlencode "csrf=$(tok sup)" \
  --data-urlencode lead=公安分局 --data-urlencode co=财政局，应急管理局 --data-urlencode "back=/admin/decompose?plan=1#t6"
check_grep "back where the editor was, with a message" '^Location: /admin/decompose\?plan=1&msg=[^#]+#t6' "$T/head"
st public GET /task/6 > /dev/null
check_grep "the task page shows the new lead" '牵头单位：</b><a href="/unit/5">公安分局</a>' "$T/body"
check_eq "the ledger remembers what a person changed" "lead,co" "$(sqlite3 "$LUOSHI_DB" 'SELECT edited FROM task WHERE id=6')"
expect "an unchanged form changes nothing" 303 sup POST /admin/task/3 --data-urlencode "csrf=$(tok sup)" \
  --data-urlencode "text=新建幼儿园3所，新增学位1200个，9月底前投入使用。" --data-urlencode deadline=2026-09-30
check_eq "so task 3 is not marked edited" "" "$(sqlite3 "$LUOSHI_DB" 'SELECT edited FROM task WHERE id=3')"
expect "add a target" 303 sup POST /admin/target/0 --data-urlencode "csrf=$(tok sup)" --data-urlencode action=add \
  --data-urlencode task=6 --data-urlencode value=0 --data-urlencode "cmp=<=" --data-urlencode unit=起 --data-urlencode subject=较大事故
st public GET /task/6 > /dev/null
check_grep "the new target is on the task page" '较大事故：0起</td><td class=num>不超过0起' "$T/body"
expect "a bad value is refused" 400 sup POST /admin/target/0 --data-urlencode "csrf=$(tok sup)" --data-urlencode action=add \
  --data-urlencode task=6 --data-urlencode value=很多

# ---- a week later: the February reports are late ----
stop_server
LUOSHI_TODAY=2026-03-12; export LUOSHI_TODAY
start_server
login_all
st sup GET /admin > /dev/null
check_grep "the dashboard lists the yellow tasks with their reasons" '<h2 id=yellow>黄灯任务</h2><table.*2026-02期进展未报送' "$T/body"
check_nogrep "not the one reported on" 'href="/task/2">全力完成' "$T/body"
st sup GET /admin/units > /dev/null
check_grep "住建局 reported on time and ranks first" '<td class=num>1</td><td><a href="/unit/12">住建局</a></td><td class=num>1</td><td class=num>1</td><td class=num>1</td><td class=num>0</td><td class=num>100%</td>' "$T/body"
check_grep "交通运输局 did not" '<a href="/unit/13">交通运输局</a></td><td class=num>1</td><td class=num>1</td><td class=num>0</td><td class=num>0</td><td class=num>0%</td>' "$T/body"
st public GET / > /dev/null
check_grep "the home page says what changed since last month" '较上月变化.*与2026年2月10日相比' "$T/body"
check_grep "task by task" '<span class="badge g">绿灯</span> → <span class="badge y">黄灯</span>' "$T/body"

# ---- open data ----
st public GET /data/tasks.csv > /dev/null
check_grep "CSV as a download" '^Content-Disposition: attachment; filename="tasks.csv"' "$T/head"
check_eq "with a BOM, a header and six rows" 7 "$(wc -l < "$T/body" | tr -d ' ')"
check_eq "that spreadsheets read as UTF-8" "efbbbf" "$(head -c 3 "$T/body" | od -An -tx1 | tr -d ' \n')"
check_grep "a row per task with its status" '^"2","1.2.1","全力完成30个老旧小区改造.*","住建局","财政局、各镇（街道）","2026-06-30","6月底前","绿"' "$T/body"
check_eq "JSON with the six tasks" 6 "$(jget /data/tasks.json 'len(j["tasks"])')"
st public GET /feed.atom > /dev/null
check_grep "the Atom feed has the accepted report" '<entry><title>1.2.1 2026-02期进展：完成1.2万个</title>' "$T/body"
check_grep "linking to the task" '<link href="http://127.0.0.1:[0-9]+/task/2"/>' "$T/body"
python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$T/body"
check_eq "the feed is well-formed XML" 0 $?

# ---- the API ----
check_eq "paging: total" 6 "$(jget '/api/v1/tasks?per_page=2&page=2' 'j["total"]')"
check_eq "paging: the second page" "[3, 4]" "$(jget '/api/v1/tasks?per_page=2&page=2' '[t["id"] for t in j["tasks"]]')"
check_eq "status filter" "[2]" "$(jget '/api/v1/tasks?status=green' '[t["id"] for t in j["tasks"]]')"
check_eq "unit filter (lead or co)" "[2, 6]" "$(jget '/api/v1/tasks?unit=8' '[t["id"] for t in j["tasks"]]')"
check_eq "search" "[3]" "$(jget '/api/v1/tasks?q=%E5%B9%BC%E5%84%BF%E5%9B%AD' '[t["id"] for t in j["tasks"]]')"
check_eq "as_of: all green on 2026-02-15" 6 "$(jget '/api/v1/status?as_of=2026-02-15' 'j["total"]["green"]')"
check_eq "and fewer today" 1 "$(jget /api/v1/status 'j["total"]["green"]')"
check_eq "as_of on the task list" "green" "$(jget '/api/v1/tasks?as_of=2026-02-15&node=2.2' 'j["tasks"][0]["status"]["colour"]')"
check_eq "a reason in words" "True" "$(jget /api/v1/tasks/4 '"2026-02期进展未报送" in j["status"]["reason"]')"
check_eq "the source sentence" "改建农村公路40公里，新开通城乡公交线路2条。" "$(jget /api/v1/tasks/4 'j["source"]')"
check_eq "errors are JSON with a code and a message" "404 unknown task 99" "$(jget /api/v1/tasks/99 'j["error"]["code"], j["error"]["message"]' | tr -d "(),'")"
check_eq "the outline" "True" "$(jget /api/v1/plans/1/nodes 'any(n["seq"]=="2.2" for n in j["nodes"])')"
check_eq "the public is told what it may do" "['read']" "$(jget /api/v1/me 'j["may"]')"
stop_server
