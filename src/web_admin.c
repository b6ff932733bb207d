/*
** web_admin.c -- the supervision dashboard (督查工作台) for the office,
** leaders and admins: red and yellow lists with their reasons, the review
** queue (accept / return with a comment), close (销号), units ranked by
** on-time reporting and share of green, the plans with import and
** publish, and the decomposition review (each extracted task next to its
** source sentence; text, deadline, units and targets editable).
**
** Who may see and do what is asked of auth_can() (ACT_SUPERVISE for the
** pages, and the ledger checks ACT_EDIT, ACT_REVIEW, ... on every write);
** a button is only shown when auth_can() says the user may press it.
*/
#include "web.h"
#include "ledger_web.h"
#include "auth.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DECOMPOSE_PAGE 40

/* See web.h. */
int need_staff(Req *r){
  Err e = {0};
  if( r->pUser->id==0 ){ web_need_login(r); return 0; }
  if( auth_check(r->pUser, ACT_SUPERVISE, 0, &e) ){ web_error(r, &e); return 0; }
  return 1;
}

/* See web.h. */
void admin_nav(Req *r, const char *zHere){
  static const char *const az[][2] = {
    {"/admin", "总览"}, {"/admin/queue", "审核队列"}, {"/admin/units", "单位排名"},
    {"/admin/brief", "督查通报"}, {"/admin/reminders", "催办记录"}, {"/admin/plans", "计划与分解审核"},
    {"/admin/people", "账号与单位"}, {"/my/password", "修改密码"},
  };
  html_printf(&r->out, "<nav class=\"card noprint\">");
  for(int i=0; i<(int)(sizeof(az)/sizeof(az[0])); i++){
    if( strcmp(az[i][0], zHere)==0 ) html_printf(&r->out, "<b>%s</b>　", az[i][1]);
    else html_printf(&r->out, "<a href=\"%s\">%s</a>　", az[i][0], az[i][1]);
  }
  html_printf(&r->out, "</nav>");
}

/* A table of the tasks of ps with colour c, with reasons. */
static void colour_list(Buf *o, const PlanStatus *ps, Colour c){
  int n = 0;
  for(int i=0; i<ps->nTask; i++){
    const Task *t = &ps->aTask[i];
    if( t->status.colour!=c ) continue;
    if( n++==0 ) html_printf(o, "<table class=tasks><tr><th>序号</th><th>任务</th><th>牵头单位</th><th>原因</th></tr>");
    html_printf(o, "<tr><td class=seq>%s</td><td><a href=\"/task/%d\">%s</a></td><td>%s</td><td>",
                t->zSeq, t->id, t->zText, t->zLead ? t->zLead : "未分配");
    web_badge(o, c);
    html_printf(o, " <span class=reason>%s</span></td></tr>", t->status.zReason);
  }
  if( n ) html_printf(o, "</table>");
  else html_printf(o, "<p>没有。</p>");
}

/*
** WEBPAGE: /admin
** The dashboard: counts, the review queue's length, the red and yellow
** lists with their reasons.
*/
void page_admin(Req *r){
  Err e = {0};
  if( !need_staff(r) ) return;
  PlanStatus ps;
  if( ledger_status(r->L, 0, 0, &ps, &e) ){
    if( e.code!=ERR_NOTFOUND ){ web_error(r, &e); return; }
    page_begin(r, "督查工作台");
    admin_nav(r, "/admin");
    html_printf(&r->out, "<h1>督查工作台</h1><p>尚无计划：请在<a href=/admin/plans>计划与分解审核</a>中导入政府工作报告。</p>");
    page_end(r);
    return;
  }
  Report *aRep;
  int nRep, nWait = 0;
  if( ledger_report_list(r->L, 0, &aRep, &nRep, &e) ){ plan_status_free(&ps); web_error(r, &e); return; }
  for(int i=0; i<nRep; i++) if( aRep[i].state==REPORT_SUBMITTED ) nWait++;
  report_list_free(aRep, nRep);
  Buf *o = &r->out;
  page_begin(r, "督查工作台");
  web_flash(r);
  admin_nav(r, "/admin");
  char zCn[32];
  web_date_cn(ps.zAsOf, zCn);
  html_printf(o, "<h1>督查工作台</h1><p class=sub>%s · 截至%s%s</p>", ps.plan.zTitle ? ps.plan.zTitle : ps.plan.zRegion,
              zCn, strcmp(ps.plan.zState, "published")==0 ? "" : " · 计划尚未发布");
  html_printf(o, "<div class=kpis><div class=kpi><b>%d</b><span>任务</span></div>"
                 "<a class=\"kpi r\" href=#red><b>%d</b><span>红灯</span></a>"
                 "<a class=\"kpi y\" href=#yellow><b>%d</b><span>黄灯</span></a>"
                 "<div class=\"kpi g\"><b>%d</b><span>绿灯</span></div>"
                 "<div class=\"kpi d\"><b>%d</b><span>已销号</span></div>"
                 "<a class=kpi href=/admin/queue><b>%d</b><span>待审核报告</span></a></div>",
              ps.total.nTotal, ps.total.n[COLOUR_RED], ps.total.n[COLOUR_YELLOW], ps.total.n[COLOUR_GREEN],
              ps.total.n[COLOUR_DONE], nWait);
  svg_colour_bar(o, ps.total.n, ps.total.nTotal, 600, 16);
  html_printf(o, "<h2 id=red>红灯任务</h2>");
  colour_list(o, &ps, COLOUR_RED);
  html_printf(o, "<h2 id=yellow>黄灯任务</h2>");
  colour_list(o, &ps, COLOUR_YELLOW);
  page_end(r);
  plan_status_free(&ps);
}

/* The value of report p as text: "12公里" or "进度40%". */
static void report_value(Buf *o, const Task *t, const Report *p){
  if( p->isPercent ){ html_printf(o, "总体进度%.0f%%", p->value); return; }
  const Target *g = 0;
  for(int k=0; t && k<t->nTarget; k++) if( t->aTarget[k].id==p->targetId ) g = &t->aTarget[k];
  if( g ) html_printf(o, "%s ", g->zSubject && g->zSubject[0] ? g->zSubject : g->zText);
  web_amount(o, p->value);
  if( g && g->zUnit ) html_printf(o, "%s", g->zUnit);
  if( g ){ html_printf(o, "（目标"); web_amount(o, g->value); html_printf(o, "%s）", g->zUnit ? g->zUnit : ""); }
}

/*
** WEBPAGE: /admin/queue
** Reports waiting for review, oldest first, each with accept and return.
*/
void page_admin_queue(Req *r){
  Err e = {0};
  if( !need_staff(r) ) return;
  Report *aRep;
  int nRep;
  if( ledger_report_list(r->L, 0, &aRep, &nRep, &e) ){ web_error(r, &e); return; }
  int canReview = auth_can(r->pUser, ACT_REVIEW, 0);
  Buf *o = &r->out;
  page_begin(r, "审核队列");
  web_flash(r);
  admin_nav(r, "/admin/queue");
  html_printf(o, "<h1>审核队列</h1>");
  int n = 0;
  for(int i=nRep-1; i>=0; i--){
    const Report *p = &aRep[i];
    if( p->state!=REPORT_SUBMITTED ) continue;
    Task t;
    if( ledger_task_get(r->L, p->taskId, &t, &e) ) continue;
    n++;
    html_printf(o, "<div class=card id=\"r%d\"><p><b><a href=\"/task/%d\">%s</a></b> %s</p>"
                   "<p><b>%s期</b> ", p->id, t.id, t.zSeq, t.zText, p->zPeriod);
    report_value(o, &t, p);
    html_printf(o, " <span class=sub>%s（%s）报送于%s%s</span></p><p>%s</p>", p->zAuthor ? p->zAuthor : "",
                t.zLead ? t.zLead : "", p->zCreatedAt, p->resubmits ? "，为退回后重报" : "", p->zNote);
    if( p->nEvidence ){
      html_printf(o, "<div class=tags>佐证材料：");
      for(int k=0; k<p->nEvidence; k++){
        html_printf(o, "<span><a href=\"/evidence/%d\">%s</a></span>", p->aEvidence[k].id, p->aEvidence[k].zName);
      }
      html_printf(o, "</div>");
    }
    if( canReview ){
      html_printf(o, "<form class=inline method=post action=\"/admin/review/%d\">", p->id);
      web_csrf_field(r);
      html_printf(o, "<input type=hidden name=action value=accept><button>采纳</button></form> "
                     "<form class=inline method=post action=\"/admin/review/%d\">", p->id);
      web_csrf_field(r);
      html_printf(o, "<input type=hidden name=action value=return><input name=comment required "
                     "placeholder=退回理由 aria-label=退回理由> <button class=warn>退回</button></form>");
    }
    html_printf(o, "</div>");
    task_clear(&t);
  }
  if( n==0 ) html_printf(o, "<p>没有待审核的报告。</p>");
  page_end(r);
  report_list_free(aRep, nRep);
}

/*
** WEBPAGE: /admin/review/ID (POST)
** Accept (action=accept) or return (action=return, comment=...) report ID.
*/
void page_admin_review(Req *r){
  Err e = {0};
  if( !need_staff(r) ) return;
  int id = path_id(r, "/admin/review/");
  const char *zAction = PF(r, "action");
  if( id==0 || zAction==0 || (strcmp(zAction, "accept")!=0 && strcmp(zAction, "return")!=0) ){
    web_fail(r, ERR_INPUT, "需要报告编号和操作（采纳或退回）");
    return;
  }
  int bAccept = strcmp(zAction, "accept")==0;
  const char *zComment = PF(r, "comment");
  if( ledger_report_review(r->L, id, bAccept, zComment && zComment[0] ? zComment : 0, &e) ){
    web_error(r, &e);
    return;
  }
  web_invalidate();
  web_redirect_msg(r, "/admin/queue", bAccept ? "已采纳。" : "已退回。");
}

/*
** WEBPAGE: /admin/close/ID (POST)
** Close (销号) task ID, with reason=... when no accepted report meets its
** target.
*/
void page_admin_close(Req *r){
  Err e = {0};
  if( !need_staff(r) ) return;
  int id = path_id(r, "/admin/close/");
  if( id==0 ){ web_fail(r, ERR_NOTFOUND, "没有这项任务"); return; }
  const char *zReason = PF(r, "reason");
  if( ledger_task_close(r->L, id, zReason && zReason[0] ? zReason : 0, &e) ){
    web_error(r, &e);
    return;
  }
  web_invalidate();
  char zUrl[32];
  snprintf(zUrl, sizeof(zUrl), "/task/%d", id);
  web_redirect_msg(r, zUrl, "已销号。");
}

/*
** WEBPAGE: /admin/units
** Units ranked by on-time reporting, then by share of green.
*/
void page_admin_units(Req *r){
  Err e = {0};
  if( !need_staff(r) ) return;
  UnitRank *a;
  int n;
  if( ledger_unit_ranking(r->L, &a, &n, &e) ){ web_error(r, &e); return; }
  Buf *o = &r->out;
  page_begin(r, "单位排名");
  admin_nav(r, "/admin/units");
  html_printf(o, "<h1>单位排名</h1><p class=sub>按按时报送率、再按绿灯（含销号）占比排序；"
                 "每项牵头任务每月应报一次，截止为次月%d日。</p>", ledger_settings(r->L)->reportDueDays);
  html_printf(o, "<table><tr><th class=num>名次</th><th>单位</th><th class=num>牵头任务</th>"
                 "<th class=num>应报</th><th class=num>按时</th><th class=num>迟报</th><th class=num>按时率</th>"
                 "<th class=num>绿灯占比</th><th class=hide-s>状态分布</th></tr>");
  for(int i=0; i<n; i++){
    const UnitRank *u = &a[i];
    html_printf(o, "<tr><td class=num>%d</td><td>", i+1);
    if( u->unitId ) html_printf(o, "<a href=\"/unit/%d\">%s</a>", u->unitId, u->zName);
    else html_printf(o, "%s", u->zName);
    html_printf(o, "</td><td class=num>%d</td><td class=num>%d</td><td class=num>%d</td><td class=num>%d</td>"
                   "<td class=num>%.0f%%</td><td class=num>%.0f%%</td><td class=hide-s>",
                u->nTask, u->nDue, u->nOnTime, u->nLate, u->onTime*100, u->green*100);
    svg_colour_bar(o, u->n, u->nTask, 200, 12);
    html_printf(o, "</td></tr>");
  }
  html_printf(o, "</table>");
  page_end(r);
  unit_rank_free(a, n);
}

/*
** WEBPAGE: /admin/plans
** The imported plans, each with its decomposition review and publish;
** the import form.
*/
void page_admin_plans(Req *r){
  Err e = {0};
  if( !need_staff(r) ) return;
  Plan *a;
  int n;
  if( ledger_plan_list(r->L, &a, &n, &e) ){ web_error(r, &e); return; }
  Buf *o = &r->out;
  page_begin(r, "计划与分解审核");
  web_flash(r);
  admin_nav(r, "/admin/plans");
  html_printf(o, "<h1>计划与分解审核</h1>");
  if( n ){
    html_printf(o, "<table><tr><th>计划</th><th>状态</th><th class=num>任务</th><th>导入</th><th></th></tr>");
  }
  for(int i=0; i<n; i++){
    const Plan *p = &a[i];
    int pub = strcmp(p->zState, "published")==0;
    html_printf(o, "<tr><td>%s<div class=sub>%s · %d年 · %s</div></td><td>%s</td><td class=num>%d</td>"
                   "<td>%.10s</td><td><a href=\"/admin/decompose?plan=%d\">分解审核</a>",
                p->zTitle ? p->zTitle : p->zRegion, p->zRegion, p->year, p->zFileName,
                pub ? "已发布" : "草稿", p->nTask, p->zImportedAt, p->id);
    if( !pub && auth_can(r->pUser, ACT_PUBLISH, 0) ){
      html_printf(o, " <form class=inline method=post action=\"/admin/publish/%d\">", p->id);
      web_csrf_field(r);
      html_printf(o, "<button>发布</button></form>");
    }
    html_printf(o, "</td></tr>");
  }
  if( n ) html_printf(o, "</table>");
  else html_printf(o, "<p>尚未导入任何计划。</p>");
  if( auth_can(r->pUser, ACT_IMPORT, 0) ){
    html_printf(o, "<h2>导入政府工作报告</h2><form class=\"card form\" method=post "
                   "enctype=multipart/form-data action=/admin/import>");
    web_csrf_field(r);
    html_printf(o, "<p><label for=file>报告文件</label><input id=file type=file name=file required "
                   "accept=\".txt,.html,.htm,.docx,.pdf\"> <span class=sub>文本、网页、Word（docx）或PDF</span></p>"
                   "<p><label for=region>地区</label><input id=region name=region required placeholder=\"如：临江区\"></p>"
                   "<p><label for=year>年度</label><input id=year name=year inputmode=numeric size=6 placeholder=\"如：2026\"></p>"
                   "<p><button>导入</button></p></form>");
  }
  page_end(r);
  plan_list_free(a, n);
}

/*
** WEBPAGE: /admin/import (POST)
** Import an uploaded work report as a draft plan.
*/
void page_admin_import(Req *r){
  Err e = {0};
  if( !need_staff(r) ) return;
  int i = web_upload(r, "file", 0);
  if( i<0 || r->aUp[i].data.n==0 ){ web_fail(r, ERR_INPUT, "请选择报告文件"); return; }
  Upload *u = &r->aUp[i];
  char *zName = evidence_safe_name(u->zName);
  const char *zTmp = getenv("TMPDIR");
  char zDir[256];
  snprintf(zDir, sizeof(zDir), "%s/luoshi-imp-XXXXXX", zTmp && zTmp[0] ? zTmp : "/tmp");
  if( mkdtemp(zDir)==0 ){ free(zName); web_fail(r, ERR_INTERNAL, "cannot make a temporary directory"); return; }
  char *zPath = xprintf("%s/%s", zDir, zName);
  FILE *f = fopen(zPath, "wb");
  int ok = f && fwrite(u->data.a, 1, u->data.n, f)==u->data.n;
  if( f && fclose(f)!=0 ) ok = 0;
  int planId = 0, rc = -1;
  if( ok ){
    ImportArgs a;
    memset(&a, 0, sizeof(a));
    a.zFile = zPath;
    a.zRegion = PF(r, "region");
    a.year = PI(r, "year", 0);
    rc = ledger_import(r->L, &a, &planId, &e);
  }else{
    err_set(&e, ERR_INTERNAL, "cannot write the upload: %s", strerror(errno));
  }
  unlink(zPath);
  rmdir(zDir);
  free(zPath);
  free(zName);
  if( rc ){ web_error(r, &e); return; }
  web_invalidate();
  char zUrl[64];
  snprintf(zUrl, sizeof(zUrl), "/admin/decompose?plan=%d", planId);
  web_redirect_msg(r, zUrl, "已导入，请逐条审核分解结果后发布。");
}

/*
** WEBPAGE: /admin/publish/ID (POST)
** Publish plan ID: its tasks become public and units may report.
*/
void page_admin_publish(Req *r){
  Err e = {0};
  if( !need_staff(r) ) return;
  int id = path_id(r, "/admin/publish/");
  if( id==0 ){ web_fail(r, ERR_NOTFOUND, "没有这个计划"); return; }
  if( ledger_plan_publish(r->L, id, &e) ){ web_error(r, &e); return; }
  web_invalidate();
  web_redirect_msg(r, "/admin/plans", "已发布。");
}

/* The source sentence of t with its targets and deadline marked. */
static void sentence(Req *r, const Task *t){
  Err e = {0};
  Segment *a;
  int n;
  if( ledger_task_segments(r->L, t, &a, &n, &e) ) return;
  html_printf(&r->out, "<div class=src>");
  for(int i=0; i<n; i++){
    if( a[i].kind==1 ) html_printf(&r->out, "<mark class=tg>%s</mark>", a[i].zText);
    else if( a[i].kind==2 ) html_printf(&r->out, "<mark class=dl>%s</mark>", a[i].zText);
    else html_printf(&r->out, "%s", a[i].zText);
  }
  html_printf(&r->out, "</div>");
  segment_list_free(a, n);
}

/* An <option> of a <select> of comparisons or strengths. */
static void opt(Buf *o, const char *zValue, const char *zCur, const char *zLabel){
  html_printf(o, "<option value=\"%s\"%s>%s</option>", zValue, zCur && strcmp(zCur, zValue)==0 ? " selected" : "", zLabel);
}

/* The fields of a target form (values of g, or empty for a new one). */
static void target_fields(Buf *o, const Target *g){
  Buf v = BUF_INIT, vm = BUF_INIT;
  if( g ){ web_amount(&v, g->value); if( g->zCmp && strcmp(g->zCmp, "range")==0 ) web_amount(&vm, g->valueMax); }
  html_printf(o, "<input name=subject size=10 placeholder=指标名称 aria-label=指标名称 value=\"%s\"> "
                 "<select name=cmp aria-label=比较>", g && g->zSubject ? g->zSubject : "");
  const char *zCmp = g ? g->zCmp : "=";
  opt(o, "=", zCmp, "等于"); opt(o, ">=", zCmp, "不低于"); opt(o, "<=", zCmp, "不超过");
  opt(o, "~", zCmp, "约"); opt(o, "range", zCmp, "区间");
  html_printf(o, "</select> <input name=value size=7 inputmode=decimal placeholder=目标值 aria-label=目标值 required value=\"%s\">"
                 " <input name=value_max size=6 inputmode=decimal placeholder=上限 aria-label=区间上限 value=\"%s\">"
                 " <input name=unit size=4 placeholder=单位 aria-label=单位 value=\"%s\"> <select name=strength aria-label=力度>",
              buf_str(&v), buf_str(&vm), g && g->zUnit ? g->zUnit : "");
  const char *zS = g ? g->zStrength : "plain";
  opt(o, "plain", zS, "一般"); opt(o, "must", zS, "确保"); opt(o, "strive", zS, "力争");
  html_printf(o, "</select>");
  buf_free(&v);
  buf_free(&vm);
}

/*
** WEBPAGE: /admin/decompose?plan=ID
** The decomposition review: each task next to its source sentence, with
** forms to change its text, deadline, lead and co units and targets.
** node=N.M narrows to a heading; page=K pages by DECOMPOSE_PAGE.
*/
void page_admin_decompose(Req *r){
  Err e = {0};
  if( !need_staff(r) ) return;
  int planId = PI(r, "plan", 0), page = PI(r, "page", 1);
  const char *zNode = P(r, "node");
  Plan pl;
  if( ledger_plan_get(r->L, planId, &pl, &e) ){ web_error(r, &e); return; }
  TaskFilter f = {pl.id, 0, zNode && zNode[0] ? zNode : 0, -1, 0};
  Task *a;
  int n;
  if( ledger_task_list(r->L, &f, &a, &n, &e) ){ plan_clear(&pl); web_error(r, &e); return; }
  Unit *aU;
  int nU;
  if( ledger_unit_list(r->L, &aU, &nU, &e) ){ task_list_free(a, n); plan_clear(&pl); web_error(r, &e); return; }
  int canEdit = auth_can(r->pUser, ACT_EDIT, 0);
  Buf *o = &r->out;
  if( page<1 ) page = 1;
  int nPage = (n + DECOMPOSE_PAGE - 1)/DECOMPOSE_PAGE;
  page_begin(r, "分解审核");
  web_flash(r);
  admin_nav(r, "/admin/plans");
  html_printf(o, "<h1>分解审核</h1><p class=sub>%s · %s · 共%d项任务 · 第%d/%d页</p>",
              pl.zTitle ? pl.zTitle : pl.zRegion, strcmp(pl.zState, "published")==0 ? "已发布" : "草稿",
              n, page, nPage ? nPage : 1);
  html_printf(o, "<form class=\"filters noprint\" method=get action=/admin/decompose>"
                 "<input type=hidden name=plan value=\"%d\"><label>标题序号<input name=node size=6 value=\"%s\" "
                 "placeholder=\"如 2.1\"></label><button>筛选</button></form>", pl.id, zNode ? zNode : "");
  html_printf(o, "<datalist id=units>");
  for(int i=0; i<nU; i++) if( aU[i].active ) html_printf(o, "<option value=\"%s\">", aU[i].zName);
  html_printf(o, "</datalist>");
  Buf back = BUF_INIT;
  buf_printf(&back, "/admin/decompose?plan=%d&page=%d", pl.id, page);
  if( zNode && zNode[0] ){ buf_puts(&back, "&node="); url_encode(&back, zNode); }
  for(int i=(page-1)*DECOMPOSE_PAGE; i<n && i<page*DECOMPOSE_PAGE; i++){
    const Task *t = &a[i];
    Buf ed = BUF_INIT;
    edited_label(&ed, t->zEdited);
    html_printf(o, "<div class=card id=\"t%d\"><p><b>%s</b> <a href=\"/task/%d\">查看</a> <span class=sub>%s%s%s</span></p>",
                t->id, t->zSeq, t->id, task_state_label(t->zState), ed.n ? " · 已人工修改：" : "", buf_str(&ed));
    buf_free(&ed);
    html_printf(o, "<div class=pair><div><h3>原文</h3>");
    sentence(r, t);
    html_printf(o, "</div><div><h3>任务</h3>");
    if( canEdit ){
      html_printf(o, "<form class=form method=post action=\"/admin/task/%d\">", t->id);
      web_csrf_field(r);
      Buf co = BUF_INIT;
      for(int k=0; k<t->nCo; k++){ if( k ) buf_puts(&co, "，"); buf_puts(&co, t->azCo[k]); }
      html_printf(o, "<input type=hidden name=back value=\"%s#t%d\">"
                     "<textarea name=text aria-label=任务表述>%s</textarea>"
                     "<p>完成时限 <input type=date name=deadline value=\"%s\"> %s</p>"
                     "<p>牵头单位 <input name=lead list=units size=12 value=\"%s\"> "
                     "责任单位 <input name=co list=units size=20 value=\"%s\" placeholder=\"逗号分隔\"></p>"
                     "<p><button>保存</button></p></form>",
                  buf_str(&back), t->id, t->zText, t->zDeadline,
                  t->deadlineExplicit && t->zDeadlineText ? t->zDeadlineText : "（原文未写明）",
                  t->zLead ? t->zLead : "", buf_str(&co));
      buf_free(&co);
    }else{
      html_printf(o, "<p>%s</p><p>完成时限 %s · 牵头 %s</p>", t->zText, t->zDeadline, t->zLead ? t->zLead : "未分配");
    }
    html_printf(o, "<h3>量化指标</h3>");
    for(int k=0; k<t->nTarget; k++){
      const Target *g = &t->aTarget[k];
      if( canEdit ){
        html_printf(o, "<form method=post action=\"/admin/target/%d\"><input type=hidden name=back value=\"%s#t%d\">",
                    g->id, buf_str(&back), t->id);
        web_csrf_field(r);
        html_printf(o, "<span class=sub>%s</span> ", g->zText);
        target_fields(o, g);
        html_printf(o, " <button name=action value=edit>保存</button> "
                       "<button class=plain name=action value=remove>删除</button></form>");
      }else{
        html_printf(o, "<p>%s</p>", g->zText);
      }
    }
    if( canEdit ){
      html_printf(o, "<form method=post action=\"/admin/target/0\"><input type=hidden name=task value=\"%d\">"
                     "<input type=hidden name=back value=\"%s#t%d\"><input type=hidden name=action value=add>",
                  t->id, buf_str(&back), t->id);
      web_csrf_field(r);
      target_fields(o, 0);
      html_printf(o, " <button>添加指标</button></form>");
    }
    html_printf(o, "</div></div></div>");
  }
  if( nPage>1 ){
    html_printf(o, "<div class=\"pager noprint\">");
    for(int k=1; k<=nPage; k++){
      if( k==page ) html_printf(o, "<b>%d</b>", k);
      else html_printf(o, "<a href=\"/admin/decompose?plan=%d&amp;page=%d&amp;node=%U\">%d</a>", pl.id, k, zNode ? zNode : "", k);
    }
    html_printf(o, "</div>");
  }
  if( strcmp(pl.zState, "published")!=0 && auth_can(r->pUser, ACT_PUBLISH, 0) ){
    html_printf(o, "<form class=card method=post action=\"/admin/publish/%d\">", pl.id);
    web_csrf_field(r);
    html_printf(o, "<p>审核完毕后发布：任务即向社会公开，责任单位开始按月报送进展。</p><button>发布本计划</button></form>");
  }
  page_end(r);
  buf_free(&back);
  unit_list_free(aU, nU);
  task_list_free(a, n);
  plan_clear(&pl);
}

/* Where to go back to after an edit: the form's "back" if local. */
static const char *back_url(Req *r, const char *zDefault){
  const char *z = PF(r, "back");
  return z && z[0]=='/' && z[1]!='/' && z[1]!='\\' ? z : zDefault;
}

/* z, or NULL when z is NULL or equal to zOld (unchanged field). */
static const char *changed(const char *z, const char *zOld){
  if( z==0 ) return 0;
  if( strcmp(z, zOld ? zOld : "")==0 ) return 0;
  return z;
}

/*
** WEBPAGE: /admin/task/ID (POST)
** Change the text, deadline, lead or co units of task ID (fields left as
** they were are not touched, so the task remembers only real edits).
*/
void page_admin_task_edit(Req *r){
  Err e = {0};
  if( !need_staff(r) ) return;
  int id = path_id(r, "/admin/task/");
  Task t;
  if( id==0 ){ web_fail(r, ERR_NOTFOUND, "没有这项任务"); return; }
  if( ledger_task_get(r->L, id, &t, &e) ){ web_error(r, &e); return; }
  Buf co = BUF_INIT;
  for(int k=0; k<t.nCo; k++){ if( k ) buf_puts(&co, "，"); buf_puts(&co, t.azCo[k]); }
  TaskEdit d;
  memset(&d, 0, sizeof(d));
  d.zText = changed(PF(r, "text"), t.zText);
  d.zDeadline = changed(PF(r, "deadline"), t.zDeadline);
  d.zLead = changed(PF(r, "lead"), t.zLead);
  d.zCo = changed(PF(r, "co"), buf_str(&co));
  int rc = 0;
  if( d.zText || d.zDeadline || d.zLead || d.zCo ) rc = ledger_task_edit(r->L, id, &d, &e);
  buf_free(&co);
  task_clear(&t);
  if( rc ){ web_error(r, &e); return; }
  web_invalidate();
  web_redirect_msg(r, back_url(r, "/admin/plans"), rc==0 && (d.zText || d.zDeadline || d.zLead || d.zCo) ? "已保存。" : "没有改动。");
}

/*
** WEBPAGE: /admin/target/ID (POST)
** action=edit or remove target ID; action=add a target to task=N (ID 0).
*/
void page_admin_target(Req *r){
  Err e = {0};
  if( !need_staff(r) ) return;
  int id = path_id(r, "/admin/target/");
  const char *zAction = PF(r, "action");
  if( zAction==0 ) zAction = "";
  TargetEdit g;
  memset(&g, 0, sizeof(g));
  char zV[64], zVm[64];
  g.zValue = web_parse_amount(PF(r, "value"), zV);
  g.zValueMax = web_parse_amount(PF(r, "value_max"), zVm);
  if( g.zValueMax && g.zValueMax[0]==0 ) g.zValueMax = 0;
  g.zUnit = PF(r, "unit");
  g.zSubject = PF(r, "subject");
  g.zCmp = PF(r, "cmp");
  g.zStrength = PF(r, "strength");
  int rc;
  if( strcmp(zAction, "add")==0 ){
    rc = ledger_target_add(r->L, PI(r, "task", 0), &g, 0, &e);
  }else if( strcmp(zAction, "edit")==0 && id ){
    rc = ledger_target_edit(r->L, id, &g, &e);
  }else if( strcmp(zAction, "remove")==0 && id ){
    rc = ledger_target_remove(r->L, id, &e);
  }else{
    web_fail(r, ERR_INPUT, "需要操作：添加、修改或删除指标");
    return;
  }
  if( rc ){ web_error(r, &e); return; }
  web_invalidate();
  web_redirect_msg(r, back_url(r, "/admin/plans"), "指标已更新。");
}
