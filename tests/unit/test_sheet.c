/* test_sheet.c -- the XLSX reader under the progress sheet's import
** (sheet.c: cell addresses, shared strings with rich text and phonetic
** runs, inline strings, formula strings, numbers, cells without an
** address, refusals) and the document model's renderings (doc.c,
** docx_out.c: escaping, a well-formed package). */
#include "unit.h"
#include "brief.h"
#include "sheet.h"
#include "../fuzz/zipmem.h"
#include <stdio.h>

static const char zWorkbook[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
  " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
  "<sheets><sheet name=\"进展填报\" sheetId=\"1\" r:id=\"rId7\"/><sheet name=\"second\" sheetId=\"2\" r:id=\"rId8\"/></sheets></workbook>";
static const char zRels[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId8\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/other.xml\"/>"
  "<Relationship Id=\"rId7\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/worksheets/first.xml\"/>"
  "<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"strings.xml\"/>"
  "</Relationships>";
static const char zStrings[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
  "<si><t>住建局</t></si>"
  "<si><r><rPr><b/></rPr><t>已开工</t></r><r><t xml:space=\"preserve\">10个 &amp; 更多</t></r>"
  "<rPh sb=\"0\" eb=\"1\"><t>ZHU</t></rPh></si>"
  "</sst>";
static const char zSheet[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
  "<row r=\"2\"><c r=\"B2\" t=\"s\"><v>0</v></c><c r=\"D2\" t=\"inlineStr\"><is><t>2026-06</t></is></c></row>"
  "<row r=\"5\"><c r=\"F5\"><v>12.5</v></c><c r=\"G5\" t=\"str\"><f>1+1</f><v>two</v></c>"
  "<c r=\"H5\" t=\"s\"><v>1</v></c><c r=\"I5\" t=\"b\"><v>1</v></c><c r=\"J5\" s=\"3\"/>"
  "<c r=\"K5\" t=\"s\"><v>99</v></c></row>"
  "<row><c><v>7</v></c><c t=\"inlineStr\"><is><t>next</t></is></c></row>"
  "<row r=\"9\"><c r=\"AB9\" t=\"n\"><v>1e3</v></c><c r=\"C9\" t=\"n\"><v>x1</v></c></row>"
  "</sheetData></worksheet>";

/* An XLSX of the given parts (NULL parts left out) into out. */
static void make_xlsx(Buf *out, const char *zWb, const char *zRel, const char *zStr, const char *zWs){
  const char *azName[4];
  const unsigned char *aData[4];
  size_t anData[4];
  int n = 0;
  if( zWb ){ azName[n] = "xl/workbook.xml"; aData[n] = (const unsigned char*)zWb; anData[n++] = strlen(zWb); }
  if( zRel ){ azName[n] = "xl/_rels/workbook.xml.rels"; aData[n] = (const unsigned char*)zRel; anData[n++] = strlen(zRel); }
  if( zStr ){ azName[n] = "xl/strings.xml"; aData[n] = (const unsigned char*)zStr; anData[n++] = strlen(zStr); }
  if( zWs ){ azName[n] = "xl/worksheets/first.xml"; aData[n] = (const unsigned char*)zWs; anData[n++] = strlen(zWs); }
  assert_int_equal(zipmem_build(azName, aData, anData, n, out), 0);
}

static void test_refs(void **state){
  int r, c;
  char z[16];
  assert_int_equal(xlsx_ref_parse("A1", &r, &c), 0);
  assert_int_equal(r, 1); assert_int_equal(c, 1);
  assert_int_equal(xlsx_ref_parse("$F$7", &r, &c), 0);
  assert_int_equal(r, 7); assert_int_equal(c, 6);
  assert_int_equal(xlsx_ref_parse("AA10", &r, &c), 0);
  assert_int_equal(c, 27);
  assert_int_equal(xlsx_ref_parse("XFD1048576", &r, &c), 0);
  assert_int_equal(c, 16384); assert_int_equal(r, 1048576);
  assert_int_not_equal(xlsx_ref_parse("", &r, &c), 0);
  assert_int_not_equal(xlsx_ref_parse("1A", &r, &c), 0);
  assert_int_not_equal(xlsx_ref_parse("A0", &r, &c), 0);
  assert_int_not_equal(xlsx_ref_parse("XFE1", &r, &c), 0);
  assert_int_not_equal(xlsx_ref_parse("A1048577", &r, &c), 0);
  assert_int_not_equal(xlsx_ref_parse("a1", &r, &c), 0);
  assert_int_not_equal(xlsx_ref_parse("A1:B2", &r, &c), 0);
  for(int col=1; col<=16384; col+=97){
    xlsx_ref_name(12, col, z);
    assert_int_equal(xlsx_ref_parse(z, &r, &c), 0);
    assert_int_equal(c, col);
    assert_int_equal(r, 12);
  }
  xlsx_ref_name(7, 6, z);
  assert_string_equal(z, "F7");
  xlsx_ref_name(1, 28, z);
  assert_string_equal(z, "AB1");
}

static void test_read_cells(void **state){
  Buf x = BUF_INIT;
  XlsxSheet s;
  Err e = {0};
  make_xlsx(&x, zWorkbook, zRels, zStrings, zSheet);
  assert_int_equal(xlsx_read((const unsigned char*)x.a, x.n, &s, &e), 0);
  assert_string_equal(s.zName, "进展填报");
  const XlsxCell *c = xlsx_cell(&s, 2, 2);
  assert_non_null(c);
  assert_string_equal(c->zText, "住建局");
  assert_false(c->isNumber);
  assert_string_equal(xlsx_cell(&s, 2, 4)->zText, "2026-06");
  c = xlsx_cell(&s, 5, 6);
  assert_true(c->isNumber);
  assert_true(c->v==12.5);
  assert_string_equal(xlsx_cell(&s, 5, 7)->zText, "two");          /* formula string */
  assert_false(xlsx_cell(&s, 5, 7)->isNumber);
  assert_string_equal(xlsx_cell(&s, 5, 8)->zText, "已开工10个 & 更多");   /* rich text, no phonetics */
  assert_string_equal(xlsx_cell(&s, 5, 9)->zText, "1");            /* boolean */
  assert_false(xlsx_cell(&s, 5, 9)->isNumber);
  assert_null(xlsx_cell(&s, 5, 10));                               /* styled, empty */
  assert_null(xlsx_cell(&s, 5, 11));                               /* no such shared string */
  /* cells without addresses follow the row before and each other */
  assert_true(xlsx_cell(&s, 6, 1)->isNumber);
  assert_string_equal(xlsx_cell(&s, 6, 2)->zText, "next");
  assert_true(xlsx_cell(&s, 9, 28)->v==1000);
  assert_false(xlsx_cell(&s, 9, 3)->isNumber);                     /* "x1" is not a number */
  xlsx_sheet_free(&s);
  buf_free(&x);
}

static void test_read_refusals(void **state){
  Buf x = BUF_INIT;
  XlsxSheet s;
  Err e = {0};
  assert_int_not_equal(xlsx_read((const unsigned char*)"hello", 5, &s, &e), 0);
  assert_int_equal(e.code, ERR_INPUT);
  assert_non_null(strstr(e.zMsg, "not an XLSX file"));
  err_clear(&e);
  assert_int_not_equal(xlsx_read((const unsigned char*)"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, &s, &e), 0);
  assert_non_null(strstr(e.zMsg, ".xls"));
  err_clear(&e);
  /* a zip without a workbook */
  const char *azName[1] = {"word/document.xml"};
  const unsigned char *aData[1] = {(const unsigned char*)"<w:document/>"};
  size_t anData[1] = {13};
  assert_int_equal(zipmem_build(azName, aData, anData, 1, &x), 0);
  assert_int_not_equal(xlsx_read((const unsigned char*)x.a, x.n, &s, &e), 0);
  assert_non_null(strstr(e.zMsg, "a Word document"));
  err_clear(&e);
  /* bad XML in the sheet */
  make_xlsx(&x, zWorkbook, zRels, zStrings, "<worksheet><sheetData><row>");
  assert_int_not_equal(xlsx_read((const unsigned char*)x.a, x.n, &s, &e), 0);
  assert_non_null(strstr(e.zMsg, "not well-formed"));
  err_clear(&e);
  /* the sheet the workbook names is missing */
  make_xlsx(&x, zWorkbook, zRels, zStrings, 0);
  assert_int_not_equal(xlsx_read((const unsigned char*)x.a, x.n, &s, &e), 0);
  assert_non_null(strstr(e.zMsg, "missing"));
  err_clear(&e);
  /* a workbook without sheets */
  make_xlsx(&x, "<workbook><sheets/></workbook>", 0, 0, 0);
  assert_int_not_equal(xlsx_read((const unsigned char*)x.a, x.n, &s, &e), 0);
  assert_non_null(strstr(e.zMsg, "without a worksheet"));
  err_clear(&e);
  /* no sheetData */
  make_xlsx(&x, zWorkbook, zRels, 0, "<worksheet/>");
  assert_int_not_equal(xlsx_read((const unsigned char*)x.a, x.n, &s, &e), 0);
  assert_non_null(strstr(e.zMsg, "sheetData"));
  /* truncated archives fail cleanly */
  make_xlsx(&x, zWorkbook, zRels, zStrings, zSheet);
  for(size_t k=0; k<x.n; k+=37){
    Err e2 = {0};
    if( xlsx_read((const unsigned char*)x.a, k, &s, &e2)==0 ) xlsx_sheet_free(&s);
    else assert_true(e2.code!=0 && e2.zMsg[0]);
  }
  buf_free(&x);
}

static void test_doc_escaping(void **state){
  Doc d;
  memset(&d, 0, sizeof(d));
  d.zTitle = xstrdup("T<1>");
  doc_add(&d, BLK_TITLE, "标题\n第二行");
  doc_add(&d, BLK_PARA, "%s", "a<b>&\"c\"\x01");
  const char *azHead[2] = {"甲", "乙"};
  int aW[2] = {500, 500};
  DocTable *t = doc_table(&d, 2, azHead, aW);
  doc_cell(t, COLOUR_RED, "%d", 3);
  doc_cell(t, -1, "<x>");
  assert_int_equal(doc_table_rows(t), 1);
  Buf h = BUF_INIT, x = BUF_INIT, txt = BUF_INIT;
  doc_html(&d, 0, &h);
  assert_non_null(strstr(h.a, "<title>T&lt;1&gt;</title>"));
  assert_non_null(strstr(h.a, "<h1>标题<br>第二行</h1>"));
  assert_non_null(strstr(h.a, "<p>a&lt;b&gt;&amp;&quot;c&quot;"));
  assert_non_null(strstr(h.a, "<td class=\"c2\">3</td><td>&lt;x&gt;</td>"));
  buf_reset(&h);
  doc_html(&d, 1, &h);
  assert_int_equal(strncmp(h.a, "<article class=\"gongwen\">", 25), 0);
  doc_text(&d, &txt);
  assert_non_null(strstr(txt.a, "| 3 [红] | <x> |"));
  Err e = {0};
  assert_int_equal(doc_docx(&d, "2026-07-11", &x, &e), 0);
  assert_true(x.n>1000 && x.a[0]=='P' && x.a[1]=='K');
  /* the body is well-formed and escaped: read it back with libzip */
  zip_error_t ze;
  zip_source_t *src = zip_source_buffer_create(x.a, x.n, 0, &ze);
  zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &ze);
  assert_non_null(za);
  zip_file_t *f = zip_fopen(za, "word/document.xml", 0);
  assert_non_null(f);
  Buf body = BUF_INIT;
  char aChunk[4096];
  zip_int64_t k;
  while( (k = zip_fread(f, aChunk, sizeof(aChunk)))>0 ) buf_append(&body, aChunk, (size_t)k);
  zip_fclose(f);
  zip_discard(za);
  assert_non_null(strstr(body.a, "a&lt;b&gt;&amp;&quot;c&quot;</w:t>"));     /* control char dropped */
  assert_non_null(strstr(body.a, "标题</w:t><w:br/><w:t xml:space=\"preserve\">第二行"));
  assert_non_null(strstr(body.a, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F6D2CF\"/>"));
  /* the same document gives the same bytes */
  Buf x2 = BUF_INIT;
  assert_int_equal(doc_docx(&d, "2026-07-11", &x2, &e), 0);
  assert_int_equal(x.n, x2.n);
  assert_memory_equal(x.a, x2.a, x.n);
  buf_free(&x2);
  buf_free(&body);
  buf_free(&h);
  buf_free(&x);
  buf_free(&txt);
  doc_free(&d);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_refs),
    cmocka_unit_test(test_read_cells),
    cmocka_unit_test(test_read_refusals),
    cmocka_unit_test(test_doc_escaping),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
