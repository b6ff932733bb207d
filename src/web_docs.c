/*
** web_docs.c -- the briefing, the progress sheet and the reminders in the
** web app:
**   /admin/brief          the 督查通报 for a period or a past date, inside
**                         the site, with downloads as Word (.docx) and as
**                         a web page (.html)
**   /admin/reminders      催办记录: what was sent, what failed, what waits;
**                         the channels (read-only) and the --check output
**   /my/sheet.xlsx        a unit's progress sheet (进展填报表) to fill in
**                         Excel or WPS
**   /my/sheet (POST)      the filled sheet back: every row filed, or none
**                         and each bad row named by its cell
**   /my/reminders         我收到的催办: the reminders the unit received
** Every page is a view of brief.h, sheet.h and remind.h, which ask the
** ledger who may see and do what; nothing here decides a status.
*/
#include "web.h"
#include "auth.h"
#include "brief.h"
#include "doc.h"
#include "remind.h"
#include "sheet.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define DOCX_TYPE "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

/* ---- small helpers ---- */

/* 1 when z is a month YYYY-MM. */
static int month_ok(const char *z){
  return z && strlen(z)==7 && strspn(z, "0123456789")==4 && z[4]=='-'
      && strspn(z+5, "0123456789")==2 && atoi(z+5)>=1 && atoi(z+5)<=12;
}

/* Query field zName when given and not empty, else NULL. */
static const char *given(Req *r, const char *zName){
  const char *z = P(r, zName);
  return z && z[0] ? z : 0;
}

/* Set a Content-Disposition: attachment with an ASCII zFallback name and
** the real (UTF-8) name zName. */
static void attachment(Req *r, const char *zFallback, const char *zName){
  Buf d = BUF_INIT;
  buf_printf(&d, "attachment; filename=\"%s\"; filename*=UTF-8''", zFallback);
  url_encode(&d, zName);
  web_header(r, "Content-Disposition", buf_str(&d));
  buf_free(&d);
}

/*
** The Content-Security-Policy of a page showing a briefing: the site's
** policy, plus the <style> elements luoshi itself wrote into zHtml (the
** chart's SVG, the standalone page's stylesheet) allowed by their SHA-256,
** and style attributes (the table's column widths).  Scripts stay
** forbidden.  bSandbox adds "sandbox" (a downloaded page).
*/
static void brief_csp(Req *r, const char *zHtml, int bSandbox){
  Buf c = BUF_INIT;
  buf_puts(&c, "default-src 'none'; style-src 'self'");
  for(const char *z = zHtml; (z = strstr(z, "<style>"))!=0; ){
    z += 7;
    const char *zEnd = strstr(z, "</style>");
    if( zEnd==0 ) break;
    unsigned char h[crypto_hash_sha256_BYTES];
    char zB64[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES, sodium_base64_VARIANT_ORIGINAL)];
    crypto_hash_sha256(h, (const unsigned char*)z, (unsigned long long)(zEnd - z));
    sodium_bin2base64(zB64, sizeof(zB64), h, sizeof(h), sodium_base64_VARIANT_ORIGINAL);
    if( strstr(buf_str(&c), zB64)==0 ) buf_printf(&c, " 'sha256-%s'", zB64);
    z = zEnd;
  }
  buf_puts(&c, "; style-src-attr 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
               "frame-ancestors 'none'; base-uri 'none'");
  if( bSandbox ) buf_puts(&c, "; sandbox");
  web_header(r, "Content-Security-Policy", buf_str(&c));
  buf_free(&c);
}

/* ---- the briefing (督查通报) ---- */

/* The briefing asked for by the query of r (period=YYYY-MM, as_of=DATE,
** number=文号, plan=ID) into *a; zErr[0] set to a Chinese message when a
** field is malformed. */
static void brief_args(Req *r, BriefArgs *a, char zErr[128]){
  memset(a, 0, sizeof(*a));
  zErr[0] = 0;
  a->planId = PI(r, "plan", 0);
  a->zPeriod = given(r, "period");
  a->zAsOf = given(r, "as_of");
  a->zNumber = given(r, "number");
  if( a->zPeriod && !month_ok(a->zPeriod) ){
    snprintf(zErr, 128, "报告期应为年月，如2026-06。");
  }else if( a->zAsOf && !date_valid(a->zAsOf) ){
    snprintf(zErr, 128, "截止日期应为年月日，如2026-07-11。");
  }else if( a->zNumber && utf8_count(a->zNumber, strlen(a->zNumber))>40 ){
    snprintf(zErr, 128, "文号不超过40个字。");
  }
}

/* The query string of the briefing of r for the download links
** ("?period=...&as_of=..."), escaped for an attribute by html_printf. */
static void brief_query(Req *r, Buf *q){
  static const char *const az[] = {"period", "as_of", "number", "plan"};
  for(int i=0; i<4; i++){
    const char *z = given(r, az[i]);
    if( z==0 ) continue;
    buf_puts(q, q->n ? "&" : "?");
    buf_puts(q, az[i]);
    buf_putc(q, '=');
    url_encode(q, z);
  }
}

/* The form choosing a briefing, filled with what r asked for. */
static void brief_form(Req *r){
  const char *zP = given(r, "period"), *zA = given(r, "as_of"), *zN = given(r, "number");
  html_printf(&r->out, "<form class=\"filters noprint\" method=get action=/admin/brief>");
  if( PI(r, "plan", 0) ) html_printf(&r->out, "<input type=hidden name=plan value=\"%d\">", PI(r, "plan", 0));
  html_printf(&r->out,
    "<label>报告期（年月）<input type=month name=period value=\"%s\" placeholder=\"如 2026-06\"></label>"
    "<label>数据截至（日期）<input type=date name=as_of value=\"%s\"></label>"
    "<label>文号<input name=number size=16 value=\"%s\" placeholder=\"如 临政办督〔2026〕5号\"></label>"
    "<button>生成通报</button></form>"
    "<p class=sub>只填报告期：数据截至该月报送截止日的次日；只填日期：报告期为此前最近一个已到报送截止日的月份；都不填：最近一期。</p>",
    zP ? zP : "", zA ? zA : "", zN ? zN : "");
}

/*
** WEBPAGE: /admin/brief
** The supervision briefing (督查通报) inside the dashboard: a form
** choosing the period (period=YYYY-MM) and/or the date the status is
** taken on (as_of=YYYY-MM-DD), the 文号 (number=), and the briefing with
** links to download it as Word and as a web page.  Supervisors, leaders
** and admins.
*/
void page_admin_brief(Req *r){
  Err e = {0};
  if( !need_staff(r) ) return;
  BriefArgs a;
  char zErr[128];
  brief_args(r, &a, zErr);
  Brief b;
  Doc d;
  Buf frag = BUF_INIT;
  int ok = 0;
  if( zErr[0]==0 ){
    if( brief_gather(r->L, &a, &b, &e)==0 ){
      brief_compose(&b, a.zNumber, &d);
      doc_html(&d, 1, &frag);
      ok = 1;
    }else if( e.code!=ERR_INPUT && e.code!=ERR_NOTFOUND ){
      web_error(r, &e);
      return;
    }
  }
  Buf *o = &r->out;
  page_begin(r, "督查通报");
  admin_nav(r, "/admin/brief");
  html_printf(o, "<h1>督查通报</h1>");
  brief_form(r);
  if( zErr[0] ){
    r->status = 400;
    html_printf(o, "<p class=err>%s</p>", zErr);
  }else if( !ok && e.code==ERR_NOTFOUND ){
    html_printf(o, "<p>尚无计划：请先在<a href=/admin/plans>计划与分解审核</a>中导入并发布政府工作报告。</p>");
  }else if( !ok ){
    r->status = e.code;
    html_printf(o, "<p class=err>无法生成这一期通报。</p><p class=sub>详情：%s</p>", e.zMsg);
  }else{
    Buf q = BUF_INIT;
    brief_query(r, &q);
    char zAsOf[32];
    web_date_cn(b.zAsOf, zAsOf);
    html_printf(o, "<p class=sub>%d年第%d期 · %d年%d月进展 · 数据截至%s · %d项任务</p>"
                   "<p class=noprint><a class=btn href=\"/admin/brief.docx%s\">下载Word（.docx）</a> "
                   "<a class=btn href=\"/admin/brief.html%s\">下载网页（.html）</a></p>",
                atoi(b.zPeriod), b.issue, atoi(b.zPeriod), atoi(b.zPeriod+5), zAsOf, b.total.nTotal,
                buf_str(&q), buf_str(&q));
    html_printf(o, "<link rel=stylesheet href=/static/gongwen.css><div class=\"scroll brief\">%r</div>", buf_str(&frag));
    buf_free(&q);
    brief_csp(r, buf_str(&frag), 0);
    doc_free(&d);
    brief_free(&b);
  }
  page_end(r);
  buf_free(&frag);
}

/* Answer r with the briefing it asks for in format f (BRIEF_DOCX or a
** whole BRIEF_HTML page) as a download. */
static void brief_download(Req *r, BriefFormat f){
  Err e = {0};
  if( !need_staff(r) ) return;
  BriefArgs a;
  char zErr[128];
  brief_args(r, &a, zErr);
  if( zErr[0] ){ web_fail(r, ERR_INPUT, "%s", zErr); return; }
  Brief b;
  Doc d;
  Buf out = BUF_INIT;
  if( brief_gather(r->L, &a, &b, &e) ){ web_error(r, &e); return; }
  brief_compose(&b, a.zNumber, &d);
  int rc = 0;
  if( f==BRIEF_DOCX ) rc = doc_docx(&d, b.zAsOf, &out, &e);
  else doc_html(&d, 0, &out);
  if( rc ){
    web_error(r, &e);
  }else{
    char zAscii[64], zName[96];
    const char *zExt = f==BRIEF_DOCX ? "docx" : "html";
    snprintf(zAscii, sizeof(zAscii), "brief-%s.%s", b.zPeriod, zExt);
    snprintf(zName, sizeof(zName), "督查通报-%d年第%d期.%s", atoi(b.zPeriod), b.issue, zExt);
    attachment(r, zAscii, zName);
    if( f==BRIEF_DOCX ){
      r->zType = DOCX_TYPE;
    }else{
      r->zType = "text/html; charset=utf-8";
      brief_csp(r, buf_str(&out), 1);
    }
    buf_reset(&r->out);
    buf_append(&r->out, out.a, out.n);
  }
  buf_free(&out);
  doc_free(&d);
  brief_free(&b);
}

/*
** WEBPAGE: /admin/brief.docx
** The briefing of /admin/brief (same query) as a Word document.
*/
void page_admin_brief_docx(Req *r){
  brief_download(r, BRIEF_DOCX);
}

/*
** WEBPAGE: /admin/brief.html
** The briefing of /admin/brief (same query) as a web page of its own (A4,
** its stylesheet inside), to save or print.
*/
void page_admin_brief_html(Req *r){
  brief_download(r, BRIEF_HTML);
}

/*
** WEBPAGE: /static/gongwen.css
** The stylesheet of the briefing inside the site (doc_css()).
*/
void page_gongwen_css(Req *r){
  r->zType = "text/css; charset=utf-8";
  buf_puts(&r->out, doc_css());
  buf_puts(&r->out, ".brief{background:#e8e8e8;padding:1rem 0;border-radius:.5rem}\n"
                    "@media print{.brief{background:none;padding:0}}\n");
  web_header(r, "Cache-Control", "public, max-age=3600");
}

/* ---- reminders (催办) ---- */

/* The states of a reminder with their Chinese names. */
static const char *const azRemState[][2] = {
  {"sent", "已发送"}, {"failed", "发送失败"}, {"pending", "待发送"},
  {"sending", "发送中"}, {"cancelled", "已取消"},
};
#define N_REM_STATE 5

/* A reminder's state in Chinese (static). */
static const char *rem_state_label(const char *z){
  for(int i=0; z && i<N_REM_STATE; i++) if( strcmp(z, azRemState[i][0])==0 ) return azRemState[i][1];
  return z ? z : "";
}

/* A channel kind in Chinese (static). */
static const char *channel_kind_label(const char *z){
  if( z==0 ) return "";
  if( strcmp(z, "dingtalk")==0 ) return "钉钉群机器人";
  if( strcmp(z, "wecom")==0 ) return "企业微信群机器人";
  if( strcmp(z, "webhook")==0 ) return "Webhook";
  if( strcmp(z, "email")==0 ) return "电子邮件";
  return z;
}

/* A channel's owner role in Chinese (static). */
static const char *channel_role_label(const char *z){
  if( z==0 ) return "";
  if( strcmp(z, "contact")==0 ) return "单位联系人";
  if( strcmp(z, "head")==0 ) return "单位负责人";
  if( strcmp(z, "leader")==0 ) return "分管领导";
  if( strcmp(z, "office")==0 ) return "督查室";
  return z;
}

/* An escalation step in Chinese (static). */
static const char *step_label(int step){
  switch( step ){
    case 1:  return "一级：单位联系人";
    case 2:  return "二级：单位负责人";
    case 3:  return "三级：督查室、分管领导";
    default: return "";
  }
}

/* "2026-03-05T08:00:00" as "2026-03-05 08:00" (escaped) into o; "—" when
** empty. */
static void time_cell(Buf *o, const char *z){
  if( z==0 || z[0]==0 ){ html_printf(o, "—"); return; }
  if( strlen(z)>=16 ) html_printf(o, "%.10s %.5s", z, z+11);
  else html_printf(o, "%s", z);
}

/* The state filter of r (NULL: all); ERR_INPUT when unknown. */
static int rem_state_param(Req *r, const char **pz, Err *e){
  const char *z = given(r, "state");
  *pz = 0;
  if( z==0 ) return 0;
  for(int i=0; i<N_REM_STATE; i++) if( strcmp(z, azRemState[i][0])==0 ){ *pz = azRemState[i][0]; return 0; }
  return err_set(e, ERR_INPUT, "没有这种催办状态：%s（可选：sent、failed、pending、sending、cancelled）", z);
}

/* Links choosing the state filter of zPath (with the extra query zExtra,
** "" or "&unit=3"). */
static void rem_state_links(Buf *o, const char *zPath, const char *zState, const char *zExtra){
  html_printf(o, "<p class=\"noprint\">状态：");
  if( zState==0 ) html_printf(o, "<b>全部</b>");
  else html_printf(o, "<a href=\"%s%s%s\">全部</a>", zPath, zExtra[0] ? "?" : "", zExtra[0] ? zExtra+1 : "");
  for(int i=0; i<N_REM_STATE; i++){
    if( zState && strcmp(zState, azRemState[i][0])==0 ) html_printf(o, "　<b>%s</b>", azRemState[i][1]);
    else html_printf(o, "　<a href=\"%s?state=%s%s\">%s</a>", zPath, azRemState[i][0], zExtra, azRemState[i][1]);
  }
  html_printf(o, "</p>");
}

/* The reminders a[0..n) as a table; bUnit: as a unit sees them (no unit
** column). */
static void rem_table(Buf *o, const Reminder *a, int n, int bUnit){
  if( n==0 ){ html_printf(o, "<p>没有催办记录。</p>"); return; }
  html_printf(o, "<table class=\"tasks rem\"><tr><th>时间</th>%s<th>事项</th><th>级别</th>"
                 "<th>发往</th><th>状态</th><th class=hide-s>结果</th></tr>", bUnit ? "" : "<th>单位</th>");
  for(int i=0; i<n; i++){
    const Reminder *p = &a[i];
    const char *zCls = strcmp(p->zState, "failed")==0 ? " class=err" : "";
    html_printf(o, "<tr><td class=seq>");
    time_cell(o, p->zCreated);
    html_printf(o, "</td>");
    if( !bUnit ) html_printf(o, "<td>%s</td>", p->zWho ? p->zWho : "");
    if( p->taskId ) html_printf(o, "<td><a href=\"/task/%d\">%s</a></td>", p->taskId, p->zWhat ? p->zWhat : "");
    else html_printf(o, "<td>%s</td>", p->zWhat ? p->zWhat : "");
    html_printf(o, "<td>%s</td><td>%s<div class=sub>%s</div></td><td%r>%s",
                step_label(p->step), channel_kind_label(p->zChannel), p->zTo ? p->zTo : "",
                zCls, rem_state_label(p->zState));
    if( p->zSentAt[0] ){ html_printf(o, "<div class=sub>"); time_cell(o, p->zSentAt); html_printf(o, "</div>"); }
    else if( p->tries ) html_printf(o, "<div class=sub>已尝试%d次</div>", p->tries);
    html_printf(o, "</td><td class=\"hide-s sub\">%s</td></tr>", p->zResult ? p->zResult : "");
  }
  html_printf(o, "</table>");
}

/* A channel's address for display: an e-mail address as it is, a URL
** only as far as its host (the rest may hold the robot's token). */
static void channel_address(Buf *o, const char *z){
  const char *zHost = z ? strstr(z, "://") : 0;
  if( z==0 ){ return; }
  if( zHost==0 ){ html_printf(o, "%s", z); return; }
  zHost += 3;
  size_t n = (size_t)(zHost - z) + strcspn(zHost, "/?#");
  if( n>200 ){ n = 200; while( n>0 && ((unsigned char)z[n] & 0xC0)==0x80 ) n--; }
  html_escape(o, z, n);
  html_printf(o, "/…");
}

/*
** WEBPAGE: /admin/reminders
** 催办记录: the reminders sent, failed and waiting, newest first
** (state=sent|failed|pending|sending|cancelled, unit=ID), and the
** channels they go to.  Supervisors, leaders and admins.
*/
void page_admin_reminders(Req *r){
  Err e = {0};
  if( !need_staff(r) ) return;
  const char *zState;
  if( rem_state_param(r, &zState, &e) ){ web_error(r, &e); return; }
  int unitId = PI(r, "unit", 0);
  ReminderFilter f = {unitId, PI(r, "task", 0), zState, 200};
  Reminder *a;
  int n;
  if( remind_list(r->L, &f, &a, &n, &e) ){ web_error(r, &e); return; }
  Channel *aC = 0;
  int nC = 0;
  Err e2 = {0};
  int hasChannels = remind_channel_list(r->L, 0, 0, &aC, &nC, &e2)==0;
  Unit *aU = 0;
  int nU = 0;
  ledger_unit_list(r->L, &aU, &nU, &e2);
  Buf *o = &r->out;
  page_begin(r, "催办记录");
  web_flash(r);
  admin_nav(r, "/admin/reminders");
  html_printf(o, "<h1>催办记录</h1><p class=sub>报告临近截止、逾期未报、退回未重报、任务临近或超过时限时，"
                 "系统按级别自动催办：先发单位联系人，未办结再发单位负责人，再发督查室和分管领导。最新的在前，最多显示%d条。</p>", 200);
  char zExtra[32] = "";
  if( unitId ) snprintf(zExtra, sizeof(zExtra), "&unit=%d", unitId);
  rem_state_links(o, "/admin/reminders", zState, zExtra);
  html_printf(o, "<form class=\"filters noprint\" method=get action=/admin/reminders>");
  if( zState ) html_printf(o, "<input type=hidden name=state value=\"%s\">", zState);
  html_printf(o, "<label>单位<select name=unit><option value=0>全部单位</option>");
  for(int i=0; i<nU; i++){
    html_printf(o, "<option value=\"%d\"%s>%s</option>", aU[i].id, aU[i].id==unitId ? " selected" : "", aU[i].zName);
  }
  html_printf(o, "</select></label><button>筛选</button></form>");
  rem_table(o, a, n, 0);
  if( hasChannels ){
    html_printf(o, "<h2>催办渠道</h2>");
    if( nC==0 ) html_printf(o, "<p>尚未配置催办渠道（<code>luoshi channel add</code>）。</p>");
    else html_printf(o, "<table><tr><th>单位</th><th>对象</th><th>方式</th><th>名称</th><th class=hide-s>地址</th></tr>");
    for(int i=0; i<nC; i++){
      const Channel *c = &aC[i];
      html_printf(o, "<tr><td>%s</td><td>%s%s%s</td><td>%s</td><td>%s</td><td class=\"hide-s sub\">",
                  c->zUnit ? c->zUnit : "督查室", channel_role_label(c->zRole), c->zUser ? " " : "",
                  c->zUser ? c->zUser : "", channel_kind_label(c->zKind), c->zName ? c->zName : "");
      channel_address(o, c->zAddress);
      html_printf(o, "%s</td></tr>", c->zSecret && c->zSecret[0] ? "（加签）" : "");
    }
    if( nC ) html_printf(o, "</table>");
    html_printf(o, "<p class=sub>渠道由管理员用 <code>luoshi channel</code> 配置。");
    if( auth_can(r->pUser, ACT_REVIEW, 0) ){
      html_printf(o, "<a href=/admin/reminders/check>检查催办配置</a>（逐个连接各渠道，需要几秒钟）");
    }
    html_printf(o, "</p>");
  }
  page_end(r);
  unit_list_free(aU, nU);
  channel_list_free(aC, nC);
  reminder_list_free(a, n);
}

/*
** WEBPAGE: /admin/reminders/check
** The reminder configuration checked (luoshi remind --check): every
** channel reached or named as bad, the settings, units nobody hears.
** Sends nothing.  Supervisors and admins.
*/
void page_admin_remind_check(Req *r){
  Err e = {0};
  if( !need_staff(r) ) return;
  RemindCheckLine *a;
  int n, nBad;
  if( remind_check(r->L, &a, &n, &nBad, &e) ){ web_error(r, &e); return; }
  Buf *o = &r->out;
  page_begin(r, "检查催办配置");
  admin_nav(r, "/admin/reminders");
  html_printf(o, "<p class=sub><a href=/admin/reminders>催办记录</a> › 检查配置</p><h1>检查催办配置</h1>");
  if( nBad ) html_printf(o, "<p class=err>%d项有问题。</p>", nBad);
  else html_printf(o, "<p class=flash>全部正常。</p>");
  html_printf(o, "<table><tr><th>检查项</th><th>结果</th></tr>");
  for(int i=0; i<n; i++){
    html_printf(o, "<tr><td>%s</td><td%r>%s%s</td></tr>", a[i].zWhat ? a[i].zWhat : "",
                a[i].ok ? "" : " class=err", a[i].ok ? "正常：" : "问题：", a[i].zMsg ? a[i].zMsg : "");
  }
  html_printf(o, "</table>");
  page_end(r);
  remind_check_free(a, n);
}

/* The unit workspace's sub-navigation. */
void my_nav(Req *r, const char *zHere){
  static const char *const az[][2] = {
    {"/my", "我的任务"}, {"/my/reminders", "我收到的催办"},
  };
  html_printf(&r->out, "<nav class=\"card noprint\">");
  for(int i=0; i<2; i++){
    if( strcmp(az[i][0], zHere)==0 ) html_printf(&r->out, "<b>%s</b>　", az[i][1]);
    else html_printf(&r->out, "<a href=\"%s\">%s</a>　", az[i][0], az[i][1]);
  }
  html_printf(&r->out, "</nav>");
}

/*
** WEBPAGE: /my/reminders
** 我收到的催办: the reminders the unit's contact and head received
** (state= filters as on /admin/reminders).
*/
void page_my_reminders(Req *r){
  Err e = {0};
  if( !need_unit(r) ) return;
  const char *zState;
  if( rem_state_param(r, &zState, &e) ){ web_error(r, &e); return; }
  ReminderFilter f = {r->pUser->unitId, 0, zState, 200};
  Reminder *a;
  int n;
  if( remind_list(r->L, &f, &a, &n, &e) ){ web_error(r, &e); return; }
  Buf *o = &r->out;
  page_begin(r, "我收到的催办");
  my_nav(r, "/my/reminders");
  html_printf(o, "<h1>我收到的催办 · %s</h1><p class=sub>督查室系统发给本单位联系人和负责人的催办，最新的在前。"
                 "按时报送、办结任务后不再催办。</p>", r->pUser->zUnit ? r->pUser->zUnit : "");
  rem_state_links(o, "/my/reminders", zState, "");
  rem_table(o, a, n, 1);
  page_end(r);
  reminder_list_free(a, n);
}

/* ---- the progress sheet (进展填报表) ---- */

/*
** WEBPAGE: /my/sheet.xlsx
** The unit's progress sheet for month period=YYYY-MM (default: the month
** before today), to fill in Excel or WPS and upload at /my/sheet.
*/
void page_my_sheet(Req *r){
  Err e = {0};
  if( !need_unit(r) ) return;
  const char *zPeriod = given(r, "period");
  if( zPeriod && !month_ok(zPeriod) ){ web_fail(r, ERR_INPUT, "报告期应为年月，如2026-02。"); return; }
  Buf out = BUF_INIT;
  if( sheet_export(r->L, 0, zPeriod, &out, &e) ){ buf_free(&out); web_error(r, &e); return; }
  char zMonth[8];
  if( zPeriod ) snprintf(zMonth, sizeof(zMonth), "%s", zPeriod);
  else{
    char z[11];
    days_date(date_days(today()) - atoi(today()+8), z);   /* the last day of last month */
    snprintf(zMonth, sizeof(zMonth), "%.7s", z);
  }
  char zAscii[48];
  snprintf(zAscii, sizeof(zAscii), "sheet-%s.xlsx", zMonth);
  char *zName = xprintf("进展填报表-%s-%s.xlsx", r->pUser->zUnit ? r->pUser->zUnit : "", zMonth);
  attachment(r, zAscii, zName);
  free(zName);
  r->zType = XLSX_TYPE;
  buf_append(&r->out, out.a, out.n);
  buf_free(&out);
}

/* The two forms of the sheet: download for a month of aMonth[0..nMonth)
** (zSel selected), and upload. */
void sheet_forms(Req *r, char (*aMonth)[8], int nMonth, const char *zSel){
  Buf *o = &r->out;
  html_printf(o, "<div class=\"card noprint\" id=sheet><h2>进展填报表（Excel）</h2>"
                 "<p class=sub>一张表填报本单位本期全部任务：下载后在Excel或WPS中填写“本期完成值”（或“完成百分比”）和“进展情况”，"
                 "保存后上传。整表校验，全部无误才导入；同一张表重复上传不会重复报送。</p>");
  if( nMonth ){
    html_printf(o, "<form class=filters method=get action=/my/sheet.xlsx><label>报告期<select name=period>");
    for(int i=nMonth-1; i>=0; i--){
      html_printf(o, "<option value=\"%s\"%s>%s</option>", aMonth[i], strcmp(aMonth[i], zSel)==0 ? " selected" : "", aMonth[i]);
    }
    html_printf(o, "</select></label><button>下载本期填报表</button></form>");
  }
  html_printf(o, "<form class=filters method=post enctype=multipart/form-data action=/my/sheet>");
  web_csrf_field(r);
  html_printf(o, "<label>填好的填报表<input type=file name=file required accept=\".xlsx\"></label>"
                 "<button>上传并报送</button> <span class=sub>.xlsx，不超过%zu MB</span></form></div>",
              g_webMaxUpload/(1024*1024));
}

/* The months a sheet may be asked for on plan pl: from the month
** reporting began (its publication, not before the plan year) to the
** current month (not after the plan year's December), into a[12]; the
** count. */
int sheet_months(const Plan *pl, char (*a)[8]){
  if( pl->zPublishedAt[0]==0 ) return 0;
  int y0 = atoi(pl->zPublishedAt), m0 = atoi(pl->zPublishedAt+5);
  if( y0<pl->year ){ y0 = pl->year; m0 = 1; }
  int y1 = atoi(today()), m1 = atoi(today()+5);
  if( y1>pl->year ){ y1 = pl->year; m1 = 12; }
  int n = 0;
  for(int y=y0, m=m0; (y<y1 || (y==y1 && m<=m1)) && n<12; ){
    snprintf(a[n++], 8, "%04d-%02d", y, m);
    if( ++m>12 ){ m = 1; y++; }
  }
  return n;
}

/*
** WEBPAGE: /my/sheet (POST)
** A filled progress sheet (file=) filed as the unit's reports, all rows or
** none: on success back to /my saying how many were filed, already filed
** or left blank; else the bad rows, each with its cell and reason.
*/
void page_my_sheet_post(Req *r){
  Err e = {0};
  if( !need_unit(r) ) return;
  int i = web_upload(r, "file", 0);
  if( i<0 || r->aUp[i].data.n==0 ){ web_fail(r, ERR_INPUT, "请选择填好的填报表（.xlsx）。"); return; }
  SheetResult res;
  memset(&res, 0, sizeof(res));
  int rc = sheet_import(r->L, (const unsigned char*)r->aUp[i].data.a, r->aUp[i].data.n, &res, &e);
  if( rc==0 ){
    if( res.nFiled ) web_invalidate();
    char *zMsg = xprintf("填报表（%s %s期）已导入：新报送%d条；已填报过，未重复导入%d条；未填写进展%d行。%s",
                         res.zUnit, res.zPeriod, res.nFiled, res.nRepeated, res.nBlank,
                         res.nFiled ? "等待督查室审核。" : "");
    web_redirect_msg(r, "/my", zMsg);
    free(zMsg);
    sheet_result_free(&res);
    return;
  }
  if( e.code==ERR_INTERNAL ){ sheet_result_free(&res); web_error(r, &e); return; }
  Buf *o = &r->out;
  r->status = e.code ? e.code : 400;
  page_begin(r, "填报表未导入");
  my_nav(r, "");
  html_printf(o, "<h1>填报表未导入</h1><p class=err>表中有问题，本次没有导入任何一行。请按下列单元格修改后重新上传。</p>"
                 "<p class=sub>详情：%s</p>", e.zMsg);
  if( res.nIssue ){
    html_printf(o, "<table class=issues><tr><th>单元格</th><th>问题</th></tr>");
    for(int k=0; k<res.nIssue; k++){
      html_printf(o, "<tr><td class=seq>%s</td><td>%s</td></tr>",
                  res.aIssue[k].zCell[0] ? res.aIssue[k].zCell : "整个文件", res.aIssue[k].zMsg);
    }
    html_printf(o, "</table>");
  }
  sheet_forms(r, 0, 0, "");
  page_end(r);
  sheet_result_free(&res);
}
