/* test_web.c -- the pure parts of the web server: escaping with a
** precision, amounts with 万/亿, evidence kinds and file names, secrets,
** login throttling, reporting periods, SVG labels. */
#include "unit.h"
#include "web.h"
#include "ledger_web.h"

static void test_html_precision(void **state){
  Buf b = BUF_INIT;
  html_printf(&b, "[%.6s][%.4s][%.10s][%s]", "落实台账", "落实台账", "2026-03-12T04:03:33", "<&>");
  assert_string_equal(buf_str(&b), "[落实][落][2026-03-12][&lt;&amp;&gt;]");
  buf_free(&b);
}

static void test_amount(void **state){
  Buf b = BUF_INIT;
  char z[64];
  web_amount(&b, 9e10); buf_puts(&b, " ");
  web_amount(&b, 133); buf_puts(&b, " ");
  web_amount(&b, 168000); buf_puts(&b, " ");
  web_amount(&b, 12000); buf_puts(&b, " ");
  web_amount(&b, 1200); buf_puts(&b, " ");
  web_amount(&b, 123456789); buf_puts(&b, " ");
  web_amount(&b, 2.5);
  assert_string_equal(buf_str(&b), "900亿 133 16.8万 1.2万 1200 123456789 2.5");
  buf_free(&b);
  assert_string_equal(web_parse_amount("900亿", z), "90000000000");
  assert_string_equal(web_parse_amount("1.5万", z), "15000");
  assert_string_equal(web_parse_amount("abc亿", z), "abc亿");
  assert_string_equal(web_parse_amount("12", z), "12");
  assert_null(web_parse_amount(0, z));
}

static void test_labels(void **state){
  Buf b = BUF_INIT;
  edited_label(&b, "lead,co");
  assert_string_equal(buf_str(&b), "牵头单位、责任单位");
  buf_reset(&b);
  edited_label(&b, "co");
  assert_string_equal(buf_str(&b), "责任单位");
  buf_reset(&b);
  edited_label(&b, "text,deadline");
  assert_string_equal(buf_str(&b), "表述、时限");
  buf_reset(&b);
  edited_label(&b, "");
  edited_label(&b, 0);
  assert_string_equal(buf_str(&b), "");
  buf_free(&b);
  assert_string_equal(task_state_label("done"), "已销号");
  assert_string_equal(task_state_label("draft"), "草稿");
}

static void test_evidence_check(void **state){
  Err e = {0};
  assert_int_equal(evidence_check("现场.png", "\x89PNG\r\n\x1a\n....", 12, &e), 0);
  assert_int_equal(evidence_check("a.PDF", "%PDF-1.7\n", 9, &e), 0);
  assert_int_equal(evidence_check("表.xlsx", "PK\x03\x04rest", 8, &e), 0);
  assert_int_equal(evidence_check("旧.doc", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, &e), 0);
  assert_int_not_equal(evidence_check("x.png", "<script>alert(1)</script>", 25, &e), 0);
  assert_int_equal(e.code, ERR_INPUT);
  assert_non_null(strstr(e.zMsg, "not a .png"));
  err_clear(&e);
  assert_int_not_equal(evidence_check("x.exe", "MZ", 2, &e), 0);
  assert_int_not_equal(evidence_check("x.html", "<html>", 6, &e), 0);
  assert_int_not_equal(evidence_check("x.svg", "<svg", 4, &e), 0);
  assert_int_not_equal(evidence_check("noext", "%PDF-", 5, &e), 0);
  int bInline;
  assert_string_equal(evidence_content_type("a.JPG", &bInline), "image/jpeg");
  assert_int_equal(bInline, 1);
  assert_string_equal(evidence_content_type("a.pdf", &bInline), "application/pdf");
  assert_int_equal(bInline, 0);
  assert_string_equal(evidence_content_type("a.html", &bInline), "application/octet-stream");
}

static void check_name(const char *zIn, const char *zWant){
  char *z = evidence_safe_name(zIn);
  assert_string_equal(z, zWant);
  free(z);
}

static void test_safe_name(void **state){
  check_name("../../etc/passwd", "passwd");
  check_name("C:\\Users\\a\\照片.png", "照片.png");
  check_name("..hidden.png", "hidden.png");
  check_name("a\nb\tc\x7f.pdf", "abc.pdf");
  check_name("evil\xe2\x80\xaegnp.exe", "evilgnp.exe");
  check_name("", "file");
  check_name("...", "file");
  check_name("<img src=x onerror=alert(1)>.png", "<img src=x onerror=alert(1)>.png");
  /* long names keep their extension and whole characters */
  char zLong[400] = "";
  for(int i=0; i<60; i++) strcat(zLong, "落");
  strcat(zLong, ".docx");
  char *z = evidence_safe_name(zLong);
  assert_true(strlen(z) <= 120);
  assert_string_equal(z + strlen(z) - 5, ".docx");
  assert_int_equal(utf8_valid_prefix((const unsigned char*)z, strlen(z)), strlen(z));
  free(z);
}

static void test_secrets(void **state){
  char a[48], b[48];
  secret_new(a);
  secret_new(b);
  assert_int_equal(strlen(a), 43);
  assert_string_not_equal(a, b);
  assert_true(secret_equal(a, a));
  assert_false(secret_equal(a, b));
  assert_false(secret_equal(a, "short"));
  assert_false(secret_equal(a, 0));
  assert_false(secret_equal("", ""));
}

static void test_throttle(void **state){
  throttle_reset();
  for(int i=0; i<THROTTLE_FREE; i++){
    assert_int_equal(throttle_wait("alice", "10.0.0.1"), 0);
    throttle_failed("alice", "10.0.0.1");
  }
  int w = throttle_wait("alice", "10.0.0.2");
  assert_true(w>0 && w<=60);                        /* the account is locked anywhere */
  assert_int_equal(throttle_wait("bob", "10.0.0.1"), 0);  /* the address not yet */
  throttle_failed("alice", "10.0.0.1");
  assert_true(throttle_wait("alice", "10.0.0.1") > 60);   /* the wait doubles */
  throttle_succeeded("alice");
  assert_int_equal(throttle_wait("alice", "10.0.0.3"), 0);
  /* one address trying many accounts */
  for(int i=0; i<4*THROTTLE_FREE; i++){
    char z[16];
    snprintf(z, sizeof(z), "u%d", i);
    throttle_failed(z, "10.9.9.9");
  }
  assert_true(throttle_wait("carol", "10.9.9.9") > 0);
  assert_int_equal(throttle_wait("carol", "10.9.9.8"), 0);
  throttle_reset();
}

static void test_period_default(void **state){
  set_today("2026-04-12");
  PeriodState a[3] = {
    {"2026-02", "2026-03-10", REPORT_ACCEPTED, 1},
    {"2026-03", "2026-04-10", -1, 0},
    {"2026-04", "2026-05-10", -1, 0},
  };
  char z[8];
  period_default(a, 3, z);
  assert_string_equal(z, "2026-03");                 /* the oldest open month */
  a[1].state = REPORT_SUBMITTED;
  period_default(a, 3, z);
  assert_string_equal(z, "2026-04");                 /* else this month */
  a[1].state = REPORT_RETURNED;
  period_default(a, 3, z);
  assert_string_equal(z, "2026-03");                 /* a returned one is open again */
  a[1].state = REPORT_ACCEPTED;
  a[2].state = REPORT_SUBMITTED;
  period_default(a, 3, z);
  assert_string_equal(z, "");                        /* nothing open */
  set_today(0);
}

static void test_svg_labels(void **state){
  Buf b = BUF_INIT;
  int n[N_COLOUR] = {2, 1, 0, 0};
  svg_colour_bar(&b, n, 3, 300, 10);
  assert_non_null(strstr(buf_str(&b), "aria-label=\"共3项，绿灯2项，黄灯1项\""));
  assert_null(strstr(buf_str(&b), "style="));         /* the CSP forbids inline styles */
  buf_reset(&b);
  double v[2] = {3, 9};
  const char *az[2] = {"2026-02", "<x>"};
  svg_history(&b, v, az, 2, 10, "个", 200, 100);
  assert_non_null(strstr(buf_str(&b), "&lt;x&gt;"));
  assert_null(strstr(buf_str(&b), "<x>"));
  buf_free(&b);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_html_precision),
    cmocka_unit_test(test_amount),
    cmocka_unit_test(test_labels),
    cmocka_unit_test(test_evidence_check),
    cmocka_unit_test(test_safe_name),
    cmocka_unit_test(test_secrets),
    cmocka_unit_test(test_throttle),
    cmocka_unit_test(test_period_default),
    cmocka_unit_test(test_svg_labels),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
