/*
** remind.c -- reminders and escalation (催办); see remind.h for the flow.
**
** The rules (each a setting, remind_*):
**   report_due       a period's report is due within remind_due_days
**   report_late      the due day passed remind_late_days ago, not filed
**   report_returned  returned remind_returned_days ago, not filed again
**   deadline_soon    the deadline is within remind_deadline_days
**   overdue          the deadline passed remind_overdue_days ago
** The three late kinds escalate: step 2 remind_head_days after step 1,
** step 3 remind_office_days after step 2.  Which reports and deadlines are
** open comes from ledger_chase_list(); nothing here decides lateness.
*/
#include "remind.h"
#include "audit.h"
#include "auth.h"
#include "buf.h"
#include "store.h"
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Most causes in one message (robots cap a message's length). */
#define MAX_ITEMS 10
/* The longest wait between two tries, in seconds (a week). */
#define MAX_BACKOFF 604800L
/* A reminder claimed this long ago and never finished was interrupted. */
#define STALE_SENDING_SECONDS 600

/* ---- freeing ---- */

void channel_clear(Channel *c){
  free(c->zUnit); free(c->zUser); free(c->zRole); free(c->zKind);
  free(c->zAddress); free(c->zSecret); free(c->zName);
  memset(c, 0, sizeof(*c));
}
void channel_list_free(Channel *a, int n){
  for(int i=0; i<n; i++) channel_clear(&a[i]);
  free(a);
}
void reminder_clear(Reminder *r){
  free(r->zCause); free(r->zKind); free(r->zWho); free(r->zWhat); free(r->zLink);
  free(r->zChannel); free(r->zTo); free(r->zState); free(r->zResult);
  memset(r, 0, sizeof(*r));
}
void reminder_list_free(Reminder *a, int n){
  for(int i=0; i<n; i++) reminder_clear(&a[i]);
  free(a);
}
void remind_result_free(RemindResult *r){
  for(int i=0; i<r->nMsg; i++){
    free(r->aMsg[i].zTo); free(r->aMsg[i].zTitle); free(r->aMsg[i].zText); free(r->aMsg[i].zResult);
  }
  free(r->aMsg);
  for(int i=0; i<r->nNote; i++) free(r->azNote[i]);
  free(r->azNote);
  memset(r, 0, sizeof(*r));
}
void remind_check_free(RemindCheckLine *a, int n){
  for(int i=0; i<n; i++){ free(a[i].zWhat); free(a[i].zMsg); }
  free(a);
}

/* ---- settings ---- */

const char *const azRemindSetting[] = {
  "remind_due_days", "remind_late_days", "remind_returned_days", "remind_deadline_days",
  "remind_overdue_days", "remind_head_days", "remind_office_days", "remind_retry_max",
  "remind_retry_seconds", "remind_every_minutes", "remind_base_url", "remind_smtp_url",
  "remind_mail_from", "remind_smtp_user", 0
};

/* See remind.h. */
void remind_settings_default(RemindSettings *p){
  memset(p, 0, sizeof(*p));
  p->dueDays = 3;
  p->lateDays = 0;
  p->returnedDays = 3;
  p->deadlineDays = 7;
  p->overdueDays = 0;
  p->headDays = 2;
  p->officeDays = 3;
  p->retryMax = 5;
  p->retrySeconds = 600;
  p->everyMinutes = 15;
  p->zBaseUrl = xstrdup("");
  p->zSmtpUrl = xstrdup("");
  p->zMailFrom = xstrdup("");
  p->zSmtpUser = xstrdup("");
}

/* See remind.h. */
void remind_settings_clear(RemindSettings *p){
  free(p->zBaseUrl); free(p->zSmtpUrl); free(p->zMailFrom); free(p->zSmtpUser);
  memset(p, 0, sizeof(*p));
}

/* A number setting: its field, its range, and whether "off" is allowed. */
typedef struct NumSetting NumSetting;
struct NumSetting {
  const char *zName;
  size_t offset;       /* of the int in RemindSettings */
  int min, max;
  int bOff;            /* "off" (stored -1) allowed */
};
static const NumSetting aNum[] = {
  {"remind_due_days",      offsetof(RemindSettings, dueDays),      0, 366, 1},
  {"remind_late_days",     offsetof(RemindSettings, lateDays),     0, 366, 1},
  {"remind_returned_days", offsetof(RemindSettings, returnedDays), 0, 366, 1},
  {"remind_deadline_days", offsetof(RemindSettings, deadlineDays), 0, 366, 1},
  {"remind_overdue_days",  offsetof(RemindSettings, overdueDays),  0, 366, 1},
  {"remind_head_days",     offsetof(RemindSettings, headDays),     0, 366, 1},
  {"remind_office_days",   offsetof(RemindSettings, officeDays),   0, 366, 1},
  {"remind_retry_max",     offsetof(RemindSettings, retryMax),     1, 20, 0},
  {"remind_retry_seconds", offsetof(RemindSettings, retrySeconds), 0, 86400, 0},
  {"remind_every_minutes", offsetof(RemindSettings, everyMinutes), 1, 1440, 0},
};
#define N_NUM ((int)(sizeof(aNum)/sizeof(aNum[0])))

/* The text setting zName's field in p, or NULL. */
static char **text_field(RemindSettings *p, const char *zName){
  if( strcmp(zName, "remind_base_url")==0 ) return &p->zBaseUrl;
  if( strcmp(zName, "remind_smtp_url")==0 ) return &p->zSmtpUrl;
  if( strcmp(zName, "remind_mail_from")==0 ) return &p->zMailFrom;
  if( strcmp(zName, "remind_smtp_user")==0 ) return &p->zSmtpUser;
  return 0;
}

/* See remind.h. */
int remind_settings_set(RemindSettings *p, const char *zName, const char *zValue, Err *e){
  if( zValue==0 ) zValue = "";
  for(int i=0; i<N_NUM; i++){
    const NumSetting *d = &aNum[i];
    if( strcmp(zName, d->zName)!=0 ) continue;
    int *pField = (int*)((char*)p + d->offset);
    if( d->bOff && strcmp(zValue, "off")==0 ){ *pField = -1; return 0; }
    char *zEnd = 0;
    long v = strtol(zValue, &zEnd, 10);
    if( zValue[0]==0 || *zEnd!=0 || v<d->min || v>d->max ){
      return err_set(e, ERR_INPUT, "setting %s: \"%s\" is not a whole number from %d to %d%s",
                     zName, zValue, d->min, d->max, d->bOff ? " (or off)" : "");
    }
    *pField = (int)v;
    return 0;
  }
  char **pz = text_field(p, zName);
  if( pz==0 ){
    return err_set(e, ERR_INPUT, "unknown setting %s (known: remind_due_days, remind_late_days, "
                   "remind_returned_days, remind_deadline_days, remind_overdue_days, remind_head_days, "
                   "remind_office_days, remind_retry_max, remind_retry_seconds, remind_every_minutes, "
                   "remind_base_url, remind_smtp_url, remind_mail_from, remind_smtp_user)", zName);
  }
  if( utf8_valid_prefix((const unsigned char*)zValue, strlen(zValue))!=strlen(zValue)
   || strpbrk(zValue, "\r\n") ){
    return err_set(e, ERR_INPUT, "setting %s: not one line of UTF-8 text", zName);
  }
  if( strcmp(zName, "remind_base_url")==0 && zValue[0]
   && strncmp(zValue, "http://", 7)!=0 && strncmp(zValue, "https://", 8)!=0 ){
    return err_set(e, ERR_INPUT, "setting remind_base_url: \"%s\" is not an http(s):// address", zValue);
  }
  if( strcmp(zName, "remind_smtp_url")==0 && zValue[0]
   && strncmp(zValue, "smtp://", 7)!=0 && strncmp(zValue, "smtps://", 8)!=0 ){
    return err_set(e, ERR_INPUT, "setting remind_smtp_url: \"%s\" is not smtp://HOST:PORT or smtps://HOST:PORT", zValue);
  }
  free(*pz);
  *pz = xstrdup(zValue);
  /* a base URL is used without its trailing slashes */
  if( strcmp(zName, "remind_base_url")==0 ){
    size_t n = strlen(*pz);
    while( n>0 && (*pz)[n-1]=='/' ) (*pz)[--n] = 0;
  }
  return 0;
}

/* See remind.h. */
char *remind_settings_get(const RemindSettings *p, const char *zName){
  for(int i=0; i<N_NUM; i++){
    if( strcmp(zName, aNum[i].zName)!=0 ) continue;
    int v = *(const int*)((const char*)p + aNum[i].offset);
    return v<0 ? xstrdup("off") : xprintf("%d", v);
  }
  char **pz = text_field((RemindSettings*)p, zName);
  return pz ? xstrdup(*pz) : 0;
}

/* See remind.h.  A stored value that no longer passes the checks keeps
** the default. */
int remind_settings_load(Ledger *p, RemindSettings *pSet, Err *e){
  remind_settings_default(pSet);
  for(int i=0; azRemindSetting[i]; i++){
    char *z;
    if( store_setting_get(ledger_store(p), azRemindSetting[i], &z, e) ){
      remind_settings_clear(pSet);
      return -1;
    }
    if( z ){
      Err e2 = {0};
      remind_settings_set(pSet, azRemindSetting[i], z, &e2);
      free(z);
    }
  }
  return 0;
}

/* The acting user's login for the audit log. */
static const char *actor(Ledger *p){
  const User *u = ledger_user(p);
  return u && u->zLogin ? u->zLogin : "-";
}

/* Write an audit entry of the change being made (inside a transaction). */
static int audit(Ledger *p, const char *zAction, const char *zType, long long id,
                 json_t *before, json_t *after, Err *e){
  char zAt[20];
  ledger_now(zAt);
  char *zB = before ? json_dumps(before, JSON_COMPACT | JSON_PRESERVE_ORDER) : 0;
  char *zA = after ? json_dumps(after, JSON_COMPACT | JSON_PRESERVE_ORDER) : 0;
  json_decref(before);
  json_decref(after);
  int rc = audit_record(ledger_store(p), zAt, actor(p), zAction, zType, id, 0, zB, zA, e);
  free(zB);
  free(zA);
  return rc;
}

/* See remind.h. */
int remind_setting_set(Ledger *p, const char *zName, const char *zValue, Err *e){
  if( auth_check(ledger_user(p), ACT_SETTINGS, 0, e) ) return -1;
  RemindSettings s;
  if( remind_settings_load(p, &s, e) ) return -1;
  char *zOld = remind_settings_get(&s, zName);
  int rc = -1;
  if( remind_settings_set(&s, zName, zValue, e)==0 ){
    char *zNew = remind_settings_get(&s, zName);
    Store *st = ledger_store(p);
    if( store_begin(st, e)==0 ){
      if( store_setting_put(st, zName, zNew, e)
       || audit(p, "setting.set", "setting", 0, json_pack("{s:s}", zName, zOld),
                json_pack("{s:s}", zName, zNew), e) ){
        store_rollback(st);
      }else{
        rc = store_commit(st, e);
      }
    }
    free(zNew);
  }
  free(zOld);
  remind_settings_clear(&s);
  return rc;
}

/* ---- channels ---- */

/* A JSON string of z, or null. */
static json_t *jstr(const char *z){
  json_t *j = z ? json_string(z) : 0;
  return j ? j : json_null();
}

/* The address of a channel for display: a URL without its query (which
** holds the robot's token), an e-mail address as it is (new string). */
static char *address_shown(const char *z){
  const char *q = strchr(z, '?');
  return q ? xprintf("%.*s?…", (int)(q - z), z) : xstrdup(z);
}

/* Channel c as JSON for the audit log (the secret and the token left out). */
static json_t *channel_json(const Channel *c){
  char *zAddr = address_shown(c->zAddress);
  json_t *j = json_pack("{s:o, s:o, s:s, s:s, s:o, s:b, s:o}", "unit", jstr(c->zUnit),
                        "user", jstr(c->zUser), "role", c->zRole, "kind", c->zKind,
                        "address", jstr(zAddr), "signed", c->zSecret && c->zSecret[0],
                        "name", jstr(c->zName));
  free(zAddr);
  return j;
}

static const char *const azRole[] = {"contact", "head", "leader", "office", 0};

/* See remind.h. */
int remind_channel_add(Ledger *p, const ChannelArgs *a, int *pId, Err *e){
  if( auth_check(ledger_user(p), ACT_UNITS, 0, e) ) return -1;
  Store *s = ledger_store(p);
  Channel c;
  memset(&c, 0, sizeof(c));
  Unit u;
  memset(&u, 0, sizeof(u));
  User *aUser = 0;
  int nUser = 0, rc = -1;
  const char *zRole = a->zRole;
  int nOwner = (a->zUnit!=0) + (a->bOffice!=0);
  if( a->zUser==0 && nOwner!=1 ){
    return err_set(e, ERR_INPUT, "say whose channel it is: --unit UNIT --role contact|head|leader, --office, or --user LOGIN");
  }
  if( a->bOffice && a->zUnit ) return err_set(e, ERR_INPUT, "--office and --unit exclude each other");
  if( zRole ){
    int known = 0;
    for(int i=0; azRole[i]; i++) known |= strcmp(zRole, azRole[i])==0;
    if( !known ) return err_set(e, ERR_INPUT, "--role %s: want contact, head, leader or office", zRole);
  }
  if( channel_validate(a->zKind, a->zTo, a->zSecret, e) ) return -1;
  if( a->zName && (utf8_valid_prefix((const unsigned char*)a->zName, strlen(a->zName))!=strlen(a->zName)
                   || strpbrk(a->zName, "\r\n")) ){
    return err_set(e, ERR_INPUT, "--name: not one line of UTF-8 text");
  }
  if( a->zUser ){
    if( ledger_user_list(p, &aUser, &nUser, e) ) return -1;
    const User *pU = 0;
    for(int i=0; i<nUser; i++) if( strcmp(aUser[i].zLogin, a->zUser)==0 ) pU = &aUser[i];
    if( pU==0 ){
      err_set(e, ERR_NOTFOUND, "unknown user %s", a->zUser);
      goto out;
    }
    c.userId = pU->id;
    c.zUser = xstrdup(pU->zLogin);
    if( zRole==0 ){
      if( pU->role==ROLE_UNIT ) zRole = "contact";
      else if( pU->role==ROLE_LEADER ) zRole = "leader";
      else zRole = "office";
    }
    if( a->zUnit==0 && pU->role==ROLE_UNIT && strcmp(zRole, "office")!=0 ){
      c.unitId = pU->unitId;
      c.zUnit = pU->zUnit ? xstrdup(pU->zUnit) : 0;
    }
  }
  if( zRole==0 ) zRole = a->bOffice ? "office" : 0;
  if( zRole==0 ){
    err_set(e, ERR_INPUT, "--role contact|head|leader is needed with --unit");
    goto out;
  }
  if( a->zUnit ){
    if( ledger_unit_find(p, a->zUnit, &u, e) ) goto out;
    c.unitId = u.id;
    free(c.zUnit);
    c.zUnit = xstrdup(u.zName);
  }
  if( strcmp(zRole, "office")==0 && c.unitId ){
    err_set(e, ERR_INPUT, "an office channel belongs to no unit: drop --unit or give --role contact|head|leader");
    goto out;
  }
  if( strcmp(zRole, "office")!=0 && c.unitId==0 ){
    err_set(e, ERR_INPUT, "a %s channel belongs to a unit: give --unit UNIT", zRole);
    goto out;
  }
  c.zRole = xstrdup(zRole);
  c.zKind = xstrdup(a->zKind);
  c.zAddress = xstrdup(a->zTo);
  c.zSecret = a->zSecret && a->zSecret[0] ? xstrdup(a->zSecret) : 0;
  c.zName = xstrdup(a->zName ? a->zName : "");
  c.active = 1;
  ledger_now(c.zCreated);
  int id;
  if( store_begin(s, e) ) goto out;
  if( store_channel_insert(s, &c, &id, e)
   || audit(p, "channel.add", "channel", id, 0, channel_json(&c), e) ){
    store_rollback(s);
    goto out;
  }
  if( store_commit(s, e) ) goto out;
  if( pId ) *pId = id;
  rc = 0;
out:
  channel_clear(&c);
  unit_clear(&u);
  user_list_free(aUser, nUser);
  return rc;
}

/* True when the acting user may read every reminder and channel. */
static int sees_all(Ledger *p){
  return auth_can(ledger_user(p), ACT_AUDIT, 0);
}

/* See remind.h. */
int remind_channel_list(Ledger *p, int unitId, int bAll, Channel **pa, int *pn, Err *e){
  const User *u = ledger_user(p);
  *pa = 0;
  *pn = 0;
  if( !sees_all(p) ){
    if( u==0 || u->unitId==0 ) return auth_check(u, ACT_AUDIT, 0, e);
    unitId = u->unitId;
  }
  return store_channel_list(ledger_store(p), unitId, bAll, pa, pn, e);
}

/* See remind.h. */
int remind_channel_remove(Ledger *p, int id, Err *e){
  if( auth_check(ledger_user(p), ACT_UNITS, 0, e) ) return -1;
  Store *s = ledger_store(p);
  Channel c;
  if( store_channel_get(s, id, &c, e) ) return -1;
  int rc = -1;
  if( !c.active ){
    err_set(e, ERR_CONFLICT, "channel %d was already removed", id);
  }else if( store_begin(s, e)==0 ){
    if( store_channel_retire(s, id, e)
     || audit(p, "channel.remove", "channel", id, channel_json(&c), json_pack("{s:b}", "active", 0), e) ){
      store_rollback(s);
    }else{
      rc = store_commit(s, e);
    }
  }
  channel_clear(&c);
  return rc;
}

/* ---- time ---- */

/* Seconds since 1970 (UTC arithmetic, no zone) of "YYYY-MM-DDTHH:MM:SS". */
static long long time_secs(const char *z){
  long long s = (long long)date_days(z) * 86400;
  if( strlen(z)>=19 ) s += atoi(z+11)*3600 + atoi(z+14)*60 + atoi(z+17);
  return s;
}

/* See remind.h. */
void remind_time_add(const char *zTime, long nSec, char z[20]){
  long long t = time_secs(zTime) + nSec;
  long long d = t / 86400, r = t % 86400;
  if( r<0 ){ r += 86400; d--; }
  char zDay[11];
  days_date((int)d, zDay);
  snprintf(z, 20, "%sT%02d:%02d:%02d", zDay, (int)(r/3600), (int)(r/60%60), (int)(r%60));
}

/* See remind.h. */
long remind_backoff(int base, int nTry){
  if( base<=0 || nTry<=0 ) return base>0 ? base : 0;
  long v = base;
  for(int i=1; i<nTry && v<MAX_BACKOFF; i++) v *= 2;
  return v > MAX_BACKOFF ? MAX_BACKOFF : v;
}

/* The run's now: day zAsOf with the clock's time of day, into z[20]. */
static void run_now(const char *zAsOf, char z[20]){
  char zNow[20];
  ledger_now(zNow);
  snprintf(z, 20, "%.10s%s", zAsOf, zNow+10);
}

/* ---- messages ---- */

/* Append z cut to nCp code points (with "…"), newlines as spaces. */
static void put_cut(Buf *b, const char *z, int nCp){
  int c = 0;
  while( *z && c<nCp ){
    if( *z=='\n' || *z=='\r' || *z=='\t' ){ buf_putc(b, ' '); z++; c++; continue; }
    const char *s = z+1;
    while( ((unsigned char)*s & 0xC0)==0x80 ) s++;
    buf_append(b, z, (size_t)(s - z));
    z = s;
    c++;
  }
  if( *z ) buf_puts(b, "…");
}

/* "2026年6月" for period "2026-06" into b. */
static void put_period(Buf *b, const char *zPeriod){
  buf_printf(b, "%d年%d月", atoi(zPeriod), atoi(zPeriod+5));
}

/* See remind.h. */
void remind_item_text(const Chase *c, const char *zAsOf, char **pzWho, char **pzWhat){
  Buf b = BUF_INIT;
  /* who: the region and the unit, unless the unit is above the region or
  ** already names it */
  if( c->zUnit==0 ){
    buf_printf(&b, "%s（牵头单位未明确）", c->zRegion ? c->zRegion : "");
  }else if( (c->zUnitKind && strcmp(c->zUnitKind, "upper")==0) || c->zRegion==0
         || strncmp(c->zUnit, c->zRegion, strlen(c->zRegion))==0 ){
    buf_puts(&b, c->zUnit);
  }else{
    buf_printf(&b, "%s%s", c->zRegion, c->zUnit);
  }
  *pzWho = buf_detach(&b);
  buf_printf(&b, "任务 %s「", c->zSeq);
  put_cut(&b, c->zText, 30);
  buf_puts(&b, "」");
  int left = date_days(c->zDate) - date_days(zAsOf);
  switch( c->kind ){
    case CHASE_REPORT_DUE:
      put_period(&b, c->zPeriod);
      buf_printf(&b, "进度应于%s前报送", c->zDate);
      if( left>0 ) buf_printf(&b, "（还有%d天）", left);
      else buf_puts(&b, "（今天到期）");
      break;
    case CHASE_REPORT_LATE:
      put_period(&b, c->zPeriod);
      buf_printf(&b, "进度未报送（应于%s前报送）", c->zDate);
      break;
    case CHASE_REPORT_RETURNED:
      put_period(&b, c->zPeriod);
      buf_printf(&b, "进度已于%s被退回，尚未重新报送", c->zDate);
      break;
    case CHASE_DEADLINE_SOON:
      buf_printf(&b, "完成时限为%s", c->zDate);
      if( left>0 ) buf_printf(&b, "（还有%d天）", left);
      else buf_puts(&b, "（今天到期）");
      buf_puts(&b, "，尚未销号");
      break;
    case CHASE_OVERDUE:
    default:
      buf_printf(&b, "已超过完成时限%s，尚未销号", c->zDate);
      break;
  }
  *pzWhat = buf_detach(&b);
}

/* See remind.h. */
char *remind_cause_key(const Chase *c){
  switch( c->kind ){
    case CHASE_REPORT_DUE: case CHASE_REPORT_LATE:
      return xprintf("%s/%d/%s", chase_kind_name(c->kind), c->taskId, c->zPeriod);
    case CHASE_REPORT_RETURNED:
      return xprintf("%s/%d/%s/%s", chase_kind_name(c->kind), c->taskId, c->zPeriod, c->zDate);
    default:
      return xprintf("%s/%d/%s", chase_kind_name(c->kind), c->taskId, c->zDate);
  }
}

/* True for the kinds that only give notice (no escalation). */
static int kind_is_notice(const char *zKind){
  return strcmp(zKind, "report_due")==0 || strcmp(zKind, "deadline_soon")==0;
}

/* What a unit's contact is asked to do for an item of kind zKind. */
static const char *kind_ask(const char *zKind){
  if( strcmp(zKind, "report_due")==0 ) return "请按时填报";
  if( strcmp(zKind, "report_late")==0 ) return "请尽快填报";
  if( strcmp(zKind, "report_returned")==0 ) return "请修改后尽快重新报送";
  if( strcmp(zKind, "deadline_soon")==0 ) return "请抓紧推进";
  return "请抓紧办理并报送进展";
}

/* A short label of kind zKind for titles. */
static const char *kind_label(const char *zKind){
  if( strcmp(zKind, "report_due")==0 ) return "进度报送即将到期";
  if( strcmp(zKind, "report_late")==0 ) return "进度未报送";
  if( strcmp(zKind, "report_returned")==0 ) return "进度被退回未重报";
  if( strcmp(zKind, "deadline_soon")==0 ) return "完成时限将到";
  return "已超过完成时限";
}

/* See remind.h.  Step 1 asks the unit per item; step 2 asks the head to
** see to it; step 3 asks the office to supervise (督办). */
void remind_compose(const RemindItem *a, int n, int step,
                    char **pzTitle, char **pzText, char **pzMarkdown){
  Buf t = BUF_INIT, x = BUF_INIT, m = BUF_INIT;
  int allNotice = 1, sameWho = 1;
  for(int i=0; i<n; i++){
    if( !kind_is_notice(a[i].zKind) ) allNotice = 0;
    if( strcmp(a[i].zWho, a[0].zWho)!=0 ) sameWho = 0;
  }
  const char *zTag = step>=3 ? "【督办】" : (allNotice && step==1) ? "【提醒】" : "【催办】";
  const char *zWho = sameWho ? a[0].zWho : 0;
  const char *zStepAsk = step>=3 ? "经提醒仍未办理，请督办" : step==2 ? "经提醒仍未办理，请督促落实" : 0;
  if( n==1 ){
    const RemindItem *it = &a[0];
    const char *zAsk = zStepAsk ? zStepAsk : kind_ask(it->zKind);
    buf_printf(&t, "%s%s：%s", zTag, it->zWho, kind_label(it->zKind));
    buf_printf(&x, "%s%s：%s，%s。", zTag, it->zWho, it->zWhat, zAsk);
    if( it->zLink ) buf_printf(&x, "查看：%s", it->zLink);
    buf_printf(&m, "#### %s%s\n\n%s，%s。", zTag, it->zWho, it->zWhat, zAsk);
    if( it->zLink ) buf_printf(&m, "\n\n[查看任务](%s)", it->zLink);
  }else{
    const char *zAsk = zStepAsk ? zStepAsk : "请及时办理";
    buf_printf(&t, "%s%s%s%d项事项", zTag, zWho ? zWho : "", zWho ? "：" : "", n);
    buf_printf(&x, "%s%s%s以下%d项事项%s：", zTag, zWho ? zWho : "", zWho ? "：" : "", n, zAsk);
    buf_printf(&m, "#### %s%s%s以下%d项事项%s", zTag, zWho ? zWho : "", zWho ? "：" : "", n, zAsk);
    buf_puts(&m, "\n");
    for(int i=0; i<n; i++){
      const RemindItem *it = &a[i];
      Buf line = BUF_INIT;
      if( !zWho ) buf_printf(&line, "%s：", it->zWho);
      buf_puts(&line, it->zWhat);
      if( !zStepAsk ) buf_printf(&line, "，%s", kind_ask(it->zKind));
      buf_puts(&line, "。");
      buf_printf(&x, "\n%d. %s", i+1, line.a);
      if( it->zLink ) buf_printf(&x, "查看：%s", it->zLink);
      buf_printf(&m, "\n%d. %s", i+1, line.a);
      if( it->zLink ) buf_printf(&m, "[查看](%s)", it->zLink);
      buf_free(&line);
    }
  }
  *pzTitle = buf_detach(&t);
  *pzText = buf_detach(&x);
  *pzMarkdown = buf_detach(&m);
}

/* ---- the run ---- */

/* A run in progress. */
typedef struct Run Run;
struct Run {
  Ledger *p;
  Store *s;
  RemindSettings set;
  char zAsOf[11];
  char zNow[20];
  int bDry;
  Channel *aChan;      /* the active channels */
  int nChan;
  char **azCause;      /* the causes open now (their keys) */
  int nCause, nCauseAlloc;
  Reminder *aNew;      /* dry run: the reminders that would be recorded */
  int nNew, nNewAlloc;
  RemindResult *out;
  int nNoteAlloc, nMsgAlloc;
};

/* Add a note to the result, unless the same note is there. */
static void note(Run *r, char *z){
  for(int i=0; i<r->out->nNote; i++){
    if( strcmp(r->out->azNote[i], z)==0 ){ free(z); return; }
  }
  *ARRAY_PUSH(r->out->azNote, r->out->nNote, r->nNoteAlloc) = z;
}

/* The day zDay plus n days into z[11]. */
static void add_days(const char *zDay, int n, char z[11]){
  days_date(date_days(zDay) + n, z);
}

/* The day step 1 of chase c is due into z[11]; 0 when its rule is off. */
static int first_day(const RemindSettings *set, const Chase *c, char z[11]){
  int n;
  switch( c->kind ){
    case CHASE_REPORT_DUE:      n = set->dueDays; if( n<0 ) return 0; add_days(c->zDate, -n, z); return 1;
    case CHASE_DEADLINE_SOON:   n = set->deadlineDays; if( n<0 ) return 0; add_days(c->zDate, -n, z); return 1;
    case CHASE_REPORT_LATE:     n = set->lateDays; break;
    case CHASE_REPORT_RETURNED: n = set->returnedDays; break;
    case CHASE_OVERDUE: default: n = set->overdueDays; break;
  }
  if( n<0 ) return 0;
  add_days(c->zSince, n, z);
  return 1;
}

/* The role of the channels of step `step` ("leader" goes with "office"). */
static int channel_in_step(const Channel *ch, int step, int unitId){
  switch( step ){
    case 1: return unitId && ch->unitId==unitId && strcmp(ch->zRole, "contact")==0;
    case 2: return unitId && ch->unitId==unitId && strcmp(ch->zRole, "head")==0;
    default:
      return strcmp(ch->zRole, "office")==0
          || (unitId && ch->unitId==unitId && strcmp(ch->zRole, "leader")==0);
  }
}

/* Who step `step` goes to, in words, for notes. */
static const char *step_name(int step){
  return step==1 ? "contact" : step==2 ? "head" : "office or leader";
}

/* Record (or, in a dry run, count) the reminders of step `step` of chase c. */
static int record_step(Run *r, const Chase *c, const char *zKey, int step,
                       const char *zWho, const char *zWhat, const char *zLink, Err *e){
  int n = 0;
  for(int i=0; i<r->nChan; i++){
    const Channel *ch = &r->aChan[i];
    if( !channel_in_step(ch, step, c->unitId) ) continue;
    n++;
    Reminder m;
    memset(&m, 0, sizeof(m));
    m.zCause = (char*)zKey;
    m.zKind = (char*)chase_kind_name(c->kind);
    m.taskId = c->taskId;
    m.unitId = c->unitId;
    m.zWho = (char*)zWho;
    m.zWhat = (char*)zWhat;
    m.zLink = (char*)zLink;
    m.channelId = ch->id;
    m.zChannel = ch->zKind;
    m.step = step;
    memcpy(m.zCreated, r->zNow, 20);
    memcpy(m.zNextTry, r->zNow, 20);
    if( r->bDry ){
      int bExists;
      if( store_reminder_exists(r->s, zKey, ch->id, step, &bExists, e) ) return -1;
      if( bExists ) continue;
      Reminder *pNew = ARRAY_PUSH(r->aNew, r->nNew, r->nNewAlloc);
      *pNew = m;
      pNew->zCause = xstrdup(zKey);
      pNew->zKind = xstrdup(m.zKind);
      pNew->zWho = xstrdup(zWho);
      pNew->zWhat = xstrdup(zWhat);
      pNew->zLink = zLink ? xstrdup(zLink) : 0;
      pNew->zChannel = xstrdup(ch->zKind);
      pNew->zState = xstrdup("pending");
      r->out->nNew++;
    }else{
      int bNew;
      if( store_reminder_insert(r->s, &m, &bNew, e) ) return -1;
      r->out->nNew += bNew;
    }
  }
  if( n==0 ){
    r->out->nNobody++;
    if( step<3 && c->unitId ){
      note(r, xprintf("%s has no %s channel: step %d of its reminders reaches nobody", c->zUnit, step_name(step), step));
    }else if( step<3 ){
      note(r, xprintf("task %s has no lead unit: steps 1 and 2 of its reminders reach nobody", c->zSeq));
    }else{
      note(r, xprintf("no office channel%s%s: step 3 reaches nobody", c->zUnit ? " and no leader channel of " : "",
                      c->zUnit ? c->zUnit : ""));
    }
  }
  return 0;
}

/* Turn the open things into reminders (recorded, or in a dry run listed). */
static int record_causes(Run *r, Err *e){
  Chase *a;
  int n, rc = 0;
  int nAhead = r->set.dueDays > r->set.deadlineDays ? r->set.dueDays : r->set.deadlineDays;
  if( nAhead<0 ) nAhead = 0;
  if( ledger_chase_list(r->p, r->zAsOf, nAhead, &a, &n, e) ) return -1;
  if( !r->bDry && store_begin(r->s, e) ){
    chase_list_free(a, n);
    return -1;
  }
  for(int i=0; i<n && rc==0; i++){
    const Chase *c = &a[i];
    char zDay[11];
    if( !first_day(&r->set, c, zDay) || strcmp(zDay, r->zAsOf)>0 ) continue;
    char *zKey = remind_cause_key(c);
    *ARRAY_PUSH(r->azCause, r->nCause, r->nCauseAlloc) = zKey;
    r->out->nCause++;
    char *zWho, *zWhat;
    remind_item_text(c, r->zAsOf, &zWho, &zWhat);
    char *zLink = r->set.zBaseUrl[0] ? xprintf("%s/task/%d", r->set.zBaseUrl, c->taskId) : 0;
    int nStep = c->kind==CHASE_REPORT_DUE || c->kind==CHASE_DEADLINE_SOON ? 1 : 3;
    for(int step=1; step<=nStep && rc==0; step++){
      if( step>1 ){
        int d = step==2 ? r->set.headDays : r->set.officeDays;
        if( d<0 ) continue;                 /* this step is off */
        add_days(zDay, d, zDay);
        if( strcmp(zDay, r->zAsOf)>0 ) break;
      }
      rc = record_step(r, c, zKey, step, zWho, zWhat, zLink, e);
    }
    free(zWho);
    free(zWhat);
    free(zLink);
  }
  chase_list_free(a, n);
  if( r->bDry ) return rc;
  if( rc ){
    store_rollback(r->s);
    return -1;
  }
  return store_commit(r->s, e);
}

/* True when zKey is a cause open now. */
static int cause_open(const Run *r, const char *zKey){
  for(int i=0; i<r->nCause; i++) if( strcmp(r->azCause[i], zKey)==0 ) return 1;
  return 0;
}

/* The active channel id, or NULL. */
static const Channel *channel_by_id(const Run *r, int id){
  for(int i=0; i<r->nChan; i++) if( r->aChan[i].id==id ) return &r->aChan[i];
  return 0;
}

/* Settle what is pending but should not be sent: reminders whose cause
** closed or whose channel was removed are cancelled; reminders left
** "sending" by a run that stopped are failed (never sent again: they may
** have arrived). */
static int settle(Run *r, Err *e){
  ReminderQuery q = {0, 0, "pending", 0, 0, 1};
  Reminder *a;
  int n, rc = 0;
  if( store_reminder_list(r->s, &q, &a, &n, e) ) return -1;
  if( !r->bDry && store_begin(r->s, e) ){ reminder_list_free(a, n); return -1; }
  for(int i=0; i<n && rc==0; i++){
    const char *zWhy = !cause_open(r, a[i].zCause) ? "cancelled: the cause is closed"
                     : channel_by_id(r, a[i].channelId)==0 ? "cancelled: the channel was removed" : 0;
    if( zWhy==0 ) continue;
    r->out->nCancelled++;
    if( r->bDry ) continue;
    free(a[i].zState); a[i].zState = xstrdup("cancelled");
    free(a[i].zResult); a[i].zResult = xstrdup(zWhy);
    rc = store_reminder_update(r->s, &a[i], e);
  }
  reminder_list_free(a, n);
  if( r->bDry ) return rc;
  q.zState = "sending";
  if( rc==0 ) rc = store_reminder_list(r->s, &q, &a, &n, e);
  else n = 0, a = 0;
  for(int i=0; i<n && rc==0; i++){
    if( time_secs(r->zNow) - time_secs(a[i].zNextTry) < STALE_SENDING_SECONDS ) continue;
    free(a[i].zState); a[i].zState = xstrdup("failed");
    free(a[i].zResult);
    a[i].zResult = xstrdup("interrupted while sending; not sent again so that it cannot arrive twice");
    r->out->nFailed++;
    rc = store_reminder_update(r->s, &a[i], e);
  }
  reminder_list_free(a, n);
  if( rc ){ store_rollback(r->s); return -1; }
  return store_commit(r->s, e);
}

/* The channel for display: "教育局 contact dingtalk 教育局群". */
static char *channel_shown(const Channel *c){
  char *zAddr = address_shown(c->zAddress);
  char *z = xprintf("%s%s%s %s %s", c->zUnit ? c->zUnit : "", c->zUnit ? " " : "", c->zRole, c->zKind,
                    c->zName && c->zName[0] ? c->zName : zAddr);
  free(zAddr);
  return z;
}

/* Compose the message of reminders a[0..n) (one channel) into *pm. */
static void compose_rows(const Reminder *a, int n, char **pzTitle, char **pzText, char **pzMd, int *pStep){
  RemindItem *aItem = xcalloc((size_t)n, sizeof(RemindItem));
  int step = 1;
  for(int i=0; i<n; i++){
    aItem[i].zKind = a[i].zKind;
    aItem[i].zWho = a[i].zWho;
    aItem[i].zWhat = a[i].zWhat;
    aItem[i].zLink = a[i].zLink;
    if( a[i].step > step ) step = a[i].step;
  }
  remind_compose(aItem, n, step, pzTitle, pzText, pzMd);
  free(aItem);
  *pStep = step;
}

/* Add a message to the result. */
static RemindMsg *add_msg(Run *r, const Channel *c, int step, int nItem, char *zTitle, char *zText){
  RemindMsg *m = ARRAY_PUSH(r->out->aMsg, r->out->nMsg, r->nMsgAlloc);
  m->channelId = c->id;
  m->zTo = channel_shown(c);
  m->step = step;
  m->nItem = nItem;
  m->zTitle = zTitle;
  m->zText = zText;
  return m;
}

/* Send the reminders a[0..n) of channel c as one message and record the
** outcome of each. */
static int send_group(Run *r, const Channel *c, Reminder *a, int n, Err *e){
  /* claim them: a reminder another run has claimed is left to it */
  int k = 0;
  if( store_begin(r->s, e) ) return -1;
  for(int i=0; i<n; i++){
    int bClaimed;
    if( store_reminder_claim(r->s, a[i].id, r->zNow, &bClaimed, e) ){ store_rollback(r->s); return -1; }
    if( bClaimed ){
      if( k!=i ){ Reminder t = a[k]; a[k] = a[i]; a[i] = t; }
      k++;
    }
  }
  if( store_commit(r->s, e) ) return -1;
  if( k==0 ) return 0;
  char *zTitle, *zText, *zMd, *zResult = 0;
  int step, bFinal = 0;
  compose_rows(a, k, &zTitle, &zText, &zMd, &step);
  const char **azCause = xcalloc((size_t)k, sizeof(char*));
  RemindItem *aItem = xcalloc((size_t)k, sizeof(RemindItem));
  for(int i=0; i<k; i++){
    azCause[i] = a[i].zCause;
    aItem[i].zKind = a[i].zKind;
    aItem[i].zWho = a[i].zWho;
    aItem[i].zWhat = a[i].zWhat;
    aItem[i].zLink = a[i].zLink;
  }
  const char *zPw = getenv("LUOSHI_SMTP_PASSWORD");
  ChannelEnv env = {r->set.zSmtpUrl, r->set.zMailFrom, r->set.zSmtpUser, zPw};
  ChannelMsg cm = {zTitle, zText, zMd, step, aItem, k, azCause};
  int bad = channel_send(c, &cm, &env, &zResult, &bFinal);
  free(azCause);
  free(aItem);
  free(zMd);
  RemindMsg *m = add_msg(r, c, step, k, zTitle, zText);
  m->ok = !bad;
  m->zResult = xstrdup(zResult ? zResult : "");
  /* record the outcome */
  int rc = 0;
  if( store_begin(r->s, e) ){ free(zResult); return -1; }
  for(int i=0; i<k && rc==0; i++){
    Reminder *x = &a[i];
    x->tries++;
    free(x->zResult);
    x->zResult = xstrdup(zResult ? zResult : "");
    free(x->zState);
    if( !bad ){
      x->zState = xstrdup("sent");
      memcpy(x->zSentAt, r->zNow, 20);
      r->out->nSent++;
    }else if( bFinal || x->tries >= r->set.retryMax ){
      x->zState = xstrdup("failed");
      r->out->nFailed++;
    }else{
      x->zState = xstrdup("pending");
      remind_time_add(r->zNow, remind_backoff(r->set.retrySeconds, x->tries), x->zNextTry);
    }
    rc = store_reminder_update(r->s, x, e);
  }
  free(zResult);
  if( rc ){ store_rollback(r->s); return -1; }
  return store_commit(r->s, e);
}

/* Group a[0..n) (ordered by channel) by channel, at most MAX_ITEMS each,
** and send (or, in a dry run, show) each group. */
static int send_all(Run *r, Reminder *a, int n, Err *e){
  for(int i=0; i<n; ){
    int j = i;
    while( j<n && j-i<MAX_ITEMS && a[j].channelId==a[i].channelId ) j++;
    const Channel *c = channel_by_id(r, a[i].channelId);
    if( c ){
      if( r->bDry ){
        char *zTitle, *zText, *zMd;
        int step;
        compose_rows(&a[i], j-i, &zTitle, &zText, &zMd, &step);
        free(zMd);
        RemindMsg *m = add_msg(r, c, step, j-i, zTitle, zText);
        m->ok = 1;
        m->zResult = xstrdup("dry run: not sent");
      }else if( send_group(r, c, &a[i], j-i, e) ){
        return -1;
      }
    }
    i = j;
  }
  return 0;
}

/* Order reminders by channel, then by id (for the dry run's list). */
static int reminder_cmp(const void *x, const void *y){
  const Reminder *a = x, *b = y;
  if( a->channelId!=b->channelId ) return a->channelId < b->channelId ? -1 : 1;
  return a->id < b->id ? -1 : a->id > b->id;
}

/* Send what is due; a failed send retried at once (retry seconds 0) is
** tried again in the same run, up to remind_retry_max tries. */
static int send_due(Run *r, Err *e){
  ReminderQuery q = {0, 0, "pending", r->zNow, 0, 1};
  Reminder *a;
  int n;
  if( r->bDry ){
    if( store_reminder_list(r->s, &q, &a, &n, e) ) return -1;
    /* the due ones that stay pending, and the new ones */
    int k = 0;
    for(int i=0; i<n; i++){
      if( cause_open(r, a[i].zCause) && channel_by_id(r, a[i].channelId) ) a[k++] = a[i];
      else reminder_clear(&a[i]);
    }
    a = xrealloc(a, sizeof(Reminder)*(size_t)(k + r->nNew + 1));
    memcpy(a+k, r->aNew, sizeof(Reminder)*(size_t)r->nNew);
    n = k + r->nNew;
    free(r->aNew);
    r->aNew = 0;
    r->nNew = 0;
    qsort(a, (size_t)n, sizeof(Reminder), reminder_cmp);
    int rc = send_all(r, a, n, e);
    reminder_list_free(a, n);
    return rc;
  }
  for(int pass=0; pass<=r->set.retryMax; pass++){
    if( store_reminder_list(r->s, &q, &a, &n, e) ) return -1;
    int rc = n ? send_all(r, a, n, e) : 0;
    reminder_list_free(a, n);
    if( rc ) return -1;
    if( n==0 ) break;
  }
  /* what is left to retry later */
  q.zDueBy = 0;
  if( store_reminder_list(r->s, &q, &a, &n, e) ) return -1;
  r->out->nRetry = 0;
  for(int i=0; i<n; i++) r->out->nRetry += a[i].tries>0;
  reminder_list_free(a, n);
  return 0;
}

/* Run the rules (no permission check). */
static int run_rules(Ledger *p, const RemindArgs *a, RemindResult *out, Err *e){
  Run r;
  memset(&r, 0, sizeof(r));
  memset(out, 0, sizeof(*out));
  const char *zAsOf = a && a->zAsOf ? a->zAsOf : today();
  if( !date_valid(zAsOf) ) return err_set(e, ERR_INPUT, "--as-of %s: want a date YYYY-MM-DD", zAsOf);
  channel_global_init();
  r.p = p;
  r.s = ledger_store(p);
  r.bDry = a && a->bDryRun;
  r.out = out;
  snprintf(r.zAsOf, sizeof(r.zAsOf), "%s", zAsOf);
  run_now(r.zAsOf, r.zNow);
  memcpy(out->zAsOf, r.zAsOf, 11);
  memcpy(out->zNow, r.zNow, 20);
  int rc = -1;
  if( remind_settings_load(p, &r.set, e) ) return -1;
  if( store_channel_list(r.s, 0, 0, &r.aChan, &r.nChan, e) ) goto out;
  if( record_causes(&r, e) || settle(&r, e) || send_due(&r, e) ) goto out;
  rc = 0;
out:
  remind_settings_clear(&r.set);
  channel_list_free(r.aChan, r.nChan);
  for(int i=0; i<r.nCause; i++) free(r.azCause[i]);
  free(r.azCause);
  reminder_list_free(r.aNew, r.nNew);
  return rc;
}

/* See remind.h. */
int remind_run(Ledger *p, const RemindArgs *a, RemindResult *out, Err *e){
  memset(out, 0, sizeof(*out));
  if( auth_check(ledger_user(p), a && a->bDryRun ? ACT_AUDIT : ACT_REVIEW, 0, e) ) return -1;
  return run_rules(p, a, out, e);
}

/* See remind.h. */
int remind_tick(const char *zDb, RemindResult *out, Err *e){
  Ledger *p;
  memset(out, 0, sizeof(*out));
  if( ledger_open(zDb, &p, e) ) return -1;
  RemindArgs a = {0, 0};
  int rc = run_rules(p, &a, out, e);
  ledger_close(p);
  return rc;
}

/* ---- the schedule of luoshi serve ---- */

struct RemindSchedule {
  char *zDb;
  pthread_t thread;
  pthread_mutex_t mutex;
  pthread_cond_t cond;
  int bStop;
};

/* The minutes between runs, from the ledger's settings (15 when unknown). */
static int schedule_minutes(const char *zDb){
  Ledger *p;
  Err e = {0};
  int n = 15;
  if( ledger_open(zDb, &p, &e)==0 ){
    RemindSettings s;
    if( remind_settings_load(p, &s, &e)==0 ){
      n = s.everyMinutes;
      remind_settings_clear(&s);
    }
    ledger_close(p);
  }
  return n>0 ? n : 15;
}

/* The thread: run, wait, run... until stopped. */
static void *schedule_main(void *pArg){
  RemindSchedule *p = pArg;
  pthread_mutex_lock(&p->mutex);
  while( !p->bStop ){
    pthread_mutex_unlock(&p->mutex);
    RemindResult res;
    Err e = {0};
    if( remind_tick(p->zDb, &res, &e) ){
      fprintf(stderr, "luoshi: remind: %s\n", e.zMsg);
    }else if( res.nNew || res.nSent || res.nFailed || res.nRetry ){
      fprintf(stderr, "luoshi: remind %s: %d new, %d sent, %d to retry, %d failed\n",
              res.zAsOf, res.nNew, res.nSent, res.nRetry, res.nFailed);
    }
    remind_result_free(&res);
    int nMin = schedule_minutes(p->zDb);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += (time_t)nMin * 60;
    pthread_mutex_lock(&p->mutex);
    while( !p->bStop ){
      if( pthread_cond_timedwait(&p->cond, &p->mutex, &ts)!=0 ) break;   /* timed out */
    }
  }
  pthread_mutex_unlock(&p->mutex);
  return 0;
}

/* See remind.h. */
int remind_schedule_start(const char *zDb, RemindSchedule **pp, Err *e){
  channel_global_init();
  RemindSchedule *p = xcalloc(1, sizeof(*p));
  p->zDb = xstrdup(zDb);
  pthread_mutex_init(&p->mutex, 0);
  pthread_cond_init(&p->cond, 0);
  if( pthread_create(&p->thread, 0, schedule_main, p) ){
    free(p->zDb);
    free(p);
    *pp = 0;
    return err_set(e, ERR_INTERNAL, "cannot start the reminder thread");
  }
  *pp = p;
  return 0;
}

/* See remind.h. */
void remind_schedule_stop(RemindSchedule *p){
  if( p==0 ) return;
  pthread_mutex_lock(&p->mutex);
  p->bStop = 1;
  pthread_cond_signal(&p->cond);
  pthread_mutex_unlock(&p->mutex);
  pthread_join(p->thread, 0);
  pthread_mutex_destroy(&p->mutex);
  pthread_cond_destroy(&p->cond);
  free(p->zDb);
  free(p);
}

/* ---- checking the configuration ---- */

/* Add a line to a check. */
static void check_line(RemindCheckLine **pa, int *pn, int *pnAlloc, int *pnBad,
                       int channelId, int ok, char *zWhat, char *zMsg){
  RemindCheckLine *l = ARRAY_PUSH(*pa, *pn, *pnAlloc);
  l->channelId = channelId;
  l->ok = ok;
  l->zWhat = zWhat;
  l->zMsg = zMsg;
  if( !ok ) (*pnBad)++;
}

/* See remind.h. */
int remind_check(Ledger *p, RemindCheckLine **pa, int *pn, int *pnBad, Err *e){
  RemindCheckLine *a = 0;
  int n = 0, nAlloc = 0, nBad = 0;
  *pa = 0; *pn = 0; *pnBad = 0;
  if( auth_check(ledger_user(p), ACT_REVIEW, 0, e) ) return -1;
  channel_global_init();
  RemindSettings set;
  if( remind_settings_load(p, &set, e) ) return -1;
  Channel *aC;
  int nC;
  if( store_channel_list(ledger_store(p), 0, 0, &aC, &nC, e) ){
    remind_settings_clear(&set);
    return -1;
  }
  const char *zPw = getenv("LUOSHI_SMTP_PASSWORD");
  ChannelEnv env = {set.zSmtpUrl, set.zMailFrom, set.zSmtpUser, zPw};
  if( set.zBaseUrl[0]==0 ){
    check_line(&a, &n, &nAlloc, &nBad, 0, 0, xstrdup("remind_base_url"),
               xstrdup("not set: messages carry no link to the task (luoshi remind set remind_base_url https://HOST)"));
  }else{
    check_line(&a, &n, &nAlloc, &nBad, 0, 1, xstrdup("remind_base_url"), xstrdup(set.zBaseUrl));
  }
  /* each channel on its own: one bad channel does not stop the others */
  int nOffice = 0;
  for(int i=0; i<nC; i++){
    char *zResult = 0;
    int bad = channel_probe(&aC[i], &env, &zResult);
    char *zShown = channel_shown(&aC[i]);
    check_line(&a, &n, &nAlloc, &nBad, aC[i].id, !bad, xprintf("channel %d (%s)", aC[i].id, zShown), zResult);
    free(zShown);
    if( strcmp(aC[i].zRole, "office")==0 ) nOffice++;
  }
  if( nOffice==0 ){
    check_line(&a, &n, &nAlloc, &nBad, 0, 0, xstrdup("office"),
               xstrdup("no office channel: escalations (step 3) reach nobody (luoshi channel add --office ...)"));
  }
  /* units with open tasks and nobody to remind */
  Chase *aO;
  int nO;
  if( ledger_chase_list(p, today(), 0, &aO, &nO, e)==0 ){
    for(int i=0; i<nO; i++){
      if( aO[i].unitId==0 ) continue;
      int seen = 0, hasContact = 0;
      for(int j=0; j<i && !seen; j++) seen = aO[j].unitId==aO[i].unitId;
      if( seen ) continue;
      for(int j=0; j<nC; j++) hasContact |= channel_in_step(&aC[j], 1, aO[i].unitId);
      if( !hasContact ){
        check_line(&a, &n, &nAlloc, &nBad, 0, 0, xprintf("unit %s", aO[i].zUnit),
                   xstrdup("has late or open items and no contact channel: its reminders start at step 3"));
      }
    }
    chase_list_free(aO, nO);
  }
  channel_list_free(aC, nC);
  remind_settings_clear(&set);
  *pa = a; *pn = n; *pnBad = nBad;
  return 0;
}

/* ---- lists ---- */

/* See remind.h. */
int remind_list(Ledger *p, const ReminderFilter *f, Reminder **pa, int *pn, Err *e){
  const User *u = ledger_user(p);
  *pa = 0;
  *pn = 0;
  ReminderQuery q = {f ? f->unitId : 0, f ? f->taskId : 0, f ? f->zState : 0, 0,
                     f && f->limit>0 ? f->limit : 200, 0};
  if( !sees_all(p) ){
    if( u==0 || u->unitId==0 ) return auth_check(u, ACT_AUDIT, 0, e);
    q.unitId = u->unitId;
  }
  if( store_reminder_list(ledger_store(p), &q, pa, pn, e) ) return -1;
  /* the recipient without a robot's token */
  for(int i=0; i<*pn; i++){
    char *z = address_shown((*pa)[i].zTo ? (*pa)[i].zTo : "");
    free((*pa)[i].zTo);
    (*pa)[i].zTo = z;
  }
  return 0;
}
