/*
** brief.c -- the supervision briefing (督查通报): gather its content from
** the ledger, word it as a 公文, render it; `luoshi brief`.  See brief.h.
*/
#include "brief.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- dates ---- */

/* The month delta months after zPeriod into z[8]. */
static void month_add(const char *zPeriod, int delta, char z[8]){
  int n = atoi(zPeriod)*12 + atoi(zPeriod+5) - 1 + delta;
  char zBuf[32];
  snprintf(zBuf, sizeof(zBuf), "%04d-%02d", n/12, n%12 + 1);
  memcpy(z, zBuf, 7);
  z[7] = 0;
}

/* The date d days after zDate into z[11]. */
static void date_add(const char *zDate, int d, char z[11]){
  days_date(date_days(zDate) + d, z);
}

/* The day the reports of zPeriod were due into z[11]. */
static void period_due(const char *zPeriod, const Settings *s, char z[11]){
  char zEnd[11];
  period_last_day(zPeriod, zEnd);
  date_add(zEnd, s->reportDueDays, z);
}

/* The default as-of date of the briefing on zPeriod, not capped: the day
** after its reports were due. */
static void period_asof(const char *zPeriod, const Settings *s, char z[11]){
  char zDue[11];
  period_due(zPeriod, s, zDue);
  date_add(zDue, 1, z);
}

/* "2026年7月11日" for YYYY-MM-DD z into zOut[40]. */
static const char *date_cn(const char *z, char zOut[40]){
  snprintf(zOut, 40, "%d年%d月%d日", atoi(z), atoi(z+5), atoi(z+8));
  return zOut;
}

/* Fix the period and as-of date of the briefing into b. */
static int brief_dates(const BriefArgs *a, const Settings *s, const Plan *pl, Brief *b, Err *e){
  if( a->zAsOf && !date_valid(a->zAsOf) ){
    return err_set(e, ERR_INPUT, "--as-of %s: want a date YYYY-MM-DD", a->zAsOf);
  }
  if( a->zPeriod && !period_valid(a->zPeriod) ){
    return err_set(e, ERR_INPUT, "--period %s: want a month YYYY-MM", a->zPeriod);
  }
  if( a->zPeriod ){
    memcpy(b->zPeriod, a->zPeriod, 8);
    if( a->zAsOf ){
      memcpy(b->zAsOf, a->zAsOf, 11);
    }else{
      period_asof(b->zPeriod, s, b->zAsOf);
      if( strcmp(b->zAsOf, today())>0 ) memcpy(b->zAsOf, today(), 10);
    }
  }else{
    /* the latest month whose reports were due before the as-of date */
    memcpy(b->zAsOf, a->zAsOf ? a->zAsOf : today(), 10);
    b->zAsOf[10] = 0;
    char zDue[11];
    month_add(b->zAsOf, -1, b->zPeriod);
    period_due(b->zPeriod, s, zDue);
    if( strcmp(zDue, b->zAsOf)>=0 ) month_add(b->zPeriod, -1, b->zPeriod);
  }
  char zFirst[11];
  snprintf(zFirst, sizeof(zFirst), "%.7s-01", b->zPeriod);
  if( strcmp(b->zAsOf, zFirst)<0 ){
    return err_set(e, ERR_INPUT, "period %s has not begun on %s", b->zPeriod, b->zAsOf);
  }
  if( atoi(b->zPeriod) < pl->year ){
    return err_set(e, ERR_INPUT, "period %s is before the plan year %d", b->zPeriod, pl->year);
  }
  period_due(b->zPeriod, s, b->zDue);
  b->issue = atoi(b->zPeriod+5);
  /* the previous briefing: the month before, when the plan was published by then */
  month_add(b->zPeriod, -1, b->zPrevPeriod);
  period_asof(b->zPrevPeriod, s, b->zPrevAsOf);
  b->hasPrev = atoi(b->zPrevPeriod) >= pl->year && strcmp(b->zPrevAsOf, b->zAsOf)<0
            && pl->zPublishedAt[0] && strncmp(pl->zPublishedAt, b->zPrevAsOf, 10)<=0;
  return 0;
}

/* ---- gathering ---- */

/* Task ids with their index, for lookups by id. */
typedef struct IdIndex IdIndex;
struct IdIndex { int id; int i; };

static int idindex_cmp(const void *pA, const void *pB){
  const IdIndex *a = pA, *b = pB;
  return a->id<b->id ? -1 : a->id>b->id ? 1 : a->i - b->i;
}

/* The index of task id in a[0..n) sorted by id, or -1. */
static int idindex_find(const IdIndex *a, int n, int id){
  int lo = 0, hi = n;
  while( lo<hi ){
    int mid = (lo+hi)/2;
    if( a[mid].id<id ) lo = mid+1; else hi = mid;
  }
  return lo<n && a[lo].id==id ? a[lo].i : -1;
}

/* Index the tasks a[0..n) by id (caller frees). */
static IdIndex *task_index(const Task *a, int n){
  IdIndex *x = xmalloc(sizeof(IdIndex)*(size_t)(n+1));
  for(int i=0; i<n; i++){ x[i].id = a[i].id; x[i].i = i; }
  qsort(x, (size_t)n, sizeof(IdIndex), idindex_cmp);
  return x;
}

/* Count task t (with status) in group g. */
static void group_add(BriefGroup *g, const Task *t){
  const Status *s = &t->status;
  g->n[s->colour]++;
  g->nTotal++;
  if( s->colour!=COLOUR_DONE && s->zLate[0] ) g->nLate++;
  g->sumActual += s->colour==COLOUR_DONE ? 100.0 : s->actual<0 ? 0.0 : s->actual;
  g->sumExpected += s->expected;
}

static void group_clear(BriefGroup *g){
  free(g->zKey);
  free(g->zTitle);
  memset(g, 0, sizeof(*g));
}

/* A new group in *pa. */
static BriefGroup *group_new(BriefGroup **pa, int *pn, const char *zKey, const char *zTitle){
  *pa = xrealloc(*pa, sizeof(BriefGroup)*(size_t)(*pn+1));
  BriefGroup *g = &(*pa)[(*pn)++];
  memset(g, 0, sizeof(*g));
  g->zKey = xstrdup(zKey);
  g->zTitle = xstrdup(zTitle);
  return g;
}

/* True when task seq zSeq lies under the heading numbered zKey ("2.1"
** holds "2.1.3"; the further part "A" holds "A3.1"). */
static int seq_under(const char *zSeq, const char *zKey){
  size_t n = strlen(zKey);
  if( n==0 || strncmp(zSeq, zKey, n)!=0 ) return 0;
  if( zSeq[n]=='.' ) return 1;
  int letters = 1;
  for(size_t i=0; i<n; i++) if( zKey[i]<'A' || zKey[i]>'Z' ) letters = 0;
  return letters && zSeq[n]>='0' && zSeq[n]<='9';
}

/* The areas (分领域) of the briefing: each part of the plan, split into
** its sections when it has two or more of at least three tasks on
** average; tasks under no area go to "其他". */
static void gather_areas(Brief *b){
  const PlanStatus *ps = &b->ps;
  for(int i=0; i<ps->nPart; i++){
    const StatusGroup *pt = &ps->aPart[i];
    int nSec = 0;
    for(int j=0; j<ps->nSection; j++) nSec += seq_under(ps->aSection[j].zKey, pt->zKey);
    if( nSec>=2 && pt->nTotal >= 3*nSec ){
      for(int j=0; j<ps->nSection; j++){
        const StatusGroup *sc = &ps->aSection[j];
        if( !seq_under(sc->zKey, pt->zKey) ) continue;
        const char *zT = sc->zTitle;
        char *zOwn = 0;
        if( zT==0 || zT[0]==0 || strcmp(zT, sc->zKey)==0 ){
          zOwn = xprintf("%s（总体要求）", pt->zTitle);
          zT = zOwn;
        }
        group_new(&b->aArea, &b->nArea, sc->zKey, zT);
        free(zOwn);
      }
    }else{
      group_new(&b->aArea, &b->nArea, pt->zKey, pt->zTitle);
    }
  }
  int iOther = -1;
  for(int i=0; i<ps->nTask; i++){
    const Task *t = &ps->aTask[i];
    int k;
    for(k=0; k<b->nArea && !seq_under(t->zSeq, b->aArea[k].zKey); k++){}
    if( k==b->nArea ){
      if( iOther<0 ){
        group_new(&b->aArea, &b->nArea, "-", "其他");
        iOther = b->nArea-1;
      }
      k = iOther;
    }
    group_add(&b->aArea[k], t);
  }
  /* drop areas without tasks */
  int n = 0;
  for(int k=0; k<b->nArea; k++){
    if( b->aArea[k].nTotal ) b->aArea[n++] = b->aArea[k];
    else group_clear(&b->aArea[k]);
  }
  b->nArea = n;
}

/* Share of the not-closed tasks of g that reported on time (1 when none). */
static double group_ontime(const BriefGroup *g){
  int nOpen = g->nTotal - g->n[COLOUR_DONE];
  return nOpen>0 ? 1.0 - (double)g->nLate/nOpen : 1.0;
}

/* Share of the tasks of g that are green or closed. */
static double group_green(const BriefGroup *g){
  return g->nTotal ? (double)(g->n[COLOUR_GREEN] + g->n[COLOUR_DONE])/g->nTotal : 0.0;
}

/* The ranking of units: on-time reporting, then green share, then fewer
** red, then fewer yellow tasks, then the name. */
static int unit_rank_cmp(const void *pA, const void *pB){
  const BriefGroup *a = pA, *b = pB;
  double d = group_ontime(b) - group_ontime(a);
  if( fabs(d)>1e-9 ) return d>0 ? 1 : -1;
  d = group_green(b) - group_green(a);
  if( fabs(d)>1e-9 ) return d>0 ? 1 : -1;
  if( a->n[COLOUR_RED]!=b->n[COLOUR_RED] ) return a->n[COLOUR_RED] - b->n[COLOUR_RED];
  if( a->n[COLOUR_YELLOW]!=b->n[COLOUR_YELLOW] ) return a->n[COLOUR_YELLOW] - b->n[COLOUR_YELLOW];
  return strcmp(a->zKey, b->zKey);
}

/* The lead units, ranked; tasks without one are counted apart. */
static void gather_units(Brief *b){
  const PlanStatus *ps = &b->ps;
  for(int i=0; i<ps->nTask; i++){
    const Task *t = &ps->aTask[i];
    if( t->zLead==0 ){ b->nUnassigned++; continue; }
    int k;
    for(k=0; k<b->nUnit && strcmp(b->aUnit[k].zKey, t->zLead)!=0; k++){}
    if( k==b->nUnit ) group_new(&b->aUnit, &b->nUnit, t->zLead, t->zLead);
    group_add(&b->aUnit[k], t);
  }
  if( b->nUnit>1 ) qsort(b->aUnit, (size_t)b->nUnit, sizeof(BriefGroup), unit_rank_cmp);
}

/* True when timestamp z falls on or before day zDay. */
static int by_day(const char *z, const char *zDay){
  return z[0] && strncmp(z, zDay, 10)<=0;
}

/* True when report a is later than b: by period, then by time filed. */
static int report_newer(const Report *a, const Report *b){
  int c = strcmp(a->zPeriod, b->zPeriod);
  return c ? c>0 : strcmp(a->zCreatedAt, b->zCreatedAt)>0;
}

/* The plan's reports into b->aReport; then for every task its latest
** report (BriefTask.pLast), the reports filed since the previous briefing
** and the targets met.  *pRc is nonzero (e set) on failure. */
static void gather_reports(Brief *b, Ledger *p, Err *e, int *pRc){
  const PlanStatus *ps = &b->ps;
  Plan latest;
  memset(&latest, 0, sizeof(latest));
  *pRc = 0;
  if( ledger_plan_get(p, 0, &latest, e) ){ *pRc = -1; return; }
  if( latest.id==ps->plan.id ){
    if( ledger_report_list(p, 0, &b->aReport, &b->nReport, e) ) *pRc = -1;
  }else{
    int nAlloc = 0;
    for(int i=0; i<ps->nTask && *pRc==0; i++){
      Report *a;
      int n;
      if( ledger_report_list(p, ps->aTask[i].id, &a, &n, e) ){ *pRc = -1; break; }
      for(int k=0; k<n; k++) *(Report*)ARRAY_PUSH(b->aReport, b->nReport, nAlloc) = a[k];
      free(a);
    }
  }
  plan_clear(&latest);
  if( *pRc ) return;

  /* reports by task */
  IdIndex *aById = task_index(ps->aTask, ps->nTask);
  IdIndex *aRep = xmalloc(sizeof(IdIndex)*(size_t)(b->nReport+1));
  for(int i=0; i<b->nReport; i++){ aRep[i].id = b->aReport[i].taskId; aRep[i].i = i; }
  qsort(aRep, (size_t)b->nReport, sizeof(IdIndex), idindex_cmp);
  for(int i=0; i<b->nReport; i++){
    const Report *r = &b->aReport[i];
    if( !by_day(r->zCreatedAt, b->zAsOf) ) continue;
    if( b->hasPrev && !by_day(r->zCreatedAt, b->zPrevAsOf) ) b->nNewReport++;
    if( !b->hasPrev ) b->nNewReport++;
    int k = idindex_find(aById, ps->nTask, r->taskId);
    if( k<0 ) continue;
    if( r->state==REPORT_RETURNED && by_day(r->zReviewedAt, b->zAsOf) ) continue;
    BriefTask *bt = &b->aTask[k];
    if( bt->pLast==0 || report_newer(r, bt->pLast) ) bt->pLast = r;
  }
  /* targets met: the latest value accepted by the as-of date */
  for(int i=0; i<ps->nTask; i++){
    const Task *t = &ps->aTask[i];
    int lo = 0, hi = b->nReport;
    while( lo<hi ){
      int mid = (lo+hi)/2;
      if( aRep[mid].id<t->id ) lo = mid+1; else hi = mid;
    }
    for(hi=lo; hi<b->nReport && aRep[hi].id==t->id; hi++){}
    for(int g=0; g<t->nTarget; g++){
      const Report *best = 0;
      for(int x=lo; x<hi; x++){
        const Report *r = &b->aReport[aRep[x].i];
        if( r->isPercent || r->targetId!=t->aTarget[g].id ) continue;
        if( r->state!=REPORT_ACCEPTED || !by_day(r->zReviewedAt, b->zAsOf) ) continue;
        if( best==0 || strcmp(r->zPeriod, best->zPeriod)>0
         || (strcmp(r->zPeriod, best->zPeriod)==0 && strcmp(r->zReviewedAt, best->zReviewedAt)>0) ){
          best = r;
        }
      }
      b->nTarget++;
      if( best ){
        StatusTarget st = {t->aTarget[g].value, t->aTarget[g].zCmp};
        if( status_target_progress(&st, best->value) >= 100.0 ) b->nTargetMet++;
      }
    }
  }
  free(aRep);
  free(aById);
}

/* See brief.h. */
int brief_gather(Ledger *p, const BriefArgs *a, Brief *b, Err *e){
  Plan pl;
  memset(b, 0, sizeof(*b));
  if( ledger_plan_get(p, a->planId, &pl, e) ) return -1;
  int rc = brief_dates(a, ledger_settings(p), &pl, b, e);
  plan_clear(&pl);
  if( rc ) return -1;
  if( ledger_status(p, a->planId, b->zAsOf, &b->ps, e) ) return -1;
  const PlanStatus *ps = &b->ps;
  b->nTask = ps->nTask;
  b->aTask = xcalloc((size_t)(ps->nTask+1), sizeof(BriefTask));
  b->total.zKey = xstrdup("");
  b->total.zTitle = xstrdup(ps->total.zTitle ? ps->total.zTitle : "");
  for(int i=0; i<ps->nTask; i++){
    b->aTask[i].pTask = &ps->aTask[i];
    group_add(&b->total, &ps->aTask[i]);
  }
  if( b->hasPrev ){
    PlanStatus ps0;
    if( ledger_status(p, ps->plan.id, b->zPrevAsOf, &ps0, e) ){ brief_free(b); return -1; }
    IdIndex *x = task_index(ps->aTask, ps->nTask);
    b->prevTotal.zKey = xstrdup("");
    b->prevTotal.zTitle = xstrdup("");
    for(int i=0; i<ps0.nTask; i++){
      group_add(&b->prevTotal, &ps0.aTask[i]);
      int k = idindex_find(x, ps->nTask, ps0.aTask[i].id);
      if( k<0 ) continue;
      b->aTask[k].hasPrev = 1;
      b->aTask[k].prev = ps0.aTask[i].status.colour;
    }
    free(x);
    plan_status_free(&ps0);
  }
  gather_areas(b);
  gather_units(b);
  gather_reports(b, p, e, &rc);
  if( rc ){ brief_free(b); return -1; }
  return 0;
}

/* See brief.h. */
void brief_free(Brief *b){
  plan_status_free(&b->ps);
  group_clear(&b->total);
  group_clear(&b->prevTotal);
  for(int i=0; i<b->nArea; i++) group_clear(&b->aArea[i]);
  free(b->aArea);
  for(int i=0; i<b->nUnit; i++) group_clear(&b->aUnit[i]);
  free(b->aUnit);
  free(b->aTask);
  report_list_free(b->aReport, b->nReport);
  memset(b, 0, sizeof(*b));
}

/* ---- wording ---- */

/* n/d as a percent with one decimal ("45.2%") into z[24]; "—" when d is 0. */
static const char *pct(int n, int d, char z[24]){
  if( d<=0 ) snprintf(z, 24, "—");
  else snprintf(z, 24, "%.1f%%", 100.0*n/d);
  return z;
}

/* A share 0..1 as a percent with one decimal into z[24]. */
static const char *share(double v, char z[24]){
  snprintf(z, 24, "%.1f%%", 100.0*v + 1e-9);
  return z;
}

/* "增加2项" / "减少1项" / "持平" for the change from a to b into z[32]. */
static const char *delta(int a, int b, char z[32]){
  if( b>a ) snprintf(z, 32, "增加%d项", b-a);
  else if( b<a ) snprintf(z, 32, "减少%d项", a-b);
  else snprintf(z, 32, "持平");
  return z;
}

/* z without a final "。" or "；" (caller frees). */
static char *no_stop(const char *z){
  size_t n = strlen(z);
  while( n>=3 && (memcmp(z+n-3, "。", 3)==0 || memcmp(z+n-3, "；", 3)==0) ) n -= 3;
  return xstrndup(z, n);
}

/* The last code point of z as a string into zOut[8] ("区"), or "区". */
static const char *region_level(const char *z, char zOut[8]){
  size_t n = strlen(z), i = n;
  while( i>0 && ((unsigned char)z[i-1] & 0xC0)==0x80 ) i--;
  if( i>0 ) i--;
  if( n==0 || n-i>4 ) snprintf(zOut, 8, "区");
  else snprintf(zOut, 8, "%s", z+i);
  return zOut;
}

/* The 文号 placeholder "临政办督〔2026〕X号": the first character of the
** region's own name (after its province or city) into zOut[64]. */
static const char *number_placeholder(const char *zRegion, int year, char zOut[64]){
  const char *z = zRegion;
  static const char *const azUpper[] = {"省", "市", "自治州", "州", "盟", 0};
  for(int k=0; azUpper[k]; k++){
    const char *s = strstr(z, azUpper[k]);
    size_t n = strlen(azUpper[k]);
    if( s && s[n] ) z = s + n;
  }
  int n = 1;
  while( ((unsigned char)z[n] & 0xC0)==0x80 ) n++;
  if( z[0]==0 ) n = 0;
  snprintf(zOut, 64, "%.*s政办督〔%d〕X号", n, z, year);
  return zOut;
}

/* The 主送 line for a region of level zLevel ("区", "县", "市", "省"). */
static const char *addressee(const char *zLevel){
  if( strcmp(zLevel, "区")==0 ) return "各镇（街道）、区直各部门：";
  if( strcmp(zLevel, "县")==0 ) return "各乡镇、县直各部门：";
  if( strcmp(zLevel, "市")==0 ) return "各区（县）、市直各部门：";
  if( strcmp(zLevel, "省")==0 ) return "各市、省直各部门：";
  return "各有关单位：";
}

/* Lead units of the tasks of colour c (or with a late report when c<0),
** distinct, in plan order, joined by "、" (caller frees; "" when none). */
static char *units_with(const Brief *b, int c){
  Buf out = BUF_INIT;
  const char **az = xmalloc(sizeof(char*)*(size_t)(b->nTask+1));
  int n = 0;
  for(int i=0; i<b->nTask; i++){
    const Task *t = b->aTask[i].pTask;
    int hit = c>=0 ? (int)t->status.colour==c : t->status.colour!=COLOUR_DONE && t->status.zLate[0];
    if( !hit ) continue;
    const char *z = t->zLead ? t->zLead : "未明确牵头单位";
    int seen = 0;
    for(int k=0; k<n && !seen; k++) seen = strcmp(az[k], z)==0;
    if( seen ) continue;
    az[n++] = z;
    buf_printf(&out, "%s%s", n>1 ? "、" : "", z);
  }
  free(az);
  return out.a ? buf_detach(&out) : xstrdup("");
}

/* Kinds of change since the previous briefing, in the order listed. */
#define CHG_NONE   -1
#define CHG_RED     0    /* turned red */
#define CHG_WORSE   1    /* green to yellow */
#define CHG_BETTER  2    /* red to yellow or green, yellow to green */
#define CHG_DONE    3    /* closed */
static int change_kind(const BriefTask *bt){
  if( !bt->hasPrev ) return CHG_NONE;
  Colour a = bt->prev, c = bt->pTask->status.colour;
  if( a==c ) return CHG_NONE;
  if( c==COLOUR_DONE ) return CHG_DONE;
  if( c==COLOUR_RED ) return CHG_RED;
  if( a==COLOUR_DONE ) return CHG_WORSE;
  return c>a ? CHG_WORSE : CHG_BETTER;
}

/* 一、总体进展 */
static void compose_overall(const Brief *b, const char *zLevel, const char *zRegion, Doc *d){
  const BriefGroup *g = &b->total;
  char z1[24], z2[24], z3[24], z4[24], z5[24], zD[40], zA[40];
  int nOpen = g->nTotal - g->n[COLOUR_DONE];
  doc_add(d, BLK_H1, "一、总体进展");
  doc_add(d, BLK_PARA, "%d年%s《政府工作报告》共分解重点任务%d项。截至%s，已办结销号%d项，占%s；"
          "按序时进度推进（绿灯）%d项，占%s；进度滞后或未按时报送（黄灯）%d项，占%s；"
          "严重滞后或逾期未完成（红灯）%d项，占%s。",
          b->ps.plan.year, zRegion, g->nTotal, date_cn(b->zAsOf, zA),
          g->n[COLOUR_DONE], pct(g->n[COLOUR_DONE], g->nTotal, z1),
          g->n[COLOUR_GREEN], pct(g->n[COLOUR_GREEN], g->nTotal, z2),
          g->n[COLOUR_YELLOW], pct(g->n[COLOUR_YELLOW], g->nTotal, z3),
          g->n[COLOUR_RED], pct(g->n[COLOUR_RED], g->nTotal, z4));
  Buf t = BUF_INIT;
  if( g->nTotal ){
    buf_printf(&t, "全部任务平均实际进度%.1f%%，平均序时进度%.1f%%。",
               g->sumActual/g->nTotal, g->sumExpected/g->nTotal);
  }
  if( b->nTarget ){
    buf_printf(&t, "%d项量化目标中，已完成%d项，完成率%s。", b->nTarget, b->nTargetMet,
               pct(b->nTargetMet, b->nTarget, z5));
  }
  buf_printf(&t, "%d年%d月进展应于%s前报送，截至%s，%d项在办任务中有%d项未按时报送或退回后未重新报送，按时报送率%s。",
             atoi(b->zPeriod), b->issue, date_cn(b->zDue, zD), date_cn(b->zAsOf, zA), nOpen, g->nLate,
             share(group_ontime(g), z1));
  doc_add(d, BLK_PARA, "%s", t.a);
  buf_free(&t);
  doc_add(d, BLK_CAPTION, "表1　重点任务总体情况");
  static const char *const azHead[] = {"时间", "任务总数", "已销号", "绿灯", "黄灯", "红灯", "量化目标完成率", "按时报送率"};
  static const int aW[] = {260, 90, 90, 80, 80, 80, 170, 150};
  DocTable *tb = doc_table(d, 8, azHead, aW);
  doc_cell(tb, -1, "本期（%d月%d日）", atoi(b->zAsOf+5), atoi(b->zAsOf+8));
  doc_cell(tb, -1, "%d", g->nTotal);
  doc_cell(tb, COLOUR_DONE, "%d", g->n[COLOUR_DONE]);
  doc_cell(tb, COLOUR_GREEN, "%d", g->n[COLOUR_GREEN]);
  doc_cell(tb, COLOUR_YELLOW, "%d", g->n[COLOUR_YELLOW]);
  doc_cell(tb, COLOUR_RED, "%d", g->n[COLOUR_RED]);
  doc_cell(tb, -1, "%s", pct(b->nTargetMet, b->nTarget, z1));
  doc_cell(tb, -1, "%s", share(group_ontime(g), z2));
  if( b->hasPrev ){
    const BriefGroup *q = &b->prevTotal;
    doc_cell(tb, -1, "上期（%d月%d日）", atoi(b->zPrevAsOf+5), atoi(b->zPrevAsOf+8));
    doc_cell(tb, -1, "%d", q->nTotal);
    doc_cell(tb, -1, "%d", q->n[COLOUR_DONE]);
    doc_cell(tb, -1, "%d", q->n[COLOUR_GREEN]);
    doc_cell(tb, -1, "%d", q->n[COLOUR_YELLOW]);
    doc_cell(tb, -1, "%d", q->n[COLOUR_RED]);
    doc_cell(tb, -1, "—");
    doc_cell(tb, -1, "%s", share(group_ontime(q), z2));
  }
  (void)zLevel;
}

/* The ASCII key of area g for the PNG chart ("2.1", "A"). */
static const char *area_key(const BriefGroup *g){
  return strcmp(g->zKey, "-")==0 ? "-" : g->zKey;
}

/* 二、分领域推进情况 */
static void compose_areas(const Brief *b, Doc *d){
  doc_add(d, BLK_H1, "二、分领域推进情况");
  const BriefGroup *pRed = 0, *pBest = 0;
  for(int i=0; i<b->nArea; i++){
    const BriefGroup *g = &b->aArea[i];
    if( g->n[COLOUR_RED] && (pRed==0 || g->n[COLOUR_RED] > pRed->n[COLOUR_RED]) ) pRed = g;
    if( pBest==0 || group_green(g) > group_green(pBest) + 1e-9 ) pBest = g;
  }
  Buf t = BUF_INIT;
  buf_printf(&t, "按领域看（见表2、图1），");
  if( pBest ){
    char z[24];
    buf_printf(&t, "“%s”绿灯（含已销号）占比最高，为%s", pBest->zTitle, share(group_green(pBest), z));
  }
  if( pRed ){
    buf_printf(&t, "；“%s”红灯任务最多，共%d项，需重点推进。", pRed->zTitle, pRed->n[COLOUR_RED]);
  }else{
    buf_printf(&t, "；各领域均无红灯任务。");
  }
  doc_add(d, BLK_PARA, "%s", t.a);
  buf_free(&t);
  doc_add(d, BLK_CAPTION, "表2　分领域推进情况");
  static const char *const azHead[] = {"序号", "领域", "任务数", "已销号", "绿灯", "黄灯", "红灯", "平均进度"};
  static const int aW[] = {70, 390, 80, 80, 80, 80, 80, 140};
  DocTable *tb = doc_table(d, 8, azHead, aW);
  Chart *c = xcalloc(1, sizeof(Chart));
  for(int i=0; i<b->nArea; i++){
    const BriefGroup *g = &b->aArea[i];
    doc_cell(tb, -1, "%s", g->zKey);
    doc_cell(tb, -1, "%s", g->zTitle);
    doc_cell(tb, -1, "%d", g->nTotal);
    doc_cell(tb, g->n[COLOUR_DONE] ? COLOUR_DONE : -1, "%d", g->n[COLOUR_DONE]);
    doc_cell(tb, g->n[COLOUR_GREEN] ? COLOUR_GREEN : -1, "%d", g->n[COLOUR_GREEN]);
    doc_cell(tb, g->n[COLOUR_YELLOW] ? COLOUR_YELLOW : -1, "%d", g->n[COLOUR_YELLOW]);
    doc_cell(tb, g->n[COLOUR_RED] ? COLOUR_RED : -1, "%d", g->n[COLOUR_RED]);
    doc_cell(tb, -1, "%.1f%%", g->nTotal ? g->sumActual/g->nTotal : 0.0);
    char *zName = xprintf("%s %s", g->zKey, g->zTitle);
    chart_add(c, area_key(g), zName, g->n);
    free(zName);
  }
  doc_chart(d, c);
  doc_add(d, BLK_CAPTION, "图1　各领域任务状态分布（左侧为领域序号；蓝、绿、黄、红依次为已销号、绿灯、黄灯、红灯任务）");
}

/* 三、责任单位排名 */
static void compose_units(const Brief *b, Doc *d){
  doc_add(d, BLK_H1, "三、责任单位排名");
  char z1[24], z2[24];
  Buf t = BUF_INIT;
  buf_printf(&t, "按按时报送率、绿灯（含已销号）任务占比、红灯任务数依次排序，%d个牵头单位排名见表3。", b->nUnit);
  if( b->nUnit>=6 ){
    buf_printf(&t, "%s、%s、%s排名靠前；", b->aUnit[0].zTitle, b->aUnit[1].zTitle, b->aUnit[2].zTitle);
    int n = b->nUnit;
    buf_printf(&t, "%s、%s、%s排名靠后，请相关单位加快推进。", b->aUnit[n-3].zTitle, b->aUnit[n-2].zTitle,
               b->aUnit[n-1].zTitle);
  }
  if( b->nUnassigned ){
    buf_printf(&t, "另有%d项任务尚未明确牵头单位，未参加排名。", b->nUnassigned);
  }
  doc_add(d, BLK_PARA, "%s", t.a);
  buf_free(&t);
  doc_add(d, BLK_CAPTION, "表3　牵头单位排名");
  static const char *const azHead[] = {"名次", "牵头单位", "任务数", "按时报送率", "绿灯占比", "黄灯", "红灯"};
  static const int aW[] = {80, 300, 100, 160, 160, 100, 100};
  DocTable *tb = doc_table(d, 7, azHead, aW);
  for(int i=0; i<b->nUnit; i++){
    const BriefGroup *g = &b->aUnit[i];
    doc_cell(tb, -1, "%d", i+1);
    doc_cell(tb, -1, "%s", g->zTitle);
    doc_cell(tb, -1, "%d", g->nTotal);
    doc_cell(tb, -1, "%s", share(group_ontime(g), z1));
    doc_cell(tb, -1, "%s", share(group_green(g), z2));
    doc_cell(tb, g->n[COLOUR_YELLOW] ? COLOUR_YELLOW : -1, "%d", g->n[COLOUR_YELLOW]);
    doc_cell(tb, g->n[COLOUR_RED] ? COLOUR_RED : -1, "%d", g->n[COLOUR_RED]);
  }
}

/* The paragraph of one late task. */
static void late_task(const Brief *b, const BriefTask *bt, int i, Doc *d){
  const Task *t = bt->pTask;
  char *zCut = utf8_cut(t->zText, 80);
  char *zText = no_stop(zCut);
  free(zCut);
  char *zWhy = no_stop(t->status.zReason);
  Buf out = BUF_INIT;
  char zD[40];
  buf_printf(&out, "%d.【%s】%s。牵头单位：%s，完成时限：%s。原因：%s。", i, t->zSeq, zText,
             t->zLead ? t->zLead : "未明确", date_cn(t->zDeadline, zD), zWhy);
  if( bt->pLast ){
    const Report *r = bt->pLast;
    char *zNote = no_stop(r->zNote ? r->zNote : "");
    buf_printf(&out, "最新进展（%s期，%s）：%s。", r->zPeriod,
               r->state==REPORT_ACCEPTED && by_day(r->zReviewedAt, b->zAsOf) ? "已审核" : "待审核", zNote);
    free(zNote);
  }else{
    buf_printf(&out, "最新进展：尚未报送。");
  }
  doc_add(d, BLK_PARA, "%s", out.a);
  buf_free(&out);
  free(zText);
  free(zWhy);
}

/* 四、滞后任务（红灯/黄灯）及原因 */
static void compose_late(const Brief *b, Doc *d){
  static const char *const azNum[] = {"（一）", "（二）"};
  doc_add(d, BLK_H1, "四、滞后任务（红灯/黄灯）及原因");
  for(int k=0; k<2; k++){
    Colour c = k==0 ? COLOUR_RED : COLOUR_YELLOW;
    doc_add(d, BLK_H2, "%s%s任务（%d项）", azNum[k], k==0 ? "红灯" : "黄灯", b->total.n[c]);
    if( b->total.n[c]==0 ){
      doc_add(d, BLK_PARA, "本期无%s任务。", k==0 ? "红灯" : "黄灯");
      continue;
    }
    int n = 0;
    for(int i=0; i<b->nTask; i++){
      if( b->aTask[i].pTask->status.colour==c ) late_task(b, &b->aTask[i], ++n, d);
    }
  }
}

/* 五、与上期相比的变化 */
static void compose_changes(const Brief *b, Doc *d){
  doc_add(d, BLK_H1, "五、与上期相比的变化");
  if( !b->hasPrev ){
    doc_add(d, BLK_PARA, "本期为首期通报，无上期情况可比。截至%s共报送进展%d条。", b->zAsOf, b->nNewReport);
    return;
  }
  int anKind[4] = {0, 0, 0, 0};
  for(int i=0; i<b->nTask; i++){
    int k = change_kind(&b->aTask[i]);
    if( k>=0 ) anKind[k]++;
  }
  const BriefGroup *g = &b->total, *q = &b->prevTotal;
  char zA[40], z1[32], z2[32], z3[32], z4[32];
  doc_add(d, BLK_PARA, "与上期（截至%s）相比，已销号任务%s，绿灯任务%s，黄灯任务%s，红灯任务%s。"
          "期间共报送进展%d条；%d项任务办结销号，%d项任务状态好转，%d项任务转为红灯，%d项任务由绿灯转为黄灯。",
          date_cn(b->zPrevAsOf, zA), delta(q->n[COLOUR_DONE], g->n[COLOUR_DONE], z1),
          delta(q->n[COLOUR_GREEN], g->n[COLOUR_GREEN], z2), delta(q->n[COLOUR_YELLOW], g->n[COLOUR_YELLOW], z3),
          delta(q->n[COLOUR_RED], g->n[COLOUR_RED], z4), b->nNewReport,
          anKind[CHG_DONE], anKind[CHG_BETTER], anKind[CHG_RED], anKind[CHG_WORSE]);
  if( anKind[0]+anKind[1]+anKind[2]+anKind[3]==0 ) return;
  doc_add(d, BLK_CAPTION, "表4　状态发生变化的任务");
  static const char *const azHead[] = {"序号", "任务", "牵头单位", "上期", "本期"};
  static const int aW[] = {110, 530, 160, 100, 100};
  DocTable *tb = doc_table(d, 5, azHead, aW);
  for(int k=0; k<4; k++){
    for(int i=0; i<b->nTask; i++){
      const BriefTask *bt = &b->aTask[i];
      if( change_kind(bt)!=k ) continue;
      const Task *t = bt->pTask;
      char *zText = utf8_cut(t->zText, 40);
      doc_cell(tb, -1, "%s", t->zSeq);
      doc_cell(tb, -1, "%s", zText);
      doc_cell(tb, -1, "%s", t->zLead ? t->zLead : "未明确");
      doc_cell(tb, bt->prev, "%s", colour_label(bt->prev));
      doc_cell(tb, t->status.colour, "%s", colour_label(t->status.colour));
      free(zText);
    }
  }
}

/* 六、下一步工作要求 */
static void compose_next(const Brief *b, const char *zLevel, Doc *d){
  static const char *const azNum[] = {"（一）", "（二）", "（三）", "（四）"};
  int k = 0;
  char zNext[8], zDue[11], zD[40];
  month_add(b->zPeriod, 1, zNext);
  period_due(zNext, &b->ps.settings, zDue);
  doc_add(d, BLK_H1, "六、下一步工作要求");
  if( b->total.n[COLOUR_RED] ){
    char *z = units_with(b, COLOUR_RED);
    int nTwice = 0;
    for(int i=0; i<b->nTask; i++){
      nTwice += b->aTask[i].hasPrev && b->aTask[i].prev==COLOUR_RED
             && b->aTask[i].pTask->status.colour==COLOUR_RED;
    }
    Buf t = BUF_INIT;
    buf_printf(&t, "%s紧盯红灯任务。%s要逐项分析滞后原因，制定赶超措施，明确完成时限，"
               "在下期报送进展时一并报告整改情况。", azNum[k++], z);
    if( nTwice ) buf_printf(&t, "其中%d项任务连续两期为红灯，%s政府督查室将开展专项督查。", nTwice, zLevel);
    doc_add(d, BLK_PARA, "%s", t.a);
    buf_free(&t);
    free(z);
  }
  if( b->total.n[COLOUR_YELLOW] ){
    doc_add(d, BLK_PARA, "%s加快黄灯任务进度。黄灯任务牵头单位要对照序时进度查漏补缺，"
            "防止由黄转红，确保按期完成。", azNum[k++]);
  }
  if( b->total.nLate ){
    char *z = units_with(b, -1);
    doc_add(d, BLK_PARA, "%s按时报送进展。%s要落实专人负责，按时、如实报送进展情况和佐证材料。", azNum[k++], z);
    free(z);
  }
  doc_add(d, BLK_PARA, "%s持续跟踪问效。请各责任单位于%s前报送%d年%d月进展。%s政府督查室将持续跟踪调度，"
          "推进情况纳入年度绩效考核。", azNum[k], date_cn(zDue, zD), atoi(zNext), atoi(zNext+5), zLevel);
}

/* See brief.h. */
void brief_compose(const Brief *b, const char *zNumber, Doc *d){
  const Plan *pl = &b->ps.plan;
  char zLevel[8], zNum[64], zA[40];
  const char *zRegion = pl->zRegion ? pl->zRegion : "";
  region_level(zRegion, zLevel);
  memset(d, 0, sizeof(*d));
  d->zTitle = xprintf("%s人民政府办公室关于%d年政府工作报告重点任务推进情况的通报（%d年第%d期）",
                      zRegion, pl->year, atoi(b->zPeriod), b->issue);
  doc_add(d, BLK_NUMBER, "%s", zNumber && zNumber[0] ? zNumber : number_placeholder(zRegion, pl->year, zNum));
  doc_add(d, BLK_TITLE, "%s人民政府办公室关于%d年政府工作报告重点任务推进情况的通报\n（%d年第%d期）",
          zRegion, pl->year, atoi(b->zPeriod), b->issue);
  doc_add(d, BLK_ADDRESSEE, "%s", addressee(zLevel));
  doc_add(d, BLK_PARA, "为推动%s《政府工作报告》确定的重点任务落地见效，%s政府督查室根据各责任单位报送的进展情况，"
          "对截至%s的推进情况进行了调度。现将有关情况通报如下：", zLevel, zLevel, date_cn(b->zAsOf, zA));
  compose_overall(b, zLevel, zRegion, d);
  compose_areas(b, d);
  compose_units(b, d);
  compose_late(b, d);
  compose_changes(b, d);
  compose_next(b, zLevel, d);
  doc_add(d, BLK_SIGN, "%s人民政府办公室", zRegion);
  doc_add(d, BLK_DATE, "%s", date_cn(b->zAsOf, zA));
}

/* See brief.h. */
int brief_render(Ledger *p, const BriefArgs *a, BriefFormat f, Buf *out, Err *e){
  Brief b;
  Doc d;
  if( brief_gather(p, a, &b, e) ) return -1;
  brief_compose(&b, a->zNumber, &d);
  int rc = 0;
  switch( f ){
    case BRIEF_HTML: doc_html(&d, a->bFragment, out); break;
    case BRIEF_TEXT: doc_text(&d, out); break;
    case BRIEF_DOCX: rc = doc_docx(&d, b.zAsOf, out, e); break;
  }
  doc_free(&d);
  brief_free(&b);
  return rc;
}

/*
** COMMAND: brief
** Usage: luoshi brief [--period YYYY-MM] [--as-of DATE] [--format html|docx|text] [-o FILE] [--number 文号] [--plan ID]
**
** Write the monthly supervision briefing (督查通报) in 公文 style: the
** overall picture, progress by area, units ranked, every red and yellow
** task with its reason and latest narrative, the changes since the
** previous briefing, and what comes next.  --period is the month it is
** on (default: the latest month whose reports were due); --as-of the
** date the status is taken on (default: the day after that month's
** reports were due, or today).  The format follows -o's extension
** (.html .docx .txt) unless --format says; without -o, HTML or text goes
** to standard output.  The briefing shows what the acting user (--as)
** may see.
*/
int cmd_brief(int argc, char **argv){
  const char *zDb = find_option(&argc, argv, "--db", 1);
  const char *zAs = find_option(&argc, argv, "--as", 1);
  const char *zFormat = find_option(&argc, argv, "--format", 1);
  const char *zOut = find_option(&argc, argv, "-o", 1);
  const char *zPlan = find_option(&argc, argv, "--plan", 1);
  BriefArgs a;
  memset(&a, 0, sizeof(a));
  a.zPeriod = find_option(&argc, argv, "--period", 1);
  a.zAsOf = find_option(&argc, argv, "--as-of", 1);
  a.zNumber = find_option(&argc, argv, "--number", 1);
  a.planId = zPlan ? atoi(zPlan) : 0;
  Err e = {0};
  const char *zUsage = "brief [--period YYYY-MM] [--as-of DATE] [--format html|docx|text] [-o FILE] [--number 文号] [--plan ID]";
  if( verify_all_options(argc, argv, &e) || argc!=1 ){
    if( e.code ) fprintf(stderr, "luoshi: %s\n", e.zMsg);
    fprintf(stderr, "Usage: luoshi %s\n", zUsage);
    return 2;
  }
  BriefFormat f = BRIEF_HTML;
  const char *zExt = zOut ? strrchr(zOut, '.') : 0;
  if( zFormat==0 && zExt ) zFormat = zExt+1;
  if( zFormat==0 || strcmp(zFormat, "html")==0 || strcmp(zFormat, "htm")==0 ) f = BRIEF_HTML;
  else if( strcmp(zFormat, "docx")==0 ) f = BRIEF_DOCX;
  else if( strcmp(zFormat, "text")==0 || strcmp(zFormat, "txt")==0 ) f = BRIEF_TEXT;
  else{
    fprintf(stderr, "luoshi: --format %s: want html, docx or text\n", zFormat);
    return 2;
  }
  if( f==BRIEF_DOCX && zOut==0 ){
    fprintf(stderr, "luoshi: a .docx needs -o FILE\n");
    return 2;
  }
  if( zDb==0 ) zDb = getenv("LUOSHI_DB");
  if( zDb==0 || zDb[0]==0 ) zDb = "luoshi.db";
  if( zAs==0 ) zAs = getenv("LUOSHI_USER");
  Ledger *L;
  if( ledger_open(zDb, &L, &e) ){
    fprintf(stderr, "luoshi: %s\n", e.zMsg);
    return 1;
  }
  Buf out = BUF_INIT;
  int rc = ledger_act_as(L, zAs && zAs[0] ? zAs : 0, &e);
  if( rc==0 ) rc = brief_render(L, &a, f, &out, &e);
  ledger_close(L);
  if( rc==0 ){
    FILE *pOut = zOut && strcmp(zOut, "-")!=0 ? fopen(zOut, "wb") : stdout;
    if( pOut==0 ){
      err_set(&e, ERR_INPUT, "cannot write %s", zOut);
      rc = -1;
    }else{
      if( out.n && fwrite(out.a, 1, out.n, pOut)!=out.n ) rc = err_set(&e, ERR_INTERNAL, "cannot write %s", zOut);
      if( pOut!=stdout && fclose(pOut) ) rc = err_set(&e, ERR_INTERNAL, "cannot write %s", zOut);
    }
  }
  buf_free(&out);
  if( rc ){
    fprintf(stderr, "luoshi: %s\n", e.zMsg);
    return 1;
  }
  return 0;
}
