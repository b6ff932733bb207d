/*
** ledger_chase.c -- what is open on a date, for the reminders (see
** ledger.h "what is open").  Every fact here comes from the status engine
** (status_compute() fills Status.late, zNext, zReturned for each task);
** this file only lists them per task with the dates a reminder needs, so
** that the reminders never decide lateness themselves.
*/
#include "ledger_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const azChaseKind[N_CHASE] = {
  "report_due", "report_late", "report_returned", "deadline_soon", "overdue",
};

/* See ledger.h. */
const char *chase_kind_name(ChaseKind k){
  return (unsigned)k < N_CHASE ? azChaseKind[k] : "?";
}

/* See ledger.h. */
void chase_list_free(Chase *a, int n){
  for(int i=0; i<n; i++){
    free(a[i].zSeq); free(a[i].zText); free(a[i].zUnit); free(a[i].zUnitKind); free(a[i].zRegion);
  }
  free(a);
}

/* The unit with id in a[0..n), or NULL. */
static const Unit *unit_by_id(const Unit *a, int n, int id){
  for(int i=0; i<n && id; i++) if( a[i].id==id ) return &a[i];
  return 0;
}

/* Append a chase of kind k for task t to *pa. */
static Chase *chase_add(Chase **pa, int *pn, int *pnAlloc, ChaseKind k, const Task *t,
                        const Plan *pl, const Unit *u){
  Chase *c = ARRAY_PUSH(*pa, *pn, *pnAlloc);
  c->kind = k;
  c->taskId = t->id;
  c->zSeq = xstrdup(t->zSeq);
  c->zText = xstrdup(t->zText);
  c->unitId = t->leadId;
  c->zUnit = t->zLead ? xstrdup(t->zLead) : 0;
  c->zUnitKind = u ? xstrdup(u->zKind) : 0;
  c->zRegion = xstrdup(pl->zRegion);
  return c;
}

/* The day after z (YYYY-MM-DD) into zOut[11]. */
static void day_after(const char *z, char zOut[11]){
  days_date(date_days(z) + 1, zOut);
}

/* The open things of the tasks a[0..n) of plan pl on zAsOf. */
static void chase_tasks(const Plan *pl, const Task *a, int n, const Unit *aU, int nU,
                        const char *zAsOf, int nAhead, Chase **pa, int *pn, int *pnAlloc){
  int asof = date_days(zAsOf);
  for(int i=0; i<n; i++){
    const Task *t = &a[i];
    const Status *s = &t->status;
    if( strcmp(t->zState, "published")!=0 || s->colour==COLOUR_DONE ) continue;
    const Unit *u = unit_by_id(aU, nU, t->leadId);
    Chase *c;
    if( s->late==1 ){
      c = chase_add(pa, pn, pnAlloc, CHASE_REPORT_LATE, t, pl, u);
      memcpy(c->zPeriod, s->zLate, 8);
      memcpy(c->zDate, s->zLateDue, 11);
      day_after(s->zLateDue, c->zSince);
    }
    if( s->zReturned[0] ){
      c = chase_add(pa, pn, pnAlloc, CHASE_REPORT_RETURNED, t, pl, u);
      memcpy(c->zPeriod, s->zReturned, 8);
      memcpy(c->zDate, s->zReturnedAt, 11);
      memcpy(c->zSince, s->zReturnedAt, 11);
    }
    if( s->zNext[0] && date_days(s->zNextDue) - asof <= nAhead ){
      c = chase_add(pa, pn, pnAlloc, CHASE_REPORT_DUE, t, pl, u);
      memcpy(c->zPeriod, s->zNext, 8);
      memcpy(c->zDate, s->zNextDue, 11);
      memcpy(c->zSince, s->zNextDue, 11);
    }
    if( s->zCode && strcmp(s->zCode, "overdue")==0 ){
      c = chase_add(pa, pn, pnAlloc, CHASE_OVERDUE, t, pl, u);
      memcpy(c->zDate, t->zDeadline, 11);
      day_after(t->zDeadline, c->zSince);
    }else{
      int left = date_days(t->zDeadline) - asof;
      if( left>=0 && left<=nAhead ){
        c = chase_add(pa, pn, pnAlloc, CHASE_DEADLINE_SOON, t, pl, u);
        memcpy(c->zDate, t->zDeadline, 11);
        memcpy(c->zSince, t->zDeadline, 11);
      }
    }
  }
}

/* See ledger.h. */
int ledger_chase_list(Ledger *p, const char *zAsOf, int nAhead, Chase **pa, int *pn, Err *e){
  Plan *aPlan = 0;
  Unit *aU = 0;
  int nPlan = 0, nU = 0, nAlloc = 0, rc = -1;
  *pa = 0;
  *pn = 0;
  int bPast = zAsOf!=0;        /* a date given: the tasks as they were then */
  if( zAsOf==0 ) zAsOf = today();
  if( !date_valid(zAsOf) ) return err_set(e, ERR_INPUT, "--as-of %s: want a date YYYY-MM-DD", zAsOf);
  if( store_plan_list(p->s, &aPlan, &nPlan, e) || store_unit_list(p->s, &aU, &nU, e) ) goto out;
  for(int i=0; i<nPlan; i++){
    const Plan *pl = &aPlan[i];
    if( strcmp(pl->zState, "published")!=0 ) continue;
    if( bPast && strncmp(pl->zPublishedAt, zAsOf, 10)>0 ) continue;
    TaskQuery q = {pl->id, 0, 0, bPast};
    Task *a;
    int n;
    if( store_task_list(p->s, &q, &a, &n, e) ) goto out;
    if( (bPast && ledger_rewind(p, pl, a, n, zAsOf, e)) || ledger_compute_status(p, pl, a, n, zAsOf, e) ){
      task_list_free(a, n);
      goto out;
    }
    chase_tasks(pl, a, n, aU, nU, zAsOf, nAhead, pa, pn, &nAlloc);
    task_list_free(a, n);
  }
  rc = 0;
out:
  if( rc ){
    chase_list_free(*pa, *pn);
    *pa = 0;
    *pn = 0;
  }
  plan_list_free(aPlan, nPlan);
  unit_list_free(aU, nU);
  return rc;
}
