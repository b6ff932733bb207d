/*
** bench_gen.c -- `luoshi bench-gen`: a generated ledger for bench/ledger.sh.
**
**   luoshi bench-gen report --tasks N --out PREFIX
**       writes PREFIX.txt, a made-up report whose plan part has N tasks
**       (10 sections x 10 measures x N/100 sentences, two targets each),
**       and PREFIX.json, its extraction (contract JSON), so that
**       `luoshi import PREFIX.txt --extraction PREFIX.json` measures the
**       import itself.
**   luoshi bench-gen reports --months M --durable D [--db FILE] --as admin
**       files one report per target and month 1..M on every task of the
**       latest plan and accepts it, through ledger.h: the first D reports
**       each in its own transaction (the durable rate, printed), the rest in
**       one transaction.
*/
#include "extract.h"
#include "ledger.h"
#include "store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Seconds on a monotonic clock. */
static double now_s(void){
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec/1e9;
}

/* Append z to the text b and return its span in code points (*pnCp is the
** running count). */
static XSpan put_span(Buf *b, int *pnCp, const char *z){
  XSpan s;
  s.iStart = *pnCp;
  buf_puts(b, z);
  *pnCp += (int)utf8_count(z, strlen(z));
  s.iEnd = *pnCp;
  return s;
}

/* Words that point at different units, so that assignment has work. */
static const char *const azTopic[] = {
  "老旧小区改造", "农村公路建设", "中小学校舍改造", "城镇新增就业", "养老服务设施",
  "高标准农田建设", "村卫生室改造", "安全生产隐患整治", "重点项目建设", "河道综合治理",
};

/* Write PREFIX.txt and PREFIX.json with nTask tasks. */
static int gen_report(int nTask, const char *zPrefix, Err *e){
  Extraction x;
  Buf b = BUF_INIT;
  int nCp = 0;
  memset(&x, 0, sizeof(x));
  put_span(&b, &nCp, "某区2026年政府工作报告（基准测试用）\n\n");
  XNode *pPart = ARRAY_PUSH(x.aNode, x.nNode, x.nNodeAlloc);
  pPart->iParent = -1;
  pPart->level = 0;
  pPart->partKind = PART_PLAN;
  pPart->zLabel = xstrdup("");
  pPart->zTitle = xstrdup("2026年工作安排");
  pPart->span = put_span(&b, &nCp, "2026年工作安排");
  put_span(&b, &nCp, "\n");
  int perMeasure = nTask/100 > 0 ? nTask/100 : 1;
  int iTask = 0;
  for(int s=1; s<=10 && iTask<nTask; s++){
    int iSec = x.nNode;
    XNode *pSec = ARRAY_PUSH(x.aNode, x.nNode, x.nNodeAlloc);
    pSec->iParent = 0;
    pSec->level = 2;
    pSec->partKind = PART_PLAN;
    pSec->zLabel = xprintf("（%d）", s);
    pSec->zTitle = xprintf("第%d方面重点工作", s);
    char *z = xprintf("%s%s", pSec->zLabel, pSec->zTitle);
    pSec->span = put_span(&b, &nCp, z);
    free(z);
    put_span(&b, &nCp, "\n");
    for(int m=1; m<=10 && iTask<nTask; m++){
      int iMeas = x.nNode;
      XNode *pM = ARRAY_PUSH(x.aNode, x.nNode, x.nNodeAlloc);
      pM->iParent = iSec;
      pM->level = 4;
      pM->partKind = PART_PLAN;
      pM->zLabel = xprintf("%d.", m);
      pM->zTitle = xprintf("第%d项举措", m);
      z = xprintf("%s%s。", pM->zLabel, pM->zTitle);
      pM->span = put_span(&b, &nCp, z);
      pM->span.iEnd--;
      free(z);
      int n = (s==10 && m==10) ? nTask - iTask : perMeasure;
      for(int k=0; k<n && iTask<nTask; k++, iTask++){
        const char *zTopic = azTopic[iTask % 10];
        XTask *t = ARRAY_PUSH(x.aTask, x.nTask, x.nTaskAlloc);
        t->iNode = iMeas;
        int v1 = 10 + iTask % 90, v2 = 100 + iTask % 900;
        char *z1 = xprintf("%d个", v1), *z2 = xprintf("%d万元", v2);
        int iStart = nCp;
        put_span(&b, &nCp, "推进第");
        char *zNo = xprintf("%d", iTask+1);
        put_span(&b, &nCp, zNo);
        free(zNo);
        put_span(&b, &nCp, "项");
        put_span(&b, &nCp, zTopic);
        put_span(&b, &nCp, "，完成");
        XSpan s1 = put_span(&b, &nCp, z1);
        put_span(&b, &nCp, "点位建设，投入资金");
        XSpan s2 = put_span(&b, &nCp, z2);
        put_span(&b, &nCp, "。");
        t->span.iStart = iStart;
        t->span.iEnd = nCp;
        t->zText = xprintf("推进第%d项%s，完成%s点位建设，投入资金%s。", iTask+1, zTopic, z1, z2);
        XTarget *g = ARRAY_PUSH(t->aTarget, t->nTarget, t->nTargetAlloc);
        g->span = s1; g->zText = z1; g->zSubject = xstrdup("点位建设");
        g->value = g->valueMax = v1; g->zUnit = xstrdup("个"); g->zCmp = "="; g->zStrength = "must";
        g = ARRAY_PUSH(t->aTarget, t->nTarget, t->nTargetAlloc);
        g->span = s2; g->zText = z2; g->zSubject = xstrdup("投入资金");
        g->value = g->valueMax = v2 * 10000.0; g->zUnit = xstrdup("元"); g->zCmp = ">="; g->zStrength = "plain";
        memcpy(t->deadline.zDate, "2026-12-31", 11);
      }
      put_span(&b, &nCp, "\n");
    }
  }
  char *zTxt = xprintf("%s.txt", zPrefix), *zJson = xprintf("%s.json", zPrefix);
  x.zName = xstrdup(zTxt);
  sha256_hex(b.a, b.n, x.zSha256);
  x.zEncoding = "UTF-8";
  x.zFormat = "txt";
  x.nChars = nCp;
  x.year = 2026;
  x.zYearFrom = "option";
  int rc = 0;
  FILE *f = fopen(zTxt, "wb");
  if( f==0 || fwrite(b.a, 1, b.n, f)!=b.n ) rc = err_set(e, ERR_INPUT, "%s: cannot write", zTxt);
  if( f ) fclose(f);
  if( rc==0 ){
    char *zX = extraction_json(&x, 0);
    f = fopen(zJson, "wb");
    if( f==0 || fputs(zX, f)<0 ) rc = err_set(e, ERR_INPUT, "%s: cannot write", zJson);
    if( f ) fclose(f);
    free(zX);
  }
  if( rc==0 ) printf("wrote %s (%zu bytes, %d tasks) and %s\n", zTxt, b.n, x.nTask, zJson);
  free(zTxt);
  free(zJson);
  buf_free(&b);
  extraction_free(&x);
  return rc;
}

/* The k-th (target, month) report of the plan's tasks a[0..n): fills the
** arguments and returns 1, or 0 past the end.  Months 1..nMonth, then tasks,
** then targets. */
static int nth_report(Task *a, int n, int nMonth, long k, ReportArgs *r, char *zPeriod,
                      char *zTarget, char *zValue){
  static const char zNote[] = "本月按计划推进，完成阶段性任务";
  long i = 0;
  for(int m=1; m<=nMonth; m++){
    for(int t=0; t<n; t++){
      if( k >= i + a[t].nTarget ){ i += a[t].nTarget; continue; }
      const Target *g = &a[t].aTarget[k - i];
      snprintf(zPeriod, 16, "2026-%02d", m % 100);
      snprintf(zTarget, 16, "%d", g->id);
      snprintf(zValue, 32, "%.0f", g->value * m / 12.0);
      ReportArgs x = {a[t].id, zPeriod, zValue, zTarget, 0, zNote, 0, 0};
      *r = x;
      return 1;
    }
  }
  return 0;
}

/* File and accept reports on every task of the latest plan: the first
** nDurable are filed each in its own transaction (timed), then accepted
** each in its own transaction (timed); the rest are filed and accepted in
** one transaction. */
static int gen_reports(Ledger *L, int nMonth, int nDurable, Err *e){
  TaskFilter f = {0, 0, 0, -1, 0};
  Task *a;
  int n, rc = 0;
  if( ledger_task_list(L, &f, &a, &n, e) ) return -1;
  Store *s = ledger_store(L);
  int *aId = xmalloc(sizeof(int)*(size_t)(nDurable+1));
  ReportArgs r;
  char zPeriod[16], zTarget[16], zValue[32];
  long k = 0;
  double t0 = now_s();
  for(; k<nDurable && rc==0 && nth_report(a, n, nMonth, k, &r, zPeriod, zTarget, zValue); k++){
    rc = ledger_report_submit(L, &r, &aId[k], e);
  }
  double tFile = now_s() - t0;
  int nD = (int)k;
  t0 = now_s();
  for(int i=0; i<nD && rc==0; i++) rc = ledger_report_review(L, aId[i], 1, 0, e);
  double tReview = now_s() - t0;
  if( rc==0 && nD>0 ){
    printf("durable (synchronous=FULL, one transaction each): %d reports filed in %.2f s = %.0f reports/s;"
           " accepted in %.2f s = %.0f reviews/s\n", nD, tFile, nD/tFile, tReview, nD/tReview);
  }
  t0 = now_s();
  long nBulk = 0;
  if( rc==0 && store_begin(s, e)==0 ){
    for(; rc==0 && nth_report(a, n, nMonth, k, &r, zPeriod, zTarget, zValue); k++, nBulk++){
      int id;
      rc = ledger_report_submit(L, &r, &id, e) || ledger_report_review(L, id, 1, 0, e);
    }
    if( rc==0 ) rc = store_commit(s, e);
    else store_rollback(s);
    double tBulk = now_s() - t0;
    if( rc==0 && nBulk>0 ){
      printf("bulk (one transaction): %ld more reports filed and accepted in %.2f s = %.0f reports/s\n",
             nBulk, tBulk, nBulk/tBulk);
    }
  }
  free(aId);
  task_list_free(a, n);
  return rc;
}

/*
** COMMAND: bench-gen
** Usage: luoshi bench-gen report --tasks N --out PREFIX | reports --months M --durable D
**
** Generate a ledger for benchmarks (bench/ledger.sh): a made-up report
** with N tasks and its extraction, or M months of reports on every task
** of the latest plan, filed and accepted (the first D each in its own
** transaction, timed).
*/
int cmd_bench_gen(int argc, char **argv){
  const char *zDb = find_option(&argc, argv, "--db", 1);
  const char *zAs = find_option(&argc, argv, "--as", 1);
  const char *zTasks = find_option(&argc, argv, "--tasks", 1);
  const char *zOut = find_option(&argc, argv, "--out", 1);
  const char *zMonths = find_option(&argc, argv, "--months", 1);
  const char *zDurable = find_option(&argc, argv, "--durable", 1);
  Err e = {0};
  if( verify_all_options(argc, argv, &e) || argc!=2 ){
    fprintf(stderr, "Usage: luoshi bench-gen report --tasks N --out PREFIX | reports --months M --durable D\n");
    return 2;
  }
  if( zDb==0 ) zDb = getenv("LUOSHI_DB");
  if( zDb==0 ) zDb = "luoshi.db";
  if( zAs==0 ) zAs = getenv("LUOSHI_USER");
  int rc;
  if( strcmp(argv[1], "report")==0 ){
    rc = gen_report(zTasks ? atoi(zTasks) : 5000, zOut ? zOut : "bench", &e);
  }else if( strcmp(argv[1], "reports")==0 ){
    Ledger *L;
    if( ledger_open(zDb, &L, &e) ) return fprintf(stderr, "luoshi: %s\n", e.zMsg), 1;
    rc = ledger_act_as(L, zAs, &e)
      || gen_reports(L, zMonths ? atoi(zMonths) : 10, zDurable ? atoi(zDurable) : 1000, &e);
    ledger_close(L);
  }else{
    fprintf(stderr, "luoshi: bench-gen: want report or reports\n");
    return 2;
  }
  if( rc ) fprintf(stderr, "luoshi: %s\n", e.zMsg);
  return rc ? 1 : 0;
}
