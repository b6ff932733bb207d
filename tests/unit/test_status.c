/* test_status.c -- the status engine's rules (status.c). */
#include "unit.h"
#include "status.h"
#include <stdio.h>

static Settings set;

/* A task from 2026-01-01 to zDeadline, published on 2026-02-01, with
** one target of 100 (">="). */
static StatusInput input(const char *zDeadline, StatusReport *aR, int nR){
  static StatusTarget aT[1] = {{100, ">="}};
  StatusInput in = {"2026-01-01", zDeadline, "2026-02-01T09:00:00", 0, aT, 1, aR, nR};
  return in;
}

/* An accepted report of value v for period zP, filed and reviewed on zAt. */
static StatusReport accepted(const char *zP, double v, const char *zAt){
  StatusReport r;
  memset(&r, 0, sizeof(r));
  r.iTarget = 0;
  snprintf(r.zPeriod, sizeof(r.zPeriod), "%s", zP);
  r.value = v;
  r.state = REPORT_ACCEPTED;
  snprintf(r.zFiled, sizeof(r.zFiled), "%sT10:00:00", zAt);
  snprintf(r.zReviewed, sizeof(r.zReviewed), "%sT11:00:00", zAt);
  return r;
}

static void test_expected_is_time_proportional(void **state){
  assert_true(status_expected("2026-01-01", "2026-12-31", "2026-01-01") == 0.0);
  assert_true(status_expected("2026-01-01", "2026-12-31", "2026-12-31") == 100.0);
  double v = status_expected("2026-01-01", "2026-12-31", "2026-07-02");
  assert_true(v > 49.5 && v < 50.5);
  assert_true(status_expected("2026-01-01", "2026-06-30", "2027-01-01") == 100.0);
  assert_true(status_expected("2026-01-01", "2026-12-31", "2025-12-01") == 0.0);
}

static void test_target_progress(void **state){
  StatusTarget ge = {40, ">="}, le = {35, "<="}, zero = {0, "="};
  assert_true(status_target_progress(&ge, 10) == 25.0);
  assert_true(status_target_progress(&ge, 80) == 100.0);       /* capped */
  assert_true(status_target_progress(&le, 30) == 100.0);       /* under a ceiling: met */
  assert_true(status_target_progress(&le, 70) == 50.0);
  assert_true(status_target_progress(&zero, 3) == 100.0);
}

static void test_colours_by_gap(void **state){
  Status s;
  /* as of 2026-07-31 about 58% is expected */
  StatusReport r = accepted("2026-06", 50, "2026-07-31");
  StatusInput in = input("2026-12-31", &r, 1);
  status_compute(&in, &set, "2026-07-31", &s);
  assert_int_equal(s.colour, COLOUR_GREEN);
  assert_string_equal(s.zCode, "on_track");
  assert_string_equal(s.zReasonEn, "50% vs 58% expected by 2026-07-31");
  assert_string_equal(s.zReason, "实际进度50%，序时进度58%（截至2026-07-31）");

  r = accepted("2026-06", 42, "2026-07-31");
  status_compute(&in, &set, "2026-07-31", &s);
  assert_int_equal(s.colour, COLOUR_YELLOW);
  assert_string_equal(s.zCode, "behind");
  assert_string_equal(s.zReasonEn, "42% vs 58% expected by 2026-07-31");
  assert_non_null(strstr(s.zReason, "落后16个百分点"));

  r = accepted("2026-06", 20, "2026-07-31");
  status_compute(&in, &set, "2026-07-31", &s);
  assert_int_equal(s.colour, COLOUR_RED);
  assert_string_equal(s.zCode, "far_behind");

  /* thresholds are settings */
  Settings loose = set;
  Err e = {0};
  assert_int_equal(settings_set(&loose, "red_gap", "50", &e), 0);
  status_compute(&in, &loose, "2026-07-31", &s);
  assert_int_equal(s.colour, COLOUR_YELLOW);
}

static void test_late_report(void **state){
  Status s;
  StatusReport r = accepted("2026-02", 20, "2026-03-05");
  StatusInput in = input("2026-12-31", &r, 1);
  /* the March report is due 2026-04-10: on the 10th it is not late yet */
  status_compute(&in, &set, "2026-04-10", &s);
  assert_int_equal(s.colour, COLOUR_GREEN);
  status_compute(&in, &set, "2026-04-11", &s);
  assert_int_equal(s.colour, COLOUR_YELLOW);
  assert_string_equal(s.zCode, "report_late");
  assert_string_equal(s.zLate, "2026-03");
  assert_non_null(strstr(s.zReasonEn, "report for 2026-03 not filed (due 2026-04-10)"));
  assert_non_null(strstr(s.zReason, "2026-03期进展未报送"));
  /* a report submitted (not yet reviewed) counts as filed */
  StatusReport a[2] = {r, accepted("2026-03", 30, "2026-04-09")};
  a[1].state = REPORT_SUBMITTED;
  a[1].zReviewed[0] = 0;
  in = input("2026-12-31", a, 2);
  status_compute(&in, &set, "2026-04-11", &s);
  assert_int_equal(s.colour, COLOUR_GREEN);
  /* returned and not filed again */
  a[1].state = REPORT_RETURNED;
  snprintf(a[1].zReviewed, sizeof(a[1].zReviewed), "2026-04-10T08:00:00");
  status_compute(&in, &set, "2026-04-11", &s);
  assert_string_equal(s.zCode, "report_returned");
  assert_int_equal(s.colour, COLOUR_YELLOW);
}

static void test_no_report_due_yet_is_green(void **state){
  Status s;
  StatusInput in = input("2026-06-30", 0, 0);
  status_compute(&in, &set, "2026-03-05", &s);   /* February's report is due 03-10 */
  assert_int_equal(s.colour, COLOUR_GREEN);
  assert_true(s.actual < 0);
  status_compute(&in, &set, "2026-03-11", &s);   /* due and missing; 0% vs 38% */
  assert_int_equal(s.colour, COLOUR_RED);
  assert_non_null(strstr(s.zReasonEn, "report for 2026-02 not filed"));
  in.zPublished = 0;                             /* a draft: nothing is due */
  status_compute(&in, &set, "2026-03-11", &s);
  assert_int_equal(s.colour, COLOUR_GREEN);
}

static void test_deadline_passed_and_done(void **state){
  Status s;
  StatusReport r = accepted("2026-05", 100, "2026-06-05");
  StatusInput in = input("2026-06-30", &r, 1);
  status_compute(&in, &set, "2026-07-01", &s);
  assert_int_equal(s.colour, COLOUR_RED);
  assert_string_equal(s.zCode, "overdue");
  assert_non_null(strstr(s.zReasonEn, "deadline 2026-06-30 passed"));
  assert_non_null(strstr(s.zReason, "已超过完成时限2026-06-30"));
  in.zClosed = "2026-06-25T10:00:00";
  status_compute(&in, &set, "2026-07-01", &s);
  assert_int_equal(s.colour, COLOUR_DONE);
  assert_string_equal(s.zReasonEn, "closed on 2026-06-25");
  /* as of a day before the close it was not done */
  status_compute(&in, &set, "2026-06-24", &s);
  assert_int_equal(s.colour, COLOUR_GREEN);
}

static void test_as_of_uses_review_time(void **state){
  Status s;
  StatusReport r = accepted("2026-04", 40, "2026-05-03");
  snprintf(r.zFiled, sizeof(r.zFiled), "2026-05-01T09:00:00");
  StatusInput in = input("2026-12-31", &r, 1);
  status_compute(&in, &set, "2026-05-02", &s);   /* filed, not yet accepted */
  assert_true(s.actual < 0);
  status_compute(&in, &set, "2026-05-03", &s);
  assert_true(s.actual == 40.0);
  status_compute(&in, &set, "2026-04-30", &s);   /* not even filed: April due 05-10 */
  assert_true(s.actual < 0);
}

static void test_percent_report_wins_when_later(void **state){
  Status s;
  StatusReport a[2] = {accepted("2026-03", 10, "2026-04-02"), accepted("2026-04", 70, "2026-05-02")};
  a[1].iTarget = -1;                              /* a percent report */
  StatusInput in = input("2026-12-31", a, 2);
  status_compute(&in, &set, "2026-05-05", &s);
  assert_true(s.actual == 70.0);
  a[1].iTarget = -1;
  snprintf(a[1].zPeriod, sizeof(a[1].zPeriod), "2026-02");
  status_compute(&in, &set, "2026-05-05", &s);
  assert_true(s.actual == 10.0);
}

static void test_settings(void **state){
  Settings x;
  Err e = {0};
  char z[32];
  settings_default(&x);
  assert_int_equal(x.redGap, 30);
  assert_int_not_equal(settings_set(&x, "red_gap", "abc", &e), 0);
  assert_int_not_equal(settings_set(&x, "nope", "3", &e), 0);
  assert_int_not_equal(settings_set(&x, "yellow_gap", "40", &e), 0);   /* over red_gap */
  assert_int_equal(settings_set(&x, "report_due_days", "5", &e), 0);
  assert_int_equal(settings_get(&x, "report_due_days", z), 0);
  assert_string_equal(z, "5");
}

static void test_dates(void **state){
  char z[11];
  period_last_day("2024-02", z);
  assert_string_equal(z, "2024-02-29");
  period_last_day("2026-12", z);
  assert_string_equal(z, "2026-12-31");
  days_date(date_days("2026-03-01") - 1, z);
  assert_string_equal(z, "2026-02-28");
  assert_true(period_valid("2026-03"));
  assert_false(period_valid("2026-13"));
  assert_false(period_valid("2026-3"));
}

static int setup(void **state){
  settings_default(&set);
  return 0;
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_expected_is_time_proportional),
    cmocka_unit_test(test_target_progress),
    cmocka_unit_test(test_colours_by_gap),
    cmocka_unit_test(test_late_report),
    cmocka_unit_test(test_no_report_due_yet_is_green),
    cmocka_unit_test(test_deadline_passed_and_done),
    cmocka_unit_test(test_as_of_uses_review_time),
    cmocka_unit_test(test_percent_report_wins_when_later),
    cmocka_unit_test(test_settings),
    cmocka_unit_test(test_dates),
  };
  return cmocka_run_group_tests(tests, setup, 0);
}
