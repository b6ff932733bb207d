/*
** remind.h -- reminders and escalation (催办): nothing late goes
** unnoticed, nothing is sent twice.
**
** The flow of one run (remind_run):
**   open things   ledger_chase_list() (ledger.h): reports due soon, late or
**                 returned, deadlines near or passed -- the status engine
**                 decides; nothing here computes lateness;
**   causes        each open thing is a cause with a stable key
**                 ("report_late/12/2026-06"); a cause escalates in steps:
**                   1  the unit's contact(s)                (at once)
**                   2  the unit's head            (remind_head_days later)
**                   3  the supervision office and the unit's responsible
**                      leader                   (remind_office_days later)
**                 the "soon" kinds (report_due, deadline_soon) stop at 1;
**   recipients    the active channels of the step's role (Channel);
**   record        one reminder row per (cause, channel, step) -- the
**                 store's UNIQUE constraint on the three is what makes
**                 "never twice" hold, also between two runs at once;
**   send          pending reminders due now, one message per channel
**                 (several causes to one channel go in one message), each
**                 claimed before it is sent (state "sending"), so a crash
**                 or a second run never sends it again; a failed send is
**                 retried after remind_retry_seconds, doubling each time,
**                 and after remind_retry_max tries shown as failed;
**   cancel        a pending reminder whose cause is no longer open (the
**                 report came in) is cancelled, not sent.
** Time: the run's "now" is its as-of date (default today(), settable with
** --today) with the clock's time of day; all delays count in those days,
** and the retry backoff in seconds of that clock (tests set it to 0).
**
** Channels (channel.c): DingTalk group robots (markdown message, optional
** signed URL), WeCom group robots (markdown), a generic JSON webhook, and
** e-mail over SMTP (libcurl; a MIME message in UTF-8, subject RFC 2047).
** Connect timeout 3 s, total 10 s: one dead host never blocks a run, and
** each channel's failure is recorded without stopping the others.
**
** Memory: structs filled here own their strings; free them with the
** matching *_clear / *_free.  Functions return 0 or set e (util.h).
*/
#ifndef LUOSHI_REMIND_H
#define LUOSHI_REMIND_H
#include "ledger.h"

/* ---- records ---- */

/* A place reminders go: a group robot, a webhook or an e-mail address of a
** unit's contact, head or responsible leader, or of the supervision
** office.  Removed channels stay (active 0) for the history. */
typedef struct Channel Channel;
struct Channel {
  int id;
  int unitId;          /* the unit; 0 for the office */
  char *zUnit;         /* its name, or NULL */
  int userId;          /* the person it belongs to, 0 when none */
  char *zUser;         /* their login, or NULL */
  char *zRole;         /* "contact", "head", "leader" or "office" */
  char *zKind;         /* "dingtalk", "wecom", "webhook" or "email" */
  char *zAddress;      /* the URL or the e-mail address */
  char *zSecret;       /* DingTalk signing secret (SEC...), or NULL */
  char *zName;         /* a label: "教育局办公室群", "张三"; may be "" */
  int active;
  char zCreated[20];
};

/* One reminder: a cause, a recipient (channel), an escalation step. */
typedef struct Reminder Reminder;
struct Reminder {
  int id;
  char *zCause;        /* "report_late/12/2026-06" */
  char *zKind;         /* chase_kind_name(): "report_late"... */
  int taskId;
  int unitId;          /* the unit chased, 0 when the task has none */
  char *zWho;          /* the unit as addressed: "临江区教育局" */
  char *zWhat;         /* the item: "任务 2.3.1「…」2026年6月进度未报送（…）" */
  char *zLink;         /* the task's page, or NULL without remind_base_url */
  int channelId;       /* the recipient */
  char *zChannel;      /* its kind when recorded: "dingtalk"... */
  char *zTo;           /* the recipient for display: label or address */
  int step;            /* 1 contact, 2 head, 3 office and leader */
  char zCreated[20];
  char zNextTry[20];   /* when it may be tried next (pending); when it
                       ** was claimed (sending) */
  int tries;           /* attempts made */
  char *zState;        /* "pending", "sending", "sent", "failed", "cancelled" */
  char zSentAt[20];    /* "" unless sent */
  char *zResult;       /* the last answer or error, or NULL */
};

void channel_clear(Channel *p);
void channel_list_free(Channel *a, int n);
void reminder_clear(Reminder *p);
void reminder_list_free(Reminder *a, int n);

/* ---- settings ---- */

/* The reminder settings (in the ledger's setting table, names remind_*).
** Day counts are -1 when "off". */
typedef struct RemindSettings RemindSettings;
struct RemindSettings {
  int dueDays;         /* remind_due_days: remind this many days before a
                       ** report is due (3) */
  int lateDays;        /* remind_late_days: days after the due day before a
                       ** late report is chased (0: the day after) */
  int returnedDays;    /* remind_returned_days: days after a return before
                       ** it is chased when not filed again (3) */
  int deadlineDays;    /* remind_deadline_days: days before a deadline (7) */
  int overdueDays;     /* remind_overdue_days: days after a deadline passed
                       ** before it is chased (0: the day after) */
  int headDays;        /* remind_head_days: days after step 1 before the
                       ** unit's head (2); off: no step 2 */
  int officeDays;      /* remind_office_days: days after step 2 (or 1)
                       ** before the office and the leader (3); off: none */
  int retryMax;        /* remind_retry_max: tries before a send is failed (5) */
  int retrySeconds;    /* remind_retry_seconds: wait after the first failed
                       ** try, doubled after each (600) */
  int everyMinutes;    /* remind_every_minutes: the schedule of luoshi serve (15) */
  char *zBaseUrl;      /* remind_base_url: links to tasks ("" none) */
  char *zSmtpUrl;      /* remind_smtp_url: smtp://host:port or smtps://... */
  char *zMailFrom;     /* remind_mail_from: "督查室 <dcs@example.gov.cn>" */
  char *zSmtpUser;     /* remind_smtp_user: login ("" none); the password
                       ** comes from $LUOSHI_SMTP_PASSWORD */
};

/* The names of the settings, NULL-terminated (static). */
extern const char *const azRemindSetting[];
void remind_settings_default(RemindSettings *p);
/* Set one setting by name from text (checks it); ERR_INPUT naming it. */
int remind_settings_set(RemindSettings *p, const char *zName, const char *zValue, Err *e);
/* The value of setting zName as text (caller frees); NULL when unknown. */
char *remind_settings_get(const RemindSettings *p, const char *zName);
void remind_settings_clear(RemindSettings *p);
/* The settings stored in the ledger (defaults for the rest). */
int remind_settings_load(Ledger *p, RemindSettings *pSet, Err *e);
/* Change a setting (admin), audited as setting.set. */
int remind_setting_set(Ledger *p, const char *zName, const char *zValue, Err *e);

/* ---- channels (configuration; admin, audited) ---- */

/* A channel as typed.  The owner is one of: zUnit with zRole (contact,
** head, leader); bOffice; zUser (a unit user: the contact of their unit;
** a supervisor or admin: the office; a leader: give zUnit, role leader). */
typedef struct ChannelArgs ChannelArgs;
struct ChannelArgs {
  const char *zUnit;   /* unit name, alias or id */
  const char *zUser;   /* login */
  int bOffice;
  const char *zRole;   /* NULL: from the owner */
  const char *zKind;   /* dingtalk | wecom | webhook | email */
  const char *zTo;     /* URL or e-mail address */
  const char *zSecret; /* DingTalk signing secret, optional */
  const char *zName;   /* label, optional */
};
int remind_channel_add(Ledger *p, const ChannelArgs *a, int *pId, Err *e);
/* Channels of unit unitId (0: all), active ones unless bAll.  Needs a
** supervisor, leader or admin; a unit user sees their unit's. */
int remind_channel_list(Ledger *p, int unitId, int bAll, Channel **pa, int *pn, Err *e);
/* Retire channel id (admin): no more reminders go to it. */
int remind_channel_remove(Ledger *p, int id, Err *e);

/* ---- running the rules ---- */

typedef struct RemindArgs RemindArgs;
struct RemindArgs {
  const char *zAsOf;   /* the day to run for (NULL: today()) */
  int bDryRun;         /* record nothing, send nothing: say what would go */
};

/* One message of a run: sent, failed, or (dry run) to be sent. */
typedef struct RemindMsg RemindMsg;
struct RemindMsg {
  int channelId;
  char *zTo;           /* the channel for display: "教育局 contact dingtalk 教育局群" */
  int step;
  int nItem;           /* causes in it */
  char *zTitle;        /* subject / robot title */
  char *zText;         /* the plain text */
  int ok;              /* 1 delivered (or would be) */
  char *zResult;       /* the answer or error, or NULL */
};

typedef struct RemindResult RemindResult;
struct RemindResult {
  char zAsOf[11];
  char zNow[20];
  int nCause;          /* open causes found */
  int nNew;            /* reminders recorded by this run (dry run: would be) */
  int nSent;           /* reminders delivered */
  int nRetry;          /* reminders whose send failed and that wait for a
                       ** retry (pending after the run, with tries made) */
  int nFailed;         /* reminders given up (shown as failed) */
  int nCancelled;      /* pending reminders whose cause closed */
  int nNobody;         /* cause steps without any channel to go to */
  RemindMsg *aMsg;     /* the messages, in the order sent */
  int nMsg;
  char **azNote;       /* warnings: "教育局 has no contact channel" */
  int nNote;
};
void remind_result_free(RemindResult *r);

/* Run the rules once on p's ledger: record new reminders and send what is
** due (or, with bDryRun, only say so).  Needs a supervisor or admin (a
** dry run: anyone who may read the audit log).  A failed send is not an
** error of the run: it is recorded and counted in *pOut. */
int remind_run(Ledger *p, const RemindArgs *a, RemindResult *pOut, Err *e);

/* Run the rules once on the ledger file zDb on a connection of its own,
** as the system (no acting user): what `luoshi serve` calls on its
** schedule.  Thread-safe with respect to other connections. */
int remind_tick(const char *zDb, RemindResult *pOut, Err *e);

/* A background thread running remind_tick() every remind_every_minutes
** (read again before each wait).  Start it once after the ledger is known
** to open; stop it before exit (waits for a run in progress to end). */
typedef struct RemindSchedule RemindSchedule;
int remind_schedule_start(const char *zDb, RemindSchedule **pp, Err *e);
void remind_schedule_stop(RemindSchedule *p);

/* ---- checking the configuration ---- */

/* One line of remind_check(). */
typedef struct RemindCheckLine RemindCheckLine;
struct RemindCheckLine {
  int channelId;       /* 0 for a setting or a unit */
  int ok;
  char *zWhat;         /* "channel 3 (教育局 contact dingtalk)", "remind_smtp_url" */
  char *zMsg;          /* "reachable", or what is wrong */
};
/* Check every active channel (kind, address, reachability: a connection
** to the webhook's host, an SMTP greeting) and the settings they need,
** and name the units with open tasks and no contact channel.  One bad
** channel does not stop the others; *pnBad counts the bad lines.  Needs
** a supervisor or admin. */
int remind_check(Ledger *p, RemindCheckLine **pa, int *pn, int *pnBad, Err *e);
void remind_check_free(RemindCheckLine *a, int n);

/* ---- lists for pages ---- */

typedef struct ReminderFilter ReminderFilter;
struct ReminderFilter {
  int unitId;          /* reminders the unit received (steps 1 and 2 to
                       ** its channels); 0: all */
  int taskId;          /* about this task; 0: all */
  const char *zState;  /* "sent", "failed", "pending"...; NULL: all */
  int limit;           /* newest first, at most this many; 0: 200 */
};
/* Reminders, newest first.  A supervisor, leader or admin sees all; a
** unit user only what their unit received (f->unitId is forced to it);
** the public nothing (ERR_FORBIDDEN). */
int remind_list(Ledger *p, const ReminderFilter *f, Reminder **pa, int *pn, Err *e);

/* ---- messages (remind.c; pure, unit-tested) ---- */

/* One cause in a message. */
typedef struct RemindItem RemindItem;
struct RemindItem {
  const char *zKind;   /* chase kind name */
  const char *zWho;    /* "临江区教育局" */
  const char *zWhat;   /* the item line */
  const char *zLink;   /* or NULL */
};
/* The title, plain text and markdown of one message at step `step` of
** items a[0..n) (caller frees the three). */
void remind_compose(const RemindItem *a, int n, int step,
                    char **pzTitle, char **pzText, char **pzMarkdown);
/* The item line of chase c ("任务 2.3.1「…」2026年6月进度未报送（应于
** 2026-07-10前报送）") and the unit as addressed ("临江区教育局");
** zAsOf for "还有3天" (caller frees both). */
void remind_item_text(const Chase *c, const char *zAsOf, char **pzWho, char **pzWhat);
/* The cause key of chase c (caller frees). */
char *remind_cause_key(const Chase *c);
/* The wait in seconds before try number nTry+1 after nTry failed tries:
** base * 2^(nTry-1), capped at a week; base 0 gives 0. */
long remind_backoff(int base, int nTry);
/* The time zTime (YYYY-MM-DDTHH:MM:SS) plus nSec seconds into z[20]. */
void remind_time_add(const char *zTime, long nSec, char z[20]);

/* ---- channels (channel.c) ---- */

/* What a send needs besides the channel. */
typedef struct ChannelEnv ChannelEnv;
struct ChannelEnv {
  const char *zSmtpUrl;
  const char *zMailFrom;
  const char *zSmtpUser;
  const char *zSmtpPassword;
};
/* The message a channel sends. */
typedef struct ChannelMsg ChannelMsg;
struct ChannelMsg {
  const char *zTitle;
  const char *zText;
  const char *zMarkdown;
  int step;
  const RemindItem *aItem;
  int nItem;
  const char *const *azCause;  /* the cause keys of the items (webhook JSON) */
};

/* 1 when z is a channel kind luoshi knows. */
int channel_kind_known(const char *z);
/* Check a channel's kind, address and secret: ERR_INPUT saying what is
** wrong (unknown kind, a URL that is not http(s)://host/..., a DingTalk
** URL without access_token, a WeCom URL without key, a bad address). */
int channel_validate(const char *zKind, const char *zTo, const char *zSecret, Err *e);
/* Send m over channel c.  Returns 0 when delivered; else nonzero.  Either
** way *pzResult (caller frees) says what happened: "HTTP 200 errcode 0",
** "HTTP 500", "connect: Connection refused", "SMTP 250"... *pbFinal is
** set when a retry cannot help (the configuration is bad). */
int channel_send(const Channel *c, const ChannelMsg *m, const ChannelEnv *env,
                 char **pzResult, int *pbFinal);
/* Check that channel c can be reached (a TCP/TLS connection to the
** webhook's host; the SMTP server's greeting) without sending anything.
** 0 when it can; *pzResult says what happened. */
int channel_probe(const Channel *c, const ChannelEnv *env, char **pzResult);
/* The curl global initialisation (once; call before starting threads). */
void channel_global_init(void);

/* Bodies and encodings (exposed for the unit tests; callers free). */
char *channel_dingtalk_body(const ChannelMsg *m);
char *channel_wecom_body(const ChannelMsg *m);
char *channel_webhook_body(const ChannelMsg *m, const Channel *c);
/* zUrl with "&timestamp=MS&sign=SIG" added: SIG is the URL-encoded base64
** of HMAC-SHA256(key zSecret, "MS\nzSecret") (DingTalk's signed robots). */
char *channel_dingtalk_signed_url(const char *zUrl, const char *zSecret, long long ms);
/* z as an RFC 2047 header value: itself when plain ASCII, else
** "=?UTF-8?B?...?=" words of at most 75 characters, split between whole
** characters, folded with CRLF SP. */
char *mime_header_encode(const char *z);
/* A complete message (headers CRLF body) in UTF-8, base64 body, for SMTP. */
char *mime_message(const char *zFrom, const char *zTo, const char *zSubject,
                   const char *zBody, const char *zDate, const char *zMessageId);

#endif
