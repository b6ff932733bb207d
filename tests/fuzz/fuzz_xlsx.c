/*
** fuzz_xlsx.c -- libFuzzer harness of the XLSX reader under the progress
** sheet's import (sheet.c xlsx_read): the one file a unit uploads.
**
** An input that starts with "PK" goes to the reader as is (the zip path:
** libzip, damaged archives).  Any other input is split at NUL bytes into
** xl/workbook.xml, xl/_rels/workbook.xml.rels, xl/sharedStrings.xml and
** xl/worksheets/sheet1.xml, which are zipped (stored) on the spot, so that
** the mutations reach the XML, the relationships and the cells.  Fails on
** a crash, a sanitizer report, an error without a one-line message, or a
** cell outside the sheet's bounds.
*/
#include "sheet.h"
#include "zipmem.h"
#include <stdlib.h>
#include <string.h>

/* Run the reader on n bytes a[] and check what it says. */
static void read_xlsx(const unsigned char *a, size_t n){
  XlsxSheet s;
  Err e = {0};
  if( xlsx_read(a, n, &s, &e)==0 ){
    for(int i=0; i<s.nCell; i++){
      const XlsxCell *c = &s.aCell[i];
      if( c->row<1 || c->row>1048576 || c->col<1 || c->col>16384 || c->zText==0 ) abort();
    }
    if( s.nCell ) (void)xlsx_cell(&s, s.aCell[0].row, s.aCell[0].col);
    xlsx_sheet_free(&s);
  }else if( e.code==0 || e.zMsg[0]==0 || strchr(e.zMsg, '\n') ){
    abort();
  }
}

int LLVMFuzzerTestOneInput(const unsigned char *a, size_t n){
  if( n>=2 && a[0]=='P' && a[1]=='K' ){
    read_xlsx(a, n);
    return 0;
  }
  static const char *const azName[] = {
    "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml",
  };
  Buf zip = BUF_INIT;
  if( zipmem_from_parts(azName, 4, a, n, &zip)==0 ){
    read_xlsx((const unsigned char*)zip.a, zip.n);
  }
  buf_free(&zip);
  return 0;
}
