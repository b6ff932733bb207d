/*
** extract.c -- runs the extraction pipeline (see extract.h) and implements
** `luoshi extract`.
*/
#include "extract.h"
#include "source.h"
#include "xtext.h"
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* See extract.h. */
int extract_bytes(const char *zName, const unsigned char *a, size_t n,
                  int year, Extraction *p, Err *e){
  Buf text = BUF_INIT;
  memset(p, 0, sizeof(*p));
  if( source_to_text(zName, a, n, &text, &p->zFormat, &p->zEncoding, e) ){
    buf_free(&text);
    return -1;
  }
  p->zName = xstrdup(zName);
  sha256_hex(a, n, p->zSha256);
  p->nSource = text.n;
  p->zSource = buf_detach(&text);
  return extract_text(p, year, e);
}

/* See extract.h: clean the text, find the outline, settle the plan year,
** then the tasks with their targets and deadlines. */
int extract_text(Extraction *p, int year, Err *e){
  Ctx c;
  memset(&c, 0, sizeof(c));
  c.p = p;
  clean_text(&c);
  buf_free(&c.W);          /* only the offset map of W is needed from here */
  outline_build(&c);
  if( year>0 ){
    p->year = year;
    p->zYearFrom = "option";
  }else if( (p->year = year_guess(&c))>0 ){
    p->zYearFrom = "report";
  }else{
    p->year = atoi(today());
    p->zYearFrom = "clock";
  }
  /* the title: the title block's line with 工作报告, else one with 报告 that
  ** is not the speaker's ("报告人：…省长") */
  for(int pass=0; pass<2 && p->zTitle==0; pass++){
    for(int i=0; i<c.nPara && p->zTitle==0; i++){
      Para *q = &c.aPara[i];
      if( q->kind!=PARA_FRONT ) continue;
      if( pass==0 ? has(c.P.a, q->iStart, q->iEnd, "工作报告")
                  : (has(c.P.a, q->iStart, q->iEnd, "报告") && !at(c.P.a, q->iStart, q->iEnd, "报告人")) ){
        p->zTitle = ctx_text(&c, q->iStart, q->iEnd);
      }
    }
  }
  /* else the title a scraper's metadata header gave ("标题：政府工作报告——…") */
  for(int i=0; i<p->nSkip && p->zTitle==0; i++){
    const char *z = p->aSkip[i].zText;
    if( z && strncmp(z, "标题：", 9)==0 && z[9] ) p->zTitle = xstrdup(z + 9);
  }
  tasks_build(&c);
  buf_free(&c.W);
  buf_free(&c.P);
  xmap_free(&c.mW);
  xmap_free(&c.mP);
  free(c.aPara);
  free(c.aInline);
  free(c.aCk);
  (void)e;
  return 0;
}

/* See xtext.h: free what task t owns and zero it. */
void xtask_free(XTask *t){
  for(int k=0; k<t->nTarget; k++){
    free(t->aTarget[k].zText);
    free(t->aTarget[k].zSubject);
    free(t->aTarget[k].zUnit);
  }
  free(t->aTarget);
  free(t->zText);
  free(t->deadline.zText);
  for(int k=0; k<t->nDept; k++) free(t->azDept[k]);
  free(t->azDept);
  memset(t, 0, sizeof(*t));
}

/* See extract.h. */
void extraction_free(Extraction *p){
  for(int i=0; i<p->nNode; i++){
    free(p->aNode[i].zLabel);
    free(p->aNode[i].zTitle);
  }
  for(int i=0; i<p->nTask; i++) xtask_free(&p->aTask[i]);
  for(int i=0; i<p->nSkip; i++) free(p->aSkip[i].zText);
  free(p->aNode);
  free(p->aTask);
  free(p->aSkip);
  free(p->zName);
  free(p->zSource);
  free(p->zTitle);
  memset(p, 0, sizeof(*p));
}

/*
** COMMAND: extract
** Usage: luoshi extract [--year YEAR] [--json] FILE|-
**
** Read one work report (text in UTF-8, UTF-16 or GB18030; HTML, DOCX or
** PDF) and show what luoshi finds in it: the outline, the tasks of the plan
** part, their quantitative targets and deadlines, and the page furniture
** it left out.  --json prints the contract of ../shared/contract/extract.md.
** --year sets the plan year (else it is read from the report, else today's).
*/
int cmd_extract(int argc, char **argv){
  const char *zYear = find_option(&argc, argv, "--year", 1);
  int bJson = find_option(&argc, argv, "--json", 0)!=0;
  int bPretty = find_option(&argc, argv, "--pretty", 0)!=0;
  Err e = {0};
  int year = 0;
  if( zYear ){
    year = atoi(zYear);
    if( year<1949 || year>2200 ){
      fprintf(stderr, "luoshi: --year %s: not a plausible plan year\n", zYear);
      return 2;
    }
  }
  char *zData;
  size_t nData;
  int rcArg = read_report_arg(argc, argv, "luoshi extract [--year YEAR] [--json] FILE|-", &zData, &nData);
  if( rcArg ) return rcArg;
  Extraction x;
  int rc = extract_bytes(strcmp(argv[1], "-")==0 ? "-" : argv[1],
                         (const unsigned char*)zData, nData, year, &x, &e);
  free(zData);
  if( rc ){
    fprintf(stderr, "%s\n", e.zMsg);
    return 1;
  }
  if( bJson ){
    char *z = extraction_json(&x, bPretty);
    fputs(z, stdout);
    fputc('\n', stdout);
    free(z);
  }else{
    Buf out = BUF_INIT;
    extraction_tree(&x, &out, isatty(1));
    fputs(buf_str(&out), stdout);
    buf_free(&out);
  }
  extraction_free(&x);
  return 0;
}
