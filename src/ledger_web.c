/*
** ledger_web.c -- the ledger functions the web server needs beyond
** ledger.h (see ledger_web.h).
*/
#include "ledger_int.h"
#include "ledger_web.h"
#include "buf.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* See ledger_web.h. */
int ledger_generation(Ledger *p, long long *pGen, Err *e){
  char zHash[65];
  return store_audit_head(p->s, pGen, zHash, e);
}

static int int_cmp(const void *a, const void *b){
  int x = *(const int*)a, y = *(const int*)b;
  return x<y ? -1 : x>y;
}

/* See ledger_web.h. */
int ledger_task_search(Ledger *p, int planId, const char *zQuery, int **paId, int *pn, Err *e){
  Plan pl;
  int *aAll = 0, nAll = -1;
  *paId = 0;
  *pn = 0;
  if( zQuery==0 ) zQuery = "";
  if( strlen(zQuery)>200 ) return err_set(e, ERR_INPUT, "the search is too long (at most 200 bytes)");
  if( ledger_plan_get(p, planId, &pl, e) ) return -1;
  int id = pl.id;
  plan_clear(&pl);
  /* split at ASCII white space and the ideographic space U+3000 */
  char *zCopy = xstrdup(zQuery);
  int nWord = 0, rc = 0;
  char *z = zCopy;
  while( *z && rc==0 ){
    while( *z==' ' || *z=='\t' || strncmp(z, "\xe3\x80\x80", 3)==0 ) z += (*z==' ' || *z=='\t') ? 1 : 3;
    if( *z==0 ) break;
    char *zWord = z;
    while( *z && *z!=' ' && *z!='\t' && strncmp(z, "\xe3\x80\x80", 3)!=0 ) z++;
    char cSave = *z;
    *z = 0;
    if( ++nWord>8 ){ *z = cSave; break; }
    int *a, n;
    rc = store_task_search(p->s, id, zWord, &a, &n, e);
    *z = cSave;
    if( rc ) break;
    if( n>1 ) qsort(a, (size_t)n, sizeof(int), int_cmp);
    if( nAll<0 ){
      aAll = a;
      nAll = n;
    }else{
      int k = 0, j = 0;
      for(int i=0; i<nAll; i++){
        while( j<n && a[j]<aAll[i] ) j++;
        if( j<n && a[j]==aAll[i] ) aAll[k++] = aAll[i];
      }
      nAll = k;
      free(a);
    }
  }
  free(zCopy);
  if( rc ){
    free(aAll);
    return -1;
  }
  *paId = aAll;
  *pn = nAll<0 ? 0 : nAll;
  return 0;
}

/* See ledger_web.h. */
void evidence_clear(Evidence *v){
  free(v->zName);
  memset(v, 0, sizeof(*v));
}

/* See ledger_web.h. */
int ledger_evidence_get(Ledger *p, int id, Evidence *v, void **pa, size_t *pn, Err *e){
  Err e2 = {0};
  if( store_evidence_data(p->s, id, v, pa, pn, &e2) ){
    if( e2.code==ERR_NOTFOUND ) return err_set(e, ERR_NOTFOUND, "unknown evidence %d", id);
    *e = e2;
    return -1;
  }
  Report r;
  Task t;
  Plan pl;
  int shown = 0;
  memset(&r, 0, sizeof(r));
  memset(&t, 0, sizeof(t));
  memset(&pl, 0, sizeof(pl));
  if( ledger_report_get(p, v->reportId, &r, e)==0 && ledger_task_get(p, r.taskId, &t, e)==0
   && ledger_plan_get(p, t.planId, &pl, e)==0 ){
    shown = ledger_report_shown(p, &t, strcmp(pl.zState, "published")==0, &r);
  }
  report_clear(&r);
  task_clear(&t);
  plan_clear(&pl);
  if( !shown ){
    evidence_clear(v);
    free(*pa);
    *pa = 0;
    *pn = 0;
    if( e->code!=ERR_INTERNAL ) err_set(e, ERR_NOTFOUND, "unknown evidence %d", id);
    return -1;
  }
  return 0;
}

/* Kinds of evidence file. */
#define EV_IMAGE  1
#define EV_PDF    2
#define EV_OFFICE 3

typedef struct EvKind EvKind;
struct EvKind {
  const char *zExt;    /* lower case, without the dot */
  int kind;
  const char *zType;   /* content type to serve it with */
};
static const EvKind aEvKind[] = {
  {"jpg",  EV_IMAGE, "image/jpeg"},
  {"jpeg", EV_IMAGE, "image/jpeg"},
  {"png",  EV_IMAGE, "image/png"},
  {"gif",  EV_IMAGE, "image/gif"},
  {"webp", EV_IMAGE, "image/webp"},
  {"pdf",  EV_PDF,   "application/pdf"},
  {"doc",  EV_OFFICE, "application/msword"},
  {"docx", EV_OFFICE, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
  {"xls",  EV_OFFICE, "application/vnd.ms-excel"},
  {"xlsx", EV_OFFICE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
  {"ppt",  EV_OFFICE, "application/vnd.ms-powerpoint"},
  {"pptx", EV_OFFICE, "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
  {"odt",  EV_OFFICE, "application/vnd.oasis.opendocument.text"},
  {"ods",  EV_OFFICE, "application/vnd.oasis.opendocument.spreadsheet"},
  {"odp",  EV_OFFICE, "application/vnd.oasis.opendocument.presentation"},
  {"wps",  EV_OFFICE, "application/octet-stream"},
  {"et",   EV_OFFICE, "application/octet-stream"},
  {"dps",  EV_OFFICE, "application/octet-stream"},
};
#define N_EVKIND ((int)(sizeof(aEvKind)/sizeof(aEvKind[0])))

/* The kind of a file by the extension of its name, or NULL. */
static const EvKind *ev_kind(const char *zName){
  const char *zDot = zName ? strrchr(zName, '.') : 0;
  if( zDot==0 ) return 0;
  for(int i=0; i<N_EVKIND; i++) if( strcasecmp(zDot+1, aEvKind[i].zExt)==0 ) return &aEvKind[i];
  return 0;
}

/* True when the n bytes a begin with the m bytes z. */
static int starts(const void *a, size_t n, const char *z, size_t m){
  return n>=m && memcmp(a, z, m)==0;
}

/* See ledger_web.h. */
int evidence_check(const char *zName, const void *a, size_t n, Err *e){
  const EvKind *k = ev_kind(zName);
  if( k==0 ){
    return err_set(e, ERR_INPUT, "%s: not an accepted kind of evidence (images, PDF, Word, Excel, PowerPoint, WPS)",
                   zName ? zName : "");
  }
  int ok = 0;
  const unsigned char *u = a;
  switch( k->kind ){
    case EV_IMAGE:
      ok = starts(a, n, "\xff\xd8\xff", 3) || starts(a, n, "\x89PNG\r\n\x1a\n", 8)
        || starts(a, n, "GIF87a", 6) || starts(a, n, "GIF89a", 6)
        || (n>=12 && starts(a, n, "RIFF", 4) && memcmp(u+8, "WEBP", 4)==0);
      break;
    case EV_PDF:
      ok = starts(a, n, "%PDF-", 5);
      break;
    case EV_OFFICE:
      ok = starts(a, n, "PK\x03\x04", 4) || starts(a, n, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8);
      break;
  }
  if( !ok ) return err_set(e, ERR_INPUT, "%s: its content is not a .%s file", zName, k->zExt);
  return 0;
}

/* See ledger_web.h. */
const char *evidence_content_type(const char *zName, int *pbInline){
  const EvKind *k = ev_kind(zName);
  *pbInline = k && k->kind==EV_IMAGE;
  return k ? k->zType : "application/octet-stream";
}

/* See ledger_web.h. */
char *evidence_safe_name(const char *zName){
  const char *z = zName ? zName : "";
  const char *zSlash = strrchr(z, '/');
  if( zSlash ) z = zSlash+1;
  zSlash = strrchr(z, '\\');
  if( zSlash ) z = zSlash+1;
  Buf b = BUF_INIT;
  size_t n = strlen(z);
  while( n>0 ){
    unsigned cp;
    int k = utf8_decode((const unsigned char*)z, n, &cp);
    if( k<=0 ){ z++; n--; continue; }
    if( cp>=0x20 && cp!=0x7f && !(cp>=0x80 && cp<0xa0) && cp!=0x202e && cp!=0x202d
     && !(b.n==0 && (cp=='.' || cp==' ')) ){
      buf_append(&b, z, (size_t)k);
    }
    z += k;
    n -= (size_t)k;
  }
  char *zOut = buf_detach(&b);
  size_t len = strlen(zOut);
  if( len>120 ){
    const char *zDot = strrchr(zOut, '.');
    size_t nExt = zDot && strlen(zDot)<=10 ? strlen(zDot) : 0;
    size_t cut = 120 - nExt;
    while( cut>0 && ((unsigned char)zOut[cut] & 0xC0)==0x80 ) cut--;
    char *zNew = xprintf("%.*s%s", (int)cut, zOut, nExt ? zDot : "");
    free(zOut);
    zOut = zNew;
  }
  if( zOut[0]==0 ){
    free(zOut);
    zOut = xstrdup("file");
  }
  return zOut;
}

/* See ledger_web.h. */
int ledger_report_shown(Ledger *p, const Task *t, int published, const Report *r){
  if( r->state==REPORT_ACCEPTED ) return 1;
  AuthObject o = auth_task(t, published);
  return auth_can(&p->user, ACT_SUPERVISE, 0) || auth_can(&p->user, ACT_REVIEW, 0)
      || auth_can(&p->user, ACT_REPORT, &o);
}

/* The month after zPeriod into z[8] (may be the same buffer). */
static void month_next(const char *zPeriod, char z[8]){
  int y = atoi(zPeriod), m = atoi(zPeriod+5) + 1;
  if( m>12 ){ m = 1; y++; }
  if( y<0 || y>9999 || m<1 ) y = 9999, m = 12;
  snprintf(z, 8, "%04d-%02d", y % 10000, m % 100);
}

/* See ledger_web.h. */
void ledger_task_periods(Ledger *p, const Plan *pl, const Task *t, const Report *aRep,
                         int nRep, PeriodState **pa, int *pn){
  PeriodState *a = 0;
  int n = 0, nAlloc = 0;
  *pa = 0;
  *pn = 0;
  if( pl->zPublishedAt[0]==0 ) return;
  char zFirst[8], zLast[8], zCur[8], zDl[8];
  snprintf(zFirst, sizeof(zFirst), "%.7s", pl->zPublishedAt);
  char zYear[8];
  snprintf(zYear, sizeof(zYear), "%04d-01", pl->year);
  if( strcmp(zFirst, zYear)<0 ) memcpy(zFirst, zYear, 8);
  snprintf(zLast, sizeof(zLast), "%04d-12", pl->year);
  snprintf(zDl, sizeof(zDl), "%.7s", t->zDeadline);
  if( strcmp(zDl, zLast)>0 ) memcpy(zLast, zDl, 8);
  snprintf(zCur, sizeof(zCur), "%.7s", today());
  if( strcmp(zCur, zLast)<0 ) memcpy(zLast, zCur, 8);
  char zP[8];
  for(memcpy(zP, zFirst, 8); strcmp(zP, zLast)<=0 && n<240; month_next(zP, zP)){
    PeriodState *s = ARRAY_PUSH(a, n, nAlloc);
    memcpy(s->zPeriod, zP, 8);
    period_last_day(zP, s->zDue);
    days_date(date_days(s->zDue) + p->set.reportDueDays, s->zDue);
    s->state = -1;
    for(int i=0; i<nRep; i++){
      if( strcmp(aRep[i].zPeriod, zP)==0 && aRep[i].id > s->reportId ){
        s->reportId = aRep[i].id;
        s->state = aRep[i].state;
      }
    }
  }
  *pa = a;
  *pn = n;
}

/* See ledger_web.h. */
void period_default(const PeriodState *a, int n, char z[8]){
  char zCur[8];
  snprintf(zCur, sizeof(zCur), "%.7s", today());
  z[0] = 0;
  for(int i=0; i<n; i++){
    int open = a[i].state<0 || a[i].state==REPORT_RETURNED;
    if( open && strcmp(a[i].zPeriod, zCur)<0 ){ memcpy(z, a[i].zPeriod, 8); return; }
  }
  if( n>0 && (a[n-1].state<0 || a[n-1].state==REPORT_RETURNED) ) memcpy(z, a[n-1].zPeriod, 8);
}

/* See ledger_web.h. */
void unit_rank_free(UnitRank *a, int n){
  for(int i=0; i<n; i++) free(a[i].zName);
  free(a);
}

static int rank_cmp(const void *pa, const void *pb){
  const UnitRank *a = pa, *b = pb;
  if( a->onTime!=b->onTime ) return a->onTime > b->onTime ? -1 : 1;
  if( a->green!=b->green ) return a->green > b->green ? -1 : 1;
  if( a->nTask!=b->nTask ) return b->nTask - a->nTask;
  return strcmp(a->zName, b->zName);
}

/* See ledger_web.h. */
int ledger_unit_ranking(Ledger *p, UnitRank **pa, int *pn, Err *e){
  PlanStatus ps;
  Report *aRep = 0;
  int nRep = 0;
  UnitRank *a = 0;
  int n = 0, nAlloc = 0;
  *pa = 0;
  *pn = 0;
  if( ledger_status(p, 0, 0, &ps, e) ) return -1;
  if( ledger_report_list(p, 0, &aRep, &nRep, e) ){
    plan_status_free(&ps);
    return -1;
  }
  int asof = date_days(today());
  for(int i=0; i<ps.nTask; i++){
    const Task *t = &ps.aTask[i];
    if( strcmp(t->zState, "draft")==0 || strcmp(t->zState, "dropped")==0 ) continue;
    UnitRank *u = 0;
    for(int k=0; k<n && u==0; k++) if( a[k].unitId==t->leadId ) u = &a[k];
    if( u==0 ){
      u = ARRAY_PUSH(a, n, nAlloc);
      u->unitId = t->leadId;
      u->zName = xstrdup(t->zLead ? t->zLead : "未分配");
    }
    u->nTask++;
    u->n[t->status.colour]++;
    /* the months whose report was due by today */
    PeriodState *aP;
    int nP;
    ledger_task_periods(p, &ps.plan, t, 0, 0, &aP, &nP);
    for(int j=0; j<nP; j++){
      if( date_days(aP[j].zDue) >= asof ) continue;
      if( t->zClosedAt[0] && strncmp(aP[j].zPeriod, t->zClosedAt, 7)>0 ) continue;
      u->nDue++;
      const char *zFirst = 0;
      for(int r=0; r<nRep; r++){
        if( aRep[r].taskId!=t->id || strcmp(aRep[r].zPeriod, aP[j].zPeriod)!=0 ) continue;
        if( zFirst==0 || strcmp(aRep[r].zCreatedAt, zFirst)<0 ) zFirst = aRep[r].zCreatedAt;
      }
      if( zFirst && strncmp(zFirst, aP[j].zDue, 10)<=0 ) u->nOnTime++;
      else if( zFirst ) u->nLate++;
    }
    free(aP);
  }
  for(int k=0; k<n; k++){
    a[k].onTime = a[k].nDue ? (double)a[k].nOnTime / a[k].nDue : 1.0;
    a[k].green = a[k].nTask ? (double)(a[k].n[COLOUR_GREEN] + a[k].n[COLOUR_DONE]) / a[k].nTask : 0;
  }
  if( n>1 ) qsort(a, (size_t)n, sizeof(UnitRank), rank_cmp);
  report_list_free(aRep, nRep);
  plan_status_free(&ps);
  *pa = a;
  *pn = n;
  return 0;
}
