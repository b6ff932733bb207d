/*
** fuzz_docx.c -- libFuzzer harness of the DOCX reader (docx_in.c).
**
** An input that starts with "PK" goes to the reader as is (the zip path:
** libzip, damaged archives).  Any other input is split at NUL bytes into
** word/document.xml, word/numbering.xml, word/styles.xml and
** word/footnotes.xml, which are zipped (stored) on the spot, so that the
** mutations reach the XML and the numbering, tables and notes behind it.
** Fails on a crash, a sanitizer report, or text that breaks the reader's
** promise (valid UTF-8, no empty line, no control but tab and newline).
*/
#include "formats.h"
#include "zipmem.h"
#include <stdlib.h>
#include <string.h>

/* Abort unless the n bytes at z are text as formats.h promises. */
static void check_text(const char *z, size_t n){
  if( utf8_valid_prefix((const unsigned char*)z, n)!=n ) abort();
  for(size_t i=0; i<n; i++){
    unsigned char c = (unsigned char)z[i];
    if( c<0x20 && c!='\t' && c!='\n' ) abort();
    if( c=='\n' && (i==0 || z[i-1]=='\n') ) abort();
  }
  if( n>0 && z[n-1]!='\n' ) abort();
}

/* Run the reader on n bytes a[] and check what it says. */
static void read_docx(const unsigned char *a, size_t n){
  Buf out = BUF_INIT;
  Err e = {0};
  const char *zEnc = 0;
  if( docx_to_text("fuzz.docx", a, n, &out, &zEnc, &e)==0 ){
    check_text(out.a ? out.a : "", out.n);
  }else if( e.code==0 || e.zMsg[0]==0 || strchr(e.zMsg, '\n') ){
    abort();
  }
  buf_free(&out);
}

int LLVMFuzzerTestOneInput(const unsigned char *a, size_t n){
  if( n>=2 && a[0]=='P' && a[1]=='K' ){
    read_docx(a, n);
    return 0;
  }
  static const char *const azName[] = {
    "word/document.xml", "word/numbering.xml", "word/styles.xml", "word/footnotes.xml",
  };
  Buf zip = BUF_INIT;
  if( zipmem_from_parts(azName, 4, a, n, &zip)==0 ){
    read_docx((const unsigned char*)zip.a, zip.n);
  }
  buf_free(&zip);
  return 0;
}
