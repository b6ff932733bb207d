/*
** source.c -- detect the format of a report file by its content and turn it
** into plain text (see source.h); `luoshi text` shows that text.
**
** Detection looks at the bytes, never at the file name:
**   D0 CF 11 E0 ...      OLE2: an old binary Word (.doc), or a password-
**                        protected .docx (stream EncryptedPackage) -> refused
**   {\rtf                 RTF -> refused
**   %PDF- (first 1 KiB)   PDF -> pdf_in.c
**   PK 03 04 / PK 05 06   zip: DOCX when it holds word/document.xml
**                         (docx_in.c names xlsx, odt ... when not)
**   <!DOCTYPE html, <html, <head, <body, many <p>/<div> tags
**                         HTML -> html_in.c (also after a UTF-16 BOM)
**   anything else         text -> decode.c
*/
#include "source.h"
#include "decode.h"
#include "formats.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* True when the n bytes at a begin with the n2 bytes of z. */
static int starts_with(const unsigned char *a, size_t n, const char *z, size_t n2){
  return n>=n2 && memcmp(a, z, n2)==0;
}

/* True when the ASCII name z occurs in UTF-16LE in the n bytes at a: the
** directory of an OLE2 file names its streams so; a password-protected
** .docx/.xlsx is an OLE2 file with a stream "EncryptedPackage". */
static int has_utf16_name(const unsigned char *a, size_t n, const char *z){
  size_t k = strlen(z);
  for(size_t i=0; i+2*k<=n; i++){
    size_t j = 0;
    while( j<k && a[i+2*j]==(unsigned char)z[j] && a[i+2*j+1]==0 ) j++;
    if( j==k ) return 1;
  }
  return 0;
}

/* True when "%PDF-" occurs in the first KiB (the PDF header may follow
** some junk bytes). */
static int is_pdf(const unsigned char *a, size_t n){
  size_t m = n < 1024 ? n : 1024;
  for(size_t i=0; i+5<=m; i++){
    if( a[i]=='%' && memcmp(a+i, "%PDF-", 5)==0 ) return 1;
  }
  return 0;
}

/* See source.h. */
int source_to_text(const char *zName, const unsigned char *a, size_t n,
                   Buf *out, const char **pzFormat, const char **pzEnc, Err *e){
  *pzFormat = "txt";
  *pzEnc = "UTF-8";
  if( starts_with(a, n, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) ){
    if( has_utf16_name(a, n, "EncryptedPackage") ){
      return err_set(e, ERR_INPUT, "%s: a password-protected Word/Office file; "
                     "save an unprotected copy (.docx or PDF) and import that", zName);
    }
    return err_set(e, ERR_INPUT, "%s: an old binary Word/Office file (.doc); "
                   "save it as .docx or PDF and import that", zName);
  }
  if( starts_with(a, n, "{\\rtf", 5) ){
    return err_set(e, ERR_INPUT, "%s: an RTF document; save it as .docx or PDF "
                   "and import that", zName);
  }
  if( is_pdf(a, n) ){
    *pzFormat = "pdf";
    return pdf_to_text(zName, a, n, out, pzEnc, e);
  }
  if( starts_with(a, n, "PK\x03\x04", 4) || starts_with(a, n, "PK\x05\x06", 4) ){
    *pzFormat = "docx";
    return docx_to_text(zName, a, n, out, pzEnc, e);
  }
  /* A file named .txt is read as HTML only when it is a whole web page
  ** (<!DOCTYPE, <html>…); with a scraper's stray markup it stays text, so
  ** that its spans count in the file as it is (clean.c drops the tags). */
  size_t nName = strlen(zName);
  int bTxt = nName>4 && strcasecmp(zName + nName - 4, ".txt")==0;
  int nSniff = html_sniff(a, n);
  if( nSniff==2 || (nSniff && !bTxt) ){
    *pzFormat = "html";
    return html_to_text(zName, a, n, out, pzEnc, e);
  }
  if( n>=2 && ((a[0]==0xFF && a[1]==0xFE) || (a[0]==0xFE && a[1]==0xFF)) ){
    /* UTF-16: an HTML page saved as "Unicode" is still HTML */
    Buf u8 = BUF_INIT;
    const char *zEnc16;
    if( decode_text(zName, a, n, &u8, &zEnc16, e)==0 && u8.n>0
        && html_sniff((const unsigned char*)u8.a, u8.n)>(bTxt ? 1 : 0) ){
      int rc;
      *pzFormat = "html";
      rc = html_to_text(zName, (const unsigned char*)u8.a, u8.n, out, pzEnc, e);
      *pzEnc = zEnc16;
      buf_free(&u8);
      return rc;
    }
    buf_free(&u8);
    err_clear(e);
  }
  return decode_text(zName, a, n, out, pzEnc, e);
}

/* For a command that reads one report FILE (or - for stdin): check that
** argv holds exactly that after the options, and read it into *pz (caller
** frees) of *pn bytes.  Returns 0, or the exit status after printing the
** error and zUsage. */
int read_report_arg(int argc, char **argv, const char *zUsage, char **pz, size_t *pn){
  Err e = {0};
  if( verify_all_options(argc, argv, &e) || argc!=2 ){
    fprintf(stderr, "luoshi: %s\nUsage: %s\n",
            e.code ? e.zMsg : "one FILE (or - for standard input) is needed", zUsage);
    return 2;
  }
  if( read_file(argv[1], pz, pn, &e) ){
    fprintf(stderr, "luoshi: %s\n", e.zMsg);
    return 1;
  }
  return 0;
}

/*
** COMMAND: text
** Usage: luoshi text FILE|-
**
** Print the plain text luoshi reads from a report file (text, HTML, DOCX
** or PDF, detected by content): the text that is stored in the ledger and
** that every span of `luoshi extract` counts in.  The format and encoding
** found go to standard error.
*/
int cmd_text(int argc, char **argv){
  Err e = {0};
  char *zData;
  size_t nData;
  int rcArg = read_report_arg(argc, argv, "luoshi text FILE|-", &zData, &nData);
  if( rcArg ) return rcArg;
  Buf out = BUF_INIT;
  const char *zFormat, *zEnc;
  int rc = source_to_text(argv[1], (const unsigned char*)zData, nData, &out,
                          &zFormat, &zEnc, &e);
  free(zData);
  if( rc ){
    fprintf(stderr, "luoshi: %s\n", e.zMsg);
    buf_free(&out);
    return 1;
  }
  fwrite(out.a ? out.a : "", 1, out.n, stdout);
  fprintf(stderr, "luoshi: %s: %s, %s, %zu bytes of text\n", argv[1], zFormat, zEnc, out.n);
  buf_free(&out);
  return 0;
}
