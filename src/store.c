/*
** store.c -- the SQLite store of the ledger (see store.h).  The only file
** of luoshi with SQL in it.
**
** One way to run SQL (after Fossil's db.c): db_prepare() a statement with
** named parameters, db_bind_*() the values, db_step(), read db_column_*(),
** db_finalize().  No value is ever pasted into SQL text.  Prepared
** statements are cached per connection, keyed by the SQL text.
**
** Durability: WAL journal with synchronous=FULL, so every COMMIT syncs the
** WAL file before it returns; an acknowledged write survives a power cut
** (as far as the disk honours fsync).  See README.md "Durability".
*/
#include "store.h"
#include "buf.h"
#include "session.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
** The schema, as forward migrations.  aMigration[i] takes a ledger from
** user_version i to i+1.  Never edit a migration that has shipped; add one.
*/
static const char *const aMigration[] = {
/* 0 -> 1: the first schema. */
"-- Settings: name/value pairs; absent names take the defaults of status.c.\n"
"CREATE TABLE setting(\n"
"  name   TEXT PRIMARY KEY,\n"
"  value  TEXT NOT NULL\n"
");\n"
"-- Departments and towns that carry tasks.\n"
"CREATE TABLE unit(\n"
"  id       INTEGER PRIMARY KEY,\n"
"  name     TEXT NOT NULL UNIQUE,          -- as shown: 教育局\n"
"  kind     TEXT NOT NULL DEFAULT 'department', -- department|town|upper|other\n"
"  aliases  TEXT NOT NULL DEFAULT '',      -- other names, comma-separated\n"
"  keywords TEXT NOT NULL DEFAULT '',      -- words that suggest the unit\n"
"  active   INTEGER NOT NULL DEFAULT 1\n"
");\n"
"-- Logins.  pwhash is an argon2id string (libsodium crypto_pwhash_str).\n"
"CREATE TABLE user(\n"
"  id       INTEGER PRIMARY KEY,\n"
"  login    TEXT NOT NULL UNIQUE,\n"
"  role     TEXT NOT NULL CHECK(role IN ('admin','supervisor','unit','leader')),\n"
"  unit_id  INTEGER REFERENCES unit(id),\n"
"  pwhash   TEXT NOT NULL,\n"
"  created  TEXT NOT NULL\n"
");\n"
"-- Imported work reports: the file verbatim, its decoded text (spans count\n"
"-- code points of it) and the extractor's output as contract JSON.\n"
"CREATE TABLE plan(\n"
"  id           INTEGER PRIMARY KEY,\n"
"  region       TEXT NOT NULL,\n"
"  year         INTEGER NOT NULL,\n"
"  title        TEXT,\n"
"  file_name    TEXT NOT NULL,\n"
"  sha256       TEXT NOT NULL UNIQUE,      -- of source_bytes\n"
"  encoding     TEXT NOT NULL,\n"
"  format       TEXT NOT NULL,\n"
"  source_bytes BLOB NOT NULL,\n"
"  source_text  TEXT NOT NULL,\n"
"  extraction   TEXT NOT NULL,\n"
"  state        TEXT NOT NULL DEFAULT 'draft' CHECK(state IN ('draft','published')),\n"
"  start_date   TEXT NOT NULL,             -- expected progress counts from here\n"
"  imported_at  TEXT NOT NULL,\n"
"  published_at TEXT\n"
");\n"
"-- The outline of a plan.\n"
"CREATE TABLE node(\n"
"  id         INTEGER PRIMARY KEY,\n"
"  plan_id    INTEGER NOT NULL REFERENCES plan(id),\n"
"  parent_id  INTEGER REFERENCES node(id),\n"
"  level      INTEGER NOT NULL,\n"
"  part       TEXT NOT NULL,               -- review|plan|other|none\n"
"  label      TEXT NOT NULL,\n"
"  title      TEXT NOT NULL,\n"
"  seq        TEXT NOT NULL,               -- 5.2\n"
"  span_start INTEGER NOT NULL,\n"
"  span_end   INTEGER NOT NULL,\n"
"  inferred   INTEGER NOT NULL DEFAULT 0\n"
");\n"
"CREATE INDEX node_plan ON node(plan_id);\n"
"-- Tasks: one commitment each.  machine keeps what the extractor and the\n"
"-- unit suggester proposed; edited lists the fields a person changed.\n"
"CREATE TABLE task(\n"
"  id            INTEGER PRIMARY KEY,\n"
"  plan_id       INTEGER NOT NULL REFERENCES plan(id),\n"
"  node_id       INTEGER REFERENCES node(id),\n"
"  ord           INTEGER NOT NULL,\n"
"  seq           TEXT NOT NULL,            -- 5.2.3\n"
"  text          TEXT NOT NULL,\n"
"  span_start    INTEGER NOT NULL,\n"
"  span_end      INTEGER NOT NULL,\n"
"  deadline      TEXT NOT NULL,            -- YYYY-MM-DD\n"
"  deadline_text TEXT,\n"
"  deadline_explicit INTEGER NOT NULL DEFAULT 0,\n"
"  dl_start      INTEGER NOT NULL DEFAULT -1,\n"
"  dl_end        INTEGER NOT NULL DEFAULT -1,\n"
"  lead_unit_id  INTEGER REFERENCES unit(id),\n"
"  state         TEXT NOT NULL DEFAULT 'draft'\n"
"                CHECK(state IN ('draft','published','done','dropped')),\n"
"  closed_at     TEXT,\n"
"  close_reason  TEXT,\n"
"  machine       TEXT NOT NULL,\n"
"  edited        TEXT NOT NULL DEFAULT ''\n"
");\n"
"CREATE INDEX task_plan ON task(plan_id, ord);\n"
"CREATE INDEX task_lead ON task(lead_unit_id);\n"
"-- Co-responsible units (责任单位) of a task, in order.\n"
"CREATE TABLE task_co(\n"
"  task_id  INTEGER NOT NULL REFERENCES task(id),\n"
"  unit_id  INTEGER NOT NULL REFERENCES unit(id),\n"
"  ord      INTEGER NOT NULL,\n"
"  PRIMARY KEY(task_id, unit_id)\n"
");\n"
"CREATE INDEX task_co_unit ON task_co(unit_id);\n"
"-- Quantitative targets.  A removed target stays (removed=1) for history.\n"
"CREATE TABLE target(\n"
"  id         INTEGER PRIMARY KEY,\n"
"  task_id    INTEGER NOT NULL REFERENCES task(id),\n"
"  ord        INTEGER NOT NULL,\n"
"  text       TEXT NOT NULL,\n"
"  subject    TEXT NOT NULL DEFAULT '',\n"
"  value      REAL NOT NULL,\n"
"  value_max  REAL,\n"
"  unit       TEXT NOT NULL DEFAULT '',\n"
"  cmp        TEXT NOT NULL,\n"
"  strength   TEXT NOT NULL,\n"
"  span_start INTEGER NOT NULL DEFAULT -1,\n"
"  span_end   INTEGER NOT NULL DEFAULT -1,\n"
"  origin     TEXT NOT NULL CHECK(origin IN ('extracted','manual')),\n"
"  machine    TEXT,                        -- the extracted target, once edited\n"
"  removed    INTEGER NOT NULL DEFAULT 0\n"
");\n"
"CREATE INDEX target_task ON target(task_id);\n"
"-- Progress reports.  A report is never changed after its review; a\n"
"-- returned report is answered by a new one (resubmits).\n"
"CREATE TABLE report(\n"
"  id             INTEGER PRIMARY KEY,\n"
"  task_id        INTEGER NOT NULL REFERENCES task(id),\n"
"  target_id      INTEGER REFERENCES target(id), -- NULL: a percent report\n"
"  period         TEXT NOT NULL,           -- YYYY-MM\n"
"  is_percent     INTEGER NOT NULL,\n"
"  value          REAL NOT NULL,\n"
"  note           TEXT NOT NULL,\n"
"  author_id      INTEGER NOT NULL REFERENCES user(id),\n"
"  created_at     TEXT NOT NULL,\n"
"  state          INTEGER NOT NULL DEFAULT 0, -- 0 submitted, 1 accepted, 2 returned\n"
"  reviewer_id    INTEGER REFERENCES user(id),\n"
"  reviewed_at    TEXT,\n"
"  review_comment TEXT,\n"
"  resubmits      INTEGER REFERENCES report(id)\n"
");\n"
"CREATE INDEX report_task ON report(task_id, period);\n"
"-- Files attached to reports, stored in the ledger.\n"
"CREATE TABLE evidence(\n"
"  id        INTEGER PRIMARY KEY,\n"
"  report_id INTEGER NOT NULL REFERENCES report(id),\n"
"  name      TEXT NOT NULL,\n"
"  sha256    TEXT NOT NULL,\n"
"  size      INTEGER NOT NULL,\n"
"  content   BLOB NOT NULL\n"
");\n"
"CREATE INDEX evidence_report ON evidence(report_id);\n"
"-- The audit log: append-only, each entry hashing the one before (audit.c).\n"
"CREATE TABLE event(\n"
"  id        INTEGER PRIMARY KEY,           -- 1, 2, 3... without gaps\n"
"  at        TEXT NOT NULL,\n"
"  actor     TEXT NOT NULL,\n"
"  action    TEXT NOT NULL,\n"
"  obj_type  TEXT NOT NULL,\n"
"  obj_id    INTEGER NOT NULL,\n"
"  task_id   INTEGER,\n"
"  before    TEXT,\n"
"  after     TEXT,\n"
"  prev_hash TEXT NOT NULL,\n"
"  hash      TEXT NOT NULL\n"
");\n"
"CREATE INDEX event_task ON event(task_id);\n"
"CREATE TRIGGER event_no_update BEFORE UPDATE ON event\n"
"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;\n"
"CREATE TRIGGER event_no_delete BEFORE DELETE ON event\n"
"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;\n"
"-- The head of the chain, so that removing the last entries shows too.\n"
"CREATE TABLE audit_head(\n"
"  one   INTEGER PRIMARY KEY CHECK(one=1),\n"
"  n     INTEGER NOT NULL,\n"
"  hash  TEXT NOT NULL\n"
");\n"
"INSERT INTO audit_head VALUES(1, 0, '');\n",

/* 1 -> 2: the report's bytes, text and extraction move out of plan, so
** that reading a plan's fields does not walk megabytes of overflow pages. */
"CREATE TABLE plan_source(\n"
"  plan_id    INTEGER PRIMARY KEY REFERENCES plan(id),\n"
"  bytes      BLOB NOT NULL,               -- the file as imported, verbatim\n"
"  text       TEXT NOT NULL,               -- decoded; spans count its code points\n"
"  extraction TEXT NOT NULL                -- the extractor's contract JSON\n"
");\n"
"INSERT INTO plan_source(plan_id, bytes, text, extraction)\n"
"  SELECT id, source_bytes, source_text, extraction FROM plan;\n"
"ALTER TABLE plan DROP COLUMN source_bytes;\n"
"ALTER TABLE plan DROP COLUMN source_text;\n"
"ALTER TABLE plan DROP COLUMN extraction;\n",
/* 2 -> 3: what the web server needs: login sessions, bearer tokens and a
** full-text index of task texts (trigram: works for Chinese). */
"-- Login sessions of the web pages.  Only the SHA-256 of the cookie value\n"
"-- is kept; csrf is the form token of the session.\n"
"CREATE TABLE session(\n"
"  hash     TEXT PRIMARY KEY,\n"
"  user_id  INTEGER NOT NULL REFERENCES user(id),\n"
"  csrf     TEXT NOT NULL,\n"
"  created  TEXT NOT NULL,\n"
"  expires  TEXT NOT NULL\n"
");\n"
"-- Bearer tokens of the JSON API (luoshi token add); only their SHA-256.\n"
"CREATE TABLE token(\n"
"  id       INTEGER PRIMARY KEY,\n"
"  user_id  INTEGER NOT NULL REFERENCES user(id),\n"
"  name     TEXT NOT NULL,\n"
"  hash     TEXT NOT NULL UNIQUE,\n"
"  created  TEXT NOT NULL,\n"
"  revoked  TEXT\n"
");\n"
"-- Full-text search over task texts, kept in step by triggers.\n"
"CREATE VIRTUAL TABLE task_fts USING fts5(text, content='task', content_rowid='id',\n"
"  tokenize='trigram');\n"
"INSERT INTO task_fts(task_fts) VALUES('rebuild');\n"
"CREATE TRIGGER task_fts_ins AFTER INSERT ON task BEGIN\n"
"  INSERT INTO task_fts(rowid, text) VALUES(new.id, new.text);\n"
"END;\n"
"CREATE TRIGGER task_fts_upd AFTER UPDATE OF text ON task BEGIN\n"
"  INSERT INTO task_fts(task_fts, rowid, text) VALUES('delete', old.id, old.text);\n"
"  INSERT INTO task_fts(rowid, text) VALUES(new.id, new.text);\n"
"END;\n"
"CREATE TRIGGER task_fts_del AFTER DELETE ON task BEGIN\n"
"  INSERT INTO task_fts(task_fts, rowid, text) VALUES('delete', old.id, old.text);\n"
"END;\n",

/* 3 -> 4: reminders (remind.c): where they go and what was sent. */
"-- Where reminders go: a DingTalk or WeCom group robot, a JSON webhook or\n"
"-- an e-mail address of a unit's contact, head or responsible leader, or\n"
"-- of the supervision office.  kind is checked by luoshi (channel.c), not\n"
"-- here, so that `luoshi remind --check` can name a kind it does not know.\n"
"CREATE TABLE channel(\n"
"  id       INTEGER PRIMARY KEY,\n"
"  unit_id  INTEGER REFERENCES unit(id),   -- NULL for the office\n"
"  user_id  INTEGER REFERENCES user(id),   -- the person, when it is one user's\n"
"  role     TEXT NOT NULL CHECK(role IN ('contact','head','leader','office')),\n"
"  kind     TEXT NOT NULL,                 -- dingtalk|wecom|webhook|email\n"
"  address  TEXT NOT NULL,                 -- URL or e-mail address\n"
"  secret   TEXT,                          -- DingTalk signing secret\n"
"  name     TEXT NOT NULL DEFAULT '',      -- label: 教育局办公室群, 张三\n"
"  active   INTEGER NOT NULL DEFAULT 1,    -- 0 once removed (kept for history)\n"
"  created  TEXT NOT NULL\n"
");\n"
"CREATE INDEX channel_unit ON channel(unit_id);\n"
"-- Every reminder: one cause (an open thing of a task: report_late/12/2026-06),\n"
"-- one recipient (a channel), one escalation step.  The UNIQUE constraint\n"
"-- is what guarantees that a cause never reaches a recipient twice.\n"
"CREATE TABLE reminder(\n"
"  id         INTEGER PRIMARY KEY,\n"
"  cause      TEXT NOT NULL,\n"
"  kind       TEXT NOT NULL,               -- report_due|report_late|report_returned|deadline_soon|overdue\n"
"  task_id    INTEGER REFERENCES task(id),\n"
"  unit_id    INTEGER REFERENCES unit(id), -- the unit chased\n"
"  who        TEXT NOT NULL,               -- the unit as addressed: 临江区教育局\n"
"  what       TEXT NOT NULL,               -- the item as written in the message\n"
"  link       TEXT,                        -- the task's page\n"
"  channel_id INTEGER NOT NULL REFERENCES channel(id), -- the recipient\n"
"  channel    TEXT NOT NULL,               -- its kind when recorded\n"
"  step       INTEGER NOT NULL,            -- 1 contact, 2 head, 3 office and leader\n"
"  created    TEXT NOT NULL,\n"
"  next_try   TEXT NOT NULL,               -- pending: not before; sending: claimed at\n"
"  tries      INTEGER NOT NULL DEFAULT 0,\n"
"  state      TEXT NOT NULL CHECK(state IN ('pending','sending','sent','failed','cancelled')),\n"
"  sent_at    TEXT,\n"
"  result     TEXT,                        -- the last answer or error\n"
"  UNIQUE(cause, channel_id, step)\n"
");\n"
"CREATE INDEX reminder_due ON reminder(state, next_try);\n"
"CREATE INDEX reminder_task ON reminder(task_id);\n",

/* 4 -> 5: the changes to tasks and targets by the time they were made, so
** that a status as of a past date finds the few entries after that date
** (store_task_changes) without reading the reports' entries.  A partial
** index: it holds only these actions, and the query names them the same
** way (the planner needs the same IN list to use it). */
"CREATE INDEX event_change ON event(at)\n"
"  WHERE action IN ('task.edit','task.close','target.add','target.edit','target.rm');\n",
};
#define N_MIGRATION ((int)(sizeof(aMigration)/sizeof(aMigration[0])))

#define N_CACHE 96

/* One cached prepared statement. */
typedef struct CachedStmt CachedStmt;
struct CachedStmt {
  const char *zSql;    /* the SQL text (a string literal) */
  sqlite3_stmt *p;
  int inUse;
};

struct Store {
  sqlite3 *db;
  char *zPath;
  int depth;           /* nesting of store_begin() */
  CachedStmt aCache[N_CACHE];
  int nCache;
};

/* A statement being run. */
typedef struct Stmt Stmt;
struct Stmt {
  Store *s;
  sqlite3_stmt *p;
  CachedStmt *pCache;  /* its cache slot, or NULL */
  const char *zSql;
};

/* Set e to the database's last error, with zWhat saying what was being done. */
static int db_err(Store *s, Err *e, const char *zWhat){
  return err_set(e, ERR_INTERNAL, "database (%s): %s", zWhat, sqlite3_errmsg(s->db));
}

/* Prepare zSql (which must stay valid while the Store is open: use string
** literals) on q.  A bad statement is a programming error: fatal(). */
static void db_prepare(Store *s, Stmt *q, const char *zSql){
  q->s = s;
  q->zSql = zSql;
  q->pCache = 0;
  for(int i=0; i<s->nCache; i++){
    CachedStmt *c = &s->aCache[i];
    if( c->zSql==zSql && !c->inUse ){
      c->inUse = 1;
      q->p = c->p;
      q->pCache = c;
      return;
    }
  }
  if( sqlite3_prepare_v3(s->db, zSql, -1, SQLITE_PREPARE_PERSISTENT, &q->p, 0)!=SQLITE_OK ){
    fatal("SQL error: %s\nin: %s", sqlite3_errmsg(s->db), zSql);
  }
  if( s->nCache<N_CACHE ){
    CachedStmt *c = &s->aCache[s->nCache++];
    c->zSql = zSql;
    c->p = q->p;
    c->inUse = 1;
    q->pCache = c;
  }
}

/* The index of parameter zName in q; fatal() when the SQL lacks it. */
static int db_param(Stmt *q, const char *zName){
  int i = sqlite3_bind_parameter_index(q->p, zName);
  if( i==0 ) fatal("SQL parameter %s not in: %s", zName, q->zSql);
  return i;
}

static void db_bind_int(Stmt *q, const char *zName, sqlite3_int64 v){
  sqlite3_bind_int64(q->p, db_param(q, zName), v);
}
/* Bind v, or NULL when v is 0 (for optional references). */
static void db_bind_id(Stmt *q, const char *zName, sqlite3_int64 v){
  if( v ) sqlite3_bind_int64(q->p, db_param(q, zName), v);
  else sqlite3_bind_null(q->p, db_param(q, zName));
}
static void db_bind_double(Stmt *q, const char *zName, double v){
  sqlite3_bind_double(q->p, db_param(q, zName), v);
}
/* Bind text z (copied), or NULL when z is NULL. */
static void db_bind_text(Stmt *q, const char *zName, const char *z){
  if( z ) sqlite3_bind_text(q->p, db_param(q, zName), z, -1, SQLITE_TRANSIENT);
  else sqlite3_bind_null(q->p, db_param(q, zName));
}
/* Bind text z, or NULL when z is NULL or "". */
static void db_bind_text0(Stmt *q, const char *zName, const char *z){
  db_bind_text(q, zName, z && z[0] ? z : 0);
}
static void db_bind_blob(Stmt *q, const char *zName, const void *a, size_t n){
  sqlite3_bind_blob64(q->p, db_param(q, zName), a, n, SQLITE_TRANSIENT);
}

/* Step q: SQLITE_ROW, SQLITE_DONE, or an error code. */
static int db_step(Stmt *q){
  return sqlite3_step(q->p);
}

static sqlite3_int64 db_column_int(Stmt *q, int i){
  return sqlite3_column_int64(q->p, i);
}
static double db_column_double(Stmt *q, int i){
  return sqlite3_column_double(q->p, i);
}
static int db_column_is_null(Stmt *q, int i){
  return sqlite3_column_type(q->p, i)==SQLITE_NULL;
}
/* Column i as text; "" for NULL.  Valid until the next step. */
static const char *db_column_text(Stmt *q, int i){
  const unsigned char *z = sqlite3_column_text(q->p, i);
  return z ? (const char*)z : "";
}
/* Column i as a new string (caller frees); NULL for NULL. */
static char *db_column_dup(Stmt *q, int i){
  if( db_column_is_null(q, i) ) return 0;
  return xstrdup(db_column_text(q, i));
}
/* Copy column i into the fixed buffer z[n] ("" for NULL). */
static void db_column_copy(Stmt *q, int i, char *z, size_t n){
  const char *zCol = db_column_text(q, i);
  size_t k = strlen(zCol);
  if( k>=n ) k = n-1;
  memcpy(z, zCol, k);
  z[k] = 0;
}

/* Reset q and give its statement back to the cache (or free it). */
static void db_finalize(Stmt *q){
  if( q->p==0 ) return;
  if( q->pCache ){
    sqlite3_reset(q->p);
    sqlite3_clear_bindings(q->p);
    q->pCache->inUse = 0;
  }else{
    sqlite3_finalize(q->p);
  }
  q->p = 0;
}

/* Run q to completion (an INSERT/UPDATE/DELETE) and finalize it. */
static int db_run(Stmt *q, Err *e, const char *zWhat){
  int rc = db_step(q);
  int bad = rc!=SQLITE_DONE && rc!=SQLITE_ROW;
  if( bad ) db_err(q->s, e, zWhat);
  db_finalize(q);
  return bad ? -1 : 0;
}

/* Run SQL text without parameters (schema, pragmas, transactions only). */
static int db_exec(Store *s, const char *zSql, Err *e){
  char *zMsg = 0;
  if( sqlite3_exec(s->db, zSql, 0, 0, &zMsg)!=SQLITE_OK ){
    err_set(e, ERR_INTERNAL, "database: %s", zMsg ? zMsg : sqlite3_errmsg(s->db));
    sqlite3_free(zMsg);
    return -1;
  }
  return 0;
}

/* The integer result of a one-row pragma. */
static int db_pragma_int(Store *s, const char *zSql){
  sqlite3_stmt *p;
  int v = 0;
  if( sqlite3_prepare_v2(s->db, zSql, -1, &p, 0)==SQLITE_OK && sqlite3_step(p)==SQLITE_ROW ){
    v = sqlite3_column_int(p, 0);
  }
  sqlite3_finalize(p);
  return v;
}

/* Bring the schema from its version to N_MIGRATION, one transaction each. */
static int store_migrate(Store *s, Err *e){
  int v = db_pragma_int(s, "PRAGMA user_version");
  if( v > N_MIGRATION ){
    return err_set(e, ERR_CONFLICT, "%s: ledger schema version %d is newer than this luoshi (%d)",
                   s->zPath, v, N_MIGRATION);
  }
  for(; v<N_MIGRATION; v++){
    char zSet[64];
    snprintf(zSet, sizeof(zSet), "PRAGMA user_version=%d", v+1);
    if( db_exec(s, "BEGIN IMMEDIATE", e) ) return -1;
    if( db_exec(s, aMigration[v], e) || db_exec(s, zSet, e) ){
      db_exec(s, "ROLLBACK", 0);
      return -1;
    }
    if( db_exec(s, "COMMIT", e) ) return -1;
  }
  return 0;
}

/* See store.h. */
int store_open(const char *zPath, int bCreate, Store **pp, Err *e){
  *pp = 0;
  int exists = access(zPath, F_OK)==0;
  if( bCreate && exists ) return err_set(e, ERR_CONFLICT, "%s already exists", zPath);
  if( !bCreate && !exists ){
    return err_set(e, ERR_NOTFOUND, "no ledger at %s (create one with: luoshi init --db %s)", zPath, zPath);
  }
  Store *s = xcalloc(1, sizeof(*s));
  s->zPath = xstrdup(zPath);
  int flags = SQLITE_OPEN_READWRITE | (bCreate ? SQLITE_OPEN_CREATE : 0);
  if( sqlite3_open_v2(zPath, &s->db, flags, 0)!=SQLITE_OK ){
    err_set(e, ERR_INTERNAL, "%s: %s", zPath, s->db ? sqlite3_errmsg(s->db) : "cannot open");
    store_close(s);
    return -1;
  }
  sqlite3_busy_timeout(s->db, 5000);
  if( db_exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                  " PRAGMA cache_size=-16000;", e) ){
    store_close(s);
    return -1;
  }
  if( !bCreate && db_pragma_int(s, "PRAGMA user_version")==0 ){
    err_set(e, ERR_INPUT, "%s is not a luoshi ledger", zPath);
    store_close(s);
    return -1;
  }
  if( store_migrate(s, e) ){
    store_close(s);
    return -1;
  }
  *pp = s;
  return 0;
}

/* See store.h. */
void store_close(Store *s){
  if( s==0 ) return;
  for(int i=0; i<s->nCache; i++) sqlite3_finalize(s->aCache[i].p);
  sqlite3_close(s->db);
  free(s->zPath);
  free(s);
}

/* See store.h. */
int store_schema_version(Store *s){
  return db_pragma_int(s, "PRAGMA user_version");
}

/* See store.h. */
int store_begin(Store *s, Err *e){
  if( db_exec(s, s->depth==0 ? "BEGIN IMMEDIATE" : "SAVEPOINT nested", e) ) return -1;
  s->depth++;
  return 0;
}

/* See store.h. */
int store_commit(Store *s, Err *e){
  if( s->depth<=0 ) fatal("store_commit without store_begin");
  if( db_exec(s, s->depth==1 ? "COMMIT" : "RELEASE nested", e) ){
    store_rollback(s);
    return -1;
  }
  s->depth--;
  return 0;
}

/* See store.h. */
void store_rollback(Store *s){
  if( s->depth<=0 ) return;
  if( s->depth==1 ) db_exec(s, "ROLLBACK", 0);
  else db_exec(s, "ROLLBACK TO nested; RELEASE nested", 0);
  s->depth--;
}

/* See store.h. */
int store_backup(Store *s, const char *zFile, Err *e){
  sqlite3 *pTo = 0;
  unlink(zFile);
  if( sqlite3_open(zFile, &pTo)!=SQLITE_OK ){
    err_set(e, ERR_INPUT, "%s: %s", zFile, pTo ? sqlite3_errmsg(pTo) : "cannot open");
    sqlite3_close(pTo);
    return -1;
  }
  sqlite3_backup *b = sqlite3_backup_init(pTo, "main", s->db, "main");
  int rc = SQLITE_OK;
  if( b ){
    while( (rc = sqlite3_backup_step(b, 256))==SQLITE_OK || rc==SQLITE_BUSY || rc==SQLITE_LOCKED ){
      if( rc!=SQLITE_OK ) sqlite3_sleep(20);
    }
    sqlite3_backup_finish(b);
  }
  if( b==0 || rc!=SQLITE_DONE ){
    err_set(e, ERR_INTERNAL, "backup to %s: %s", zFile, sqlite3_errmsg(pTo));
    sqlite3_close(pTo);
    return -1;
  }
  rc = sqlite3_close(pTo);
  return rc==SQLITE_OK ? 0 : err_set(e, ERR_INTERNAL, "backup to %s: close failed", zFile);
}

/* ---- settings ---- */

/* See store.h. */
int store_settings_load(Store *s, Settings *p, Err *e){
  Stmt q;
  int rc;
  db_prepare(s, &q, "SELECT name, value FROM setting ORDER BY name");
  while( (rc = db_step(&q))==SQLITE_ROW ){
    Err e2 = {0};
    settings_set(p, db_column_text(&q, 0), db_column_text(&q, 1), &e2);  /* bad rows keep defaults */
  }
  db_finalize(&q);
  return rc==SQLITE_DONE ? 0 : db_err(s, e, "settings");
}

/* See store.h. */
int store_setting_put(Store *s, const char *zName, const char *zValue, Err *e){
  Stmt q;
  db_prepare(s, &q, "REPLACE INTO setting(name, value) VALUES(:name, :value)");
  db_bind_text(&q, ":name", zName);
  db_bind_text(&q, ":value", zValue);
  return db_run(&q, e, "setting");
}

/* ---- units ---- */

/* Fill u from a row (id, name, kind, aliases, keywords, active). */
static void unit_from_row(Stmt *q, Unit *u){
  u->id = (int)db_column_int(q, 0);
  u->zName = db_column_dup(q, 1);
  u->zKind = db_column_dup(q, 2);
  u->zAliases = db_column_dup(q, 3);
  u->zKeywords = db_column_dup(q, 4);
  u->active = (int)db_column_int(q, 5);
}

/* See store.h. */
int store_unit_insert(Store *s, const Unit *u, int *pId, Err *e){
  Stmt q;
  db_prepare(s, &q, "INSERT INTO unit(name, kind, aliases, keywords, active)"
                    " VALUES(:name, :kind, :aliases, :keywords, :active)");
  db_bind_text(&q, ":name", u->zName);
  db_bind_text(&q, ":kind", u->zKind ? u->zKind : "department");
  db_bind_text(&q, ":aliases", u->zAliases ? u->zAliases : "");
  db_bind_text(&q, ":keywords", u->zKeywords ? u->zKeywords : "");
  db_bind_int(&q, ":active", u->active);
  if( db_run(&q, e, "unit") ) return -1;
  if( pId ) *pId = (int)sqlite3_last_insert_rowid(s->db);
  return 0;
}

/* See store.h. */
int store_unit_update(Store *s, const Unit *u, Err *e){
  Stmt q;
  db_prepare(s, &q, "UPDATE unit SET name=:name, kind=:kind, aliases=:aliases,"
                    " keywords=:keywords, active=:active WHERE id=:id");
  db_bind_text(&q, ":name", u->zName);
  db_bind_text(&q, ":kind", u->zKind);
  db_bind_text(&q, ":aliases", u->zAliases ? u->zAliases : "");
  db_bind_text(&q, ":keywords", u->zKeywords ? u->zKeywords : "");
  db_bind_int(&q, ":active", u->active);
  db_bind_int(&q, ":id", u->id);
  return db_run(&q, e, "unit");
}

/* See store.h. */
int store_unit_get(Store *s, int id, Unit *u, Err *e){
  Stmt q;
  memset(u, 0, sizeof(*u));
  db_prepare(s, &q, "SELECT id, name, kind, aliases, keywords, active FROM unit WHERE id=:id");
  db_bind_int(&q, ":id", id);
  int rc = db_step(&q);
  if( rc==SQLITE_ROW ) unit_from_row(&q, u);
  db_finalize(&q);
  if( rc==SQLITE_ROW ) return 0;
  if( rc==SQLITE_DONE ) return err_set(e, ERR_NOTFOUND, "no unit %d", id);
  return db_err(s, e, "unit");
}

/* See store.h. */
int store_unit_list(Store *s, Unit **pa, int *pn, Err *e){
  Stmt q;
  Unit *a = 0;
  int n = 0, nAlloc = 0, rc;
  db_prepare(s, &q, "SELECT id, name, kind, aliases, keywords, active FROM unit ORDER BY id");
  while( (rc = db_step(&q))==SQLITE_ROW ) unit_from_row(&q, ARRAY_PUSH(a, n, nAlloc));
  db_finalize(&q);
  *pa = a;
  *pn = n;
  return rc==SQLITE_DONE ? 0 : db_err(s, e, "units");
}

/* ---- users ---- */

/* Fill u from (id, login, role, unit_id, unit name). */
static void user_from_row(Stmt *q, User *u){
  u->id = (int)db_column_int(q, 0);
  u->zLogin = db_column_dup(q, 1);
  u->role = role_parse(db_column_text(q, 2));
  if( (int)u->role<0 ) u->role = ROLE_PUBLIC;
  u->unitId = (int)db_column_int(q, 3);
  u->zUnit = db_column_dup(q, 4);
}

/* See store.h. */
int store_user_insert(Store *s, const User *u, const char *zHash, const char *zAt,
                      int *pId, Err *e){
  Stmt q;
  db_prepare(s, &q, "INSERT INTO user(login, role, unit_id, pwhash, created)"
                    " VALUES(:login, :role, :unit, :hash, :at)");
  db_bind_text(&q, ":login", u->zLogin);
  db_bind_text(&q, ":role", role_name(u->role));
  db_bind_id(&q, ":unit", u->unitId);
  db_bind_text(&q, ":hash", zHash);
  db_bind_text(&q, ":at", zAt);
  if( db_run(&q, e, "user") ) return -1;
  if( pId ) *pId = (int)sqlite3_last_insert_rowid(s->db);
  return 0;
}

/* See store.h. */
int store_user_by_login(Store *s, const char *zLogin, User *u, char **pzHash, Err *e){
  Stmt q;
  memset(u, 0, sizeof(*u));
  db_prepare(s, &q, "SELECT u.id, u.login, u.role, u.unit_id, n.name, u.pwhash"
                    " FROM user u LEFT JOIN unit n ON n.id=u.unit_id WHERE u.login=:login");
  db_bind_text(&q, ":login", zLogin);
  int rc = db_step(&q);
  if( rc==SQLITE_ROW ){
    user_from_row(&q, u);
    if( pzHash ) *pzHash = db_column_dup(&q, 5);
  }
  db_finalize(&q);
  if( rc==SQLITE_ROW ) return 0;
  if( rc==SQLITE_DONE ) return err_set(e, ERR_NOTFOUND, "no user %s", zLogin);
  return db_err(s, e, "user");
}

/* See store.h. */
int store_user_list(Store *s, User **pa, int *pn, Err *e){
  Stmt q;
  User *a = 0;
  int n = 0, nAlloc = 0, rc;
  db_prepare(s, &q, "SELECT u.id, u.login, u.role, u.unit_id, n.name"
                    " FROM user u LEFT JOIN unit n ON n.id=u.unit_id ORDER BY u.login");
  while( (rc = db_step(&q))==SQLITE_ROW ) user_from_row(&q, ARRAY_PUSH(a, n, nAlloc));
  db_finalize(&q);
  *pa = a;
  *pn = n;
  return rc==SQLITE_DONE ? 0 : db_err(s, e, "users");
}

/* See store.h. */
int store_user_set_password(Store *s, int id, const char *zHash, Err *e){
  Stmt q;
  db_prepare(s, &q, "UPDATE user SET pwhash=:hash WHERE id=:id");
  db_bind_text(&q, ":hash", zHash);
  db_bind_int(&q, ":id", id);
  if( db_run(&q, e, "user") ) return -1;
  if( sqlite3_changes(s->db)!=1 ) return err_set(e, ERR_NOTFOUND, "no user %d", id);
  return 0;
}

/* ---- plans ---- */

#define PLAN_COLUMNS "p.id, p.region, p.year, p.title, p.file_name, p.sha256, p.encoding," \
  " p.format, p.state, p.start_date, p.imported_at, p.published_at," \
  " (SELECT count(*) FROM task t WHERE t.plan_id=p.id)"

/* Fill p from a row of PLAN_COLUMNS. */
static void plan_from_row(Stmt *q, Plan *p){
  p->id = (int)db_column_int(q, 0);
  p->zRegion = db_column_dup(q, 1);
  p->year = (int)db_column_int(q, 2);
  p->zTitle = db_column_dup(q, 3);
  p->zFileName = db_column_dup(q, 4);
  db_column_copy(q, 5, p->zSha256, sizeof(p->zSha256));
  p->zEncoding = db_column_dup(q, 6);
  p->zFormat = db_column_dup(q, 7);
  p->zState = db_column_dup(q, 8);
  db_column_copy(q, 9, p->zStart, sizeof(p->zStart));
  db_column_copy(q, 10, p->zImportedAt, sizeof(p->zImportedAt));
  db_column_copy(q, 11, p->zPublishedAt, sizeof(p->zPublishedAt));
  p->nTask = (int)db_column_int(q, 12);
}

/* See store.h. */
int store_plan_insert(Store *s, const Plan *p, const void *aBytes, size_t nBytes,
                      const char *zText, const char *zExtraction, int *pId, Err *e){
  Stmt q;
  db_prepare(s, &q, "INSERT INTO plan(region, year, title, file_name, sha256, encoding, format,"
                    " state, start_date, imported_at)"
                    " VALUES(:region, :year, :title, :file, :sha, :enc, :fmt, 'draft', :start, :at)");
  db_bind_text(&q, ":region", p->zRegion);
  db_bind_int(&q, ":year", p->year);
  db_bind_text(&q, ":title", p->zTitle);
  db_bind_text(&q, ":file", p->zFileName);
  db_bind_text(&q, ":sha", p->zSha256);
  db_bind_text(&q, ":enc", p->zEncoding);
  db_bind_text(&q, ":fmt", p->zFormat);
  db_bind_text(&q, ":start", p->zStart);
  db_bind_text(&q, ":at", p->zImportedAt);
  if( db_run(&q, e, "plan") ) return -1;
  *pId = (int)sqlite3_last_insert_rowid(s->db);
  db_prepare(s, &q, "INSERT INTO plan_source(plan_id, bytes, text, extraction)"
                    " VALUES(:plan, :bytes, :text, :x)");
  db_bind_int(&q, ":plan", *pId);
  db_bind_blob(&q, ":bytes", aBytes, nBytes);
  db_bind_text(&q, ":text", zText);
  db_bind_text(&q, ":x", zExtraction);
  return db_run(&q, e, "plan");
}

/* Run a one-plan query q (already bound) into p. */
static int plan_one(Stmt *q, Plan *p, Err *e, const char *zWhat){
  memset(p, 0, sizeof(*p));
  int rc = db_step(q);
  if( rc==SQLITE_ROW ) plan_from_row(q, p);
  db_finalize(q);
  if( rc==SQLITE_ROW ) return 0;
  if( rc==SQLITE_DONE ) return err_set(e, ERR_NOTFOUND, "%s", zWhat);
  return db_err(q->s, e, "plan");
}

/* See store.h. */
int store_plan_get(Store *s, int id, Plan *p, Err *e){
  Stmt q;
  char zWhat[64];
  if( id==0 ){
    db_prepare(s, &q, "SELECT " PLAN_COLUMNS " FROM plan p ORDER BY p.id DESC LIMIT 1");
    snprintf(zWhat, sizeof(zWhat), "no plan imported yet (luoshi import FILE)");
  }else{
    db_prepare(s, &q, "SELECT " PLAN_COLUMNS " FROM plan p WHERE p.id=:id");
    db_bind_int(&q, ":id", id);
    snprintf(zWhat, sizeof(zWhat), "no plan %d", id);
  }
  return plan_one(&q, p, e, zWhat);
}

/* See store.h. */
int store_plan_by_sha(Store *s, const char *zSha, Plan *p, Err *e){
  Stmt q;
  db_prepare(s, &q, "SELECT " PLAN_COLUMNS " FROM plan p WHERE p.sha256=:sha");
  db_bind_text(&q, ":sha", zSha);
  return plan_one(&q, p, e, "no plan with that sha256");
}

/* See store.h. */
int store_plan_list(Store *s, Plan **pa, int *pn, Err *e){
  Stmt q;
  Plan *a = 0;
  int n = 0, nAlloc = 0, rc;
  db_prepare(s, &q, "SELECT " PLAN_COLUMNS " FROM plan p ORDER BY p.id DESC");
  while( (rc = db_step(&q))==SQLITE_ROW ) plan_from_row(&q, ARRAY_PUSH(a, n, nAlloc));
  db_finalize(&q);
  *pa = a;
  *pn = n;
  return rc==SQLITE_DONE ? 0 : db_err(s, e, "plans");
}

/* See store.h. */
int store_plan_source(Store *s, int id, char **pz, Err *e){
  Stmt q;
  db_prepare(s, &q, "SELECT text FROM plan_source WHERE plan_id=:id");
  db_bind_int(&q, ":id", id);
  int rc = db_step(&q);
  *pz = rc==SQLITE_ROW ? xstrdup(db_column_text(&q, 0)) : 0;
  db_finalize(&q);
  if( rc==SQLITE_ROW ) return 0;
  return rc==SQLITE_DONE ? err_set(e, ERR_NOTFOUND, "no plan %d", id) : db_err(s, e, "plan");
}

/* See store.h. */
int store_plan_publish(Store *s, int id, const char *zAt, Err *e){
  Stmt q;
  db_prepare(s, &q, "UPDATE plan SET state='published', published_at=:at WHERE id=:id");
  db_bind_text(&q, ":at", zAt);
  db_bind_int(&q, ":id", id);
  if( db_run(&q, e, "publish") ) return -1;
  db_prepare(s, &q, "UPDATE task SET state='published' WHERE plan_id=:id AND state='draft'");
  db_bind_int(&q, ":id", id);
  return db_run(&q, e, "publish");
}

/* ---- outline ---- */

/* See store.h. */
int store_node_insert(Store *s, const Node *n, int *pId, Err *e){
  Stmt q;
  db_prepare(s, &q, "INSERT INTO node(plan_id, parent_id, level, part, label, title, seq,"
                    " span_start, span_end, inferred) VALUES(:plan, :parent, :level, :part,"
                    " :label, :title, :seq, :s, :e, :inf)");
  db_bind_int(&q, ":plan", n->planId);
  db_bind_id(&q, ":parent", n->parentId);
  db_bind_int(&q, ":level", n->level);
  db_bind_text(&q, ":part", n->zPart);
  db_bind_text(&q, ":label", n->zLabel ? n->zLabel : "");
  db_bind_text(&q, ":title", n->zTitle ? n->zTitle : "");
  db_bind_text(&q, ":seq", n->zSeq);
  db_bind_int(&q, ":s", n->iStart);
  db_bind_int(&q, ":e", n->iEnd);
  db_bind_int(&q, ":inf", n->inferred);
  if( db_run(&q, e, "node") ) return -1;
  *pId = (int)sqlite3_last_insert_rowid(s->db);
  return 0;
}

/* See store.h. */
int store_node_list(Store *s, int planId, Node **pa, int *pn, Err *e){
  Stmt q;
  Node *a = 0;
  int n = 0, nAlloc = 0, rc;
  db_prepare(s, &q, "SELECT id, plan_id, parent_id, level, part, label, title, seq,"
                    " span_start, span_end, inferred FROM node WHERE plan_id=:plan ORDER BY id");
  db_bind_int(&q, ":plan", planId);
  while( (rc = db_step(&q))==SQLITE_ROW ){
    Node *p = ARRAY_PUSH(a, n, nAlloc);
    p->id = (int)db_column_int(&q, 0);
    p->planId = (int)db_column_int(&q, 1);
    p->parentId = (int)db_column_int(&q, 2);
    p->level = (int)db_column_int(&q, 3);
    p->zPart = db_column_dup(&q, 4);
    p->zLabel = db_column_dup(&q, 5);
    p->zTitle = db_column_dup(&q, 6);
    p->zSeq = db_column_dup(&q, 7);
    p->iStart = (int)db_column_int(&q, 8);
    p->iEnd = (int)db_column_int(&q, 9);
    p->inferred = (int)db_column_int(&q, 10);
  }
  db_finalize(&q);
  *pa = a;
  *pn = n;
  return rc==SQLITE_DONE ? 0 : db_err(s, e, "outline");
}

/* ---- tasks ---- */

/* Replace the co-responsible units of task t. */
static int task_co_write(Store *s, const Task *t, Err *e){
  Stmt q;
  db_prepare(s, &q, "DELETE FROM task_co WHERE task_id=:id");
  db_bind_int(&q, ":id", t->id);
  if( db_run(&q, e, "task units") ) return -1;
  for(int i=0; i<t->nCo; i++){
    db_prepare(s, &q, "INSERT OR IGNORE INTO task_co(task_id, unit_id, ord) VALUES(:id, :unit, :ord)");
    db_bind_int(&q, ":id", t->id);
    db_bind_int(&q, ":unit", t->aCoId[i]);
    db_bind_int(&q, ":ord", i+1);
    if( db_run(&q, e, "task units") ) return -1;
  }
  return 0;
}

/* See store.h. */
int store_task_insert(Store *s, const Task *t, int *pId, Err *e){
  Stmt q;
  db_prepare(s, &q, "INSERT INTO task(plan_id, node_id, ord, seq, text, span_start, span_end,"
                    " deadline, deadline_text, deadline_explicit, dl_start, dl_end, lead_unit_id,"
                    " state, machine, edited) VALUES(:plan, :node, :ord, :seq, :text, :s, :e,"
                    " :dl, :dltext, :dlexp, :dls, :dle, :lead, :state, :machine, :edited)");
  db_bind_int(&q, ":plan", t->planId);
  db_bind_id(&q, ":node", t->nodeId);
  db_bind_int(&q, ":ord", t->ord);
  db_bind_text(&q, ":seq", t->zSeq);
  db_bind_text(&q, ":text", t->zText);
  db_bind_int(&q, ":s", t->iStart);
  db_bind_int(&q, ":e", t->iEnd);
  db_bind_text(&q, ":dl", t->zDeadline);
  db_bind_text(&q, ":dltext", t->zDeadlineText);
  db_bind_int(&q, ":dlexp", t->deadlineExplicit);
  db_bind_int(&q, ":dls", t->iDlStart);
  db_bind_int(&q, ":dle", t->iDlEnd);
  db_bind_id(&q, ":lead", t->leadId);
  db_bind_text(&q, ":state", t->zState ? t->zState : "draft");
  db_bind_text(&q, ":machine", t->zMachine ? t->zMachine : "{}");
  db_bind_text(&q, ":edited", t->zEdited ? t->zEdited : "");
  if( db_run(&q, e, "task") ) return -1;
  Task t2 = *t;
  t2.id = *pId = (int)sqlite3_last_insert_rowid(s->db);
  return task_co_write(s, &t2, e);
}

/* See store.h. */
int store_task_update(Store *s, const Task *t, Err *e){
  Stmt q;
  db_prepare(s, &q, "UPDATE task SET text=:text, deadline=:dl, lead_unit_id=:lead, state=:state,"
                    " closed_at=:closed, close_reason=:reason, edited=:edited WHERE id=:id");
  db_bind_text(&q, ":text", t->zText);
  db_bind_text(&q, ":dl", t->zDeadline);
  db_bind_id(&q, ":lead", t->leadId);
  db_bind_text(&q, ":state", t->zState);
  db_bind_text0(&q, ":closed", t->zClosedAt);
  db_bind_text(&q, ":reason", t->zCloseReason);
  db_bind_text(&q, ":edited", t->zEdited ? t->zEdited : "");
  db_bind_int(&q, ":id", t->id);
  if( db_run(&q, e, "task") ) return -1;
  return task_co_write(s, t, e);
}

#define TASK_COLUMNS "t.id, t.plan_id, t.node_id, t.ord, t.seq, t.text, t.span_start," \
  " t.span_end, t.deadline, t.deadline_text, t.deadline_explicit, t.dl_start, t.dl_end," \
  " t.lead_unit_id, u.name, t.state, t.closed_at, t.close_reason, t.edited, t.machine"

/* Fill t from a row of TASK_COLUMNS. */
static void task_from_row(Stmt *q, Task *t){
  t->id = (int)db_column_int(q, 0);
  t->planId = (int)db_column_int(q, 1);
  t->nodeId = (int)db_column_int(q, 2);
  t->ord = (int)db_column_int(q, 3);
  t->zSeq = db_column_dup(q, 4);
  t->zText = db_column_dup(q, 5);
  t->iStart = (int)db_column_int(q, 6);
  t->iEnd = (int)db_column_int(q, 7);
  db_column_copy(q, 8, t->zDeadline, sizeof(t->zDeadline));
  t->zDeadlineText = db_column_dup(q, 9);
  t->deadlineExplicit = (int)db_column_int(q, 10);
  t->iDlStart = (int)db_column_int(q, 11);
  t->iDlEnd = (int)db_column_int(q, 12);
  t->leadId = (int)db_column_int(q, 13);
  t->zLead = db_column_dup(q, 14);
  t->zState = db_column_dup(q, 15);
  db_column_copy(q, 16, t->zClosedAt, sizeof(t->zClosedAt));
  t->zCloseReason = db_column_dup(q, 17);
  t->zEdited = db_column_dup(q, 18);
  t->zMachine = db_column_dup(q, 19);
}

#define TARGET_COLUMNS "g.id, g.task_id, g.ord, g.text, g.subject, g.value, g.value_max," \
  " g.unit, g.cmp, g.strength, g.span_start, g.span_end, g.origin, g.machine, g.removed"

/* Fill g from a row of TARGET_COLUMNS. */
static void target_from_row(Stmt *q, Target *g){
  g->id = (int)db_column_int(q, 0);
  g->taskId = (int)db_column_int(q, 1);
  g->ord = (int)db_column_int(q, 2);
  g->zText = db_column_dup(q, 3);
  g->zSubject = db_column_dup(q, 4);
  g->value = db_column_double(q, 5);
  g->valueMax = db_column_is_null(q, 6) ? g->value : db_column_double(q, 6);
  g->zUnit = db_column_dup(q, 7);
  g->zCmp = db_column_dup(q, 8);
  g->zStrength = db_column_dup(q, 9);
  g->iStart = (int)db_column_int(q, 10);
  g->iEnd = (int)db_column_int(q, 11);
  g->zOrigin = db_column_dup(q, 12);
  g->zMachine = db_column_dup(q, 13);
  g->removed = (int)db_column_int(q, 14);
}

/* Index of the task with id in a[0..n) (sorted by ord, ids ascending in
** insertion order, so binary search by id is not possible in general);
** uses a hint for the common sequential case. */
static int task_index(Task *a, int n, int id, int *pHint){
  int h = *pHint;
  if( h>=0 && h<n && a[h].id==id ) return h;
  if( h+1>=0 && h+1<n && a[h+1].id==id ){ *pHint = h+1; return h+1; }
  for(int i=0; i<n; i++) if( a[i].id==id ){ *pHint = i; return i; }
  return -1;
}

/* Load co units and live targets (also removed ones when bRemoved) for
** tasks a[0..n) of plan planId (one query each), restricted to those
** tasks. */
static int task_attach(Store *s, int planId, int oneId, int bRemoved, Task *a, int n, Err *e){
  Stmt q;
  int rc, hint = 0;
  if( oneId ){
    db_prepare(s, &q, "SELECT c.task_id, c.unit_id, u.name FROM task_co c JOIN unit u ON u.id=c.unit_id"
                      " WHERE c.task_id=:id ORDER BY c.task_id, c.ord");
    db_bind_int(&q, ":id", oneId);
  }else{
    db_prepare(s, &q, "SELECT c.task_id, c.unit_id, u.name FROM task_co c JOIN unit u ON u.id=c.unit_id"
                      " JOIN task t ON t.id=c.task_id WHERE t.plan_id=:plan ORDER BY c.task_id, c.ord");
    db_bind_int(&q, ":plan", planId);
  }
  while( (rc = db_step(&q))==SQLITE_ROW ){
    int i = task_index(a, n, (int)db_column_int(&q, 0), &hint);
    if( i<0 ) continue;
    Task *t = &a[i];
    t->aCoId = xrealloc(t->aCoId, sizeof(int)*(size_t)(t->nCo+1));
    t->azCo = xrealloc(t->azCo, sizeof(char*)*(size_t)(t->nCo+1));
    t->aCoId[t->nCo] = (int)db_column_int(&q, 1);
    t->azCo[t->nCo] = db_column_dup(&q, 2);
    t->nCo++;
  }
  db_finalize(&q);
  if( rc!=SQLITE_DONE ) return db_err(s, e, "task units");
  if( oneId ){
    db_prepare(s, &q, "SELECT " TARGET_COLUMNS " FROM target g WHERE g.task_id=:id"
                      " AND (:all OR NOT g.removed) ORDER BY g.task_id, g.ord, g.id");
    db_bind_int(&q, ":id", oneId);
    db_bind_int(&q, ":all", bRemoved);
  }else{
    db_prepare(s, &q, "SELECT " TARGET_COLUMNS " FROM target g JOIN task t ON t.id=g.task_id"
                      " WHERE t.plan_id=:plan AND (:all OR NOT g.removed) ORDER BY g.task_id, g.ord, g.id");
    db_bind_int(&q, ":plan", planId);
    db_bind_int(&q, ":all", bRemoved);
  }
  while( (rc = db_step(&q))==SQLITE_ROW ){
    int i = task_index(a, n, (int)db_column_int(&q, 1), &hint);
    if( i<0 ) continue;
    Task *t = &a[i];
    t->aTarget = xrealloc(t->aTarget, sizeof(Target)*(size_t)(t->nTarget+1));
    memset(&t->aTarget[t->nTarget], 0, sizeof(Target));
    target_from_row(&q, &t->aTarget[t->nTarget++]);
  }
  db_finalize(&q);
  return rc==SQLITE_DONE ? 0 : db_err(s, e, "targets");
}

/* See store.h. */
int store_task_get(Store *s, int id, Task *t, Err *e){
  Stmt q;
  memset(t, 0, sizeof(*t));
  db_prepare(s, &q, "SELECT " TASK_COLUMNS " FROM task t LEFT JOIN unit u ON u.id=t.lead_unit_id"
                    " WHERE t.id=:id");
  db_bind_int(&q, ":id", id);
  int rc = db_step(&q);
  if( rc==SQLITE_ROW ) task_from_row(&q, t);
  db_finalize(&q);
  if( rc==SQLITE_DONE ) return err_set(e, ERR_NOTFOUND, "no task %d", id);
  if( rc!=SQLITE_ROW ) return db_err(s, e, "task");
  return task_attach(s, t->planId, id, 0, t, 1, e);
}

/* See store.h. */
int store_task_by_seq(Store *s, int planId, const char *zSeq, int *pId, Err *e){
  Stmt q;
  db_prepare(s, &q, "SELECT id FROM task WHERE plan_id=:plan AND seq=:seq ORDER BY ord LIMIT 1");
  db_bind_int(&q, ":plan", planId);
  db_bind_text(&q, ":seq", zSeq);
  int rc = db_step(&q);
  if( rc==SQLITE_ROW ) *pId = (int)db_column_int(&q, 0);
  db_finalize(&q);
  if( rc==SQLITE_ROW ) return 0;
  return rc==SQLITE_DONE ? err_set(e, ERR_NOTFOUND, "no task %s", zSeq) : db_err(s, e, "task");
}

/* See store.h. */
int store_task_list(Store *s, const TaskQuery *pq, Task **pa, int *pn, Err *e){
  Stmt q;
  Task *a = 0;
  int n = 0, nAlloc = 0, rc;
  char *zLike = pq->zSeq ? xprintf("%s.*", pq->zSeq) : 0;
  db_prepare(s, &q, "SELECT " TASK_COLUMNS " FROM task t LEFT JOIN unit u ON u.id=t.lead_unit_id"
                    " WHERE t.plan_id=:plan"
                    "   AND (:unit IS NULL OR t.lead_unit_id=:unit"
                    "        OR EXISTS(SELECT 1 FROM task_co c WHERE c.task_id=t.id AND c.unit_id=:unit))"
                    "   AND (:seq IS NULL OR t.seq=:seq OR t.seq GLOB :like)"
                    " ORDER BY t.ord, t.id");
  db_bind_int(&q, ":plan", pq->planId);
  db_bind_id(&q, ":unit", pq->unitId);
  db_bind_text(&q, ":seq", pq->zSeq);
  db_bind_text(&q, ":like", zLike);
  while( (rc = db_step(&q))==SQLITE_ROW ) task_from_row(&q, ARRAY_PUSH(a, n, nAlloc));
  db_finalize(&q);
  free(zLike);
  *pa = a;
  *pn = n;
  if( rc!=SQLITE_DONE ) return db_err(s, e, "tasks");
  return task_attach(s, pq->planId, 0, pq->bRemoved, a, n, e);
}

/* See store.h. */
int store_task_count(Store *s, int planId, int *pn, Err *e){
  Stmt q;
  db_prepare(s, &q, "SELECT count(*) FROM task WHERE plan_id=:plan");
  db_bind_int(&q, ":plan", planId);
  int rc = db_step(&q);
  *pn = rc==SQLITE_ROW ? (int)db_column_int(&q, 0) : 0;
  db_finalize(&q);
  return rc==SQLITE_ROW ? 0 : db_err(s, e, "tasks");
}

/* ---- targets ---- */

/* Bind the fields of g common to insert and update. */
static void target_bind(Stmt *q, const Target *g){
  db_bind_text(q, ":text", g->zText ? g->zText : "");
  db_bind_text(q, ":subject", g->zSubject ? g->zSubject : "");
  db_bind_double(q, ":value", g->value);
  if( g->zCmp && strcmp(g->zCmp, "range")==0 ) db_bind_double(q, ":vmax", g->valueMax);
  else db_bind_text(q, ":vmax", 0);
  db_bind_text(q, ":unit", g->zUnit ? g->zUnit : "");
  db_bind_text(q, ":cmp", g->zCmp ? g->zCmp : "=");
  db_bind_text(q, ":strength", g->zStrength ? g->zStrength : "plain");
  db_bind_text(q, ":machine", g->zMachine);
  db_bind_int(q, ":removed", g->removed);
}

/* See store.h. */
int store_target_insert(Store *s, const Target *g, int *pId, Err *e){
  Stmt q;
  db_prepare(s, &q, "INSERT INTO target(task_id, ord, text, subject, value, value_max, unit, cmp,"
                    " strength, span_start, span_end, origin, machine, removed) VALUES(:task, :ord,"
                    " :text, :subject, :value, :vmax, :unit, :cmp, :strength, :s, :e, :origin,"
                    " :machine, :removed)");
  db_bind_int(&q, ":task", g->taskId);
  db_bind_int(&q, ":ord", g->ord);
  db_bind_int(&q, ":s", g->iStart);
  db_bind_int(&q, ":e", g->iEnd);
  db_bind_text(&q, ":origin", g->zOrigin ? g->zOrigin : "manual");
  target_bind(&q, g);
  if( db_run(&q, e, "target") ) return -1;
  if( pId ) *pId = (int)sqlite3_last_insert_rowid(s->db);
  return 0;
}

/* See store.h. */
int store_target_update(Store *s, const Target *g, Err *e){
  Stmt q;
  db_prepare(s, &q, "UPDATE target SET text=:text, subject=:subject, value=:value, value_max=:vmax,"
                    " unit=:unit, cmp=:cmp, strength=:strength, machine=:machine, removed=:removed"
                    " WHERE id=:id");
  target_bind(&q, g);
  db_bind_int(&q, ":id", g->id);
  return db_run(&q, e, "target");
}

/* See store.h. */
int store_target_get(Store *s, int id, Target *g, Err *e){
  Stmt q;
  memset(g, 0, sizeof(*g));
  db_prepare(s, &q, "SELECT " TARGET_COLUMNS " FROM target g WHERE g.id=:id");
  db_bind_int(&q, ":id", id);
  int rc = db_step(&q);
  if( rc==SQLITE_ROW ) target_from_row(&q, g);
  db_finalize(&q);
  if( rc==SQLITE_ROW ) return 0;
  return rc==SQLITE_DONE ? err_set(e, ERR_NOTFOUND, "no target %d", id) : db_err(s, e, "target");
}

/* ---- reports ---- */

/* See store.h. */
int store_report_insert(Store *s, const Report *r, int *pId, Err *e){
  Stmt q;
  db_prepare(s, &q, "INSERT INTO report(task_id, target_id, period, is_percent, value, note,"
                    " author_id, created_at, state, resubmits) VALUES(:task, :target, :period,"
                    " :pct, :value, :note, :author, :at, 0, :resub)");
  db_bind_int(&q, ":task", r->taskId);
  db_bind_id(&q, ":target", r->targetId);
  db_bind_text(&q, ":period", r->zPeriod);
  db_bind_int(&q, ":pct", r->isPercent);
  db_bind_double(&q, ":value", r->value);
  db_bind_text(&q, ":note", r->zNote ? r->zNote : "");
  db_bind_int(&q, ":author", r->authorId);
  db_bind_text(&q, ":at", r->zCreatedAt);
  db_bind_id(&q, ":resub", r->resubmits);
  if( db_run(&q, e, "report") ) return -1;
  *pId = (int)sqlite3_last_insert_rowid(s->db);
  return 0;
}

/* See store.h. */
int store_report_review(Store *s, int id, int state, int reviewerId, const char *zAt,
                        const char *zComment, Err *e){
  Stmt q;
  db_prepare(s, &q, "UPDATE report SET state=:state, reviewer_id=:rev, reviewed_at=:at,"
                    " review_comment=:comment WHERE id=:id AND state=0");
  db_bind_int(&q, ":state", state);
  db_bind_int(&q, ":rev", reviewerId);
  db_bind_text(&q, ":at", zAt);
  db_bind_text(&q, ":comment", zComment);
  db_bind_int(&q, ":id", id);
  if( db_run(&q, e, "review") ) return -1;
  if( sqlite3_changes(s->db)!=1 ) return err_set(e, ERR_CONFLICT, "report %d was already reviewed", id);
  return 0;
}

#define REPORT_COLUMNS "r.id, r.task_id, r.target_id, r.period, r.is_percent, r.value, r.note," \
  " r.author_id, a.login, r.created_at, r.state, r.reviewer_id, v.login, r.reviewed_at," \
  " r.review_comment, r.resubmits"
#define REPORT_FROM " FROM report r JOIN user a ON a.id=r.author_id LEFT JOIN user v ON v.id=r.reviewer_id"

/* Fill r from a row of REPORT_COLUMNS. */
static void report_from_row(Stmt *q, Report *r){
  r->id = (int)db_column_int(q, 0);
  r->taskId = (int)db_column_int(q, 1);
  r->targetId = (int)db_column_int(q, 2);
  db_column_copy(q, 3, r->zPeriod, sizeof(r->zPeriod));
  r->isPercent = (int)db_column_int(q, 4);
  r->value = db_column_double(q, 5);
  r->zNote = db_column_dup(q, 6);
  r->authorId = (int)db_column_int(q, 7);
  r->zAuthor = db_column_dup(q, 8);
  db_column_copy(q, 9, r->zCreatedAt, sizeof(r->zCreatedAt));
  r->state = (int)db_column_int(q, 10);
  r->reviewerId = (int)db_column_int(q, 11);
  r->zReviewer = db_column_dup(q, 12);
  db_column_copy(q, 13, r->zReviewedAt, sizeof(r->zReviewedAt));
  r->zComment = db_column_dup(q, 14);
  r->resubmits = (int)db_column_int(q, 15);
}

/* Attach the evidence list to report r. */
static int report_evidence(Store *s, Report *r, Err *e){
  Stmt q;
  int rc, nAlloc = 0;
  db_prepare(s, &q, "SELECT id, report_id, name, sha256, size FROM evidence WHERE report_id=:id ORDER BY id");
  db_bind_int(&q, ":id", r->id);
  while( (rc = db_step(&q))==SQLITE_ROW ){
    Evidence *v = ARRAY_PUSH(r->aEvidence, r->nEvidence, nAlloc);
    v->id = (int)db_column_int(&q, 0);
    v->reportId = (int)db_column_int(&q, 1);
    v->zName = db_column_dup(&q, 2);
    db_column_copy(&q, 3, v->zSha256, sizeof(v->zSha256));
    v->size = db_column_int(&q, 4);
  }
  db_finalize(&q);
  return rc==SQLITE_DONE ? 0 : db_err(s, e, "evidence");
}

/* See store.h. */
int store_report_get(Store *s, int id, Report *r, Err *e){
  Stmt q;
  memset(r, 0, sizeof(*r));
  db_prepare(s, &q, "SELECT " REPORT_COLUMNS REPORT_FROM " WHERE r.id=:id");
  db_bind_int(&q, ":id", id);
  int rc = db_step(&q);
  if( rc==SQLITE_ROW ) report_from_row(&q, r);
  db_finalize(&q);
  if( rc==SQLITE_DONE ) return err_set(e, ERR_NOTFOUND, "no report %d", id);
  if( rc!=SQLITE_ROW ) return db_err(s, e, "report");
  return report_evidence(s, r, e);
}

/* See store.h. */
int store_report_list(Store *s, int taskId, int planId, Report **pa, int *pn, Err *e){
  Stmt q;
  Report *a = 0;
  int n = 0, nAlloc = 0, rc;
  if( taskId ){
    db_prepare(s, &q, "SELECT " REPORT_COLUMNS REPORT_FROM " WHERE r.task_id=:task ORDER BY r.id DESC");
    db_bind_int(&q, ":task", taskId);
  }else{
    db_prepare(s, &q, "SELECT " REPORT_COLUMNS REPORT_FROM " JOIN task t ON t.id=r.task_id"
                      " WHERE t.plan_id=:plan ORDER BY r.id DESC");
    db_bind_int(&q, ":plan", planId);
  }
  while( (rc = db_step(&q))==SQLITE_ROW ) report_from_row(&q, ARRAY_PUSH(a, n, nAlloc));
  db_finalize(&q);
  *pa = a;
  *pn = n;
  if( rc!=SQLITE_DONE ) return db_err(s, e, "reports");
  for(int i=0; i<n; i++) if( report_evidence(s, &a[i], e) ) return -1;
  return 0;
}

/* See store.h. */
int store_evidence_insert(Store *s, int reportId, const char *zName, const char *zSha,
                          const void *a, size_t n, int *pId, Err *e){
  Stmt q;
  db_prepare(s, &q, "INSERT INTO evidence(report_id, name, sha256, size, content)"
                    " VALUES(:report, :name, :sha, :size, :content)");
  db_bind_int(&q, ":report", reportId);
  db_bind_text(&q, ":name", zName);
  db_bind_text(&q, ":sha", zSha);
  db_bind_int(&q, ":size", (sqlite3_int64)n);
  db_bind_blob(&q, ":content", a, n);
  if( db_run(&q, e, "evidence") ) return -1;
  if( pId ) *pId = (int)sqlite3_last_insert_rowid(s->db);
  return 0;
}

/* See store.h. */
int store_evidence_data(Store *s, int id, Evidence *v, void **pa, size_t *pn, Err *e){
  Stmt q;
  memset(v, 0, sizeof(*v));
  *pa = 0;
  *pn = 0;
  db_prepare(s, &q, "SELECT id, report_id, name, sha256, size, content FROM evidence WHERE id=:id");
  db_bind_int(&q, ":id", id);
  int rc = db_step(&q);
  if( rc==SQLITE_ROW ){
    v->id = (int)db_column_int(&q, 0);
    v->reportId = (int)db_column_int(&q, 1);
    v->zName = db_column_dup(&q, 2);
    db_column_copy(&q, 3, v->zSha256, sizeof(v->zSha256));
    v->size = db_column_int(&q, 4);
    size_t n = (size_t)sqlite3_column_bytes(q.p, 5);
    *pa = xmalloc(n);
    if( n ) memcpy(*pa, sqlite3_column_blob(q.p, 5), n);
    *pn = n;
  }
  db_finalize(&q);
  if( rc==SQLITE_ROW ) return 0;
  return rc==SQLITE_DONE ? err_set(e, ERR_NOTFOUND, "no evidence %d", id) : db_err(s, e, "evidence");
}

/* See store.h. */
int store_report_facts(Store *s, int planId, int taskId, ReportFact **pa, int *pn, Err *e){
  Stmt q;
  ReportFact *a = 0;
  int n = 0, nAlloc = 0, rc;
  if( taskId ){
    db_prepare(s, &q, "SELECT r.task_id, r.target_id, r.period, r.is_percent, r.value, r.state,"
                      " r.created_at, r.reviewed_at FROM report r WHERE r.task_id=:task ORDER BY r.id");
    db_bind_int(&q, ":task", taskId);
  }else{
    db_prepare(s, &q, "SELECT r.task_id, r.target_id, r.period, r.is_percent, r.value, r.state,"
                      " r.created_at, r.reviewed_at FROM report r JOIN task t ON t.id=r.task_id"
                      " WHERE t.plan_id=:plan ORDER BY r.task_id, r.id");
    db_bind_int(&q, ":plan", planId);
  }
  while( (rc = db_step(&q))==SQLITE_ROW ){
    ReportFact *f = ARRAY_PUSH(a, n, nAlloc);
    f->taskId = (int)db_column_int(&q, 0);
    f->targetId = db_column_int(&q, 3) ? 0 : (int)db_column_int(&q, 1);
    db_column_copy(&q, 2, f->r.zPeriod, sizeof(f->r.zPeriod));
    f->r.value = db_column_double(&q, 4);
    f->r.state = (int)db_column_int(&q, 5);
    db_column_copy(&q, 6, f->r.zFiled, sizeof(f->r.zFiled));
    db_column_copy(&q, 7, f->r.zReviewed, sizeof(f->r.zReviewed));
    f->r.iTarget = -1;
  }
  db_finalize(&q);
  *pa = a;
  *pn = n;
  return rc==SQLITE_DONE ? 0 : db_err(s, e, "reports");
}

/* ---- audit log ---- */

/* See store.h.  Also moves the recorded head of the chain. */
int store_event_insert(Store *s, const Event *v, Err *e){
  Stmt q;
  db_prepare(s, &q, "INSERT INTO event(id, at, actor, action, obj_type, obj_id, task_id, before,"
                    " after, prev_hash, hash) VALUES(:id, :at, :actor, :action, :type, :obj,"
                    " :task, :before, :after, :prev, :hash)");
  db_bind_int(&q, ":id", v->id);
  db_bind_text(&q, ":at", v->zAt);
  db_bind_text(&q, ":actor", v->zActor);
  db_bind_text(&q, ":action", v->zAction);
  db_bind_text(&q, ":type", v->zObjType);
  db_bind_int(&q, ":obj", v->objId);
  db_bind_id(&q, ":task", v->taskId);
  db_bind_text(&q, ":before", v->zBefore);
  db_bind_text(&q, ":after", v->zAfter);
  db_bind_text(&q, ":prev", v->zPrevHash);
  db_bind_text(&q, ":hash", v->zHash);
  if( db_run(&q, e, "audit log") ) return -1;
  db_prepare(s, &q, "UPDATE audit_head SET n=:n, hash=:hash WHERE one=1");
  db_bind_int(&q, ":n", v->id);
  db_bind_text(&q, ":hash", v->zHash);
  return db_run(&q, e, "audit log");
}

#define EVENT_COLUMNS "id, at, actor, action, obj_type, obj_id, task_id, before, after," \
  " prev_hash, hash"

/* Fill v from a row of EVENT_COLUMNS. */
static void event_from_row(Stmt *q, Event *v){
  v->id = db_column_int(q, 0);
  db_column_copy(q, 1, v->zAt, sizeof(v->zAt));
  v->zActor = db_column_dup(q, 2);
  v->zAction = db_column_dup(q, 3);
  v->zObjType = db_column_dup(q, 4);
  v->objId = db_column_int(q, 5);
  v->taskId = (int)db_column_int(q, 6);
  v->zBefore = db_column_dup(q, 7);
  v->zAfter = db_column_dup(q, 8);
  db_column_copy(q, 9, v->zPrevHash, sizeof(v->zPrevHash));
  db_column_copy(q, 10, v->zHash, sizeof(v->zHash));
}

/* See store.h. */
int store_event_last(Store *s, Event *v, Err *e){
  Stmt q;
  memset(v, 0, sizeof(*v));
  db_prepare(s, &q, "SELECT " EVENT_COLUMNS " FROM event ORDER BY id DESC LIMIT 1");
  int rc = db_step(&q);
  if( rc==SQLITE_ROW ) event_from_row(&q, v);
  db_finalize(&q);
  if( rc==SQLITE_ROW ) return 0;
  return rc==SQLITE_DONE ? err_set(e, ERR_NOTFOUND, "the audit log is empty") : db_err(s, e, "audit log");
}

/* See store.h. */
int store_event_list(Store *s, int taskId, Event **pa, int *pn, Err *e){
  Stmt q;
  Event *a = 0;
  int n = 0, nAlloc = 0, rc;
  db_prepare(s, &q, "SELECT " EVENT_COLUMNS " FROM event WHERE :task IS NULL OR task_id=:task ORDER BY id");
  db_bind_id(&q, ":task", taskId);
  while( (rc = db_step(&q))==SQLITE_ROW ) event_from_row(&q, ARRAY_PUSH(a, n, nAlloc));
  db_finalize(&q);
  *pa = a;
  *pn = n;
  return rc==SQLITE_DONE ? 0 : db_err(s, e, "audit log");
}

/* Order of events by id. */
static int event_id_cmp(const void *a, const void *b){
  const Event *x = a, *y = b;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* See store.h.  The action list must stay the same as the WHERE clause of
** the partial index event_change (migration 4 -> 5), or the planner will
** not use it; +task_id keeps it from preferring event_task, which holds
** every report's entries too.  Read in index order, sorted by id here. */
int store_task_changes(Store *s, int planId, const char *zFrom, Event **pa, int *pn, Err *e){
  Stmt q;
  Event *a = 0;
  int n = 0, nAlloc = 0, rc;
  db_prepare(s, &q, "SELECT " EVENT_COLUMNS " FROM event"
                    " WHERE action IN ('task.edit','task.close','target.add','target.edit','target.rm')"
                    "   AND at>=:from AND +task_id IN (SELECT id FROM task WHERE plan_id=:plan)");
  db_bind_text(&q, ":from", zFrom);
  db_bind_int(&q, ":plan", planId);
  while( (rc = db_step(&q))==SQLITE_ROW ) event_from_row(&q, ARRAY_PUSH(a, n, nAlloc));
  db_finalize(&q);
  if( n>1 ) qsort(a, (size_t)n, sizeof(Event), event_id_cmp);
  *pa = a;
  *pn = n;
  return rc==SQLITE_DONE ? 0 : db_err(s, e, "audit log");
}

/* See store.h. */
int store_event_scan(Store *s, int (*x)(const Event*, void*), void *pArg, Err *e){
  Stmt q;
  int rc;
  db_prepare(s, &q, "SELECT " EVENT_COLUMNS " FROM event ORDER BY id");
  while( (rc = db_step(&q))==SQLITE_ROW ){
    Event v;
    memset(&v, 0, sizeof(v));
    event_from_row(&q, &v);
    int stop = x(&v, pArg);
    event_clear(&v);
    if( stop ){ rc = SQLITE_DONE; break; }
  }
  db_finalize(&q);
  return rc==SQLITE_DONE ? 0 : db_err(s, e, "audit log");
}

/* See store.h. */
int store_audit_head(Store *s, long long *pn, char zHash[65], Err *e){
  Stmt q;
  db_prepare(s, &q, "SELECT n, hash FROM audit_head WHERE one=1");
  int rc = db_step(&q);
  *pn = 0;
  zHash[0] = 0;
  if( rc==SQLITE_ROW ){
    *pn = db_column_int(&q, 0);
    db_column_copy(&q, 1, zHash, 65);
  }
  db_finalize(&q);
  return rc==SQLITE_ROW ? 0 : db_err(s, e, "audit head");
}

/* ---- sessions, bearer tokens, search (for the web server) ---- */

/* See store.h. */
int store_session_insert(Store *s, const char *zHash, int userId, const char *zCsrf,
                         const char *zCreated, const char *zExpires, Err *e){
  Stmt q;
  db_prepare(s, &q, "INSERT INTO session(hash, user_id, csrf, created, expires)"
                    " VALUES(:hash, :user, :csrf, :created, :expires)");
  db_bind_text(&q, ":hash", zHash);
  db_bind_int(&q, ":user", userId);
  db_bind_text(&q, ":csrf", zCsrf);
  db_bind_text(&q, ":created", zCreated);
  db_bind_text(&q, ":expires", zExpires);
  return db_run(&q, e, "session");
}

/* See store.h. */
int store_session_get(Store *s, const char *zHash, char **pzLogin, char *zCsrf, size_t nCsrf,
                      char zExpires[20], Err *e){
  Stmt q;
  *pzLogin = 0;
  db_prepare(s, &q, "SELECT u.login, s.csrf, s.expires FROM session s JOIN user u ON u.id=s.user_id"
                    " WHERE s.hash=:hash");
  db_bind_text(&q, ":hash", zHash);
  int rc = db_step(&q);
  if( rc==SQLITE_ROW ){
    *pzLogin = db_column_dup(&q, 0);
    db_column_copy(&q, 1, zCsrf, nCsrf);
    db_column_copy(&q, 2, zExpires, 20);
  }
  db_finalize(&q);
  if( rc==SQLITE_ROW ) return 0;
  return rc==SQLITE_DONE ? err_set(e, ERR_NOTFOUND, "no such session") : db_err(s, e, "session");
}

/* See store.h. */
int store_session_delete(Store *s, const char *zHash, const char *zBefore, Err *e){
  Stmt q;
  if( zHash ){
    db_prepare(s, &q, "DELETE FROM session WHERE hash=:hash");
    db_bind_text(&q, ":hash", zHash);
  }else{
    db_prepare(s, &q, "DELETE FROM session WHERE expires<:before");
    db_bind_text(&q, ":before", zBefore);
  }
  return db_run(&q, e, "session");
}

/* See store.h. */
int store_session_delete_user(Store *s, int userId, int *pn, Err *e){
  Stmt q;
  db_prepare(s, &q, "DELETE FROM session WHERE user_id=:user");
  db_bind_int(&q, ":user", userId);
  if( db_run(&q, e, "session") ) return -1;
  if( pn ) *pn = sqlite3_changes(s->db);
  return 0;
}

/* See store.h. */
int store_token_insert(Store *s, int userId, const char *zName, const char *zHash,
                       const char *zAt, int *pId, Err *e){
  Stmt q;
  db_prepare(s, &q, "INSERT INTO token(user_id, name, hash, created)"
                    " VALUES(:user, :name, :hash, :at)");
  db_bind_int(&q, ":user", userId);
  db_bind_text(&q, ":name", zName);
  db_bind_text(&q, ":hash", zHash);
  db_bind_text(&q, ":at", zAt);
  if( db_run(&q, e, "token") ) return -1;
  if( pId ) *pId = (int)sqlite3_last_insert_rowid(s->db);
  return 0;
}

/* See store.h. */
int store_token_login(Store *s, const char *zHash, char **pzLogin, Err *e){
  Stmt q;
  *pzLogin = 0;
  db_prepare(s, &q, "SELECT u.login FROM token t JOIN user u ON u.id=t.user_id"
                    " WHERE t.hash=:hash AND t.revoked IS NULL");
  db_bind_text(&q, ":hash", zHash);
  int rc = db_step(&q);
  if( rc==SQLITE_ROW ) *pzLogin = db_column_dup(&q, 0);
  db_finalize(&q);
  if( rc==SQLITE_ROW ) return 0;
  return rc==SQLITE_DONE ? err_set(e, ERR_NOTFOUND, "no such token") : db_err(s, e, "token");
}

/* See store.h. */
int store_token_list(Store *s, Token **pa, int *pn, Err *e){
  Stmt q;
  Token *a = 0;
  int n = 0, nAlloc = 0, rc;
  db_prepare(s, &q, "SELECT t.id, u.login, t.name, t.created, t.revoked"
                    " FROM token t JOIN user u ON u.id=t.user_id ORDER BY t.id");
  while( (rc = db_step(&q))==SQLITE_ROW ){
    Token *t = ARRAY_PUSH(a, n, nAlloc);
    t->id = (int)db_column_int(&q, 0);
    t->zLogin = db_column_dup(&q, 1);
    t->zName = db_column_dup(&q, 2);
    db_column_copy(&q, 3, t->zCreated, sizeof(t->zCreated));
    db_column_copy(&q, 4, t->zRevoked, sizeof(t->zRevoked));
  }
  db_finalize(&q);
  *pa = a;
  *pn = n;
  return rc==SQLITE_DONE ? 0 : db_err(s, e, "tokens");
}

/* See store.h. */
int store_token_revoke(Store *s, int id, const char *zAt, Err *e){
  Stmt q;
  db_prepare(s, &q, "UPDATE token SET revoked=:at WHERE id=:id AND revoked IS NULL");
  db_bind_text(&q, ":at", zAt);
  db_bind_int(&q, ":id", id);
  if( db_run(&q, e, "token") ) return -1;
  if( sqlite3_changes(s->db)==0 ) return err_set(e, ERR_NOTFOUND, "no valid token %d", id);
  return 0;
}

/* See store.h.  Terms of three or more characters use the trigram index;
** shorter ones (a trigram index cannot answer them) scan the plan's texts. */
int store_task_search(Store *s, int planId, const char *zTerm, int **paId, int *pn, Err *e){
  Stmt q;
  int *a = 0, n = 0, nAlloc = 0, rc;
  if( utf8_count(zTerm, strlen(zTerm))>=3 ){
    Buf b = BUF_INIT;
    buf_putc(&b, '"');
    for(const char *z=zTerm; *z; z++){
      if( *z=='"' ) buf_putc(&b, '"');
      buf_putc(&b, *z);
    }
    buf_putc(&b, '"');
    db_prepare(s, &q, "SELECT t.id FROM task_fts f JOIN task t ON t.id=f.rowid"
                      " WHERE task_fts MATCH :q AND t.plan_id=:plan ORDER BY t.ord");
    db_bind_text(&q, ":q", buf_str(&b));
    buf_free(&b);
  }else{
    db_prepare(s, &q, "SELECT id FROM task WHERE plan_id=:plan AND instr(text, :q)>0 ORDER BY ord");
    db_bind_text(&q, ":q", zTerm);
  }
  db_bind_int(&q, ":plan", planId);
  while( (rc = db_step(&q))==SQLITE_ROW ) *(int*)ARRAY_PUSH(a, n, nAlloc) = (int)db_column_int(&q, 0);
  db_finalize(&q);
  *paId = a;
  *pn = n;
  return rc==SQLITE_DONE ? 0 : db_err(s, e, "search");
}

/* ---- reminders (remind.c) ---- */

/* See store.h. */
int store_setting_get(Store *s, const char *zName, char **pz, Err *e){
  Stmt q;
  db_prepare(s, &q, "SELECT value FROM setting WHERE name=:name");
  db_bind_text(&q, ":name", zName);
  int rc = db_step(&q);
  *pz = rc==SQLITE_ROW ? db_column_dup(&q, 0) : 0;
  db_finalize(&q);
  return rc==SQLITE_ROW || rc==SQLITE_DONE ? 0 : db_err(s, e, "setting");
}

/* See store.h. */
int store_channel_insert(Store *s, const Channel *c, int *pId, Err *e){
  Stmt q;
  db_prepare(s, &q, "INSERT INTO channel(unit_id, user_id, role, kind, address, secret, name, created)"
                    " VALUES(:unit, :user, :role, :kind, :addr, :secret, :name, :at)");
  db_bind_id(&q, ":unit", c->unitId);
  db_bind_id(&q, ":user", c->userId);
  db_bind_text(&q, ":role", c->zRole);
  db_bind_text(&q, ":kind", c->zKind);
  db_bind_text(&q, ":addr", c->zAddress);
  db_bind_text0(&q, ":secret", c->zSecret);
  db_bind_text(&q, ":name", c->zName ? c->zName : "");
  db_bind_text(&q, ":at", c->zCreated);
  if( db_run(&q, e, "channel") ) return -1;
  if( pId ) *pId = (int)sqlite3_last_insert_rowid(s->db);
  return 0;
}

/* The columns channel_from_row() reads. */
#define CHANNEL_COLUMNS \
  "c.id, c.unit_id, un.name, c.user_id, us.login, c.role, c.kind, c.address, c.secret," \
  " c.name, c.active, c.created FROM channel c LEFT JOIN unit un ON un.id=c.unit_id" \
  " LEFT JOIN user us ON us.id=c.user_id"

/* Fill c from a row of CHANNEL_COLUMNS. */
static void channel_from_row(Stmt *q, Channel *c){
  memset(c, 0, sizeof(*c));
  c->id = (int)db_column_int(q, 0);
  c->unitId = (int)db_column_int(q, 1);
  c->zUnit = db_column_dup(q, 2);
  c->userId = (int)db_column_int(q, 3);
  c->zUser = db_column_dup(q, 4);
  c->zRole = db_column_dup(q, 5);
  c->zKind = db_column_dup(q, 6);
  c->zAddress = db_column_dup(q, 7);
  c->zSecret = db_column_dup(q, 8);
  c->zName = db_column_dup(q, 9);
  c->active = (int)db_column_int(q, 10);
  db_column_copy(q, 11, c->zCreated, sizeof(c->zCreated));
}

/* See store.h. */
int store_channel_get(Store *s, int id, Channel *c, Err *e){
  Stmt q;
  db_prepare(s, &q, "SELECT " CHANNEL_COLUMNS " WHERE c.id=:id");
  db_bind_int(&q, ":id", id);
  int rc = db_step(&q);
  if( rc==SQLITE_ROW ) channel_from_row(&q, c);
  db_finalize(&q);
  if( rc==SQLITE_ROW ) return 0;
  return rc==SQLITE_DONE ? err_set(e, ERR_NOTFOUND, "unknown channel %d", id) : db_err(s, e, "channel");
}

/* See store.h. */
int store_channel_list(Store *s, int unitId, int bAll, Channel **pa, int *pn, Err *e){
  Stmt q;
  Channel *a = 0;
  int n = 0, nAlloc = 0, rc;
  db_prepare(s, &q, "SELECT " CHANNEL_COLUMNS
                    " WHERE (:unit=0 OR c.unit_id=:unit) AND (:all OR c.active)"
                    " ORDER BY c.unit_id IS NOT NULL, un.name, c.role, c.id");
  db_bind_int(&q, ":unit", unitId);
  db_bind_int(&q, ":all", bAll!=0);
  while( (rc = db_step(&q))==SQLITE_ROW ) channel_from_row(&q, ARRAY_PUSH(a, n, nAlloc));
  db_finalize(&q);
  *pa = a;
  *pn = n;
  return rc==SQLITE_DONE ? 0 : db_err(s, e, "channels");
}

/* See store.h. */
int store_channel_retire(Store *s, int id, Err *e){
  Stmt q;
  db_prepare(s, &q, "UPDATE channel SET active=0 WHERE id=:id");
  db_bind_int(&q, ":id", id);
  return db_run(&q, e, "channel");
}

/* See store.h. */
int store_reminder_insert(Store *s, const Reminder *r, int *pNew, Err *e){
  Stmt q;
  db_prepare(s, &q, "INSERT OR IGNORE INTO reminder(cause, kind, task_id, unit_id, who, what, link,"
                    " channel_id, channel, step, created, next_try, tries, state)"
                    " VALUES(:cause, :kind, :task, :unit, :who, :what, :link, :chan, :chkind,"
                    " :step, :at, :next, 0, 'pending')");
  db_bind_text(&q, ":cause", r->zCause);
  db_bind_text(&q, ":kind", r->zKind);
  db_bind_id(&q, ":task", r->taskId);
  db_bind_id(&q, ":unit", r->unitId);
  db_bind_text(&q, ":who", r->zWho);
  db_bind_text(&q, ":what", r->zWhat);
  db_bind_text0(&q, ":link", r->zLink);
  db_bind_int(&q, ":chan", r->channelId);
  db_bind_text(&q, ":chkind", r->zChannel);
  db_bind_int(&q, ":step", r->step);
  db_bind_text(&q, ":at", r->zCreated);
  db_bind_text(&q, ":next", r->zNextTry);
  if( db_run(&q, e, "reminder") ) return -1;
  *pNew = sqlite3_changes(s->db)>0;
  return 0;
}

/* See store.h. */
int store_reminder_exists(Store *s, const char *zCause, int channelId, int step, int *pYes, Err *e){
  Stmt q;
  db_prepare(s, &q, "SELECT 1 FROM reminder WHERE cause=:cause AND channel_id=:chan AND step=:step");
  db_bind_text(&q, ":cause", zCause);
  db_bind_int(&q, ":chan", channelId);
  db_bind_int(&q, ":step", step);
  int rc = db_step(&q);
  *pYes = rc==SQLITE_ROW;
  db_finalize(&q);
  return rc==SQLITE_ROW || rc==SQLITE_DONE ? 0 : db_err(s, e, "reminder");
}

/* See store.h. */
int store_reminder_list(Store *s, const ReminderQuery *pq, Reminder **pa, int *pn, Err *e){
  Stmt q;
  Reminder *a = 0;
  int n = 0, nAlloc = 0, rc;
  /* Two orders, two statements (the text of a cached statement is its key). */
  const char *zSql = pq->bOldestFirst
    ? "SELECT r.id, r.cause, r.kind, r.task_id, r.unit_id, r.who, r.what, r.link, r.channel_id,"
      " r.channel, CASE WHEN c.name<>'' THEN c.name ELSE c.address END, r.step, r.created,"
      " r.next_try, r.tries, r.state, r.sent_at, r.result"
      " FROM reminder r JOIN channel c ON c.id=r.channel_id"
      " WHERE (:unit=0 OR (c.unit_id=:unit AND c.role IN ('contact','head')))"
      " AND (:task=0 OR r.task_id=:task) AND (:state IS NULL OR r.state=:state)"
      " AND (:due IS NULL OR r.next_try<=:due)"
      " ORDER BY r.channel_id, r.id LIMIT :limit"
    : "SELECT r.id, r.cause, r.kind, r.task_id, r.unit_id, r.who, r.what, r.link, r.channel_id,"
      " r.channel, CASE WHEN c.name<>'' THEN c.name ELSE c.address END, r.step, r.created,"
      " r.next_try, r.tries, r.state, r.sent_at, r.result"
      " FROM reminder r JOIN channel c ON c.id=r.channel_id"
      " WHERE (:unit=0 OR (c.unit_id=:unit AND c.role IN ('contact','head')))"
      " AND (:task=0 OR r.task_id=:task) AND (:state IS NULL OR r.state=:state)"
      " AND (:due IS NULL OR r.next_try<=:due)"
      " ORDER BY r.id DESC LIMIT :limit";
  db_prepare(s, &q, zSql);
  db_bind_int(&q, ":unit", pq->unitId);
  db_bind_int(&q, ":task", pq->taskId);
  db_bind_text(&q, ":state", pq->zState);
  db_bind_text(&q, ":due", pq->zDueBy);
  db_bind_int(&q, ":limit", pq->limit>0 ? pq->limit : -1);
  while( (rc = db_step(&q))==SQLITE_ROW ){
    Reminder *r = ARRAY_PUSH(a, n, nAlloc);
    r->id = (int)db_column_int(&q, 0);
    r->zCause = db_column_dup(&q, 1);
    r->zKind = db_column_dup(&q, 2);
    r->taskId = (int)db_column_int(&q, 3);
    r->unitId = (int)db_column_int(&q, 4);
    r->zWho = db_column_dup(&q, 5);
    r->zWhat = db_column_dup(&q, 6);
    r->zLink = db_column_dup(&q, 7);
    r->channelId = (int)db_column_int(&q, 8);
    r->zChannel = db_column_dup(&q, 9);
    r->zTo = db_column_dup(&q, 10);
    r->step = (int)db_column_int(&q, 11);
    db_column_copy(&q, 12, r->zCreated, sizeof(r->zCreated));
    db_column_copy(&q, 13, r->zNextTry, sizeof(r->zNextTry));
    r->tries = (int)db_column_int(&q, 14);
    r->zState = db_column_dup(&q, 15);
    db_column_copy(&q, 16, r->zSentAt, sizeof(r->zSentAt));
    r->zResult = db_column_dup(&q, 17);
  }
  db_finalize(&q);
  *pa = a;
  *pn = n;
  return rc==SQLITE_DONE ? 0 : db_err(s, e, "reminders");
}

/* See store.h. */
int store_reminder_claim(Store *s, int id, const char *zAt, int *pClaimed, Err *e){
  Stmt q;
  db_prepare(s, &q, "UPDATE reminder SET state='sending', next_try=:at WHERE id=:id AND state='pending'");
  db_bind_text(&q, ":at", zAt);
  db_bind_int(&q, ":id", id);
  if( db_run(&q, e, "reminder") ) return -1;
  *pClaimed = sqlite3_changes(s->db)>0;
  return 0;
}

/* See store.h. */
int store_reminder_update(Store *s, const Reminder *r, Err *e){
  Stmt q;
  db_prepare(s, &q, "UPDATE reminder SET state=:state, tries=:tries, next_try=:next,"
                    " sent_at=:sent, result=:result WHERE id=:id");
  db_bind_text(&q, ":state", r->zState);
  db_bind_int(&q, ":tries", r->tries);
  db_bind_text(&q, ":next", r->zNextTry);
  db_bind_text0(&q, ":sent", r->zSentAt);
  db_bind_text(&q, ":result", r->zResult);
  db_bind_int(&q, ":id", r->id);
  return db_run(&q, e, "reminder");
}
