/*
** ledger_task.c -- tasks and targets: listing with status, review edits
** that remember what the machine proposed, close (销号), and the source
** sentence with its targets and deadline marked (see ledger.h).
*/
#include "ledger_int.h"
#include "units.h"
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A JSON string of z, or null. */
static json_t *jstr(const char *z){
  json_t *j = z ? json_string(z) : 0;
  return j ? j : json_null();
}

void target_clear(Target *g){
  free(g->zText); free(g->zSubject); free(g->zUnit); free(g->zCmp); free(g->zStrength);
  free(g->zOrigin); free(g->zMachine);
  memset(g, 0, sizeof(*g));
}

void task_clear(Task *t){
  free(t->zSeq); free(t->zText); free(t->zDeadlineText); free(t->zLead);
  for(int i=0; i<t->nCo; i++) free(t->azCo[i]);
  free(t->azCo); free(t->aCoId);
  free(t->zState); free(t->zCloseReason); free(t->zEdited); free(t->zMachine);
  for(int i=0; i<t->nTarget; i++) target_clear(&t->aTarget[i]);
  free(t->aTarget);
  memset(t, 0, sizeof(*t));
}

void task_list_free(Task *a, int n){
  for(int i=0; i<n; i++) task_clear(&a[i]);
  free(a);
}

void segment_list_free(Segment *a, int n){
  for(int i=0; i<n; i++) free(a[i].zText);
  free(a);
}

/* See ledger_int.h. */
json_t *task_json(const Task *t){
  json_t *aCo = json_array(), *aCoId = json_array();
  for(int i=0; i<t->nCo; i++){
    json_array_append_new(aCo, jstr(t->azCo[i]));
    json_array_append_new(aCoId, json_integer(t->aCoId[i]));
  }
  return json_pack("{s:o, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "seq", jstr(t->zSeq),
                   "text", jstr(t->zText), "deadline", t->zDeadline, "lead", jstr(t->zLead),
                   "co", aCo, "state", jstr(t->zState),
                   "closed_at", t->zClosedAt[0] ? jstr(t->zClosedAt) : json_null(),
                   "close_reason", jstr(t->zCloseReason),
                   "lead_id", t->leadId ? json_integer(t->leadId) : json_null(), "co_ids", aCoId);
}

/* See ledger_int.h. */
json_t *target_json(const Target *g){
  json_t *j = json_pack("{s:i, s:o, s:o, s:f, s:o, s:o, s:o, s:b}", "task", g->taskId,
                        "text", jstr(g->zText), "subject", jstr(g->zSubject), "value", g->value,
                        "unit", jstr(g->zUnit), "cmp", jstr(g->zCmp), "strength", jstr(g->zStrength),
                        "removed", g->removed);
  if( g->zCmp && strcmp(g->zCmp, "range")==0 ) json_object_set_new(j, "value_max", json_real(g->valueMax));
  return j;
}

/* True when the plan of a task is published. */
static int plan_published(const Plan *pl){
  return pl->zState && strcmp(pl->zState, "published")==0;
}

/* See ledger_int.h. */
int ledger_task_plan(Ledger *p, const Task *t, Plan *pPlan, Err *e){
  if( store_plan_get(p->s, t->planId, pPlan, e) ) return -1;
  AuthObject o = auth_task(t, plan_published(pPlan));
  if( !auth_can(&p->user, ACT_READ, &o) ){
    plan_clear(pPlan);
    return err_set(e, ERR_NOTFOUND, "unknown task %d", t->id);
  }
  return 0;
}

/* Pair of a task id and its index, for lookups. */
typedef struct IdIndex IdIndex;
struct IdIndex { int id; int i; };

static int idindex_cmp(const void *a, const void *b){
  const IdIndex *x = a, *y = b;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* Status of task t from its reports aF[0..nF) (facts of this task). */
static void one_status(Ledger *p, const Plan *pl, Task *t, const ReportFact *aF, int nF,
                       const char *zAsOf, StatusReport *aR, StatusTarget *aT){
  int nT = t->nTarget < 64 ? t->nTarget : 64, nR = 0;
  for(int k=0; k<nT; k++){
    aT[k].value = t->aTarget[k].value;
    aT[k].zCmp = t->aTarget[k].zCmp;
  }
  for(int j=0; j<nF; j++){
    StatusReport r = aF[j].r;
    if( aF[j].targetId ){
      r.iTarget = -2;
      for(int k=0; k<nT; k++) if( t->aTarget[k].id==aF[j].targetId ) r.iTarget = k;
      if( r.iTarget==-2 ) continue;    /* a removed target */
    }else{
      r.iTarget = -1;
    }
    aR[nR++] = r;
  }
  StatusInput in;
  in.zStart = pl->zStart;
  in.zDeadline = t->zDeadline;
  in.zPublished = pl->zPublishedAt[0] ? pl->zPublishedAt : 0;
  in.zClosed = t->zClosedAt[0] ? t->zClosedAt : 0;
  in.aTarget = aT;
  in.nTarget = nT;
  in.aReport = aR;
  in.nReport = nR;
  status_compute(&in, &p->set, zAsOf, &t->status);
}

/* See ledger_int.h. */
int ledger_compute_status(Ledger *p, const Plan *pl, Task *a, int n, const char *zAsOf, Err *e){
  ReportFact *aF;
  int nF;
  if( zAsOf==0 ) zAsOf = today();
  if( store_report_facts(p->s, pl->id, n==1 ? a[0].id : 0, &aF, &nF, e) ) return -1;
  IdIndex *ax = xmalloc(sizeof(IdIndex)*(size_t)(n ? n : 1));
  for(int i=0; i<n; i++){ ax[i].id = a[i].id; ax[i].i = i; }
  qsort(ax, (size_t)n, sizeof(IdIndex), idindex_cmp);
  int *aStart = xmalloc(sizeof(int)*(size_t)(n ? n : 1));
  int *aCount = xcalloc((size_t)(n ? n : 1), sizeof(int));
  int nMax = 0;
  for(int j=0; j<nF; ){
    int k = j;
    while( k<nF && aF[k].taskId==aF[j].taskId ) k++;
    IdIndex key = {aF[j].taskId, 0};
    IdIndex *hit = bsearch(&key, ax, (size_t)n, sizeof(IdIndex), idindex_cmp);
    if( hit ){
      aStart[hit->i] = j;
      aCount[hit->i] = k - j;
      if( k-j > nMax ) nMax = k - j;
    }
    j = k;
  }
  StatusReport *aR = xmalloc(sizeof(StatusReport)*(size_t)(nMax ? nMax : 1));
  StatusTarget aT[64];
  for(int i=0; i<n; i++){
    one_status(p, pl, &a[i], aCount[i] ? &aF[aStart[i]] : 0, aCount[i], zAsOf, aR, aT);
  }
  free(aR);
  free(aStart);
  free(aCount);
  free(ax);
  free(aF);
  return 0;
}

/* True when z is a seq like "5", "5.2.3" or (a further part) "A3.1". */
static int seq_valid(const char *z){
  if( z && z[0]>='A' && z[0]<='Z' ) z++;
  if( z==0 || !isdigit((unsigned char)z[0]) ) return 0;
  for(const char *c=z; *c; c++){
    if( !isdigit((unsigned char)*c) && !(*c=='.' && isdigit((unsigned char)c[1])) ) return 0;
  }
  return 1;
}

/* True when unit id leads task t or shares it. */
static int task_has_unit(const Task *t, int id){
  if( t->leadId==id ) return 1;
  for(int i=0; i<t->nCo; i++) if( t->aCoId[i]==id ) return 1;
  return 0;
}

/* See ledger.h.  With a date (f->zAsOf), the tasks are read with their
** removed targets and rewound to that day (ledger_rewind); the unit
** filter then applies to the units of that day, while who may read a task
** is decided by its units of today and by whether the plan was published
** on that day.  A plan imported after that day had no tasks yet. */
int ledger_task_list(Ledger *p, const TaskFilter *f, Task **pa, int *pn, Err *e){
  Plan pl;
  *pa = 0;
  *pn = 0;
  if( f->zSeq && !seq_valid(f->zSeq) ){
    return err_set(e, ERR_INPUT, "--node %s: want heading numbers like 5 or 5.2", f->zSeq);
  }
  if( f->zAsOf && !date_valid(f->zAsOf) ){
    return err_set(e, ERR_INPUT, "--as-of %s: want a date YYYY-MM-DD", f->zAsOf);
  }
  if( ledger_plan_get(p, f->planId, &pl, e) ) return -1;
  const char *zAsOf = f->zAsOf;
  int pub = plan_published(&pl);
  if( zAsOf ){
    pub = pub && strncmp(pl.zPublishedAt, zAsOf, 10)<=0;
    if( strncmp(pl.zImportedAt, zAsOf, 10)>0 ){
      plan_clear(&pl);
      return 0;
    }
  }
  TaskQuery q = {pl.id, zAsOf ? 0 : f->unitId, f->zSeq, zAsOf!=0};
  Task *a;
  int n, k = 0;
  if( store_task_list(p->s, &q, &a, &n, e) ){
    plan_clear(&pl);
    return -1;
  }
  char *aRead = xmalloc((size_t)(n ? n : 1));
  for(int i=0; i<n; i++){
    AuthObject o = auth_task(&a[i], pub);
    aRead[i] = (char)auth_can(&p->user, ACT_READ, &o);
  }
  if( (zAsOf && ledger_rewind(p, &pl, a, n, zAsOf, e)) || ledger_compute_status(p, &pl, a, n, zAsOf, e) ){
    task_list_free(a, n);
    free(aRead);
    plan_clear(&pl);
    return -1;
  }
  for(int i=0; i<n; i++){
    int keep = aRead[i]
            && (f->colour<0 || (int)a[i].status.colour==f->colour)
            && (f->unitId==0 || task_has_unit(&a[i], f->unitId));
    if( keep ) a[k++] = a[i];
    else task_clear(&a[i]);
  }
  free(aRead);
  plan_clear(&pl);
  *pa = a;
  *pn = k;
  return 0;
}

/* See ledger.h. */
int ledger_task_get(Ledger *p, int id, Task *t, Err *e){
  Plan pl;
  Err e2 = {0};
  if( store_task_get(p->s, id, t, &e2) ){
    if( e2.code==ERR_NOTFOUND ) return err_set(e, ERR_NOTFOUND, "unknown task %d", id);
    *e = e2;
    return -1;
  }
  if( ledger_task_plan(p, t, &pl, e) || ledger_compute_status(p, &pl, t, 1, 0, e) ){
    task_clear(t);
    plan_clear(&pl);
    return -1;
  }
  plan_clear(&pl);
  return 0;
}

/* See ledger.h. */
int ledger_task_find(Ledger *p, const char *zTask, Task *t, Err *e){
  memset(t, 0, sizeof(*t));
  if( zTask==0 || zTask[0]==0 ) return err_set(e, ERR_INPUT, "a task id is needed");
  int id = text_id(zTask);
  if( id ) return ledger_task_get(p, id, t, e);
  if( !seq_valid(zTask) ){
    return err_set(e, ERR_INPUT, "task \"%s\": want a task id (12) or its number in the plan (5.2.3)", zTask);
  }
  Plan pl;
  if( ledger_plan_get(p, 0, &pl, e) ) return -1;
  Err e2 = {0};
  int rc = store_task_by_seq(p->s, pl.id, zTask, &id, &e2);
  plan_clear(&pl);
  if( rc ){
    if( e2.code==ERR_NOTFOUND ) return err_set(e, ERR_NOTFOUND, "unknown task %s", zTask);
    *e = e2;
    return -1;
  }
  return ledger_task_get(p, id, t, e);
}

/* Add field zField to the comma list *pz of edited fields (reallocates). */
static void mark_edited(char **pz, const char *zField){
  char **az;
  int n = list_split(*pz, &az), seen = 0;
  for(int i=0; i<n; i++) if( strcmp(az[i], zField)==0 ) seen = 1;
  list_free(az, n);
  if( seen ) return;
  char *z = (*pz && (*pz)[0]) ? xprintf("%s,%s", *pz, zField) : xstrdup(zField);
  free(*pz);
  *pz = z;
}

/* See ledger.h. */
int ledger_task_edit(Ledger *p, int id, const TaskEdit *d, Err *e){
  if( auth_check(&p->user, ACT_EDIT, 0, e) ) return -1;
  if( !d->zLead && !d->zCo && !d->zDeadline && !d->zText ){
    return err_set(e, ERR_INPUT, "nothing to change: give --lead, --co, --deadline or --text");
  }
  if( d->zDeadline && !date_valid(d->zDeadline) ){
    return err_set(e, ERR_INPUT, "--deadline %s: want a date YYYY-MM-DD", d->zDeadline);
  }
  if( d->zText && d->zText[0]==0 ) return err_set(e, ERR_INPUT, "--text: a task's text cannot be empty");
  Task t;
  if( ledger_task_get(p, id, &t, e) ) return -1;
  int rc = -1;
  json_t *before = task_json(&t);
  char **azCo = 0;
  int nCo = 0;
  if( strcmp(t.zState, "done")==0 ){
    err_set(e, ERR_CONFLICT, "task %d was closed on %.10s; it cannot be edited", id, t.zClosedAt);
    goto done;
  }
  if( d->zLead ){
    if( d->zLead[0]==0 ){
      t.leadId = 0;
      free(t.zLead);
      t.zLead = 0;
    }else{
      Unit u;
      if( ledger_unit_find(p, d->zLead, &u, e) ) goto done;
      t.leadId = u.id;
      free(t.zLead);
      t.zLead = xstrdup(u.zName);
      unit_clear(&u);
    }
    mark_edited(&t.zEdited, "lead");
  }
  if( d->zCo ){
    nCo = list_split(d->zCo, &azCo);
    int *aId = xmalloc(sizeof(int)*(size_t)(nCo ? nCo : 1));
    char **azName = xmalloc(sizeof(char*)*(size_t)(nCo ? nCo : 1));
    int k = 0;
    for(int i=0; i<nCo; i++){
      Unit u;
      if( ledger_unit_find(p, azCo[i], &u, e) ){
        for(int j=0; j<k; j++) free(azName[j]);
        free(aId);
        free(azName);
        goto done;
      }
      int dup = u.id==t.leadId;
      for(int j=0; j<k; j++) if( aId[j]==u.id ) dup = 1;
      if( !dup ){ aId[k] = u.id; azName[k++] = xstrdup(u.zName); }
      unit_clear(&u);
    }
    for(int i=0; i<t.nCo; i++) free(t.azCo[i]);
    free(t.azCo);
    free(t.aCoId);
    t.aCoId = aId;
    t.azCo = azName;
    t.nCo = k;
    mark_edited(&t.zEdited, "co");
  }
  if( d->zDeadline ){
    memcpy(t.zDeadline, d->zDeadline, 11);
    mark_edited(&t.zEdited, "deadline");
  }
  if( d->zText ){
    free(t.zText);
    t.zText = xstrdup(d->zText);
    mark_edited(&t.zEdited, "text");
  }
  if( store_begin(p->s, e) ) goto done;
  if( ledger_event(p, "task.edit", "task", id, id, before, task_json(&t), e)
   || store_task_update(p->s, &t, e) ){
    before = 0;
    ledger_fail(p);
    goto done;
  }
  before = 0;
  rc = store_commit(p->s, e);
done:
  json_decref(before);
  list_free(azCo, nCo);
  task_clear(&t);
  return rc;
}

/* See ledger.h. */
int ledger_task_close(Ledger *p, int id, const char *zReason, Err *e){
  if( auth_check(&p->user, ACT_CLOSE, 0, e) ) return -1;
  Task t;
  if( ledger_task_get(p, id, &t, e) ) return -1;
  int rc = -1;
  if( zReason && zReason[0]==0 ) zReason = 0;
  if( strcmp(t.zState, "draft")==0 ){
    err_set(e, ERR_CONFLICT, "task %d is not published yet (luoshi plan publish)", id);
  }else if( strcmp(t.zState, "done")==0 ){
    err_set(e, ERR_CONFLICT, "task %d was already closed on %.10s", id, t.zClosedAt);
  }else if( t.status.actual < 100 - 1e-9 && zReason==0 ){
    if( t.status.actual<0 ){
      err_set(e, ERR_CONFLICT, "task %d has no accepted report showing its target met;"
              " to close it anyway give --reason TEXT", id);
    }else{
      err_set(e, ERR_CONFLICT, "task %d: the accepted reports show %.0f%%, not its target met;"
              " to close it anyway give --reason TEXT", id, t.status.actual);
    }
  }else{
    json_t *before = task_json(&t);
    free(t.zState);
    t.zState = xstrdup("done");
    ledger_now(t.zClosedAt);
    t.zCloseReason = zReason ? xstrdup(zReason)
                   : xprintf("target met (%.0f%% by accepted reports)", t.status.actual);
    if( store_begin(p->s, e)==0 ){
      if( ledger_event(p, "task.close", "task", id, id, before, task_json(&t), e)
       || store_task_update(p->s, &t, e) ){
        ledger_fail(p);
      }else{
        rc = store_commit(p->s, e);
      }
    }else{
      json_decref(before);
    }
  }
  task_clear(&t);
  return rc;
}

/* ---- targets ---- */

/* True when z is a known comparison. */
static int cmp_valid(const char *z){
  static const char *az[] = {"=", ">=", "<=", "~", "range"};
  for(int i=0; i<5; i++) if( strcmp(z, az[i])==0 ) return 1;
  return 0;
}

/* True when z is a known strength. */
static int strength_valid(const char *z){
  return strcmp(z, "must")==0 || strcmp(z, "strive")==0 || strcmp(z, "plain")==0;
}

/* Apply the typed fields of d to target g (after checking them). */
static int target_apply(Target *g, const TargetEdit *d, Err *e){
  double v = g->value, vmax = g->valueMax;
  if( d->zValue && text_number(d->zValue, &v) ){
    return err_set(e, ERR_INPUT, "--value %s: not a number", d->zValue);
  }
  if( d->zValueMax && text_number(d->zValueMax, &vmax) ){
    return err_set(e, ERR_INPUT, "--max %s: not a number", d->zValueMax);
  }
  if( d->zCmp && !cmp_valid(d->zCmp) ){
    return err_set(e, ERR_INPUT, "--cmp %s: want =, >=, <=, ~ or range", d->zCmp);
  }
  if( d->zStrength && !strength_valid(d->zStrength) ){
    return err_set(e, ERR_INPUT, "--strength %s: want must, strive or plain", d->zStrength);
  }
  const char *zCmp = d->zCmp ? d->zCmp : g->zCmp ? g->zCmp : "=";
  if( strcmp(zCmp, "range")==0 ){
    if( !d->zValueMax && !(g->zCmp && strcmp(g->zCmp, "range")==0) ){
      return err_set(e, ERR_INPUT, "a range target needs --max VALUE");
    }
    if( vmax < v ) return err_set(e, ERR_INPUT, "--max %g is below the value %g", vmax, v);
  }else{
    vmax = v;
  }
  g->value = v;
  g->valueMax = vmax;
  if( d->zCmp || !g->zCmp ){ free(g->zCmp); g->zCmp = xstrdup(zCmp); }
  if( d->zStrength || !g->zStrength ){
    free(g->zStrength);
    g->zStrength = xstrdup(d->zStrength ? d->zStrength : "plain");
  }
  if( d->zUnit || !g->zUnit ){ free(g->zUnit); g->zUnit = xstrdup(d->zUnit ? d->zUnit : ""); }
  if( d->zSubject || !g->zSubject ){
    free(g->zSubject);
    g->zSubject = xstrdup(d->zSubject ? d->zSubject : "");
  }
  if( d->zValue || d->zValueMax || d->zUnit || !g->zText ){
    free(g->zText);
    g->zText = strcmp(g->zCmp, "range")==0 ? xprintf("%g—%g%s", g->value, g->valueMax, g->zUnit)
                                           : xprintf("%g%s", g->value, g->zUnit);
  }
  return 0;
}

/* See ledger.h. */
int ledger_target_add(Ledger *p, int taskId, const TargetEdit *d, int *pId, Err *e){
  if( auth_check(&p->user, ACT_EDIT, 0, e) ) return -1;
  if( d->zValue==0 ) return err_set(e, ERR_INPUT, "a target needs --value NUMBER");
  Task t;
  if( ledger_task_get(p, taskId, &t, e) ) return -1;
  Target g;
  memset(&g, 0, sizeof(g));
  g.taskId = taskId;
  g.ord = t.nTarget + 1;
  g.iStart = g.iEnd = -1;
  g.zOrigin = xstrdup("manual");
  int rc = -1, id = 0;
  if( strcmp(t.zState, "done")==0 ){
    err_set(e, ERR_CONFLICT, "task %d was closed on %.10s; it cannot be edited", taskId, t.zClosedAt);
  }else if( target_apply(&g, d, e)==0 && store_begin(p->s, e)==0 ){
    if( store_target_insert(p->s, &g, &id, e)
     || ledger_event(p, "target.add", "target", id, taskId, 0, target_json(&g), e) ){
      ledger_fail(p);
    }else{
      rc = store_commit(p->s, e);
      if( rc==0 && pId ) *pId = id;
    }
  }
  target_clear(&g);
  task_clear(&t);
  return rc;
}

/* Load target id for a change: it must exist, be live, and its task must
** be open.  Remembers the extracted form in zMachine on first change. */
static int target_for_change(Ledger *p, int id, Target *g, Err *e){
  Err e2 = {0};
  if( store_target_get(p->s, id, g, &e2) ){
    if( e2.code==ERR_NOTFOUND ) return err_set(e, ERR_NOTFOUND, "unknown target %d", id);
    *e = e2;
    return -1;
  }
  if( g->removed ){
    target_clear(g);
    return err_set(e, ERR_NOTFOUND, "target %d was removed", id);
  }
  Task t;
  if( ledger_task_get(p, g->taskId, &t, e) ){
    target_clear(g);
    return -1;
  }
  int closed = strcmp(t.zState, "done")==0;
  task_clear(&t);
  if( closed ){
    int taskId = g->taskId;
    target_clear(g);
    return err_set(e, ERR_CONFLICT, "task %d is closed; its targets cannot change", taskId);
  }
  if( g->zMachine==0 && g->zOrigin && strcmp(g->zOrigin, "extracted")==0 ){
    json_t *j = target_json(g);
    g->zMachine = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(j);
  }
  return 0;
}

/* Write target g with an audit event zAction; before is stolen. */
static int target_write(Ledger *p, Target *g, const char *zAction, json_t *before, Err *e){
  if( store_begin(p->s, e) ){
    json_decref(before);
    return -1;
  }
  if( ledger_event(p, zAction, "target", g->id, g->taskId, before, target_json(g), e)
   || store_target_update(p->s, g, e) ){
    return ledger_fail(p);
  }
  return store_commit(p->s, e);
}

/* See ledger.h. */
int ledger_target_edit(Ledger *p, int id, const TargetEdit *d, Err *e){
  if( auth_check(&p->user, ACT_EDIT, 0, e) ) return -1;
  if( !d->zValue && !d->zValueMax && !d->zUnit && !d->zSubject && !d->zCmp && !d->zStrength ){
    return err_set(e, ERR_INPUT, "nothing to change: give --value, --max, --unit, --subject, --cmp or --strength");
  }
  Target g;
  if( target_for_change(p, id, &g, e) ) return -1;
  json_t *before = target_json(&g);
  int rc = -1;
  if( target_apply(&g, d, e) ) json_decref(before);
  else rc = target_write(p, &g, "target.edit", before, e);
  target_clear(&g);
  return rc;
}

/* See ledger.h. */
int ledger_target_remove(Ledger *p, int id, Err *e){
  if( auth_check(&p->user, ACT_EDIT, 0, e) ) return -1;
  Target g;
  if( target_for_change(p, id, &g, e) ) return -1;
  json_t *before = target_json(&g);
  g.removed = 1;
  int rc = target_write(p, &g, "target.rm", before, e);
  target_clear(&g);
  return rc;
}

/* ---- the source sentence ---- */

/* Byte offset in z (n bytes) of code point index iCp (clamped to n). */
static size_t cp_offset(const char *z, size_t n, int iCp){
  size_t i = 0;
  int c = 0;
  if( iCp<=0 ) return 0;
  while( i<n ){
    if( ((unsigned char)z[i] & 0xC0)!=0x80 ){
      if( c==iCp ) return i;
      c++;
    }
    i++;
  }
  return n;
}

/* A marked range of the sentence. */
typedef struct Mark Mark;
struct Mark { int iStart, iEnd, kind; };

static int mark_cmp(const void *a, const void *b){
  const Mark *x = a, *y = b;
  return x->iStart - y->iStart;
}

/* See ledger.h. */
int ledger_task_segments(Ledger *p, const Task *t, Segment **pa, int *pn, Err *e){
  char *zSrc = 0;
  *pa = 0;
  *pn = 0;
  if( store_plan_source(p->s, t->planId, &zSrc, e) ) return -1;
  size_t nSrc = strlen(zSrc);
  Mark *aM = xmalloc(sizeof(Mark)*(size_t)(t->nTarget+1));
  int nM = 0;
  for(int i=0; i<t->nTarget; i++){
    const Target *g = &t->aTarget[i];
    if( g->iStart>=t->iStart && g->iEnd<=t->iEnd && g->iEnd>g->iStart ){
      aM[nM++] = (Mark){g->iStart, g->iEnd, 1};
    }
  }
  if( t->iDlStart>=t->iStart && t->iDlEnd<=t->iEnd && t->iDlEnd>t->iDlStart ){
    aM[nM++] = (Mark){t->iDlStart, t->iDlEnd, 2};
  }
  qsort(aM, (size_t)nM, sizeof(Mark), mark_cmp);
  Segment *a = 0;
  int n = 0, nAlloc = 0, at = t->iStart;
  for(int i=0; i<=nM; i++){
    int iEnd = i<nM ? aM[i].iStart : t->iEnd;
    if( i<nM && aM[i].iStart < at ) continue;        /* overlaps the one before */
    if( iEnd > at ){
      size_t b0 = cp_offset(zSrc, nSrc, at), b1 = cp_offset(zSrc, nSrc, iEnd);
      Segment *s = ARRAY_PUSH(a, n, nAlloc);
      s->zText = xstrndup(zSrc+b0, b1-b0);
      s->kind = 0;
    }
    if( i<nM ){
      size_t b0 = cp_offset(zSrc, nSrc, aM[i].iStart), b1 = cp_offset(zSrc, nSrc, aM[i].iEnd);
      Segment *s = ARRAY_PUSH(a, n, nAlloc);
      s->zText = xstrndup(zSrc+b0, b1-b0);
      s->kind = aM[i].kind;
      at = aM[i].iEnd;
    }
  }
  free(aM);
  free(zSrc);
  *pa = a;
  *pn = n;
  return 0;
}
