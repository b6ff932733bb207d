/*
** auth.c -- permissions and password hashing (see auth.h).
*/
#include "auth.h"
#include <stdio.h>
#include <string.h>

static const char *const azAction[N_ACTION] = {
  "read", "import", "edit", "publish", "report", "review", "close",
  "instruct", "manage users", "manage units", "change settings",
  "export", "back up", "read the audit log", "see the supervision dashboard",
  "change a password",
};

/* See auth.h. */
const char *action_name(Action a){
  return (unsigned)a < N_ACTION ? azAction[a] : "?";
}

/* True when unit id belongs to object o (lead or co-responsible). */
static int owns(int unitId, const AuthObject *o){
  if( unitId==0 || o==0 ) return 0;
  if( o->leadId==unitId ) return 1;
  for(int i=0; i<o->nCo; i++) if( o->aCoId[i]==unitId ) return 1;
  return 0;
}

/* See auth.h.  The whole permission matrix is this function. */
int auth_can(const User *u, Action a, const AuthObject *o){
  Role r = u ? u->role : ROLE_PUBLIC;
  if( r==ROLE_ADMIN ) return 1;
  switch( a ){
    case ACT_READ:
      if( r==ROLE_SUPERVISOR || r==ROLE_LEADER ) return 1;
      if( o==0 ) return 1;                 /* the ledger's public face */
      if( o->published ) return 1;
      return r==ROLE_UNIT && owns(u->unitId, o);
    case ACT_IMPORT: case ACT_EDIT: case ACT_PUBLISH: case ACT_REVIEW:
    case ACT_CLOSE: case ACT_BACKUP:
      return r==ROLE_SUPERVISOR;
    case ACT_REPORT:
      return r==ROLE_UNIT && owns(u->unitId, o);
    case ACT_INSTRUCT:
      return r==ROLE_LEADER;
    case ACT_EXPORT: case ACT_AUDIT: case ACT_SUPERVISE:
      return r==ROLE_SUPERVISOR || r==ROLE_LEADER;
    case ACT_PASSWORD:                     /* one's own; the public has none */
      return r!=ROLE_PUBLIC && u->id!=0 && o && o->userId==u->id;
    case ACT_USERS: case ACT_UNITS: case ACT_SETTINGS:
    default:
      return 0;
  }
}

/* See auth.h. */
int auth_check(const User *u, Action a, const AuthObject *o, Err *e){
  if( auth_can(u, a, o) ) return 0;
  if( u==0 || u->role==ROLE_PUBLIC ){
    return err_set(e, ERR_FORBIDDEN, "the public may not %s: act as a user (--as LOGIN or LUOSHI_USER)",
                   action_name(a));
  }
  if( u->role==ROLE_UNIT && (a==ACT_REPORT || a==ACT_READ) && o ){
    return err_set(e, ERR_FORBIDDEN, "%s (unit %s) may not %s this task: it is not a task of %s",
                   u->zLogin, u->zUnit ? u->zUnit : "-", action_name(a), u->zUnit ? u->zUnit : "that unit");
  }
  if( a==ACT_PASSWORD ){
    return err_set(e, ERR_FORBIDDEN, "%s (%s) may change only their own password",
                   u->zLogin, role_name(u->role));
  }
  return err_set(e, ERR_FORBIDDEN, "%s (%s) may not %s", u->zLogin, role_name(u->role), action_name(a));
}

/* See auth.h. */
AuthObject auth_task(const Task *t, int published){
  AuthObject o;
  o.published = published;
  o.leadId = t->leadId;
  o.aCoId = t->aCoId;
  o.nCo = t->nCo;
  o.userId = 0;
  return o;
}

/* See auth.h. */
int auth_password_long_enough(const char *zPassword){
  return zPassword!=0 && strlen(zPassword)>=AUTH_PASSWORD_MIN;
}

/* See auth.h. */
int auth_hash_password(const char *zPassword, char *z, Err *e){
  if( !auth_password_long_enough(zPassword) ){
    return err_set(e, ERR_INPUT, "the password must have at least %d characters", AUTH_PASSWORD_MIN);
  }
  if( sodium_init()<0 ) return err_set(e, ERR_INTERNAL, "libsodium cannot start");
  if( crypto_pwhash_str_alg(z, zPassword, strlen(zPassword), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13)!=0 ){
    return err_set(e, ERR_INTERNAL, "out of memory hashing the password");
  }
  return 0;
}

/* See auth.h. */
int auth_password_ok(const char *zHash, const char *zPassword){
  if( zHash==0 || zPassword==0 || sodium_init()<0 ) return 0;
  return crypto_pwhash_str_verify(zHash, zPassword, strlen(zPassword))==0;
}
