/*
** ledger_int.h -- what the ledger_*.c files share and nothing else sees:
** the Ledger struct and the helpers that every change goes through.
*/
#ifndef LUOSHI_LEDGER_INT_H
#define LUOSHI_LEDGER_INT_H
#include "audit.h"
#include "auth.h"
#include "ledger.h"
#include "store.h"
#include <jansson.h>

struct Ledger {
  Store *s;            /* the connection */
  User user;           /* the acting user (id 0: the public) */
  Settings set;        /* thresholds in force */
};

/* Write an audit event for the change being made (inside the caller's
** transaction).  before/after are JSON values or NULL; this steals them. */
int ledger_event(Ledger *p, const char *zAction, const char *zType, long long id,
                 int taskId, json_t *before, json_t *after, Err *e);

/* Roll back the open transaction and return -1 (for "goto fail" paths). */
int ledger_fail(Ledger *p);

/* The plan of task t, checking the user may read the task. */
int ledger_task_plan(Ledger *p, const Task *t, Plan *pPlan, Err *e);

/* Task t as JSON for the audit log (the fields a person can change). */
json_t *task_json(const Task *t);
/* Target g as JSON. */
json_t *target_json(const Target *g);

/* Compute the status of tasks a[0..n) of plan pPlan on zAsOf from the
** stored reports (all of the plan's when n>1, else the one task's). */
int ledger_compute_status(Ledger *p, const Plan *pPlan, Task *a, int n,
                          const char *zAsOf, Err *e);

/* Rewind tasks a[0..n) of plan pl, as read now (store_task_list with
** TaskQuery.bRemoved), to the end of day zAsOf (see ledger.h "History"):
** deadline, lead and co units, state and close, and targets (values,
** unit, comparison; added later: gone; removed later: back).  aEv[0..nEv)
** are the changes recorded after that day, oldest first
** (store_task_changes); aU[0..nU) the units, to find a unit an old entry
** names.  Removed targets are dropped from the tasks either way; a
** published task of a plan not yet published on zAsOf becomes a draft.
** Pure: reads nothing but its arguments (ledger_asof.c). */
void tasks_rewind(Task *a, int n, const Plan *pl, const char *zAsOf,
                  const Event *aEv, int nEv, const Unit *aU, int nU);
/* tasks_rewind() with the changes and units read from the store. */
int ledger_rewind(Ledger *p, const Plan *pl, Task *a, int n, const char *zAsOf, Err *e);

/* Parse a whole number (id) from z; 0 when z is not one. */
int text_id(const char *z);
/* Parse a finite number from all of z into *pv; nonzero when not one. */
int text_number(const char *z, double *pv);

#endif
