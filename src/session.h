/*
** session.h -- how a web visitor or a machine client becomes a user of
** the ledger: login sessions (a cookie), their form tokens (CSRF), bearer
** tokens for the JSON API (`luoshi token add`), and login throttling.
**
** Secrets are random (libsodium), 32 bytes written as base64url.  The
** ledger stores only their SHA-256, so a copy of the ledger file does not
** give anyone a session or a token.  Which user a session or token stands
** for is all they decide: what that user may do is auth_can()'s business.
**
** Sessions last SESSION_HOURS from their creation.  Throttling is kept in
** memory (per process): after THROTTLE_FREE failed logins for one account
** or one address, the next attempt must wait, doubling from one minute up
** to THROTTLE_MAX_WAIT seconds; a success clears the account's count.
*/
#ifndef LUOSHI_SESSION_H
#define LUOSHI_SESSION_H
#include "ledger.h"

#define SESSION_HOURS      12
#define THROTTLE_FREE      5
#define THROTTLE_MAX_WAIT  900

/* A login session. */
typedef struct Session Session;
struct Session {
  char zId[48];        /* the cookie value; "" when there is no session */
  char zCsrf[48];      /* the form token of this session */
  char *zLogin;        /* the user (owned) */
  char zExpires[20];   /* YYYY-MM-DDTHH:MM:SS */
};

/* A bearer token as listed (never the secret itself). */
typedef struct Token Token;
struct Token {
  int id;
  char *zLogin;        /* whose */
  char *zName;         /* what it is for */
  char zCreated[20];
  char zRevoked[20];   /* "" while valid */
};

/* A new random secret (32 bytes, base64url, 43 chars) into z[48]. */
void secret_new(char z[48]);
/* Constant-time comparison of two NUL-terminated secrets. */
int secret_equal(const char *a, const char *b);

/* Start a session for the user L acts as (after ledger_login). */
int session_create(Ledger *L, Session *s, Err *e);
/* The session of cookie value zId: ERR_AUTH when unknown or expired. */
int session_find(Ledger *L, const char *zId, Session *s, Err *e);
/* End the session zId (no error when it does not exist). */
int session_end(Ledger *L, const char *zId, Err *e);
void session_clear(Session *s);

/* A new bearer token for zLogin (admin only); *pzSecret (caller frees) is
** shown once. */
int token_add(Ledger *L, const char *zLogin, const char *zName, int *pId,
              char **pzSecret, Err *e);
/* The login a token stands for (caller frees); ERR_AUTH when unknown or
** revoked. */
int token_login(Ledger *L, const char *zSecret, char **pzLogin, Err *e);
int token_list(Ledger *L, Token **pa, int *pn, Err *e);
int token_revoke(Ledger *L, int id, Err *e);
void token_list_free(Token *a, int n);

/* Throttling of logins by account zLogin and address zIp.  throttle_wait
** returns 0 when an attempt may go ahead, else the seconds to wait. */
int throttle_wait(const char *zLogin, const char *zIp);
void throttle_failed(const char *zLogin, const char *zIp);
void throttle_succeeded(const char *zLogin);
/* Forget everything (tests). */
void throttle_reset(void);

#endif
