/*
** export.h -- the task table (重点任务分解表) of a plan as XLSX, CSV or
** JSON: 序号, 重点任务, 量化目标, 牵头单位, 责任单位, 完成时限, 进度, 状态.
** A view: it reads the ledger (ledger_status) and writes bytes; every
** colour and reason comes from the status engine.
*/
#ifndef LUOSHI_EXPORT_H
#define LUOSHI_EXPORT_H
#include "ledger.h"

typedef enum ExportFormat {
  EXPORT_XLSX = 0,     /* one sheet per part, wrapped, widths set, header
                       ** frozen, A4 landscape, header rows repeated */
  EXPORT_CSV = 1,      /* UTF-8 with BOM (for Excel), one row per task */
  EXPORT_JSON = 2      /* {"plan", "as_of", "columns", "parts":[{"rows"}]} */
} ExportFormat;

/* Write the table of plan planId (0: latest) as it stood on zAsOf (NULL:
** today) to zFile in format f.  Needs ACT_EXPORT. */
int export_table(Ledger *p, int planId, const char *zAsOf, ExportFormat f,
                 const char *zFile, Err *e);

#endif
