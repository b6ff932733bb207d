/*
** status.c -- the status engine (see status.h for the rules).
*/
#include "status.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const azSettingName[] = {"red_gap", "yellow_gap", "report_due_days", 0};

/* The defaults: red 30 points behind, yellow 10, reports due 10 days after
** the month. */
void settings_default(Settings *p){
  p->redGap = 30;
  p->yellowGap = 10;
  p->reportDueDays = 10;
}

/* The int field of p named zName, or NULL. */
static int *settings_field(Settings *p, const char *zName){
  if( strcmp(zName, "red_gap")==0 ) return &p->redGap;
  if( strcmp(zName, "yellow_gap")==0 ) return &p->yellowGap;
  if( strcmp(zName, "report_due_days")==0 ) return &p->reportDueDays;
  return 0;
}

/* See status.h. */
int settings_set(Settings *p, const char *zName, const char *zValue, Err *e){
  int *pField = settings_field(p, zName);
  if( pField==0 ){
    return err_set(e, ERR_INPUT, "unknown setting %s (known: red_gap, yellow_gap, report_due_days)", zName);
  }
  char *zEnd = 0;
  long v = strtol(zValue, &zEnd, 10);
  if( zValue[0]==0 || *zEnd!=0 || v<0 || v>100 ){
    return err_set(e, ERR_INPUT, "setting %s: \"%s\" is not a whole number from 0 to 100", zName, zValue);
  }
  Settings s = *p;
  *settings_field(&s, zName) = (int)v;
  if( s.yellowGap > s.redGap ){
    return err_set(e, ERR_INPUT, "setting %s: yellow_gap (%d) must not exceed red_gap (%d)",
                   zName, s.yellowGap, s.redGap);
  }
  *p = s;
  return 0;
}

/* See status.h. */
int settings_get(const Settings *p, const char *zName, char z[32]){
  int *pField = settings_field((Settings*)p, zName);
  if( pField==0 ) return -1;
  snprintf(z, 32, "%d", *pField);
  return 0;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; H. Hinnant's method). */
static int days_from_civil(int y, int m, int d){
  y -= m <= 2;
  int era = (y >= 0 ? y : y-399) / 400;
  int yoe = y - era * 400;
  int doy = (153*(m + (m > 2 ? -3 : 9)) + 2)/5 + d-1;
  int doe = yoe * 365 + yoe/4 - yoe/100 + doy;
  return era * 146097 + doe - 719468;
}

/* See status.h. */
int date_days(const char *z){
  return days_from_civil(atoi(z), atoi(z+5), atoi(z+8));
}

/* See status.h. */
void days_date(int d, char z[11]){
  d += 719468;
  int era = (d >= 0 ? d : d - 146096) / 146097;
  int doe = d - era * 146097;
  int yoe = (doe - doe/1460 + doe/36524 - doe/146096) / 365;
  int y = yoe + era * 400;
  int doy = doe - (365*yoe + yoe/4 - yoe/100);
  int mp = (5*doy + 2)/153;
  int dd = doy - (153*mp+2)/5 + 1;
  int m = mp + (mp < 10 ? 3 : -9);
  y += m <= 2;
  char zBuf[40];
  snprintf(zBuf, sizeof(zBuf), "%04d-%02d-%02d", y, m, dd);
  memcpy(z, zBuf, 10);
  z[10] = 0;
}

/* See status.h. */
int period_valid(const char *z){
  if( z==0 || strlen(z)!=7 || z[4]!='-' ) return 0;
  for(int i=0; i<7; i++){
    if( i!=4 && (z[i]<'0' || z[i]>'9') ) return 0;
  }
  int m = atoi(z+5);
  return atoi(z)>=1900 && m>=1 && m<=12;
}

/* See status.h. */
void period_last_day(const char *zPeriod, char z[11]){
  int y = atoi(zPeriod), m = atoi(zPeriod+5);
  int d = m==12 ? days_from_civil(y+1, 1, 1) : days_from_civil(y, m+1, 1);
  days_date(d-1, z);
}

/* The month before/after zPeriod by delta months into z[8]. */
static void period_add(const char *zPeriod, int delta, char z[8]){
  int n = atoi(zPeriod)*12 + atoi(zPeriod+5)-1 + delta;
  char zBuf[32];
  snprintf(zBuf, sizeof(zBuf), "%04d-%02d", n/12, n%12+1);
  memcpy(z, zBuf, 7);
  z[7] = 0;
}

/* See status.h. */
double status_expected(const char *zStart, const char *zDeadline, const char *zAsOf){
  int s = date_days(zStart), d = date_days(zDeadline), a = date_days(zAsOf);
  if( d<=s ) return a>=d ? 100.0 : 0.0;
  if( a<=s ) return 0.0;
  if( a>=d ) return 100.0;
  return 100.0 * (double)(a - s) / (double)(d - s);
}

/* See status.h.  A "<=" target (控制在…以内) is met while the value stays
** at or under it; over it, progress is target/value.  Other targets count
** value/target.  A zero target is met by any value >= 0. */
double status_target_progress(const StatusTarget *t, double v){
  double p;
  if( t->zCmp && strcmp(t->zCmp, "<=")==0 ){
    p = v<=t->value ? 100.0 : (v>0 ? 100.0 * t->value / v : 0.0);
  }else if( t->value<=0 ){
    p = v>=0 ? 100.0 : 0.0;
  }else{
    p = 100.0 * v / t->value;
  }
  if( !(p>=0) ) p = 0;
  if( p>100 ) p = 100;
  return p;
}

/* True when timestamp zTime (YYYY-MM-DD...) falls on or before day zAsOf. */
static int on_or_before(const char *zTime, const char *zAsOf){
  return zTime && zTime[0] && strncmp(zTime, zAsOf, 10)<=0;
}

/* The state report r had at the end of day zAsOf, or -1 when it had not
** been filed yet. */
static int state_as_of(const StatusReport *r, const char *zAsOf){
  if( !on_or_before(r->zFiled, zAsOf) ) return -1;
  if( r->state!=REPORT_SUBMITTED && on_or_before(r->zReviewed, zAsOf) ) return r->state;
  return REPORT_SUBMITTED;
}

/* True when report a is later than b: by period, then by review time. */
static int report_later(const StatusReport *a, const StatusReport *b){
  int c = strcmp(a->zPeriod, b->zPeriod);
  if( c ) return c>0;
  return strcmp(a->zReviewed, b->zReviewed)>0;
}

/* Actual progress from the reports accepted by zAsOf: the average over the
** targets of each target's latest accepted value (a target never reported
** counts 0), unless a percent report of the same or a later period exists,
** which then wins.  -1 when nothing was accepted. */
static double actual_progress(const StatusInput *p, const char *zAsOf){
  const StatusReport *pPct = 0;
  const StatusReport *aLatest[64];
  int nT = p->nTarget < 64 ? p->nTarget : 64;
  const StatusReport *pLastT = 0;
  memset(aLatest, 0, sizeof(aLatest));
  for(int i=0; i<p->nReport; i++){
    const StatusReport *r = &p->aReport[i];
    if( state_as_of(r, zAsOf)!=REPORT_ACCEPTED ) continue;
    if( r->iTarget<0 ){
      if( pPct==0 || report_later(r, pPct) ) pPct = r;
    }else if( r->iTarget<nT ){
      if( aLatest[r->iTarget]==0 || report_later(r, aLatest[r->iTarget]) ) aLatest[r->iTarget] = r;
      if( pLastT==0 || report_later(r, pLastT) ) pLastT = r;
    }
  }
  if( pPct && (pLastT==0 || strcmp(pPct->zPeriod, pLastT->zPeriod)>=0) ){
    double v = pPct->value;
    return v<0 ? 0 : v>100 ? 100 : v;
  }
  if( pLastT==0 ) return -1;
  double sum = 0;
  for(int k=0; k<nT; k++){
    if( aLatest[k] ) sum += status_target_progress(&p->aTarget[k], aLatest[k]->value);
  }
  return sum / nT;
}

/* The latest month whose report was due (strictly) before zAsOf and that
** lies inside the task's reporting time (from the month of publication to
** the deadline's month), into z[8]; 0 when there is none. */
static int latest_due_period(const StatusInput *p, const Settings *pSet,
                             const char *zAsOf, char z[8]){
  if( p->zPublished==0 || !on_or_before(p->zPublished, zAsOf) ) return 0;
  char zFirst[8], zLast[8], zCur[8], zEnd[11];
  memcpy(zFirst, p->zPublished, 7); zFirst[7] = 0;
  if( strncmp(p->zStart, zFirst, 7)>0 ){ memcpy(zFirst, p->zStart, 7); zFirst[7] = 0; }
  memcpy(zLast, p->zDeadline, 7); zLast[7] = 0;
  memcpy(zCur, zAsOf, 7); zCur[7] = 0;
  if( strcmp(zCur, zLast)<0 ) memcpy(zLast, zCur, 8);
  int asof = date_days(zAsOf);
  for(int i=0; i<3 && strcmp(zLast, zFirst)>=0; i++){
    period_last_day(zLast, zEnd);
    if( date_days(zEnd) + pSet->reportDueDays < asof ){
      memcpy(z, zLast, 8);
      return 1;
    }
    period_add(zLast, -1, zLast);
  }
  return 0;
}

/* Whether the report of period zPeriod was filed by the end of zAsOf:
** *pFiled when some report of the period stands (submitted or accepted);
** *pReturned when the latest report of the period on some target (or the
** percent) was returned and nothing came after it, with the day of that
** return into zReturnedAt[11] (the latest such return). */
static void period_state(const StatusInput *p, const char *zPeriod, const char *zAsOf,
                         int *pFiled, int *pReturned, char zReturnedAt[11]){
  *pFiled = *pReturned = 0;
  zReturnedAt[0] = 0;
  for(int i=0; i<p->nReport; i++){
    const StatusReport *r = &p->aReport[i];
    if( strcmp(r->zPeriod, zPeriod)!=0 ) continue;
    int st = state_as_of(r, zAsOf);
    if( st==REPORT_SUBMITTED || st==REPORT_ACCEPTED ) *pFiled = 1;
    if( st!=REPORT_RETURNED ) continue;
    int replaced = 0;
    for(int j=0; j<p->nReport && !replaced; j++){
      const StatusReport *q = &p->aReport[j];
      replaced = j!=i && q->iTarget==r->iTarget && strcmp(q->zPeriod, zPeriod)==0
              && state_as_of(q, zAsOf)>=0 && strcmp(q->zFiled, r->zFiled)>=0
              && state_as_of(q, zAsOf)!=REPORT_RETURNED;
    }
    if( !replaced ){
      *pReturned = 1;
      if( strncmp(r->zReviewed, zReturnedAt, 10)>0 ) snprintf(zReturnedAt, 11, "%.10s", r->zReviewed);
    }
  }
}

/* The day the report of zPeriod is due into z[11]. */
static void period_due(const char *zPeriod, const Settings *pSet, char z[11]){
  period_last_day(zPeriod, z);
  days_date(date_days(z) + pSet->reportDueDays, z);
}

/* Fill o->zNext/zNextDue (the earliest report of the task's reporting time
** due on or after zAsOf and not filed yet) and o->zReturned/zReturnedAt
** (the earliest period with a return not answered) for the reminders. */
static void open_reports(const StatusInput *p, const Settings *pSet, const char *zAsOf, Status *o){
  int filed, returned;
  char zAt[11];
  /* returns not answered, whatever their period */
  for(int i=0; i<p->nReport; i++){
    const StatusReport *r = &p->aReport[i];
    if( state_as_of(r, zAsOf)!=REPORT_RETURNED ) continue;
    if( o->zReturned[0] && strcmp(r->zPeriod, o->zReturned)>=0 ) continue;
    period_state(p, r->zPeriod, zAsOf, &filed, &returned, zAt);
    if( returned ){
      memcpy(o->zReturned, r->zPeriod, 8);
      memcpy(o->zReturnedAt, zAt, 11);
    }
  }
  /* the next report due */
  if( p->zPublished==0 || !on_or_before(p->zPublished, zAsOf) ) return;
  char zP[8], zLast[8], zDue[11];
  memcpy(zP, p->zPublished, 7); zP[7] = 0;
  if( strncmp(p->zStart, zP, 7)>0 ){ memcpy(zP, p->zStart, 7); zP[7] = 0; }
  memcpy(zLast, p->zDeadline, 7); zLast[7] = 0;
  int asof = date_days(zAsOf);
  for(int i=0; i<600 && strcmp(zP, zLast)<=0; i++, period_add(zP, 1, zP)){
    period_due(zP, pSet, zDue);
    if( date_days(zDue) < asof ) continue;
    period_state(p, zP, zAsOf, &filed, &returned, zAt);
    if( filed && !returned ) continue;
    memcpy(o->zNext, zP, 8);
    memcpy(o->zNextDue, zDue, 11);
    return;
  }
}

/* Format a percent for the reasons: whole numbers, "42%". */
static void pct(char z[16], double v){
  snprintf(z, 16, "%.0f%%", floor(v + 0.5));
}

/* See status.h. */
void status_compute(const StatusInput *p, const Settings *pSet,
                    const char *zAsOf, Status *o){
  char zA[16], zE[16];
  memset(o, 0, sizeof(*o));
  o->expected = status_expected(p->zStart, p->zDeadline, zAsOf);
  o->actual = actual_progress(p, zAsOf);
  double a = o->actual<0 ? 0 : o->actual;
  pct(zA, a);
  pct(zE, o->expected);

  if( on_or_before(p->zClosed, zAsOf) ){
    o->colour = COLOUR_DONE;
    o->zCode = "done";
    snprintf(o->zReason, sizeof(o->zReason), "已于%.10s销号", p->zClosed);
    snprintf(o->zReasonEn, sizeof(o->zReasonEn), "closed on %.10s", p->zClosed);
    return;
  }

  /* The report of the latest due period: filed, returned or missing. */
  char zDue[8], zDueDate[11] = "";
  int late = 0;    /* 1 missing, 2 returned and not filed again */
  int due = latest_due_period(p, pSet, zAsOf, zDue);
  if( due ){
    int filed, returned;
    char zAt[11];
    period_state(p, zDue, zAsOf, &filed, &returned, zAt);
    if( !filed || returned ){
      late = returned ? 2 : 1;
      memcpy(o->zLate, zDue, 8);
      period_due(zDue, pSet, zDueDate);
      o->late = late;
      memcpy(o->zLateDue, zDueDate, 11);
    }
  }
  open_reports(p, pSet, zAsOf, o);

  double behind = o->expected - a;
  if( date_days(zAsOf) > date_days(p->zDeadline) ){
    o->colour = COLOUR_RED;
    o->zCode = "overdue";
    snprintf(o->zReason, sizeof(o->zReason), "已超过完成时限%s，尚未销号（实际进度%s）",
             p->zDeadline, zA);
    snprintf(o->zReasonEn, sizeof(o->zReasonEn), "deadline %s passed (%s done)",
             p->zDeadline, zA);
  }else if( o->actual<0 && !due ){
    /* No report was due yet: nothing to judge the progress by. */
    o->colour = COLOUR_GREEN;
    o->zCode = "on_track";
    snprintf(o->zReason, sizeof(o->zReason), "尚无进展报告（首次报送期未到），序时进度%s（截至%s）", zE, zAsOf);
    snprintf(o->zReasonEn, sizeof(o->zReasonEn), "no report due yet; %s expected by %s", zE, zAsOf);
  }else if( behind > pSet->redGap || behind > pSet->yellowGap ){
    int red = behind > pSet->redGap;
    o->colour = red ? COLOUR_RED : COLOUR_YELLOW;
    o->zCode = red ? "far_behind" : "behind";
    snprintf(o->zReason, sizeof(o->zReason), "%s%s，序时进度%s（截至%s），落后%.0f个百分点",
             o->actual<0 ? "尚无已审核进展，实际进度" : "实际进度", zA, zE, zAsOf, floor(behind+0.5));
    snprintf(o->zReasonEn, sizeof(o->zReasonEn), "%s%s vs %s expected by %s",
             o->actual<0 ? "no accepted report: " : "", zA, zE, zAsOf);
  }else if( late ){
    o->colour = COLOUR_YELLOW;
    o->zCode = late==2 ? "report_returned" : "report_late";
  }else{
    o->colour = COLOUR_GREEN;
    o->zCode = "on_track";
    snprintf(o->zReason, sizeof(o->zReason), "%s%s，序时进度%s（截至%s）",
             o->actual<0 ? "尚无已审核进展，实际进度" : "实际进度", zA, zE, zAsOf);
    snprintf(o->zReasonEn, sizeof(o->zReasonEn), "%s%s vs %s expected by %s",
             o->actual<0 ? "no accepted report: " : "", zA, zE, zAsOf);
  }
  if( late ){
    /* Late reports lead the reason when they are the cause, else follow it. */
    char zCn[128], zEn[128];
    if( late==2 ){
      snprintf(zCn, sizeof(zCn), "%s期进展被退回，尚未重新报送（应于%s前报送）", zDue, zDueDate);
      snprintf(zEn, sizeof(zEn), "report for %s returned and not filed again (due %s)", zDue, zDueDate);
    }else{
      snprintf(zCn, sizeof(zCn), "%s期进展未报送（应于%s前报送）", zDue, zDueDate);
      snprintf(zEn, sizeof(zEn), "report for %s not filed (due %s)", zDue, zDueDate);
    }
    if( o->zReason[0]==0 ){
      snprintf(o->zReason, sizeof(o->zReason), "%s；实际进度%s，序时进度%s（截至%s）", zCn, zA, zE, zAsOf);
      snprintf(o->zReasonEn, sizeof(o->zReasonEn), "%s; %s vs %s expected by %s", zEn, zA, zE, zAsOf);
    }else{
      size_t n = strlen(o->zReason);
      snprintf(o->zReason+n, sizeof(o->zReason)-n, "；%s", zCn);
      n = strlen(o->zReasonEn);
      snprintf(o->zReasonEn+n, sizeof(o->zReasonEn)-n, "; %s", zEn);
    }
  }
}

static const char *const azColour[] = {"green", "yellow", "red", "done"};
static const char *const azColourCn[] = {"绿", "黄", "红", "已销号"};

/* See status.h. */
const char *colour_name(Colour c){
  return (unsigned)c < N_COLOUR ? azColour[c] : "?";
}

/* See status.h. */
const char *colour_label(Colour c){
  return (unsigned)c < N_COLOUR ? azColourCn[c] : "?";
}

/* See status.h. */
int colour_parse(const char *z){
  for(int i=0; i<N_COLOUR; i++) if( strcmp(z, azColour[i])==0 ) return i;
  return -1;
}
