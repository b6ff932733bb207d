/*
** source.h -- a published report file to plain UTF-8 text, whatever its
** format: plain text (decode.c), HTML (html_in.c), DOCX (docx_in.c) or PDF
** (pdf_in.c), detected by content, not by file name.
*/
#ifndef LUOSHI_SOURCE_H
#define LUOSHI_SOURCE_H
#include "buf.h"
#include "util.h"

/* Convert n bytes a[] read from zName into plain text in out. Sets
** *pzFormat ("txt", "html", "docx", "pdf") and *pzEnc (the character
** encoding of the input). On failure sets e with a one-line message naming
** the file and what to do, and returns nonzero. */
int source_to_text(const char *zName, const unsigned char *a, size_t n,
                   Buf *out, const char **pzFormat, const char **pzEnc, Err *e);

int read_report_arg(int argc, char **argv, const char *zUsage, char **pz, size_t *pn);

#endif
