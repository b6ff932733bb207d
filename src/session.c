/*
** session.c -- login sessions, form tokens, bearer tokens and login
** throttling (see session.h).  The SQL is in store.c; the decision of what
** a user may do stays with auth_can().
*/
#include "ledger_int.h"
#include "session.h"
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* See session.h. */
void secret_new(char z[48]){
  unsigned char a[32];
  if( sodium_init()<0 ) fatal("libsodium cannot start");
  randombytes_buf(a, sizeof(a));
  sodium_bin2base64(z, 48, a, sizeof(a), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(a, sizeof(a));
}

/* See session.h. */
int secret_equal(const char *a, const char *b){
  if( a==0 || b==0 ) return 0;
  size_t na = strlen(a), nb = strlen(b);
  if( na!=nb || na==0 ) return 0;
  return sodium_memcmp(a, b, na)==0;
}

/* The SHA-256 of a secret as stored: hex into z[65]. */
static void secret_hash(const char *zSecret, char z[65]){
  sha256_hex(zSecret, strlen(zSecret), z);
}

/* zAt ("YYYY-MM-DDTHH:MM:SS") plus nHours into z[20]. */
static void time_plus_hours(const char *zAt, int nHours, char z[20]){
  int d = date_days(zAt);
  int hh = atoi(zAt+11) + nHours;
  d += hh/24;
  hh %= 24;
  char zDate[11], zOut[40];
  days_date(d, zDate);
  snprintf(zOut, sizeof(zOut), "%.10sT%02d%.6s", zDate, hh, zAt+13);
  memcpy(z, zOut, 19);
  z[19] = 0;
}

/* See session.h. */
void session_clear(Session *s){
  free(s->zLogin);
  sodium_memzero(s, sizeof(*s));
}

/* See session.h. */
int session_create(Ledger *L, Session *s, Err *e){
  const User *u = ledger_user(L);
  memset(s, 0, sizeof(*s));
  if( u->id==0 ) return err_set(e, ERR_AUTH, "log in first");
  char zNow[20], zHash[65];
  ledger_now(zNow);
  secret_new(s->zId);
  secret_new(s->zCsrf);
  time_plus_hours(zNow, SESSION_HOURS, s->zExpires);
  secret_hash(s->zId, zHash);
  Store *st = ledger_store(L);
  if( store_begin(st, e) ) return -1;
  if( store_session_delete(st, 0, zNow, e)
   || store_session_insert(st, zHash, u->id, s->zCsrf, zNow, s->zExpires, e) ){
    store_rollback(st);
    memset(s, 0, sizeof(*s));
    return -1;
  }
  if( store_commit(st, e) ){
    memset(s, 0, sizeof(*s));
    return -1;
  }
  s->zLogin = xstrdup(u->zLogin);
  return 0;
}

/* See session.h. */
int session_find(Ledger *L, const char *zId, Session *s, Err *e){
  char zHash[65], zNow[20];
  Err e2 = {0};
  memset(s, 0, sizeof(*s));
  if( zId==0 || strlen(zId)>=sizeof(s->zId) || zId[0]==0 ) return err_set(e, ERR_AUTH, "no session");
  secret_hash(zId, zHash);
  if( store_session_get(ledger_store(L), zHash, &s->zLogin, s->zCsrf, sizeof(s->zCsrf),
                        s->zExpires, &e2) ){
    if( e2.code==ERR_NOTFOUND ) return err_set(e, ERR_AUTH, "the session has ended: log in again");
    *e = e2;
    return -1;
  }
  ledger_now(zNow);
  if( strcmp(s->zExpires, zNow)<=0 ){
    session_clear(s);
    return err_set(e, ERR_AUTH, "the session has ended: log in again");
  }
  snprintf(s->zId, sizeof(s->zId), "%s", zId);
  return 0;
}

/* See session.h. */
int session_end(Ledger *L, const char *zId, Err *e){
  char zHash[65];
  if( zId==0 || zId[0]==0 ) return 0;
  secret_hash(zId, zHash);
  return store_session_delete(ledger_store(L), zHash, 0, e);
}

/* ---- bearer tokens ---- */

/* See session.h. */
int token_add(Ledger *L, const char *zLogin, const char *zName, int *pId,
              char **pzSecret, Err *e){
  *pzSecret = 0;
  if( auth_check(ledger_user(L), ACT_USERS, 0, e) ) return -1;
  if( zName==0 || zName[0]==0 ) return err_set(e, ERR_INPUT, "a token needs a --name saying what it is for");
  if( strlen(zName)>200 || utf8_valid_prefix((const unsigned char*)zName, strlen(zName))!=strlen(zName) ){
    return err_set(e, ERR_INPUT, "--name: at most 200 bytes of UTF-8 text");
  }
  User u;
  char *zIgnore = 0;
  Err e2 = {0};
  Store *st = ledger_store(L);
  if( store_user_by_login(st, zLogin ? zLogin : "", &u, &zIgnore, &e2) ){
    if( e2.code==ERR_NOTFOUND ) return err_set(e, ERR_NOTFOUND, "no user %s (see luoshi user list)", zLogin ? zLogin : "");
    *e = e2;
    return -1;
  }
  free(zIgnore);
  char zSecret[48], zHash[65], zAt[20];
  secret_new(zSecret);
  char *zFull = xprintf("lst_%s", zSecret);
  secret_hash(zFull, zHash);
  ledger_now(zAt);
  int id = 0, rc = -1;
  if( store_begin(st, e)==0 ){
    if( store_token_insert(st, u.id, zName, zHash, zAt, &id, e)
     || ledger_event(L, "token.add", "user", u.id, 0, 0,
                     json_pack("{s:i, s:s, s:s}", "token", id, "login", u.zLogin, "name", zName), e) ){
      ledger_fail(L);
    }else{
      rc = store_commit(st, e);
    }
  }
  user_clear(&u);
  sodium_memzero(zSecret, sizeof(zSecret));
  if( rc ){
    sodium_memzero(zFull, strlen(zFull));
    free(zFull);
    return -1;
  }
  if( pId ) *pId = id;
  *pzSecret = zFull;
  return 0;
}

/* See session.h. */
int token_login(Ledger *L, const char *zSecret, char **pzLogin, Err *e){
  char zHash[65];
  Err e2 = {0};
  *pzLogin = 0;
  if( zSecret==0 || strncmp(zSecret, "lst_", 4)!=0 || strlen(zSecret)>100 ){
    return err_set(e, ERR_AUTH, "not a luoshi token");
  }
  secret_hash(zSecret, zHash);
  if( store_token_login(ledger_store(L), zHash, pzLogin, &e2) ){
    if( e2.code==ERR_NOTFOUND ) return err_set(e, ERR_AUTH, "unknown or revoked token");
    *e = e2;
    return -1;
  }
  return 0;
}

/* See session.h. */
int token_list(Ledger *L, Token **pa, int *pn, Err *e){
  *pa = 0;
  *pn = 0;
  if( auth_check(ledger_user(L), ACT_USERS, 0, e) ) return -1;
  return store_token_list(ledger_store(L), pa, pn, e);
}

/* See session.h. */
int token_revoke(Ledger *L, int id, Err *e){
  if( auth_check(ledger_user(L), ACT_USERS, 0, e) ) return -1;
  char zAt[20];
  ledger_now(zAt);
  Store *st = ledger_store(L);
  if( store_begin(st, e) ) return -1;
  if( store_token_revoke(st, id, zAt, e)
   || ledger_event(L, "token.revoke", "token", id, 0, 0, json_pack("{s:i}", "token", id), e) ){
    return ledger_fail(L);
  }
  return store_commit(st, e);
}

/* See session.h. */
void token_list_free(Token *a, int n){
  for(int i=0; i<n; i++){ free(a[i].zLogin); free(a[i].zName); }
  free(a);
}

/*
** COMMAND: token
** Usage: luoshi token add LOGIN --name TEXT | list | revoke ID
**
** Bearer tokens for machine clients of the JSON API (/api/v1): a client
** sends "Authorization: Bearer TOKEN" and acts as LOGIN, with that user's
** rights.  add prints the new token once (only its SHA-256 is stored);
** revoke ends one.  Admin only (--as LOGIN or $LUOSHI_USER); --db FILE as
** for the other commands.
*/
int cmd_token(int argc, char **argv){
  const char *zDb = find_option(&argc, argv, "--db", 1);
  const char *zAs = find_option(&argc, argv, "--as", 1);
  const char *zName = find_option(&argc, argv, "--name", 1);
  const char *zUsage = "Usage: luoshi token add LOGIN --name TEXT | list | revoke ID\n";
  Err e = {0};
  if( zDb==0 ) zDb = getenv("LUOSHI_DB");
  if( zDb==0 || zDb[0]==0 ) zDb = "luoshi.db";
  if( zAs==0 ) zAs = getenv("LUOSHI_USER");
  if( verify_all_options(argc, argv, &e) || argc<2 ){
    if( e.code ) fprintf(stderr, "luoshi: %s\n", e.zMsg);
    fputs(zUsage, stderr);
    return 2;
  }
  const char *zSub = argv[1];
  int isAdd = strcmp(zSub, "add")==0 && argc==3;
  int isList = strcmp(zSub, "list")==0 && argc==2;
  int isRevoke = strcmp(zSub, "revoke")==0 && argc==3;
  if( !isAdd && !isList && !isRevoke ){ fputs(zUsage, stderr); return 2; }
  Ledger *L = 0;
  if( ledger_open(zDb, &L, &e) || ledger_act_as(L, zAs, &e) ){
    fprintf(stderr, "luoshi: %s\n", e.zMsg);
    ledger_close(L);
    return 1;
  }
  int rc = 0;
  if( isAdd ){
    char *zSecret = 0;
    int id = 0;
    rc = token_add(L, argv[2], zName, &id, &zSecret, &e);
    if( rc==0 ){
      printf("token %d for %s (shown once): %s\n", id, argv[2], zSecret);
      sodium_memzero(zSecret, strlen(zSecret));
      free(zSecret);
    }
  }else if( isList ){
    Token *a;
    int n;
    rc = token_list(L, &a, &n, &e);
    for(int i=0; rc==0 && i<n; i++){
      printf("%-4d %-16s %-19s %s%s%s\n", a[i].id, a[i].zLogin, a[i].zCreated, a[i].zName,
             a[i].zRevoked[0] ? "  revoked " : "", a[i].zRevoked);
    }
    if( rc==0 ) token_list_free(a, n);
  }else{
    rc = token_revoke(L, atoi(argv[2]), &e);
    if( rc==0 ) printf("token %s revoked\n", argv[2]);
  }
  ledger_close(L);
  if( rc ){
    fprintf(stderr, "luoshi: %s\n", e.zMsg);
    return 1;
  }
  return 0;
}

/* ---- throttling ---- */

#define N_THROTTLE 4096

/* Failed logins of one account ("u:LOGIN") or address ("a:IP"). */
typedef struct Throttle Throttle;
struct Throttle {
  char zKey[80];
  int nFail;           /* failures in a row */
  time_t tLast;        /* monotonic seconds of the last failure */
};
static Throttle aThrottle[N_THROTTLE];
static int nThrottle;
static pthread_mutex_t throttleMutex = PTHREAD_MUTEX_INITIALIZER;

/* Monotonic seconds. */
static time_t mono_now(void){
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec;
}

/* The entry of key zKind:z, or NULL; with bAdd, made (reusing the oldest
** slot when the table is full).  Hold the mutex. */
static Throttle *throttle_slot(char cKind, const char *z, int bAdd){
  char zKey[80];
  snprintf(zKey, sizeof(zKey), "%c:%.70s", cKind, z ? z : "");
  int iOld = 0;
  for(int i=0; i<nThrottle; i++){
    if( strcmp(aThrottle[i].zKey, zKey)==0 ) return &aThrottle[i];
    if( aThrottle[i].tLast < aThrottle[iOld].tLast ) iOld = i;
  }
  if( !bAdd ) return 0;
  Throttle *t = nThrottle<N_THROTTLE ? &aThrottle[nThrottle++] : &aThrottle[iOld];
  memset(t, 0, sizeof(*t));
  snprintf(t->zKey, sizeof(t->zKey), "%s", zKey);
  return t;
}

/* Seconds entry t must still wait with nFree failures allowed. */
static int throttle_left(const Throttle *t, int nFree, time_t now){
  if( t==0 || t->nFail<nFree ) return 0;
  int k = t->nFail - nFree;
  long wait = 60L << (k>10 ? 10 : k);
  if( wait>THROTTLE_MAX_WAIT ) wait = THROTTLE_MAX_WAIT;
  long left = wait - (long)(now - t->tLast);
  return left>0 ? (int)left : 0;
}

/* See session.h.  An address gets four times the failures of an account. */
int throttle_wait(const char *zLogin, const char *zIp){
  time_t now = mono_now();
  pthread_mutex_lock(&throttleMutex);
  int a = throttle_left(throttle_slot('u', zLogin, 0), THROTTLE_FREE, now);
  int b = throttle_left(throttle_slot('a', zIp, 0), 4*THROTTLE_FREE, now);
  pthread_mutex_unlock(&throttleMutex);
  return a>b ? a : b;
}

/* See session.h. */
void throttle_failed(const char *zLogin, const char *zIp){
  time_t now = mono_now();
  pthread_mutex_lock(&throttleMutex);
  Throttle *aT[2] = {throttle_slot('u', zLogin, 1), throttle_slot('a', zIp, 1)};
  for(int i=0; i<2; i++){
    /* a quiet spell twice the longest wait forgives the past */
    if( aT[i]->nFail && now - aT[i]->tLast > 2*THROTTLE_MAX_WAIT ) aT[i]->nFail = 0;
    aT[i]->nFail++;
    aT[i]->tLast = now;
  }
  pthread_mutex_unlock(&throttleMutex);
}

/* See session.h. */
void throttle_succeeded(const char *zLogin){
  pthread_mutex_lock(&throttleMutex);
  Throttle *t = throttle_slot('u', zLogin, 0);
  if( t ) t->nFail = 0;
  pthread_mutex_unlock(&throttleMutex);
}

/* See session.h. */
void throttle_reset(void){
  pthread_mutex_lock(&throttleMutex);
  nThrottle = 0;
  pthread_mutex_unlock(&throttleMutex);
}
