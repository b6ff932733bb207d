/*
** export.c -- the 重点任务分解表 as XLSX (libxlsxwriter), CSV and JSON
** (jansson); see export.h.  `luoshi export` is in ledger_cmd.c.
*/
#include "export.h"
#include "auth.h"
#include "buf.h"
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define N_COL 8
static const char *const azHead[N_COL] = {
  "序号", "重点任务", "量化目标", "牵头单位", "责任单位", "完成时限", "进度", "状态"
};
static const double aWidth[N_COL] = {9, 56, 24, 12, 18, 13, 15, 30};

/* The eight cells of one task (new strings, see row_free). */
typedef struct Row Row;
struct Row {
  char *az[N_COL];
  Colour colour;
};

/* One part of the table: its title and rows. */
typedef struct Part Part;
struct Part {
  char *zKey;          /* "2", "A" */
  char *zTitle;        /* "二、2026年工作安排" */
  Row *aRow; int nRow; int nRowAlloc;
};

/* The whole table. */
typedef struct Table Table;
struct Table {
  PlanStatus ps;
  char *zTitle;        /* "临江区2026年政府工作报告重点任务分解表（截至2026-04-30）" */
  Part *aPart; int nPart; int nPartAlloc;
};

/* The cells of task t. */
static void row_fill(Row *r, const Task *t){
  Buf b = BUF_INIT;
  r->az[0] = xstrdup(t->zSeq);
  r->az[1] = xstrdup(t->zText);
  for(int i=0; i<t->nTarget; i++){
    const Target *g = &t->aTarget[i];
    buf_printf(&b, "%s%s", i ? "；" : "", g->zText);
    if( g->zSubject && g->zSubject[0] ) buf_printf(&b, "（%s）", g->zSubject);
  }
  r->az[2] = xstrdup(b.a ? b.a : "");
  buf_reset(&b);
  r->az[3] = xstrdup(t->zLead ? t->zLead : "");
  for(int i=0; i<t->nCo; i++) buf_printf(&b, "%s%s", i ? "、" : "", t->azCo[i]);
  r->az[4] = xstrdup(b.a ? b.a : "");
  r->az[5] = t->deadlineExplicit && t->zDeadlineText && !strstr(t->zEdited ? t->zEdited : "", "deadline")
           ? xprintf("%s（%s）", t->zDeadline, t->zDeadlineText) : xstrdup(t->zDeadline);
  if( t->status.actual<0 ) r->az[6] = xprintf("未有审核进展（序时%.0f%%）", floor(t->status.expected+0.5));
  else r->az[6] = xprintf("%.0f%%（序时%.0f%%）", floor(t->status.actual+0.5), floor(t->status.expected+0.5));
  r->az[7] = xprintf("%s：%s", colour_label(t->status.colour), t->status.zReason);
  r->colour = t->status.colour;
  buf_free(&b);
}

/* The title of part zKey from the outline ("二、2026年工作安排"). */
static char *part_title(const Node *a, int n, const char *zKey){
  if( strcmp(zKey, "0")==0 ) return xstrdup("（未分组）");
  for(int i=0; i<n; i++){
    if( strcmp(a[i].zSeq, zKey)==0 ) return xprintf("%s%s", a[i].zLabel, a[i].zTitle);
  }
  return xstrdup(zKey);
}

/* Free t. */
static void table_free(Table *t){
  for(int i=0; i<t->nPart; i++){
    Part *p = &t->aPart[i];
    for(int k=0; k<p->nRow; k++) for(int c=0; c<N_COL; c++) free(p->aRow[k].az[c]);
    free(p->aRow);
    free(p->zKey);
    free(p->zTitle);
  }
  free(t->aPart);
  free(t->zTitle);
  plan_status_free(&t->ps);
}

/* Read the table of plan planId on zAsOf. */
static int table_load(Ledger *L, int planId, const char *zAsOf, Table *t, Err *e){
  memset(t, 0, sizeof(*t));
  if( auth_check(ledger_user(L), ACT_EXPORT, 0, e) ) return -1;
  if( ledger_status(L, planId, zAsOf, &t->ps, e) ) return -1;
  Node *aNode;
  int nNode;
  if( ledger_node_list(L, t->ps.plan.id, &aNode, &nNode, e) ){
    plan_status_free(&t->ps);
    return -1;
  }
  t->zTitle = xprintf("%s%d年政府工作报告重点任务分解表（截至%s）", t->ps.plan.zRegion,
                      t->ps.plan.year, t->ps.zAsOf);
  for(int i=0; i<t->ps.nTask; i++){
    const Task *k = &t->ps.aTask[i];
    char zKey[32];
    const char *zSeq = k->zSeq;
    size_t n = strcspn(zSeq, ".");
    snprintf(zKey, sizeof(zKey), "%.*s", (int)(zSeq[0]>='A' && zSeq[0]<='Z' ? 1 : n), zSeq);
    Part *p = 0;
    for(int j=0; j<t->nPart; j++) if( strcmp(t->aPart[j].zKey, zKey)==0 ) p = &t->aPart[j];
    if( p==0 ){
      p = ARRAY_PUSH(t->aPart, t->nPart, t->nPartAlloc);
      p->zKey = xstrdup(zKey);
      p->zTitle = part_title(aNode, nNode, zKey);
    }
    row_fill(ARRAY_PUSH(p->aRow, p->nRow, p->nRowAlloc), k);
  }
  node_list_free(aNode, nNode);
  return 0;
}

/* ---- XLSX ---- */

/* A sheet name for title z: at most 31 characters, without []:*?/\ ,
** unique among the n names in azUsed (caller frees). */
static char *sheet_name(const char *z, char **azUsed, int n){
  Buf b = BUF_INIT;
  int nCp = 0;
  for(const unsigned char *s=(const unsigned char*)z; *s && nCp<28; ){
    int len = *s<0x80 ? 1 : *s<0xE0 ? 2 : *s<0xF0 ? 3 : 4;
    if( !strchr("[]:*?/\\'", *s) ) buf_append(&b, s, (size_t)len);
    s += len;
    nCp++;
  }
  char *zBase = xstrdup(b.a ? b.a : "表");
  buf_free(&b);
  char *zName = xstrdup(zBase);
  for(int k=2; ; k++){
    int used = 0;
    for(int i=0; i<n; i++) if( strcmp(azUsed[i], zName)==0 ) used = 1;
    if( !used ) break;
    free(zName);
    zName = xprintf("%s(%d)", zBase, k);
  }
  free(zBase);
  return zName;
}

/* Write t as an XLSX workbook to zFile. */
static int write_xlsx(Table *t, const char *zFile, Err *e){
  lxw_workbook *wb = workbook_new(zFile);
  if( wb==0 ) return err_set(e, ERR_INPUT, "%s: cannot create the workbook", zFile);
  lxw_format *fTitle = workbook_add_format(wb);
  format_set_bold(fTitle);
  format_set_font_size(fTitle, 16);
  format_set_align(fTitle, LXW_ALIGN_CENTER);
  format_set_align(fTitle, LXW_ALIGN_VERTICAL_CENTER);
  lxw_format *fHead = workbook_add_format(wb);
  format_set_bold(fHead);
  format_set_text_wrap(fHead);
  format_set_align(fHead, LXW_ALIGN_CENTER);
  format_set_align(fHead, LXW_ALIGN_VERTICAL_CENTER);
  format_set_border(fHead, LXW_BORDER_THIN);
  format_set_bg_color(fHead, 0xD9E1F2);
  lxw_format *fCell = workbook_add_format(wb);
  format_set_text_wrap(fCell);
  format_set_align(fCell, LXW_ALIGN_VERTICAL_TOP);
  format_set_border(fCell, LXW_BORDER_THIN);
  static const lxw_color_t aFill[N_COLOUR] = {0xC6EFCE, 0xFFEB9C, 0xFFC7CE, 0xD9D9D9};
  lxw_format *aStatus[N_COLOUR];
  for(int c=0; c<N_COLOUR; c++){
    aStatus[c] = workbook_add_format(wb);
    format_set_text_wrap(aStatus[c]);
    format_set_align(aStatus[c], LXW_ALIGN_VERTICAL_TOP);
    format_set_border(aStatus[c], LXW_BORDER_THIN);
    format_set_bg_color(aStatus[c], aFill[c]);
  }
  char **azUsed = xcalloc((size_t)(t->nPart+1), sizeof(char*));
  for(int i=0; i<t->nPart; i++){
    Part *p = &t->aPart[i];
    azUsed[i] = sheet_name(p->zTitle, azUsed, i);
    lxw_worksheet *ws = workbook_add_worksheet(wb, azUsed[i]);
    if( ws==0 ){
      workbook_close(wb);
      for(int k=0; k<=i; k++) free(azUsed[k]);
      free(azUsed);
      return err_set(e, ERR_INTERNAL, "%s: cannot add the sheet %s", zFile, p->zTitle);
    }
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);                 /* A4 */
    worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
    worksheet_fit_to_pages(ws, 1, 0);           /* one page wide, as long as needed */
    worksheet_repeat_rows(ws, 1, 1);            /* the header row on every page */
    worksheet_freeze_panes(ws, 2, 0);
    worksheet_set_footer(ws, "&C第 &P 页，共 &N 页");
    for(int c=0; c<N_COL; c++) worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, aWidth[c], 0);
    char *zSheetTitle = xprintf("%s  %s", t->zTitle, p->zTitle);
    worksheet_set_row(ws, 0, 30, 0);
    worksheet_merge_range(ws, 0, 0, 0, N_COL-1, zSheetTitle, fTitle);
    free(zSheetTitle);
    for(int c=0; c<N_COL; c++) worksheet_write_string(ws, 1, (lxw_col_t)c, azHead[c], fHead);
    for(int k=0; k<p->nRow; k++){
      Row *r = &p->aRow[k];
      for(int c=0; c<N_COL; c++){
        worksheet_write_string(ws, (lxw_row_t)(k+2), (lxw_col_t)c, r->az[c],
                               c==N_COL-1 ? aStatus[r->colour] : fCell);
      }
    }
  }
  for(int i=0; i<t->nPart; i++) free(azUsed[i]);
  free(azUsed);
  lxw_error rc = workbook_close(wb);
  if( rc!=LXW_NO_ERROR ) return err_set(e, ERR_INPUT, "%s: %s", zFile, lxw_strerror(rc));
  return 0;
}

/* ---- CSV ---- */

/* Append z as one CSV field (quoted when needed). */
static void csv_field(Buf *b, const char *z, int bLast){
  if( strpbrk(z, ",\"\r\n") ){
    buf_putc(b, '"');
    for(const char *s=z; *s; s++){
      if( *s=='"' ) buf_putc(b, '"');
      buf_putc(b, *s);
    }
    buf_putc(b, '"');
  }else{
    buf_puts(b, z);
  }
  buf_puts(b, bLast ? "\r\n" : ",");
}

/* Write bytes b to zFile. */
static int write_bytes(const char *zFile, const char *a, size_t n, Err *e){
  FILE *f = fopen(zFile, "wb");
  if( f==0 ) return err_set(e, ERR_INPUT, "%s: cannot write", zFile);
  int bad = fwrite(a, 1, n, f)!=n;
  bad |= fclose(f)!=0;
  return bad ? err_set(e, ERR_INPUT, "%s: write failed", zFile) : 0;
}

/* Write t as CSV (UTF-8 with BOM, CRLF) to zFile. */
static int write_csv(Table *t, const char *zFile, Err *e){
  Buf b = BUF_INIT;
  buf_puts(&b, "\xEF\xBB\xBF");
  csv_field(&b, "部分", 0);
  for(int c=0; c<N_COL; c++) csv_field(&b, azHead[c], c==N_COL-1);
  for(int i=0; i<t->nPart; i++){
    for(int k=0; k<t->aPart[i].nRow; k++){
      csv_field(&b, t->aPart[i].zTitle, 0);
      for(int c=0; c<N_COL; c++) csv_field(&b, t->aPart[i].aRow[k].az[c], c==N_COL-1);
    }
  }
  int rc = write_bytes(zFile, b.a, b.n, e);
  buf_free(&b);
  return rc;
}

/* ---- JSON ---- */

/* Write t as JSON to zFile. */
static int write_json(Table *t, const char *zFile, Err *e){
  static const char *azKey[N_COL] = {"seq", "task", "targets", "lead", "co", "deadline", "progress", "status"};
  json_t *root = json_object();
  json_object_set_new(root, "title", json_string(t->zTitle));
  json_object_set_new(root, "plan", json_pack("{s:i, s:s, s:i}", "id", t->ps.plan.id,
                      "region", t->ps.plan.zRegion, "year", t->ps.plan.year));
  json_object_set_new(root, "as_of", json_string(t->ps.zAsOf));
  json_t *aCol = json_array();
  for(int c=0; c<N_COL; c++) json_array_append_new(aCol, json_pack("{s:s, s:s}", "key", azKey[c], "title", azHead[c]));
  json_object_set_new(root, "columns", aCol);
  json_t *aParts = json_array();
  for(int i=0; i<t->nPart; i++){
    json_t *aRows = json_array();
    for(int k=0; k<t->aPart[i].nRow; k++){
      Row *r = &t->aPart[i].aRow[k];
      json_t *o = json_object();
      for(int c=0; c<N_COL; c++) json_object_set_new(o, azKey[c], json_string(r->az[c]));
      json_object_set_new(o, "colour", json_string(colour_name(r->colour)));
      json_array_append_new(aRows, o);
    }
    json_array_append_new(aParts, json_pack("{s:s, s:s, s:o}", "key", t->aPart[i].zKey,
                          "title", t->aPart[i].zTitle, "rows", aRows));
  }
  json_object_set_new(root, "parts", aParts);
  char *z = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
  json_decref(root);
  int rc = write_bytes(zFile, z, strlen(z), e);
  free(z);
  return rc;
}

/* See export.h. */
int export_table(Ledger *p, int planId, const char *zAsOf, ExportFormat f,
                 const char *zFile, Err *e){
  Table t;
  if( table_load(p, planId, zAsOf, &t, e) ) return -1;
  int rc = f==EXPORT_XLSX ? write_xlsx(&t, zFile, e)
         : f==EXPORT_CSV ? write_csv(&t, zFile, e) : write_json(&t, zFile, e);
  table_free(&t);
  return rc;
}
