/*
** ledger.h -- the ledger: plans, their outline and tasks, targets, units,
** users, progress reports, review, close, status and the audit log.
**
** This is the one place where the domain's rules live.  The CLI
** (ledger_cmd.c), the web pages, the JSON API, the briefings and the
** reminders all call these functions, and none of them repeats a rule:
** who may do what is decided by auth_can() (auth.h) inside these functions,
** every change writes an audit event in the same transaction, and every
** colour comes from status_compute() (status.h).
**
** A Ledger is one open ledger (one database connection) acting as one user.
** It is not shared between threads: a web server opens one per thread and
** calls ledger_act_as() per request.
**
** Memory: functions that fill a struct (Task, Plan, ...) allocate its
** strings; free them with the matching *_clear() (one struct) or
** *_list_free() (an array returned through T **pa, int *pn).  Functions
** return 0 on success, nonzero after setting e (util.h): ERR_INPUT bad
** input, ERR_NOTFOUND no such object, ERR_FORBIDDEN the acting user may not,
** ERR_CONFLICT wrong state (already imported, already reviewed...),
** ERR_INTERNAL database or system failure.  A failed call changes nothing.
**
** Times are local "YYYY-MM-DDTHH:MM:SS" strings; dates "YYYY-MM-DD";
** periods "YYYY-MM".  The clock is today() (util.h), settable for tests.
**
** History (--as-of).  A status "as of" a date is the status at the end of
** that day, computed from what the ledger knew then:
**   - reports count by their times of filing and review, a close by its
**     time (status.h);
**   - each task's deadline, lead and co-responsible units, state and
**     close, and its targets (value, value_max, unit, cmp, text; a target
**     added later did not exist, one removed later still did) are those of
**     that day.  They are not kept twice: every change is an audit entry
**     whose "before" is the whole task or target as it was (task_json(),
**     target_json()), so the value at the end of day D is the "before" of
**     the first change recorded after D, or today's value when nothing
**     changed it since (ledger_asof.c).  A partial index of the log holds
**     only these entries (schema 5), so the cost is that of the changes
**     after D, not of the log's length.  "After D" is by the entries'
**     times, "first" by their order in the log.  A unit named in an old
**     entry is found by its id (entries since schema 5) or its name and
**     shown by its name of today;
**   - a plan published after D had no published tasks on D: its tasks are
**     drafts as of D, which only those who may see drafts see (the public
**     sees none, so its counts are all zero); a plan imported after D had
**     no tasks at all;
**   - a task's text, its number (seq) and the settings are today's; so is
**     who may read a task (its units of today), while the unit filter of
**     a list and the counts per unit use the units of D.
** Without a date (NULL) the tasks are as they are now.  ledger_task_list,
** ledger_status (and with them the web API's ?as_of=, the briefing's
** comparison with the previous period, exports) and ledger_chase_list all
** follow these rules; ledger_task_get is always today's.
*/
#ifndef LUOSHI_LEDGER_H
#define LUOSHI_LEDGER_H
#include "status.h"
#include "util.h"

typedef struct Store Store;
typedef struct Ledger Ledger;

/* Roles, from least to most powerful except LEADER (reads all, writes
** instructions only).  ROLE_PUBLIC is the anonymous reader. */
typedef enum Role {
  ROLE_PUBLIC = 0,
  ROLE_UNIT = 1,
  ROLE_LEADER = 2,
  ROLE_SUPERVISOR = 3,
  ROLE_ADMIN = 4
} Role;

/* A department or town that carries tasks. */
typedef struct Unit Unit;
struct Unit {
  int id;
  char *zName;         /* as shown: "教育局" */
  char *zKind;         /* "department", "town", "upper" (province/city), "other" */
  char *zAliases;      /* other names, comma-separated: "区教育局,教体局" */
  char *zKeywords;     /* words that suggest it, comma-separated */
  int active;          /* 0 when retired (kept for history) */
};

/* A login. */
typedef struct User User;
struct User {
  int id;              /* 0 for the anonymous public user */
  char *zLogin;
  Role role;
  int unitId;          /* the unit of a ROLE_UNIT user, else 0 */
  char *zUnit;         /* its name, or NULL */
};

/* An imported work report. */
typedef struct Plan Plan;
struct Plan {
  int id;
  char *zRegion;       /* "长治市上党区" */
  int year;
  char *zTitle;        /* report title, or NULL */
  char *zFileName;     /* file name as imported */
  char zSha256[65];    /* of the file bytes */
  char *zEncoding;     /* "UTF-8", "GB18030"... */
  char *zFormat;       /* "txt", "html", "docx", "pdf" */
  char *zState;        /* "draft" or "published" */
  char zStart[11];     /* YYYY-01-01: expected progress counts from here */
  char zImportedAt[20];
  char zPublishedAt[20];  /* "" while a draft */
  int nTask;
};

/* One heading of the outline. */
typedef struct Node Node;
struct Node {
  int id;
  int planId;
  int parentId;        /* 0 at the top */
  int level;           /* as in extract.h: 0 part, 1 一、, 2 （一）, 3 一是, 4 （1） */
  char *zPart;         /* "review", "plan", "other", "none" */
  char *zLabel;        /* "（五）" */
  char *zTitle;
  char *zSeq;          /* "5.2": numbers of the headings from the top */
  int iStart, iEnd;    /* span in the source, code points */
  int inferred;
};

/* A quantitative target of a task. */
typedef struct Target Target;
struct Target {
  int id;
  int taskId;
  int ord;             /* 1-based position in the task */
  char *zText;         /* "133个" as in the source, or as typed */
  char *zSubject;      /* what is counted */
  double value;
  double valueMax;     /* upper end when zCmp is "range" */
  char *zUnit;         /* "个", "公里", "%"... */
  char *zCmp;          /* "=", ">=", "<=", "~", "range" */
  char *zStrength;     /* "must", "strive", "plain" */
  int iStart, iEnd;    /* span in the source; -1 for a target added by hand */
  char *zOrigin;       /* "extracted" or "manual" */
  char *zMachine;      /* JSON of the extracted target when edited, else NULL */
  int removed;         /* 1 when removed by a person (kept for history) */
};

/* A task (one commitment) with its units, targets and status. */
typedef struct Task Task;
struct Task {
  int id;
  int planId;
  int nodeId;          /* innermost heading, 0 when none */
  int ord;             /* position in the plan, 1-based */
  char *zSeq;          /* "5.2.3" */
  char *zText;         /* the sentence (or as edited) */
  int iStart, iEnd;    /* span of the sentence in the source */
  char zDeadline[11];  /* YYYY-MM-DD */
  char *zDeadlineText; /* the words that named it ("6月底前"), or NULL */
  int deadlineExplicit;
  int iDlStart, iDlEnd;/* span of those words, -1 when none */
  int leadId;          /* lead unit (牵头单位), 0 when none */
  char *zLead;         /* its name or NULL */
  int *aCoId;          /* co-responsible units (责任单位) */
  char **azCo;         /* their names */
  int nCo;
  char *zState;        /* "draft", "published", "done", "dropped" */
  char zClosedAt[20];  /* "" unless done */
  char *zCloseReason;  /* or NULL */
  char *zEdited;       /* fields a person changed: "text,deadline,lead,co" or "" */
  char *zMachine;      /* JSON: what the extractor and suggester proposed */
  Target *aTarget;     /* live targets (removed ones are left out) */
  int nTarget;
  Status status;       /* filled by ledger_task_get/_list and ledger_status */
};

/* A file attached to a report. */
typedef struct Evidence Evidence;
struct Evidence {
  int id;
  int reportId;
  char *zName;         /* base name as uploaded */
  char zSha256[65];
  long long size;
};

/* A progress report. */
typedef struct Report Report;
struct Report {
  int id;
  int taskId;
  int targetId;        /* 0 for a percent report */
  char zPeriod[8];     /* YYYY-MM */
  int isPercent;       /* 1: value is a percent; 0: value against targetId */
  double value;
  char *zNote;
  int authorId;
  char *zAuthor;       /* login */
  char zCreatedAt[20];
  int state;           /* REPORT_SUBMITTED / _ACCEPTED / _RETURNED (status.h) */
  int reviewerId;
  char *zReviewer;     /* login or NULL */
  char zReviewedAt[20];
  char *zComment;      /* review comment (the reason of a return), or NULL */
  int resubmits;       /* the returned report this one replaces, or 0 */
  Evidence *aEvidence;
  int nEvidence;
};

/* One entry of the audit log. */
typedef struct Event Event;
struct Event {
  long long id;        /* 1, 2, 3, ... without gaps */
  char zAt[20];
  char *zActor;        /* login, or "-" */
  char *zAction;       /* "plan.import", "task.edit", "report.submit"... */
  char *zObjType;      /* "plan", "task", "target", "report", "unit", "user", "setting" */
  long long objId;
  int taskId;          /* the task concerned, 0 when none */
  char *zBefore;       /* JSON or NULL */
  char *zAfter;        /* JSON or NULL */
  char zPrevHash[65];  /* hash of the entry before (64 zeros for the first) */
  char zHash[65];      /* sha256 of this entry's canonical form (audit.c) */
};

/* Colour counts of one group (the plan, a part, a section, a unit). */
typedef struct StatusGroup StatusGroup;
struct StatusGroup {
  char *zKey;          /* "" plan, "5" part, "5.2" section, unit name */
  char *zTitle;        /* heading title, or unit name */
  int n[N_COLOUR];     /* tasks per colour (status.h Colour) */
  int nTotal;
};

/* The status of a whole plan. */
typedef struct PlanStatus PlanStatus;
struct PlanStatus {
  Plan plan;
  char zAsOf[11];
  Settings settings;
  Task *aTask; int nTask;           /* every task the user may see, with status */
  StatusGroup total;
  StatusGroup *aPart; int nPart;    /* by the first number of the seq */
  StatusGroup *aSection; int nSection; /* by the first two numbers */
  StatusGroup *aUnit; int nUnit;    /* by lead unit ("未分配" when none) */
};

/* Which tasks ledger_task_list() returns.  Zero fields do not filter. */
typedef struct TaskFilter TaskFilter;
struct TaskFilter {
  int planId;          /* 0: the latest plan */
  int unitId;          /* lead or co-responsible */
  const char *zSeq;    /* "5.2": that heading and below */
  int colour;          /* -1 (or any negative): any; else a Colour */
  const char *zAsOf;   /* status date, and the day whose values the tasks
                       ** show (see "History"); NULL: today, as now */
};

/* Changes to a task; NULL fields are left as they are. */
typedef struct TaskEdit TaskEdit;
struct TaskEdit {
  const char *zLead;   /* unit name/alias/id; "" clears */
  const char *zCo;     /* comma-separated names; "" clears */
  const char *zDeadline;
  const char *zText;
};

/* A target as typed; NULL strings are left as they are (edit) or get
** defaults (add: cmp "=", strength "plain", unit ""). */
typedef struct TargetEdit TargetEdit;
struct TargetEdit {
  const char *zValue;  /* a number, required for add */
  const char *zValueMax;
  const char *zUnit;
  const char *zSubject;
  const char *zCmp;
  const char *zStrength;
};

/* A progress report as submitted. */
typedef struct ReportArgs ReportArgs;
struct ReportArgs {
  int taskId;
  const char *zPeriod; /* YYYY-MM */
  const char *zValue;  /* exactly one of zValue / zPercent */
  const char *zTarget; /* target id, needed with zValue when the task has
                       ** more than one target */
  const char *zPercent;
  const char *zNote;
  const char **azEvidence; /* file paths to attach */
  int nEvidence;
};

/* Import arguments. */
typedef struct ImportArgs ImportArgs;
struct ImportArgs {
  const char *zFile;       /* path ("-" stdin); its bytes are stored verbatim */
  const char *zRegion;
  int year;
  const char *zExtraction; /* optional: a contract JSON file to use instead
                           ** of running the extractor (must be of zFile) */
};

/* Result of ledger_verify(). */
typedef struct AuditCheck AuditCheck;
struct AuditCheck {
  long long nEntry;    /* entries checked */
  long long badId;     /* first entry altered or missing, 0 when the chain is sound */
  char zWhy[200];      /* what is wrong with it */
  char zHead[65];      /* hash of the last entry */
};

/* ---- opening ---- */

/* Create a new ledger file zPath (must not exist): schema, settings, the
** built-in unit catalogue, and an admin user zAdmin with password
** zPassword.  Writes the first audit events. */
int ledger_create(const char *zPath, const char *zAdmin, const char *zPassword, Err *e);
/* Open an existing ledger, migrating its schema forward when older.  The
** acting user is the public one until ledger_act_as().  Caller closes. */
int ledger_open(const char *zPath, Ledger **pp, Err *e);
void ledger_close(Ledger *p);
/* Act as user zLogin (NULL or "": the public).  ERR_AUTH when unknown. */
int ledger_act_as(Ledger *p, const char *zLogin, Err *e);
/* Act as zLogin after checking its password (for the web login).  Records
** user.login in the audit log, or user.login_failed (the login as typed,
** never the password; at most LOGIN_FAILED_PER_HOUR an hour). */
int ledger_login(Ledger *p, const char *zLogin, const char *zPassword, Err *e);
/* The login name as typed, as kept in a failed login's audit entry: at most
** LOGIN_TYPED_MAX characters, bytes that are not UTF-8 as U+FFFD.  Caller
** frees. */
#define LOGIN_TYPED_MAX 64
char *login_as_typed(const char *z);
/* The acting user (owned by the ledger). */
const User *ledger_user(Ledger *p);
/* The settings in force (owned by the ledger). */
const Settings *ledger_settings(Ledger *p);
/* The store under the ledger, for store.h readers (owned by the ledger). */
Store *ledger_store(Ledger *p);
/* The current time as YYYY-MM-DDTHH:MM:SS into z[20] (today()'s date). */
void ledger_now(char z[20]);

/* ---- plans ---- */
int ledger_import(Ledger *p, const ImportArgs *a, int *pPlanId, Err *e);
/* All plans, newest first. */
int ledger_plan_list(Ledger *p, Plan **pa, int *pn, Err *e);
/* Plan id (0: the latest) into *pPlan.  ERR_NOTFOUND when none. */
int ledger_plan_get(Ledger *p, int id, Plan *pPlan, Err *e);
/* The decoded source text of a plan (caller frees). */
int ledger_plan_source(Ledger *p, int id, char **pz, Err *e);
int ledger_plan_publish(Ledger *p, int id, Err *e);
/* The outline of a plan. */
int ledger_node_list(Ledger *p, int planId, Node **pa, int *pn, Err *e);
void plan_clear(Plan *p);
void plan_list_free(Plan *a, int n);
void node_list_free(Node *a, int n);

/* ---- units ---- */
int ledger_unit_list(Ledger *p, Unit **pa, int *pn, Err *e);
/* Find a unit by id, name or alias; ERR_NOTFOUND naming z otherwise. */
int ledger_unit_find(Ledger *p, const char *z, Unit *pUnit, Err *e);
int ledger_unit_add(Ledger *p, const Unit *pNew, int *pId, Err *e);
/* Change a unit: non-NULL fields of pNew replace (id ignored). */
int ledger_unit_edit(Ledger *p, const char *zUnit, const Unit *pNew, Err *e);
void unit_clear(Unit *p);
void unit_list_free(Unit *a, int n);

/* ---- users ---- */
int ledger_user_add(Ledger *p, const char *zLogin, Role role, const char *zUnit,
                    const char *zPassword, Err *e);
int ledger_user_list(Ledger *p, User **pa, int *pn, Err *e);
/* The one way to change a password: user zLogin's becomes zNewPassword.
** An admin may reset anyone's; any other user may change only their own
** (auth_can ACT_PASSWORD).  The password needs AUTH_PASSWORD_MIN bytes
** (as for ledger_user_add) and is stored as an argon2id hash.  Every login
** session of that user ends (a web page changing its own user's password
** starts a new one), and the audit event "user.password" says whose
** password changed and by whom ("self" or "admin"), never the password
** or its hash.  ERR_NOTFOUND for an unknown login (to an admin; others
** get ERR_FORBIDDEN). */
int ledger_user_password(Ledger *p, const char *zLogin, const char *zNewPassword, Err *e);
/* 1 when zPassword is the acting user's password (0 for the public).
** For a page that asks for the old password before a change. */
int ledger_user_password_ok(Ledger *p, const char *zPassword);
/* 1 when z is a usable login: 1 to 64 of A-Z a-z 0-9 . _ - */
int ledger_login_valid(const char *z);
void user_clear(User *p);
void user_list_free(User *a, int n);
const char *role_name(Role r);
int role_parse(const char *z);     /* -1 when unknown */

/* ---- tasks and targets ---- */
/* Tasks matching f that the acting user may see, in plan order, each with
** its status on f->zAsOf and, with a date, its values of that day (see
** "History" above). */
int ledger_task_list(Ledger *p, const TaskFilter *f, Task **pa, int *pn, Err *e);
/* One task by id, or by seq ("5.2.3", in the latest plan). */
int ledger_task_find(Ledger *p, const char *zTask, Task *pTask, Err *e);
int ledger_task_get(Ledger *p, int id, Task *pTask, Err *e);
int ledger_task_edit(Ledger *p, int id, const TaskEdit *pEdit, Err *e);
/* Close (销号): needs an accepted report with the target met, or a reason. */
int ledger_task_close(Ledger *p, int id, const char *zReason, Err *e);
int ledger_target_add(Ledger *p, int taskId, const TargetEdit *t, int *pId, Err *e);
int ledger_target_edit(Ledger *p, int id, const TargetEdit *t, Err *e);
int ledger_target_remove(Ledger *p, int id, Err *e);
void task_clear(Task *p);
void task_list_free(Task *a, int n);
void target_clear(Target *p);

/* One piece of a task's source sentence for display: the sentence split at
** the spans of its targets and deadline. */
typedef struct Segment Segment;
struct Segment {
  char *zText;
  int kind;            /* 0 plain, 1 a target, 2 the deadline */
};
/* The sentence of task t as in the source, in segments (caller frees with
** segment_list_free). */
int ledger_task_segments(Ledger *p, const Task *t, Segment **pa, int *pn, Err *e);
void segment_list_free(Segment *a, int n);

/* ---- reports ---- */
int ledger_report_submit(Ledger *p, const ReportArgs *a, int *pId, Err *e);
/* The outcome of one report of ledger_report_batch(). */
typedef struct BatchItem BatchItem;
struct BatchItem {
  int reportId;        /* the report filed, or the live one it repeats */
  int repeated;        /* 1: a live (submitted or accepted) report of the
                       ** same task, period and target with the same value
                       ** and note exists, so nothing was filed */
  Err err;             /* err.code 0 when this report is good */
};
/* Submit the n reports a[0..n) in one transaction: all of them are filed,
** or none.  Every report is checked as ledger_report_submit() checks it
** and aOut[i] (n of them, filled) says what became of a[i] or what is
** wrong with it.  A report (without evidence) that repeats a live report
** exactly is not filed again (aOut[i].repeated), so the same batch given
** twice files nothing the second time.  Returns 0 when every report was
** good and the batch committed; else nonzero with e saying how many were
** refused, and nothing stored. */
int ledger_report_batch(Ledger *p, const ReportArgs *a, int n, BatchItem *aOut, Err *e);
/* Accept (bAccept) or return a submitted report; a return needs zReason. */
int ledger_report_review(Ledger *p, int id, int bAccept, const char *zReason, Err *e);
/* Reports of a task (taskId>0) or of the plan (taskId 0: latest plan),
** newest first, with evidence lists. */
int ledger_report_list(Ledger *p, int taskId, Report **pa, int *pn, Err *e);
int ledger_report_get(Ledger *p, int id, Report *pRep, Err *e);
void report_clear(Report *p);
void report_list_free(Report *a, int n);

/* ---- status ---- */
/* The status of plan planId (0: latest) at the end of day zAsOf (NULL:
** today, with the tasks as they are now), computed from the stored
** history (see "History" above).  pOut->plan is the plan as it is now
** (its zPublishedAt says whether it was published by zAsOf). */
int ledger_status(Ledger *p, int planId, const char *zAsOf, PlanStatus *pOut, Err *e);
void plan_status_free(PlanStatus *p);
/* Change one setting (admin). */
int ledger_setting_set(Ledger *p, const char *zName, const char *zValue, Err *e);

/* ---- audit, backup ---- */
/* Entries of the log, oldest first; for one task when taskId>0. */
int ledger_log(Ledger *p, int taskId, Event **pa, int *pn, Err *e);
/* Walk the whole chain; *pCheck says whether and where it is broken. */
int ledger_verify(Ledger *p, AuditCheck *pCheck, Err *e);
/* Online backup to zFile (overwritten). */
int ledger_backup(Ledger *p, const char *zFile, Err *e);
void event_clear(Event *p);
void event_list_free(Event *a, int n);

/* ---- what is open, for reminders (ledger_chase.c) ---- */

/* Kinds of open things a unit can be chased (催办) for. */
typedef enum ChaseKind {
  CHASE_REPORT_DUE = 0,  /* a period's report is due soon and not filed */
  CHASE_REPORT_LATE,     /* a period's report is past due and not filed */
  CHASE_REPORT_RETURNED, /* a report was returned and not filed again */
  CHASE_DEADLINE_SOON,   /* the task's deadline is near, not closed */
  CHASE_OVERDUE,         /* the deadline has passed, not closed */
  N_CHASE
} ChaseKind;

/* One open thing of one task on a date, as the status engine sees it. */
typedef struct Chase Chase;
struct Chase {
  ChaseKind kind;
  int taskId;
  char *zSeq;          /* "2.3.1" */
  char *zText;         /* the task's text */
  int unitId;          /* the lead unit (who reports), 0 when none */
  char *zUnit;         /* its name, or NULL */
  char *zUnitKind;     /* its kind ("department", "upper"...), or NULL */
  char *zRegion;       /* the plan's region: "临江区" */
  char zPeriod[8];     /* the report's period (REPORT_*), else "" */
  char zDate[11];      /* the day that matters: the report's due day, the
                       ** day it was returned, or the deadline */
  char zSince[11];     /* the first day the thing was open in this kind:
                       ** the day after the due day or deadline (LATE,
                       ** OVERDUE), the day of the return (RETURNED); for
                       ** the two "soon" kinds the same as zDate */
};

/* The open things on day zAsOf (NULL: today) of every published task of
** every published plan: reports late or returned, deadlines passed, and
** reports and deadlines due within nAhead days.  With a date, the tasks
** and plans are those of that day (see "History" above).  Caller frees
** with chase_list_free().  Reads only; any acting user. */
int ledger_chase_list(Ledger *p, const char *zAsOf, int nAhead, Chase **pa, int *pn, Err *e);
void chase_list_free(Chase *a, int n);
/* "report_due", "report_late", ... (static). */
const char *chase_kind_name(ChaseKind k);

#endif
