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

# ---- the briefing (督查通报), on 12 March: February's reports were due on the 10th ----
st sup GET /admin/brief > /dev/null
check_grep "the dashboard links the briefing" '<a href="/admin/brief">督查通报</a>|<b>督查通报</b>' "$T/body"
check_grep "the briefing's title" '<h1>某区人民政府办公室关于2026年政府工作报告重点任务推进情况的通报<br>（2026年第2期）</h1>' "$T/body"
check_grep "by default the latest month whose reports were due, as of today" '2026年第2期 · 2026年2月进展 · 数据截至2026年3月12日' "$T/body"
check_grep "the late task with the status engine's reason" '2\.2\.1.*2026-02期进展未报送' "$T/body"
check_grep "inside the site, with the briefing's stylesheet" '<link rel=stylesheet href=/static/gongwen.css><div class="scroll brief"><article class="gongwen">' "$T/body"
check_grep "its chart's inline style allowed by its hash, and nothing else" "^Content-Security-Policy: default-src 'none'; style-src 'self' 'sha256-[A-Za-z0-9+/=]+'; style-src-attr 'unsafe-inline';" "$T/head"
"$LUOSHI" brief --as sup > "$T/cli.html"
article(){ python3 -c 'import re,sys; print(re.search(r"<article class=\"gongwen\">.*</article>", open(sys.argv[1], encoding="utf-8").read(), re.S).group(0))' "$1"; }
article "$T/body" > "$T/page-article"
article "$T/cli.html" > "$T/cli-article"
check "the page shows the same briefing as luoshi brief" cmp "$T/page-article" "$T/cli-article"
check_grep "with links to download it" 'href="/admin/brief.docx">下载Word（.docx）</a> <a class=btn href="/admin/brief.html">' "$T/body"
st sup GET '/admin/brief?period=2026-02&as_of=2026-03-05&number=%E6%9F%90%E5%8A%9E%E7%9D%A3%E3%80%942026%E3%80%952%E5%8F%B7' > /dev/null
check_grep "a chosen period, date and 文号" '<p class="number">某办督〔2026〕2号</p>' "$T/body"
check_grep "taken on that date" '数据截至2026年3月5日' "$T/body"
check_grep "the downloads keep the choice" 'href="/admin/brief.docx\?period=2026-02&amp;as_of=2026-03-05&amp;number=%E6%9F%90' "$T/body"
check_grep "the form keeps it too" 'name=period value="2026-02"' "$T/body"
expect "a month that is no month is refused" 400 sup GET '/admin/brief?period=2026-13'
check_grep "saying so in Chinese" '报告期应为年月' "$T/body"
expect "a period before the plan year is refused" 400 sup GET '/admin/brief?period=2025-12'
check_grep "saying why" 'before the plan year 2026' "$T/body"
expect "the Word download" 200 sup GET '/admin/brief.docx?period=2026-02'
check_grep "has the Word content type" '^Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document' "$T/head"
check_grep "is an attachment named by its issue" "^Content-Disposition: attachment; filename=\"brief-2026-02.docx\"; filename\*=UTF-8''%E7%9D%A3%E6%9F%A5%E9%80%9A%E6%8A%A5-2026%E5%B9%B4%E7%AC%AC2%E6%9C%9F.docx" "$T/head"
check_eq "is a zip (PK)" "PK" "$(head -c 2 "$T/body")"
cp "$T/body" "$T/brief.docx"
unzip -p "$T/brief.docx" word/document.xml > "$T/document.xml" 2>/dev/null
check_grep "a Word document with the title" '关于2026年政府工作报告重点任务推进情况的通报' "$T/document.xml"
"$LUOSHI" brief --period 2026-02 --as sup -o "$T/cli.docx" > /dev/null
check "the same bytes as luoshi brief -o FILE.docx" cmp "$T/brief.docx" "$T/cli.docx"
expect "the web-page download" 200 sup GET '/admin/brief.html?period=2026-02'
check_grep "is HTML" '^Content-Type: text/html; charset=utf-8' "$T/head"
check_grep "as an attachment" '^Content-Disposition: attachment; filename="brief-2026-02.html"' "$T/head"
check_grep "sandboxed" "^Content-Security-Policy: .*; sandbox" "$T/head"
check_grep "a whole page with its own stylesheet" '^<!DOCTYPE html>' "$T/body"
check_grep "and the title" '关于2026年政府工作报告重点任务推进情况的通报' "$T/body"
st boss GET /admin/brief > /dev/null
check_grep "a leader reads it too" '重点任务推进情况的通报' "$T/body"

# ---- the progress sheet in the unit workspace ----
st zj GET /my > /dev/null
check_grep "the workspace offers the sheet for the month due (March)" '<option value="2026-03" selected>2026-03</option>' "$T/body"
check_grep "and an upload with the form token" 'method=post enctype=multipart/form-data action=/my/sheet><input type=hidden name=csrf value=' "$T/body"
expect "zj downloads the March sheet" 200 zj GET '/my/sheet.xlsx?period=2026-03'
check_grep "as XLSX" '^Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' "$T/head"
check_grep "as an attachment" '^Content-Disposition: attachment; filename="sheet-2026-03.xlsx"' "$T/head"
cp "$T/body" "$T/zj3.xlsx"
check_eq "a zip (PK)" "PK" "$(head -c 2 "$T/zj3.xlsx")"
unzip -p "$T/zj3.xlsx" xl/workbook.xml > "$T/wb.xml" 2>/dev/null
check_grep "a workbook with the sheet 进展填报" 'sheet name="进展填报"' "$T/wb.xml"
unzip -p "$T/zj3.xlsx" xl/sharedStrings.xml > "$T/ss.xml" 2>/dev/null
check_grep "of 住建局 for March, with its task" '住建局.*2026-03.*全力完成30个老旧小区改造' "$T/ss.xml"
check_nogrep "and no task of another unit" '改建农村公路' "$T/ss.xml"
nrep(){ sqlite3 "$LUOSHI_DB" 'SELECT count(*) FROM report'; }
n0=$(nrep)
python3 "$TOP/tests/e2e/sheet/fill.py" "$T/zj3.xlsx" "$T/zj3-bad.xlsx" F5=s:十五 "H5=s:完成十五个"
expect "a sheet with text in a number cell is refused" 400 zj POST /my/sheet -F "csrf=$(tok zj)" -F "file=@$T/zj3-bad.xlsx"
check_grep "naming the cell and the reason" '<td class=seq>F5</td><td>本期完成值“十五”不是数字</td>' "$T/body"
check_grep "saying nothing was imported" '本次没有导入任何一行' "$T/body"
check_eq "and nothing was filed" "$n0" "$(nrep)"
printf 'not a workbook\n' > "$T/not.xlsx"
expect "a file that is not XLSX is refused" 400 zj POST /my/sheet -F "csrf=$(tok zj)" -F "file=@$T/not.xlsx"
check_grep "saying so" '整个文件</td><td>.*not an XLSX file' "$T/body"
expect "an upload without a file is refused" 400 zj POST /my/sheet -F "csrf=$(tok zj)"
python3 "$TOP/tests/e2e/sheet/fill.py" "$T/zj3.xlsx" "$T/zj3-filled.xlsx" F5=n:15 "H5=s:三月新开工3个小区"
expect "the filled sheet is uploaded" 303 zj POST /my/sheet -F "csrf=$(tok zj)" -F "file=@$T/zj3-filled.xlsx"
st zj GET "$(sed -n 's/^Location: //p' "$T/head" | tr -d '\r')" > /dev/null
check_grep "the workspace says it filed one report" '<p class=flash>填报表（住建局 2026-03期）已导入：新报送1条；已填报过，未重复导入0条；未填写进展0行。' "$T/body"
check_eq "one report more in the ledger" "$((n0+1))" "$(nrep)"
check_eq "filed by zj for March with the sheet's narrative" "2026-03|15.0|zj" \
  "$(sqlite3 "$LUOSHI_DB" "SELECT r.period, r.value, u.login FROM report r JOIN user u ON u.id=r.author_id WHERE r.note='三月新开工3个小区'")"
expect "the same sheet uploaded again" 303 zj POST /my/sheet -F "csrf=$(tok zj)" -F "file=@$T/zj3-filled.xlsx"
st zj GET "$(sed -n 's/^Location: //p' "$T/head" | tr -d '\r')" > /dev/null
check_grep "files nothing: it was already filed" '新报送0条；已填报过，未重复导入1条' "$T/body"
check_eq "no report doubled" "$((n0+1))" "$(nrep)"
st sup GET /admin/queue > /dev/null
check_grep "the sheet's report waits in the review queue" '三月新开工3个小区' "$T/body"

# ---- reminders (催办): a receiver that answers and one that is down ----
S=$T/sink
mkdir -p "$S"
python3 "$TOP/tests/e2e/remind_sink.py" "$S" > "$S/out" 2>&1 &
SINK=$!
trap '[ -n "$SERVER_PID" ] && kill -KILL "$SERVER_PID" 2>/dev/null; kill $SINK 2>/dev/null; rm -rf "$T"' EXIT
i=0; while [ ! -s "$S/ports" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
read HP SP < "$S/ports"
"$LUOSHI" remind set remind_retry_seconds 0 --as admin > /dev/null
"$LUOSHI" remind set remind_retry_max 1 --as admin > /dev/null
"$LUOSHI" channel add --unit 交通运输局 --role contact --kind webhook --to "http://127.0.0.1:$HP/hook" --name 交通局值班群 --as admin > /dev/null
"$LUOSHI" channel add --unit 交通运输局 --role contact --kind webhook --to "http://127.0.0.1:$HP/down" --name 交通局旧群 --as admin > /dev/null
"$LUOSHI" channel add --office --kind dingtalk --to "http://127.0.0.1:1/robot/send?access_token=tok-office-secret" --name 督查室群 --as admin > /dev/null
"$LUOSHI" remind --as sup > "$T/remind.out" 2>&1
check_grep "luoshi remind sends one and fails one" '1 sent, 0 to retry, 1 failed' "$T/remind.out"
st sup GET /admin/reminders > /dev/null
check_grep "the dashboard links the reminders" '<b>催办记录</b>' "$T/body"
check_grep "the reminder sent, with its item" '<td>某区交通运输局</td><td><a href="/task/4">任务 2\.2\.1「.*」2026年2月进度未报送（应于2026-03-10前报送）</a></td><td>一级：单位联系人</td><td>Webhook<div class=sub>交通局值班群</div></td><td>已发送' "$T/body"
check_grep "the one that failed, with the answer" '<td class=err>发送失败<div class=sub>已尝试1次</div></td><td class="hide-s sub">HTTP 503' "$T/body"
st sup GET '/admin/reminders?state=failed' > /dev/null
check_grep "filtered: the failed one" '<td class=err>发送失败' "$T/body"
check_nogrep "and not the one sent" '<td>已发送' "$T/body"
st sup GET '/admin/reminders?state=sent' > /dev/null
check_grep "filtered: the sent one" '<td>已发送' "$T/body"
check_nogrep "and not the failed one" '<td class=err>发送失败' "$T/body"
st sup GET '/admin/reminders?state=pending' > /dev/null
check_grep "nothing pending" '没有催办记录' "$T/body"
st sup GET '/admin/reminders?unit=12' > /dev/null
check_grep "filtered by unit: 住建局 got none" '没有催办记录' "$T/body"
st sup GET /admin/reminders > /dev/null
check_grep "the channels, read-only" '<td>督查室</td><td>督查室</td><td>钉钉群机器人</td><td>督查室群</td><td class="hide-s sub">http://127.0.0.1:1/…</td>' "$T/body"
check_nogrep "without the robot's token" 'tok-office-secret' "$T/body"
st boss GET /admin/reminders > /dev/null
check_grep "a leader sees them too" '发送失败' "$T/body"
check_nogrep "but is offered no check (office and admin only)" 'href=/admin/reminders/check' "$T/body"
st sup GET /admin/reminders/check > /dev/null
check_grep "the check names the office robot nobody answers" '督查室.*class=err>问题：' "$T/body"
check_nogrep "the check does not show the token either" 'tok-office-secret' "$T/body"
st jt GET /my/reminders > /dev/null
check_grep "the unit sees the reminders it received" '我收到的催办 · 交通运输局.*2026年2月进度未报送.*已发送' "$T/body"
check_grep "the failed one too" '发送失败' "$T/body"
st jt GET '/my/reminders?state=failed' > /dev/null
check_nogrep "filtered by state" '<td>已发送' "$T/body"
st zj GET /my/reminders > /dev/null
check_grep "another unit sees none of them" '没有催办记录' "$T/body"
check_nogrep "not even their text" '交通运输局|2026年2月进度未报送' "$T/body"
stop_server
kill $SINK 2>/dev/null
