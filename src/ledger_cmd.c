/*
** ledger_cmd.c -- the ledger's commands: init, import, plan, unit, user,
** task, target, report, reports, review, close, status, setting, log,
** verify, backup.  Each parses its options, calls ledger.h and prints; no
** rule of the domain is decided here.
**
** Every command takes --db FILE (else $LUOSHI_DB, else ./luoshi.db) and
** --as LOGIN (else $LUOSHI_USER; else the public).  On the command line,
** being able to open the ledger file is the authentication; the role of
** the user named decides what the command may do.
*/
#include "export.h"
#include "ledger.h"
#include "sheet.h"
#include "units.h"
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Print "luoshi: MESSAGE" for e and return the exit status 1. */
static int cli_err(const Err *e){
  fprintf(stderr, "luoshi: %s\n", e->zMsg[0] ? e->zMsg : "failed");
  return 1;
}

/* Print a usage error and return 2. */
static int cli_usage(const Err *e, const char *zUsage){
  if( e && e->code ) fprintf(stderr, "luoshi: %s\n", e->zMsg);
  fprintf(stderr, "Usage: luoshi %s\n", zUsage);
  return 2;
}

/* The ledger file: --db, $LUOSHI_DB, ./luoshi.db. */
static const char *db_option(int *pArgc, char **argv){
  const char *z = find_option(pArgc, argv, "--db", 1);
  if( z==0 ) z = getenv("LUOSHI_DB");
  return z && z[0] ? z : "luoshi.db";
}

/* The acting user: --as, $LUOSHI_USER, or NULL (the public). */
static const char *as_option(int *pArgc, char **argv){
  const char *z = find_option(pArgc, argv, "--as", 1);
  if( z==0 ) z = getenv("LUOSHI_USER");
  return z && z[0] ? z : 0;
}

/* Open the ledger zDb acting as zAs; prints the error and returns NULL on
** failure. */
static Ledger *cli_open(const char *zDb, const char *zAs){
  Ledger *L;
  Err e = {0};
  if( ledger_open(zDb, &L, &e) ){ cli_err(&e); return 0; }
  if( ledger_act_as(L, zAs, &e) ){
    cli_err(&e);
    ledger_close(L);
    return 0;
  }
  return L;
}

/* Read one password into z[n]: from the terminal without echo (asked
** twice), or the first line of standard input when it is not a terminal.
** Returns nonzero on mismatch or read failure. */
static int read_password(const char *zPrompt, char *z, size_t n, Err *e){
  z[0] = 0;
  if( isatty(0) ){
    struct termios old, noecho;
    char z2[256];
    if( tcgetattr(0, &old) ) return err_set(e, ERR_INPUT, "cannot read the terminal");
    noecho = old;
    noecho.c_lflag &= ~(tcflag_t)ECHO;
    fprintf(stderr, "%s: ", zPrompt);
    tcsetattr(0, TCSANOW, &noecho);
    char *ok1 = fgets(z, (int)n, stdin);
    fprintf(stderr, "\nagain: ");
    char *ok2 = fgets(z2, sizeof(z2), stdin);
    tcsetattr(0, TCSANOW, &old);
    fputc('\n', stderr);
    if( !ok1 || !ok2 ) return err_set(e, ERR_INPUT, "no password given");
    if( strcmp(z, z2)!=0 ) return err_set(e, ERR_INPUT, "the two passwords differ");
    sodium_memzero(z2, sizeof(z2));
  }else if( fgets(z, (int)n, stdin)==0 ){
    z[0] = 0;
  }
  z[strcspn(z, "\r\n")] = 0;
  return 0;
}

/* Columns of a UTF-8 string cut to at most nCp code points (with "…"). */
static void put_cut(const char *z, int nCp){
  size_t n = utf8_prefix(z, nCp);
  fwrite(z, 1, n, stdout);
  if( z[n] ) fputs("…", stdout);
}

/* Parse --plan ID (0 when absent). */
static int plan_option(int *pArgc, char **argv){
  const char *z = find_option(pArgc, argv, "--plan", 1);
  return z ? atoi(z) : 0;
}

/*
** COMMAND: init
** Usage: luoshi init [--db FILE] [--admin LOGIN]
**
** Create a new ledger (default ./luoshi.db, or $LUOSHI_DB) with the
** built-in catalogue of units, the default settings, and an admin user
** (LOGIN, default "admin").  The admin's password is read from the
** terminal, or from the first line of standard input when it is not a
** terminal; when that line is empty a random password is made and
** printed once.
*/
int cmd_init(int argc, char **argv){
  const char *zDb = db_option(&argc, argv);
  const char *zAdmin = find_option(&argc, argv, "--admin", 1);
  Err e = {0};
  if( verify_all_options(argc, argv, &e) || argc!=1 ) return cli_usage(&e, "init [--db FILE] [--admin LOGIN]");
  if( zAdmin==0 ) zAdmin = "admin";
  char zPw[256];
  if( read_password("password for the admin", zPw, sizeof(zPw), &e) ) return cli_err(&e);
  int bMade = 0;
  if( zPw[0]==0 ){
    unsigned char aRand[12];
    if( sodium_init()<0 ) fatal("libsodium cannot start");
    randombytes_buf(aRand, sizeof(aRand));
    sodium_bin2base64(zPw, sizeof(zPw), aRand, sizeof(aRand), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    bMade = 1;
  }
  int rc = ledger_create(zDb, zAdmin, zPw, &e);
  if( rc==0 ){
    printf("created %s with admin user %s\n", zDb, zAdmin);
    if( bMade ) printf("password of %s (shown once): %s\n", zAdmin, zPw);
  }
  sodium_memzero(zPw, sizeof(zPw));
  return rc ? cli_err(&e) : 0;
}

/*
** COMMAND: import
** Usage: luoshi import FILE --region NAME --year YEAR [--extraction JSON]
**
** Import a work report into the ledger as a draft plan: the file is stored
** verbatim with its sha256, with the full extraction (outline, tasks,
** targets, deadlines) and suggested lead and co-responsible units, all in
** one transaction.  A file already imported is refused, naming its plan.
** --extraction uses a contract JSON (luoshi extract --json, perhaps
** corrected) of the same file instead of running the extractor.
** Needs a supervisor or admin (--as LOGIN).
*/
int cmd_import(int argc, char **argv){
  const char *zDb = db_option(&argc, argv);
  const char *zAs = as_option(&argc, argv);
  ImportArgs a = {0};
  a.zRegion = find_option(&argc, argv, "--region", 1);
  const char *zYear = find_option(&argc, argv, "--year", 1);
  a.zExtraction = find_option(&argc, argv, "--extraction", 1);
  Err e = {0};
  const char *zUsage = "import FILE --region NAME --year YEAR [--extraction JSON]";
  if( verify_all_options(argc, argv, &e) || argc!=2 ) return cli_usage(&e, zUsage);
  a.zFile = argv[1];
  a.year = zYear ? atoi(zYear) : 0;
  Ledger *L = cli_open(zDb, zAs);
  if( L==0 ) return 1;
  int id = 0;
  int rc = ledger_import(L, &a, &id, &e);
  if( rc==0 ){
    Plan pl;
    if( ledger_plan_get(L, id, &pl, &e)==0 ){
      printf("imported %s as plan %d (%s %d): %d tasks, draft until: luoshi plan publish %d\n",
             a.zFile, id, pl.zRegion, pl.year, pl.nTask, id);
      plan_clear(&pl);
    }
  }
  ledger_close(L);
  return rc ? cli_err(&e) : 0;
}

/*
** COMMAND: plan
** Usage: luoshi plan list | show [ID] | publish [ID]
**
** List the imported plans, show one (the latest when no ID), or publish
** one: its tasks become public and units may report on them.
*/
int cmd_plan(int argc, char **argv){
  const char *zDb = db_option(&argc, argv);
  const char *zAs = as_option(&argc, argv);
  Err e = {0};
  const char *zUsage = "plan list | show [ID] | publish [ID]";
  if( verify_all_options(argc, argv, &e) || argc<2 || argc>3 ) return cli_usage(&e, zUsage);
  const char *zSub = argv[1];
  int id = argc==3 ? atoi(argv[2]) : 0;
  Ledger *L = cli_open(zDb, zAs);
  if( L==0 ) return 1;
  int rc = 0;
  if( strcmp(zSub, "list")==0 ){
    Plan *a;
    int n;
    rc = ledger_plan_list(L, &a, &n, &e);
    for(int i=0; rc==0 && i<n; i++){
      printf("%d  %s %d  %s  %d tasks  %s  %s\n", a[i].id, a[i].zRegion, a[i].year, a[i].zState,
             a[i].nTask, a[i].zFileName, a[i].zTitle ? a[i].zTitle : "");
    }
    if( rc==0 ) plan_list_free(a, n);
  }else if( strcmp(zSub, "show")==0 ){
    Plan pl;
    rc = ledger_plan_get(L, id, &pl, &e);
    if( rc==0 ){
      printf("plan %d\nregion: %s\nyear: %d\ntitle: %s\nfile: %s (%s, %s)\nsha256: %s\n"
             "state: %s%s%.10s\nimported: %s\ntasks: %d\nexpected progress counts from: %s\n",
             pl.id, pl.zRegion, pl.year, pl.zTitle ? pl.zTitle : "-", pl.zFileName, pl.zFormat,
             pl.zEncoding, pl.zSha256, pl.zState, pl.zPublishedAt[0] ? " on " : "", pl.zPublishedAt,
             pl.zImportedAt, pl.nTask, pl.zStart);
      plan_clear(&pl);
    }
  }else if( strcmp(zSub, "publish")==0 ){
    Plan pl;
    rc = ledger_plan_get(L, id, &pl, &e) || ledger_plan_publish(L, pl.id, &e);
    if( rc==0 ){
      printf("published plan %d (%d tasks)\n", pl.id, pl.nTask);
      plan_clear(&pl);
    }
  }else{
    ledger_close(L);
    return cli_usage(0, zUsage);
  }
  ledger_close(L);
  return rc ? cli_err(&e) : 0;
}

/*
** COMMAND: unit
** Usage: luoshi unit list | add NAME [OPTIONS] | edit UNIT [OPTIONS]
**
** The departments and towns that carry tasks.  Options of add and edit:
** --kind department|town|upper|other, --aliases A,B, --keywords K,L
** (words of a task text that suggest the unit); edit also takes
** --name NEW, --retire and --activate.  Changes need an admin.
*/
int cmd_unit(int argc, char **argv){
  const char *zDb = db_option(&argc, argv);
  const char *zAs = as_option(&argc, argv);
  Unit u = {0, 0, 0, 0, 0, -1};
  u.zName = (char*)find_option(&argc, argv, "--name", 1);
  u.zKind = (char*)find_option(&argc, argv, "--kind", 1);
  u.zAliases = (char*)find_option(&argc, argv, "--aliases", 1);
  u.zKeywords = (char*)find_option(&argc, argv, "--keywords", 1);
  if( find_option(&argc, argv, "--retire", 0) ) u.active = 0;
  if( find_option(&argc, argv, "--activate", 0) ) u.active = 1;
  Err e = {0};
  const char *zUsage = "unit list | add NAME [--kind K] [--aliases A,B] [--keywords K,L]"
                       " | edit UNIT [--name N] [--kind K] [--aliases A,B] [--keywords K,L] [--retire|--activate]";
  if( verify_all_options(argc, argv, &e) || argc<2 ) return cli_usage(&e, zUsage);
  const char *zSub = argv[1];
  Ledger *L = cli_open(zDb, zAs);
  if( L==0 ) return 1;
  int rc = 0;
  if( strcmp(zSub, "list")==0 && argc==2 ){
    Unit *a;
    int n;
    rc = ledger_unit_list(L, &a, &n, &e);
    for(int i=0; rc==0 && i<n; i++){
      printf("%d  %s  %s%s", a[i].id, a[i].zName, a[i].zKind, a[i].active ? "" : " (retired)");
      if( a[i].zAliases[0] ) printf("  aliases: %s", a[i].zAliases);
      if( a[i].zKeywords[0] ) printf("  keywords: %s", a[i].zKeywords);
      putchar('\n');
    }
    if( rc==0 ) unit_list_free(a, n);
  }else if( strcmp(zSub, "add")==0 && argc==3 ){
    int id;
    if( u.zName ){ ledger_close(L); return cli_usage(0, zUsage); }
    u.zName = argv[2];
    rc = ledger_unit_add(L, &u, &id, &e);
    if( rc==0 ) printf("added unit %d %s\n", id, argv[2]);
  }else if( strcmp(zSub, "edit")==0 && argc==3 ){
    rc = ledger_unit_edit(L, argv[2], &u, &e);
    if( rc==0 ) printf("changed unit %s\n", argv[2]);
  }else{
    ledger_close(L);
    return cli_usage(0, zUsage);
  }
  ledger_close(L);
  return rc ? cli_err(&e) : 0;
}

/*
** COMMAND: user
** Usage: luoshi user add LOGIN --role admin|supervisor|unit|leader [--unit U] | passwd LOGIN | list
**
** Add a user (admin only).  The password is read from the terminal without
** echo, or from the first line of standard input when it is not a
** terminal; it is stored as an argon2id hash.  A unit user belongs to one
** unit (--unit) and may report on that unit's tasks.
**
** passwd sets a new password for LOGIN, read the same way: an admin may
** reset anyone's, any other user (--as) only their own.  It ends every web
** session of LOGIN.
*/
int cmd_user(int argc, char **argv){
  const char *zDb = db_option(&argc, argv);
  const char *zAs = as_option(&argc, argv);
  const char *zRole = find_option(&argc, argv, "--role", 1);
  const char *zUnit = find_option(&argc, argv, "--unit", 1);
  Err e = {0};
  const char *zUsage = "user add LOGIN --role admin|supervisor|unit|leader [--unit U] | passwd LOGIN | list";
  if( verify_all_options(argc, argv, &e) || argc<2 ) return cli_usage(&e, zUsage);
  int rc = 0;
  if( strcmp(argv[1], "add")==0 && argc==3 ){
    int role = role_parse(zRole);
    if( role<0 ){
      fprintf(stderr, "luoshi: --role %s: want admin, supervisor, unit or leader\n", zRole ? zRole : "(missing)");
      return 1;
    }
    Ledger *L = cli_open(zDb, zAs);
    if( L==0 ) return 1;
    char zPw[256];
    rc = read_password("password", zPw, sizeof(zPw), &e)
      || ledger_user_add(L, argv[2], (Role)role, zUnit, zPw, &e);
    sodium_memzero(zPw, sizeof(zPw));
    if( rc==0 ) printf("added user %s (%s%s%s)\n", argv[2], zRole, zUnit ? ", " : "", zUnit ? zUnit : "");
    ledger_close(L);
  }else if( strcmp(argv[1], "passwd")==0 && argc==3 && zRole==0 && zUnit==0 ){
    Ledger *L = cli_open(zDb, zAs);
    if( L==0 ) return 1;
    char zPw[256];
    rc = read_password("new password", zPw, sizeof(zPw), &e)
      || ledger_user_password(L, argv[2], zPw, &e);
    sodium_memzero(zPw, sizeof(zPw));
    if( rc==0 ) printf("changed the password of %s\n", argv[2]);
    ledger_close(L);
  }else if( strcmp(argv[1], "list")==0 && argc==2 ){
    Ledger *L = cli_open(zDb, zAs);
    if( L==0 ) return 1;
    User *a;
    int n;
    rc = ledger_user_list(L, &a, &n, &e);
    for(int i=0; rc==0 && i<n; i++){
      printf("%s  %s%s%s\n", a[i].zLogin, role_name(a[i].role), a[i].zUnit ? "  " : "",
             a[i].zUnit ? a[i].zUnit : "");
    }
    if( rc==0 ) user_list_free(a, n);
    ledger_close(L);
  }else{
    return cli_usage(0, zUsage);
  }
  return rc ? cli_err(&e) : 0;
}

/* Print one line of a task list. */
static void task_line(const Task *t){
  printf("%-5d %-9s %-6s %s  %-12s ", t->id, t->zSeq, colour_name(t->status.colour), t->zDeadline,
         t->zLead ? t->zLead : "-");
  put_cut(t->zText, 36);
  putchar('\n');
}

/* Print task t in full, with its source sentence marked, its targets,
** reports and the machine's proposal where a person changed it. */
static int task_print(Ledger *L, const Task *t, Err *e){
  Segment *aSeg;
  int nSeg;
  int bTty = isatty(1);
  if( ledger_task_segments(L, t, &aSeg, &nSeg, e) ) return -1;
  printf("task %d  %s  %s  [%s] %s\n", t->id, t->zSeq, t->zState, colour_name(t->status.colour),
         t->status.zCode);
  printf("source: ");
  for(int i=0; i<nSeg; i++){
    const char *zOpen = "", *zClose = "";
    if( aSeg[i].kind==1 ){ zOpen = bTty ? "\033[1;32m【" : "【"; zClose = bTty ? "】\033[0m" : "】"; }
    if( aSeg[i].kind==2 ){ zOpen = bTty ? "\033[1;33m〔" : "〔"; zClose = bTty ? "〕\033[0m" : "〕"; }
    printf("%s%s%s", zOpen, aSeg[i].zText, zClose);
  }
  putchar('\n');
  segment_list_free(aSeg, nSeg);
  json_t *m = json_loads(t->zMachine ? t->zMachine : "{}", 0, 0);
  const char *zEd = t->zEdited ? t->zEdited : "";
  if( strstr(zEd, "text") ){
    printf("text: %s\n  (extracted: %s)\n", t->zText, json_string_value(json_object_get(m, "text")));
  }
  printf("deadline: %s%s%s%s\n", t->zDeadline, t->zDeadlineText ? " (" : "",
         t->zDeadlineText ? t->zDeadlineText : "", t->zDeadlineText ? ")" : "");
  if( strstr(zEd, "deadline") ){
    printf("  (extracted: %s)\n", json_string_value(json_object_get(m, "deadline")));
  }
  printf("lead: %s\n", t->zLead ? t->zLead : "-");
  if( strstr(zEd, "lead") ){
    const char *z = json_string_value(json_object_get(m, "lead"));
    printf("  (suggested: %s)\n", z ? z : "-");
  }
  printf("co: ");
  for(int i=0; i<t->nCo; i++) printf("%s%s", i ? "、" : "", t->azCo[i]);
  printf("%s\n", t->nCo ? "" : "-");
  if( strstr(zEd, "co") ){
    json_t *a = json_object_get(m, "co");
    size_t k;
    json_t *v;
    printf("  (suggested: ");
    json_array_foreach(a, k, v) printf("%s%s", k ? "、" : "", json_string_value(v));
    printf("%s)\n", json_array_size(a) ? "" : "-");
  }
  const char *zFrom = json_string_value(json_object_get(m, "units_from"));
  if( zFrom ) printf("units from: %s\n", zFrom);
  json_decref(m);
  for(int i=0; i<t->nTarget; i++){
    const Target *g = &t->aTarget[i];
    printf("target %d: %s  %s %g", g->id, g->zText, g->zCmp, g->value);
    if( strcmp(g->zCmp, "range")==0 ) printf("-%g", g->valueMax);
    printf(" %s (%s) %s%s\n", g->zUnit, g->zStrength, g->zSubject, g->zMachine ? "  [edited]" : "");
  }
  printf("status: %s — %s\n", colour_label(t->status.colour), t->status.zReason);
  printf("        %s\n", t->status.zReasonEn);
  if( t->zClosedAt[0] ) printf("closed: %s  %s\n", t->zClosedAt, t->zCloseReason ? t->zCloseReason : "");
  Report *a;
  int n;
  if( ledger_report_list(L, t->id, &a, &n, e) ) return -1;
  static const char *azState[] = {"submitted", "accepted", "returned"};
  for(int i=n-1; i>=0; i--){
    const Report *r = &a[i];
    printf("report %d  %s  ", r->id, r->zPeriod);
    if( r->isPercent ) printf("%g%%", r->value);
    else printf("%g (target %d)", r->value, r->targetId);
    printf("  %s  by %s %.10s", azState[r->state % 3], r->zAuthor, r->zCreatedAt);
    if( r->zReviewer ) printf("  reviewed by %s %.10s", r->zReviewer, r->zReviewedAt);
    printf("\n    %s\n", r->zNote);
    if( r->zComment ) printf("    review: %s\n", r->zComment);
    for(int k=0; k<r->nEvidence; k++){
      printf("    evidence %d: %s (%lld bytes, sha256 %.16s…)\n", r->aEvidence[k].id,
             r->aEvidence[k].zName, r->aEvidence[k].size, r->aEvidence[k].zSha256);
    }
  }
  report_list_free(a, n);
  return 0;
}

/*
** COMMAND: task
** Usage: luoshi task list [--unit U] [--status C] [--node 5.2] [--plan ID] [--as-of DATE]
**    or: luoshi task show ID
**    or: luoshi task edit ID [--lead U] [--co U,U] [--deadline DATE] [--text TEXT]
**
** Review the decomposition.  list: the tasks with their colour (C is red,
** yellow, green or done), deadline and lead unit.  show: one task with its
** source sentence (targets in 【】, deadline in 〔〕), units, targets,
** status with its reason, and reports.  edit (supervisor): change the lead
** or co-responsible units, the deadline or the text; the task remembers
** what the machine proposed.  ID is a task id or its number (5.2.3).
*/
int cmd_task(int argc, char **argv){
  const char *zDb = db_option(&argc, argv);
  const char *zAs = as_option(&argc, argv);
  const char *zUnit = find_option(&argc, argv, "--unit", 1);
  const char *zColour = find_option(&argc, argv, "--status", 1);
  const char *zNode = find_option(&argc, argv, "--node", 1);
  const char *zAsOf = find_option(&argc, argv, "--as-of", 1);
  int planId = plan_option(&argc, argv);
  TaskEdit d = {0};
  d.zLead = find_option(&argc, argv, "--lead", 1);
  d.zCo = find_option(&argc, argv, "--co", 1);
  d.zDeadline = find_option(&argc, argv, "--deadline", 1);
  d.zText = find_option(&argc, argv, "--text", 1);
  Err e = {0};
  const char *zUsage = "task list [--unit U] [--status red|yellow|green|done] [--node 5.2] [--as-of DATE]"
                       " | show ID | edit ID [--lead U] [--co U,U] [--deadline DATE] [--text TEXT]";
  if( verify_all_options(argc, argv, &e) || argc<2 ) return cli_usage(&e, zUsage);
  const char *zSub = argv[1];
  Ledger *L = cli_open(zDb, zAs);
  if( L==0 ) return 1;
  int rc = 0;
  if( strcmp(zSub, "list")==0 && argc==2 ){
    TaskFilter f = {planId, 0, zNode, -1, zAsOf};
    if( zColour && (f.colour = colour_parse(zColour))<0 ){
      rc = err_set(&e, ERR_INPUT, "--status %s: want red, yellow, green or done", zColour);
    }
    Unit u = {0};
    if( rc==0 && zUnit ){
      rc = ledger_unit_find(L, zUnit, &u, &e);
      f.unitId = u.id;
      unit_clear(&u);
    }
    Task *a;
    int n;
    if( rc==0 && (rc = ledger_task_list(L, &f, &a, &n, &e))==0 ){
      for(int i=0; i<n; i++) task_line(&a[i]);
      task_list_free(a, n);
    }
  }else if( strcmp(zSub, "show")==0 && argc==3 ){
    Task t;
    rc = ledger_task_find(L, argv[2], &t, &e);
    if( rc==0 ){
      rc = task_print(L, &t, &e);
      task_clear(&t);
    }
  }else if( strcmp(zSub, "edit")==0 && argc==3 ){
    Task t;
    rc = ledger_task_find(L, argv[2], &t, &e) || ledger_task_edit(L, t.id, &d, &e);
    if( rc==0 ) printf("changed task %d\n", t.id);
    task_clear(&t);
  }else{
    ledger_close(L);
    return cli_usage(0, zUsage);
  }
  ledger_close(L);
  return rc ? cli_err(&e) : 0;
}

/*
** COMMAND: target
** Usage: luoshi target add TASK --value N [OPTIONS] | edit ID [OPTIONS] | rm ID
**
** Correct the quantitative targets of a task (supervisor).  Options:
** --value N, --max N (upper end of a range), --unit 个, --subject TEXT,
** --cmp =|>=|<=|~|range, --strength must|strive|plain.  An edited or
** removed extracted target keeps what was extracted.
*/
int cmd_target(int argc, char **argv){
  const char *zDb = db_option(&argc, argv);
  const char *zAs = as_option(&argc, argv);
  TargetEdit d = {0};
  d.zValue = find_option(&argc, argv, "--value", 1);
  d.zValueMax = find_option(&argc, argv, "--max", 1);
  d.zUnit = find_option(&argc, argv, "--unit", 1);
  d.zSubject = find_option(&argc, argv, "--subject", 1);
  d.zCmp = find_option(&argc, argv, "--cmp", 1);
  d.zStrength = find_option(&argc, argv, "--strength", 1);
  Err e = {0};
  const char *zUsage = "target add TASK --value N [--max N] [--unit U] [--subject S] [--cmp C] [--strength S]"
                       " | edit ID [...] | rm ID";
  if( verify_all_options(argc, argv, &e) || argc!=3 ) return cli_usage(&e, zUsage);
  Ledger *L = cli_open(zDb, zAs);
  if( L==0 ) return 1;
  int rc, id = 0;
  if( strcmp(argv[1], "add")==0 ){
    Task t;
    rc = ledger_task_find(L, argv[2], &t, &e) || ledger_target_add(L, t.id, &d, &id, &e);
    if( rc==0 ) printf("added target %d to task %d\n", id, t.id);
    task_clear(&t);
  }else if( strcmp(argv[1], "edit")==0 || strcmp(argv[1], "rm")==0 ){
    int bRm = argv[1][0]=='r';
    id = atoi(argv[2]);
    if( id<=0 ) rc = err_set(&e, ERR_INPUT, "target \"%s\": want a target id", argv[2]);
    else rc = bRm ? ledger_target_remove(L, id, &e) : ledger_target_edit(L, id, &d, &e);
    if( rc==0 ) printf("%s target %d\n", bRm ? "removed" : "changed", id);
  }else{
    ledger_close(L);
    return cli_usage(0, zUsage);
  }
  ledger_close(L);
  return rc ? cli_err(&e) : 0;
}

/*
** COMMAND: report
** Usage: luoshi report TASK --period YYYY-MM (--value N [--target T] | --percent P) --note TEXT [--evidence FILE]...
**    or: luoshi report --from-xlsx FILE.xlsx
**
** Submit progress on one of your unit's tasks for a month (a unit user).
** --value is the amount reached against the task's target (--target names
** it when the task has several); --percent is the overall progress.
** Evidence files are stored in the ledger.  A returned report is answered
** by reporting the same period again.  --from-xlsx files every row of a
** filled progress sheet (see `luoshi sheet`), all or none.
*/
int cmd_report(int argc, char **argv){
  const char *zDb = db_option(&argc, argv);
  const char *zAs = as_option(&argc, argv);
  const char *zXlsx = find_option(&argc, argv, "--from-xlsx", 1);
  if( zXlsx ){
    Err e = {0};
    if( verify_all_options(argc, argv, &e) || argc!=1 ) return cli_usage(&e, "report --from-xlsx FILE.xlsx");
    return sheet_cmd_import(zDb, zAs, zXlsx);
  }
  ReportArgs a = {0};
  a.zPeriod = find_option(&argc, argv, "--period", 1);
  a.zValue = find_option(&argc, argv, "--value", 1);
  a.zTarget = find_option(&argc, argv, "--target", 1);
  a.zPercent = find_option(&argc, argv, "--percent", 1);
  a.zNote = find_option(&argc, argv, "--note", 1);
  const char **az = xmalloc(sizeof(char*)*(size_t)(argc+1));
  const char *z;
  while( (z = find_option(&argc, argv, "--evidence", 1))!=0 ) az[a.nEvidence++] = z;
  a.azEvidence = az;
  Err e = {0};
  if( verify_all_options(argc, argv, &e) || argc!=2 ){
    free(az);
    return cli_usage(&e, "report TASK --period YYYY-MM (--value N [--target T] | --percent P)"
                         " --note TEXT [--evidence FILE]...");
  }
  Ledger *L = cli_open(zDb, zAs);
  if( L==0 ){ free(az); return 1; }
  Task t;
  int id = 0;
  int rc = ledger_task_find(L, argv[1], &t, &e);
  if( rc==0 ){
    a.taskId = t.id;
    rc = ledger_report_submit(L, &a, &id, &e);
    task_clear(&t);
  }
  if( rc==0 ) printf("report %d submitted for task %d, %s\n", id, a.taskId, a.zPeriod);
  free(az);
  ledger_close(L);
  return rc ? cli_err(&e) : 0;
}

/*
** COMMAND: reports
** Usage: luoshi reports [TASK] [--pending]
**
** List progress reports, newest first: of one task, or of the latest
** plan's tasks you may see.  --pending shows only those waiting for review.
*/
int cmd_reports(int argc, char **argv){
  const char *zDb = db_option(&argc, argv);
  const char *zAs = as_option(&argc, argv);
  int bPending = find_option(&argc, argv, "--pending", 0)!=0;
  Err e = {0};
  if( verify_all_options(argc, argv, &e) || argc>2 ) return cli_usage(&e, "reports [TASK] [--pending]");
  Ledger *L = cli_open(zDb, zAs);
  if( L==0 ) return 1;
  int rc = 0, taskId = 0;
  if( argc==2 ){
    Task t;
    rc = ledger_task_find(L, argv[1], &t, &e);
    taskId = t.id;
    task_clear(&t);
  }
  Report *a;
  int n;
  static const char *azState[] = {"submitted", "accepted", "returned"};
  if( rc==0 && (rc = ledger_report_list(L, taskId, &a, &n, &e))==0 ){
    for(int i=0; i<n; i++){
      if( bPending && a[i].state!=REPORT_SUBMITTED ) continue;
      printf("%-5d task %-5d %s  ", a[i].id, a[i].taskId, a[i].zPeriod);
      if( a[i].isPercent ) printf("%g%%", a[i].value);
      else printf("%g", a[i].value);
      printf("  %-9s %s  ", azState[a[i].state % 3], a[i].zAuthor);
      put_cut(a[i].zNote, 30);
      putchar('\n');
    }
    report_list_free(a, n);
  }
  ledger_close(L);
  return rc ? cli_err(&e) : 0;
}

/*
** COMMAND: review
** Usage: luoshi review REPORT (--accept [--comment TEXT] | --return REASON)
**
** Accept a submitted progress report, or return it to its unit with a
** reason (supervisor).  Only accepted reports count for the status.
*/
int cmd_review(int argc, char **argv){
  const char *zDb = db_option(&argc, argv);
  const char *zAs = as_option(&argc, argv);
  int bAccept = find_option(&argc, argv, "--accept", 0)!=0;
  const char *zComment = find_option(&argc, argv, "--comment", 1);
  const char *zReturn = find_option(&argc, argv, "--return", 1);
  Err e = {0};
  const char *zUsage = "review REPORT (--accept [--comment TEXT] | --return REASON)";
  if( verify_all_options(argc, argv, &e) || argc!=2 || bAccept==(zReturn!=0) ) return cli_usage(&e, zUsage);
  int id = atoi(argv[1]);
  if( id<=0 ){
    fprintf(stderr, "luoshi: report \"%s\": want a report id\n", argv[1]);
    return 1;
  }
  Ledger *L = cli_open(zDb, zAs);
  if( L==0 ) return 1;
  int rc = ledger_report_review(L, id, bAccept, bAccept ? zComment : zReturn, &e);
  if( rc==0 ) printf("report %d %s\n", id, bAccept ? "accepted" : "returned");
  ledger_close(L);
  return rc ? cli_err(&e) : 0;
}

/*
** COMMAND: close
** Usage: luoshi close TASK [--reason TEXT]
**
** Close a task (销号, supervisor).  Needs an accepted report showing the
** target met, or a --reason saying why it is closed anyway.
*/
int cmd_close(int argc, char **argv){
  const char *zDb = db_option(&argc, argv);
  const char *zAs = as_option(&argc, argv);
  const char *zReason = find_option(&argc, argv, "--reason", 1);
  Err e = {0};
  if( verify_all_options(argc, argv, &e) || argc!=2 ) return cli_usage(&e, "close TASK [--reason TEXT]");
  Ledger *L = cli_open(zDb, zAs);
  if( L==0 ) return 1;
  Task t;
  int rc = ledger_task_find(L, argv[1], &t, &e) || ledger_task_close(L, t.id, zReason, &e);
  if( rc==0 ) printf("closed task %d\n", t.id);
  task_clear(&t);
  ledger_close(L);
  return rc ? cli_err(&e) : 0;
}

/* A JSON object of colour counts of group g. */
static json_t *group_json(const StatusGroup *g){
  json_t *j = json_object();
  if( g->zKey[0] ) json_object_set_new(j, "key", json_string(g->zKey));
  json_object_set_new(j, "title", json_string(g->zTitle ? g->zTitle : ""));
  for(int c=0; c<N_COLOUR; c++) json_object_set_new(j, colour_name((Colour)c), json_integer(g->n[c]));
  json_object_set_new(j, "total", json_integer(g->nTotal));
  return j;
}

/* A JSON array of groups a[0..n). */
static json_t *groups_json(const StatusGroup *a, int n){
  json_t *j = json_array();
  for(int i=0; i<n; i++) json_array_append_new(j, group_json(&a[i]));
  return j;
}

/* Print plan status ps as JSON. */
static void status_json_print(const PlanStatus *ps){
  json_t *root = json_object();
  json_object_set_new(root, "plan", json_pack("{s:i, s:s, s:i, s:s, s:s}", "id", ps->plan.id,
      "region", ps->plan.zRegion, "year", ps->plan.year, "state", ps->plan.zState,
      "start", ps->plan.zStart));
  json_object_set_new(root, "as_of", json_string(ps->zAsOf));
  json_object_set_new(root, "settings", json_pack("{s:i, s:i, s:i}", "red_gap", ps->settings.redGap,
      "yellow_gap", ps->settings.yellowGap, "report_due_days", ps->settings.reportDueDays));
  json_object_set_new(root, "total", group_json(&ps->total));
  json_object_set_new(root, "parts", groups_json(ps->aPart, ps->nPart));
  json_object_set_new(root, "sections", groups_json(ps->aSection, ps->nSection));
  json_object_set_new(root, "units", groups_json(ps->aUnit, ps->nUnit));
  json_t *aT = json_array();
  for(int i=0; i<ps->nTask; i++){
    const Task *t = &ps->aTask[i];
    json_t *aCo = json_array();
    for(int k=0; k<t->nCo; k++) json_array_append_new(aCo, json_string(t->azCo[k]));
    json_t *o = json_pack("{s:i, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:s}", "id", t->id, "seq", t->zSeq,
        "text", t->zText, "deadline", t->zDeadline, "state", t->zState,
        "lead", t->zLead ? json_string(t->zLead) : json_null(), "co", aCo,
        "colour", colour_name(t->status.colour), "code", t->status.zCode);
    json_object_set_new(o, "actual", t->status.actual<0 ? json_null() : json_real(t->status.actual));
    json_object_set_new(o, "expected", json_real(t->status.expected));
    json_object_set_new(o, "reason", json_string(t->status.zReason));
    json_object_set_new(o, "reason_en", json_string(t->status.zReasonEn));
    json_t *aG = json_array();
    for(int k=0; k<t->nTarget; k++){
      const Target *g = &t->aTarget[k];
      json_t *jg = json_pack("{s:i, s:s, s:f, s:s, s:s}", "id", g->id, "text", g->zText ? g->zText : "",
                             "value", g->value, "unit", g->zUnit ? g->zUnit : "", "cmp", g->zCmp ? g->zCmp : "=");
      if( g->zCmp && strcmp(g->zCmp, "range")==0 ) json_object_set_new(jg, "value_max", json_real(g->valueMax));
      json_array_append_new(aG, jg);
    }
    json_object_set_new(o, "targets", aG);
    json_array_append_new(aT, o);
  }
  json_object_set_new(root, "tasks", aT);
  char *z = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
  puts(z);
  free(z);
  json_decref(root);
}

/* Print one line of colour counts: "  KEY  N tasks: green .. TITLE". */
static void group_print(const StatusGroup *g){
  printf("  %-6s %4d tasks: green %-4d yellow %-4d red %-4d done %-4d ", g->zKey, g->nTotal,
         g->n[COLOUR_GREEN], g->n[COLOUR_YELLOW], g->n[COLOUR_RED], g->n[COLOUR_DONE]);
  if( g->zTitle && strcmp(g->zTitle, g->zKey)!=0 ) put_cut(g->zTitle, 30);
  putchar('\n');
}

/*
** COMMAND: status
** Usage: luoshi status [--as-of DATE] [--json] [--plan ID]
**
** The colours (红黄绿灯) of the plan: counts for the plan, each part,
** section and lead unit, then every task with the reason for its colour.
** --as-of shows the status as it stood at the end of a past day, from the
** stored history: reports with their review times, closes with theirs,
** and each task's deadline, targets and units as they were that day
** (edits made later are undone from the audit log).  --json also lists
** each task's state and targets.  Thresholds are settings (luoshi
** setting); they are today's.
*/
int cmd_status(int argc, char **argv){
  const char *zDb = db_option(&argc, argv);
  const char *zAs = as_option(&argc, argv);
  const char *zAsOf = find_option(&argc, argv, "--as-of", 1);
  int bJson = find_option(&argc, argv, "--json", 0)!=0;
  int planId = plan_option(&argc, argv);
  Err e = {0};
  if( verify_all_options(argc, argv, &e) || argc!=1 ) return cli_usage(&e, "status [--as-of DATE] [--json] [--plan ID]");
  Ledger *L = cli_open(zDb, zAs);
  if( L==0 ) return 1;
  PlanStatus ps;
  int rc = ledger_status(L, planId, zAsOf, &ps, &e);
  if( rc==0 ){
    if( bJson ){
      status_json_print(&ps);
    }else{
      printf("plan %d  %s %d  %s  as of %s\n", ps.plan.id, ps.plan.zRegion, ps.plan.year,
             ps.plan.zState, ps.zAsOf);
      printf("total %d tasks: green %d  yellow %d  red %d  done %d\n", ps.total.nTotal,
             ps.total.n[COLOUR_GREEN], ps.total.n[COLOUR_YELLOW], ps.total.n[COLOUR_RED],
             ps.total.n[COLOUR_DONE]);
      printf("parts:\n");
      for(int i=0; i<ps.nPart; i++) group_print(&ps.aPart[i]);
      printf("sections:\n");
      for(int i=0; i<ps.nSection; i++) group_print(&ps.aSection[i]);
      printf("units (lead):\n");
      for(int i=0; i<ps.nUnit; i++) group_print(&ps.aUnit[i]);
      printf("tasks:\n");
      for(int i=0; i<ps.nTask; i++){
        const Task *t = &ps.aTask[i];
        printf("  %-5d %-9s %-6s %s\n", t->id, t->zSeq, colour_name(t->status.colour), t->status.zReason);
      }
    }
    plan_status_free(&ps);
  }
  ledger_close(L);
  return rc ? cli_err(&e) : 0;
}

/*
** COMMAND: setting
** Usage: luoshi setting [NAME [VALUE]]
**
** Show the settings, or change one (admin): red_gap (points behind the
** expected progress that make a task red, default 30), yellow_gap
** (yellow, 10), report_due_days (days after a month's end its report is
** due, 10).
*/
int cmd_setting(int argc, char **argv){
  const char *zDb = db_option(&argc, argv);
  const char *zAs = as_option(&argc, argv);
  Err e = {0};
  if( verify_all_options(argc, argv, &e) || argc>3 ) return cli_usage(&e, "setting [NAME [VALUE]]");
  Ledger *L = cli_open(zDb, zAs);
  if( L==0 ) return 1;
  int rc = 0;
  if( argc==3 ){
    rc = ledger_setting_set(L, argv[1], argv[2], &e);
    if( rc==0 ) printf("%s = %s\n", argv[1], argv[2]);
  }else{
    for(int i=0; azSettingName[i]; i++){
      char z[32];
      settings_get(ledger_settings(L), azSettingName[i], z);
      if( argc==1 || strcmp(argv[1], azSettingName[i])==0 ) printf("%s = %s\n", azSettingName[i], z);
    }
  }
  ledger_close(L);
  return rc ? cli_err(&e) : 0;
}

/* Whether audit entry v is a login or a failed login. */
static int event_is_login(const Event *v){
  return strcmp(v->zAction, "user.login")==0 || strcmp(v->zAction, "user.login_failed")==0;
}

/* Print login entry v on one line: time, ok/failed, the login (as typed
** for a failure, control characters as '?') and the account's id (0: no
** such account). */
static void print_login(const Event *v){
  json_t *j = v->zAfter ? json_loads(v->zAfter, 0, 0) : 0;
  const char *zLogin = json_string_value(json_object_get(j, "login"));
  printf("%lld  %s  %-6s  ", v->id, v->zAt, strcmp(v->zAction, "user.login")==0 ? "ok" : "failed");
  /* a typed login may hold control characters: one line each, all the same */
  for(const char *z = zLogin ? zLogin : "?"; *z; z++){
    putchar((unsigned char)*z < 0x20 || *z==0x7f ? '?' : *z);
  }
  printf("  (user %lld)\n", v->objId);
  json_decref(j);
}

/*
** COMMAND: log
** Usage: luoshi log [TASK] [--logins]
**
** The audit log: every change with its time, actor, action, object and
** what it was before and after; of one task when TASK is given.
**
**   --logins   only the web logins and failed logins, one a line: entry,
**              time, ok or failed, the login (as typed), the user's id
*/
int cmd_log(int argc, char **argv){
  const char *zDb = db_option(&argc, argv);
  const char *zAs = as_option(&argc, argv);
  int bLogins = find_option(&argc, argv, "--logins", 0)!=0;
  Err e = {0};
  if( verify_all_options(argc, argv, &e) || argc>2 || (bLogins && argc>1) ){
    return cli_usage(&e, "log [TASK] [--logins]");
  }
  Ledger *L = cli_open(zDb, zAs);
  if( L==0 ) return 1;
  int rc = 0, taskId = 0;
  if( argc==2 ){
    Task t;
    rc = ledger_task_find(L, argv[1], &t, &e);
    taskId = t.id;
    task_clear(&t);
  }
  Event *a;
  int n;
  if( rc==0 && (rc = ledger_log(L, taskId, &a, &n, &e))==0 ){
    for(int i=0; i<n; i++){
      const Event *v = &a[i];
      if( bLogins ){
        if( event_is_login(v) ) print_login(v);
        continue;
      }
      printf("%lld  %s  %s  %s %s %lld", v->id, v->zAt, v->zActor, v->zAction, v->zObjType, v->objId);
      if( v->taskId ) printf(" (task %d)", v->taskId);
      putchar('\n');
      if( v->zBefore ) printf("    before: %s\n", v->zBefore);
      if( v->zAfter ) printf("    after:  %s\n", v->zAfter);
    }
    event_list_free(a, n);
  }
  ledger_close(L);
  return rc ? cli_err(&e) : 0;
}

/*
** COMMAND: verify
** Usage: luoshi verify
**
** Check the hash chain of the audit log.  Exits 1 naming the first entry
** that was altered or removed.  The head hash printed can be written down
** elsewhere to detect a rewrite of the whole chain later.
*/
int cmd_verify(int argc, char **argv){
  const char *zDb = db_option(&argc, argv);
  const char *zAs = as_option(&argc, argv);
  Err e = {0};
  if( verify_all_options(argc, argv, &e) || argc!=1 ) return cli_usage(&e, "verify");
  Ledger *L = cli_open(zDb, zAs);
  if( L==0 ) return 1;
  AuditCheck c;
  int rc = ledger_verify(L, &c, &e);
  ledger_close(L);
  if( rc ) return cli_err(&e);
  if( c.badId ){
    fprintf(stderr, "luoshi: audit log broken at entry %lld: %s\n", c.badId, c.zWhy);
    return 1;
  }
  printf("audit log intact: %lld entries, head %s\n", c.nEntry, c.zHead);
  return 0;
}

/*
** COMMAND: backup
** Usage: luoshi backup FILE
**
** Copy the whole ledger to FILE with SQLite's online backup: safe while
** others use the ledger (supervisor or admin).
*/
int cmd_backup(int argc, char **argv){
  const char *zDb = db_option(&argc, argv);
  const char *zAs = as_option(&argc, argv);
  Err e = {0};
  if( verify_all_options(argc, argv, &e) || argc!=2 ) return cli_usage(&e, "backup FILE");
  Ledger *L = cli_open(zDb, zAs);
  if( L==0 ) return 1;
  int rc = ledger_backup(L, argv[1], &e);
  if( rc==0 ) printf("backed up %s to %s\n", zDb, argv[1]);
  ledger_close(L);
  return rc ? cli_err(&e) : 0;
}

/*
** COMMAND: export
** Usage: luoshi export (--xlsx FILE | --csv FILE | --json FILE) [--as-of DATE] [--plan ID]
**
** Write the task table (重点任务分解表: 序号, 重点任务, 量化目标, 牵头单位,
** 责任单位, 完成时限, 进度, 状态) of the plan.  XLSX has one sheet per part,
** wrapped text, column widths set, the header frozen and repeated on every
** printed page, A4 landscape.  CSV is UTF-8 with a BOM for Excel.
*/
int cmd_export(int argc, char **argv){
  const char *zDb = db_option(&argc, argv);
  const char *zAs = as_option(&argc, argv);
  const char *zXlsx = find_option(&argc, argv, "--xlsx", 1);
  const char *zCsv = find_option(&argc, argv, "--csv", 1);
  const char *zJson = find_option(&argc, argv, "--json", 1);
  const char *zAsOf = find_option(&argc, argv, "--as-of", 1);
  int planId = plan_option(&argc, argv);
  Err e = {0};
  if( verify_all_options(argc, argv, &e) || argc!=1 || (!!zXlsx + !!zCsv + !!zJson)!=1 ){
    return cli_usage(&e, "export (--xlsx FILE | --csv FILE | --json FILE) [--as-of DATE] [--plan ID]");
  }
  Ledger *L = cli_open(zDb, zAs);
  if( L==0 ) return 1;
  const char *zFile = zXlsx ? zXlsx : zCsv ? zCsv : zJson;
  ExportFormat f = zXlsx ? EXPORT_XLSX : zCsv ? EXPORT_CSV : EXPORT_JSON;
  int rc = export_table(L, planId, zAsOf, f, zFile, &e);
  if( rc==0 ) printf("wrote %s\n", zFile);
  ledger_close(L);
  return rc ? cli_err(&e) : 0;
}
