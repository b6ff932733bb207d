/*
** audit.h -- the append-only audit log.  Every change to the ledger is one
** entry (time, actor, action, object, before/after JSON) that carries the
** hash of the entry before it, so that altering or removing an entry breaks
** the chain at that entry and `luoshi verify` can name it.
**
** The hash of an entry is the SHA-256 (hex) of its canonical form:
**   "luoshi-audit-1\n" then, for each of id, at, actor, action, obj_type,
**   obj_id, task_id, before, after, prev_hash in this order, the field as
**   text written "LEN:TEXT," (LEN its length in bytes in decimal) or "~,"
**   when the field is NULL.  id, obj_id and task_id are decimal integers
**   (task_id 0 is written as NULL).
** The first entry's prev_hash is 64 zeros.
*/
#ifndef LUOSHI_AUDIT_H
#define LUOSHI_AUDIT_H
#include "ledger.h"

/* Append one entry to the log of store s, inside the caller's transaction.
** zBefore/zAfter are JSON texts or NULL.  zAt is the time. */
int audit_record(Store *s, const char *zAt, const char *zActor, const char *zAction,
                 const char *zObjType, long long objId, int taskId,
                 const char *zBefore, const char *zAfter, Err *e);

/* The canonical hash of entry v (its zHash field is not used) into z[65]. */
void audit_hash(const Event *v, char z[65]);

/* Walk the chain of store s; fills *pCheck (badId 0 when sound). */
int audit_verify(Store *s, AuditCheck *pCheck, Err *e);

#endif
