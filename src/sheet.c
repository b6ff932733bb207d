/*
** sheet.c -- the progress sheet (进展填报表): written with libxlsxwriter,
** read back with libzip + libxml2 and filed through the ledger; `luoshi
** sheet` and `luoshi report --from-xlsx`.  See sheet.h.
*/
#include "sheet.h"
#include <errno.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

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

/* Largest part of an XLSX read back, unpacked. */
#define XLSX_MAX_PART (64*1024*1024)
/* Most cells read from one sheet. */
#define XLSX_MAX_CELL 1000000

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

/* ---- reading: the XLSX reader ---- */

/* See sheet.h. */
int xlsx_ref_parse(const char *z, int *pRow, int *pCol){
  int col = 0, row = 0, i = 0;
  if( z[i]=='$' ) i++;
  for(; z[i]>='A' && z[i]<='Z'; i++){
    col = col*26 + (z[i]-'A'+1);
    if( col>16384 ) return -1;
  }
  if( col==0 ) return -1;
  if( z[i]=='$' ) i++;
  if( z[i]<'1' || z[i]>'9' ) return -1;
  for(; z[i]>='0' && z[i]<='9'; i++){
    row = row*10 + (z[i]-'0');
    if( row>1048576 ) return -1;
  }
  if( z[i] ) return -1;
  *pRow = row;
  *pCol = col;
  return 0;
}

/* See sheet.h. */
void xlsx_ref_name(int row, int col, char z[16]){
  char zCol[8];
  int n = 0;
  while( col>0 && n<7 ){
    int d = (col-1) % 26;
    zCol[n++] = (char)('A'+d);
    col = (col-1)/26;
  }
  int k = 0;
  while( n>0 ) z[k++] = zCol[--n];
  snprintf(z+k, (size_t)(16-k), "%d", row);
}

/* The entry zPath of za into *pz (NUL-terminated, caller frees).  Returns
** 1 when absent, -1 on error (e set), 0 when read. */
static int zip_entry(zip_t *za, const char *zPath, char **pz, size_t *pn, Err *e){
  *pz = 0;
  *pn = 0;
  if( zip_name_locate(za, zPath, 0)<0 ) return 1;
  zip_file_t *f = zip_fopen(za, zPath, 0);
  if( f==0 ) return err_set(e, ERR_INPUT, "not a readable XLSX file (%s: %s)", zPath, zip_strerror(za));
  Buf b = BUF_INIT;
  char aChunk[16384];
  zip_int64_t n;
  while( (n = zip_fread(f, aChunk, sizeof(aChunk)))>0 ){
    if( b.n + (size_t)n > XLSX_MAX_PART ){
      zip_fclose(f);
      buf_free(&b);
      return err_set(e, ERR_TOOBIG, "%s is larger than %d MB unpacked; not a progress sheet",
                     zPath, XLSX_MAX_PART/(1024*1024));
    }
    buf_append(&b, aChunk, (size_t)n);
  }
  if( n<0 ){
    err_set(e, ERR_INPUT, "a damaged XLSX file (%s: %s)", zPath, zip_file_strerror(f));
    zip_fclose(f);
    buf_free(&b);
    return -1;
  }
  zip_fclose(f);
  *pn = b.n;
  *pz = b.a ? buf_detach(&b) : xstrdup("");
  return 0;
}

/* Parse the XML entry zPath of za into *pDoc (NULL when absent).  Returns
** nonzero on error (e set). */
static int zip_xml(zip_t *za, const char *zPath, xmlDocPtr *pDoc, Err *e){
  char *z;
  size_t n;
  *pDoc = 0;
  int rc = zip_entry(za, zPath, &z, &n, e);
  if( rc ) return rc<0 ? -1 : 0;
  if( n>INT_MAX ){
    free(z);
    return err_set(e, ERR_TOOBIG, "%s is too large", zPath);
  }
  *pDoc = xmlReadMemory(z, (int)n, zPath, 0, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  free(z);
  if( *pDoc==0 ){
    const xmlError *x = xmlGetLastError();
    return err_set(e, ERR_INPUT, "a damaged XLSX file (%s is not well-formed XML, line %d)",
                   zPath, x ? x->line : 0);
  }
  return 0;
}

/* True when node x is the element named zName (any namespace). */
static int is_el(xmlNodePtr x, const char *zName){
  return x && x->type==XML_ELEMENT_NODE && strcmp((const char*)x->name, zName)==0;
}

/* The first child element of x named zName, or NULL. */
static xmlNodePtr child_el(xmlNodePtr x, const char *zName){
  for(xmlNodePtr c = x ? x->children : 0; c; c = c->next) if( is_el(c, zName) ) return c;
  return 0;
}

/* Attribute zName of x without namespace (caller xmlFree()s), or NULL. */
static char *attr(xmlNodePtr x, const char *zName){
  return (char*)xmlGetNoNsProp(x, (const xmlChar*)zName);
}

/* Append the text of every <t> under x, except phonetic runs (<rPh>). */
static void rich_text(xmlNodePtr x, Buf *b){
  for(xmlNodePtr c = x->children; c; c = c->next){
    if( c->type!=XML_ELEMENT_NODE ) continue;
    if( is_el(c, "rPh") || is_el(c, "phoneticPr") ) continue;
    if( is_el(c, "t") ){
      xmlChar *z = xmlNodeGetContent(c);
      if( z ) buf_puts(b, (const char*)z);
      xmlFree(z);
    }else{
      rich_text(c, b);
    }
  }
}

/* The path in the zip of a relationship target zTarget of a part in xl/. */
static char *rel_path(const char *zTarget){
  if( zTarget[0]=='/' ) return xstrdup(zTarget+1);
  while( strncmp(zTarget, "./", 2)==0 ) zTarget += 2;
  return xprintf("xl/%s", zTarget);
}

/* The paths of the first worksheet and of the shared strings (NULL when
** none) from xl/workbook.xml and its relationships. */
static int workbook_paths(zip_t *za, char **pzSheet, char **pzStrings, char **pzName, Err *e){
  xmlDocPtr wb = 0, rels = 0;
  char *zRid = 0;
  *pzSheet = *pzStrings = *pzName = 0;
  if( zip_xml(za, "xl/workbook.xml", &wb, e) || zip_xml(za, "xl/_rels/workbook.xml.rels", &rels, e) ){
    xmlFreeDoc(wb);
    return -1;
  }
  xmlNodePtr sheets = child_el(xmlDocGetRootElement(wb), "sheets");
  xmlNodePtr sh = child_el(sheets, "sheet");
  if( sh ){
    char *zN = attr(sh, "name");
    *pzName = xstrdup(zN ? zN : "");
    xmlFree(zN);
    for(xmlAttrPtr a = sh->properties; a; a = a->next){
      if( strcmp((const char*)a->name, "id")==0 && a->ns ){
        xmlChar *z = xmlNodeListGetString(sh->doc, a->children, 1);
        zRid = xstrdup(z ? (const char*)z : "");
        xmlFree(z);
      }
    }
  }
  for(xmlNodePtr r = rels ? xmlDocGetRootElement(rels)->children : 0; r; r = r->next){
    if( !is_el(r, "Relationship") ) continue;
    char *zId = attr(r, "Id"), *zType = attr(r, "Type"), *zTarget = attr(r, "Target");
    if( zId && zTarget && zRid && strcmp(zId, zRid)==0 && *pzSheet==0 ) *pzSheet = rel_path(zTarget);
    if( zType && zTarget && *pzStrings==0 ){
      size_t n = strlen(zType);
      if( n>=14 && strcmp(zType+n-14, "/sharedStrings")==0 ) *pzStrings = rel_path(zTarget);
    }
    xmlFree(zId); xmlFree(zType); xmlFree(zTarget);
  }
  free(zRid);
  xmlFreeDoc(wb);
  xmlFreeDoc(rels);
  if( *pzSheet==0 ){
    if( sh==0 ){
      free(*pzName);
      *pzName = 0;
      return err_set(e, ERR_INPUT, "an XLSX file without a worksheet");
    }
    *pzSheet = xstrdup("xl/worksheets/sheet1.xml");
  }
  if( *pzStrings==0 && zip_name_locate(za, "xl/sharedStrings.xml", 0)>=0 ){
    *pzStrings = xstrdup("xl/sharedStrings.xml");
  }
  return 0;
}

/* Read the shared strings of zPath into *paz (n of them). */
static int shared_strings(zip_t *za, const char *zPath, char ***paz, int *pn, Err *e){
  xmlDocPtr d = 0;
  *paz = 0;
  *pn = 0;
  if( zPath==0 ) return 0;
  if( zip_xml(za, zPath, &d, e) ) return -1;
  if( d==0 ) return 0;
  int nAlloc = 0;
  for(xmlNodePtr si = xmlDocGetRootElement(d)->children; si; si = si->next){
    if( !is_el(si, "si") ) continue;
    Buf b = BUF_INIT;
    rich_text(si, &b);
    char **pz = ARRAY_PUSH(*paz, *pn, nAlloc);
    *pz = b.a ? buf_detach(&b) : xstrdup("");
    if( *pn>XLSX_MAX_CELL ) break;
  }
  xmlFreeDoc(d);
  return 0;
}

/* See sheet.h. */
void xlsx_sheet_free(XlsxSheet *s){
  for(int i=0; i<s->nCell; i++) free(s->aCell[i].zText);
  free(s->aCell);
  free(s->zName);
  memset(s, 0, sizeof(*s));
}

/* See sheet.h. */
const XlsxCell *xlsx_cell(const XlsxSheet *s, int row, int col){
  for(int i=0; i<s->nCell; i++){
    if( s->aCell[i].row==row && s->aCell[i].col==col ) return &s->aCell[i];
  }
  return 0;
}

/* Read the cells of worksheet document d into s. */
static int sheet_cells(xmlDocPtr d, char **azStr, int nStr, XlsxSheet *s, Err *e){
  xmlNodePtr data = child_el(xmlDocGetRootElement(d), "sheetData");
  if( data==0 ) return err_set(e, ERR_INPUT, "a damaged XLSX file (the worksheet has no sheetData)");
  int row = 0;
  for(xmlNodePtr r = data->children; r; r = r->next){
    if( !is_el(r, "row") ) continue;
    char *zR = attr(r, "r");
    int rr = zR ? atoi(zR) : row+1;
    xmlFree(zR);
    row = rr>0 && rr<=1048576 ? rr : row+1;
    int col = 0;
    for(xmlNodePtr c = r->children; c; c = c->next){
      if( !is_el(c, "c") ) continue;
      char *zRef = attr(c, "r"), *zT = attr(c, "t");
      int rowC = row, colC = col+1;
      if( zRef && xlsx_ref_parse(zRef, &rowC, &colC) ){ rowC = row; colC = col+1; }
      col = colC;
      Buf b = BUF_INIT;
      int isNum = 0;
      double v = 0;
      xmlNodePtr pV = child_el(c, "v");
      xmlChar *zV = pV ? xmlNodeGetContent(pV) : 0;
      const char *zType = zT ? zT : "n";
      if( strcmp(zType, "s")==0 ){
        char *zEnd = 0;
        long k = zV ? strtol((const char*)zV, &zEnd, 10) : -1;
        if( k>=0 && k<nStr && zEnd && *zEnd==0 ) buf_puts(&b, azStr[k]);
      }else if( strcmp(zType, "inlineStr")==0 ){
        xmlNodePtr is = child_el(c, "is");
        if( is ) rich_text(is, &b);
      }else if( zV ){
        buf_puts(&b, (const char*)zV);
        if( strcmp(zType, "n")==0 ){
          char *zEnd = 0;
          v = strtod((const char*)zV, &zEnd);
          isNum = zEnd!=(char*)zV && *zEnd==0;
        }
      }
      xmlFree(zV);
      xmlFree(zRef);
      xmlFree(zT);
      if( b.n==0 ){ buf_free(&b); continue; }
      if( s->nCell>=XLSX_MAX_CELL ){
        buf_free(&b);
        return err_set(e, ERR_TOOBIG, "more than %d cells; not a progress sheet", XLSX_MAX_CELL);
      }
      XlsxCell *x = ARRAY_PUSH(s->aCell, s->nCell, s->nCellAlloc);
      x->row = rowC;
      x->col = colC;
      x->zText = buf_detach(&b);
      x->isNumber = isNum;
      x->v = v;
    }
  }
  return 0;
}

/* See sheet.h. */
int xlsx_read(const unsigned char *a, size_t n, XlsxSheet *s, Err *e){
  memset(s, 0, sizeof(*s));
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(a, n, 0, &ze);
  zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : 0;
  if( za==0 ){
    err_set(e, ERR_INPUT, "not an XLSX file (%s)",
            n>=8 && memcmp(a, "\xD0\xCF\x11\xE0", 4)==0
              ? "an old .xls workbook: save it as .xlsx" : zip_error_strerror(&ze));
    if( src ) zip_source_free(src);
    zip_error_fini(&ze);
    return -1;
  }
  zip_error_fini(&ze);
  if( zip_name_locate(za, "xl/workbook.xml", 0)<0 ){
    const char *zWhat = zip_name_locate(za, "word/document.xml", 0)>=0 ? "a Word document"
                      : zip_name_locate(za, "content.xml", 0)>=0 ? "an OpenDocument file (save it as .xlsx)"
                      : "a zip archive without a workbook";
    zip_discard(za);
    return err_set(e, ERR_INPUT, "not an XLSX file (%s)", zWhat);
  }
  char *zSheet = 0, *zStrings = 0, **azStr = 0;
  int nStr = 0, rc;
  xmlDocPtr d = 0;
  rc = workbook_paths(za, &zSheet, &zStrings, &s->zName, e);
  if( rc==0 ) rc = shared_strings(za, zStrings, &azStr, &nStr, e);
  if( rc==0 ) rc = zip_xml(za, zSheet, &d, e);
  if( rc==0 && d==0 ) rc = err_set(e, ERR_INPUT, "a damaged XLSX file (%s is missing)", zSheet);
  if( rc==0 ) rc = sheet_cells(d, azStr, nStr, s, e);
  xmlFreeDoc(d);
  zip_discard(za);
  for(int i=0; i<nStr; i++) free(azStr[i]);
  free(azStr);
  free(zSheet);
  free(zStrings);
  if( rc ) xlsx_sheet_free(s);
  return rc;
}

/* ---- reading: the progress sheet ---- */

/* Add an issue for cell (row, col) (col 0: the row as a whole). */
static void issue(SheetResult *r, int row, int col, const char *zFmt, ...)
  __attribute__((format(printf, 4, 5)));
static void issue(SheetResult *r, int row, int col, const char *zFmt, ...){
  r->aIssue = xrealloc(r->aIssue, sizeof(SheetIssue)*(size_t)(r->nIssue+1));
  SheetIssue *x = &r->aIssue[r->nIssue++];
  memset(x, 0, sizeof(*x));
  x->row = row;
  if( row>0 ) xlsx_ref_name(row, col>0 ? col : 1, x->zCell);
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(x->zMsg, sizeof(x->zMsg), zFmt, ap);
  va_end(ap);
}

/* See sheet.h. */
void sheet_result_free(SheetResult *r){
  free(r->aIssue);
  memset(r, 0, sizeof(*r));
}

/* The text of cell (row, col) trimmed of spaces, or "" (static storage
** is avoided: returns a pointer into the cell, and the trimmed length). */
static const char *cell_text(const XlsxSheet *s, int row, int col, size_t *pn){
  const XlsxCell *x = xlsx_cell(s, row, col);
  const char *z = x ? x->zText : "";
  while( *z==' ' || *z=='\t' || *z=='\n' || *z=='\r' ) z++;
  size_t n = strlen(z);
  while( n>0 && (z[n-1]==' ' || z[n-1]=='\t' || z[n-1]=='\n' || z[n-1]=='\r') ) n--;
  if( n>=3 && memcmp(z+n-3, "\xE3\x80\x80", 3)==0 ) n -= 3;    /* a trailing full-width space */
  *pn = n;
  return z;
}

/* The number in cell (row, col): 0 with *pv set, 1 when empty, -1 when
** the cell holds something that is not a number. */
static int cell_number(const XlsxSheet *s, int row, int col, double *pv){
  const XlsxCell *x = xlsx_cell(s, row, col);
  if( x==0 ) return 1;
  if( x->isNumber ){ *pv = x->v; return 0; }
  size_t n;
  const char *z = cell_text(s, row, col, &n);
  if( n==0 ) return 1;
  char *zCopy = xstrndup(z, n), *zEnd = 0;
  double v = strtod(zCopy, &zEnd);
  int ok = zEnd!=zCopy && *zEnd==0 && v==v && v<1e300 && v>-1e300;
  free(zCopy);
  if( !ok ) return -1;
  *pv = v;
  return 0;
}

/* A row of the sheet on its way to the ledger. */
typedef struct InRow InRow;
struct InRow {
  int row;             /* sheet row */
  int col;             /* the input column (value or percent) */
  char zTask[16], zTarget[16], zNum[32];
  char *zNote;
};

/* See sheet.h. */
int sheet_import(Ledger *p, const unsigned char *a, size_t n, SheetResult *r, Err *e){
  XlsxSheet s;
  memset(r, 0, sizeof(*r));
  if( xlsx_read(a, n, &s, e) ){
    issue(r, 0, 0, "%s", e->zMsg);
    return -1;
  }
  /* the header says it is a luoshi progress sheet */
  for(int c=0; c<N_COL; c++){
    size_t m;
    const char *z = cell_text(&s, ROW_HEAD+1, c+1, &m);
    if( m!=strlen(azHead[c]) || memcmp(z, azHead[c], m)!=0 ){
      char zRef[16];
      xlsx_ref_name(ROW_HEAD+1, c+1, zRef);
      err_set(e, ERR_INPUT, "not a luoshi progress sheet: %s should read “%s”; export the sheet "
              "with luoshi sheet (or the unit workspace) and fill that", zRef, azHead[c]);
      issue(r, 0, 0, "%s", e->zMsg);
      xlsx_sheet_free(&s);
      return -1;
    }
  }
  size_t m;
  const char *z = cell_text(&s, ROW_UNIT+1, 2, &m);
  snprintf(r->zUnit, sizeof(r->zUnit), "%.*s", (int)m, z);
  z = cell_text(&s, ROW_UNIT+1, 4, &m);
  snprintf(r->zPeriod, sizeof(r->zPeriod), "%.*s", (int)(m<7 ? m : 7), z);
  Unit u;
  memset(&u, 0, sizeof(u));
  Err e2 = {0};
  if( m!=7 || !period_valid(r->zPeriod) ){
    issue(r, ROW_UNIT+1, 4, "填报期“%.*s”不是年月（应为YYYY-MM，如2026-06）", (int)m, z);
  }
  if( r->zUnit[0]==0 ) issue(r, ROW_UNIT+1, 2, "缺少填报单位");
  else if( ledger_unit_find(p, r->zUnit, &u, &e2) ) issue(r, ROW_UNIT+1, 2, "%s", e2.zMsg);
  else{
    const User *me = ledger_user(p);
    if( me->role==ROLE_UNIT && me->unitId!=u.id ){
      issue(r, ROW_UNIT+1, 2, "这是%s的填报表，%s属于%s", u.zName, me->zLogin, me->zUnit ? me->zUnit : "其他单位");
    }
  }

  InRow *aIn = 0;
  int nIn = 0, nInAlloc = 0, lastRow = 0;
  for(int i=0; i<s.nCell; i++) if( s.aCell[i].row>lastRow ) lastRow = s.aCell[i].row;
  for(int row=ROW_FIRST+1; row<=lastRow; row++){
    double vTask, vTarget, v, vPre;
    int hasTask = cell_number(&s, row, C_TASKID+1, &vTask);
    int hasTarget = cell_number(&s, row, C_TARGETID+1, &vTarget);
    if( hasTask==1 && hasTarget==1 ){
      /* not a task row: it must then be empty in the input columns */
      size_t k1, k2, k3;
      cell_text(&s, row, C_VALUE+1, &k1);
      cell_text(&s, row, C_PCT+1, &k2);
      cell_text(&s, row, C_NOTE+1, &k3);
      if( k1 || k2 || k3 ) issue(r, row, C_TASKID+1, "第%d行不是导出的任务行（缺少任务编号），请勿增加行", row);
      continue;
    }
    r->nRow++;
    if( hasTask!=0 || vTask<1 || vTask>INT_MAX || vTask!=(int)vTask
     || hasTarget!=0 || vTarget<0 || vTarget>INT_MAX || vTarget!=(int)vTarget ){
      issue(r, row, C_TASKID+1, "第%d行的任务编号或目标编号已被改动，请重新导出填报表", row);
      continue;
    }
    int isPct = vTarget==0;
    int col = isPct ? C_PCT+1 : C_VALUE+1;
    size_t nNote;
    const char *zNote = cell_text(&s, row, C_NOTE+1, &nNote);
    int hv = cell_number(&s, row, col, &v);
    int hp = cell_number(&s, row, C_PREFILL+1, &vPre);
    char zRef[16];
    xlsx_ref_name(row, col, zRef);
    if( hv<0 ){
      size_t k;
      const char *zBad = cell_text(&s, row, col, &k);
      issue(r, row, col, "%s“%.*s”不是数字", isPct ? "完成百分比" : "本期完成值", (int)(k>60 ? 60 : k), zBad);
      continue;
    }
    size_t kOff;
    cell_text(&s, row, (isPct ? C_VALUE : C_PCT)+1, &kOff);
    if( kOff ){
      issue(r, row, (isPct ? C_VALUE : C_PCT)+1, "%s",
            isPct ? "该任务无量化目标，请填写完成百分比（G列），本期完成值留空"
                  : "该任务有量化目标，请填写本期完成值（F列），完成百分比留空");
      continue;
    }
    if( nNote==0 ){
      if( hv==0 && (hp!=0 || v!=vPre) ){
        issue(r, row, C_NOTE+1, "已填写%s但缺少进展情况", isPct ? "完成百分比" : "本期完成值");
      }else{
        r->nBlank++;
      }
      continue;
    }
    if( hv==1 ){
      issue(r, row, col, "已填写进展情况但缺少%s", isPct ? "完成百分比" : "本期完成值");
      continue;
    }
    if( isPct && (v<0 || v>100) ){
      issue(r, row, col, "完成百分比须在0到100之间（填写的是%g）", v);
      continue;
    }
    if( !isPct && v<0 ){
      issue(r, row, col, "本期完成值不能为负数（填写的是%g）", v);
      continue;
    }
    /* the task belongs to the sheet's unit */
    Task t;
    Err e3 = {0};
    if( ledger_task_get(p, (int)vTask, &t, &e3) ){
      issue(r, row, C_TASKID+1, "%s", e3.zMsg);
      continue;
    }
    int mine = u.id && t.leadId==u.id;
    for(int k=0; k<t.nCo && !mine; k++) mine = u.id && t.aCoId[k]==u.id;
    if( u.id && !mine ){
      issue(r, row, C_SEQ+1, "任务%s不是%s的任务", t.zSeq, u.zName);
      task_clear(&t);
      continue;
    }
    task_clear(&t);
    InRow *q = ARRAY_PUSH(aIn, nIn, nInAlloc);
    q->row = row;
    q->col = col;
    snprintf(q->zTask, sizeof(q->zTask), "%d", (int)vTask);
    snprintf(q->zTarget, sizeof(q->zTarget), "%d", (int)vTarget);
    snprintf(q->zNum, sizeof(q->zNum), "%.15g", v);
    q->zNote = xstrndup(zNote, nNote);
  }
  xlsx_sheet_free(&s);
  int rc = 0;
  if( r->nIssue ){
    rc = err_set(e, ERR_INPUT, "%d problem%s in the sheet; nothing was filed", r->nIssue, r->nIssue>1 ? "s" : "");
  }else if( nIn>0 ){
    ReportArgs *aA = xcalloc((size_t)nIn, sizeof(ReportArgs));
    BatchItem *aB = xcalloc((size_t)nIn, sizeof(BatchItem));
    for(int i=0; i<nIn; i++){
      aA[i].taskId = atoi(aIn[i].zTask);
      aA[i].zPeriod = r->zPeriod;
      if( aIn[i].col==C_PCT+1 ) aA[i].zPercent = aIn[i].zNum;
      else{
        aA[i].zValue = aIn[i].zNum;
        aA[i].zTarget = aIn[i].zTarget;
      }
      aA[i].zNote = aIn[i].zNote;
    }
    if( ledger_report_batch(p, aA, nIn, aB, e) ){
      for(int i=0; i<nIn; i++){
        if( aB[i].err.code ) issue(r, aIn[i].row, aIn[i].col, "%s", aB[i].err.zMsg);
      }
      if( r->nIssue==0 ) issue(r, 0, 0, "%s", e->zMsg);
      if( e->code!=ERR_INTERNAL ){
        err_set(e, ERR_INPUT, "%d problem%s in the sheet; nothing was filed", r->nIssue,
                r->nIssue>1 ? "s" : "");
      }
      rc = -1;
    }else{
      for(int i=0; i<nIn; i++){
        if( aB[i].repeated ) r->nRepeated++;
        else r->nFiled++;
      }
    }
    free(aA);
    free(aB);
  }
  for(int i=0; i<nIn; i++) free(aIn[i].zNote);
  free(aIn);
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

/* `luoshi report --from-xlsx FILE` (called by cmd_report): file the rows
** of a filled progress sheet as user zAs of ledger zDb.  Prints what was
** filed, or every bad row with its cell; returns the exit status. */
int sheet_cmd_import(const char *zDb, const char *zAs, const char *zFile){
  Err e = {0};
  char *z;
  size_t n;
  if( read_file(zFile, &z, &n, &e) ){
    fprintf(stderr, "luoshi: %s\n", e.zMsg);
    return 1;
  }
  Ledger *L;
  if( ledger_open(zDb, &L, &e) ){
    free(z);
    fprintf(stderr, "luoshi: %s\n", e.zMsg);
    return 1;
  }
  SheetResult r;
  memset(&r, 0, sizeof(r));
  int rc = ledger_act_as(L, zAs, &e);
  if( rc==0 ) rc = sheet_import(L, (const unsigned char*)z, n, &r, &e);
  ledger_close(L);
  free(z);
  if( rc==0 ){
    printf("%s: %s %s: %d reports filed, %d unchanged (already filed), %d rows without progress\n",
           zFile, r.zUnit, r.zPeriod, r.nFiled, r.nRepeated, r.nBlank);
  }else{
    fprintf(stderr, "luoshi: %s: %s\n", zFile, e.zMsg);
    for(int i=0; i<r.nIssue; i++){
      if( r.aIssue[i].zCell[0] ) fprintf(stderr, "  %s: %s\n", r.aIssue[i].zCell, r.aIssue[i].zMsg);
      else if( r.nIssue>1 || strcmp(r.aIssue[i].zMsg, e.zMsg)!=0 ) fprintf(stderr, "  %s\n", r.aIssue[i].zMsg);
    }
  }
  sheet_result_free(&r);
  return rc ? 1 : 0;
}
