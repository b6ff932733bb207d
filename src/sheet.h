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

#endif
