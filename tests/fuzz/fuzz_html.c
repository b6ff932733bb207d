/*
** fuzz_html.c -- libFuzzer harness of the HTML reader (html_in.c): any
** bytes in, plain text out.  Fails on a crash, a sanitizer report, or text
** that breaks the reader's promise: valid UTF-8, one line per paragraph,
** no empty line, no control character but tab and newline.
*/
#include "formats.h"
#include <stdlib.h>

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

int LLVMFuzzerTestOneInput(const unsigned char *a, size_t n){
  Buf out = BUF_INIT;
  Err e = {0};
  const char *zEnc = 0;
  if( html_to_text("fuzz.html", a, n, &out, &zEnc, &e)==0 ){
    check_text(out.a ? out.a : "", out.n);
    if( zEnc==0 ) abort();
  }else if( e.code==0 || e.zMsg[0]==0 ){
    abort();
  }
  buf_free(&out);
  return 0;
}
