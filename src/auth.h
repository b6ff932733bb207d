/*
** auth.h -- users' passwords and THE one place that decides who may do
** what.  The CLI, the web pages and the JSON API all ask auth_can() (the
** ledger functions call it for them); no other code tests a role.
**
** The roles (ledger.h Role):
**   admin       everything, including users, units and settings, and
**               anyone's password
**   supervisor  import, edit, publish, review, close, export, backup, log,
**               dashboard
**   leader      read everything, instructions (批示), export, log, dashboard
**   unit        its own unit's tasks: see them (also drafts) and report on
**               them once published; everything published
**   public      published plans only
** Every user with a login (not the public) may change their own password.
*/
#ifndef LUOSHI_AUTH_H
#define LUOSHI_AUTH_H
#include "ledger.h"
#include <sodium.h>

typedef enum Action {
  ACT_READ = 0,        /* see a plan, task, report */
  ACT_IMPORT,          /* import a plan */
  ACT_EDIT,            /* edit tasks, targets, assignments */
  ACT_PUBLISH,         /* publish a plan */
  ACT_REPORT,          /* submit progress on a task */
  ACT_REVIEW,          /* accept or return a report */
  ACT_CLOSE,           /* close a task (销号) */
  ACT_INSTRUCT,        /* a leader's instruction (批示) on a task */
  ACT_USERS,           /* add and change users */
  ACT_UNITS,           /* add and change units */
  ACT_SETTINGS,        /* change the thresholds */
  ACT_EXPORT,          /* export the whole table */
  ACT_BACKUP,          /* copy the ledger file */
  ACT_AUDIT,           /* read and verify the audit log */
  ACT_SUPERVISE,       /* see the supervision dashboard (red/yellow lists, queue, ranking) */
  ACT_PASSWORD,        /* change the password of user o->userId */
  N_ACTION
} Action;

/* What an action is done to.  NULL means the ledger as a whole. */
typedef struct AuthObject AuthObject;
struct AuthObject {
  int published;       /* 1 when its plan is published */
  int leadId;          /* lead unit of the task, 0 when none */
  const int *aCoId;    /* co-responsible units */
  int nCo;
  int userId;          /* the user it concerns (ACT_PASSWORD), 0 when none */
};

/* 1 when user u may do action a to object o (NULL: the ledger). */
int auth_can(const User *u, Action a, const AuthObject *o);
/* auth_can(), or ERR_FORBIDDEN with a message naming user and action. */
int auth_check(const User *u, Action a, const AuthObject *o, Err *e);
/* The object of task t. */
AuthObject auth_task(const Task *t, int published);
/* "read", "import", ... (static). */
const char *action_name(Action a);

/* The shortest password accepted, in bytes. */
#define AUTH_PASSWORD_MIN 8

/* 1 when zPassword is long enough to be stored (AUTH_PASSWORD_MIN bytes). */
int auth_password_long_enough(const char *zPassword);
/* Hash zPassword with argon2id into z[crypto_pwhash_STRBYTES]; ERR_INPUT
** when the password is too short (auth_password_long_enough). */
int auth_hash_password(const char *zPassword, char *z, Err *e);
/* 1 when zPassword matches the stored hash. */
int auth_password_ok(const char *zHash, const char *zPassword);

#endif
