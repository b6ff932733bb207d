/* docx_in.c -- a report written in Word (.docx) to plain text. */
#include "formats.h"
int docx_to_text(const char *zName, const unsigned char *a, size_t n,
                 Buf *out, const char **pzEnc, Err *e){
  return err_set(e, ERR_INPUT, "%s: DOCX input is not supported yet", zName);
}
void docx_format_number(Buf *out, int n, const char *zFmt){ buf_printf(out, "%d", n); }
