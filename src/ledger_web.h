/*
** ledger_web.h -- what the web pages and the JSON API need of the ledger
** beyond ledger.h: a generation counter for caches, full-text search,
** evidence files with their kinds, a task's reporting periods, and the
** ranking of units.  Written in the ledger's style (ledger_web.c): every
** read goes through the same visibility and permission checks as the
** functions of ledger.h, and the SQL stays in store.c.
*/
#ifndef LUOSHI_LEDGER_WEB_H
#define LUOSHI_LEDGER_WEB_H
#include "ledger.h"
#include <stddef.h>

/* The generation of the ledger: it grows with every change written (it is
** the length of the audit log, which every change appends to). */
int ledger_generation(Ledger *p, long long *pGen, Err *e);

/* Ids of the tasks of plan planId (0: the latest) whose text contains
** every word (separated by spaces) of zQuery, in plan order; caller frees
** *paId.  Tasks the acting user may not see are still listed: intersect
** with ledger_task_list().  ERR_INPUT for an over-long query. */
int ledger_task_search(Ledger *p, int planId, const char *zQuery, int **paId, int *pn, Err *e);

/* Evidence file id with its bytes (*pa, caller frees) when the acting
** user is shown the report it belongs to (ledger_report_shown);
** ERR_NOTFOUND otherwise. */
int ledger_evidence_get(Ledger *p, int id, Evidence *pEv, void **pa, size_t *pn, Err *e);
void evidence_clear(Evidence *v);

/* The kinds of file accepted as evidence: images (JPEG, PNG, GIF, WebP),
** PDF and Office documents (Word, Excel, PowerPoint, WPS, OpenDocument).
** evidence_check: 0 when the name's extension is one of them and the
** first bytes agree with it, else ERR_INPUT naming the file. */
int evidence_check(const char *zName, const void *a, size_t n, Err *e);
/* The content type to serve a stored file named zName with; *pbInline
** set for images and PDF (shown in the browser), else it is a download.
** Unknown kinds are application/octet-stream. */
const char *evidence_content_type(const char *zName, int *pbInline);
/* A harmless base name for an uploaded file: no directories, control
** characters or leading dots, at most 120 bytes of UTF-8 (caller frees). */
char *evidence_safe_name(const char *zName);

/* 1 when the acting user is shown report r of task t (of a plan published
** or not): accepted reports are public; submitted and returned ones are
** shown to those who review or supervise and to the task's own units. */
int ledger_report_shown(Ledger *p, const Task *t, int published, const Report *r);

/* One month a report on a task may be filed for. */
typedef struct PeriodState PeriodState;
struct PeriodState {
  char zPeriod[8];     /* YYYY-MM */
  char zDue[11];       /* the report is due by this date */
  int state;           /* -1 none filed; else REPORT_* of the newest one */
  int reportId;        /* that report, 0 when none */
};
/* The months a report on task t may be filed for today, oldest first:
** from the month reporting began (the plan's publication, not before the
** plan year) to the current month, not after the deadline's month (or
** December).  aRep[0..nRep) are the task's reports (ledger_report_list). */
void ledger_task_periods(Ledger *p, const Plan *pPlan, const Task *t, const Report *aRep,
                         int nRep, PeriodState **pa, int *pn);
/* The month a new report is for by default: the oldest month with no
** report (or only a returned one) that is already due or due next, else
** the current month; "" when none is open. */
void period_default(const PeriodState *a, int n, char z[8]);

/* A unit's record on the published tasks it leads. */
typedef struct UnitRank UnitRank;
struct UnitRank {
  int unitId;          /* 0 for tasks without a lead unit */
  char *zName;
  int nTask;           /* tasks it leads */
  int n[N_COLOUR];     /* of them, per colour */
  int nDue;            /* monthly reports that were due (task x month) */
  int nOnTime;         /* of those, filed by the due date */
  int nLate;           /* filed after the due date */
  double onTime;       /* nOnTime / nDue, 1 when nothing was due */
  double green;        /* (green + done) / nTask */
};
/* Units ranked by on-time reporting, then by share of green, on the
** latest plan as of today.  Caller frees with unit_rank_free. */
int ledger_unit_ranking(Ledger *p, UnitRank **pa, int *pn, Err *e);
void unit_rank_free(UnitRank *a, int n);

#endif
