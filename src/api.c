/*
** api.c -- the JSON API under /api/v1, mirroring the CLI: plans, their
** outline, tasks (filtered, paged, searchable), targets, units, reports,
** status (with ?as_of=YYYY-MM-DD) and the acting user; and the writes:
** submit and review reports, edit and close tasks, add/edit/remove
** targets, publish a plan.
**
** Machine clients send "Authorization: Bearer TOKEN" (luoshi token add);
** the pages' session cookie works too, with the header X-CSRF-Token for
** writes (checked in serve.c).  Write bodies are JSON objects (or forms).
** Every answer is JSON; an error is {"error":{"code":N,"message":"..."}}
** with N the HTTP status.  Everything is decided by the ledger: this file
** only translates.
*/
#include "web.h"
#include "ledger_web.h"
#include "auth.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define API_PAGE 50
#define API_PAGE_MAX 500

/* A JSON string of z, or null (also for text that is not UTF-8). */
static json_t *jstr(const char *z){
  json_t *j = z ? json_string(z) : 0;
  return j ? j : json_null();
}

/* Put JSON value j (stolen) in r's response with status code. */
static void api_send(Req *r, int code, json_t *j){
  char *z = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(j);
  r->status = code;
  r->zType = "application/json; charset=utf-8";
  buf_reset(&r->out);
  buf_puts(&r->out, z ? z : "null");
  buf_putc(&r->out, '\n');
  free(z);
}

/* See web.h. */
void api_error_body(Req *r, int code, const char *zMsg){
  api_send(r, code, json_pack("{s:{s:i, s:o}}", "error", "code", code, "message", jstr(zMsg)));
}

/* See web.h. */
json_t *api_plan_json(const Plan *p){
  return json_pack("{s:i, s:o, s:i, s:o, s:o, s:s, s:o, s:o, s:s, s:s, s:o, s:i}",
                   "id", p->id, "region", jstr(p->zRegion), "year", p->year, "title", jstr(p->zTitle),
                   "file_name", jstr(p->zFileName), "sha256", p->zSha256, "encoding", jstr(p->zEncoding),
                   "format", jstr(p->zFormat), "state", p->zState ? p->zState : "", "start", p->zStart,
                   "published_at", p->zPublishedAt[0] ? json_string(p->zPublishedAt) : json_null(),
                   "tasks", p->nTask);
}

/* JSON of target g, with the latest accepted value among aRep[0..nRep). */
static json_t *target_json_api(const Target *g, const Report *aRep, int nRep){
  json_t *j = json_pack("{s:i, s:i, s:i, s:o, s:o, s:f, s:o, s:o, s:o, s:o, s:o}",
                        "id", g->id, "task", g->taskId, "ord", g->ord, "text", jstr(g->zText),
                        "subject", jstr(g->zSubject), "value", g->value,
                        "value_max", g->zCmp && strcmp(g->zCmp, "range")==0 ? json_real(g->valueMax) : json_null(),
                        "unit", jstr(g->zUnit), "cmp", jstr(g->zCmp), "strength", jstr(g->zStrength),
                        "origin", jstr(g->zOrigin));
  json_object_set_new(j, "span", g->iStart>=0 ? json_pack("[i,i]", g->iStart, g->iEnd) : json_null());
  if( aRep ){
    json_t *actual = json_null();
    for(int i=0; i<nRep; i++){
      if( aRep[i].state==REPORT_ACCEPTED && !aRep[i].isPercent && aRep[i].targetId==g->id ){
        json_decref(actual);
        actual = json_pack("{s:f, s:s}", "value", aRep[i].value, "period", aRep[i].zPeriod);
        break;
      }
    }
    json_object_set_new(j, "actual", actual);
  }
  return j;
}

/* JSON of a status. */
static json_t *status_json(const Status *s){
  return json_pack("{s:s, s:s, s:o, s:f, s:o, s:o, s:o}", "colour", colour_name(s->colour),
                   "code", s->zCode ? s->zCode : "", "actual", s->actual>=0 ? json_real(s->actual) : json_null(),
                   "expected", s->expected, "late", s->zLate[0] ? json_string(s->zLate) : json_null(),
                   "reason", jstr(s->zReason), "reason_en", jstr(s->zReasonEn));
}

/* See web.h. */
json_t *api_task_json(const Task *t, const Report *aRep, int nRep){
  json_t *aCo = json_array(), *aT = json_array();
  for(int k=0; k<t->nCo; k++) json_array_append_new(aCo, json_pack("{s:i, s:o}", "id", t->aCoId[k], "name", jstr(t->azCo[k])));
  for(int k=0; k<t->nTarget; k++) json_array_append_new(aT, target_json_api(&t->aTarget[k], aRep, nRep));
  json_t *j = json_pack("{s:i, s:i, s:o, s:o, s:[i,i], s:s, s:o, s:b}",
                        "id", t->id, "plan", t->planId, "seq", jstr(t->zSeq), "text", jstr(t->zText),
                        "span", t->iStart, t->iEnd, "deadline", t->zDeadline,
                        "deadline_text", jstr(t->zDeadlineText), "deadline_explicit", t->deadlineExplicit);
  json_object_set_new(j, "lead", t->leadId ? json_pack("{s:i, s:o}", "id", t->leadId, "name", jstr(t->zLead)) : json_null());
  json_object_set_new(j, "co", aCo);
  json_object_set_new(j, "state", jstr(t->zState));
  json_object_set_new(j, "closed_at", t->zClosedAt[0] ? json_string(t->zClosedAt) : json_null());
  json_object_set_new(j, "close_reason", jstr(t->zCloseReason));
  json_object_set_new(j, "targets", aT);
  json_object_set_new(j, "status", status_json(&t->status));
  return j;
}

/* JSON of report p. */
static json_t *report_json_api(const Report *p){
  static const char *const az[] = {"submitted", "accepted", "returned"};
  json_t *aEv = json_array();
  for(int k=0; k<p->nEvidence; k++){
    char zUrl[48];
    snprintf(zUrl, sizeof(zUrl), "/evidence/%d", p->aEvidence[k].id);
    json_array_append_new(aEv, json_pack("{s:i, s:o, s:s, s:I, s:s}", "id", p->aEvidence[k].id,
                          "name", jstr(p->aEvidence[k].zName), "sha256", p->aEvidence[k].zSha256,
                          "size", (json_int_t)p->aEvidence[k].size, "url", zUrl));
  }
  json_t *j = json_pack("{s:i, s:i, s:s}", "id", p->id, "task", p->taskId, "period", p->zPeriod);
  if( p->isPercent ){
    json_object_set_new(j, "percent", json_real(p->value));
  }else{
    json_object_set_new(j, "target", json_integer(p->targetId));
    json_object_set_new(j, "value", json_real(p->value));
  }
  json_object_set_new(j, "note", jstr(p->zNote));
  json_object_set_new(j, "author", jstr(p->zAuthor));
  json_object_set_new(j, "created_at", json_string(p->zCreatedAt));
  json_object_set_new(j, "state", json_string(az[p->state % 3]));
  json_object_set_new(j, "reviewer", jstr(p->zReviewer));
  json_object_set_new(j, "reviewed_at", p->zReviewedAt[0] ? json_string(p->zReviewedAt) : json_null());
  json_object_set_new(j, "comment", jstr(p->zComment));
  json_object_set_new(j, "resubmits", p->resubmits ? json_integer(p->resubmits) : json_null());
  json_object_set_new(j, "evidence", aEv);
  return j;
}

/* JSON of a status group. */
static json_t *group_json(const StatusGroup *g){
  return json_pack("{s:o, s:o, s:i, s:i, s:i, s:i, s:i}", "key", jstr(g->zKey), "title", jstr(g->zTitle),
                   "total", g->nTotal, "green", g->n[COLOUR_GREEN], "yellow", g->n[COLOUR_YELLOW],
                   "red", g->n[COLOUR_RED], "done", g->n[COLOUR_DONE]);
}

/* An API error from e. */
static void api_err(Req *r, const Err *e){
  int code = e->code>=400 && e->code<600 ? e->code : 500;
  api_error_body(r, code, e->zMsg[0] ? e->zMsg : "failed");
}

/* The body of a write as a JSON object (new reference), or NULL after
** answering 400; an empty body or a form gives an empty object. */
static json_t *api_body(Req *r){
  if( r->body.n==0 ) return json_object();
  json_error_t je;
  json_t *j = json_loadb(r->body.a, r->body.n, JSON_REJECT_DUPLICATES, &je);
  if( j==0 || !json_is_object(j) ){
    char z[300];
    if( j==0 ) snprintf(z, sizeof(z), "the body is not JSON: %s (at byte %d)", je.text, je.position);
    else snprintf(z, sizeof(z), "the body must be a JSON object");
    json_decref(j);
    api_error_body(r, 400, z);
    return 0;
  }
  return j;
}

/* Field zName of the write: from the JSON object j (a string, or a number
** written as text into zBuf[64]) or else from the form; NULL when absent. */
static const char *api_field(Req *r, json_t *j, const char *zName, char zBuf[64]){
  json_t *v = j ? json_object_get(j, zName) : 0;
  if( v ){
    if( json_is_string(v) ) return json_string_value(v);
    if( json_is_integer(v) ){ snprintf(zBuf, 64, "%lld", (long long)json_integer_value(v)); return zBuf; }
    if( json_is_real(v) ){ snprintf(zBuf, 64, "%.17g", json_real_value(v)); return zBuf; }
    if( json_is_true(v) ) return "true";
    if( json_is_false(v) ) return "false";
    return 0;
  }
  return PF(r, zName);
}

/* The path after /api/v1/ split at '/' into az[0..n) (at most 4). */
static int api_split(const char *zPath, char az[4][64]){
  int n = 0;
  const char *z = zPath;
  while( *z=='/' ) z++;
  while( *z && n<5 ){
    const char *zEnd = strchr(z, '/');
    size_t len = zEnd ? (size_t)(zEnd - z) : strlen(z);
    if( n>=4 || len>=64 ) return -1;
    memcpy(az[n], z, len);
    az[n][len] = 0;
    n++;
    z += len;
    while( *z=='/' ) z++;
  }
  return n;
}

/* A whole number 1..999999999 from z, else 0. */
static int api_id(const char *z){
  if( z==0 || z[0]==0 || strlen(z)>9 || strspn(z, "0123456789")!=strlen(z) ) return 0;
  return atoi(z);
}

/* GET /api/v1/tasks: the filters of the task list, paged. */
static void api_tasks(Req *r){
  Err e = {0};
  const char *zAsOf = P(r, "as_of"), *zStatus = P(r, "status"), *zNode = P(r, "node");
  const char *zQ = P(r, "q"), *zTarget = P(r, "target"), *zMonth = P(r, "month");
  int colour = -1;
  if( zStatus && zStatus[0] && (colour = colour_parse(zStatus))<0 ){
    api_error_body(r, 400, "status: want green, yellow, red or done");
    return;
  }
  if( zMonth && zMonth[0] && !period_valid(zMonth) ){
    api_error_body(r, 400, "month: want YYYY-MM");
    return;
  }
  if( zTarget && zTarget[0] && strcmp(zTarget, "0")!=0 && strcmp(zTarget, "1")!=0 ){
    api_error_body(r, 400, "target: want 1 (has a target) or 0 (has none)");
    return;
  }
  int page = PI(r, "page", 1), per = PI(r, "per_page", API_PAGE);
  if( page<1 || per<1 || per>API_PAGE_MAX ){
    api_error_body(r, 400, "page >= 1 and per_page from 1 to 500, please");
    return;
  }
  TaskFilter f = {PI(r, "plan", 0), PI(r, "unit", 0), zNode && zNode[0] ? zNode : 0, colour, zAsOf && zAsOf[0] ? zAsOf : 0};
  Task *a;
  int n;
  if( ledger_task_list(r->L, &f, &a, &n, &e) ){ api_err(r, &e); return; }
  int *aHit = 0, nHit = 0;
  if( zQ && zQ[0] && ledger_task_search(r->L, f.planId, zQ, &aHit, &nHit, &e) ){
    task_list_free(a, n);
    api_err(r, &e);
    return;
  }
  json_t *aOut = json_array();
  int total = 0, iFirst = (page-1)*per;
  for(int i=0; i<n; i++){
    const Task *t = &a[i];
    if( zTarget && strcmp(zTarget, "1")==0 && t->nTarget==0 ) continue;
    if( zTarget && strcmp(zTarget, "0")==0 && t->nTarget>0 ) continue;
    if( zMonth && zMonth[0] && strncmp(t->zDeadline, zMonth, 7)!=0 ) continue;
    if( zQ && zQ[0] ){
      int hit = 0;
      for(int k=0; k<nHit && !hit; k++) hit = aHit[k]==t->id;
      if( !hit ) continue;
    }
    if( total>=iFirst && total<iFirst+per ) json_array_append_new(aOut, api_task_json(t, 0, 0));
    total++;
  }
  free(aHit);
  task_list_free(a, n);
  api_send(r, 200, json_pack("{s:i, s:i, s:i, s:o}", "total", total, "page", page, "per_page", per, "tasks", aOut));
}

/* GET /api/v1/tasks/ID[/targets|/reports]. */
static void api_task(Req *r, int id, const char *zSub){
  Err e = {0};
  Task t;
  Plan pl;
  Report *aRep;
  int nRep;
  if( ledger_task_get(r->L, id, &t, &e) ){ api_err(r, &e); return; }
  if( ledger_plan_get(r->L, t.planId, &pl, &e) || ledger_report_list(r->L, t.id, &aRep, &nRep, &e) ){
    task_clear(&t);
    api_err(r, &e);
    return;
  }
  int pub = strcmp(pl.zState, "published")==0;
  if( zSub==0 ){
    json_t *j = api_task_json(&t, aRep, nRep);
    Segment *aSeg;
    int nSeg;
    if( ledger_task_segments(r->L, &t, &aSeg, &nSeg, &e)==0 ){
      Buf b = BUF_INIT;
      for(int i=0; i<nSeg; i++) buf_puts(&b, aSeg[i].zText);
      json_object_set_new(j, "source", jstr(buf_str(&b)));
      buf_free(&b);
      segment_list_free(aSeg, nSeg);
    }
    api_send(r, 200, j);
  }else if( strcmp(zSub, "targets")==0 ){
    json_t *a = json_array();
    for(int k=0; k<t.nTarget; k++) json_array_append_new(a, target_json_api(&t.aTarget[k], aRep, nRep));
    api_send(r, 200, json_pack("{s:o}", "targets", a));
  }else if( strcmp(zSub, "reports")==0 ){
    json_t *a = json_array();
    for(int i=0; i<nRep; i++){
      if( ledger_report_shown(r->L, &t, pub, &aRep[i]) ) json_array_append_new(a, report_json_api(&aRep[i]));
    }
    api_send(r, 200, json_pack("{s:o}", "reports", a));
  }else{
    api_error_body(r, 404, "no such resource");
  }
  report_list_free(aRep, nRep);
  plan_clear(&pl);
  task_clear(&t);
}

/* GET /api/v1/reports[?task=ID] and /api/v1/reports/ID. */
static void api_reports(Req *r, int id){
  Err e = {0};
  if( id ){
    Report p;
    Task t;
    Plan pl;
    if( ledger_report_get(r->L, id, &p, &e) ){ api_err(r, &e); return; }
    if( ledger_task_get(r->L, p.taskId, &t, &e) ){ report_clear(&p); api_err(r, &e); return; }
    if( ledger_plan_get(r->L, t.planId, &pl, &e) ){ report_clear(&p); task_clear(&t); api_err(r, &e); return; }
    if( ledger_report_shown(r->L, &t, strcmp(pl.zState, "published")==0, &p) ) api_send(r, 200, report_json_api(&p));
    else api_error_body(r, 404, "unknown report");
    plan_clear(&pl);
    task_clear(&t);
    report_clear(&p);
    return;
  }
  int taskId = PI(r, "task", 0);
  const char *zState = P(r, "state");
  Report *a;
  int n;
  if( ledger_report_list(r->L, taskId, &a, &n, &e) ){ api_err(r, &e); return; }
  json_t *aOut = json_array();
  for(int i=0; i<n; i++){
    static const char *const az[] = {"submitted", "accepted", "returned"};
    if( zState && zState[0] && strcmp(zState, az[a[i].state % 3])!=0 ) continue;
    Task t;
    if( ledger_task_get(r->L, a[i].taskId, &t, &e) ) continue;
    Plan pl;
    if( ledger_plan_get(r->L, t.planId, &pl, &e)==0 ){
      if( ledger_report_shown(r->L, &t, strcmp(pl.zState, "published")==0, &a[i]) ){
        json_array_append_new(aOut, report_json_api(&a[i]));
      }
      plan_clear(&pl);
    }
    task_clear(&t);
  }
  report_list_free(a, n);
  api_send(r, 200, json_pack("{s:o}", "reports", aOut));
}

/* GET /api/v1/status[?plan=ID&as_of=DATE]. */
static void api_status(Req *r){
  Err e = {0};
  PlanStatus ps;
  const char *zAsOf = P(r, "as_of");
  if( ledger_status(r->L, PI(r, "plan", 0), zAsOf && zAsOf[0] ? zAsOf : 0, &ps, &e) ){ api_err(r, &e); return; }
  json_t *aPart = json_array(), *aSec = json_array(), *aUnit = json_array(), *aTask = json_array();
  for(int i=0; i<ps.nPart; i++) json_array_append_new(aPart, group_json(&ps.aPart[i]));
  for(int i=0; i<ps.nSection; i++) json_array_append_new(aSec, group_json(&ps.aSection[i]));
  for(int i=0; i<ps.nUnit; i++) json_array_append_new(aUnit, group_json(&ps.aUnit[i]));
  for(int i=0; i<ps.nTask; i++){
    const Task *t = &ps.aTask[i];
    json_t *s = status_json(&t->status);
    json_object_set_new(s, "task", json_integer(t->id));
    json_object_set_new(s, "seq", jstr(t->zSeq));
    json_array_append_new(aTask, s);
  }
  json_t *j = json_pack("{s:o, s:s, s:{s:i, s:i, s:i}, s:o, s:o, s:o, s:o, s:o}",
                        "plan", api_plan_json(&ps.plan), "as_of", ps.zAsOf,
                        "settings", "red_gap", ps.settings.redGap, "yellow_gap", ps.settings.yellowGap,
                        "report_due_days", ps.settings.reportDueDays,
                        "total", group_json(&ps.total), "parts", aPart, "sections", aSec, "units", aUnit,
                        "tasks", aTask);
  plan_status_free(&ps);
  api_send(r, 200, j);
}

/* GET /api/v1/units and /api/v1/units/ID. */
static void api_units(Req *r, const char *zId){
  Err e = {0};
  if( zId ){
    Unit u;
    if( api_id(zId)==0 ){ api_error_body(r, 404, "unknown unit"); return; }
    if( ledger_unit_find(r->L, zId, &u, &e) ){ api_err(r, &e); return; }
    TaskFilter f = {0, u.id, 0, -1, 0};
    Task *a;
    int n;
    json_t *aT = json_array();
    if( ledger_task_list(r->L, &f, &a, &n, &e)==0 ){
      for(int i=0; i<n; i++) json_array_append_new(aT, json_pack("{s:i, s:o, s:s, s:b}", "id", a[i].id,
                                 "seq", jstr(a[i].zSeq), "colour", colour_name(a[i].status.colour),
                                 "lead", a[i].leadId==u.id));
      task_list_free(a, n);
    }
    api_send(r, 200, json_pack("{s:i, s:o, s:o, s:o, s:b, s:o}", "id", u.id, "name", jstr(u.zName),
                               "kind", jstr(u.zKind), "aliases", jstr(u.zAliases), "active", u.active, "tasks", aT));
    unit_clear(&u);
    return;
  }
  Unit *a;
  int n;
  if( ledger_unit_list(r->L, &a, &n, &e) ){ api_err(r, &e); return; }
  json_t *aOut = json_array();
  for(int i=0; i<n; i++){
    json_array_append_new(aOut, json_pack("{s:i, s:o, s:o, s:o, s:b}", "id", a[i].id, "name", jstr(a[i].zName),
                                          "kind", jstr(a[i].zKind), "aliases", jstr(a[i].zAliases), "active", a[i].active));
  }
  unit_list_free(a, n);
  api_send(r, 200, json_pack("{s:o}", "units", aOut));
}

/* GET /api/v1/plans, /api/v1/plans/ID, /api/v1/plans/ID/nodes. */
static void api_plans(Req *r, const char *zId, const char *zSub){
  Err e = {0};
  if( zId==0 ){
    Plan *a;
    int n;
    if( ledger_plan_list(r->L, &a, &n, &e) ){ api_err(r, &e); return; }
    json_t *aOut = json_array();
    for(int i=0; i<n; i++) json_array_append_new(aOut, api_plan_json(&a[i]));
    plan_list_free(a, n);
    api_send(r, 200, json_pack("{s:o}", "plans", aOut));
    return;
  }
  int id = strcmp(zId, "latest")==0 ? 0 : api_id(zId);
  if( id==0 && strcmp(zId, "latest")!=0 ){ api_error_body(r, 404, "unknown plan"); return; }
  if( zSub && strcmp(zSub, "nodes")==0 ){
    Node *a;
    int n;
    if( ledger_node_list(r->L, id, &a, &n, &e) ){ api_err(r, &e); return; }
    json_t *aOut = json_array();
    for(int i=0; i<n; i++){
      json_array_append_new(aOut, json_pack("{s:i, s:o, s:i, s:o, s:o, s:o, s:o, s:[i,i], s:b}", "id", a[i].id,
                            "parent", a[i].parentId ? json_integer(a[i].parentId) : json_null(), "level", a[i].level,
                            "part", jstr(a[i].zPart), "label", jstr(a[i].zLabel), "title", jstr(a[i].zTitle),
                            "seq", jstr(a[i].zSeq), "span", a[i].iStart, a[i].iEnd, "inferred", a[i].inferred));
    }
    node_list_free(a, n);
    api_send(r, 200, json_pack("{s:o}", "nodes", aOut));
    return;
  }
  if( zSub ){ api_error_body(r, 404, "no such resource"); return; }
  Plan p;
  if( ledger_plan_get(r->L, id, &p, &e) ){ api_err(r, &e); return; }
  api_send(r, 200, api_plan_json(&p));
  plan_clear(&p);
}

/* GET /api/v1/me: the acting user. */
static void api_me(Req *r){
  const User *u = r->pUser;
  json_t *aCan = json_array();
  for(int a=0; a<N_ACTION; a++) if( auth_can(u, (Action)a, 0) ) json_array_append_new(aCan, json_string(action_name((Action)a)));
  api_send(r, 200, json_pack("{s:o, s:s, s:o, s:o}", "login", u->id ? jstr(u->zLogin) : json_null(),
                             "role", role_name(u->role), "unit", u->unitId ?
                               json_pack("{s:i, s:o}", "id", u->unitId, "name", jstr(u->zUnit)) : json_null(),
                             "may", aCan));
}

/* POST /api/v1/reports: submit a report (task, period, value [target] |
** percent, note). */
static void api_report_submit(Req *r){
  Err e = {0};
  json_t *j = api_body(r);
  if( j==0 ) return;
  char zA[64], zB[64], zC[64], zD[64], zE[64], zF[64];
  ReportArgs a;
  memset(&a, 0, sizeof(a));
  a.taskId = api_id(api_field(r, j, "task", zA));
  a.zPeriod = api_field(r, j, "period", zB);
  a.zValue = api_field(r, j, "value", zC);
  a.zTarget = api_field(r, j, "target", zD);
  a.zPercent = api_field(r, j, "percent", zE);
  a.zNote = api_field(r, j, "note", zF);
  int id = 0;
  if( a.taskId==0 ){
    err_set(&e, ERR_INPUT, "task: a task id is needed");
  }else if( ledger_report_submit(r->L, &a, &id, &e)==0 ){
    Report p;
    web_invalidate();
    if( ledger_report_get(r->L, id, &p, &e)==0 ){
      api_send(r, 201, report_json_api(&p));
      report_clear(&p);
      json_decref(j);
      return;
    }
  }
  json_decref(j);
  api_err(r, &e);
}

/* POST /api/v1/reports/ID/review: {"accept":true} or {"return":"reason"}. */
static void api_report_review(Req *r, int id){
  Err e = {0};
  json_t *j = api_body(r);
  if( j==0 ) return;
  char zA[64], zB[64];
  const char *zAccept = api_field(r, j, "accept", zA);
  const char *zReturn = api_field(r, j, "return", zB);
  int bAccept = zAccept && (strcmp(zAccept, "true")==0 || strcmp(zAccept, "1")==0);
  if( bAccept == (zReturn!=0) ){
    json_decref(j);
    api_error_body(r, 400, "give either \"accept\": true or \"return\": \"reason\"");
    return;
  }
  const char *zComment = bAccept ? api_field(r, j, "comment", zA) : zReturn;
  if( ledger_report_review(r->L, id, bAccept, zComment, &e)==0 ){
    Report p;
    web_invalidate();
    if( ledger_report_get(r->L, id, &p, &e)==0 ){
      api_send(r, 200, report_json_api(&p));
      report_clear(&p);
      json_decref(j);
      return;
    }
  }
  json_decref(j);
  api_err(r, &e);
}

/* Answer with task id after a change. */
static void api_task_after(Req *r, int id, int code){
  Err e = {0};
  Task t;
  web_invalidate();
  if( ledger_task_get(r->L, id, &t, &e) ){ api_err(r, &e); return; }
  api_send(r, code, api_task_json(&t, 0, 0));
  task_clear(&t);
}

/* PATCH /api/v1/tasks/ID: text, deadline, lead, co. */
static void api_task_edit(Req *r, int id){
  Err e = {0};
  json_t *j = api_body(r);
  if( j==0 ) return;
  char zA[64], zB[64], zC[64], zD[64];
  TaskEdit d;
  d.zText = api_field(r, j, "text", zA);
  d.zDeadline = api_field(r, j, "deadline", zB);
  d.zLead = api_field(r, j, "lead", zC);
  d.zCo = api_field(r, j, "co", zD);
  json_t *aCo = json_object_get(j, "co");
  Buf co = BUF_INIT;
  if( json_is_array(aCo) ){
    size_t k;
    json_t *v;
    json_array_foreach(aCo, k, v){
      if( !json_is_string(v) ){ buf_free(&co); json_decref(j); api_error_body(r, 400, "co: an array of unit names"); return; }
      if( k ) buf_putc(&co, ',');
      buf_puts(&co, json_string_value(v));
    }
    d.zCo = buf_str(&co);
  }
  int rc = ledger_task_edit(r->L, id, &d, &e);
  buf_free(&co);
  json_decref(j);
  if( rc ){ api_err(r, &e); return; }
  api_task_after(r, id, 200);
}

/* POST /api/v1/tasks/ID/close: {"reason": "..."} (optional). */
static void api_task_close(Req *r, int id){
  Err e = {0};
  json_t *j = api_body(r);
  if( j==0 ) return;
  char zA[64];
  const char *zReason = api_field(r, j, "reason", zA);
  int rc = ledger_task_close(r->L, id, zReason && zReason[0] ? zReason : 0, &e);
  json_decref(j);
  if( rc ){ api_err(r, &e); return; }
  api_task_after(r, id, 200);
}

/* The fields of a target from the body. */
static void api_target_fields(Req *r, json_t *j, TargetEdit *g, char az[6][64]){
  g->zValue = api_field(r, j, "value", az[0]);
  g->zValueMax = api_field(r, j, "value_max", az[1]);
  g->zUnit = api_field(r, j, "unit", az[2]);
  g->zSubject = api_field(r, j, "subject", az[3]);
  g->zCmp = api_field(r, j, "cmp", az[4]);
  g->zStrength = api_field(r, j, "strength", az[5]);
}

/* POST /api/v1/tasks/ID/targets, PATCH and DELETE /api/v1/targets/ID. */
static void api_target_write(Req *r, int taskId, int targetId){
  Err e = {0};
  json_t *j = api_body(r);
  if( j==0 ) return;
  char az[6][64];
  TargetEdit g;
  api_target_fields(r, j, &g, az);
  int rc, id = targetId;
  if( taskId ) rc = ledger_target_add(r->L, taskId, &g, &id, &e);
  else if( strcmp(r->zMethod, "DELETE")==0 ) rc = ledger_target_remove(r->L, targetId, &e);
  else rc = ledger_target_edit(r->L, targetId, &g, &e);
  json_decref(j);
  if( rc ){ api_err(r, &e); return; }
  web_invalidate();
  api_send(r, taskId ? 201 : 200, json_pack("{s:i}", "target", id));
}

/* POST /api/v1/plans/ID/publish. */
static void api_publish(Req *r, int id){
  Err e = {0};
  Plan p;
  if( ledger_plan_publish(r->L, id, &e) ){ api_err(r, &e); return; }
  web_invalidate();
  if( ledger_plan_get(r->L, id, &p, &e) ){ api_err(r, &e); return; }
  api_send(r, 200, api_plan_json(&p));
  plan_clear(&p);
}

/* The endpoints, for GET /api/v1. */
static void api_index(Req *r){
  api_send(r, 200, json_pack("{s:s, s:[s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s]}", "version", "v1", "endpoints",
    "GET /api/v1/plans", "GET /api/v1/plans/{id|latest}", "GET /api/v1/plans/{id}/nodes",
    "GET /api/v1/tasks?plan=&node=&unit=&status=&target=&month=&q=&as_of=&page=&per_page=",
    "GET /api/v1/tasks/{id}", "GET /api/v1/tasks/{id}/targets", "GET /api/v1/tasks/{id}/reports",
    "GET /api/v1/units", "GET /api/v1/units/{id}", "GET /api/v1/reports?task=&state=",
    "GET /api/v1/reports/{id}", "GET /api/v1/status?plan=&as_of=", "GET /api/v1/me",
    "POST /api/v1/reports", "POST /api/v1/reports/{id}/review", "PATCH /api/v1/tasks/{id}",
    "POST /api/v1/tasks/{id}/close", "POST /api/v1/tasks/{id}/targets",
    "PATCH|DELETE /api/v1/targets/{id}", "POST /api/v1/plans/{id}/publish"));
}

/* See web.h: route a request under /api/. */
void api_dispatch(Req *r){
  char az[4][64];
  const char *zM = r->zMethod;
  int isGet = strcmp(zM, "GET")==0 || strcmp(zM, "HEAD")==0;
  int isPost = strcmp(zM, "POST")==0, isPatch = strcmp(zM, "PATCH")==0, isDel = strcmp(zM, "DELETE")==0;
  if( strncmp(r->zPath, "/api/v1", 7)!=0 || (r->zPath[7]!=0 && r->zPath[7]!='/') ){
    api_error_body(r, 404, "unknown API version: use /api/v1");
    return;
  }
  int n = api_split(r->zPath+7, az);
  if( n<0 ){ api_error_body(r, 404, "no such resource"); return; }
  const char *z0 = n>0 ? az[0] : 0, *z1 = n>1 ? az[1] : 0, *z2 = n>2 ? az[2] : 0;
  int id = z1 ? api_id(z1) : 0;
  if( n>=2 && id==0 && !(z0 && strcmp(z0, "plans")==0 && strcmp(z1, "latest")==0) ){
    api_error_body(r, 404, "no such resource");
    return;
  }
  int bad = 0;
  if( n==0 ){
    if( isGet ) api_index(r); else bad = 1;
  }else if( strcmp(z0, "plans")==0 ){
    if( n==3 && strcmp(z2, "publish")==0 ){ if( isPost ) api_publish(r, id); else bad = 1; }
    else if( n<=3 && isGet ) api_plans(r, z1, z2);
    else if( n<=3 ) bad = 1;
    else api_error_body(r, 404, "no such resource");
  }else if( strcmp(z0, "tasks")==0 ){
    if( n==1 ){ if( isGet ) api_tasks(r); else bad = 1; }
    else if( n==2 ){ if( isGet ) api_task(r, id, 0); else if( isPatch ) api_task_edit(r, id); else bad = 1; }
    else if( n==3 && strcmp(z2, "close")==0 ){ if( isPost ) api_task_close(r, id); else bad = 1; }
    else if( n==3 && strcmp(z2, "targets")==0 ){
      if( isGet ) api_task(r, id, z2); else if( isPost ) api_target_write(r, id, 0); else bad = 1;
    }
    else if( n==3 && strcmp(z2, "reports")==0 ){ if( isGet ) api_task(r, id, z2); else bad = 1; }
    else api_error_body(r, 404, "no such resource");
  }else if( strcmp(z0, "targets")==0 && n==2 ){
    if( isPatch || isDel ) api_target_write(r, 0, id); else bad = 1;
  }else if( strcmp(z0, "units")==0 && n<=2 ){
    if( isGet ) api_units(r, z1); else bad = 1;
  }else if( strcmp(z0, "reports")==0 ){
    if( n==1 ){ if( isGet ) api_reports(r, 0); else if( isPost ) api_report_submit(r); else bad = 1; }
    else if( n==2 ){ if( isGet ) api_reports(r, id); else bad = 1; }
    else if( n==3 && strcmp(z2, "review")==0 ){ if( isPost ) api_report_review(r, id); else bad = 1; }
    else api_error_body(r, 404, "no such resource");
  }else if( strcmp(z0, "status")==0 && n==1 ){
    if( isGet ) api_status(r); else bad = 1;
  }else if( strcmp(z0, "me")==0 && n==1 ){
    if( isGet ) api_me(r); else bad = 1;
  }else{
    api_error_body(r, 404, "no such resource");
  }
  if( bad ) api_error_body(r, 405, "method not allowed here");
}
