/*
** xread.h -- read the contract JSON of `luoshi extract --json`
** (../shared/contract/extract.md) back into an Extraction, so that an
** extraction reviewed or made elsewhere can be imported (`luoshi import
** FILE --extraction FILE.json`).
*/
#ifndef LUOSHI_XREAD_H
#define LUOSHI_XREAD_H
#include "extract.h"

/* Replace the outline and tasks of *p (which already holds the decoded
** source of the same file) with those of the contract JSON text zJson.
** zName names the JSON in error messages.  ERR_INPUT naming the field on
** bad JSON; *p is then left with no nodes and tasks. */
int extraction_read_json(Extraction *p, const char *zJson, const char *zName, Err *e);

#endif
