/*
** units.h -- the built-in catalogue of a typical district's departments
** and towns (with the common provincial and city names), and the
** suggestion of responsible units for a task.
**
** Suggestion: a unit named in the task text wins — "（牵头单位：X、Y；责任
** 单位：A、B）", "（责任单位：X）" or "（X牵头）"; otherwise every unit's
** keywords are looked for in the text and the best-scoring unit leads.
*/
#ifndef LUOSHI_UNITS_H
#define LUOSHI_UNITS_H
#include "ledger.h"

/* One unit of the built-in catalogue. */
typedef struct UnitDef UnitDef;
struct UnitDef {
  const char *zName;      /* as shown */
  const char *zKind;      /* department, town, upper */
  const char *zAliases;   /* comma-separated */
  const char *zKeywords;  /* comma-separated */
};
extern const UnitDef aUnitCatalogue[];
extern const int nUnitCatalogue;

/* 1 when z names unit u: its name or an alias, also with a leading 区/县/
** 市/省 added or dropped ("区教育局" names "教育局"). */
int unit_named(const Unit *u, const char *z);

/* Unit names written into the task text: fills *pazLead and *pazCo with new
** strings (caller frees each and the arrays).  When only 责任单位 is given,
** its first name leads.  Returns the number of names found. */
int units_explicit(const char *zText, char ***pazLead, int *pnLead,
                   char ***pazCo, int *pnCo);

/* Suggest from keywords: the index in a[0..n) of the lead unit (-1 when no
** keyword matches) and up to nCoMax co-responsible units into aCo[]
** (*pnCo).  Only active units that are not "upper" are suggested. */
void units_suggest(const Unit *a, int n, const char *zText, int *piLead,
                   int *aCo, int *pnCo, int nCoMax);

/* Score of unit u for zText: the number of its keywords found. */
int unit_score(const Unit *u, const char *zText);

/* Split a comma (or 、 ，) separated list into new strings (caller frees);
** empty items are dropped. */
int list_split(const char *z, char ***paz);
void list_free(char **az, int n);

#endif
