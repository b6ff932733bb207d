/* test_formats.c -- unit tests of the format readers (HTML, DOCX, PDF) and
** of format detection. */
#include "unit.h"
#include "formats.h"
#include "source.h"
#include "../fuzz/zipmem.h"
#include <stdio.h>

/* Run source_to_text on the NUL-terminated z; returns the text (caller
** frees) or NULL with the error in e. */
static char *to_text(const char *zName, const char *z, size_t n,
                     const char **pzFormat, const char **pzEnc, Err *e){
  Buf out = BUF_INIT;
  const char *zFormat = 0, *zEnc = 0;
  if( source_to_text(zName, (const unsigned char*)z, n, &out, &zFormat, &zEnc, e) ){
    buf_free(&out);
    return 0;
  }
  if( pzFormat ) *pzFormat = zFormat;
  if( pzEnc ) *pzEnc = zEnc;
  if( out.a==0 ) return xstrdup("");
  return buf_detach(&out);
}

/* ---------------------------------------------------------------- HTML */

static void test_html_sniff(void **state){
  assert_true(html_sniff((const unsigned char*)"\xEF\xBB\xBF  <!DOCTYPE html><p>x", 30));
  assert_true(html_sniff((const unsigned char*)"<HTML><body>", 12));
  assert_true(html_sniff((const unsigned char*)"\n<meta charset=gbk>", 19));
  const char *zFrag = "<div>一、总体要求<p>甲</p><p>乙</p><div>丙</div>";
  assert_true(html_sniff((const unsigned char*)zFrag, strlen(zFrag)));
  /* text that only carries a scraper's tags stays text (clean.c drops the
  ** tags, and spans count in the file as it is) */
  const char *zScraped = "　　一、总体要求<p>甲</p><p>乙</p><div>丙</div>";
  assert_false(html_sniff((const unsigned char*)zScraped, strlen(zScraped)));
  const char *zTxt = "政府工作报告\n一、2025年工作回顾\n产值增长6%，x<y。\n";
  assert_false(html_sniff((const unsigned char*)zTxt, strlen(zTxt)));
}

static void test_html_meta_charset(void **state){
  const char *z1 = "<html><head><meta charset=\"gb2312\"></head>";
  const char *z2 = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=GBK\" />";
  const char *z3 = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><html>";
  const char *z4 = "<html><head><meta name=\"keywords\" content=\"charset\"><title>x</title>";
  const char *z5 = "<meta charset='x-unknown-9'>";
  assert_string_equal(html_meta_charset((const unsigned char*)z1, strlen(z1)), "GB2312");
  assert_string_equal(html_meta_charset((const unsigned char*)z2, strlen(z2)), "GBK");
  assert_string_equal(html_meta_charset((const unsigned char*)z3, strlen(z3)), "UTF-8");
  assert_null(html_meta_charset((const unsigned char*)z4, strlen(z4)));
  assert_null(html_meta_charset((const unsigned char*)z5, strlen(z5)));
}

/* A small government page: the report is the densest block; navigation,
** breadcrumbs, tools, share buttons, related links and footer go; the
** <h1> title before the article stays; a table row is one line. */
static const char zPage[] =
  "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>报告_青川区</title>"
  "<script>document.write('<p>脚本里的字</p>');</script></head><body>"
  "<div class=\"top\"><h1>青川区人民政府</h1></div>"
  "<ul id=\"nav\"><li><a href=\"/\">首页</a></li><li><a href=\"/x\">政务公开</a></li></ul>"
  "<div class=\"crumbs\">当前位置：<a>首页</a> &gt; 政府工作报告</div>"
  "<h1>政府工作报告</h1>"
  "<div class=\"meta\">发布时间：2026-01-20 【字号：大 中 小】</div>"
  "<div class=\"content\">"
  "<p>&nbsp;&nbsp;各位代表：</p>"
  "<p><strong>一、2025年工作回顾</strong></p>"
  "<p>　　全区地区生产总值增长6.2%，\n   一般公共预算收入完成18.6亿元。<br>新建农村公路56公里。</p>"
  "<table><tr><th>指标</th><th>目标</th></tr><tr><td><p>新增就业</p></td><td>4500人</td></tr></table>"
  "<ul><li><a>相关文章一</a></li><li><a>相关文章二</a></li></ul>"
  "</div>"
  "<div class=\"share\">分享到：<a>微信</a></div>"
  "<div class=\"related\"><p>相关链接</p><p><a>国务院政府工作报告全文发布</a></p></div>"
  "<div id=\"footer\">主办单位：青川区人民政府办公室 版权所有</div>"
  "</body></html>";

static void test_html_main_text(void **state){
  Err e = {0};
  const char *zFormat, *zEnc;
  char *z = to_text("page.html", zPage, sizeof(zPage)-1, &zFormat, &zEnc, &e);
  assert_non_null(z);
  assert_string_equal(zFormat, "html");
  assert_string_equal(zEnc, "UTF-8");
  assert_string_equal(z,
    "政府工作报告\n"
    "各位代表：\n"
    "一、2025年工作回顾\n"
    "全区地区生产总值增长6.2%，一般公共预算收入完成18.6亿元。\n"
    "新建农村公路56公里。\n"
    "指标\t目标\n"
    "新增就业\t4500人\n");
  free(z);
}

/* An older site built of tables: a navigation cell, a title cell and the
** report in one cell with <br> between paragraphs.  Layout tables are not
** data: their cells are blocks, <br> ends lines. */
static void test_html_layout_table(void **state){
  const char zOld[] =
    "<html><body><table><tr><td class=\"dh\"><a>首页</a> <a>新闻</a></td></tr>"
    "<tr><td><table><tr><td class=\"bt\">青川县政府工作报告</td></tr>"
    "<tr><td>时间：2026-01-20 点击数：100</td></tr>"
    "<tr><td id=\"content\">　　各位代表：<br>　　一、2025年工作回顾<br>"
    "　　全县地区生产总值增长6%。<br>　　新建农村公路40公里，6月底前完成。</td></tr>"
    "</table></td></tr><tr><td>版权所有 青川县人民政府</td></tr></table></body></html>";
  Err e = {0};
  char *z = to_text("old.html", zOld, sizeof(zOld)-1, 0, 0, &e);
  assert_non_null(z);
  assert_string_equal(z,
    "青川县政府工作报告\n"
    "各位代表：\n"
    "一、2025年工作回顾\n"
    "全县地区生产总值增长6%。\n"
    "新建农村公路40公里，6月底前完成。\n");
  free(z);
}

/* The same page saved as GBK, saying so in a http-equiv <meta>. */
static void test_html_gbk_meta(void **state){
  /* "<meta http-equiv=Content-Type content='text/html; charset=gbk'><p>一、
  ** 落实</p><p>增长6%</p><div>完成</div>" with the Chinese in GBK bytes */
  const char zGbk[] =
    "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\"></head>"
    "<body><div><p>\xD2\xBB\xA1\xA2\xC2\xE4\xCA\xB5</p><p>\xD4\xF6\xB3\xA4" "6%</p></div></body></html>";
  Err e = {0};
  const char *zFormat, *zEnc;
  char *z = to_text("gbk.html", zGbk, sizeof(zGbk)-1, &zFormat, &zEnc, &e);
  assert_non_null(z);
  assert_string_equal(zEnc, "GBK");
  assert_string_equal(z, "一、落实\n增长6%\n");
  free(z);
  /* no <meta> and not UTF-8: read as GB18030 */
  const char zBare[] = "<html><body><p>\xD2\xBB\xA1\xA2\xC2\xE4\xCA\xB5</p></body></html>";
  z = to_text("bare.html", zBare, sizeof(zBare)-1, &zFormat, &zEnc, &e);
  assert_non_null(z);
  assert_string_equal(zEnc, "GB18030");
  assert_string_equal(z, "一、落实\n");
  free(z);
}


/* ---------------------------------------------------------------- DOCX */

/* The label of n in zFmt, as a static-lifetime test string. */
static const char *fmt_num(int n, const char *zFmt){
  static Buf b;
  buf_reset(&b);
  docx_format_number(&b, n, zFmt);
  return b.a ? b.a : "";
}

static void test_docx_chinese_counting(void **state){
  static const char *az[] = {"","一","二","三","四","五","六","七","八","九"};
  for(int n=1; n<=99; n++){
    char zWant[64];
    int t = n/10, u = n%10;
    snprintf(zWant, sizeof(zWant), "%s%s%s", t>1 ? az[t] : "", t>0 ? "十" : "", az[u]);
    assert_string_equal(fmt_num(n, "chineseCounting"), zWant);
    assert_string_equal(fmt_num(n, "chineseCountingThousand"), zWant);
  }
  assert_string_equal(fmt_num(100, "chineseCounting"), "一百");
  assert_string_equal(fmt_num(101, "chineseCounting"), "一百零一");
  assert_string_equal(fmt_num(110, "chineseCounting"), "一百一十");
  assert_string_equal(fmt_num(2026, "chineseCounting"), "二千零二十六");
  assert_string_equal(fmt_num(12, "chineseLegalSimplified"), "壹拾贰");
  assert_string_equal(fmt_num(3, "ideographTraditional"), "丙");
  assert_string_equal(fmt_num(12, "decimalFullWidth"), "１２");
  assert_string_equal(fmt_num(3, "decimalEnclosedCircle"), "③");
  assert_string_equal(fmt_num(14, "upperRoman"), "XIV");
  assert_string_equal(fmt_num(28, "lowerLetter"), "bb");
  assert_string_equal(fmt_num(7, "decimal"), "7");
  assert_string_equal(fmt_num(7, "bullet"), "");
  assert_string_equal(fmt_num(7, "someFutureFormat"), "7");
}

#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define P(x) "<w:p>" x "</w:p>"
#define R(x) "<w:r><w:t xml:space=\"preserve\">" x "</w:t></w:r>"
#define NUM(id, lvl) "<w:pPr><w:numPr><w:ilvl w:val=\"" #lvl "\"/><w:numId w:val=\"" #id "\"/></w:numPr></w:pPr>"

/* A .docx with headings numbered through a style (一、) and directly
** (（一）, 1. two levels of one list), a list restarted by a new w:num, a
** table, a footnote, a line break, deleted, hidden and field-code text,
** a bullet list and a page header part. */
static const char zDocument[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " W "><w:body>"
  P("<w:pPr><w:jc w:val=\"center\"/></w:pPr>" R("政府工作报告"))
  P("<w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>" R("总体要求"))
  P(NUM(2,0) R("扩大投资。") "<w:r><w:footnoteReference w:id=\"5\"/></w:r>" R("全年投资100亿元。"))
  P(NUM(2,1) R("抓好项目") "<w:del><w:r><w:delText>删掉</w:delText></w:r></w:del>" R("建设。"))
  P(NUM(2,1) R("争取资金") "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>" R("20亿元。"))
  P(NUM(2,0) R("改善民生。"))
  P(NUM(2,1) R("新增就业4500人。"))
  P("<w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>" R("重点任务"))
  P(NUM(3,0) R("重新编号。") "<w:r><w:br/></w:r>" R("第二行"))
  P(NUM(4,0) R("一个圆点"))
  "<w:tbl><w:tr><w:tc>" P(R("序号")) "</w:tc><w:tc>" P(R("事项")) "</w:tc></w:tr>"
  "<w:tr><w:tc>" P(NUM(5,0)) "</w:tc><w:tc>" P(R("建成学校")) P(R("3所")) "</w:tc></w:tr>"
  "<w:tr><w:tc>" P(NUM(5,0)) "</w:tc><w:tc>" P(R("页码") "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
  "<w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" R("7")
  "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>") "</w:tc></w:tr></w:tbl>"
  "<w:sectPr/></w:body></w:document>";

static const char zNumbering[] =
  "<?xml version=\"1.0\"?><w:numbering " W ">"
  "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
  "<w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/><w:pStyle w:val=\"Heading1\"/></w:lvl></w:abstractNum>"
  "<w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
  "<w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%1）\"/><w:suff w:val=\"nothing\"/></w:lvl>"
  "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%2.\"/></w:lvl>"
  "</w:abstractNum>"
  "<w:abstractNum w:abstractNumId=\"2\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/>"
  "<w:lvlText w:val=\"\xEF\x82\xB7\"/></w:lvl></w:abstractNum>"
  "<w:abstractNum w:abstractNumId=\"3\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
  "<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1\"/><w:suff w:val=\"nothing\"/></w:lvl></w:abstractNum>"
  "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
  "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
  "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\">"
  "<w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"
  "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"2\"/></w:num>"
  "<w:num w:numId=\"5\"><w:abstractNumId w:val=\"3\"/></w:num>"
  "</w:numbering>";

static const char zStyles[] =
  "<?xml version=\"1.0\"?><w:styles " W ">"
  "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:basedOn w:val=\"Normal\"/>"
  "<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"Normal\"/></w:styles>";

static const char zFootnotes[] =
  "<?xml version=\"1.0\"?><w:footnotes " W ">"
  "<w:footnote w:type=\"separator\" w:id=\"0\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
  "<w:footnote w:id=\"5\"><w:p><w:r><w:footnoteRef/></w:r>" R(" 含续建项目。") "</w:p></w:footnote>"
  "</w:footnotes>";

static const char zHeader[] =
  "<?xml version=\"1.0\"?><w:hdr " W ">" P(R("页眉不读")) "</w:hdr>";

/* Zip the parts above (those with a name) into b. */
static void make_docx(Buf *b, int bWithDocument){
  const char *az[] = { "word/document.xml", "word/numbering.xml", "word/styles.xml",
                       "word/footnotes.xml", "word/header1.xml" };
  const unsigned char *aData[] = { (const unsigned char*)zDocument, (const unsigned char*)zNumbering,
    (const unsigned char*)zStyles, (const unsigned char*)zFootnotes, (const unsigned char*)zHeader };
  size_t an[] = { strlen(zDocument), strlen(zNumbering), strlen(zStyles), strlen(zFootnotes),
                  strlen(zHeader) };
  int k = bWithDocument ? 0 : 1;
  assert_int_equal(zipmem_build(az+k, aData+k, an+k, 5-k, b), 0);
}

static void test_docx_text(void **state){
  Buf b = BUF_INIT;
  make_docx(&b, 1);
  Err e = {0};
  const char *zFormat, *zEnc;
  char *z = to_text("r.docx", b.a, b.n, &zFormat, &zEnc, &e);
  if( z==0 ) fail_msg("%s", e.zMsg);
  assert_string_equal(zFormat, "docx");
  assert_string_equal(z,
    "政府工作报告\n"
    "一、总体要求\n"
    "（一）扩大投资。全年投资100亿元。\n"
    "1.抓好项目建设。\n"
    "2.争取资金20亿元。\n"
    "（二）改善民生。\n"
    "1.新增就业4500人。\n"
    "二、重点任务\n"
    "（一）重新编号。\n"
    "第二行\n"
    "一个圆点\n"
    "序号\t事项\n"
    "1\t建成学校3所\n"
    "2\t页码7\n"
    "注释\n"
    "〔1〕含续建项目。\n");
  free(z);
  buf_free(&b);
}

static void test_docx_refusals(void **state){
  Err e = {0};
  Buf b = BUF_INIT;
  /* a zip without word/document.xml */
  make_docx(&b, 0);
  assert_null(to_text("x.docx", b.a, b.n, 0, 0, &e));
  assert_string_equal(e.zMsg, "x.docx: a zip archive without a Word document in it; "
                      "unpack it and import the report");
  /* the same zip cut short */
  err_clear(&e);
  make_docx(&b, 1);
  assert_null(to_text("cut.docx", b.a, b.n/2, 0, 0, &e));
  assert_non_null(strstr(e.zMsg, "cut.docx: a damaged zip file ("));
  assert_non_null(strstr(e.zMsg, "ask for it again or save it again as .docx"));
  assert_null(strchr(e.zMsg, '\n'));
  /* broken XML inside a good zip */
  err_clear(&e);
  const char *az[] = { "word/document.xml" };
  const unsigned char *aData[] = { (const unsigned char*)"<w:document><w:body><w:p>" };
  size_t an[] = { 25 };
  assert_int_equal(zipmem_build(az, aData, an, 1, &b), 0);
  assert_null(to_text("bad.docx", b.a, b.n, 0, 0, &e));
  assert_non_null(strstr(e.zMsg, "bad.docx: a damaged Word document (word/document.xml is not well-formed XML"));
  buf_free(&b);
}

/* ----------------------------------------------------------------- PDF */

/* Append the glyphs of UTF-8 text z set from (x, y) (top of the glyphs),
** each h points high and wide, to *pa. */
static void glyphs(PdfChar **pa, int *pn, int *pnAlloc, const char *z,
                   double x, double y, double h){
  size_t n = strlen(z), i = 0;
  while( i<n ){
    unsigned cp;
    int k = utf8_decode((const unsigned char*)z+i, n-i, &cp);
    assert_true(k>0);
    i += (size_t)k;
    PdfChar *c = ARRAY_PUSH(*pa, *pn, *pnAlloc);
    double w = cp<0x80 ? h/2 : h;
    c->cp = cp;
    c->x1 = x; c->x2 = x + w;
    c->y1 = y; c->y2 = y + h;
    x += w;
  }
}

/* Two newspaper pages: a running header and a page number; page 1 has a
** headline across the page and two columns of 10-point text, 20 glyphs
** a line, the first paragraph running from the left column into the right
** one and cut by （下转第二版）; page 2 goes on with （上接第一版). */
static void test_pdf_layout_columns(void **state){
  PdfLayout *lay = pdf_layout_new();
  for(int pg=1; pg<=2; pg++){
    PdfChar *a = 0;
    int n = 0, nAlloc = 0;
    double L = 50, R = 300, y = 120;
    glyphs(&a, &n, &nAlloc, pg==1 ? "临江日报" : "临江日报", 50, 20, 12);
    glyphs(&a, &n, &nAlloc, pg==1 ? "第一版" : "第二版", 480, 20, 9);
    glyphs(&a, &n, &nAlloc, pg==1 ? "— 1 —" : "— 2 —", 280, 800, 9);
    if( pg==1 ){
      glyphs(&a, &n, &nAlloc, "政府工作报告摘要", 200, 60, 24);
      /* left column: an indented first line, then full lines */
      glyphs(&a, &n, &nAlloc, "一、今年主要目标是地区生产总值增长", L+20, y, 10); y += 15;
      for(int i=0; i<9; i++, y += 15){
        glyphs(&a, &n, &nAlloc, "五个百分点左右全年完成投资一百亿元以", L, y, 10);
        glyphs(&a, &n, &nAlloc, "上", L+190, y, 10);
      }
      /* right column: continues, ends short, then a new paragraph */
      y = 120;
      glyphs(&a, &n, &nAlloc, "新增就业四千五百人以上城镇调查失业率", R, y, 10); y += 15;
      glyphs(&a, &n, &nAlloc, "控制在百分之五点五以内。", R, y, 10); y += 15;
      glyphs(&a, &n, &nAlloc, "二、6月底前开工建设东环路二期工程", R+20, y, 10); y += 15;
      for(int i=0; i<7; i++, y += 15){
        glyphs(&a, &n, &nAlloc, "年底前建成投用区人民医院新院区并同步", R, y, 10);
      }
      glyphs(&a, &n, &nAlloc, "配套（下转第二版）", R, y, 10);
    }else{
      glyphs(&a, &n, &nAlloc, "（上接第一版）建设停车场。", L, 120, 10);
      for(int i=1; i<8; i++) glyphs(&a, &n, &nAlloc, "三、完成老旧小区改造35个。", L+20, 120+15*i, 10);
    }
    pdf_layout_add_page(lay, a, n, 595, 842);
    free(a);
  }
  Buf out = BUF_INIT;
  assert_true(pdf_layout_text(lay, &out) > 0);
  pdf_layout_free(lay);
  Buf want = BUF_INIT;
  buf_puts(&want, "政府工作报告摘要\n一、今年主要目标是地区生产总值增长");
  for(int i=0; i<9; i++) buf_puts(&want, "五个百分点左右全年完成投资一百亿元以上");
  buf_puts(&want, "新增就业四千五百人以上城镇调查失业率控制在百分之五点五以内。\n"
           "二、6月底前开工建设东环路二期工程");
  for(int i=0; i<7; i++) buf_puts(&want, "年底前建成投用区人民医院新院区并同步");
  buf_puts(&want, "配套建设停车场。\n");
  for(int i=1; i<8; i++) buf_puts(&want, "三、完成老旧小区改造35个。\n");
  assert_string_equal(out.a, want.a);
  buf_free(&out);
  buf_free(&want);
}

/* One column with a table: a row of two cells whose second cell runs on
** to a second line, and Latin words set apart keep their space. */
static void test_pdf_layout_table(void **state){
  PdfLayout *lay = pdf_layout_new();
  PdfChar *a = 0;
  int n = 0, nAlloc = 0;
  glyphs(&a, &n, &nAlloc, "各位代表：", 70, 100, 10);
  glyphs(&a, &n, &nAlloc, "1.", 70, 120, 10);
  glyphs(&a, &n, &nAlloc, "新增就业岗位四千五百个以上确保完成", 120, 120, 10);
  glyphs(&a, &n, &nAlloc, "全年目标。", 120, 135, 10);
  glyphs(&a, &n, &nAlloc, "2.", 70, 150, 10);
  glyphs(&a, &n, &nAlloc, "建成学校3所。", 120, 150, 10);
  glyphs(&a, &n, &nAlloc, "推进", 90, 170, 10);
  glyphs(&a, &n, &nAlloc, "PM", 110, 170, 10);
  glyphs(&a, &n, &nAlloc, "2.5", 125, 170, 10);      /* a 5-point gap: a space */
  glyphs(&a, &n, &nAlloc, "治理。", 140, 170, 10);
  pdf_layout_add_page(lay, a, n, 595, 842);
  free(a);
  Buf out = BUF_INIT;
  pdf_layout_text(lay, &out);
  pdf_layout_free(lay);
  assert_string_equal(out.a,
    "各位代表：\n"
    "1.\t新增就业岗位四千五百个以上确保完成全年目标。\n"
    "2.\t建成学校3所。\n"
    "推进PM 2.5治理。\n");
  buf_free(&out);
}

/* Read a fixture into a buffer (NULL when absent). */
static char *fixture(const char *zName, size_t *pn){
  char *zPath = xprintf("tests/fixtures/%s", zName);
  char *z = 0;
  Err e = {0};
  if( read_file(zPath, &z, pn, &e) ) z = 0;
  free(zPath);
  return z;
}

static void test_pdf_refusals(void **state){
  Err e = {0};
  size_t n;
  char *z = fixture("encrypted.pdf", &n);
  assert_non_null(z);
  assert_null(to_text("x.pdf", z, n, 0, 0, &e));
  assert_string_equal(e.zMsg, "x.pdf: encrypted PDF; ask for an unprotected copy");
  free(z);
  err_clear(&e);
  z = fixture("scanned.pdf", &n);
  assert_non_null(z);
  assert_null(to_text("scan.pdf", z, n, 0, 0, &e));
  assert_string_equal(e.zMsg, "scan.pdf: a scanned PDF with no text layer (2 pages); "
                      "run OCR or ask for the text version");
  free(z);
  err_clear(&e);
  assert_null(to_text("junk.pdf", "%PDF-1.4\nnothing else", 21, 0, 0, &e));
  assert_non_null(strstr(e.zMsg, "junk.pdf: a damaged PDF that cannot be read ("));
}

/* ------------------------------------------------------------ detection */

static void test_detect_refusals(void **state){
  Err e = {0};
  const char zDoc[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0";
  assert_null(to_text("old.doc", zDoc, sizeof(zDoc)-1, 0, 0, &e));
  assert_string_equal(e.zMsg, "old.doc: an old binary Word/Office file (.doc); "
                      "save it as .docx or PDF and import that");
  err_clear(&e);
  /* an OLE2 file holding an EncryptedPackage stream: a protected .docx */
  char aEnc[600];
  memset(aEnc, 0, sizeof(aEnc));
  memcpy(aEnc, zDoc, 8);
  const char *zStream = "EncryptedPackage";
  for(size_t i=0; zStream[i]; i++) aEnc[512+2*i] = zStream[i];
  assert_null(to_text("locked.docx", aEnc, sizeof(aEnc), 0, 0, &e));
  assert_string_equal(e.zMsg, "locked.docx: a password-protected Word/Office file; "
                      "save an unprotected copy (.docx or PDF) and import that");
  err_clear(&e);
  assert_null(to_text("r.rtf", "{\\rtf1\\ansi x}", 14, 0, 0, &e));
  assert_non_null(strstr(e.zMsg, "r.rtf: an RTF document"));
}

static void test_detect_text(void **state){
  Err e = {0};
  const char *zFormat, *zEnc;
  const char *zTxt = "政府工作报告\n一、总体要求\n";
  char *z = to_text("r.txt", zTxt, strlen(zTxt), &zFormat, &zEnc, &e);
  assert_non_null(z);
  assert_string_equal(zFormat, "txt");
  assert_string_equal(z, zTxt);
  free(z);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_html_sniff),
    cmocka_unit_test(test_html_meta_charset),
    cmocka_unit_test(test_html_main_text),
    cmocka_unit_test(test_html_gbk_meta),
    cmocka_unit_test(test_html_layout_table),
    cmocka_unit_test(test_docx_chinese_counting),
    cmocka_unit_test(test_docx_text),
    cmocka_unit_test(test_docx_refusals),
    cmocka_unit_test(test_pdf_layout_columns),
    cmocka_unit_test(test_pdf_layout_table),
    cmocka_unit_test(test_pdf_refusals),
    cmocka_unit_test(test_detect_refusals),
    cmocka_unit_test(test_detect_text),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
