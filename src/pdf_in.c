/* pdf_in.c -- a report published as PDF to plain text. */
#include "formats.h"
int pdf_to_text(const char *zName, const unsigned char *a, size_t n,
                Buf *out, const char **pzEnc, Err *e){
  return err_set(e, ERR_INPUT, "%s: PDF input is not supported yet", zName);
}
