/*
** docx_out.c -- a document (doc.h) as a Word .docx file.
*/
#include "doc.h"

/* See doc.h. */
int doc_docx(const Doc *d, const char *zCreated, Buf *out, Err *e){
  return err_set(e, ERR_INTERNAL, "DOCX output is not written yet");
}
