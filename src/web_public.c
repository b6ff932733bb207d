/*
** web_public.c -- the public pages: the plan at a glance, every
** commitment with filters and search, one task with its source sentence
** and history, the units, open data (CSV, JSON), the Atom feed of changes
** and evidence files.  No login needed; what the visitor sees is what the
** ledger lets the acting user see (logged-in users see a little more:
** reports waiting for review on their own tasks, action links).
*/
#include "web.h"
#include "ledger_web.h"
#include "auth.h"
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_SIZE 50

/* Colour counts as KPI boxes. */
static void kpi_boxes(Buf *o, const StatusGroup *g){
  html_printf(o, "<div class=kpis><div class=kpi><b>%d</b><span>任务总数</span></div>", g->nTotal);
  static const char *const az[] = {"绿灯（正常推进）", "黄灯（进度滞后）", "红灯（严重滞后或逾期）", "已销号"};
  static const char *const azKey[] = {"green", "yellow", "red", "done"};
  for(int c=0; c<N_COLOUR; c++){
    html_printf(o, "<a class=\"kpi %s\" href=\"/tasks?status=%s\"><b>%d</b><span>%s</span></a>",
                colour_class((Colour)c), azKey[c], g->n[c], az[c]);
  }
  html_printf(o, "</div>");
}

/* One list of groups (parts, sections) as bars linking to the task list. */
static void group_bars(Buf *o, const StatusGroup *a, int n, const char *zParam){
  html_printf(o, "<ul class=groups>");
  for(int i=0; i<n; i++){
    const StatusGroup *g = &a[i];
    int nGood = g->n[COLOUR_GREEN] + g->n[COLOUR_DONE];
    const char *zTitle = g->zTitle && strcmp(g->zTitle, g->zKey)!=0 ? g->zTitle : "（未分板块）";
    html_printf(o, "<li><a href=\"/tasks?%s=%U\">%s%s%s</a>", zParam, g->zKey,
                strcmp(zParam, "node")==0 ? g->zKey : "", strcmp(zParam, "node")==0 ? " " : "", zTitle);
    svg_colour_bar(o, g->n, g->nTotal, 300, 14);
    html_printf(o, "<span class=n>%d/%d</span></li>", nGood, g->nTotal);
  }
  html_printf(o, "</ul>");
}

/* The date n days before zDate into z[11]. */
static void days_before(const char *zDate, int n, char z[11]){
  days_date(date_days(zDate) - n, z);
}

/* "What changed since last month": colours a month ago against now. */
static void home_changes(Req *r, const PlanStatus *now){
  Err e = {0};
  char zThen[11];
  days_before(now->zAsOf, 30, zThen);
  PlanStatus then;
  if( strcmp(zThen, now->plan.zStart)<0 ) return;
  if( ledger_status(r->L, now->plan.id, zThen, &then, &e) ) return;
  Buf *o = &r->out;
  char zCn[32];
  web_date_cn(zThen, zCn);
  html_printf(o, "<h2>较上月变化</h2><div class=card><p class=sub>与%s相比：", zCn);
  static const char *const az[] = {"绿灯", "黄灯", "红灯", "已销号"};
  for(int c=0; c<N_COLOUR; c++){
    int d = now->total.n[c] - then.total.n[c];
    html_printf(o, "%s%s %d（%s%d）", c ? "；" : "", az[c], now->total.n[c], d>=0 ? "+" : "", d);
  }
  html_printf(o, "。</p>");
  int nShown = 0, nChanged = 0;
  for(int i=0, j=0; i<now->nTask; i++){
    const Task *t = &now->aTask[i];
    while( j<then.nTask && then.aTask[j].ord < t->ord ) j++;
    if( j>=then.nTask || then.aTask[j].id!=t->id ) continue;
    if( then.aTask[j].status.colour==t->status.colour ) continue;
    nChanged++;
    if( nShown==0 ) html_printf(o, "<table><tr><th>序号</th><th>任务</th><th>变化</th></tr>");
    if( nShown++ >= 15 ) continue;
    html_printf(o, "<tr><td class=seq>%s</td><td><a href=\"/task/%d\">%s</a></td><td>",
                t->zSeq, t->id, t->zText);
    web_badge(o, then.aTask[j].status.colour);
    html_printf(o, " → ");
    web_badge(o, t->status.colour);
    html_printf(o, "</td></tr>");
  }
  if( nShown ) html_printf(o, "</table>");
  if( nChanged>nShown ) html_printf(o, "<p class=sub>另有%d项变化，见<a href=/tasks>全部任务</a>。</p>", nChanged-nShown);
  if( nChanged==0 ) html_printf(o, "<p>一个月来各项任务的状态没有变化。</p>");
  html_printf(o, "</div>");
  plan_status_free(&then);
}

/*
** WEBPAGE: /
** The plan at a glance: counts of green, yellow, red and done, progress by
** part and section as bars, what changed since last month.  (The public's
** copy, like every public answer, is cached by serve.c until the ledger
** changes or the day turns.)
*/
void page_home(Req *r){
  Err e = {0};
  PlanStatus ps;
  if( ledger_status(r->L, 0, 0, &ps, &e) ){
    if( e.code!=ERR_NOTFOUND ){ web_error(r, &e); return; }
    page_begin(r, "政府工作报告任务台账");
    html_printf(&r->out, "<h1>政府工作报告任务台账</h1><div class=card><p>尚未发布任何计划。"
                "督查室导入并审核政府工作报告后，任务将在这里公开。</p></div>");
    page_end(r);
    return;
  }
  Buf *o = &r->out;
  char zCn[32];
  const char *zTitle = ps.plan.zTitle ? ps.plan.zTitle : ps.plan.zRegion;
  page_begin(r, zTitle);
  web_date_cn(ps.zAsOf, zCn);
  html_printf(o, "<h1>%s</h1><p class=sub>%s · %d年 · 截至%s · 共%d项任务</p>",
              zTitle, ps.plan.zRegion, ps.plan.year, zCn, ps.total.nTotal);
  if( strcmp(ps.plan.zState, "published")!=0 ) html_printf(o, "<p class=err>本计划尚未发布，仅内部可见。</p>");
  kpi_boxes(o, &ps.total);
  svg_colour_bar(o, ps.total.n, ps.total.nTotal, 600, 16);
  html_printf(o, "<p class=sub><span class=\"dot g\"></span>绿灯 正常推进 "
                 "<span class=\"dot y\"></span>黄灯 进度滞后或未按时报送 "
                 "<span class=\"dot r\"></span>红灯 严重滞后或逾期 "
                 "<span class=\"dot d\"></span>已销号 督查室确认完成</p>");
  html_printf(o, "<form class=\"filters noprint\" method=get action=/tasks>"
                 "<label>全文搜索<input name=q placeholder=\"如：老旧小区\"></label>"
                 "<button>搜索</button></form>");
  if( ps.nPart ){
    html_printf(o, "<h2>各部分进展</h2>");
    group_bars(o, ps.aPart, ps.nPart, "node");
  }
  if( ps.nSection ){
    html_printf(o, "<h2>各板块进展</h2>");
    group_bars(o, ps.aSection, ps.nSection, "node");
  }
  home_changes(r, &ps);
  html_printf(o, "<p class=sub>数据可下载：<a href=/data>开放数据（CSV、JSON）</a> · "
                 "<a href=/feed.atom>进展订阅（Atom）</a></p>");
  page_end(r);
  plan_status_free(&ps);
}

/* True when task t passes the filters of the task list in r (everything
** but the search, which the caller applies). */
static int task_passes(Req *r, const Task *t, const char *zNode, int unitId, int colour,
                       const char *zTarget, const char *zMonth){
  if( zNode && zNode[0] ){
    size_t n = strlen(zNode);
    if( strncmp(t->zSeq, zNode, n)!=0 || (t->zSeq[n]!=0 && t->zSeq[n]!='.') ) return 0;
  }
  if( unitId ){
    int hit = t->leadId==unitId;
    for(int k=0; k<t->nCo && !hit; k++) hit = t->aCoId[k]==unitId;
    if( !hit ) return 0;
  }
  if( colour>=0 && (int)t->status.colour!=colour ) return 0;
  if( zTarget && strcmp(zTarget, "1")==0 && t->nTarget==0 ) return 0;
  if( zTarget && strcmp(zTarget, "0")==0 && t->nTarget>0 ) return 0;
  if( zMonth && zMonth[0] && strncmp(t->zDeadline, zMonth, strlen(zMonth))!=0 ) return 0;
  return 1;
}

/* An <option> with value z, selected when it equals zCur. */
static void option(Buf *o, const char *zValue, const char *zCur, const char *zLabel){
  html_printf(o, "<option value=\"%s\"%s>%s</option>", zValue,
              zCur && strcmp(zCur, zValue)==0 ? " selected" : "", zLabel);
}

/* The row of a task in a table of tasks. */
static void task_row(Buf *o, const Task *t){
  char zCn[32];
  web_date_cn(t->zDeadline, zCn);
  html_printf(o, "<tr><td class=seq>%s</td><td><a href=\"/task/%d\">%s</a>", t->zSeq, t->id, t->zText);
  if( t->nTarget ){
    html_printf(o, "<div class=tags>");
    for(int k=0; k<t->nTarget; k++) html_printf(o, "<span>%s</span>", t->aTarget[k].zText);
    html_printf(o, "</div>");
  }
  html_printf(o, "</td><td class=hide-s>%s</td><td class=hide-s>%s</td><td>", t->zLead ? t->zLead : "未分配", zCn);
  web_badge(o, t->status.colour);
  html_printf(o, "<div class=reason>%s</div></td></tr>", t->status.zReason);
}

/* The header of a table of tasks. */
static void task_table_head(Buf *o){
  html_printf(o, "<table class=tasks><tr><th>序号</th><th>任务</th><th class=hide-s>牵头单位</th>"
                 "<th class=hide-s>完成时限</th><th>状态</th></tr>");
}

/*
** WEBPAGE: /tasks
** Every commitment, with filters (node=part or section number, unit=ID,
** status=green|yellow|red|done, target=1|0, month=YYYY-MM of the deadline)
** and full-text search (q=), PAGE_SIZE per page (page=N).
*/
void page_tasks(Req *r){
  Err e = {0};
  PlanStatus ps;
  if( ledger_status(r->L, 0, 0, &ps, &e) ){ web_error(r, &e); return; }
  const char *zNode = P(r, "node"), *zStatus = P(r, "status"), *zTarget = P(r, "target");
  const char *zMonth = P(r, "month"), *zQ = P(r, "q");
  int unitId = PI(r, "unit", 0), page = PI(r, "page", 1);
  int colour = zStatus && zStatus[0] ? colour_parse(zStatus) : -1;
  if( page<1 ) page = 1;
  int *aHit = 0, nHit = 0, bSearch = zQ && zQ[0];
  if( bSearch && ledger_task_search(r->L, ps.plan.id, zQ, &aHit, &nHit, &e) ){
    plan_status_free(&ps);
    web_error(r, &e);
    return;
  }
  Buf *o = &r->out;
  page_begin(r, "全部任务");
  html_printf(o, "<h1>全部任务</h1>");
  /* the filter form */
  html_printf(o, "<form class=\"filters noprint\" method=get action=/tasks>"
                 "<label>全文搜索<input name=q value=\"%s\" placeholder=\"如：老旧小区\"></label>", zQ ? zQ : "");
  html_printf(o, "<label>部分/板块<select name=node><option value=\"\">全部</option>");
  for(int i=0; i<ps.nPart; i++){
    char *zL = xprintf("%s %s", ps.aPart[i].zKey, ps.aPart[i].zTitle ? ps.aPart[i].zTitle : "");
    option(o, ps.aPart[i].zKey, zNode, zL);
    free(zL);
    for(int j=0; j<ps.nSection; j++){
      const char *zK = ps.aSection[j].zKey;
      size_t n = strlen(ps.aPart[i].zKey);
      if( strncmp(zK, ps.aPart[i].zKey, n)!=0 || zK[n]!='.' ) continue;
      char *zL2 = xprintf("　%s %s", zK, ps.aSection[j].zTitle ? ps.aSection[j].zTitle : "");
      option(o, zK, zNode, zL2);
      free(zL2);
    }
  }
  html_printf(o, "</select></label><label>责任单位<select name=unit><option value=\"\">全部</option>");
  /* the units that carry tasks, in order of first appearance */
  int *aSeen = 0, nSeen = 0, nSeenAlloc = 0;
  for(int i=0; i<ps.nTask; i++){
    const Task *t = &ps.aTask[i];
    for(int k=-1; k<t->nCo; k++){
      int id = k<0 ? t->leadId : t->aCoId[k];
      const char *zName = k<0 ? t->zLead : t->azCo[k];
      int dup = id==0;
      for(int s=0; s<nSeen && !dup; s++) dup = aSeen[s]==id;
      if( dup ) continue;
      *(int*)ARRAY_PUSH(aSeen, nSeen, nSeenAlloc) = id;
      char zId[16];
      snprintf(zId, sizeof(zId), "%d", id);
      char zCur[16];
      snprintf(zCur, sizeof(zCur), "%d", unitId);
      option(o, zId, zCur, zName ? zName : "");
    }
  }
  free(aSeen);
  html_printf(o, "</select></label><label>状态<select name=status><option value=\"\">全部</option>");
  option(o, "green", zStatus, "绿灯");
  option(o, "yellow", zStatus, "黄灯");
  option(o, "red", zStatus, "红灯");
  option(o, "done", zStatus, "已销号");
  html_printf(o, "</select></label><label>量化指标<select name=target><option value=\"\">不限</option>");
  option(o, "1", zTarget, "有量化指标");
  option(o, "0", zTarget, "无量化指标");
  html_printf(o, "</select></label><label>完成时限（月）<input type=month name=month value=\"%s\"></label>"
                 "<button>筛选</button> <a href=/tasks>清除</a></form>", zMonth ? zMonth : "");
  /* the matching tasks */
  int nMatch = 0, iFirst = (page-1)*PAGE_SIZE;
  Buf rows = BUF_INIT;
  for(int i=0; i<ps.nTask; i++){
    const Task *t = &ps.aTask[i];
    if( !task_passes(r, t, zNode, unitId, colour, zTarget, zMonth) ) continue;
    if( bSearch ){
      int hit = 0;
      for(int k=0; k<nHit && !hit; k++) hit = aHit[k]==t->id;
      if( !hit ) continue;
    }
    if( nMatch>=iFirst && nMatch<iFirst+PAGE_SIZE ) task_row(&rows, t);
    nMatch++;
  }
  html_printf(o, "<p class=sub>共%d项符合条件%s</p>", nMatch, nMatch>PAGE_SIZE ? "，分页显示" : "");
  if( nMatch ){
    task_table_head(o);
    buf_append(o, rows.a, rows.n);
    html_printf(o, "</table>");
  }
  buf_free(&rows);
  if( nMatch>PAGE_SIZE ){
    Buf q = BUF_INIT;
    const char *azKeep[] = {"q", "node", "unit", "status", "target", "month"};
    for(int k=0; k<6; k++){
      const char *z = P(r, azKeep[k]);
      if( z && z[0] ){ buf_printf(&q, "%s=", azKeep[k]); url_encode(&q, z); buf_putc(&q, '&'); }
    }
    html_printf(o, "<div class=\"pager noprint\">");
    if( page>1 ) html_printf(o, "<a href=\"/tasks?%spage=%d\">上一页</a>", buf_str(&q), page-1);
    html_printf(o, "<span>第%d页，共%d页</span>", page, (nMatch+PAGE_SIZE-1)/PAGE_SIZE);
    if( iFirst+PAGE_SIZE<nMatch ) html_printf(o, "<a href=\"/tasks?%spage=%d\">下一页</a>", buf_str(&q), page+1);
    html_printf(o, "</div>");
    buf_free(&q);
  }
  page_end(r);
  free(aHit);
  plan_status_free(&ps);
}

/* Byte offset in z of code point index iCp (clamped to the length). */
static size_t cp_byte(const char *z, size_t n, int iCp){
  size_t i = 0;
  int c = 0;
  while( i<n && c<iCp ){
    i++;
    while( i<n && ((unsigned char)z[i] & 0xC0)==0x80 ) i++;
    c++;
  }
  return i;
}

/* The source paragraph of task t with its sentence in <mark> (and its
** targets and deadline marked inside). */
static void task_source(Req *r, const Task *t){
  Err e = {0};
  char *zSrc = 0;
  Segment *aSeg = 0;
  int nSeg = 0;
  if( t->iEnd<=t->iStart || ledger_plan_source(r->L, t->planId, &zSrc, &e)
   || ledger_task_segments(r->L, t, &aSeg, &nSeg, &e) ){
    free(zSrc);
    return;
  }
  size_t n = strlen(zSrc);
  size_t b0 = cp_byte(zSrc, n, t->iStart), b1 = cp_byte(zSrc, n, t->iEnd);
  size_t p0 = b0, p1 = b1;
  while( p0>0 && zSrc[p0-1]!='\n' ) p0--;
  while( p1<n && zSrc[p1]!='\n' ) p1++;
  Buf *o = &r->out;
  html_printf(o, "<h2>原文</h2><div class=src>");
  html_escape(o, zSrc+p0, b0-p0);
  html_printf(o, "<mark>");
  for(int i=0; i<nSeg; i++){
    if( aSeg[i].kind==1 ) html_printf(o, "<mark class=tg>%s</mark>", aSeg[i].zText);
    else if( aSeg[i].kind==2 ) html_printf(o, "<mark class=dl>%s</mark>", aSeg[i].zText);
    else html_printf(o, "%s", aSeg[i].zText);
  }
  html_printf(o, "</mark>");
  html_escape(o, zSrc+b1, p1-b1);
  html_printf(o, "</div>");
  if( t->zEdited && strstr(t->zEdited, "text") ) html_printf(o, "<p class=sub>任务表述经督查室修改：%s</p>", t->zText);
  segment_list_free(aSeg, nSeg);
  free(zSrc);
}

/* The latest accepted value of target g among the reports a[0..n) (newest
** first); 0 with *pFound 0 when none. */
static double latest_value(const Report *a, int n, int targetId, int *pFound){
  for(int i=0; i<n; i++){
    if( a[i].state==REPORT_ACCEPTED && !a[i].isPercent && a[i].targetId==targetId ){
      *pFound = 1;
      return a[i].value;
    }
  }
  *pFound = 0;
  return 0;
}

/* A target's value as written: "不低于 133 个". */
static void target_value(Buf *o, const Target *g){
  html_printf(o, "%s", cmp_label(g->zCmp));
  web_amount(o, g->value);
  if( g->zCmp && strcmp(g->zCmp, "range")==0 ){ buf_puts(o, "—"); web_amount(o, g->valueMax); }
  html_printf(o, "%s", g->zUnit ? g->zUnit : "");
}

/* The evidence links of report p. */
static void evidence_links(Buf *o, const Report *p){
  if( p->nEvidence==0 ) return;
  html_printf(o, "<div class=tags>佐证材料：");
  for(int k=0; k<p->nEvidence; k++){
    html_printf(o, "<span><a href=\"/evidence/%d\">%s</a> (%lld KB)</span>", p->aEvidence[k].id,
                p->aEvidence[k].zName, (p->aEvidence[k].size+1023)/1024);
  }
  html_printf(o, "</div>");
}

/* The target a report is about, or NULL for a percent report. */
static const Target *report_target(const Task *t, const Report *p){
  for(int k=0; k<t->nTarget; k++) if( t->aTarget[k].id==p->targetId ) return &t->aTarget[k];
  return 0;
}

/*
** WEBPAGE: /task/ID
** One commitment: status with its reason, the source sentence highlighted
** in its paragraph, the targets (actual against target), the deadline,
** the units, and the timeline of accepted reports with their evidence.
*/
void page_task(Req *r){
  Err e = {0};
  Task t;
  Plan pl;
  int id = path_id(r, "/task/");
  if( id==0 ){ web_fail(r, ERR_NOTFOUND, "没有这项任务"); return; }
  if( ledger_task_get(r->L, id, &t, &e) ){ web_error(r, &e); return; }
  if( ledger_plan_get(r->L, t.planId, &pl, &e) ){ task_clear(&t); web_error(r, &e); return; }
  Report *aRep = 0;
  int nRep = 0;
  if( ledger_report_list(r->L, t.id, &aRep, &nRep, &e) ){
    task_clear(&t); plan_clear(&pl); web_error(r, &e); return;
  }
  int published = strcmp(pl.zState, "published")==0;
  AuthObject obj = auth_task(&t, published);
  int canReport = auth_can(r->pUser, ACT_REPORT, &obj);
  int staff = web_is_staff(r);
  Buf *o = &r->out;
  char zTitle[64];
  snprintf(zTitle, sizeof(zTitle), "任务 %s", t.zSeq);
  page_begin(r, zTitle);
  web_flash(r);
  html_printf(o, "<p class=sub><a href=/tasks>全部任务</a> › %s</p><h1>%s</h1><div class=card>", t.zSeq, t.zText);
  web_badge(o, t.status.colour);
  html_printf(o, " <span class=reason>%s</span><p>", t.status.zReason);
  svg_progress(o, t.status.actual, t.status.expected, t.status.colour, 200, 12);
  if( t.status.actual>=0 ) html_printf(o, " 实际进度 %.0f%%", t.status.actual);
  html_printf(o, " · 序时进度 %.0f%%</p>", t.status.expected);
  char zCn[32];
  web_date_cn(t.zDeadline, zCn);
  html_printf(o, "<p><b>完成时限：</b>%s", zCn);
  if( t.deadlineExplicit && t.zDeadlineText ) html_printf(o, "（原文：“%s”）", t.zDeadlineText);
  else html_printf(o, "（原文未写明，按年底计）");
  html_printf(o, "</p><p><b>牵头单位：</b>");
  if( t.leadId ) html_printf(o, "<a href=\"/unit/%d\">%s</a>", t.leadId, t.zLead);
  else html_printf(o, "未分配");
  if( t.nCo ){
    html_printf(o, "　<b>责任单位：</b>");
    for(int k=0; k<t.nCo; k++) html_printf(o, "%s<a href=\"/unit/%d\">%s</a>", k ? "、" : "", t.aCoId[k], t.azCo[k]);
  }
  html_printf(o, "</p>");
  if( strcmp(t.zState, "done")==0 ){
    web_date_cn(t.zClosedAt, zCn);
    html_printf(o, "<p><b>已销号：</b>%s%s%s</p>", zCn, t.zCloseReason ? "，" : "", t.zCloseReason ? t.zCloseReason : "");
  }
  if( canReport && strcmp(t.zState, "published")==0 ){
    html_printf(o, "<p class=noprint><a class=btn href=\"/report/%d\">填报进展</a></p>", t.id);
  }
  if( staff && auth_can(r->pUser, ACT_EDIT, &obj) ){
    html_printf(o, "<p class=noprint><a href=\"/admin/decompose?plan=%d#t%d\">在分解审核中修改</a></p>", t.planId, t.id);
  }
  if( auth_can(r->pUser, ACT_CLOSE, &obj) && strcmp(t.zState, "published")==0 ){
    html_printf(o, "<form class=noprint method=post action=\"/admin/close/%d\">", t.id);
    web_csrf_field(r);
    html_printf(o, "<input name=reason size=30 placeholder=\"销号说明（指标未全部达到时必填）\" "
                   "aria-label=销号说明> <button class=warn>销号</button></form>");
  }
  html_printf(o, "</div>");
  task_source(r, &t);
  /* targets */
  if( t.nTarget ){
    html_printf(o, "<h2>量化指标</h2><div class=scroll><table><tr><th>指标</th><th class=num>目标</th><th class=num>最新完成</th>"
                   "<th>完成程度</th></tr>");
    for(int k=0; k<t.nTarget; k++){
      const Target *g = &t.aTarget[k];
      int found;
      double v = latest_value(aRep, nRep, g->id, &found);
      html_printf(o, "<tr><td>%s%s%s</td><td class=num>", g->zSubject && g->zSubject[0] ? g->zSubject : "",
                  g->zSubject && g->zSubject[0] ? "：" : "", g->zText);
      target_value(o, g);
      html_printf(o, "</td><td class=num>");
      if( found ){ web_amount(o, v); html_printf(o, "%s", g->zUnit ? g->zUnit : ""); }
      else html_printf(o, "—");
      html_printf(o, "</td><td>");
      if( found ){
        StatusTarget st = {g->value, g->zCmp};
        double pc = status_target_progress(&st, v);
        svg_progress(o, pc, t.status.expected, t.status.colour, 160, 10);
        html_printf(o, " %.0f%%", pc);
      }
      html_printf(o, "</td></tr>");
    }
    html_printf(o, "</table></div>");
    /* history of the first target */
    const Target *g0 = &t.aTarget[0];
    double av[64];
    const char *az[64];
    int nv = 0;
    for(int i=nRep-1; i>=0 && nv<64; i--){
      if( aRep[i].state==REPORT_ACCEPTED && !aRep[i].isPercent && aRep[i].targetId==g0->id ){
        av[nv] = aRep[i].value;
        az[nv++] = aRep[i].zPeriod;
      }
    }
    if( nv ) svg_history(o, av, az, nv, g0->value, g0->zUnit, 480, 150);
  }
  /* the timeline */
  html_printf(o, "<h2>进展记录</h2>");
  int nShown = 0;
  html_printf(o, "<ul class=timeline>");
  for(int i=0; i<nRep; i++){
    const Report *p = &aRep[i];
    if( !ledger_report_shown(r->L, &t, published, p) ) continue;
    nShown++;
    html_printf(o, "<li><b>%s期</b> ", p->zPeriod);
    if( p->isPercent ){
      html_printf(o, "总体进度 %.0f%%", p->value);
    }else{
      const Target *g = report_target(&t, p);
      html_printf(o, "%s 完成 ", g ? (g->zSubject && g->zSubject[0] ? g->zSubject : g->zText) : "");
      web_amount(o, p->value);
      html_printf(o, "%s", g && g->zUnit ? g->zUnit : "");
    }
    html_printf(o, " <span class=sub>%s于%.10s报送", p->zAuthor ? p->zAuthor : "", p->zCreatedAt);
    if( p->state!=REPORT_SUBMITTED ) html_printf(o, "，%s于%.10s%s", p->zReviewer ? p->zReviewer : "",
                                                  p->zReviewedAt, report_state_label(p->state));
    else html_printf(o, "，待审核");
    html_printf(o, "</span><div>%s</div>", p->zNote);
    if( p->state==REPORT_RETURNED && p->zComment ) html_printf(o, "<div class=err>退回理由：%s</div>", p->zComment);
    evidence_links(o, p);
    html_printf(o, "</li>");
  }
  html_printf(o, "</ul>");
  if( nShown==0 ) html_printf(o, "<p class=sub>尚无采纳的进展报告。</p>");
  page_end(r);
  report_list_free(aRep, nRep);
  plan_clear(&pl);
  task_clear(&t);
}

/*
** WEBPAGE: /units
** The units that lead tasks, each with the colours of its tasks.
*/
void page_units(Req *r){
  Err e = {0};
  UnitRank *a;
  int n;
  if( ledger_unit_ranking(r->L, &a, &n, &e) ){ web_error(r, &e); return; }
  Buf *o = &r->out;
  page_begin(r, "责任单位");
  html_printf(o, "<h1>责任单位</h1><p class=sub>按牵头任务统计。</p><ul class=groups>");
  for(int i=0; i<n; i++){
    if( a[i].unitId ) html_printf(o, "<li><a href=\"/unit/%d\">%s</a>", a[i].unitId, a[i].zName);
    else html_printf(o, "<li><span>%s</span>", a[i].zName);
    svg_colour_bar(o, a[i].n, a[i].nTask, 300, 14);
    html_printf(o, "<span class=n>%d项</span></li>", a[i].nTask);
  }
  html_printf(o, "</ul>");
  page_end(r);
  unit_rank_free(a, n);
}

/*
** WEBPAGE: /unit/ID
** One unit: the tasks it leads or shares, with their status.
*/
void page_unit(Req *r){
  Err e = {0};
  int id = path_id(r, "/unit/");
  char zId[16];
  snprintf(zId, sizeof(zId), "%d", id);
  Unit u;
  if( id==0 || ledger_unit_find(r->L, zId, &u, &e) ){
    web_fail(r, ERR_NOTFOUND, "没有这个单位");
    return;
  }
  TaskFilter f = {0, id, 0, -1, 0};
  Task *a;
  int n;
  if( ledger_task_list(r->L, &f, &a, &n, &e) ){ unit_clear(&u); web_error(r, &e); return; }
  Buf *o = &r->out;
  page_begin(r, u.zName);
  int cnt[N_COLOUR] = {0}, nLead = 0;
  for(int i=0; i<n; i++){ cnt[a[i].status.colour]++; if( a[i].leadId==id ) nLead++; }
  html_printf(o, "<h1>%s</h1><p class=sub>牵头%d项，参与%d项</p>", u.zName, nLead, n-nLead);
  svg_colour_bar(o, cnt, n, 600, 16);
  if( n ){
    task_table_head(o);
    for(int i=0; i<n; i++) task_row(o, &a[i]);
    html_printf(o, "</table>");
  }else{
    html_printf(o, "<p>该单位暂无公开任务。</p>");
  }
  page_end(r);
  task_list_free(a, n);
  unit_clear(&u);
}

/*
** WEBPAGE: /data
** Open data: what can be downloaded and what the fields mean.
*/
void page_data(Req *r){
  Buf *o = &r->out;
  page_begin(r, "开放数据");
  html_printf(o, "<h1>开放数据</h1><div class=card><ul>"
    "<li><a href=/data/tasks.csv>任务清单（CSV，UTF-8）</a>：每行一项任务，含序号、任务、牵头单位、责任单位、完成时限、状态及原因、量化指标。</li>"
    "<li><a href=/data/tasks.json>任务清单（JSON）</a>：同上，另含各指标的目标值与最新完成值。</li>"
    "<li><a href=/feed.atom>进展订阅（Atom）</a>：采纳的进展报告与销号，最新在前。</li>"
    "<li><a href=/api/v1/plans>JSON API</a>：计划、提纲、任务、指标、单位、报告与状态（可加 <code>?as_of=YYYY-MM-DD</code> 查看历史状态）。</li>"
    "</ul><p class=sub>数据随台账实时更新，可自由使用，请注明来源。</p></div>");
  page_end(r);
}

/* Append z to a CSV line, quoted. */
static void csv_field(Buf *b, const char *z, int bLast){
  buf_putc(b, '"');
  for(; z && *z; z++){
    if( *z=='"' ) buf_putc(b, '"');
    buf_putc(b, *z);
  }
  buf_putc(b, '"');
  buf_puts(b, bLast ? "\r\n" : ",");
}

/*
** WEBPAGE: /data/tasks.csv
** Every visible task of the latest plan as CSV (UTF-8 with a BOM so that
** spreadsheet programs read the Chinese right).
*/
void page_data_csv(Req *r){
  Err e = {0};
  PlanStatus ps;
  if( ledger_status(r->L, 0, 0, &ps, &e) ){ web_error(r, &e); return; }
  Buf *o = &r->out;
  r->zType = "text/csv; charset=utf-8";
  web_header(r, "Content-Disposition", "attachment; filename=\"tasks.csv\"");
  buf_puts(o, "\xef\xbb\xbf");
  buf_puts(o, "id,序号,任务,牵头单位,责任单位,完成时限,时限原文,状态,状态说明,实际进度,序时进度,量化指标,任务状态\r\n");
  for(int i=0; i<ps.nTask; i++){
    const Task *t = &ps.aTask[i];
    char z[64];
    Buf b = BUF_INIT;
    snprintf(z, sizeof(z), "%d", t->id);
    csv_field(o, z, 0);
    csv_field(o, t->zSeq, 0);
    csv_field(o, t->zText, 0);
    csv_field(o, t->zLead ? t->zLead : "", 0);
    for(int k=0; k<t->nCo; k++){ if( k ) buf_puts(&b, "、"); buf_puts(&b, t->azCo[k]); }
    csv_field(o, buf_str(&b), 0);
    csv_field(o, t->zDeadline, 0);
    csv_field(o, t->zDeadlineText ? t->zDeadlineText : "", 0);
    csv_field(o, colour_label(t->status.colour), 0);
    csv_field(o, t->status.zReason, 0);
    if( t->status.actual>=0 ) snprintf(z, sizeof(z), "%.1f", t->status.actual); else z[0] = 0;
    csv_field(o, z, 0);
    snprintf(z, sizeof(z), "%.1f", t->status.expected);
    csv_field(o, z, 0);
    buf_reset(&b);
    for(int k=0; k<t->nTarget; k++){ if( k ) buf_puts(&b, "；"); buf_puts(&b, t->aTarget[k].zText); }
    csv_field(o, buf_str(&b), 0);
    csv_field(o, t->zState, 1);
    buf_free(&b);
  }
  plan_status_free(&ps);
}

/*
** WEBPAGE: /data/tasks.json
** Every visible task of the latest plan as JSON (the objects of the API).
*/
void page_data_json(Req *r){
  Err e = {0};
  PlanStatus ps;
  if( ledger_status(r->L, 0, 0, &ps, &e) ){ web_error(r, &e); return; }
  json_t *a = json_array();
  for(int i=0; i<ps.nTask; i++) json_array_append_new(a, api_task_json(&ps.aTask[i], 0, 0));
  json_t *j = json_pack("{s:o, s:s, s:o}", "plan", api_plan_json(&ps.plan), "as_of", ps.zAsOf, "tasks", a);
  char *z = json_dumps(j, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
  json_decref(j);
  r->zType = "application/json; charset=utf-8";
  web_header(r, "Content-Disposition", "attachment; filename=\"tasks.json\"");
  buf_puts(&r->out, z ? z : "null");
  buf_putc(&r->out, '\n');
  free(z);
  plan_status_free(&ps);
}

/* The scheme and host of this server as the client addressed it, for
** absolute links in the feed ("http://127.0.0.1:8080"). */
static char *site_url(Req *r){
  const char *zHost = web_host(r);
  return xprintf("%s://%s", g_webTls ? "https" : "http", zHost);
}

/*
** WEBPAGE: /feed.atom
** The changes as an Atom feed: accepted progress reports and closed tasks
** of the latest plan, newest first.
*/
void page_feed(Req *r){
  Err e = {0};
  PlanStatus ps;
  Report *aRep;
  int nRep;
  if( ledger_status(r->L, 0, 0, &ps, &e) ){ web_error(r, &e); return; }
  if( ledger_report_list(r->L, 0, &aRep, &nRep, &e) ){ plan_status_free(&ps); web_error(r, &e); return; }
  char *zSite = site_url(r);
  Buf *o = &r->out;
  r->zType = "application/atom+xml; charset=utf-8";
  /* the newest change gives the feed's time */
  char zUpdated[20];
  snprintf(zUpdated, sizeof(zUpdated), "%s", ps.plan.zPublishedAt[0] ? ps.plan.zPublishedAt : ps.plan.zImportedAt);
  for(int i=0; i<nRep; i++){
    if( aRep[i].state==REPORT_ACCEPTED && strcmp(aRep[i].zReviewedAt, zUpdated)>0 ) memcpy(zUpdated, aRep[i].zReviewedAt, 20);
  }
  for(int i=0; i<ps.nTask; i++){
    if( ps.aTask[i].zClosedAt[0] && strcmp(ps.aTask[i].zClosedAt, zUpdated)>0 ) memcpy(zUpdated, ps.aTask[i].zClosedAt, 20);
  }
  html_printf(o, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
                 "<title>%s · 进展动态</title><id>%s/feed.atom</id><link rel=\"self\" href=\"%s/feed.atom\"/>"
                 "<link href=\"%s/\"/><updated>%s+08:00</updated><author><name>%s人民政府督查室</name></author>\n",
              ps.plan.zTitle ? ps.plan.zTitle : ps.plan.zRegion, zSite, zSite, zSite, zUpdated, ps.plan.zRegion);
  int nEntry = 0;
  for(int i=0; i<nRep && nEntry<100; i++){
    const Report *p = &aRep[i];
    if( p->state!=REPORT_ACCEPTED ) continue;
    const Task *t = 0;
    for(int k=0; k<ps.nTask && !t; k++) if( ps.aTask[k].id==p->taskId ) t = &ps.aTask[k];
    if( t==0 ) continue;
    Buf v = BUF_INIT;
    if( p->isPercent ) buf_printf(&v, "总体进度%.0f%%", p->value);
    else{
      const Target *g = report_target(t, p);
      buf_puts(&v, "完成");
      web_amount(&v, p->value);
      if( g && g->zUnit ) buf_puts(&v, g->zUnit);
    }
    html_printf(o, "<entry><title>%s %s期进展：%s</title><id>%s/report/%d</id>"
                   "<link href=\"%s/task/%d\"/><updated>%s+08:00</updated><summary>%s——%s</summary></entry>\n",
                t->zSeq, p->zPeriod, buf_str(&v), zSite, p->id, zSite, t->id, p->zReviewedAt, t->zText, p->zNote);
    buf_free(&v);
    nEntry++;
  }
  for(int i=0; i<ps.nTask; i++){
    const Task *t = &ps.aTask[i];
    if( strcmp(t->zState, "done")!=0 ) continue;
    html_printf(o, "<entry><title>%s 已销号</title><id>%s/task/%d/closed</id><link href=\"%s/task/%d\"/>"
                   "<updated>%s+08:00</updated><summary>%s</summary></entry>\n",
                t->zSeq, zSite, t->id, zSite, t->id, t->zClosedAt, t->zText);
  }
  html_printf(o, "</feed>\n");
  free(zSite);
  report_list_free(aRep, nRep);
  plan_status_free(&ps);
}

/*
** WEBPAGE: /evidence/ID
** An evidence file, when its report may be read: served with the type
** of its kind (never sniffed), as a download unless it is an image, and
** sandboxed.
*/
void page_evidence(Req *r){
  Err e = {0};
  Evidence v;
  void *a;
  size_t n;
  int id = path_id(r, "/evidence/");
  if( id==0 ){ web_fail(r, ERR_NOTFOUND, "没有这个文件"); return; }
  if( ledger_evidence_get(r->L, id, &v, &a, &n, &e) ){ web_error(r, &e); return; }
  int bInline;
  r->zType = evidence_content_type(v.zName, &bInline);
  const char *zExt = strrchr(v.zName, '.');
  Buf d = BUF_INIT;
  buf_printf(&d, "%s; filename=\"evidence-%d", bInline ? "inline" : "attachment", v.id);
  if( zExt && strlen(zExt)<=6 && strspn(zExt+1, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")==strlen(zExt+1) ){
    buf_puts(&d, zExt);
  }
  buf_puts(&d, "\"; filename*=UTF-8''");
  url_encode(&d, v.zName);
  web_header(r, "Content-Disposition", buf_str(&d));
  web_header(r, "Content-Security-Policy", "default-src 'none'; sandbox");
  web_header(r, "Cache-Control", "private, max-age=3600");
  buf_append(&r->out, a, n);
  buf_free(&d);
  free(a);
  evidence_clear(&v);
}
