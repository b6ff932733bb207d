/*
** web_unit.c -- logging in and out, and the units' workspace: my tasks,
** what is due this period, returned reports, and the one form to file a
** report (value or percent, narrative, evidence files), prefilled from the
** last report.  Accounts are made by the office (/admin/people or luoshi
** user add); passwords are checked by the ledger (argon2id); logins and
** the old password of a password change are throttled per account and
** address (session.h).  Every logged-in user changes their own password
** on /my/password.
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

/* The page a user lands on after logging in. */
static const char *home_of(Req *r){
  if( r->pUser->unitId ) return "/my";
  if( web_is_staff(r) ) return "/admin";
  return "/";
}

/* The login form, with an error message when zErr. */
static void login_form(Req *r, const char *zErr){
  const char *zNext = P(r, "next");
  const char *zLogin = PF(r, "login");
  Buf *o = &r->out;
  page_begin(r, "登录");
  html_printf(o, "<h1>登录</h1>");
  if( zErr ) html_printf(o, "<p class=err>%s</p>", zErr);
  html_printf(o, "<form class=\"card form\" method=post action=/login>");
  web_csrf_field(r);
  html_printf(o, "<input type=hidden name=next value=\"%s\">"
                 "<p><label for=login>账号</label><input id=login name=login autocomplete=username required value=\"%s\"></p>"
                 "<p><label for=password>密码</label><input id=password name=password type=password "
                 "autocomplete=current-password required></p><p><button>登录</button></p></form>"
                 "<p class=sub>账号由督查室统一分配。公众无需登录即可查看全部公开任务。</p>",
              zNext ? zNext : "", zLogin ? zLogin : "");
  page_end(r);
}

/*
** WEBPAGE: /login
** The login form.
*/
void page_login(Req *r){
  if( r->pUser->id ){
    page_begin(r, "登录");
    html_printf(&r->out, "<h1>已登录</h1><p>您已作为 %s 登录。<a href=\"%s\">继续</a></p>",
                r->pUser->zLogin, home_of(r));
    page_end(r);
    return;
  }
  login_form(r, 0);
}

/*
** WEBPAGE: /login (POST)
** Check the password (throttled), start a session, go where the user was
** going or to the page of their role.
*/
void page_login_post(Req *r){
  Err e = {0};
  const char *zLogin = PF(r, "login"), *zPw = PF(r, "password"), *zNext = PF(r, "next");
  if( zLogin==0 || zPw==0 || zLogin[0]==0 ){
    r->status = 400;
    login_form(r, "请填写账号和密码。");
    return;
  }
  int wait = throttle_wait(zLogin, r->zIp);
  if( wait>0 ){
    char z[128];
    snprintf(z, sizeof(z), "登录失败次数过多，请%d秒后再试。", wait);
    r->status = 429;
    char zWait[16];
    snprintf(zWait, sizeof(zWait), "%d", wait);
    web_header(r, "Retry-After", zWait);
    login_form(r, z);
    return;
  }
  if( ledger_login(r->L, zLogin, zPw, &e) ){
    if( e.code==ERR_INTERNAL ){ web_error(r, &e); return; }
    throttle_failed(zLogin, r->zIp);
    r->status = 401;
    login_form(r, "账号或密码不正确。");
    return;
  }
  throttle_succeeded(zLogin);
  session_clear(&r->sess);
  if( session_create(r->L, &r->sess, &e) ){ web_error(r, &e); return; }
  r->pUser = ledger_user(r->L);
  web_cookie(r, "luoshi_session", r->sess.zId, SESSION_HOURS*3600);
  web_cookie(r, "luoshi_csrf", "", 0);
  web_redirect(r, zNext && zNext[0]=='/' && zNext[1]!='/' ? zNext : home_of(r));
}

/*
** WEBPAGE: /logout (POST)
** End the session.
*/
void page_logout(Req *r){
  Err e = {0};
  session_end(r->L, r->sess.zId, &e);
  web_cookie(r, "luoshi_session", "", 0);
  web_redirect_msg(r, "/", "已退出登录。");
}

/* See web.h. */
int need_unit(Req *r){
  if( r->pUser->id==0 ){ web_need_login(r); return 0; }
  if( r->pUser->unitId==0 ){
    web_fail(r, ERR_FORBIDDEN, "“我的任务”和进展填报供责任单位账号使用。");
    return 0;
  }
  return 1;
}

/*
** WEBPAGE: /my
** A unit's workspace: what is due this period, returned reports to fix,
** and all of the unit's tasks.
*/
void page_my(Req *r){
  Err e = {0};
  if( !need_unit(r) ) return;
  TaskFilter f = {0, r->pUser->unitId, 0, -1, 0};
  Task *a;
  int n;
  Plan pl;
  if( ledger_plan_get(r->L, 0, &pl, &e) || ledger_task_list(r->L, &f, &a, &n, &e) ){
    if( e.code==ERR_NOTFOUND ){
      page_begin(r, "我的任务");
      html_printf(&r->out, "<h1>我的任务</h1><p>尚无计划。</p><p><a href=/my/password>修改密码</a></p>");
      page_end(r);
      return;
    }
    web_error(r, &e);
    return;
  }
  Buf *o = &r->out;
  Buf due = BUF_INIT, ret = BUF_INIT, all = BUF_INIT;
  int nDue = 0, nRet = 0;
  char zSheet[8] = "";     /* the oldest month due: the sheet's default */
  for(int i=0; i<n; i++){
    const Task *t = &a[i];
    Report *aRep = 0;
    int nRep = 0;
    PeriodState *aP = 0;
    int nP = 0;
    char zDef[8] = "";
    int open = strcmp(t->zState, "published")==0;
    if( open && ledger_report_list(r->L, t->id, &aRep, &nRep, &e)==0 ){
      ledger_task_periods(r->L, &pl, t, aRep, nRep, &aP, &nP);
      period_default(aP, nP, zDef);
    }
    const char *zLast = "—";
    if( nRep ) zLast = report_state_label(aRep[0].state);
    html_printf(&all, "<tr><td class=seq>%s</td><td><a href=\"/task/%d\">%s</a></td><td>", t->zSeq, t->id, t->zText);
    web_badge(&all, t->status.colour);
    html_printf(&all, "<div class=reason>%s</div></td><td>%s%s</td><td class=noprint>",
                t->status.zReason, nRep ? aRep[0].zPeriod : "", zLast);
    if( open ) html_printf(&all, "<a href=\"/report/%d\">填报</a>", t->id);
    else html_printf(&all, "%s", strcmp(t->zState, "draft")==0 ? "未发布" : "已结束");
    html_printf(&all, "</td></tr>");
    /* due: the open month a report is expected for (this month's is due next) */
    if( zDef[0] && (zSheet[0]==0 || strcmp(zDef, zSheet)<0) ) memcpy(zSheet, zDef, 8);
    if( zDef[0] ){
      const PeriodState *s = 0;
      for(int k=0; k<nP; k++) if( strcmp(aP[k].zPeriod, zDef)==0 ) s = &aP[k];
      int late = s && strcmp(s->zDue, today())<0;
      char zCn[32];
      web_date_cn(s ? s->zDue : "", zCn);
      html_printf(&due, "<tr><td class=seq>%s</td><td>%s</td><td>%s期</td><td>%s%s</td><td class=noprint>"
                        "<a class=btn href=\"/report/%d?period=%s\">填报</a></td></tr>",
                  t->zSeq, t->zText, zDef, late ? "已逾期，应于" : "应于", zCn, t->id, zDef);
      nDue++;
    }
    /* returned and not yet filed again */
    for(int k=0; k<nP; k++){
      if( aP[k].state!=REPORT_RETURNED ) continue;
      const char *zWhy = "";
      for(int j=0; j<nRep; j++) if( aRep[j].id==aP[k].reportId && aRep[j].zComment ) zWhy = aRep[j].zComment;
      html_printf(&ret, "<tr><td class=seq>%s</td><td>%s</td><td>%s期</td><td class=err>%s</td>"
                        "<td class=noprint><a class=btn href=\"/report/%d?period=%s\">修改后重报</a></td></tr>",
                  t->zSeq, t->zText, aP[k].zPeriod, zWhy, t->id, aP[k].zPeriod);
      nRet++;
    }
    free(aP);
    report_list_free(aRep, nRep);
  }
  page_begin(r, "我的任务");
  web_flash(r);
  my_nav(r, "/my");
  html_printf(o, "<h1>我的任务 · %s</h1><p class=sub>%s · 共%d项（牵头或参与） · "
                 "<a class=noprint href=/my/password>修改密码</a></p>",
              r->pUser->zUnit ? r->pUser->zUnit : "", pl.zTitle ? pl.zTitle : pl.zRegion, n);
  char aMonth[12][8];
  int nMonth = sheet_months(&pl, aMonth);
  if( nMonth ){
    if( zSheet[0]==0 ) memcpy(zSheet, aMonth[nMonth>1 ? nMonth-2 : 0], 8);
    sheet_forms(r, aMonth, nMonth, zSheet);
  }
  html_printf(o, "<h2>本期待报送（%d）</h2>", nDue);
  if( nDue ){
    html_printf(o, "<table class=tasks><tr><th>序号</th><th>任务</th><th>报告期</th><th>截止</th><th class=noprint></th></tr>");
    buf_append(o, due.a, due.n);
    html_printf(o, "</table>");
  }else{
    html_printf(o, "<p>本期没有待报送的进展。</p>");
  }
  if( nRet ){
    html_printf(o, "<h2>被退回待修改（%d）</h2><table class=tasks><tr><th>序号</th><th>任务</th><th>报告期</th><th>退回理由</th>"
                   "<th class=noprint></th></tr>", nRet);
    buf_append(o, ret.a, ret.n);
    html_printf(o, "</table>");
  }
  html_printf(o, "<h2>全部任务</h2><table class=tasks><tr><th>序号</th><th>任务</th><th>状态</th><th>最近报告</th>"
                 "<th class=noprint></th></tr>");
  buf_append(o, all.a, all.n);
  html_printf(o, "</table>");
  page_end(r);
  buf_free(&due); buf_free(&ret); buf_free(&all);
  task_list_free(a, n);
  plan_clear(&pl);
}

/* The report form of task t, prefilled from the form just posted (on an
** error) or else from the last report. */
static void report_form(Req *r, const Task *t, const Plan *pl, const char *zErr){
  Err e = {0};
  Report *aRep = 0;
  int nRep = 0;
  PeriodState *aP = 0;
  int nP = 0;
  ledger_report_list(r->L, t->id, &aRep, &nRep, &e);
  ledger_task_periods(r->L, pl, t, aRep, nRep, &aP, &nP);
  char zDef[8];
  period_default(aP, nP, zDef);
  const char *zPeriod = P(r, "period");
  if( zPeriod==0 || zPeriod[0]==0 ) zPeriod = zDef;
  /* what to prefill: a returned report of that period, else the newest */
  const Report *pPrev = nRep ? &aRep[0] : 0;
  const Report *pRet = 0;
  for(int i=0; i<nRep; i++){
    if( strcmp(aRep[i].zPeriod, zPeriod)==0 && aRep[i].state==REPORT_RETURNED ){ pRet = &aRep[i]; break; }
  }
  if( pRet ) pPrev = pRet;
  int isPost = strcmp(r->zMethod, "POST")==0;
  const char *zKind = isPost ? PF(r, "kind") : (pPrev && pPrev->isPercent) || t->nTarget==0 ? "percent" : "value";
  if( zKind==0 ) zKind = t->nTarget ? "value" : "percent";
  Buf vVal = BUF_INIT, vPct = BUF_INIT;
  if( isPost ){
    buf_puts(&vVal, PF(r, "value") ? PF(r, "value") : "");
    buf_puts(&vPct, PF(r, "percent") ? PF(r, "percent") : "");
  }else if( pPrev ){
    if( pPrev->isPercent ) web_num(&vPct, pPrev->value);
    else web_amount(&vVal, pPrev->value);
  }
  const char *zNote = isPost ? PF(r, "note") : pPrev ? pPrev->zNote : "";
  int targetSel = isPost ? PI(r, "target", 0) : pPrev && !pPrev->isPercent ? pPrev->targetId : 0;
  Buf *o = &r->out;
  char zTitle[64];
  snprintf(zTitle, sizeof(zTitle), "填报进展 %s", t->zSeq);
  page_begin(r, zTitle);
  html_printf(o, "<p class=sub><a href=/my>我的任务</a> › 填报进展</p><h1>%s</h1>", t->zText);
  if( zErr ) html_printf(o, "<p class=err>%s</p>", zErr);
  if( pRet ) html_printf(o, "<p class=err>%s期的报告被退回：%s。请修改后重新报送。</p>", pRet->zPeriod,
                         pRet->zComment ? pRet->zComment : "");
  if( nP==0 ){
    html_printf(o, "<p>当前没有可以报送的报告期。</p>");
    page_end(r);
    goto done;
  }
  html_printf(o, "<form class=\"card form\" method=post enctype=multipart/form-data action=\"/report/%d\">", t->id);
  web_csrf_field(r);
  html_printf(o, "<p><label for=period>报告期</label><select id=period name=period>");
  for(int i=nP-1; i>=0; i--){
    html_printf(o, "<option value=\"%s\"%s>%s期（%s，%s前报送）</option>", aP[i].zPeriod,
                strcmp(aP[i].zPeriod, zPeriod)==0 ? " selected" : "", aP[i].zPeriod,
                report_state_label(aP[i].state), aP[i].zDue);
  }
  html_printf(o, "</select></p>");
  if( t->nTarget ){
    html_printf(o, "<p><label><input type=radio name=kind value=value%s> 按量化指标报送完成数</label>",
                strcmp(zKind, "value")==0 ? " checked" : "");
    if( t->nTarget>1 ){
      html_printf(o, "<select name=target aria-label=指标>");
      for(int k=0; k<t->nTarget; k++){
        html_printf(o, "<option value=\"%d\"%s>%s%s%s</option>", t->aTarget[k].id,
                    targetSel==t->aTarget[k].id ? " selected" : "",
                    t->aTarget[k].zSubject && t->aTarget[k].zSubject[0] ? t->aTarget[k].zSubject : "",
                    t->aTarget[k].zSubject && t->aTarget[k].zSubject[0] ? "：" : "", t->aTarget[k].zText);
      }
      html_printf(o, "</select>");
    }else{
      html_printf(o, "<input type=hidden name=target value=\"%d\"><span class=sub>指标：%s</span>",
                  t->aTarget[0].id, t->aTarget[0].zText);
    }
    html_printf(o, " <input name=value inputmode=decimal size=10 aria-label=完成数 value=\"%s\"> "
                   "<span class=sub>（累计完成数，单位同指标，可写“万”“亿”）</span></p>", buf_str(&vVal));
  }
  html_printf(o, "<p><label><input type=radio name=kind value=percent%s> 按总体进度报送</label>"
                 "<input name=percent inputmode=decimal size=6 aria-label=总体进度 value=\"%s\"> %%</p>",
              strcmp(zKind, "percent")==0 || t->nTarget==0 ? " checked" : "", buf_str(&vPct));
  html_printf(o, "<p><label for=note>进展情况</label><textarea id=note name=note required "
                 "placeholder=\"本期做了什么、完成多少、存在什么问题\">%s</textarea></p>", zNote ? zNote : "");
  html_printf(o, "<p><label for=evidence>佐证材料</label><input id=evidence type=file name=evidence multiple "
                 "accept=\".jpg,.jpeg,.png,.gif,.webp,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.wps,.et,.dps\">"
                 "<span class=sub> 图片、PDF或Office文件，每次合计不超过%zu MB，最多%d个</span></p>",
              g_webMaxUpload/(1024*1024), WEB_MAX_UPLOADS);
  html_printf(o, "<p><button>提交</button></p></form>");
  page_end(r);
done:
  buf_free(&vVal);
  buf_free(&vPct);
  free(aP);
  report_list_free(aRep, nRep);
}

/* Load task and plan of /report/ID and check the user may report on it;
** answers r and returns nonzero when not. */
static int report_task(Req *r, Task *t, Plan *pl){
  Err e = {0};
  if( !need_unit(r) ) return -1;
  int id = path_id(r, "/report/");
  if( id==0 ){ web_fail(r, ERR_NOTFOUND, "没有这项任务"); return -1; }
  if( ledger_task_get(r->L, id, t, &e) ){ web_error(r, &e); return -1; }
  if( ledger_plan_get(r->L, t->planId, pl, &e) ){ task_clear(t); web_error(r, &e); return -1; }
  AuthObject o = auth_task(t, strcmp(pl->zState, "published")==0);
  if( auth_check(r->pUser, ACT_REPORT, &o, &e) ){
    task_clear(t);
    plan_clear(pl);
    web_error(r, &e);
    return -1;
  }
  return 0;
}

/*
** WEBPAGE: /report/ID
** The form to file a report on task ID (?period=YYYY-MM to choose).
*/
void page_report_form(Req *r){
  Task t;
  Plan pl;
  if( report_task(r, &t, &pl) ) return;
  report_form(r, &t, &pl, 0);
  task_clear(&t);
  plan_clear(&pl);
}

/* Remove the temporary upload directory zDir and its files. */
static void rm_upload_dir(const char *zDir, char **azPath, int n){
  for(int i=0; i<n; i++){
    unlink(azPath[i]);
    char *zSub = xstrdup(azPath[i]);
    char *zSlash = strrchr(zSub, '/');
    if( zSlash ){ *zSlash = 0; rmdir(zSub); }
    free(zSub);
  }
  rmdir(zDir);
}

/* Write the uploads of field "evidence" into a new temporary directory,
** each as DIR/K/NAME with its safe name; fills *pazPath (n paths). */
static int uploads_to_files(Req *r, char *zDir, char ***pazPath, int *pn, Err *e){
  char **az = 0;
  int n = 0, nAlloc = 0;
  *pazPath = 0;
  *pn = 0;
  for(int k=0; ; k++){
    int i = web_upload(r, "evidence", k);
    if( i<0 ) break;
    Upload *u = &r->aUp[i];
    if( u->zName[0]==0 && u->data.n==0 ) continue;     /* no file chosen */
    char *zName = evidence_safe_name(u->zName);
    if( u->data.n==0 ){
      err_set(e, ERR_INPUT, "%s: the file is empty", zName);
      free(zName);
      goto fail;
    }
    if( evidence_check(zName, u->data.a, u->data.n, e) ){ free(zName); goto fail; }
    if( zDir[0]==0 ){
      const char *zTmp = getenv("TMPDIR");
      snprintf(zDir, 256, "%s/luoshi-up-XXXXXX", zTmp && zTmp[0] ? zTmp : "/tmp");
      if( mkdtemp(zDir)==0 ){
        err_set(e, ERR_INTERNAL, "cannot make a temporary directory: %s", strerror(errno));
        zDir[0] = 0;
        free(zName);
        goto fail;
      }
    }
    char *zSub = xprintf("%s/%d", zDir, n);
    char *zPath = xprintf("%s/%s", zSub, zName);
    free(zName);
    FILE *f = 0;
    if( mkdir(zSub, 0700)!=0 || (f = fopen(zPath, "wb"))==0
     || fwrite(u->data.a, 1, u->data.n, f)!=u->data.n ){
      err_set(e, ERR_INTERNAL, "cannot write an upload: %s", strerror(errno));
      if( f ) fclose(f);
      unlink(zPath);
      rmdir(zSub);
      free(zSub);
      free(zPath);
      goto fail;
    }
    free(zSub);
    if( fclose(f)!=0 ){
      err_set(e, ERR_INTERNAL, "cannot write an upload: %s", strerror(errno));
      free(zPath);
      goto fail;
    }
    *(char**)ARRAY_PUSH(az, n, nAlloc) = zPath;
  }
  *pazPath = az;
  *pn = n;
  return 0;
fail:
  if( zDir[0] ) rm_upload_dir(zDir, az, n);
  for(int i=0; i<n; i++) free(az[i]);
  free(az);
  return -1;
}

/*
** WEBPAGE: /report/ID (POST)
** File the report; on success go to the task page, else show the form
** again with the message and what was typed.
*/
void page_report_post(Req *r){
  Err e = {0};
  Task t;
  Plan pl;
  if( report_task(r, &t, &pl) ) return;
  const char *zKind = PF(r, "kind");
  if( zKind==0 ) zKind = t.nTarget ? "value" : "percent";
  ReportArgs a;
  char zAmount[64];
  memset(&a, 0, sizeof(a));
  a.taskId = t.id;
  a.zPeriod = PF(r, "period");
  a.zNote = PF(r, "note");
  if( strcmp(zKind, "percent")==0 ){
    a.zPercent = PF(r, "percent");
    if( a.zPercent==0 ) a.zPercent = "";
  }else{
    a.zValue = web_parse_amount(PF(r, "value"), zAmount);
    if( a.zValue==0 ) a.zValue = "";
    const char *zT = PF(r, "target");
    if( zT && zT[0] ) a.zTarget = zT;
  }
  char zDir[256] = "";
  char **azPath = 0;
  int nPath = 0, id = 0, rc;
  /* the usual omissions, said in Chinese before the ledger says them */
  const char *zMissing = 0;
  if( a.zPeriod==0 || a.zPeriod[0]==0 ) zMissing = "请选择报告期。";
  else if( a.zPercent && a.zPercent[0]==0 ) zMissing = "请填写总体进度（0到100）。";
  else if( a.zValue && a.zValue[0]==0 ) zMissing = "请填写完成数。";
  else if( a.zNote==0 || a.zNote[0]==0 ) zMissing = "请填写进展情况。";
  if( zMissing ){
    r->status = 400;
    report_form(r, &t, &pl, zMissing);
    goto done;
  }
  rc = uploads_to_files(r, zDir, &azPath, &nPath, &e);
  if( rc==0 ){
    a.azEvidence = (const char**)azPath;
    a.nEvidence = nPath;
    rc = ledger_report_submit(r->L, &a, &id, &e);
    if( zDir[0] ) rm_upload_dir(zDir, azPath, nPath);
    for(int i=0; i<nPath; i++) free(azPath[i]);
    free(azPath);
  }
  if( rc ){
    if( e.code==ERR_INTERNAL ){ web_error(r, &e); goto done; }
    r->status = e.code ? e.code : 400;
    char *zMsg = xprintf("未能提交：%s", e.zMsg);
    report_form(r, &t, &pl, zMsg);
    free(zMsg);
    goto done;
  }
  web_invalidate();
  char zUrl[32];
  snprintf(zUrl, sizeof(zUrl), "/task/%d", t.id);
  web_redirect_msg(r, zUrl, "进展已提交，等待督查室审核。");
done:
  task_clear(&t);
  plan_clear(&pl);
}

/* The password form of the acting user, with the message zErr (or NULL). */
static void password_form(Req *r, const char *zErr){
  Buf *o = &r->out;
  page_begin(r, "修改密码");
  web_flash(r);
  if( web_is_staff(r) ) admin_nav(r, "/my/password");
  else if( r->pUser->unitId ) my_nav(r, "/my/password");
  html_printf(o, "<h1>修改密码</h1><p class=sub>账号：%s（%s%s%s）。修改后，本账号在其他地方的登录将失效。</p>",
              r->pUser->zLogin, role_label(r->pUser->role), r->pUser->zUnit ? "·" : "",
              r->pUser->zUnit ? r->pUser->zUnit : "");
  if( zErr ) html_printf(o, "<p class=err role=alert>%s</p>", zErr);
  html_printf(o, "<form class=\"card form\" method=post action=/my/password>");
  web_csrf_field(r);
  html_printf(o, "<input type=text name=username autocomplete=username value=\"%s\" hidden>"
                 "<p><label for=old>原密码</label><input id=old name=old type=password "
                 "autocomplete=current-password required></p>"
                 "<p><label for=password>新密码</label><input id=password name=password type=password "
                 "autocomplete=new-password required> <span class=sub>至少%d个字符</span></p>"
                 "<p><label for=password2>再次输入新密码</label><input id=password2 name=password2 "
                 "type=password autocomplete=new-password required></p>"
                 "<p><button>修改密码</button></p></form>", r->pUser->zLogin, AUTH_PASSWORD_MIN);
  page_end(r);
}

/*
** WEBPAGE: /my/password
** The form to change one's own password (any logged-in user).
*/
void page_my_password(Req *r){
  if( r->pUser->id==0 ){ web_need_login(r); return; }
  password_form(r, 0);
}

/*
** WEBPAGE: /my/password (POST)
** Change one's own password: the old one (throttled as a login), the new
** one twice.  The ledger ends every session of the account; this one
** goes on in a new session.
*/
void page_my_password_post(Req *r){
  Err e = {0};
  if( r->pUser->id==0 ){ web_need_login(r); return; }
  const char *zOld = PF(r, "old"), *zPw = PF(r, "password"), *zPw2 = PF(r, "password2");
  const char *zLogin = r->pUser->zLogin;
  char zMsg[1024];
  int wait = throttle_wait(zLogin, r->zIp);
  if( wait>0 ){
    snprintf(zMsg, sizeof(zMsg), "原密码错误次数过多，请%d秒后再试。", wait);
    char zWait[16];
    snprintf(zWait, sizeof(zWait), "%d", wait);
    web_header(r, "Retry-After", zWait);
    r->status = 429;
    password_form(r, zMsg);
    return;
  }
  if( zOld==0 || zOld[0]==0 ){
    r->status = 400;
    password_form(r, "请填写原密码。");
    return;
  }
  if( !ledger_user_password_ok(r->L, zOld) ){
    throttle_failed(zLogin, r->zIp);
    r->status = 400;
    password_form(r, "原密码不正确。");
    return;
  }
  const char *zErr = web_new_password_problem(zPw, zPw2, zMsg, sizeof(zMsg));
  if( zErr==0 && strcmp(zPw, zOld)==0 ) zErr = "新密码与原密码相同，请换一个。";
  if( zErr ){
    r->status = 400;
    password_form(r, zErr);
    return;
  }
  if( ledger_user_password(r->L, zLogin, zPw, &e) ){
    if( e.code!=ERR_INPUT ){ web_error(r, &e); return; }
    snprintf(zMsg, sizeof(zMsg), "未能修改密码：%s", e.zMsg);
    r->status = 400;
    password_form(r, zMsg);
    return;
  }
  throttle_succeeded(zLogin);
  /* every session of the account has ended: this visitor goes on in a new one */
  session_clear(&r->sess);
  if( session_create(r->L, &r->sess, &e) ){
    web_cookie(r, "luoshi_session", "", 0);
    web_redirect_msg(r, "/login", "密码已修改，请用新密码登录。");
    return;
  }
  web_cookie(r, "luoshi_session", r->sess.zId, SESSION_HOURS*3600);
  web_redirect_msg(r, home_of(r), "密码已修改。本账号在其他地方的登录已失效。");
}
