/*
** sheet.c -- the progress sheet (进展填报表): written with libxlsxwriter,
** read back with libzip + libxml2 and filed through the ledger; `luoshi
** sheet` and `luoshi report --from-xlsx`.  See sheet.h.
*/
#include "sheet.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* The layout (0-based rows and columns for libxlsxwriter). */
#define SHEET_NAME  "进展填报"
#define ROW_UNIT    1        /* B2 unit, D2 period */
#define ROW_HEAD    3        /* row 4 */
#define ROW_FIRST   4        /* row 5: the first task row */
#define N_COL       11
enum { C_SEQ, C_TASK, C_TARGET, C_DEADLINE, C_LAST, C_VALUE, C_PCT, C_NOTE, C_TASKID, C_TARGETID, C_PREFILL };
static const char *const azHead[N_COL] = {
  "序号", "重点任务", "量化目标", "完成时限", "上次填报", "本期完成值", "完成百分比(%)",
  "进展情况", "任务编号", "目标编号", "预填值"
};
static const double aWidth[N_COL] = {9, 46, 20, 12, 24, 12, 12, 44, 8, 8, 8};


/* ---- writing ---- */

/* One row of the sheet: a target of a task, or a task's percent. */
typedef struct OutRow OutRow;
struct OutRow {
  const Task *t;
  const Target *g;     /* NULL: a percent row */
  const Report *pLast; /* the latest live report up to the period, or NULL */
  const Report *pThis; /* the live report of the period itself, or NULL */
};

/* True when report r answers row o (its target, or a percent). */
static int report_fits(const Report *r, const OutRow *o){
  return o->g ? !r->isPercent && r->targetId==o->g->id : r->isPercent;
}

/* Fill the last and this period's reports of row o from a[0..n). */
static void row_reports(OutRow *o, const Report *a, int n, const char *zPeriod){
  for(int i=0; i<n; i++){
    const Report *r = &a[i];
    if( r->state==REPORT_RETURNED || !report_fits(r, o) ) continue;
    if( strcmp(r->zPeriod, zPeriod)>0 ) continue;
    if( o->pLast==0 || strcmp(r->zPeriod, o->pLast->zPeriod)>0
     || (strcmp(r->zPeriod, o->pLast->zPeriod)==0 && strcmp(r->zCreatedAt, o->pLast->zCreatedAt)>0) ){
      o->pLast = r;
    }
    if( strcmp(r->zPeriod, zPeriod)==0 ) o->pThis = r;
  }
}

/* Lines a text of nCp code points takes in a column w characters wide
** (a Chinese character is two). */
static int text_lines(const char *z, double w){
  int nCp = (int)utf8_count(z, strlen(z));
  int per = (int)(w/2.0);
  if( per<1 ) per = 1;
  return (nCp + per - 1)/per;
}

/* A number as short text ("88", "12.5"). */
static void num_text(double v, char z[32]){
  snprintf(z, 32, "%.10g", v);
}

/* The text of the last report of row o for column E into a new string. */
static char *last_text(const OutRow *o, const Report *aAll, int nAll){
  const Report *r = o->pLast;
  /* a returned report of the period says why it came back */
  const Report *pRet = 0;
  for(int i=0; i<nAll; i++){
    if( aAll[i].state==REPORT_RETURNED && report_fits(&aAll[i], o)
     && (r==0 || strcmp(aAll[i].zPeriod, r->zPeriod)>0
         || (strcmp(aAll[i].zPeriod, r->zPeriod)==0 && strcmp(aAll[i].zCreatedAt, r->zCreatedAt)>0)) ){
      pRet = &aAll[i];
    }
  }
  char zN[32];
  Buf b = BUF_INIT;
  if( r ){
    num_text(r->value, zN);
    buf_printf(&b, "%s期：%s%s（%s）", r->zPeriod, zN, r->isPercent ? "%" : "",
               r->state==REPORT_ACCEPTED ? "已审核" : "待审核");
  }
  if( pRet ){
    buf_printf(&b, "%s%s期被退回：%s", r ? "；" : "", pRet->zPeriod, pRet->zComment ? pRet->zComment : "");
  }
  if( b.a==0 && o->g ){
    /* a task with targets may have been reported as a percent */
    const Report *pPct = 0;
    for(int i=0; i<nAll; i++){
      const Report *q = &aAll[i];
      if( q->isPercent && q->state!=REPORT_RETURNED
       && (pPct==0 || strcmp(q->zPeriod, pPct->zPeriod)>0) ) pPct = q;
    }
    if( pPct ){
      num_text(pPct->value, zN);
      buf_printf(&b, "本目标尚未填报；%s期按百分比填报%s%%", pPct->zPeriod, zN);
    }
  }
  return b.a ? buf_detach(&b) : xstrdup("尚未填报");
}

/* The target text of g for column C: "35个（改造老旧小区）". */
static char *target_text(const Target *g){
  if( g==0 ) return xstrdup("（无量化目标，填完成百分比）");
  if( g->zSubject && g->zSubject[0] ) return xprintf("%s（%s）", g->zText, g->zSubject);
  return xstrdup(g->zText);
}

/* A new format for workbook wb: 宋体 11, thin borders when bBorder. */
static lxw_format *fmt_new(lxw_workbook *wb, int bBorder){
  lxw_format *f = workbook_add_format(wb);
  format_set_font_name(f, "宋体");
  format_set_font_size(f, 11);
  format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  if( bBorder ) format_set_border(f, LXW_BORDER_THIN);
  return f;
}

/* Write the workbook of rows a[0..n) for unit zUnit and month zPeriod to
** file zFile. */
static int sheet_write(const char *zFile, const char *zRegion, int year, const char *zUnit,
                       const char *zPeriod, const OutRow *a, int n,
                       Report **aaRep, const int *anRep, const int *aiTask, Err *e){
  lxw_workbook *wb = workbook_new(zFile);
  if( wb==0 ) return err_set(e, ERR_INTERNAL, "cannot write the sheet (%s)", zFile);
  lxw_worksheet *ws = workbook_add_worksheet(wb, SHEET_NAME);
  lxw_format *fTitle = fmt_new(wb, 0);
  format_set_font_size(fTitle, 16);
  format_set_bold(fTitle);
  format_set_align(fTitle, LXW_ALIGN_CENTER);
  lxw_format *fLabel = fmt_new(wb, 0);
  format_set_bold(fLabel);
  lxw_format *fInfo = fmt_new(wb, 0);
  lxw_format *fNote = fmt_new(wb, 0);
  format_set_text_wrap(fNote);
  format_set_font_color(fNote, 0x595959);
  lxw_format *fHead = fmt_new(wb, 1);
  format_set_bold(fHead);
  format_set_text_wrap(fHead);
  format_set_align(fHead, LXW_ALIGN_CENTER);
  format_set_bg_color(fHead, 0xD9D9D9);
  lxw_format *fText = fmt_new(wb, 1);
  format_set_text_wrap(fText);
  lxw_format *fCenter = fmt_new(wb, 1);
  format_set_align(fCenter, LXW_ALIGN_CENTER);
  lxw_format *fGrey = fmt_new(wb, 1);
  format_set_bg_color(fGrey, 0xF2F2F2);
  lxw_format *fInNum = fmt_new(wb, 1);
  format_set_unlocked(fInNum);
  format_set_bg_color(fInNum, 0xFFF2CC);
  format_set_num_format(fInNum, "General");
  lxw_format *fInText = fmt_new(wb, 1);
  format_set_unlocked(fInText);
  format_set_text_wrap(fInText);
  format_set_bg_color(fInText, 0xFFF2CC);

  char *zTitle = xprintf("%s%d年政府工作报告重点任务进展填报表", zRegion, year);
  worksheet_merge_range(ws, 0, 0, 0, C_NOTE, zTitle, fTitle);
  free(zTitle);
  worksheet_set_row(ws, 0, 30, 0);
  worksheet_write_string(ws, ROW_UNIT, 0, "填报单位", fLabel);
  worksheet_write_string(ws, ROW_UNIT, 1, zUnit, fInfo);
  worksheet_write_string(ws, ROW_UNIT, 2, "填报期", fLabel);
  worksheet_write_string(ws, ROW_UNIT, 3, zPeriod, fInfo);
  char *zHow = xprintf("请在黄色单元格中填写%d年%d月的进展：有量化目标的任务填“本期完成值”（累计完成数），"
                       "无量化目标的任务填“完成百分比”，并填写“进展情况”。未填写进展情况的行不报送；"
                       "其他单元格已锁定，请勿增删行列。", atoi(zPeriod), atoi(zPeriod+5));
  worksheet_merge_range(ws, 2, 0, 2, C_NOTE, zHow, fNote);
  free(zHow);
  worksheet_set_row(ws, 2, 32, 0);
  for(int c=0; c<N_COL; c++) worksheet_write_string(ws, ROW_HEAD, (lxw_col_t)c, azHead[c], fHead);
  worksheet_set_row(ws, ROW_HEAD, 30, 0);
  lxw_row_col_options hidden = {1, 0, 0};
  for(int c=0; c<N_COL; c++){
    worksheet_set_column_opt(ws, (lxw_col_t)c, (lxw_col_t)c, aWidth[c], 0, c>=C_TASKID ? &hidden : 0);
  }

  lxw_data_validation vNum, vPct;
  memset(&vNum, 0, sizeof(vNum));
  vNum.validate = LXW_VALIDATION_TYPE_DECIMAL;
  vNum.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
  vNum.value_number = 0;
  vNum.error_title = "请填写数字";
  vNum.error_message = "本期完成值须为不小于0的数字（累计完成数）。";
  vNum.input_title = "本期完成值";
  vNum.input_message = "填写截至本期末的累计完成数，只填数字。";
  memset(&vPct, 0, sizeof(vPct));
  vPct.validate = LXW_VALIDATION_TYPE_DECIMAL;
  vPct.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
  vPct.minimum_number = 0;
  vPct.maximum_number = 100;
  vPct.error_title = "请填写0到100之间的数字";
  vPct.error_message = "完成百分比须为0到100之间的数字。";
  vPct.input_title = "完成百分比";
  vPct.input_message = "填写任务总体完成的百分比（0到100），只填数字。";

  int r = ROW_FIRST;
  for(int i=0; i<n; i++, r++){
    const OutRow *o = &a[i];
    int k = aiTask[i];
    /* one task over several rows: merge its fixed cells */
    int nSame = 1;
    while( i+nSame<n && a[i+nSame].t==o->t ) nSame++;
    int first = i==0 || a[i-1].t!=o->t;
    if( first ){
      char zD[32];
      snprintf(zD, sizeof(zD), "%s", o->t->zDeadline);
      if( nSame>1 ){
        worksheet_merge_range(ws, (lxw_row_t)r, C_SEQ, (lxw_row_t)(r+nSame-1), C_SEQ, o->t->zSeq, fCenter);
        worksheet_merge_range(ws, (lxw_row_t)r, C_TASK, (lxw_row_t)(r+nSame-1), C_TASK, o->t->zText, fText);
        worksheet_merge_range(ws, (lxw_row_t)r, C_DEADLINE, (lxw_row_t)(r+nSame-1), C_DEADLINE, zD, fCenter);
      }else{
        worksheet_write_string(ws, (lxw_row_t)r, C_SEQ, o->t->zSeq, fCenter);
        worksheet_write_string(ws, (lxw_row_t)r, C_TASK, o->t->zText, fText);
        worksheet_write_string(ws, (lxw_row_t)r, C_DEADLINE, zD, fCenter);
      }
    }
    char *zT = target_text(o->g);
    worksheet_write_string(ws, (lxw_row_t)r, C_TARGET, zT, fText);
    free(zT);
    char *zL = last_text(o, aaRep[k], anRep[k]);
    worksheet_write_string(ws, (lxw_row_t)r, C_LAST, zL, fText);
    free(zL);
    const Report *pPre = o->pThis ? o->pThis : o->pLast;
    lxw_col_t cIn = o->g ? C_VALUE : C_PCT, cOff = o->g ? C_PCT : C_VALUE;
    if( pPre ){
      worksheet_write_number(ws, (lxw_row_t)r, cIn, pPre->value, fInNum);
      worksheet_write_number(ws, (lxw_row_t)r, C_PREFILL, pPre->value, 0);
    }else{
      worksheet_write_blank(ws, (lxw_row_t)r, cIn, fInNum);
    }
    worksheet_data_validation_cell(ws, (lxw_row_t)r, cIn, o->g ? &vNum : &vPct);
    worksheet_write_blank(ws, (lxw_row_t)r, cOff, fGrey);
    if( o->pThis && o->pThis->zNote ) worksheet_write_string(ws, (lxw_row_t)r, C_NOTE, o->pThis->zNote, fInText);
    else worksheet_write_blank(ws, (lxw_row_t)r, C_NOTE, fInText);
    worksheet_write_number(ws, (lxw_row_t)r, C_TASKID, o->t->id, 0);
    worksheet_write_number(ws, (lxw_row_t)r, C_TARGETID, o->g ? o->g->id : 0, 0);
    /* the row is as tall as its longest wrapped text needs */
    int nLine = 2;
    int nTask = first ? (text_lines(o->t->zText, aWidth[C_TASK]) + nSame - 1)/nSame : 0;
    if( nTask>nLine ) nLine = nTask;
    if( nLine>12 ) nLine = 12;
    worksheet_set_row(ws, (lxw_row_t)r, 15.0*nLine + 2, 0);
  }
  worksheet_freeze_panes(ws, ROW_FIRST, C_TARGET);
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);    /* A4 */
  worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
  worksheet_repeat_rows(ws, ROW_HEAD, ROW_HEAD);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_print_area(ws, 0, 0, (lxw_row_t)(r>ROW_FIRST ? r-1 : ROW_FIRST), C_NOTE);
  lxw_protection prot;
  memset(&prot, 0, sizeof(prot));
  prot.format_columns = 1;
  prot.format_rows = 1;
  worksheet_protect(ws, 0, &prot);
  worksheet_activate(ws);
  lxw_doc_properties props;
  memset(&props, 0, sizeof(props));
  props.title = SHEET_NAME;
  props.author = "luoshi";
  props.comments = "luoshi progress sheet 1";
  workbook_set_properties(wb, &props);
  lxw_error rc = workbook_close(wb);
  if( rc!=LXW_NO_ERROR ){
    return err_set(e, ERR_INTERNAL, "cannot write the sheet: %s", lxw_strerror(rc));
  }
  return 0;
}

/* The month before today into z[8]. */
static void last_month(char z[8]){
  int y = atoi(today()), m = atoi(today()+5) - 1;
  if( m<=0 ){ m = 12; y--; }
  char zBuf[32];
  snprintf(zBuf, sizeof(zBuf), "%04d-%02d", y, m);
  memcpy(z, zBuf, 7);
  z[7] = 0;
}

/* See sheet.h. */
int sheet_export(Ledger *p, const char *zUnit, const char *zPeriod, Buf *out, Err *e){
  Unit u;
  char zMonth[8];
  memset(&u, 0, sizeof(u));
  if( zPeriod==0 ){
    last_month(zMonth);
    zPeriod = zMonth;
  }
  if( !period_valid(zPeriod) ) return err_set(e, ERR_INPUT, "--period %s: want a month YYYY-MM", zPeriod);
  const User *me = ledger_user(p);
  if( zUnit==0 || zUnit[0]==0 ){
    if( me->role!=ROLE_UNIT || me->zUnit==0 ) return err_set(e, ERR_INPUT, "--unit UNIT is needed");
    zUnit = me->zUnit;
  }
  if( ledger_unit_find(p, zUnit, &u, e) ) return -1;
  Plan pl;
  if( ledger_plan_get(p, 0, &pl, e) ){ unit_clear(&u); return -1; }
  TaskFilter f;
  memset(&f, 0, sizeof(f));
  f.planId = pl.id;
  f.unitId = u.id;
  f.colour = -1;
  Task *aT = 0;
  int nT = 0, rc = -1;
  OutRow *aRow = 0;
  int nRow = 0, nRowAlloc = 0;
  Report **aaRep = 0;
  int *anRep = 0, *aiTask = 0;
  const char *zTmp = getenv("TMPDIR");
  char *zFile = xprintf("%s/luoshi-sheet-XXXXXX", zTmp && zTmp[0] ? zTmp : "/tmp");
  int fd = -1;
  if( ledger_task_list(p, &f, &aT, &nT, e) ) goto done;
  aaRep = xcalloc((size_t)nT+1, sizeof(Report*));
  anRep = xcalloc((size_t)nT+1, sizeof(int));
  for(int i=0; i<nT; i++){
    const Task *t = &aT[i];
    if( strcmp(t->zState, "published")!=0 ) continue;
    if( ledger_report_list(p, t->id, &aaRep[i], &anRep[i], e) ) goto done;
    for(int g=0; g<(t->nTarget ? t->nTarget : 1); g++){
      OutRow *o = ARRAY_PUSH(aRow, nRow, nRowAlloc);
      o->t = t;
      o->g = t->nTarget ? &t->aTarget[g] : 0;
      row_reports(o, aaRep[i], anRep[i], zPeriod);
    }
  }
  if( nRow==0 ){
    err_set(e, ERR_NOTFOUND, "%s has no published task to report on in plan %d", u.zName, pl.id);
    goto done;
  }
  aiTask = xcalloc((size_t)nRow, sizeof(int));
  for(int i=0; i<nRow; i++) aiTask[i] = (int)(aRow[i].t - aT);
  fd = mkstemp(zFile);
  if( fd<0 ){
    err_set(e, ERR_INTERNAL, "cannot make a temporary file: %s", strerror(errno));
    goto done;
  }
  close(fd);
  if( sheet_write(zFile, pl.zRegion ? pl.zRegion : "", pl.year, u.zName, zPeriod, aRow, nRow,
                  aaRep, anRep, aiTask, e)==0 ){
    char *z;
    size_t n;
    if( read_file(zFile, &z, &n, e)==0 ){
      buf_append(out, z, n);
      free(z);
      rc = 0;
    }
  }
done:
  if( fd>=0 ) unlink(zFile);
  free(zFile);
  for(int i=0; i<nT; i++) if( aaRep ) report_list_free(aaRep[i], anRep[i]);
  free(aaRep);
  free(anRep);
  free(aiTask);
  free(aRow);
  task_list_free(aT, nT);
  plan_clear(&pl);
  unit_clear(&u);
  return rc;
}

/* ---- commands ---- */

/*
** COMMAND: sheet
** Usage: luoshi sheet [--unit UNIT] [--period YYYY-MM] -o FILE.xlsx
**
** Write the progress sheet (进展填报表) of a unit for a month: its
** published tasks, one row per target (or one with a percent), prefilled
** with the last values, with the input cells unlocked and the rest
** protected.  The unit fills it in Excel or WPS and files it with
** `luoshi report --from-xlsx FILE.xlsx`.  --unit defaults to your own
** unit, --period to last month.
*/
int cmd_sheet(int argc, char **argv){
  const char *zDb = find_option(&argc, argv, "--db", 1);
  const char *zAs = find_option(&argc, argv, "--as", 1);
  const char *zUnit = find_option(&argc, argv, "--unit", 1);
  const char *zPeriod = find_option(&argc, argv, "--period", 1);
  const char *zOut = find_option(&argc, argv, "-o", 1);
  Err e = {0};
  if( verify_all_options(argc, argv, &e) || argc!=1 || zOut==0 ){
    if( e.code ) fprintf(stderr, "luoshi: %s\n", e.zMsg);
    fprintf(stderr, "Usage: luoshi sheet [--unit UNIT] [--period YYYY-MM] -o FILE.xlsx\n");
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
  if( rc==0 ) rc = sheet_export(L, zUnit, zPeriod, &out, &e);
  ledger_close(L);
  if( rc==0 ){
    FILE *f = fopen(zOut, "wb");
    if( f==0 || fwrite(out.a, 1, out.n, f)!=out.n ) rc = err_set(&e, ERR_INTERNAL, "cannot write %s", zOut);
    if( f && fclose(f) ) rc = err_set(&e, ERR_INTERNAL, "cannot write %s", zOut);
  }
  buf_free(&out);
  if( rc ){
    fprintf(stderr, "luoshi: %s\n", e.zMsg);
    return 1;
  }
  return 0;
}

