/* test_formats.c -- unit tests of the format readers (HTML, DOCX, PDF) and
** of format detection. */
#include "unit.h"
#include "formats.h"
#include "source.h"
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
  const char *zFrag = "　　一、总体要求<p>甲</p><p>乙</p><div>丙</div>";
  assert_true(html_sniff((const unsigned char*)zFrag, strlen(zFrag)));
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

/* ------------------------------------------------------------ detection */

static void test_detect_refusals(void **state){
  Err e = {0};
  const char zDoc[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0";
  assert_null(to_text("old.doc", zDoc, sizeof(zDoc)-1, 0, 0, &e));
  assert_string_equal(e.zMsg, "old.doc: an old binary Word/Office file (.doc); "
                      "save it as .docx or PDF and import that");
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
    cmocka_unit_test(test_detect_refusals),
    cmocka_unit_test(test_detect_text),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
