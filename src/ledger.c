/*
** ledger.c -- opening a ledger, acting users, units, users, plans and the
** import of a work report (see ledger.h).  Tasks and targets are in
** ledger_task.c; reports, status and the audit log in ledger_report.c.
*/
#include "ledger_int.h"
#include "buf.h"
#include "extract.h"
#include "units.h"
#include "xread.h"
#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- small helpers shared by the ledger files ---- */

/* See ledger_int.h. */
int text_id(const char *z){
  if( z==0 || z[0]==0 || strlen(z)>9 ) return 0;
  for(const char *c=z; *c; c++) if( !isdigit((unsigned char)*c) ) return 0;
  return atoi(z);
}

/* See ledger_int.h. */
int text_number(const char *z, double *pv){
  if( z==0 || z[0]==0 || isspace((unsigned char)z[0]) ) return -1;
  char *zEnd = 0;
  double v = strtod(z, &zEnd);
  if( zEnd==z || *zEnd!=0 || !isfinite(v) ) return -1;
  *pv = v;
  return 0;
}

/* See ledger.h. */
void ledger_now(char z[20]){
  time_t t = time(0);
  struct tm tm;
  localtime_r(&t, &tm);
  char zTime[9];
  strftime(zTime, sizeof(zTime), "%H:%M:%S", &tm);
  snprintf(z, 20, "%.10sT%s", today(), zTime);
}

/* See ledger_int.h. */
int ledger_event(Ledger *p, const char *zAction, const char *zType, long long id,
                 int taskId, json_t *before, json_t *after, Err *e){
  char zAt[20];
  ledger_now(zAt);
  char *zBefore = before ? json_dumps(before, JSON_COMPACT | JSON_PRESERVE_ORDER) : 0;
  char *zAfter = after ? json_dumps(after, JSON_COMPACT | JSON_PRESERVE_ORDER) : 0;
  json_decref(before);
  json_decref(after);
  int rc = audit_record(p->s, zAt, p->user.zLogin ? p->user.zLogin : "-", zAction, zType,
                        id, taskId, zBefore, zAfter, e);
  free(zBefore);
  free(zAfter);
  return rc;
}

/* See ledger_int.h. */
int ledger_fail(Ledger *p){
  store_rollback(p->s);
  return -1;
}

/* A JSON string of z, or null (also for text that is not UTF-8). */
static json_t *jstr(const char *z){
  json_t *j = z ? json_string(z) : 0;
  return j ? j : json_null();
}

/* ---- names ---- */

static const char *const azRole[] = {"public", "unit", "leader", "supervisor", "admin"};

/* See ledger.h. */
const char *role_name(Role r){
  return (unsigned)r <= ROLE_ADMIN ? azRole[r] : "?";
}

/* See ledger.h.  "public" is not a role a user can have. */
int role_parse(const char *z){
  for(int i=1; z && i<=ROLE_ADMIN; i++) if( strcmp(z, azRole[i])==0 ) return i;
  return -1;
}

/* ---- freeing ---- */

void unit_clear(Unit *u){
  free(u->zName); free(u->zKind); free(u->zAliases); free(u->zKeywords);
  memset(u, 0, sizeof(*u));
}
void unit_list_free(Unit *a, int n){
  for(int i=0; i<n; i++) unit_clear(&a[i]);
  free(a);
}
void user_clear(User *u){
  free(u->zLogin); free(u->zUnit);
  memset(u, 0, sizeof(*u));
}
void user_list_free(User *a, int n){
  for(int i=0; i<n; i++) user_clear(&a[i]);
  free(a);
}
void plan_clear(Plan *p){
  free(p->zRegion); free(p->zTitle); free(p->zFileName); free(p->zEncoding);
  free(p->zFormat); free(p->zState);
  memset(p, 0, sizeof(*p));
}
void plan_list_free(Plan *a, int n){
  for(int i=0; i<n; i++) plan_clear(&a[i]);
  free(a);
}
void node_list_free(Node *a, int n){
  for(int i=0; i<n; i++){
    free(a[i].zPart); free(a[i].zLabel); free(a[i].zTitle); free(a[i].zSeq);
  }
  free(a);
}
void event_clear(Event *v){
  free(v->zActor); free(v->zAction); free(v->zObjType); free(v->zBefore); free(v->zAfter);
  memset(v, 0, sizeof(*v));
}
void event_list_free(Event *a, int n){
  for(int i=0; i<n; i++) event_clear(&a[i]);
  free(a);
}

/* ---- opening ---- */

/* Insert the built-in unit catalogue. */
static int seed_units(Ledger *p, Err *e){
  for(int i=0; i<nUnitCatalogue; i++){
    const UnitDef *d = &aUnitCatalogue[i];
    Unit u = {0, (char*)d->zName, (char*)d->zKind, (char*)d->zAliases, (char*)d->zKeywords, 1};
    if( store_unit_insert(p->s, &u, 0, e) ) return -1;
  }
  return 0;
}

/* See ledger.h. */
int ledger_create(const char *zPath, const char *zAdmin, const char *zPassword, Err *e){
  char zHash[crypto_pwhash_STRBYTES];
  if( zAdmin==0 || zAdmin[0]==0 ) return err_set(e, ERR_INPUT, "an admin login is needed");
  if( auth_hash_password(zPassword, zHash, e) ) return -1;
  Ledger L;
  memset(&L, 0, sizeof(L));
  if( store_open(zPath, 1, &L.s, e) ) return -1;
  settings_default(&L.set);
  L.user.zLogin = (char*)zAdmin;
  L.user.role = ROLE_ADMIN;
  char zAt[20];
  ledger_now(zAt);
  if( store_begin(L.s, e) ) goto fail;
  for(int i=0; azSettingName[i]; i++){
    char zVal[32];
    settings_get(&L.set, azSettingName[i], zVal);
    if( store_setting_put(L.s, azSettingName[i], zVal, e) ) goto fail_tx;
  }
  if( seed_units(&L, e) ) goto fail_tx;
  User u = {0, (char*)zAdmin, ROLE_ADMIN, 0, 0};
  int id;
  if( store_user_insert(L.s, &u, zHash, zAt, &id, e) ) goto fail_tx;
  if( ledger_event(&L, "ledger.init", "ledger", 0, 0, 0,
                   json_pack("{s:i, s:i}", "schema", store_schema_version(L.s), "units", nUnitCatalogue), e) ) goto fail_tx;
  if( ledger_event(&L, "user.add", "user", id, 0, 0,
                   json_pack("{s:s, s:s}", "login", zAdmin, "role", "admin"), e) ) goto fail_tx;
  if( store_commit(L.s, e) ) goto fail;
  store_close(L.s);
  return 0;
fail_tx:
  store_rollback(L.s);
fail:
  store_close(L.s);
  remove(zPath);
  char zSide[4096];
  snprintf(zSide, sizeof(zSide), "%s-wal", zPath); remove(zSide);
  snprintf(zSide, sizeof(zSide), "%s-shm", zPath); remove(zSide);
  return -1;
}

/* See ledger.h. */
int ledger_open(const char *zPath, Ledger **pp, Err *e){
  Ledger *p = xcalloc(1, sizeof(*p));
  *pp = 0;
  if( store_open(zPath, 0, &p->s, e) ){
    free(p);
    return -1;
  }
  settings_default(&p->set);
  if( store_settings_load(p->s, &p->set, e) ){
    ledger_close(p);
    return -1;
  }
  p->user.zLogin = xstrdup("-");
  *pp = p;
  return 0;
}

/* See ledger.h. */
void ledger_close(Ledger *p){
  if( p==0 ) return;
  store_close(p->s);
  user_clear(&p->user);
  free(p);
}

/* See ledger.h. */
int ledger_act_as(Ledger *p, const char *zLogin, Err *e){
  User u;
  if( zLogin==0 || zLogin[0]==0 ){
    user_clear(&p->user);
    p->user.zLogin = xstrdup("-");
    return 0;
  }
  Err e2 = {0};
  if( store_user_by_login(p->s, zLogin, &u, 0, &e2) ){
    if( e2.code==ERR_NOTFOUND ) return err_set(e, ERR_AUTH, "no user %s (see luoshi user list)", zLogin);
    *e = e2;
    return -1;
  }
  user_clear(&p->user);
  p->user = u;
  return 0;
}

/* ---- logins ---- */

/* Failed logins recorded per clock hour by one process, beyond the web
** layer's throttling (which already keeps a throttled attempt from reaching
** ledger_login): many addresses guessing many accounts cannot fill the log
** faster than this. */
#define LOGIN_FAILED_PER_HOUR 200

static pthread_mutex_t loginMutex = PTHREAD_MUTEX_INITIALIZER;
static long loginHour = -1;     /* the hour counted (time()/3600) */
static int nLoginFailed;        /* failed logins recorded in it */

/* See ledger.h. */
char *login_as_typed(const char *z){
  Buf b = BUF_INIT;
  size_t n = z ? strlen(z) : 0, i = 0;
  for(int nChar=0; i<n && nChar<LOGIN_TYPED_MAX; nChar++){
    unsigned cp;
    int len = utf8_decode((const unsigned char*)z+i, n-i, &cp);
    if( len==0 ){ cp = 0xFFFD; len = 1; }
    buf_put_cp(&b, cp);
    i += (size_t)len;
  }
  return buf_detach(&b);
}

/* Whether one more failed login may be recorded this hour; counts it when
** so.  *pbLast is set when it is the last one the hour allows. */
static int login_failed_room(int *pbLast){
  long hour = (long)(time(0)/3600);
  pthread_mutex_lock(&loginMutex);
  if( hour!=loginHour ){ loginHour = hour; nLoginFailed = 0; }
  int ok = nLoginFailed < LOGIN_FAILED_PER_HOUR;
  if( ok ) nLoginFailed++;
  *pbLast = nLoginFailed==LOGIN_FAILED_PER_HOUR;
  pthread_mutex_unlock(&loginMutex);
  return ok;
}

/* Record login event zAction (about user id, 0 for none) by zActor in its
** own transaction.  Steals after. */
static int login_event(Ledger *p, const char *zAction, const char *zActor, long long id,
                       json_t *after, Err *e){
  char zAt[20];
  ledger_now(zAt);
  char *zAfter = json_dumps(after, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(after);
  int rc = zAfter ? store_begin(p->s, e) : err_set(e, ERR_INTERNAL, "cannot write the login event");
  if( rc==0 ){
    rc = audit_record(p->s, zAt, zActor, zAction, "user", id, 0, 0, zAfter, e);
    if( rc ) store_rollback(p->s);
    else rc = store_commit(p->s, e);
  }
  free(zAfter);
  return rc;
}

/* A wrong login or password: recorded as user.login_failed (the login as
** typed, never the password; userId 0 when there is no such account) unless
** this hour's room is used up.  Returns the ERR_AUTH error. */
static int login_failed(Ledger *p, const char *zLogin, int userId, Err *e){
  int bLast;
  if( login_failed_room(&bLast) ){
    char *zTyped = login_as_typed(zLogin);
    json_t *j = json_pack("{s:s}", "login", zTyped);
    if( bLast ) json_object_set_new(j, "cap_reached", json_integer(LOGIN_FAILED_PER_HOUR));
    Err e2 = {0};
    login_event(p, "user.login_failed", "-", userId, j, &e2);   /* the answer stays "wrong" */
    free(zTyped);
  }
  return err_set(e, ERR_AUTH, "wrong login or password");
}

/* See ledger.h.  Every success is recorded as user.login (a login that
** cannot be recorded is refused); failures as login_failed() says. */
int ledger_login(Ledger *p, const char *zLogin, const char *zPassword, Err *e){
  User u;
  char *zHash = 0;
  Err e2 = {0};
  if( zLogin==0 ) zLogin = "";
  if( store_user_by_login(p->s, zLogin, &u, &zHash, &e2) ){
    if( e2.code==ERR_INTERNAL ){ *e = e2; return -1; }
    return login_failed(p, zLogin, 0, e);
  }
  int ok = auth_password_ok(zHash, zPassword);
  free(zHash);
  if( !ok ){
    int rc = login_failed(p, zLogin, u.id, e);
    user_clear(&u);
    return rc;
  }
  if( login_event(p, "user.login", u.zLogin, u.id, json_pack("{s:s}", "login", u.zLogin), e) ){
    user_clear(&u);
    return -1;
  }
  user_clear(&p->user);
  p->user = u;
  return 0;
}

const User *ledger_user(Ledger *p){ return &p->user; }
const Settings *ledger_settings(Ledger *p){ return &p->set; }
Store *ledger_store(Ledger *p){ return p->s; }

/* ---- units ---- */

/* See ledger.h. */
int ledger_unit_list(Ledger *p, Unit **pa, int *pn, Err *e){
  return store_unit_list(p->s, pa, pn, e);
}

/* See ledger.h. */
int ledger_unit_find(Ledger *p, const char *z, Unit *pUnit, Err *e){
  memset(pUnit, 0, sizeof(*pUnit));
  if( z==0 || z[0]==0 ) return err_set(e, ERR_INPUT, "a unit name is needed");
  int id = text_id(z);
  if( id ){
    Err e2 = {0};
    if( store_unit_get(p->s, id, pUnit, &e2)==0 ) return 0;
    if( e2.code!=ERR_NOTFOUND ){ *e = e2; return -1; }
    return err_set(e, ERR_NOTFOUND, "unknown unit %s (see luoshi unit list)", z);
  }
  Unit *a;
  int n;
  if( store_unit_list(p->s, &a, &n, e) ) return -1;
  int hit = -1;
  for(int i=0; i<n && hit<0; i++) if( a[i].zName && strcmp(a[i].zName, z)==0 ) hit = i;
  for(int i=0; i<n && hit<0; i++) if( unit_named(&a[i], z) ) hit = i;
  if( hit>=0 ){
    *pUnit = a[hit];
    memset(&a[hit], 0, sizeof(Unit));
  }
  unit_list_free(a, n);
  if( hit<0 ) return err_set(e, ERR_NOTFOUND, "unknown unit %s (see luoshi unit list)", z);
  return 0;
}

/* Unit u as JSON for the audit log. */
static json_t *unit_json(const Unit *u){
  return json_pack("{s:o, s:o, s:o, s:o, s:b}", "name", jstr(u->zName), "kind", jstr(u->zKind),
                   "aliases", jstr(u->zAliases), "keywords", jstr(u->zKeywords), "active", u->active);
}

/* True when z is a kind of unit. */
static int kind_valid(const char *z){
  return z && (strcmp(z, "department")==0 || strcmp(z, "town")==0 || strcmp(z, "upper")==0
               || strcmp(z, "other")==0);
}

/* See ledger.h. */
int ledger_unit_add(Ledger *p, const Unit *pNew, int *pId, Err *e){
  if( auth_check(&p->user, ACT_UNITS, 0, e) ) return -1;
  if( pNew->zName==0 || pNew->zName[0]==0 ) return err_set(e, ERR_INPUT, "a unit needs a name");
  if( pNew->zKind && !kind_valid(pNew->zKind) ){
    return err_set(e, ERR_INPUT, "--kind %s: want department, town, upper or other", pNew->zKind);
  }
  Unit old;
  Err e2 = {0};
  if( ledger_unit_find(p, pNew->zName, &old, &e2)==0 ){
    int rc = err_set(e, ERR_CONFLICT, "unit %s already exists (id %d, %s)", pNew->zName, old.id, old.zName);
    unit_clear(&old);
    return rc;
  }
  Unit u = *pNew;
  int id = 0;
  u.active = 1;
  if( !u.zKind ) u.zKind = "department";
  if( store_begin(p->s, e) ) return -1;
  if( store_unit_insert(p->s, &u, &id, e)
   || ledger_event(p, "unit.add", "unit", id, 0, 0, unit_json(&u), e) ) return ledger_fail(p);
  if( store_commit(p->s, e) ) return -1;
  if( pId ) *pId = id;
  return 0;
}

/* See ledger.h. */
int ledger_unit_edit(Ledger *p, const char *zUnit, const Unit *pNew, Err *e){
  if( auth_check(&p->user, ACT_UNITS, 0, e) ) return -1;
  if( pNew->zKind && !kind_valid(pNew->zKind) ){
    return err_set(e, ERR_INPUT, "--kind %s: want department, town, upper or other", pNew->zKind);
  }
  Unit u;
  if( ledger_unit_find(p, zUnit, &u, e) ) return -1;
  if( pNew->zName && pNew->zName[0]==0 ){
    unit_clear(&u);
    return err_set(e, ERR_INPUT, "a unit's name cannot be empty");
  }
  if( pNew->zName && strcmp(pNew->zName, u.zName)!=0 ){
    Unit other;
    Err e2 = {0};
    if( ledger_unit_find(p, pNew->zName, &other, &e2)==0 ){
      int same = other.id==u.id;
      unit_clear(&other);
      if( !same ){
        unit_clear(&u);
        return err_set(e, ERR_CONFLICT, "another unit is already called %s", pNew->zName);
      }
    }
  }
  json_t *before = unit_json(&u);
  Unit v = u;
  if( pNew->zName ) v.zName = pNew->zName;
  if( pNew->zKind ) v.zKind = pNew->zKind;
  if( pNew->zAliases ) v.zAliases = pNew->zAliases;
  if( pNew->zKeywords ) v.zKeywords = pNew->zKeywords;
  if( pNew->active>=0 ) v.active = pNew->active ? 1 : 0;
  int rc = -1;
  if( store_begin(p->s, e)==0 ){
    if( ledger_event(p, "unit.edit", "unit", u.id, 0, before, unit_json(&v), e) || store_unit_update(p->s, &v, e) ){
      before = 0;
      ledger_fail(p);
    }else{
      before = 0;
      rc = store_commit(p->s, e);
    }
  }
  json_decref(before);
  unit_clear(&u);
  return rc;
}

/* ---- users ---- */

/* True when z is a usable login: 1-64 of A-Z a-z 0-9 . _ - */
static int login_valid(const char *z){
  size_t n = z ? strlen(z) : 0;
  if( n==0 || n>64 ) return 0;
  for(size_t i=0; i<n; i++){
    if( !isalnum((unsigned char)z[i]) && z[i]!='.' && z[i]!='_' && z[i]!='-' ) return 0;
  }
  return 1;
}

/* See ledger.h. */
int ledger_user_add(Ledger *p, const char *zLogin, Role role, const char *zUnit,
                    const char *zPassword, Err *e){
  if( auth_check(&p->user, ACT_USERS, 0, e) ) return -1;
  if( !login_valid(zLogin) ){
    return err_set(e, ERR_INPUT, "login \"%s\": use 1 to 64 letters, digits, '.', '_' or '-'", zLogin ? zLogin : "");
  }
  if( role<ROLE_UNIT || role>ROLE_ADMIN ) return err_set(e, ERR_INPUT, "unknown role");
  if( role==ROLE_UNIT && (zUnit==0 || zUnit[0]==0) ){
    return err_set(e, ERR_INPUT, "a unit user needs --unit UNIT");
  }
  if( role!=ROLE_UNIT && zUnit ){
    return err_set(e, ERR_INPUT, "--unit is only for users with the role unit");
  }
  User old;
  Err e2 = {0};
  if( store_user_by_login(p->s, zLogin, &old, 0, &e2)==0 ){
    user_clear(&old);
    return err_set(e, ERR_CONFLICT, "user %s already exists", zLogin);
  }
  Unit unit = {0};
  if( zUnit && ledger_unit_find(p, zUnit, &unit, e) ) return -1;
  char zHash[crypto_pwhash_STRBYTES];
  if( auth_hash_password(zPassword, zHash, e) ){
    unit_clear(&unit);
    return -1;
  }
  User u = {0, (char*)zLogin, role, unit.id, unit.zName};
  char zAt[20];
  int id, rc = -1;
  ledger_now(zAt);
  if( store_begin(p->s, e)==0 ){
    if( store_user_insert(p->s, &u, zHash, zAt, &id, e)
     || ledger_event(p, "user.add", "user", id, 0, 0,
                     json_pack("{s:s, s:s, s:o}", "login", zLogin, "role", role_name(role),
                               "unit", jstr(unit.zName)), e) ){
      ledger_fail(p);
    }else{
      rc = store_commit(p->s, e);
    }
  }
  sodium_memzero(zHash, sizeof(zHash));
  unit_clear(&unit);
  return rc;
}

/* See ledger.h. */
int ledger_user_list(Ledger *p, User **pa, int *pn, Err *e){
  *pa = 0;
  *pn = 0;
  if( auth_check(&p->user, ACT_USERS, 0, e) ) return -1;
  return store_user_list(p->s, pa, pn, e);
}

/* See ledger.h. */
int ledger_login_valid(const char *zLogin){
  return login_valid(zLogin);
}

/* See ledger.h. */
int ledger_user_password(Ledger *p, const char *zLogin, const char *zNewPassword, Err *e){
  AuthObject o = {0, 0, 0, 0, 0};
  if( p->user.id==0 ) return auth_check(&p->user, ACT_PASSWORD, &o, e);
  User u;
  Err e2 = {0};
  if( store_user_by_login(p->s, zLogin ? zLogin : "", &u, 0, &e2) ){
    if( e2.code!=ERR_NOTFOUND ){ *e = e2; return -1; }
    /* only those who may change anyone's password learn who does not exist */
    o.userId = -1;
    if( auth_check(&p->user, ACT_PASSWORD, &o, e) ) return -1;
    return err_set(e, ERR_NOTFOUND, "no user %s (see luoshi user list)", zLogin ? zLogin : "");
  }
  o.userId = u.id;
  char zHash[crypto_pwhash_STRBYTES];
  if( auth_check(&p->user, ACT_PASSWORD, &o, e) || auth_hash_password(zNewPassword, zHash, e) ){
    user_clear(&u);
    return -1;
  }
  int own = u.id==p->user.id, nEnded = 0, rc = -1;
  if( store_begin(p->s, e)==0 ){
    if( store_user_set_password(p->s, u.id, zHash, e)
     || store_session_delete_user(p->s, u.id, &nEnded, e)
     || ledger_event(p, "user.password", "user", u.id, 0, 0,
                     json_pack("{s:s, s:s, s:i}", "login", u.zLogin, "by", own ? "self" : "admin",
                               "sessions_ended", nEnded), e) ){
      ledger_fail(p);
    }else{
      rc = store_commit(p->s, e);
    }
  }
  sodium_memzero(zHash, sizeof(zHash));
  user_clear(&u);
  return rc;
}

/* See ledger.h. */
int ledger_user_password_ok(Ledger *p, const char *zPassword){
  User u;
  char *zHash = 0;
  Err e2 = {0};
  if( p->user.id==0 || store_user_by_login(p->s, p->user.zLogin, &u, &zHash, &e2) ) return 0;
  int ok = u.id==p->user.id && auth_password_ok(zHash, zPassword);
  free(zHash);
  user_clear(&u);
  return ok;
}

/* ---- plans ---- */

/* True when the acting user may see plan pl at all. */
static int plan_visible(Ledger *p, const Plan *pl){
  AuthObject o = {strcmp(pl->zState, "published")==0, 0, 0, 0, 0};
  /* a unit user sees a draft plan (for its own tasks) */
  return auth_can(&p->user, ACT_READ, &o) || p->user.role==ROLE_UNIT;
}

/* See ledger.h. */
int ledger_plan_list(Ledger *p, Plan **pa, int *pn, Err *e){
  Plan *a;
  int n, k = 0;
  if( store_plan_list(p->s, &a, &n, e) ) return -1;
  for(int i=0; i<n; i++){
    if( plan_visible(p, &a[i]) ) a[k++] = a[i];
    else plan_clear(&a[i]);
  }
  *pa = a;
  *pn = k;
  return 0;
}

/* See ledger.h. */
int ledger_plan_get(Ledger *p, int id, Plan *pPlan, Err *e){
  if( store_plan_get(p->s, id, pPlan, e) ) return -1;
  if( !plan_visible(p, pPlan) ){
    plan_clear(pPlan);
    if( id==0 ){
      /* the latest is a draft the user may not see: the newest they may */
      Plan *a;
      int n, hit = -1;
      if( store_plan_list(p->s, &a, &n, e) ) return -1;
      for(int i=0; i<n && hit<0; i++) if( plan_visible(p, &a[i]) ) hit = i;
      if( hit>=0 ){
        *pPlan = a[hit];
        memset(&a[hit], 0, sizeof(Plan));
      }
      plan_list_free(a, n);
      if( hit>=0 ) return 0;
    }
    return err_set(e, ERR_NOTFOUND, id ? "no plan %d" : "no published plan yet", id);
  }
  return 0;
}

/* See ledger.h. */
int ledger_plan_source(Ledger *p, int id, char **pz, Err *e){
  Plan pl;
  *pz = 0;
  if( ledger_plan_get(p, id, &pl, e) ) return -1;
  int rc = store_plan_source(p->s, pl.id, pz, e);
  plan_clear(&pl);
  return rc;
}

/* See ledger.h. */
int ledger_node_list(Ledger *p, int planId, Node **pa, int *pn, Err *e){
  Plan pl;
  *pa = 0;
  *pn = 0;
  if( ledger_plan_get(p, planId, &pl, e) ) return -1;
  int rc = store_node_list(p->s, pl.id, pa, pn, e);
  plan_clear(&pl);
  return rc;
}

/* See ledger.h. */
int ledger_plan_publish(Ledger *p, int id, Err *e){
  Plan pl;
  if( auth_check(&p->user, ACT_PUBLISH, 0, e) ) return -1;
  if( store_plan_get(p->s, id, &pl, e) ) return -1;
  if( strcmp(pl.zState, "published")==0 ){
    int rc = err_set(e, ERR_CONFLICT, "plan %d was already published on %.10s", pl.id, pl.zPublishedAt);
    plan_clear(&pl);
    return rc;
  }
  char zAt[20];
  ledger_now(zAt);
  int rc = -1;
  if( store_begin(p->s, e)==0 ){
    if( store_plan_publish(p->s, pl.id, zAt, e)
     || ledger_event(p, "plan.publish", "plan", pl.id, 0, json_pack("{s:s}", "state", "draft"),
                     json_pack("{s:s, s:i}", "state", "published", "tasks", pl.nTask), e) ){
      ledger_fail(p);
    }else{
      rc = store_commit(p->s, e);
    }
  }
  plan_clear(&pl);
  return rc;
}

/* ---- import ---- */

/* The number a heading label stands for ("（五）" 5, "一是" 1, "12." 12,
** "第十一" 11), or 0 when it has none. */
static int label_number(const char *z){
  static const char *azDigit[] = {"零","一","二","三","四","五","六","七","八","九"};
  int value = 0, cur = 0, seen = 0;
  while( *z ){
    if( isdigit((unsigned char)*z) ){
      int v = 0;
      while( isdigit((unsigned char)*z) && v<100000 ) v = v*10 + (*z++ - '0');
      return v;
    }
    int k = -1;
    for(int i=0; i<10; i++) if( strncmp(z, azDigit[i], 3)==0 ) k = i;
    if( strncmp(z, "〇", 3)==0 ) k = 0;
    if( strncmp(z, "两", 3)==0 ) k = 2;
    if( k>=0 ){ cur = k; seen = 1; z += 3; continue; }
    if( strncmp(z, "十", 3)==0 ){ value += (cur ? cur : 1) * 10; cur = 0; seen = 1; z += 3; continue; }
    if( strncmp(z, "百", 3)==0 ){ value += cur * 100; cur = 0; seen = 1; z += 3; continue; }
    if( seen ) break;
    z += ((unsigned char)*z >= 0xC0) ? ((unsigned char)*z >= 0xF0 ? 4 : (unsigned char)*z >= 0xE0 ? 3 : 2) : 1;
  }
  return value + cur;
}

/* The index of the outermost numbered heading (level>0) above node i, or
** -1 when i is not under one. */
static int top_numbered(const Extraction *x, int i){
  int top = -1;
  for(int k=0; i>=0 && k<x->nNode; k++){
    if( x->aNode[i].level>0 ) top = i;
    int up = x->aNode[i].iParent;
    i = up<i ? up : -1;
  }
  return top;
}

/* Fill azSeq[i] (new strings) with the sequence numbers of the nodes of x:
** the numbers of the headings from the top, part titles (level 0) left
** out; a part title's own seq is "".  When every task lies under one and
** the same numbered heading that has headings below it ("二、2026年工作安
** 排"), that heading counts as the part title, so that the plan's own
** headings number from 1. */
static void node_seqs(const Extraction *x, char **azSeq){
  int top = -2;
  for(int t=0; t<x->nTask && top!=-1; t++){
    int k = x->aTask[t].iNode>=0 && x->aTask[t].iNode<x->nNode ? top_numbered(x, x->aTask[t].iNode) : -1;
    if( top==-2 ) top = k;
    else if( k!=top ) top = -1;
  }
  if( top>=0 ){
    int hasChild = 0;
    for(int i=0; i<x->nNode; i++) if( x->aNode[i].iParent==top ) hasChild = 1;
    if( !hasChild ) top = -1;
  }
  for(int i=0; i<x->nNode; i++){
    const XNode *n = &x->aNode[i];
    if( n->level==0 || i==top ){ azSeq[i] = xstrdup(""); continue; }
    int num = label_number(n->zLabel ? n->zLabel : "");
    if( num<=0 ){
      num = 1;
      for(int j=0; j<i; j++) if( x->aNode[j].iParent==n->iParent && x->aNode[j].level>0 ) num++;
    }
    const char *zUp = n->iParent>=0 && n->iParent<i ? azSeq[n->iParent] : "";
    azSeq[i] = zUp[0] ? xprintf("%s.%d", zUp, num) : xprintf("%d", num);
  }
}

/* The outermost unnumbered part title (level 0) above or at node i, or -1. */
static int part_root(const Extraction *x, int i){
  int root = -1;
  for(int k=0; i>=0 && k<x->nNode; k++){
    if( x->aNode[i].level==0 ) root = i;
    int up = x->aNode[i].iParent;
    i = up<i ? up : -1;
  }
  return root;
}

/* Prefix the seqs of the nodes of x so that parts do not collide: the
** tasks of the first part that has any keep plain numbers ("5.2.3"); each
** further part with tasks (an annex such as 十件民生实事) gets a letter,
** A, B, ... ("A3.1").  Fills azPrefix[i] (static strings) per node and
** *pzNone for tasks outside every node. */
static void part_prefixes(const Extraction *x, char **azSeq, const char **azPrefix,
                          const char **pzNone){
  static const char *azLetter[] = {"A","B","C","D","E","F","G","H","I","J","K","L","M",
                                   "N","O","P","Q","R","S","T","U","V","W","X","Y","Z"};
  int *aRootOf = xmalloc(sizeof(int)*(size_t)(x->nNode+1));
  const char **azOfRoot = xcalloc((size_t)(x->nNode+1), sizeof(char*)); /* [nNode]: no part */
  int nGroup = 0;
  for(int i=0; i<x->nNode; i++) aRootOf[i] = part_root(x, i);
  for(int t=0; t<x->nTask; t++){
    int iNode = x->aTask[t].iNode;
    int r = iNode>=0 && iNode<x->nNode ? aRootOf[iNode] : -1;
    int slot = r>=0 ? r : x->nNode;
    if( azOfRoot[slot] ) continue;
    azOfRoot[slot] = nGroup==0 ? "" : azLetter[(nGroup-1) % 26];
    nGroup++;
  }
  for(int i=0; i<x->nNode; i++){
    int slot = aRootOf[i]>=0 ? aRootOf[i] : x->nNode;
    azPrefix[i] = azOfRoot[slot] ? azOfRoot[slot] : "";
    if( azPrefix[i][0] && x->aNode[i].level==0 && aRootOf[i]==i ){
      free(azSeq[i]);
      azSeq[i] = xstrdup(azPrefix[i]);     /* the part title itself: "A" */
    }else if( azPrefix[i][0] && azSeq[i][0] ){
      char *z = xprintf("%s%s", azPrefix[i], azSeq[i]);
      free(azSeq[i]);
      azSeq[i] = z;
    }
  }
  *pzNone = azOfRoot[x->nNode] ? azOfRoot[x->nNode] : "";
  free(aRootOf);
  free(azOfRoot);
}

/* Index in *paUnit of a unit named z; creates it (kind "other") in the
** store when unknown, with an audit event.  -1 on error. */
static int unit_for_name(Ledger *p, Unit **paUnit, int *pnUnit, const char *z, int taskOrd, Err *e){
  for(int i=0; i<*pnUnit; i++) if( (*paUnit)[i].zName && strcmp((*paUnit)[i].zName, z)==0 ) return i;
  for(int i=0; i<*pnUnit; i++) if( unit_named(&(*paUnit)[i], z) ) return i;
  Unit u = {0, (char*)z, "other", "", "", 1};
  int id;
  if( store_unit_insert(p->s, &u, &id, e) ) return -1;
  if( ledger_event(p, "unit.add", "unit", id, 0, 0,
                   json_pack("{s:s, s:s, s:s, s:i}", "name", z, "kind", "other",
                             "why", "named in the text of a task", "task_ord", taskOrd), e) ) return -1;
  *paUnit = xrealloc(*paUnit, sizeof(Unit)*(size_t)(*pnUnit+1));
  Unit *n = &(*paUnit)[(*pnUnit)++];
  memset(n, 0, sizeof(*n));
  n->id = id;
  n->zName = xstrdup(z);
  n->zKind = xstrdup("other");
  n->zAliases = xstrdup("");
  n->zKeywords = xstrdup("");
  n->active = 1;
  return *pnUnit - 1;
}

/* Add unit id to t's co units unless it leads or is there already. */
static void add_co(Task *t, int id, const char *zName){
  if( id==t->leadId ) return;
  for(int i=0; i<t->nCo; i++) if( t->aCoId[i]==id ) return;
  t->aCoId = xrealloc(t->aCoId, sizeof(int)*(size_t)(t->nCo+1));
  t->azCo = xrealloc(t->azCo, sizeof(char*)*(size_t)(t->nCo+1));
  t->aCoId[t->nCo] = id;
  t->azCo[t->nCo] = xstrdup(zName);
  t->nCo++;
}

/* Decide the lead and co units of task t (text zText, units named by the
** extractor azDept) and say where they came from: "text" (named in the
** sentence), "extractor", "keywords" or "none". */
static int assign_units(Ledger *p, Unit **paUnit, int *pnUnit, Task *t, char **azDept,
                        int nDept, const char **pzFrom, Err *e){
  char **azLead, **azCo;
  int nLead, nCo, rc = 0;
  units_explicit(t->zText, &azLead, &nLead, &azCo, &nCo);
  *pzFrom = "none";
  if( nLead + nCo == 0 && nDept>0 ){
    azLead = xmalloc(sizeof(char*));
    azLead[0] = xstrdup(azDept[0]);
    nLead = 1;
    for(int i=1; i<nDept; i++){
      azCo = xrealloc(azCo, sizeof(char*)*(size_t)(nCo+1));
      azCo[nCo++] = xstrdup(azDept[i]);
    }
    *pzFrom = "extractor";
  }else if( nLead + nCo > 0 ){
    *pzFrom = "text";
  }
  for(int i=0; i<nLead+nCo && rc==0; i++){
    const char *z = i<nLead ? azLead[i] : azCo[i-nLead];
    int k = unit_for_name(p, paUnit, pnUnit, z, t->ord, e);
    if( k<0 ){ rc = -1; break; }
    Unit *u = &(*paUnit)[k];
    if( t->leadId==0 ){
      t->leadId = u->id;
      t->zLead = xstrdup(u->zName);
    }else{
      add_co(t, u->id, u->zName);
    }
  }
  list_free(azLead, nLead);
  list_free(azCo, nCo);
  if( rc || t->leadId ) return rc;
  int iLead, aCo[3], nSug;
  units_suggest(*paUnit, *pnUnit, t->zText, &iLead, aCo, &nSug, 2);
  if( iLead>=0 ){
    *pzFrom = "keywords";
    t->leadId = (*paUnit)[iLead].id;
    t->zLead = xstrdup((*paUnit)[iLead].zName);
    for(int i=0; i<nSug; i++) add_co(t, (*paUnit)[aCo[i]].id, (*paUnit)[aCo[i]].zName);
  }
  return 0;
}

/* The machine's proposal for task t (as imported) as JSON text. */
static char *machine_json(const Task *t, const char *zFrom){
  json_t *aCo = json_array();
  for(int i=0; i<t->nCo; i++) json_array_append_new(aCo, jstr(t->azCo[i]));
  json_t *j = json_pack("{s:o, s:s, s:o, s:o, s:o, s:s}", "text", jstr(t->zText),
                        "deadline", t->zDeadline, "deadline_text", jstr(t->zDeadlineText),
                        "lead", jstr(t->zLead), "co", aCo, "units_from", zFrom);
  char *z = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(j);
  return z;
}

/* Store the outline and tasks of x as plan planId. */
static int import_items(Ledger *p, int planId, int year, const Extraction *x,
                        int *pnTask, Err *e){
  char **azSeq = xcalloc((size_t)(x->nNode ? x->nNode : 1), sizeof(char*));
  int *aNodeId = xcalloc((size_t)(x->nNode ? x->nNode : 1), sizeof(int));
  int *aTaskNo = xcalloc((size_t)(x->nNode+1), sizeof(int));  /* tasks so far per node; [nNode] for none */
  Unit *aUnit = 0;
  int nUnit = 0, rc = -1;
  const char **azPrefix = xcalloc((size_t)(x->nNode ? x->nNode : 1), sizeof(char*));
  const char *zNonePrefix;
  int *aHasChild = xcalloc((size_t)(x->nNode ? x->nNode : 1), sizeof(int));
  node_seqs(x, azSeq);
  part_prefixes(x, azSeq, azPrefix, &zNonePrefix);
  for(int i=0; i<x->nNode; i++){
    int up = x->aNode[i].iParent;
    if( up>=0 && up<i ) aHasChild[up] = 1;
  }
  if( store_unit_list(p->s, &aUnit, &nUnit, e) ) goto done;
  for(int i=0; i<x->nNode; i++){
    const XNode *xn = &x->aNode[i];
    static const char *azPart[] = {"none", "review", "plan", "other"};
    Node n = {0, planId, xn->iParent>=0 && xn->iParent<i ? aNodeId[xn->iParent] : 0, xn->level,
              (char*)azPart[xn->partKind & 3], xn->zLabel, xn->zTitle, azSeq[i],
              xn->span.iStart, xn->span.iEnd, xn->inferred};
    if( store_node_insert(p->s, &n, &aNodeId[i], e) ) goto done;
  }
  for(int i=0; i<x->nTask; i++){
    const XTask *xt = &x->aTask[i];
    int iNode = xt->iNode>=0 && xt->iNode<x->nNode ? xt->iNode : -1;
    Task t;
    memset(&t, 0, sizeof(t));
    t.planId = planId;
    t.nodeId = iNode>=0 ? aNodeId[iNode] : 0;
    t.ord = i+1;
    int k = ++aTaskNo[iNode>=0 ? iNode : x->nNode];
    /* tasks of a heading that also has headings below it count as its
    ** part 0 ("2.0.3"), so they never share a number with a heading */
    const char *zUp = iNode>=0 ? azSeq[iNode] : "";
    const char *zPre = iNode>=0 ? azPrefix[iNode] : zNonePrefix;
    if( zUp[0]==0 || strcmp(zUp, zPre)==0 ) t.zSeq = xprintf("%s0.%d", zPre, k);
    else if( aHasChild[iNode] ) t.zSeq = xprintf("%s.0.%d", zUp, k);
    else t.zSeq = xprintf("%s.%d", zUp, k);
    t.zText = xt->zText ? xt->zText : "";
    t.iStart = xt->span.iStart;
    t.iEnd = xt->span.iEnd;
    if( date_valid(xt->deadline.zDate) ) memcpy(t.zDeadline, xt->deadline.zDate, 11);
    else snprintf(t.zDeadline, sizeof(t.zDeadline), "%04d-12-31", year);
    t.zDeadlineText = xt->deadline.zText;
    t.deadlineExplicit = xt->deadline.explicit;
    t.iDlStart = xt->deadline.explicit ? xt->deadline.span.iStart : -1;
    t.iDlEnd = xt->deadline.explicit ? xt->deadline.span.iEnd : -1;
    t.zState = "draft";
    t.zEdited = "";
    const char *zFrom;
    int bad = assign_units(p, &aUnit, &nUnit, &t, xt->azDept, xt->nDept, &zFrom, e);
    int taskId = 0;
    if( !bad ){
      t.zMachine = machine_json(&t, zFrom);
      bad = store_task_insert(p->s, &t, &taskId, e);
      free(t.zMachine);
    }
    for(int g=0; g<xt->nTarget && !bad; g++){
      const XTarget *xg = &xt->aTarget[g];
      Target tg = {0, taskId, g+1, xg->zText, xg->zSubject, xg->value, xg->valueMax, xg->zUnit,
                   (char*)xg->zCmp, (char*)xg->zStrength, xg->span.iStart, xg->span.iEnd,
                   "extracted", 0, 0};
      bad = store_target_insert(p->s, &tg, 0, e);
    }
    free(t.zSeq);
    free(t.zLead);
    free(t.aCoId);
    for(int c=0; c<t.nCo; c++) free(t.azCo[c]);
    free(t.azCo);
    if( bad ) goto done;
  }
  *pnTask = x->nTask;
  rc = 0;
done:
  for(int i=0; i<x->nNode; i++) free(azSeq[i]);
  free(azSeq);
  free(aNodeId);
  free(aTaskNo);
  free(azPrefix);
  free(aHasChild);
  unit_list_free(aUnit, nUnit);
  return rc;
}

/* See ledger.h. */
int ledger_import(Ledger *p, const ImportArgs *a, int *pPlanId, Err *e){
  if( auth_check(&p->user, ACT_IMPORT, 0, e) ) return -1;
  if( a->zRegion==0 || a->zRegion[0]==0 ) return err_set(e, ERR_INPUT, "--region NAME is needed (e.g. --region 上党区)");
  if( a->year<1949 || a->year>2200 ) return err_set(e, ERR_INPUT, "--year YEAR is needed (e.g. --year 2026)");
  char *zData = 0, *zJson = 0, *zX = 0;
  size_t nData, nJson;
  Extraction x;
  Plan old;
  int rc = -1, nTask = 0, planId = 0;
  memset(&x, 0, sizeof(x));
  if( read_file(a->zFile, &zData, &nData, e) ) return -1;
  char zSha[65];
  sha256_hex(zData, nData, zSha);
  Err e2 = {0};
  if( store_plan_by_sha(p->s, zSha, &old, &e2)==0 ){
    err_set(e, ERR_CONFLICT, "%s was already imported: it is plan %d (%s %d, imported %.10s)",
            a->zFile, old.id, old.zRegion, old.year, old.zImportedAt);
    plan_clear(&old);
    goto done;
  }
  if( e2.code!=ERR_NOTFOUND ){ *e = e2; goto done; }
  if( a->zExtraction && read_file(a->zExtraction, &zJson, &nJson, e) ) goto done;
  if( extract_bytes(a->zFile, (const unsigned char*)zData, nData, a->year, &x, e) ) goto done;
  if( zJson && extraction_read_json(&x, zJson, a->zExtraction, e) ) goto done;
  if( x.nTask==0 ){
    err_set(e, ERR_INPUT, "%s: no tasks found in the plan part of the report; nothing imported", a->zFile);
    goto done;
  }
  zX = extraction_json(&x, 0);
  Plan pl;
  memset(&pl, 0, sizeof(pl));
  pl.zRegion = (char*)a->zRegion;
  pl.year = a->year;
  pl.zTitle = x.zTitle;
  pl.zFileName = (char*)a->zFile;
  memcpy(pl.zSha256, zSha, sizeof(zSha));
  pl.zEncoding = (char*)(x.zEncoding ? x.zEncoding : "UTF-8");
  pl.zFormat = (char*)(x.zFormat ? x.zFormat : "txt");
  snprintf(pl.zStart, sizeof(pl.zStart), "%04d-01-01", a->year);
  ledger_now(pl.zImportedAt);
  if( store_begin(p->s, e) ) goto done;
  if( store_plan_insert(p->s, &pl, zData, nData, x.zSource ? x.zSource : "", zX, &planId, e)
   || import_items(p, planId, a->year, &x, &nTask, e)
   || ledger_event(p, "plan.import", "plan", planId, 0, 0,
                   json_pack("{s:s, s:i, s:o, s:s, s:s, s:i, s:i}", "region", a->zRegion, "year", a->year,
                             "title", jstr(x.zTitle), "file", a->zFile, "sha256", zSha,
                             "nodes", x.nNode, "tasks", nTask), e) ){
    ledger_fail(p);
    goto done;
  }
  if( store_commit(p->s, e) ) goto done;
  if( pPlanId ) *pPlanId = planId;
  rc = 0;
done:
  extraction_free(&x);
  free(zData);
  free(zJson);
  free(zX);
  return rc;
}
