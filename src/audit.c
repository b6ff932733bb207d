/*
** audit.c -- the hash chain of the audit log (see audit.h).
*/
#include "audit.h"
#include "buf.h"
#include "store.h"
#include <stdio.h>
#include <string.h>

static const char zGenesis[] =
  "0000000000000000000000000000000000000000000000000000000000000000";

/* Append field z to the canonical form in b ("LEN:TEXT," or "~,"). */
static void canon_field(Buf *b, const char *z){
  if( z==0 ){ buf_puts(b, "~,"); return; }
  buf_printf(b, "%zu:", strlen(z));
  buf_puts(b, z);
  buf_putc(b, ',');
}

/* Append integer v as a field ("~," when bNull). */
static void canon_int(Buf *b, long long v, int bNull){
  char z[32];
  snprintf(z, sizeof(z), "%lld", v);
  canon_field(b, bNull ? 0 : z);
}

/* See audit.h. */
void audit_hash(const Event *v, char z[65]){
  Buf b = BUF_INIT;
  buf_puts(&b, "luoshi-audit-1\n");
  canon_int(&b, v->id, 0);
  canon_field(&b, v->zAt);
  canon_field(&b, v->zActor);
  canon_field(&b, v->zAction);
  canon_field(&b, v->zObjType);
  canon_int(&b, v->objId, 0);
  canon_int(&b, v->taskId, v->taskId==0);
  canon_field(&b, v->zBefore);
  canon_field(&b, v->zAfter);
  canon_field(&b, v->zPrevHash);
  sha256_hex(b.a, b.n, z);
  buf_free(&b);
}

/* See audit.h. */
int audit_record(Store *s, const char *zAt, const char *zActor, const char *zAction,
                 const char *zObjType, long long objId, int taskId,
                 const char *zBefore, const char *zAfter, Err *e){
  Event last, v;
  Err e2 = {0};
  memset(&v, 0, sizeof(v));
  if( store_event_last(s, &last, &e2)==0 ){
    v.id = last.id + 1;
    memcpy(v.zPrevHash, last.zHash, sizeof(v.zPrevHash));
    event_clear(&last);
  }else if( e2.code==ERR_NOTFOUND ){
    v.id = 1;
    memcpy(v.zPrevHash, zGenesis, sizeof(v.zPrevHash));
  }else{
    *e = e2;
    return -1;
  }
  snprintf(v.zAt, sizeof(v.zAt), "%s", zAt);
  v.zActor = (char*)zActor;
  v.zAction = (char*)zAction;
  v.zObjType = (char*)zObjType;
  v.objId = objId;
  v.taskId = taskId;
  v.zBefore = (char*)zBefore;
  v.zAfter = (char*)zAfter;
  audit_hash(&v, v.zHash);
  return store_event_insert(s, &v, e);
}

/* State of a walk along the chain. */
typedef struct Walk Walk;
struct Walk {
  AuditCheck *p;       /* the answer being built */
  long long nextId;    /* id the next entry must have */
  char zPrev[65];      /* hash of the last good entry */
};

/* Check one entry; returns 1 (stop) at the first broken one. */
static int walk_one(const Event *v, void *pArg){
  Walk *w = pArg;
  AuditCheck *c = w->p;
  char zHash[65];
  if( v->id != w->nextId ){
    c->badId = w->nextId;
    if( v->id > w->nextId ){
      snprintf(c->zWhy, sizeof(c->zWhy), "entry %lld is missing (removed): the next entry is %lld",
               w->nextId, v->id);
    }else{
      snprintf(c->zWhy, sizeof(c->zWhy), "entry %lld is out of order", v->id);
    }
    return 1;
  }
  audit_hash(v, zHash);
  int bHashOk = strcmp(zHash, v->zHash)==0;
  int bLinkOk = strcmp(v->zPrevHash, w->zPrev)==0;
  if( !bHashOk ){
    c->badId = v->id;
    snprintf(c->zWhy, sizeof(c->zWhy), "entry %lld was altered: its content does not match its hash", v->id);
    return 1;
  }
  if( !bLinkOk ){
    /* This entry is intact, so the one before was rewritten with a new hash. */
    c->badId = v->id - 1;
    snprintf(c->zWhy, sizeof(c->zWhy),
             "entry %lld was altered: entry %lld does not link to it any more", v->id-1, v->id);
    return 1;
  }
  memcpy(w->zPrev, v->zHash, sizeof(w->zPrev));
  w->nextId++;
  c->nEntry++;
  return 0;
}

/* See audit.h. */
int audit_verify(Store *s, AuditCheck *c, Err *e){
  Walk w;
  memset(c, 0, sizeof(*c));
  w.p = c;
  w.nextId = 1;
  memcpy(w.zPrev, zGenesis, sizeof(w.zPrev));
  if( store_event_scan(s, walk_one, &w, e) ) return -1;
  memcpy(c->zHead, w.zPrev, sizeof(c->zHead));
  if( c->badId ) return 0;
  long long nHead;
  char zHead[65];
  if( store_audit_head(s, &nHead, zHead, e) ) return -1;
  if( nHead > c->nEntry ){
    c->badId = c->nEntry + 1;
    snprintf(c->zWhy, sizeof(c->zWhy), "entry %lld is missing (removed): the log ends at %lld of %lld",
             c->nEntry + 1, c->nEntry, nHead);
  }else if( nHead < c->nEntry ){
    c->badId = nHead + 1;
    snprintf(c->zWhy, sizeof(c->zWhy), "entry %lld was added outside luoshi: the recorded log ends at %lld",
             nHead + 1, nHead);
  }else if( nHead==c->nEntry && c->nEntry>0 && strcmp(zHead, c->zHead)!=0 ){
    c->badId = c->nEntry;
    snprintf(c->zWhy, sizeof(c->zWhy), "entry %lld was altered: it is not the recorded head of the log",
             c->nEntry);
  }
  return 0;
}
