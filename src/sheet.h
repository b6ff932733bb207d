/*
** sheet.h -- the XLSX round trip that lets each unit report once: a
** progress sheet (进展填报表) of one unit's tasks for one month, filled in
** Excel or WPS, read back and filed as progress reports all or none.
**
** The sheet (worksheet "进展填报"): the title in row 1, 填报单位 in B2 and
** 填报期 (YYYY-MM) in D2, instructions in row 3, the header in row 4, then
** one row per target of each published task of the unit (one row with a
** percent for a task without targets):
**   A 序号  B 重点任务  C 量化目标  D 完成时限  E 上次填报
**   F 本期完成值 (input, a number >= 0, for a target)
**   G 完成百分比 (input, 0 to 100, for a task without targets)
**   H 进展情况 (input, the narrative)
**   I 任务编号  J 目标编号 (0: percent)  K 预填值   (hidden)
** F, G (prefilled with the last value reported) and H (prefilled only with
** this month's report, when there is one) are the only unlocked cells; the
** sheet is protected without a password, numbers are validated, the
** header is frozen, it prints on A4 landscape.
**
** Reading it back: a row with a narrative becomes a report (its value in
** F, or its percent in G); a row without one is left out, unless its
** value was changed from the prefilled one (an error: the narrative is
** missing).  Every row is checked (cell types, the task belongs to the
** sheet's unit, and everything ledger_report_submit checks); when any is
** bad, nothing is filed and each bad row is listed with its cell address
** and reason.  Otherwise all rows are filed in one transaction
** (ledger_report_batch); a row equal to a live report is not filed again,
** so the same sheet uploaded twice files nothing the second time.
**
** For the web app (unit workspace):
**   sheet_export(L, zUnit, zPeriod, &buf, &e)   download (.xlsx,
**     application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)
**   sheet_import(L, a, n, &res, &e)              upload; on failure show
**     e.zMsg and res.aIssue[] (zCell, zMsg); on success res.nFiled etc.
*/
#ifndef LUOSHI_SHEET_H
#define LUOSHI_SHEET_H
#include "buf.h"
#include "ledger.h"

/* ---- the sheet ---- */

/* Write the progress sheet of unit zUnit (name, alias or id; NULL: the
** acting unit user's own unit) for month zPeriod (YYYY-MM; NULL: the month
** before today) as XLSX bytes appended to out.  The tasks are those the
** acting user may see. */
int sheet_export(Ledger *p, const char *zUnit, const char *zPeriod, Buf *out, Err *e);

/* One bad row or cell of an imported sheet. */
typedef struct SheetIssue SheetIssue;
struct SheetIssue {
  char zCell[16];      /* "F7", or "" for the file as a whole */
  int row;             /* sheet row (1-based), 0 for the file */
  char zMsg[512];      /* what is wrong, in Chinese where luoshi words it,
                       ** else the ledger's message */
};

/* What an import did. */
typedef struct SheetResult SheetResult;
struct SheetResult {
  char zUnit[128];     /* the sheet's 填报单位 */
  char zPeriod[8];     /* its 填报期 */
  int nRow;            /* task rows read */
  int nFiled;          /* reports filed */
  int nRepeated;       /* rows equal to a live report: not filed again */
  int nBlank;          /* rows without a narrative: not reported */
  SheetIssue *aIssue;  /* bad rows (nothing was filed when nIssue>0) */
  int nIssue;
};

/* Read a filled sheet (the bytes a[0..n)) and file its rows as reports of
** the acting user, all or none.  Returns 0 when filed (or nothing to
** file); else nonzero with e saying why and r->aIssue listing the bad rows
** (a file that is not an XLSX, or not a luoshi sheet, is one issue).  Free
** r with sheet_result_free() in both cases. */
int sheet_import(Ledger *p, const unsigned char *a, size_t n, SheetResult *r, Err *e);
void sheet_result_free(SheetResult *r);
/* `luoshi report --from-xlsx FILE` (ledger_cmd.c calls it): import file
** zFile into ledger zDb as user zAs (NULL: the public), print the result
** or every bad row; returns the exit status. */
int sheet_cmd_import(const char *zDb, const char *zAs, const char *zFile);

/* ---- the XLSX reader under sheet_import (libzip + libxml2) ---- */

/* One cell with a value. */
typedef struct XlsxCell XlsxCell;
struct XlsxCell {
  int row, col;        /* 1-based: A1 is row 1, col 1 */
  char *zText;         /* the text (a number as written in the file) */
  int isNumber;        /* 1 when the cell holds a number (type n) */
  double v;            /* its value when isNumber */
};

/* The cells of one worksheet, in file order. */
typedef struct XlsxSheet XlsxSheet;
struct XlsxSheet {
  char *zName;         /* the worksheet's name */
  XlsxCell *aCell;
  int nCell, nCellAlloc;
};

/* Read the first worksheet of the XLSX file a[0..n): shared strings,
** inline strings, formula strings, numbers and booleans, each at its
** address.  ERR_INPUT when a is not an XLSX file (not a zip, no workbook,
** bad XML, a part over 64 MB).  Free with xlsx_sheet_free(). */
int xlsx_read(const unsigned char *a, size_t n, XlsxSheet *s, Err *e);
void xlsx_sheet_free(XlsxSheet *s);
/* The cell at (row, col), or NULL when empty. */
const XlsxCell *xlsx_cell(const XlsxSheet *s, int row, int col);
/* Parse a cell address "F7" (or "$F$7") into row and col; nonzero when z
** is not one. */
int xlsx_ref_parse(const char *z, int *pRow, int *pCol);
/* The address of (row, col) as "F7" into z[16]. */
void xlsx_ref_name(int row, int col, char z[16]);

#endif
