/*
** ledger_asof.c -- tasks as they stood at the end of a past day, rebuilt
** from the audit log (see ledger.h "History").
**
** Every change to a task or a target is an audit entry whose "before" is
** the whole object as it was just before the change (task_json(),
** target_json()).  So the value of a task at the end of day D is the
** "before" of its first change recorded after D, or its value now when
** nothing changed it since.  tasks_rewind() applies the "before" of the
** changes after D from the newest to the oldest: each one overwrites the
** last, and what is left is the "before" of the earliest.  It is a pure
** function of the tasks, the entries and the unit list; ledger_rewind()
** reads those from the store.
*/
#include "ledger_int.h"
#include "units.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The string member zKey of JSON object j, or NULL (absent, null, or not a
** string). */
static const char *json_text(json_t *j, const char *zKey){
  return json_string_value(json_object_get(j, zKey));
}

/* The unit with id in a[0..n), or NULL. */
static const Unit *unit_with_id(const Unit *a, int n, int id){
  for(int i=0; i<n && id; i++) if( a[i].id==id ) return &a[i];
  return 0;
}

/* The unit called z (by its name, then by an alias) in a[0..n), or NULL. */
static const Unit *unit_with_name(const Unit *a, int n, const char *z){
  if( z==0 || z[0]==0 ) return 0;
  for(int i=0; i<n; i++) if( a[i].zName && strcmp(a[i].zName, z)==0 ) return &a[i];
  for(int i=0; i<n; i++) if( unit_named(&a[i], z) ) return &a[i];
  return 0;
}

/* Set *pId and *pzName (freed and replaced) to the unit an old entry
** names: by its id jId when the entry has one (entries written since
** schema 5), else by the name zName.  A unit found is shown by its name
** of today, so that counts per unit gather under one name; a name no
** unit has any more is kept as written, with id 0. */
static void unit_from_entry(json_t *jId, const char *zName, const Unit *aU, int nU,
                            int *pId, char **pzName){
  const Unit *u = 0;
  if( json_is_integer(jId) ) u = unit_with_id(aU, nU, (int)json_integer_value(jId));
  else u = unit_with_name(aU, nU, zName);
  free(*pzName);
  *pId = u ? u->id : 0;
  *pzName = u ? xstrdup(u->zName) : zName ? xstrdup(zName) : 0;
}

/* Make t's lead unit the one of entry j. */
static void lead_undo(Task *t, json_t *j, const Unit *aU, int nU){
  json_t *jId = json_object_get(j, "lead_id");
  const char *zName = json_text(j, "lead");
  if( json_is_null(jId) || (jId==0 && zName==0) ){
    t->leadId = 0;
    free(t->zLead);
    t->zLead = 0;
    return;
  }
  unit_from_entry(jId, zName, aU, nU, &t->leadId, &t->zLead);
}

/* Make t's co-responsible units those of entry j ("co_ids" when there,
** else the names of "co"). */
static void co_undo(Task *t, json_t *j, const Unit *aU, int nU){
  json_t *aName = json_object_get(j, "co");
  json_t *aId = json_object_get(j, "co_ids");
  if( !json_is_array(aName) ) return;
  for(int i=0; i<t->nCo; i++) free(t->azCo[i]);
  free(t->azCo);
  free(t->aCoId);
  size_t n = json_array_size(aName);
  t->aCoId = xcalloc(n ? n : 1, sizeof(int));
  t->azCo = xcalloc(n ? n : 1, sizeof(char*));
  t->nCo = 0;
  for(size_t i=0; i<n; i++){
    json_t *jId = json_is_array(aId) && json_array_size(aId)==n ? json_array_get(aId, i) : 0;
    const char *zName = json_string_value(json_array_get(aName, i));
    if( zName==0 ) continue;
    unit_from_entry(jId, zName, aU, nU, &t->aCoId[t->nCo], &t->azCo[t->nCo]);
    t->nCo++;
  }
}

/* Give task t the fields of entry j (task_json() of the task before a
** change): deadline, lead and co units, state and close.  The text stays
** as it is now. */
static void task_undo(Task *t, json_t *j, const Unit *aU, int nU){
  const char *z = json_text(j, "deadline");
  if( date_valid(z) ) memcpy(t->zDeadline, z, 11);
  if( (z = json_text(j, "state"))!=0 ){
    free(t->zState);
    t->zState = xstrdup(z);
  }
  if( json_object_get(j, "closed_at") ){
    z = json_text(j, "closed_at");
    snprintf(t->zClosedAt, sizeof(t->zClosedAt), "%s", z ? z : "");
    free(t->zCloseReason);
    z = json_text(j, "close_reason");
    t->zCloseReason = z ? xstrdup(z) : 0;
  }
  if( json_object_get(j, "lead") || json_object_get(j, "lead_id") ) lead_undo(t, j, aU, nU);
  co_undo(t, j, aU, nU);
}

/* Replace string *pz by member zKey of j when j has it as a string. */
static void text_undo(char **pz, json_t *j, const char *zKey){
  const char *z = json_text(j, zKey);
  if( z==0 ) return;
  free(*pz);
  *pz = xstrdup(z);
}

/* Give target g the fields of entry j (target_json() of the target before
** a change); j NULL (the "before" of target.add): it did not exist. */
static void target_undo(Target *g, json_t *j){
  if( j==0 ){
    g->removed = 1;
    return;
  }
  json_t *v = json_object_get(j, "value");
  if( json_is_number(v) ) g->value = json_number_value(v);
  text_undo(&g->zText, j, "text");
  text_undo(&g->zSubject, j, "subject");
  text_undo(&g->zUnit, j, "unit");
  text_undo(&g->zCmp, j, "cmp");
  text_undo(&g->zStrength, j, "strength");
  json_t *vmax = json_object_get(j, "value_max");
  g->valueMax = json_is_number(vmax) ? json_number_value(vmax) : g->value;
  g->removed = json_is_true(json_object_get(j, "removed"));
}

/* A task id and its index in the array. */
typedef struct TaskAt TaskAt;
struct TaskAt { int id; int i; };

static int taskat_cmp(const void *a, const void *b){
  const TaskAt *x = a, *y = b;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* Drop the targets of t marked removed (they did not exist on the day). */
static void drop_removed(Task *t){
  int k = 0;
  for(int i=0; i<t->nTarget; i++){
    if( t->aTarget[i].removed ) target_clear(&t->aTarget[i]);
    else t->aTarget[k++] = t->aTarget[i];
  }
  t->nTarget = k;
}

/* See ledger_int.h. */
void tasks_rewind(Task *a, int n, const Plan *pl, const char *zAsOf,
                  const Event *aEv, int nEv, const Unit *aU, int nU){
  TaskAt *ax = xmalloc(sizeof(TaskAt)*(size_t)(n ? n : 1));
  for(int i=0; i<n; i++){ ax[i].id = a[i].id; ax[i].i = i; }
  qsort(ax, (size_t)n, sizeof(TaskAt), taskat_cmp);
  for(int k=nEv-1; k>=0; k--){
    const Event *v = &aEv[k];
    TaskAt key = {v->taskId, 0};
    TaskAt *hit = bsearch(&key, ax, (size_t)n, sizeof(TaskAt), taskat_cmp);
    if( hit==0 || v->zObjType==0 ) continue;
    Task *t = &a[hit->i];
    json_t *j = v->zBefore ? json_loads(v->zBefore, 0, 0) : 0;
    if( strcmp(v->zObjType, "task")==0 && v->objId==t->id ){
      if( json_is_object(j) ) task_undo(t, j, aU, nU);
    }else if( strcmp(v->zObjType, "target")==0 && (j==0 || json_is_object(j)) ){
      if( v->zBefore && j==0 ) continue;        /* an entry that is not JSON */
      for(int g=0; g<t->nTarget; g++){
        if( t->aTarget[g].id==v->objId ) target_undo(&t->aTarget[g], j);
      }
    }
    json_decref(j);
  }
  free(ax);
  int published = pl->zPublishedAt[0] && strncmp(pl->zPublishedAt, zAsOf, 10)<=0;
  for(int i=0; i<n; i++){
    Task *t = &a[i];
    drop_removed(t);
    if( !published && t->zState && strcmp(t->zState, "published")==0 ){
      free(t->zState);
      t->zState = xstrdup("draft");
    }
  }
}

/* See ledger_int.h. */
int ledger_rewind(Ledger *p, const Plan *pl, Task *a, int n, const char *zAsOf, Err *e){
  char zFrom[11];
  Event *aEv = 0;
  Unit *aU = 0;
  int nEv = 0, nU = 0;
  days_date(date_days(zAsOf) + 1, zFrom);
  if( store_task_changes(p->s, pl->id, zFrom, &aEv, &nEv, e) ) return -1;
  if( nEv>0 && store_unit_list(p->s, &aU, &nU, e) ){
    event_list_free(aEv, nEv);
    return -1;
  }
  tasks_rewind(a, n, pl, zAsOf, aEv, nEv, aU, nU);
  event_list_free(aEv, nEv);
  unit_list_free(aU, nU);
  return 0;
}
