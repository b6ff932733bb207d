/*
** remind_cmd.c -- the reminders' commands: `luoshi remind` (run the rules,
** check the configuration, list what was sent, settings) and `luoshi
** channel` (where reminders go).  Each parses its options, calls remind.h
** and prints; no rule is decided here.
**
** Like the ledger's commands, each takes --db FILE (else $LUOSHI_DB, else
** ./luoshi.db) and --as LOGIN (else $LUOSHI_USER).
*/
#include "remind.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Print "luoshi: MESSAGE" and return the exit status 1. */
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

/* The ledger file and the acting user, as for the ledger's commands. */
static Ledger *cli_open(int *pArgc, char **argv, const char *zUsage, int *pRc){
  const char *zDb = find_option(pArgc, argv, "--db", 1);
  if( zDb==0 ) zDb = getenv("LUOSHI_DB");
  if( zDb==0 || zDb[0]==0 ) zDb = "luoshi.db";
  const char *zAs = find_option(pArgc, argv, "--as", 1);
  if( zAs==0 ) zAs = getenv("LUOSHI_USER");
  Err e = {0};
  Ledger *L;
  *pRc = 0;
  if( verify_all_options(*pArgc, argv, &e) ){ *pRc = cli_usage(&e, zUsage); return 0; }
  if( ledger_open(zDb, &L, &e) ){ *pRc = cli_err(&e); return 0; }
  if( ledger_act_as(L, zAs && zAs[0] ? zAs : 0, &e) ){
    *pRc = cli_err(&e);
    ledger_close(L);
    return 0;
  }
  return L;
}

/* Print a message's text indented by two spaces. */
static void put_indented(const char *z){
  fputs("  ", stdout);
  for(; *z; z++){
    putchar(*z);
    if( *z=='\n' && z[1] ) fputs("  ", stdout);
  }
  putchar('\n');
}

/* Print the result of a run. */
static void put_result(const RemindResult *r, int bDry){
  printf("remind %s%s: %d open cause%s, %d %sreminder%s, %d sent, %d to retry, %d failed, %d cancelled\n",
         r->zAsOf, bDry ? " (dry run)" : "", r->nCause, r->nCause==1 ? "" : "s",
         r->nNew, bDry ? "new " : "new ", r->nNew==1 ? "" : "s",
         r->nSent, r->nRetry, r->nFailed, r->nCancelled);
  for(int i=0; i<r->nMsg; i++){
    const RemindMsg *m = &r->aMsg[i];
    printf("%s step %d -> %s (%d item%s): %s\n", bDry ? "would send" : m->ok ? "sent" : "FAILED",
           m->step, m->zTo, m->nItem, m->nItem==1 ? "" : "s", m->zResult ? m->zResult : "");
    put_indented(m->zText);
  }
  for(int i=0; i<r->nNote; i++) printf("note: %s\n", r->azNote[i]);
}

/* `luoshi remind list`. */
static int remind_list_cmd(Ledger *L, const ReminderFilter *f){
  Reminder *a;
  int n;
  Err e = {0};
  if( remind_list(L, f, &a, &n, &e) ) return cli_err(&e);
  for(int i=0; i<n; i++){
    const Reminder *r = &a[i];
    printf("%d  %s  %-9s step %d  %s %s  tries %d  %s：%s", r->id, r->zCreated, r->zState, r->step,
           r->zChannel, r->zTo ? r->zTo : "", r->tries, r->zWho, r->zWhat);
    if( r->zResult && r->zResult[0] ) printf("  [%s]", r->zResult);
    putchar('\n');
  }
  reminder_list_free(a, n);
  return 0;
}

/*
** COMMAND: remind
** Usage: luoshi remind [--dry-run] [--as-of DATE] [--check] | list [OPTIONS] | settings | set NAME VALUE
**
** Reminders and escalation (催办).  Without a subcommand, run the rules
** once (for cron or a systemd timer; `luoshi serve` also runs them every
** remind_every_minutes): reports due soon, late or returned and not filed
** again, deadlines near or passed -- as the status engine sees them on
** DATE (default today) -- are sent to the lead unit's contact channels;
** still open remind_head_days later, to the unit's head; remind_office_days
** after that, to the supervision office and the unit's responsible leader.
** Every reminder is recorded; the same cause never goes to the same
** channel twice; a failed send is retried with a doubling wait
** (remind_retry_seconds) and after remind_retry_max tries shown as failed.
** Needs a supervisor or admin.
**   --dry-run   record and send nothing; print what would be sent
**   --as-of D   run for day D (YYYY-MM-DD) instead of today
**   --check     check every channel (kind, address, can it be reached,
**               the SMTP server's greeting) and the settings; one bad
**               channel does not stop the others; exit 1 when any is bad
** list [--unit U] [--task ID] [--state pending|sent|failed|cancelled]
**      [--limit N]   what was sent, newest first (a unit user sees what
**                    their unit received)
** settings           the reminder settings
** set NAME VALUE     change one (admin; audited): remind_due_days (3),
**   remind_late_days (0), remind_returned_days (3), remind_deadline_days
**   (7), remind_overdue_days (0) -- "off" turns a rule off;
**   remind_head_days (2), remind_office_days (3) -- the escalation delays,
**   "off" skips the step; remind_retry_max (5), remind_retry_seconds (600),
**   remind_every_minutes (15); remind_base_url (links: BASE/task/ID),
**   remind_smtp_url (smtp://HOST:PORT or smtps://...), remind_mail_from
**   ("督查室 <dcs@example.gov.cn>"), remind_smtp_user (the password is
**   read from $LUOSHI_SMTP_PASSWORD).
*/
int cmd_remind(int argc, char **argv){
  const char *zUsage = "remind [--dry-run] [--as-of DATE] [--check] | list [--unit U] [--task ID] "
                       "[--state S] [--limit N] | settings | set NAME VALUE";
  int bDry = find_option(&argc, argv, "--dry-run", 0)!=0;
  int bCheck = find_option(&argc, argv, "--check", 0)!=0;
  const char *zAsOf = find_option(&argc, argv, "--as-of", 1);
  const char *zUnit = find_option(&argc, argv, "--unit", 1);
  const char *zTask = find_option(&argc, argv, "--task", 1);
  const char *zState = find_option(&argc, argv, "--state", 1);
  const char *zLimit = find_option(&argc, argv, "--limit", 1);
  int rc;
  Ledger *L = cli_open(&argc, argv, zUsage, &rc);
  if( L==0 ) return rc;
  Err e = {0};
  const char *zSub = argc>=2 ? argv[1] : 0;
  if( zSub && strcmp(zSub, "list")==0 && argc==2 ){
    ReminderFilter f = {0, zTask ? atoi(zTask) : 0, zState, zLimit ? atoi(zLimit) : 0};
    if( zUnit ){
      Unit u;
      if( ledger_unit_find(L, zUnit, &u, &e) ){ ledger_close(L); return cli_err(&e); }
      f.unitId = u.id;
      unit_clear(&u);
    }
    rc = remind_list_cmd(L, &f);
  }else if( zSub && strcmp(zSub, "settings")==0 && argc==2 ){
    RemindSettings s;
    if( remind_settings_load(L, &s, &e) ){
      rc = cli_err(&e);
    }else{
      for(int i=0; azRemindSetting[i]; i++){
        char *z = remind_settings_get(&s, azRemindSetting[i]);
        printf("%s = %s\n", azRemindSetting[i], z);
        free(z);
      }
      remind_settings_clear(&s);
    }
  }else if( zSub && strcmp(zSub, "set")==0 && argc==4 ){
    RemindSettings s;
    if( remind_setting_set(L, argv[2], argv[3], &e) || remind_settings_load(L, &s, &e) ){
      rc = cli_err(&e);
    }else{
      char *z = remind_settings_get(&s, argv[2]);
      printf("%s = %s\n", argv[2], z);
      free(z);
      remind_settings_clear(&s);
    }
  }else if( zSub ){
    rc = cli_usage(0, zUsage);
  }else if( bCheck ){
    RemindCheckLine *a;
    int n, nBad;
    if( remind_check(L, &a, &n, &nBad, &e) ){
      rc = cli_err(&e);
    }else{
      for(int i=0; i<n; i++) printf("%-4s %s: %s\n", a[i].ok ? "ok" : "BAD", a[i].zWhat, a[i].zMsg);
      printf("%d checked, %d bad\n", n, nBad);
      remind_check_free(a, n);
      rc = nBad ? 1 : 0;
    }
  }else{
    RemindArgs ra = {zAsOf, bDry};
    RemindResult res;
    if( remind_run(L, &ra, &res, &e) ){
      rc = cli_err(&e);
    }else{
      put_result(&res, bDry);
      remind_result_free(&res);
    }
  }
  ledger_close(L);
  return rc;
}

/*
** COMMAND: channel
** Usage: luoshi channel add OWNER --kind K --to ADDRESS [--secret S] [--name LABEL] | list [--unit U] [--all] | rm ID
**
** Where reminders go.  OWNER is one of
**   --unit UNIT --role contact|head|leader   a unit's contact (step 1 of
**                         its reminders), its head (step 2) or its
**                         responsible leader (分管领导, step 3)
**   --office              the supervision office (step 3 of every reminder)
**   --user LOGIN          a person: a unit user is a contact of their unit,
**                         a supervisor or admin the office, a leader needs
**                         --unit (role leader); --role overrides
** --kind dingtalk --to URL [--secret SEC...]  a DingTalk group robot (its
**                         webhook address with access_token; --secret for
**                         a robot with 加签)
** --kind wecom --to URL   a WeCom (企业微信) group robot (address with key=)
** --kind webhook --to URL any URL taking a JSON POST
** --kind email --to ADDR  e-mail over SMTP (see remind_smtp_url)
** Changes need an admin and are audited.  list shows the active channels
** (--all: also removed ones); rm ID removes one (kept for the history).
*/
int cmd_channel(int argc, char **argv){
  const char *zUsage = "channel add (--unit U --role contact|head|leader | --office | --user LOGIN) "
                       "--kind dingtalk|wecom|webhook|email --to ADDRESS [--secret S] [--name LABEL]"
                       " | list [--unit U] [--all] | rm ID";
  ChannelArgs a;
  memset(&a, 0, sizeof(a));
  a.zUnit = find_option(&argc, argv, "--unit", 1);
  a.zUser = find_option(&argc, argv, "--user", 1);
  a.bOffice = find_option(&argc, argv, "--office", 0)!=0;
  a.zRole = find_option(&argc, argv, "--role", 1);
  a.zKind = find_option(&argc, argv, "--kind", 1);
  a.zTo = find_option(&argc, argv, "--to", 1);
  a.zSecret = find_option(&argc, argv, "--secret", 1);
  a.zName = find_option(&argc, argv, "--name", 1);
  int bAll = find_option(&argc, argv, "--all", 0)!=0;
  int rc;
  if( argc<2 ) return cli_usage(0, zUsage);
  Ledger *L = cli_open(&argc, argv, zUsage, &rc);
  if( L==0 ) return rc;
  Err e = {0};
  const char *zSub = argv[1];
  if( strcmp(zSub, "add")==0 && argc==2 ){
    int id;
    if( a.zKind==0 ) rc = cli_usage(0, zUsage);
    else if( remind_channel_add(L, &a, &id, &e) ) rc = cli_err(&e);
    else printf("channel %d added\n", id);
  }else if( strcmp(zSub, "list")==0 && argc==2 ){
    int unitId = 0;
    Unit u;
    if( a.zUnit ){
      if( ledger_unit_find(L, a.zUnit, &u, &e) ){ ledger_close(L); return cli_err(&e); }
      unitId = u.id;
      unit_clear(&u);
    }
    Channel *aC;
    int n;
    if( remind_channel_list(L, unitId, bAll, &aC, &n, &e) ){
      rc = cli_err(&e);
    }else{
      for(int i=0; i<n; i++){
        const Channel *c = &aC[i];
        const char *q = strchr(c->zAddress, '?');
        printf("%d  %s  %-7s %-8s %.*s%s%s%s%s%s%s\n", c->id, c->zUnit ? c->zUnit : "(office)", c->zRole,
               c->zKind, q ? (int)(q - c->zAddress) : (int)strlen(c->zAddress), c->zAddress, q ? "?…" : "",
               c->zSecret ? "  signed" : "", c->zName[0] ? "  " : "", c->zName,
               c->zUser ? "  user " : "", c->zUser ? c->zUser : "");
        if( !c->active ) printf("   (removed)\n");
      }
      channel_list_free(aC, n);
    }
  }else if( strcmp(zSub, "rm")==0 && argc==3 ){
    if( remind_channel_remove(L, atoi(argv[2]), &e) ) rc = cli_err(&e);
    else printf("channel %s removed\n", argv[2]);
  }else{
    rc = cli_usage(0, zUsage);
  }
  ledger_close(L);
  return rc;
}
