/*
** store.h -- persistence of the ledger.  store.c is the only file with SQL
** in it; nothing above this header knows the store is SQLite, so a
** PostgreSQL store can implement the same functions later.
**
** A Store is one connection.  It is not shared between threads (a web
** server opens one per thread).  Write transactions are taken with
** store_begin() and may nest (inner ones are savepoints).
**
** Every function returns 0 on success, nonzero after setting e.  Functions
** that look one thing up return ERR_NOTFOUND (with a message naming what
** was sought) when it is absent.  Structs filled here own their strings;
** free them with the *_clear / *_list_free functions of ledger.h.
*/
#ifndef LUOSHI_STORE_H
#define LUOSHI_STORE_H
#include "ledger.h"
#include "remind.h"
#include <stddef.h>

/* Open the ledger at zPath.  bCreate: create it (it must not exist yet);
** else it must exist.  Brings the schema up to date (forward migrations);
** WAL, synchronous=FULL, foreign keys, busy timeout. */
int store_open(const char *zPath, int bCreate, Store **pp, Err *e);
void store_close(Store *s);
/* Schema version of the open file (PRAGMA user_version). */
int store_schema_version(Store *s);

/* Transactions.  store_begin takes the write lock at once (BEGIN
** IMMEDIATE) or, inside another, opens a savepoint. */
int store_begin(Store *s, Err *e);
int store_commit(Store *s, Err *e);
void store_rollback(Store *s);
/* Online backup of the whole ledger to zFile. */
int store_backup(Store *s, const char *zFile, Err *e);

/* Settings: apply every stored setting to *p (which holds the defaults). */
int store_settings_load(Store *s, Settings *p, Err *e);
int store_setting_put(Store *s, const char *zName, const char *zValue, Err *e);

/* Units */
int store_unit_insert(Store *s, const Unit *u, int *pId, Err *e);
int store_unit_update(Store *s, const Unit *u, Err *e);
int store_unit_get(Store *s, int id, Unit *u, Err *e);
int store_unit_list(Store *s, Unit **pa, int *pn, Err *e);

/* Users.  *pzHash (caller frees) receives the argon2id hash string. */
int store_user_insert(Store *s, const User *u, const char *zHash, const char *zAt,
                      int *pId, Err *e);
int store_user_by_login(Store *s, const char *zLogin, User *u, char **pzHash, Err *e);
int store_user_list(Store *s, User **pa, int *pn, Err *e);
/* Replace the password hash of user id; ERR_NOTFOUND when there is none. */
int store_user_set_password(Store *s, int id, const char *zHash, Err *e);

/* Plans.  The file bytes and the decoded text are stored verbatim. */
int store_plan_insert(Store *s, const Plan *p, const void *aBytes, size_t nBytes,
                      const char *zText, const char *zExtraction, int *pId, Err *e);
/* id 0: the latest plan. */
int store_plan_get(Store *s, int id, Plan *p, Err *e);
int store_plan_by_sha(Store *s, const char *zSha, Plan *p, Err *e);
int store_plan_list(Store *s, Plan **pa, int *pn, Err *e);
int store_plan_source(Store *s, int id, char **pz, Err *e);
/* Mark plan id published at zAt, and its draft tasks published. */
int store_plan_publish(Store *s, int id, const char *zAt, Err *e);

/* Outline */
int store_node_insert(Store *s, const Node *n, int *pId, Err *e);
int store_node_list(Store *s, int planId, Node **pa, int *pn, Err *e);

/* Tasks, with their co-responsible units and live targets. */
typedef struct TaskQuery TaskQuery;
struct TaskQuery {
  int planId;          /* required */
  int unitId;          /* 0 any; else lead or co-responsible */
  const char *zSeq;    /* NULL any; else this seq and below */
  int bRemoved;        /* 1: also the removed targets (Target.removed 1),
                       ** for rewinding to a past date */
};
int store_task_insert(Store *s, const Task *t, int *pId, Err *e);
/* Write text, deadline, lead, co units, state, close fields, zEdited. */
int store_task_update(Store *s, const Task *t, Err *e);
int store_task_get(Store *s, int id, Task *t, Err *e);
int store_task_by_seq(Store *s, int planId, const char *zSeq, int *pId, Err *e);
int store_task_list(Store *s, const TaskQuery *q, Task **pa, int *pn, Err *e);

/* Targets */
int store_target_insert(Store *s, const Target *t, int *pId, Err *e);
int store_target_update(Store *s, const Target *t, Err *e);
/* Includes removed targets. */
int store_target_get(Store *s, int id, Target *t, Err *e);

/* Reports */
int store_report_insert(Store *s, const Report *r, int *pId, Err *e);
int store_report_review(Store *s, int id, int state, int reviewerId, const char *zAt,
                        const char *zComment, Err *e);
int store_report_get(Store *s, int id, Report *r, Err *e);
/* Reports of task taskId, or (taskId 0) of plan planId; newest first. */
int store_report_list(Store *s, int taskId, int planId, Report **pa, int *pn, Err *e);
int store_evidence_insert(Store *s, int reportId, const char *zName, const char *zSha,
                          const void *a, size_t n, int *pId, Err *e);
/* The bytes of evidence id (caller frees *pa). */
int store_evidence_data(Store *s, int id, Evidence *pEv, void **pa, size_t *pn, Err *e);

/* What the status engine needs of every report of a plan (or one task when
** taskId>0), ordered by task: target ids are left in r.iTarget as the
** target's id (0 for a percent report); the ledger maps them to indexes. */
typedef struct ReportFact ReportFact;
struct ReportFact {
  int taskId;
  int targetId;
  StatusReport r;
};
int store_report_facts(Store *s, int planId, int taskId, ReportFact **pa, int *pn, Err *e);

/* Audit log.  store_event_last: ERR_NOTFOUND when the log is empty. */
int store_event_insert(Store *s, const Event *ev, Err *e);
int store_event_last(Store *s, Event *ev, Err *e);
int store_event_list(Store *s, int taskId, Event **pa, int *pn, Err *e);
/* The entries that changed a task or target of plan planId -- task.edit,
** task.close, target.add, target.edit, target.rm -- recorded at or after
** zFrom (a time or a date "YYYY-MM-DD"), by id, oldest first.  Fast however
** long the log (an index holds only these actions). */
int store_task_changes(Store *s, int planId, const char *zFrom, Event **pa, int *pn, Err *e);
/* Call x on every entry, oldest first; stops when x returns nonzero. */
int store_event_scan(Store *s, int (*x)(const Event*, void*), void *pArg, Err *e);
/* The recorded head of the chain (count and hash of the last entry). */
int store_audit_head(Store *s, long long *pn, char zHash[65], Err *e);

/* Login sessions (the web pages): keyed by the SHA-256 of the cookie. */
int store_session_insert(Store *s, const char *zHash, int userId, const char *zCsrf,
                         const char *zCreated, const char *zExpires, Err *e);
/* The login, form token (into zCsrf[nCsrf]) and expiry of a session. */
int store_session_get(Store *s, const char *zHash, char **pzLogin, char *zCsrf, size_t nCsrf,
                      char zExpires[20], Err *e);
/* Delete session zHash, or (zHash NULL) every session expiring before zBefore. */
int store_session_delete(Store *s, const char *zHash, const char *zBefore, Err *e);
/* Delete every session of user userId; *pn (may be NULL) is how many. */
int store_session_delete_user(Store *s, int userId, int *pn, Err *e);

/* Bearer tokens (the JSON API): keyed by the SHA-256 of the secret. */
typedef struct Token Token;
int store_token_insert(Store *s, int userId, const char *zName, const char *zHash,
                       const char *zAt, int *pId, Err *e);
/* The login of a valid (not revoked) token; ERR_NOTFOUND otherwise. */
int store_token_login(Store *s, const char *zHash, char **pzLogin, Err *e);
int store_token_list(Store *s, Token **pa, int *pn, Err *e);
int store_token_revoke(Store *s, int id, const char *zAt, Err *e);

/* Ids of the tasks of plan planId whose text contains zTerm, in plan order
** (caller frees *paId). */
int store_task_search(Store *s, int planId, const char *zTerm, int **paId, int *pn, Err *e);

/* ---- reminders (remind.c) ---- */

/* The stored value of setting zName into *pz (caller frees; NULL when the
** setting was never stored). */
int store_setting_get(Store *s, const char *zName, char **pz, Err *e);
int store_channel_insert(Store *s, const Channel *c, int *pId, Err *e);
int store_channel_get(Store *s, int id, Channel *c, Err *e);
/* Channels of unit unitId (0: all), active ones unless bAll; the office's
** first, then by unit name and role. */
int store_channel_list(Store *s, int unitId, int bAll, Channel **pa, int *pn, Err *e);
int store_channel_retire(Store *s, int id, Err *e);
/* Insert reminder r as pending (cause, kind, task, unit, who, what, link,
** channel, step, created, next_try) unless one with the same cause,
** channel and step exists; *pNew is 1 when it was inserted. */
int store_reminder_insert(Store *s, const Reminder *r, int *pNew, Err *e);
int store_reminder_exists(Store *s, const char *zCause, int channelId, int step, int *pYes, Err *e);
/* Which reminders store_reminder_list() returns.  Zero fields do not filter. */
typedef struct ReminderQuery ReminderQuery;
struct ReminderQuery {
  int unitId;          /* received by the unit: its contact and head channels */
  int taskId;
  const char *zState;
  const char *zDueBy;  /* next_try at or before this time */
  int limit;           /* 0: no limit */
  int bOldestFirst;    /* by channel, then oldest first (for sending);
                       ** else newest first */
};
int store_reminder_list(Store *s, const ReminderQuery *q, Reminder **pa, int *pn, Err *e);
/* Claim pending reminder id for sending (state sending, next_try zAt);
** *pClaimed is 0 when it was not pending any more (another run has it). */
int store_reminder_claim(Store *s, int id, const char *zAt, int *pClaimed, Err *e);
/* Write the state, tries, next_try, sent_at and result of r. */
int store_reminder_update(Store *s, const Reminder *r, Err *e);

/* Bench support: many inserts go faster inside one transaction. */
int store_task_count(Store *s, int planId, int *pn, Err *e);

#endif
