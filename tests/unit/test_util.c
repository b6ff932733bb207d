/* test_util.c -- unit tests of the buffer, UTF-8, options and dates. */
#include "unit.h"
#include "buf.h"
#include "html.h"
#include "util.h"

static void test_buf_grows(void **state){
  Buf b = BUF_INIT;
  for(int i=0; i<1000; i++) buf_printf(&b, "%d,", i);
  assert_int_equal(b.n, strlen(b.a));
  assert_true(strncmp(b.a, "0,1,2,", 6)==0);
  char *z = buf_detach(&b);
  assert_null(b.a);
  free(z);
}

static void test_utf8_roundtrip(void **state){
  char z[4];
  unsigned cp;
  int n = utf8_encode(0x843D, z);          /* 落 */
  assert_int_equal(n, 3);
  assert_int_equal(utf8_decode((unsigned char*)z, 3, &cp), 3);
  assert_int_equal(cp, 0x843D);
  assert_int_equal(utf8_decode((const unsigned char*)"\xC0\x80", 2, &cp), 0); /* overlong */
  assert_int_equal(utf8_decode((const unsigned char*)"\xED\xA0\x80", 3, &cp), 0); /* surrogate */
  assert_int_equal(utf8_count("落实ab", 8), 4);
  assert_int_equal(utf8_prefix("落实ab", 1), 3);
  assert_int_equal(utf8_prefix("落实ab", 9), 8);
  char *zCut = utf8_cut("落实到位", 2);
  assert_string_equal(zCut, "落实…");
  free(zCut);
  zCut = utf8_cut("落实", 2);
  assert_string_equal(zCut, "落实");
  free(zCut);
}

static void test_find_option(void **state){
  char *argv[] = {"extract", "--year", "2026", "--json", "f.txt", 0};
  int argc = 5;
  assert_string_equal(find_option(&argc, argv, "--year", 1), "2026");
  assert_string_equal(find_option(&argc, argv, "--json", 0), "");
  assert_null(find_option(&argc, argv, "--pretty", 0));
  assert_int_equal(argc, 2);
  assert_string_equal(argv[1], "f.txt");
}

static void test_dates(void **state){
  assert_true(date_valid("2024-02-29"));
  assert_false(date_valid("2026-02-29"));
  assert_false(date_valid("2026-13-01"));
  assert_false(date_valid("2026-1-01"));
}

static void test_html_escapes_by_default(void **state){
  Buf b = BUF_INIT;
  html_printf(&b, "<p title=\"%s\">%s %r %d%%</p>", "\"x\"", "<script>&", "<b>ok</b>", 42);
  assert_string_equal(b.a, "<p title=\"&quot;x&quot;\">&lt;script&gt;&amp; <b>ok</b> 42%</p>");
  buf_reset(&b);
  html_printf(&b, "/t?q=%U", "落 a&b");
  assert_string_equal(b.a, "/t?q=%E8%90%BD%20a%26b");
  buf_free(&b);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_buf_grows),
    cmocka_unit_test(test_utf8_roundtrip),
    cmocka_unit_test(test_find_option),
    cmocka_unit_test(test_dates),
    cmocka_unit_test(test_html_escapes_by_default),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
