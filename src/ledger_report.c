/*
** ledger_report.c -- progress reports and their review, the status of a
** plan, settings, the audit log and backups (see ledger.h).
*/
#include "ledger_int.h"
#include "ledger_web.h"
#include "buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Largest evidence file accepted. */
#define MAX_EVIDENCE (20*1024*1024)

/* A JSON string of z, or null. */
static json_t *jstr(const char *z){
  json_t *j = z ? json_string(z) : 0;
  return j ? j : json_null();
}

void report_clear(Report *r){
  free(r->zNote); free(r->zAuthor); free(r->zReviewer); free(r->zComment);
  for(int i=0; i<r->nEvidence; i++) free(r->aEvidence[i].zName);
  free(r->aEvidence);
  memset(r, 0, sizeof(*r));
}

void report_list_free(Report *a, int n){
  for(int i=0; i<n; i++) report_clear(&a[i]);
  free(a);
}

static const char *const azReportState[] = {"submitted", "accepted", "returned"};

/* Report r as JSON for the audit log. */
static json_t *report_json(const Report *r){
  json_t *aEv = json_array();
  for(int i=0; i<r->nEvidence; i++){
    json_array_append_new(aEv, json_pack("{s:o, s:s, s:I}", "name", jstr(r->aEvidence[i].zName),
                                         "sha256", r->aEvidence[i].zSha256,
                                         "size", (json_int_t)r->aEvidence[i].size));
  }
  json_t *j = json_pack("{s:i, s:s}", "task", r->taskId, "period", r->zPeriod);
  if( r->isPercent ) json_object_set_new(j, "percent", json_real(r->value));
  else{
    json_object_set_new(j, "target", json_integer(r->targetId));
    json_object_set_new(j, "value", json_real(r->value));
  }
  json_object_set_new(j, "note", jstr(r->zNote));
  json_object_set_new(j, "evidence", aEv);
  json_object_set_new(j, "state", json_string(azReportState[r->state % 3]));
  if( r->resubmits ) json_object_set_new(j, "resubmits", json_integer(r->resubmits));
  return j;
}

/* The last path component of z. */
static const char *base_name(const char *z){
  const char *s = strrchr(z, '/');
  return s ? s+1 : z;
}

/* Check the period of a report on task t of plan pl: YYYY-MM, inside the
** plan (from January of the plan year to the later of December and the
** deadline's month) and not in the future. */
static int check_period(const Plan *pl, const Task *t, const char *z, Err *e){
  if( z==0 ) return err_set(e, ERR_INPUT, "--period YYYY-MM is needed");
  if( !period_valid(z) ) return err_set(e, ERR_INPUT, "--period %s: want a month YYYY-MM", z);
  char zFirst[8], zLast[8], zNow[8];
  snprintf(zFirst, sizeof(zFirst), "%04d-01", pl->year);
  snprintf(zLast, sizeof(zLast), "%04d-12", pl->year);
  if( strncmp(t->zDeadline, zLast, 7)>0 ) snprintf(zLast, sizeof(zLast), "%.7s", t->zDeadline);
  if( strcmp(z, zFirst)<0 || strcmp(z, zLast)>0 ){
    return err_set(e, ERR_INPUT, "--period %s is outside the plan year %d (reports for task %d run from %s to %s)",
                   z, pl->year, t->id, zFirst, zLast);
  }
  snprintf(zNow, sizeof(zNow), "%.7s", today());
  if( strcmp(z, zNow)>0 ){
    return err_set(e, ERR_INPUT, "--period %s has not begun yet (today is %s)", z, today());
  }
  return 0;
}

/* See ledger.h. */
int ledger_report_submit(Ledger *p, const ReportArgs *a, int *pId, Err *e){
  Task t;
  Plan pl;
  Report r;
  Report *aOld = 0;
  int nOld = 0, rc = -1, id = 0;
  char **azData = xcalloc((size_t)(a->nEvidence+1), sizeof(char*));
  size_t *anData = xcalloc((size_t)(a->nEvidence+1), sizeof(size_t));
  memset(&r, 0, sizeof(r));
  memset(&pl, 0, sizeof(pl));
  if( p->user.role==ROLE_PUBLIC ){
    auth_check(&p->user, ACT_REPORT, 0, e);
    goto out0;
  }
  if( ledger_task_get(p, a->taskId, &t, e) ) goto out0;
  AuthObject o = auth_task(&t, 1);
  if( auth_check(&p->user, ACT_REPORT, &o, e) ) goto out1;
  if( strcmp(t.zState, "draft")==0 ){
    err_set(e, ERR_CONFLICT, "task %d is not published yet", t.id);
    goto out1;
  }
  if( strcmp(t.zState, "published")!=0 ){
    err_set(e, ERR_CONFLICT, "task %d is %s; it takes no more reports", t.id,
            strcmp(t.zState, "done")==0 ? "closed" : t.zState);
    goto out1;
  }
  if( store_plan_get(p->s, t.planId, &pl, e) || check_period(&pl, &t, a->zPeriod, e) ) goto out1;
  if( (a->zValue!=0) == (a->zPercent!=0) ){
    err_set(e, ERR_INPUT, "give either --value N (against a target) or --percent P");
    goto out1;
  }
  if( a->zPercent ){
    if( text_number(a->zPercent, &r.value) || r.value<0 || r.value>100 ){
      err_set(e, ERR_INPUT, "--percent %s: want a number from 0 to 100", a->zPercent);
      goto out1;
    }
    if( a->zTarget ){
      err_set(e, ERR_INPUT, "--target goes with --value, not with --percent");
      goto out1;
    }
    r.isPercent = 1;
  }else{
    if( text_number(a->zValue, &r.value) ){
      err_set(e, ERR_INPUT, "--value %s: not a number", a->zValue);
      goto out1;
    }
    if( a->zTarget ){
      int gid = text_id(a->zTarget);
      for(int k=0; k<t.nTarget; k++) if( t.aTarget[k].id==gid ) r.targetId = gid;
      if( r.targetId==0 ){
        Buf b = BUF_INIT;
        for(int k=0; k<t.nTarget; k++) buf_printf(&b, "%s%d", k ? ", " : "", t.aTarget[k].id);
        err_set(e, ERR_INPUT, "--target %s is not a target of task %d (its targets: %s)",
                a->zTarget, t.id, t.nTarget ? b.a : "none");
        buf_free(&b);
        goto out1;
      }
    }else if( t.nTarget==1 ){
      r.targetId = t.aTarget[0].id;
    }else if( t.nTarget==0 ){
      err_set(e, ERR_INPUT, "task %d has no quantitative target: report --percent P", t.id);
      goto out1;
    }else{
      Buf b = BUF_INIT;
      for(int k=0; k<t.nTarget; k++){
        buf_printf(&b, "%s%d (%s)", k ? ", " : "", t.aTarget[k].id, t.aTarget[k].zText);
      }
      err_set(e, ERR_INPUT, "task %d has %d targets: name one with --target ID (%s)", t.id, t.nTarget, b.a);
      buf_free(&b);
      goto out1;
    }
  }
  if( a->zNote==0 || a->zNote[0]==0 ){
    err_set(e, ERR_INPUT, "--note TEXT is needed: say what was done");
    goto out1;
  }
  if( utf8_valid_prefix((const unsigned char*)a->zNote, strlen(a->zNote))!=strlen(a->zNote) ){
    err_set(e, ERR_INPUT, "--note: not UTF-8 text");
    goto out1;
  }
  for(int i=0; i<a->nEvidence; i++){
    Err e2 = {0};
    if( read_file(a->azEvidence[i], &azData[i], &anData[i], &e2) ){
      err_set(e, ERR_INPUT, "evidence %s", e2.zMsg);
      goto out1;
    }
    if( anData[i] > MAX_EVIDENCE ){
      err_set(e, ERR_TOOBIG, "evidence %s: %zu bytes, over the limit of %d MB",
              a->azEvidence[i], anData[i], MAX_EVIDENCE/(1024*1024));
      goto out1;
    }
    /* the same kinds, checked by content, as the web form takes */
    if( evidence_check(base_name(a->azEvidence[i]), azData[i], anData[i], &e2) ){
      err_set(e, ERR_INPUT, "evidence %s", e2.zMsg);
      err_clear(&e2);
      goto out1;
    }
  }
  /* One live report per task, period and target. */
  if( store_report_list(p->s, t.id, 0, &aOld, &nOld, e) ) goto out1;
  for(int i=0; i<nOld; i++){
    Report *q = &aOld[i];
    if( strcmp(q->zPeriod, a->zPeriod)!=0 || q->isPercent!=r.isPercent || q->targetId!=r.targetId ) continue;
    if( q->state==REPORT_SUBMITTED ){
      err_set(e, ERR_CONFLICT, "report %d for %s on task %d is waiting for review", q->id, q->zPeriod, t.id);
      goto out1;
    }
    if( q->state==REPORT_ACCEPTED ){
      err_set(e, ERR_CONFLICT, "report %d for %s on task %d was already accepted", q->id, q->zPeriod, t.id);
      goto out1;
    }
    if( r.resubmits==0 ) r.resubmits = q->id;    /* the newest returned one */
  }
  r.taskId = t.id;
  snprintf(r.zPeriod, sizeof(r.zPeriod), "%s", a->zPeriod);
  r.zNote = (char*)a->zNote;
  r.authorId = p->user.id;
  ledger_now(r.zCreatedAt);
  r.state = REPORT_SUBMITTED;
  r.aEvidence = xcalloc((size_t)(a->nEvidence+1), sizeof(Evidence));
  if( store_begin(p->s, e) ) goto out1;
  if( store_report_insert(p->s, &r, &id, e) ){ ledger_fail(p); goto out1; }
  for(int i=0; i<a->nEvidence; i++){
    Evidence *v = &r.aEvidence[r.nEvidence++];
    v->zName = (char*)base_name(a->azEvidence[i]);
    v->size = (long long)anData[i];
    sha256_hex(azData[i], anData[i], v->zSha256);
    if( store_evidence_insert(p->s, id, v->zName, v->zSha256, azData[i], anData[i], &v->id, e) ){
      ledger_fail(p);
      goto out1;
    }
  }
  if( ledger_event(p, "report.submit", "report", id, t.id, 0, report_json(&r), e) ){
    ledger_fail(p);
    goto out1;
  }
  if( store_commit(p->s, e) ) goto out1;
  if( pId ) *pId = id;
  rc = 0;
out1:
  task_clear(&t);
out0:
  plan_clear(&pl);
  report_list_free(aOld, nOld);
  free(r.aEvidence);
  for(int i=0; i<a->nEvidence; i++) free(azData[i]);
  free(azData);
  free(anData);
  return rc;
}

/* The id of the live report (submitted or accepted) that a repeats
** exactly -- same task, period, target, value and note -- when the acting
** user may report on the task; else 0.  Reports with evidence never
** repeat. */
static int report_repeats(Ledger *p, const ReportArgs *a){
  Task t;
  Err e2 = {0};
  Report *aOld = 0;
  int nOld = 0, id = 0, targetId = 0;
  double v;
  int isPct = a->zPercent!=0;
  if( a->nEvidence>0 || a->zPeriod==0 || a->zNote==0 ) return 0;
  if( text_number(isPct ? a->zPercent : a->zValue ? a->zValue : "", &v) ) return 0;
  if( ledger_task_get(p, a->taskId, &t, &e2) ) return 0;
  AuthObject o = auth_task(&t, 1);
  if( !isPct ){
    targetId = a->zTarget ? text_id(a->zTarget) : t.nTarget==1 ? t.aTarget[0].id : -1;
  }
  if( auth_can(&p->user, ACT_REPORT, &o) && targetId>=0
   && store_report_list(p->s, t.id, 0, &aOld, &nOld, &e2)==0 ){
    for(int i=0; i<nOld && id==0; i++){
      Report *q = &aOld[i];
      if( q->state!=REPORT_RETURNED && strcmp(q->zPeriod, a->zPeriod)==0
       && q->isPercent==isPct && q->targetId==targetId && q->value==v
       && strcmp(q->zNote ? q->zNote : "", a->zNote)==0 ){
        id = q->id;
      }
    }
  }
  report_list_free(aOld, nOld);
  task_clear(&t);
  return id;
}

/* See ledger.h. */
int ledger_report_batch(Ledger *p, const ReportArgs *a, int n, BatchItem *aOut, Err *e){
  int nBad = 0, iFirst = -1;
  memset(aOut, 0, sizeof(BatchItem)*(size_t)(n>0 ? n : 0));
  if( n<=0 ) return err_set(e, ERR_INPUT, "no reports to file");
  if( store_begin(p->s, e) ) return -1;
  for(int i=0; i<n; i++){
    BatchItem *b = &aOut[i];
    if( (b->reportId = report_repeats(p, &a[i]))!=0 ){
      b->repeated = 1;
      continue;
    }
    if( ledger_report_submit(p, &a[i], &b->reportId, &b->err)==0 ) continue;
    if( nBad++==0 ) iFirst = i;
    if( b->err.code==ERR_INTERNAL ){
      *e = b->err;
      return ledger_fail(p);
    }
  }
  if( nBad ){
    ledger_fail(p);
    for(int i=0; i<n; i++) if( aOut[i].err.code==0 ){ aOut[i].reportId = 0; aOut[i].repeated = 0; }
    return err_set(e, aOut[iFirst].err.code, "%d of %d reports refused, nothing filed; the first (#%d): %s",
                   nBad, n, iFirst+1, aOut[iFirst].err.zMsg);
  }
  return store_commit(p->s, e);
}

/* See ledger.h. */
int ledger_report_get(Ledger *p, int id, Report *r, Err *e){
  Err e2 = {0};
  if( store_report_get(p->s, id, r, &e2) ){
    if( e2.code==ERR_NOTFOUND ) return err_set(e, ERR_NOTFOUND, "unknown report %d", id);
    *e = e2;
    return -1;
  }
  Task t;
  if( ledger_task_get(p, r->taskId, &t, e) ){
    report_clear(r);
    if( e->code==ERR_NOTFOUND ) err_set(e, ERR_NOTFOUND, "unknown report %d", id);
    return -1;
  }
  task_clear(&t);
  return 0;
}

/* See ledger.h. */
int ledger_report_review(Ledger *p, int id, int bAccept, const char *zReason, Err *e){
  if( auth_check(&p->user, ACT_REVIEW, 0, e) ) return -1;
  if( !bAccept && (zReason==0 || zReason[0]==0) ){
    return err_set(e, ERR_INPUT, "a return needs a reason: --return REASON");
  }
  Report r;
  if( ledger_report_get(p, id, &r, e) ) return -1;
  int rc = -1;
  if( r.state!=REPORT_SUBMITTED ){
    err_set(e, ERR_CONFLICT, "report %d was already %s on %.10s", id, azReportState[r.state % 3], r.zReviewedAt);
  }else{
    char zAt[20];
    ledger_now(zAt);
    int state = bAccept ? REPORT_ACCEPTED : REPORT_RETURNED;
    json_t *after = json_pack("{s:s, s:o}", "state", azReportState[state],
                              "comment", jstr(bAccept ? zReason : zReason));
    if( store_begin(p->s, e)==0 ){
      if( ledger_event(p, bAccept ? "report.accept" : "report.return", "report", id, r.taskId,
                       json_pack("{s:s}", "state", "submitted"), after, e)
       || store_report_review(p->s, id, state, p->user.id, zAt, zReason, e) ){
        ledger_fail(p);
      }else{
        rc = store_commit(p->s, e);
      }
    }else{
      json_decref(after);
    }
  }
  report_clear(&r);
  return rc;
}

/* qsort/bsearch order of ints. */
static int int_cmp(const void *a, const void *b){
  int x = *(const int*)a, y = *(const int*)b;
  return x<y ? -1 : x>y;
}

/* See ledger.h. */
int ledger_report_list(Ledger *p, int taskId, Report **pa, int *pn, Err *e){
  *pa = 0;
  *pn = 0;
  if( taskId ){
    Task t;
    if( ledger_task_get(p, taskId, &t, e) ) return -1;
    task_clear(&t);
    return store_report_list(p->s, taskId, 0, pa, pn, e);
  }
  PlanStatus ps;
  if( ledger_status(p, 0, 0, &ps, e) ) return -1;
  Report *a;
  int n, k = 0;
  if( store_report_list(p->s, 0, ps.plan.id, &a, &n, e) ){
    plan_status_free(&ps);
    return -1;
  }
  /* keep the reports of tasks the user may see */
  int *aSeen = xmalloc(sizeof(int)*(size_t)(ps.nTask ? ps.nTask : 1));
  for(int j=0; j<ps.nTask; j++) aSeen[j] = ps.aTask[j].id;
  qsort(aSeen, (size_t)ps.nTask, sizeof(int), int_cmp);
  for(int i=0; i<n; i++){
    if( bsearch(&a[i].taskId, aSeen, (size_t)ps.nTask, sizeof(int), int_cmp) ) a[k++] = a[i];
    else report_clear(&a[i]);
  }
  free(aSeen);
  plan_status_free(&ps);
  *pa = a;
  *pn = k;
  return 0;
}

/* ---- status ---- */

/* The group with key zKey in *pa, added (with title zTitle) when absent. */
static StatusGroup *group_get(StatusGroup **pa, int *pn, const char *zKey, const char *zTitle){
  for(int i=0; i<*pn; i++) if( strcmp((*pa)[i].zKey, zKey)==0 ) return &(*pa)[i];
  *pa = xrealloc(*pa, sizeof(StatusGroup)*(size_t)(*pn+1));
  StatusGroup *g = &(*pa)[(*pn)++];
  memset(g, 0, sizeof(*g));
  g->zKey = xstrdup(zKey);
  g->zTitle = xstrdup(zTitle ? zTitle : zKey);
  return g;
}

/* Count colour c in group g. */
static void group_add(StatusGroup *g, Colour c){
  g->n[c]++;
  g->nTotal++;
}

/* The first nPart numbers of seq z ("5.2.3", 2 -> "5.2") into zOut[32];
** 0 when z has fewer than nPart+1 numbers (the task number itself).  A
** further part's letter is a number of its own: "A3.1" -> "A", "A3". */
static int seq_prefix(const char *z, int nPart, char zOut[32]){
  int dots = 0;
  size_t i;
  if( z[0]>='A' && z[0]<='Z' ){
    if( nPart==1 ){ snprintf(zOut, 32, "%c", z[0]); return 1; }
    char zRest[32];
    if( !seq_prefix(z+1, nPart-1, zRest) ) return 0;
    snprintf(zOut, 32, "%c%.30s", z[0], zRest);
    return 1;
  }
  for(i=0; z[i]; i++){
    if( z[i]=='.' && ++dots==nPart ) break;
  }
  if( z[i]==0 ) return 0;
  snprintf(zOut, 32, "%.*s", (int)i, z);
  return 1;
}

/* The title of the plan-part heading with seq zSeq, or NULL. */
static const char *node_title(const Node *a, int n, const char *zSeq){
  const char *zAny = 0;
  for(int i=0; i<n; i++){
    if( strcmp(a[i].zSeq, zSeq)!=0 ) continue;
    if( strcmp(a[i].zPart, "plan")==0 ) return a[i].zTitle;
    if( zAny==0 ) zAny = a[i].zTitle;
  }
  return zAny;
}

/* See ledger.h. */
int ledger_status(Ledger *p, int planId, const char *zAsOf, PlanStatus *o, Err *e){
  memset(o, 0, sizeof(*o));
  if( zAsOf && !date_valid(zAsOf) ) return err_set(e, ERR_INPUT, "--as-of %s: want a date YYYY-MM-DD", zAsOf);
  snprintf(o->zAsOf, sizeof(o->zAsOf), "%s", zAsOf ? zAsOf : today());
  o->settings = p->set;
  if( ledger_plan_get(p, planId, &o->plan, e) ) return -1;
  TaskFilter f = {o->plan.id, 0, 0, -1, zAsOf};     /* NULL: now, no rewinding */
  if( ledger_task_list(p, &f, &o->aTask, &o->nTask, e) ) return -1;
  Node *aNode;
  int nNode;
  if( store_node_list(p->s, o->plan.id, &aNode, &nNode, e) ) return -1;
  o->total.zKey = xstrdup("");
  o->total.zTitle = xstrdup(o->plan.zTitle ? o->plan.zTitle : o->plan.zRegion);
  for(int i=0; i<o->nTask; i++){
    Task *t = &o->aTask[i];
    Colour c = t->status.colour;
    char zKey[32];
    group_add(&o->total, c);
    if( seq_prefix(t->zSeq, 1, zKey) ){
      const char *zTitle = strcmp(zKey, "0")==0 ? "（未编号）" : node_title(aNode, nNode, zKey);
      group_add(group_get(&o->aPart, &o->nPart, zKey, zTitle), c);
    }
    if( seq_prefix(t->zSeq, 2, zKey) ){
      group_add(group_get(&o->aSection, &o->nSection, zKey, node_title(aNode, nNode, zKey)), c);
    }
    const char *zUnit = t->zLead ? t->zLead : "未分配";
    group_add(group_get(&o->aUnit, &o->nUnit, zUnit, zUnit), c);
  }
  node_list_free(aNode, nNode);
  return 0;
}

/* Free the groups a[0..n). */
static void groups_free(StatusGroup *a, int n){
  for(int i=0; i<n; i++){ free(a[i].zKey); free(a[i].zTitle); }
  free(a);
}

/* See ledger.h. */
void plan_status_free(PlanStatus *o){
  plan_clear(&o->plan);
  task_list_free(o->aTask, o->nTask);
  free(o->total.zKey);
  free(o->total.zTitle);
  groups_free(o->aPart, o->nPart);
  groups_free(o->aSection, o->nSection);
  groups_free(o->aUnit, o->nUnit);
  memset(o, 0, sizeof(*o));
}

/* See ledger.h. */
int ledger_setting_set(Ledger *p, const char *zName, const char *zValue, Err *e){
  if( auth_check(&p->user, ACT_SETTINGS, 0, e) ) return -1;
  Settings s = p->set;
  char zOld[32], zNew[32];
  if( settings_get(&s, zName, zOld) ){
    return err_set(e, ERR_INPUT, "unknown setting %s (known: red_gap, yellow_gap, report_due_days)", zName);
  }
  if( settings_set(&s, zName, zValue, e) ) return -1;
  settings_get(&s, zName, zNew);
  if( store_begin(p->s, e) ) return -1;
  if( store_setting_put(p->s, zName, zNew, e)
   || ledger_event(p, "setting.set", "setting", 0, 0, json_pack("{s:s}", zName, zOld),
                   json_pack("{s:s}", zName, zNew), e) ){
    return ledger_fail(p);
  }
  if( store_commit(p->s, e) ) return -1;
  p->set = s;
  return 0;
}

/* ---- audit log, backup ---- */

/* See ledger.h. */
int ledger_log(Ledger *p, int taskId, Event **pa, int *pn, Err *e){
  *pa = 0;
  *pn = 0;
  if( taskId ){
    Task t;
    if( ledger_task_get(p, taskId, &t, e) ) return -1;
    task_clear(&t);
  }else if( auth_check(&p->user, ACT_AUDIT, 0, e) ){
    return -1;
  }
  return store_event_list(p->s, taskId, pa, pn, e);
}

/* See ledger.h. */
int ledger_verify(Ledger *p, AuditCheck *c, Err *e){
  if( auth_check(&p->user, ACT_AUDIT, 0, e) ) return -1;
  return audit_verify(p->s, c, e);
}

/* See ledger.h. */
int ledger_backup(Ledger *p, const char *zFile, Err *e){
  if( auth_check(&p->user, ACT_BACKUP, 0, e) ) return -1;
  if( zFile==0 || zFile[0]==0 ) return err_set(e, ERR_INPUT, "a backup FILE is needed");
  return store_backup(p->s, zFile, e);
}
