/*
** source.c -- detect the format of a report file by its content and turn it
** into plain text (see source.h).
*/
#include "source.h"
#include "decode.h"
#include <string.h>

/* True when the n bytes at a begin with the n2 bytes of z. */
static int starts_with(const unsigned char *a, size_t n, const char *z, size_t n2){
  return n>=n2 && memcmp(a, z, n2)==0;
}

/* See source.h. */
int source_to_text(const char *zName, const unsigned char *a, size_t n,
                   Buf *out, const char **pzFormat, const char **pzEnc, Err *e){
  *pzFormat = "txt";
  *pzEnc = "UTF-8";
  if( starts_with(a, n, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) ){
    return err_set(e, ERR_INPUT, "%s: an old binary Word/Office file (.doc); "
                   "save it as .docx or PDF and import that", zName);
  }
  if( starts_with(a, n, "%PDF-", 5) ){
    return err_set(e, ERR_INPUT, "%s: PDF input is not supported yet", zName);
  }
  if( starts_with(a, n, "PK\x03\x04", 4) ){
    return err_set(e, ERR_INPUT, "%s: DOCX input is not supported yet", zName);
  }
  return decode_text(zName, a, n, out, pzEnc, e);
}
