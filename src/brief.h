/*
** brief.h -- the monthly supervision briefing (督查通报) on the work
** report's tasks, in 公文 style: 文号, title, 主送, then
**   一、总体进展  二、分领域推进情况  三、责任单位排名
**   四、滞后任务（红灯/黄灯）及原因  五、与上期相比的变化
**   六、下一步工作要求
** and the issuing office with the date.
**
** A view of the ledger: brief_gather() reads it once (ledger_status on the
** as-of date and on the previous briefing's date, ledger_report_list) into
** a Brief, as the acting user sees it; brief_compose() turns that into a
** document (doc.h) that is rendered as HTML, DOCX or text.  Every colour
** and reason comes from the status engine; the briefing only counts,
** ranks and words them.
**
** For the web app:
**   brief_render(L, &args, BRIEF_HTML, &buf, &e)   page (or fragment)
**   brief_render(L, &args, BRIEF_DOCX, &buf, &e)   download
**     (application/vnd.openxmlformats-officedocument.wordprocessingml.document)
** Errors: ERR_INPUT for a bad period or date (message names it),
** ERR_NOTFOUND when there is no plan, as from the ledger otherwise.
*/
#ifndef LUOSHI_BRIEF_H
#define LUOSHI_BRIEF_H
#include "buf.h"
#include "doc.h"
#include "ledger.h"

typedef enum BriefFormat {
  BRIEF_HTML = 0,      /* a whole page, or the <article> (BriefArgs.bFragment) */
  BRIEF_DOCX = 1,      /* a Word document, A4, GB/T 9704 margins and fonts */
  BRIEF_TEXT = 2       /* plain text, for terminals and golden tests */
} BriefFormat;

/* What briefing to write.  Zero fields take the defaults. */
typedef struct BriefArgs BriefArgs;
struct BriefArgs {
  int planId;          /* 0: the latest plan */
  const char *zPeriod; /* YYYY-MM the briefing is on; NULL: the latest month
                       ** whose reports were due (strictly) before the
                       ** as-of date */
  const char *zAsOf;   /* YYYY-MM-DD the status is taken on; NULL: the day
                       ** after the period's reports were due (period end +
                       ** report_due_days + 1), or today when earlier */
  const char *zNumber; /* 文号; NULL: a placeholder "临政办督〔2026〕X号" */
  int bFragment;       /* BRIEF_HTML: only the <article> (CSS: doc_css()) */
};

/* One task as the briefing shows it. */
typedef struct BriefTask BriefTask;
struct BriefTask {
  const Task *pTask;   /* the task with its status on the as-of date (in
                       ** Brief.ps, owned there) */
  int hasPrev;         /* 1 when it had a status on the previous date */
  Colour prev;         /* its colour then */
  const Report *pLast; /* its latest report filed by the as-of date and not
                       ** returned by then, or NULL (in Brief.aReport) */
};

/* Counts of a group of tasks: a part, a section, a unit, or all. */
typedef struct BriefGroup BriefGroup;
struct BriefGroup {
  char *zKey;          /* "2.1", "A", a unit name, "" for all */
  char *zTitle;        /* heading title or unit name */
  int n[N_COLOUR];     /* tasks per colour */
  int nTotal;
  int nLate;           /* tasks (not done) whose latest due report was
                       ** missing or returned (Status.zLate) */
  double sumActual;    /* sum of actual progress (done counts 100, none 0) */
  double sumExpected;  /* sum of expected progress */
};

/* The content of one briefing. */
typedef struct Brief Brief;
struct Brief {
  PlanStatus ps;       /* the status on zAsOf (tasks the user may see) */
  char zPeriod[8];     /* YYYY-MM */
  char zAsOf[11];
  char zDue[11];       /* the period's reports were due by this day */
  int issue;           /* 第N期: the month of the period */
  int hasPrev;         /* 1 when there was a previous briefing to compare */
  char zPrevPeriod[8];
  char zPrevAsOf[11];
  BriefGroup total;
  BriefGroup prevTotal;      /* on zPrevAsOf (when hasPrev) */
  BriefGroup *aArea; int nArea;   /* 分领域: sections, or parts when their
                                  ** sections are small */
  BriefGroup *aUnit; int nUnit;   /* lead units, ranked ("未分配" left out) */
  int nUnassigned;     /* tasks without a lead unit */
  BriefTask *aTask; int nTask;    /* every task, in plan order */
  int nTarget;         /* live targets of the tasks */
  int nTargetMet;      /* those whose latest value accepted by zAsOf meets
                       ** them (status_target_progress() at 100%) */
  int nNewReport;      /* reports filed after zPrevAsOf up to zAsOf */
  Report *aReport; int nReport;   /* the plan's reports (owned) */
};

/* Gather the briefing described by a into *b (free with brief_free). */
int brief_gather(Ledger *p, const BriefArgs *a, Brief *b, Err *e);
void brief_free(Brief *b);
/* Word the briefing b as a document (free with doc_free).  zNumber: the
** 文号, or NULL for the placeholder. */
void brief_compose(const Brief *b, const char *zNumber, Doc *d);
/* Gather, compose and render in format f, appending to out. */
int brief_render(Ledger *p, const BriefArgs *a, BriefFormat f, Buf *out, Err *e);

#endif
