/*
** status.h -- the status engine: pure functions from a task's facts
** (start, deadline, targets, progress reports with their times, close time)
** and an as-of date to a colour and its reason in words.
**
** The rules (DESIGN.md "Status, explained"), in order:
**   done    the task was closed (销号) on or before the as-of date;
**   red     the deadline has passed and the task is not closed ("overdue"),
**           or actual progress is more than Settings.redGap points below the
**           expected progress ("far_behind");
**   yellow  actual is more than Settings.yellowGap points below expected
**           ("behind"), or the report for the latest period that is due was
**           not filed ("report_late") or was returned and not filed again
**           ("report_returned");
**   green   otherwise ("on_track").
** Expected progress (序时进度) is time-proportional: the share of the days
** from the start date to the deadline that have passed on the as-of date.
** Actual progress comes from accepted reports only (see status_compute());
** with none accepted it counts as 0, except that before any report was due
** (reporting starts the month the plan is published) the task is green.
**
** Nothing here touches the database or the clock: every input is an
** argument, so the same function answers "now" and "as it stood on a past
** date" (--as-of), and the unit tests drive it directly.
*/
#ifndef LUOSHI_STATUS_H
#define LUOSHI_STATUS_H
#include "util.h"

/* The colours, in increasing order of attention except DONE. */
typedef enum Colour {
  COLOUR_GREEN = 0,
  COLOUR_YELLOW = 1,
  COLOUR_RED = 2,
  COLOUR_DONE = 3
} Colour;
#define N_COLOUR 4

/* The thresholds; stored in the ledger's settings table, defaults below. */
typedef struct Settings Settings;
struct Settings {
  int redGap;          /* points behind expected that make a task red (30) */
  int yellowGap;       /* points behind expected that make it yellow (10) */
  int reportDueDays;   /* a month's report is due this many days after the
                       ** month ends (10) */
};

/* States of a progress report. */
#define REPORT_SUBMITTED 0
#define REPORT_ACCEPTED  1
#define REPORT_RETURNED  2

/* One quantitative target as the engine needs it. */
typedef struct StatusTarget StatusTarget;
struct StatusTarget {
  double value;        /* the target value (lower end of a range) */
  const char *zCmp;    /* "=", ">=", "<=", "~", "range" */
};

/* One progress report with its history. */
typedef struct StatusReport StatusReport;
struct StatusReport {
  int iTarget;         /* index into StatusInput.aTarget, -1 for a percent */
  char zPeriod[8];     /* YYYY-MM */
  double value;        /* the value reached (iTarget>=0) or the percent */
  int state;           /* REPORT_* now */
  char zFiled[20];     /* when submitted: YYYY-MM-DDTHH:MM:SS */
  char zReviewed[20];  /* when accepted or returned, "" while submitted */
};

/* Everything the engine knows about one task. */
typedef struct StatusInput StatusInput;
struct StatusInput {
  const char *zStart;      /* YYYY-MM-DD: expected progress counts from here */
  const char *zDeadline;   /* YYYY-MM-DD */
  const char *zPublished;  /* timestamp reporting began (plan published), or NULL */
  const char *zClosed;     /* timestamp the task was closed, or NULL */
  const StatusTarget *aTarget;  /* the task's live targets */
  int nTarget;
  const StatusReport *aReport;  /* its reports in any order */
  int nReport;
};

/* The answer.  zCode is static; the texts are in the struct. */
typedef struct Status Status;
struct Status {
  Colour colour;
  const char *zCode;   /* done overdue far_behind behind report_late
                       ** report_returned on_track */
  double actual;       /* percent 0..100 from accepted reports; -1 when none */
  double expected;     /* percent 0..100 time-proportional */
  char zLate[8];       /* the period whose report is missing, or "" */
  char zReason[256];   /* in Chinese, for display */
  char zReasonEn[256]; /* the same in English */
  /* What is open on the as-of date, for reminders (remind.c); all ""/0 for
  ** a closed task. */
  int late;            /* 1: the report of zLate is missing; 2: it was
                       ** returned and not filed again; 0: none late */
  char zLateDue[11];   /* the day the report of zLate was due, or "" */
  char zNext[8];       /* the earliest period whose report is due on or
                       ** after the as-of date and is not filed, or "" */
  char zNextDue[11];   /* the day it is due */
  char zReturned[8];   /* the earliest period with a returned report that
                       ** was not filed again, or "" (due or not) */
  char zReturnedAt[11];/* the day that report was returned */
};

void settings_default(Settings *p);
/* Set one setting by name (red_gap, yellow_gap, report_due_days) from text;
** ERR_INPUT naming the setting on an unknown name or a bad value. */
int settings_set(Settings *p, const char *zName, const char *zValue, Err *e);
/* The value of setting zName as text into z[32]; nonzero when unknown. */
int settings_get(const Settings *p, const char *zName, char z[32]);
/* The names of the settings, NULL-terminated (static). */
extern const char *const azSettingName[];

/* Compute the status of one task as it stood at the end of day zAsOf. */
void status_compute(const StatusInput *pIn, const Settings *pSet,
                    const char *zAsOf, Status *pOut);

/* Expected progress in percent (0..100) on zAsOf for a task running from
** zStart to zDeadline. */
double status_expected(const char *zStart, const char *zDeadline, const char *zAsOf);

/* Progress in percent (0..100, capped) that value v means for target t. */
double status_target_progress(const StatusTarget *t, double v);

/* "green" "yellow" "red" "done" (static). */
const char *colour_name(Colour c);
/* "绿" "黄" "红" "已销号" (static). */
const char *colour_label(Colour c);
/* The Colour named z (English name), or -1. */
int colour_parse(const char *z);

/* Days since 1970-01-01 of a YYYY-MM-DD date (the first 10 chars of z). */
int date_days(const char *z);
/* The date d days after 1970-01-01 as YYYY-MM-DD into z[11]. */
void days_date(int d, char z[11]);
/* The last day of month zPeriod (YYYY-MM) into z[11]. */
void period_last_day(const char *zPeriod, char z[11]);
/* True when z is a month written YYYY-MM. */
int period_valid(const char *z);

#endif
