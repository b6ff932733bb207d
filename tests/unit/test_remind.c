/* test_remind.c -- reminders: what the status engine says is open (late,
** next due, returns), message texts, cause keys, backoff and the clock,
** settings, channel checks, robot bodies, the DingTalk signature and the
** MIME encodings (remind.c, channel.c, status.c). */
#include "unit.h"
#include "remind.h"
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- what is open (status.c) ---- */

static Settings set;

/* A report of period zP filed on zFiled, reviewed (state st) on zRev. */
static StatusReport rep(const char *zP, int st, const char *zFiled, const char *zRev){
  StatusReport r;
  memset(&r, 0, sizeof(r));
  r.iTarget = -1;
  snprintf(r.zPeriod, sizeof(r.zPeriod), "%s", zP);
  r.value = 10;
  r.state = st;
  snprintf(r.zFiled, sizeof(r.zFiled), "%sT10:00:00", zFiled);
  if( zRev ) snprintf(r.zReviewed, sizeof(r.zReviewed), "%sT11:00:00", zRev);
  return r;
}

/* A task from 2026-01-01 to 2026-12-31 published on 2026-02-01. */
static StatusInput task(StatusReport *aR, int nR){
  StatusInput in = {"2026-01-01", "2026-12-31", "2026-02-01T09:00:00", 0, 0, 0, aR, nR};
  return in;
}

static void test_open_next_report(void **state){
  Status s;
  StatusInput in = task(0, 0);
  status_compute(&in, &set, "2026-03-07", &s);
  assert_string_equal(s.zNext, "2026-02");           /* February's, due 03-10 */
  assert_string_equal(s.zNextDue, "2026-03-10");
  assert_int_equal(s.late, 0);
  status_compute(&in, &set, "2026-03-10", &s);       /* the due day itself */
  assert_string_equal(s.zNext, "2026-02");
  status_compute(&in, &set, "2026-03-11", &s);       /* then it is late */
  assert_int_equal(s.late, 1);
  assert_string_equal(s.zLate, "2026-02");
  assert_string_equal(s.zLateDue, "2026-03-10");
  assert_string_equal(s.zNext, "2026-03");
  assert_string_equal(s.zNextDue, "2026-04-10");
  StatusReport r = rep("2026-02", REPORT_SUBMITTED, "2026-03-05", 0);
  in = task(&r, 1);
  status_compute(&in, &set, "2026-03-07", &s);       /* filed: the next is March's */
  assert_string_equal(s.zNext, "2026-03");
  status_compute(&in, &set, "2026-03-04", &s);       /* not yet filed on 03-04 */
  assert_string_equal(s.zNext, "2026-02");
  in.zPublished = 0;                                 /* a draft: nothing is due */
  status_compute(&in, &set, "2026-03-07", &s);
  assert_string_equal(s.zNext, "");
}

static void test_open_returned(void **state){
  Status s;
  StatusReport a[2];
  a[0] = rep("2026-02", REPORT_RETURNED, "2026-03-03", "2026-03-04");
  StatusInput in = task(a, 1);
  status_compute(&in, &set, "2026-03-06", &s);       /* not due yet, but returned */
  assert_string_equal(s.zReturned, "2026-02");
  assert_string_equal(s.zReturnedAt, "2026-03-04");
  assert_int_equal(s.late, 0);
  status_compute(&in, &set, "2026-03-03", &s);       /* before the return */
  assert_string_equal(s.zReturned, "");
  status_compute(&in, &set, "2026-03-12", &s);       /* past due: late kind 2 */
  assert_int_equal(s.late, 2);
  assert_string_equal(s.zLate, "2026-02");
  a[1] = rep("2026-02", REPORT_SUBMITTED, "2026-03-08", 0);
  in = task(a, 2);
  status_compute(&in, &set, "2026-03-12", &s);       /* filed again: nothing open */
  assert_string_equal(s.zReturned, "");
  assert_int_equal(s.late, 0);
}

static void test_open_closed_task(void **state){
  Status s;
  StatusInput in = task(0, 0);
  in.zClosed = "2026-03-01T10:00:00";
  status_compute(&in, &set, "2026-03-20", &s);
  assert_int_equal(s.colour, COLOUR_DONE);
  assert_int_equal(s.late, 0);
  assert_string_equal(s.zNext, "");
}

/* ---- messages ---- */

/* A chase of kind k for task 2.3.1 of 临江区 led by 教育局. */
static Chase chase(ChaseKind k, const char *zPeriod, const char *zDate){
  Chase c;
  memset(&c, 0, sizeof(c));
  c.kind = k;
  c.taskId = 123;
  c.zSeq = "2.3.1";
  c.zText = "新增公办学位900个";
  c.unitId = 7;
  c.zUnit = "教育局";
  c.zUnitKind = "department";
  c.zRegion = "临江区";
  snprintf(c.zPeriod, sizeof(c.zPeriod), "%s", zPeriod);
  snprintf(c.zDate, sizeof(c.zDate), "%s", zDate);
  return c;
}

static void test_item_text(void **state){
  char *zWho, *zWhat;
  Chase c = chase(CHASE_REPORT_LATE, "2026-06", "2026-07-05");
  remind_item_text(&c, "2026-07-06", &zWho, &zWhat);
  assert_string_equal(zWho, "临江区教育局");
  assert_string_equal(zWhat, "任务 2.3.1「新增公办学位900个」2026年6月进度未报送（应于2026-07-05前报送）");
  free(zWho); free(zWhat);
  c = chase(CHASE_REPORT_DUE, "2026-06", "2026-07-05");
  remind_item_text(&c, "2026-07-02", &zWho, &zWhat);
  assert_string_equal(zWhat, "任务 2.3.1「新增公办学位900个」2026年6月进度应于2026-07-05前报送（还有3天）");
  free(zWho); free(zWhat);
  c = chase(CHASE_REPORT_RETURNED, "2026-06", "2026-07-03");
  remind_item_text(&c, "2026-07-06", &zWho, &zWhat);
  assert_string_equal(zWhat, "任务 2.3.1「新增公办学位900个」2026年6月进度已于2026-07-03被退回，尚未重新报送");
  free(zWho); free(zWhat);
  c = chase(CHASE_DEADLINE_SOON, "", "2026-09-30");
  remind_item_text(&c, "2026-09-30", &zWho, &zWhat);
  assert_string_equal(zWhat, "任务 2.3.1「新增公办学位900个」完成时限为2026-09-30（今天到期），尚未销号");
  free(zWho); free(zWhat);
  c = chase(CHASE_OVERDUE, "", "2026-09-30");
  c.zUnit = "省人社厅";
  c.zUnitKind = "upper";                 /* above the region: not prefixed */
  remind_item_text(&c, "2026-10-01", &zWho, &zWhat);
  assert_string_equal(zWho, "省人社厅");
  assert_string_equal(zWhat, "任务 2.3.1「新增公办学位900个」已超过完成时限2026-09-30，尚未销号");
  free(zWho); free(zWhat);
  c.zUnit = 0;                           /* no lead unit */
  c.unitId = 0;
  remind_item_text(&c, "2026-10-01", &zWho, &zWhat);
  assert_string_equal(zWho, "临江区（牵头单位未明确）");
  free(zWho); free(zWhat);
  /* a long text is cut at 30 characters, newlines become spaces */
  c = chase(CHASE_REPORT_LATE, "2026-06", "2026-07-05");
  c.zText = "一二三四五六七八九十\n一二三四五六七八九十一二三四五六七八九十一二三";
  remind_item_text(&c, "2026-07-06", &zWho, &zWhat);
  assert_non_null(strstr(zWhat, "「一二三四五六七八九十 一二三四五六七八九十一二三四五六七八九…」"));
  free(zWho); free(zWhat);
}

static void test_cause_keys(void **state){
  Chase c = chase(CHASE_REPORT_LATE, "2026-06", "2026-07-10");
  char *z = remind_cause_key(&c);
  assert_string_equal(z, "report_late/123/2026-06");
  free(z);
  c = chase(CHASE_REPORT_RETURNED, "2026-06", "2026-07-03");
  z = remind_cause_key(&c);
  assert_string_equal(z, "report_returned/123/2026-06/2026-07-03");  /* a second return is a new cause */
  free(z);
  c = chase(CHASE_OVERDUE, "", "2026-09-30");
  z = remind_cause_key(&c);
  assert_string_equal(z, "overdue/123/2026-09-30");                   /* a new deadline is a new cause */
  free(z);
}

static void test_compose_one(void **state){
  RemindItem it = {"report_late", "临江区教育局",
                   "任务 2.3.1「新增公办学位900个」2026年6月进度未报送（应于2026-07-05前报送）",
                   "http://luoshi.example/task/123"};
  char *zT, *zX, *zM;
  remind_compose(&it, 1, 1, &zT, &zX, &zM);
  assert_string_equal(zX, "【催办】临江区教育局：任务 2.3.1「新增公办学位900个」2026年6月进度未报送"
                          "（应于2026-07-05前报送），请尽快填报。查看：http://luoshi.example/task/123");
  assert_string_equal(zT, "【催办】临江区教育局：进度未报送");
  assert_string_equal(zM, "#### 【催办】临江区教育局\n\n任务 2.3.1「新增公办学位900个」2026年6月进度未报送"
                          "（应于2026-07-05前报送），请尽快填报。\n\n[查看任务](http://luoshi.example/task/123)");
  free(zT); free(zX); free(zM);
  /* step 2 asks the head, step 3 the office; a notice is 提醒 */
  remind_compose(&it, 1, 2, &zT, &zX, &zM);
  assert_non_null(strstr(zX, "经提醒仍未办理，请督促落实。"));
  free(zT); free(zX); free(zM);
  remind_compose(&it, 1, 3, &zT, &zX, &zM);
  assert_true(strncmp(zX, "【督办】", strlen("【督办】"))==0);
  free(zT); free(zX); free(zM);
  it.zKind = "report_due";
  it.zLink = 0;
  remind_compose(&it, 1, 1, &zT, &zX, &zM);
  assert_true(strncmp(zX, "【提醒】", strlen("【提醒】"))==0);
  assert_null(strstr(zX, "查看"));              /* no base URL: no link */
  assert_non_null(strstr(zX, "请按时填报。"));
  free(zT); free(zX); free(zM);
}

static void test_compose_batch(void **state){
  RemindItem a[2] = {
    {"report_late", "临江区教育局", "任务 2.3.1「甲」2026年6月进度未报送（应于2026-07-10前报送）", "http://x/task/1"},
    {"overdue", "临江区住建局", "任务 1.2.1「乙」已超过完成时限2026-06-30，尚未销号", "http://x/task/2"},
  };
  char *zT, *zX, *zM;
  remind_compose(a, 2, 3, &zT, &zX, &zM);
  assert_string_equal(zT, "【督办】2项事项");
  assert_string_equal(zX, "【督办】以下2项事项经提醒仍未办理，请督办：\n"
                          "1. 临江区教育局：任务 2.3.1「甲」2026年6月进度未报送（应于2026-07-10前报送）。查看：http://x/task/1\n"
                          "2. 临江区住建局：任务 1.2.1「乙」已超过完成时限2026-06-30，尚未销号。查看：http://x/task/2");
  assert_non_null(strstr(zM, "\n\n1. 临江区教育局："));
  assert_non_null(strstr(zM, "[查看](http://x/task/2)"));
  free(zT); free(zX); free(zM);
  a[1].zWho = "临江区教育局";                   /* one unit: named once */
  remind_compose(a, 2, 1, &zT, &zX, &zM);
  assert_string_equal(zT, "【催办】临江区教育局：2项事项");
  assert_non_null(strstr(zX, "\n2. 任务 1.2.1「乙」已超过完成时限2026-06-30，尚未销号，请抓紧办理并报送进展。"));
  free(zT); free(zX); free(zM);
}

/* ---- time ---- */

static void test_backoff(void **state){
  assert_int_equal(remind_backoff(600, 1), 600);
  assert_int_equal(remind_backoff(600, 2), 1200);
  assert_int_equal(remind_backoff(600, 3), 2400);
  assert_int_equal(remind_backoff(600, 20), 604800);   /* capped at a week */
  assert_int_equal(remind_backoff(0, 3), 0);           /* tests: retry at once */
  assert_int_equal(remind_backoff(86400, 2), 172800);
  assert_int_equal(remind_backoff(86400, 5), 604800);
}

static void test_time_add(void **state){
  char z[20];
  remind_time_add("2026-07-05T23:59:30", 60, z);
  assert_string_equal(z, "2026-07-06T00:00:30");
  remind_time_add("2026-12-31T12:00:00", 86400*2, z);
  assert_string_equal(z, "2027-01-02T12:00:00");
  remind_time_add("2028-02-28T10:00:00", 86400, z);
  assert_string_equal(z, "2028-02-29T10:00:00");
  remind_time_add("2026-03-01T00:00:10", -20, z);
  assert_string_equal(z, "2026-02-28T23:59:50");
}

/* ---- settings ---- */

static void test_settings(void **state){
  RemindSettings s;
  Err e = {0};
  remind_settings_default(&s);
  assert_int_equal(s.headDays, 2);
  assert_int_equal(remind_settings_set(&s, "remind_head_days", "off", &e), 0);
  assert_int_equal(s.headDays, -1);
  char *z = remind_settings_get(&s, "remind_head_days");
  assert_string_equal(z, "off");
  free(z);
  assert_int_not_equal(remind_settings_set(&s, "remind_retry_max", "off", &e), 0);  /* not for this one */
  assert_non_null(strstr(e.zMsg, "remind_retry_max"));
  assert_int_not_equal(remind_settings_set(&s, "remind_due_days", "3x", &e), 0);
  assert_int_not_equal(remind_settings_set(&s, "remind_retry_seconds", "-1", &e), 0);
  assert_int_not_equal(remind_settings_set(&s, "remind_bogus", "1", &e), 0);
  assert_non_null(strstr(e.zMsg, "unknown setting remind_bogus"));
  assert_int_equal(remind_settings_set(&s, "remind_base_url", "https://luoshi.example/", &e), 0);
  assert_string_equal(s.zBaseUrl, "https://luoshi.example");   /* no trailing slash */
  assert_int_not_equal(remind_settings_set(&s, "remind_base_url", "luoshi.example", &e), 0);
  assert_int_not_equal(remind_settings_set(&s, "remind_smtp_url", "http://mail", &e), 0);
  assert_int_not_equal(remind_settings_set(&s, "remind_mail_from", "a\nb", &e), 0);
  assert_int_equal(s.retryMax, 5);                               /* failures changed nothing */
  remind_settings_clear(&s);
}

/* ---- channels ---- */

static void test_validate(void **state){
  Err e = {0};
  assert_int_equal(channel_validate("dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=abc", "SECx", &e), 0);
  assert_int_equal(channel_validate("wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1", 0, &e), 0);
  assert_int_equal(channel_validate("webhook", "http://127.0.0.1:8080/hook", 0, &e), 0);
  assert_int_equal(channel_validate("email", "zhang.san@jyj.linjiang.gov.cn", 0, &e), 0);
  assert_int_not_equal(channel_validate("sms", "13800000000", 0, &e), 0);
  assert_string_equal(e.zMsg, "unknown channel kind \"sms\" (known: dingtalk, wecom, webhook, email)");
  assert_int_not_equal(channel_validate("dingtalk", "htp:/oapi.dingtalk.com", 0, &e), 0);
  assert_non_null(strstr(e.zMsg, "is malformed"));
  assert_int_not_equal(channel_validate("dingtalk", "https://oapi.dingtalk.com/robot/send", 0, &e), 0);
  assert_non_null(strstr(e.zMsg, "no access_token="));
  assert_int_not_equal(channel_validate("dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=", 0, &e), 0);
  assert_int_not_equal(channel_validate("wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?x=1", 0, &e), 0);
  assert_non_null(strstr(e.zMsg, "no key="));
  assert_int_not_equal(channel_validate("webhook", "ftp://host/x", 0, &e), 0);
  assert_int_not_equal(channel_validate("webhook", "http://", 0, &e), 0);
  assert_int_not_equal(channel_validate("webhook", "http://h/x", "SEC", &e), 0);   /* secret only for dingtalk */
  assert_int_not_equal(channel_validate("email", "张三 <zs@x.cn>", 0, &e), 0);
  assert_int_not_equal(channel_validate("email", "zs@localhost", 0, &e), 0);
  assert_int_not_equal(channel_validate("email", "", 0, &e), 0);
  assert_non_null(strstr(e.zMsg, "needs an address"));
}

static const RemindItem aItem[1] = {{"report_late", "临江区教育局", "任务 2.3.1「新增」…", "http://x/task/1"}};
static const char *const azCause[1] = {"report_late/123/2026-06"};
static const ChannelMsg msg = {"【催办】临江区教育局：进度未报送", "TEXT", "#### 【催办】\n\nMD", 1, aItem, 1, azCause};

static void test_bodies(void **state){
  char *z = channel_dingtalk_body(&msg);
  json_t *j = json_loads(z, 0, 0);
  assert_non_null(j);
  assert_string_equal(json_string_value(json_object_get(j, "msgtype")), "markdown");
  json_t *md = json_object_get(j, "markdown");
  assert_string_equal(json_string_value(json_object_get(md, "title")), "【催办】临江区教育局：进度未报送");
  assert_string_equal(json_string_value(json_object_get(md, "text")), "#### 【催办】\n\nMD");
  json_decref(j);
  free(z);
  z = channel_wecom_body(&msg);
  j = json_loads(z, 0, 0);
  assert_string_equal(json_string_value(json_object_get(j, "msgtype")), "markdown");
  assert_string_equal(json_string_value(json_object_get(json_object_get(j, "markdown"), "content")),
                      "#### 【催办】\n\nMD");
  json_decref(j);
  free(z);
  Channel c;
  memset(&c, 0, sizeof(c));
  c.id = 4; c.zUnit = "教育局"; c.zRole = "leader";
  z = channel_webhook_body(&msg, &c);
  j = json_loads(z, 0, 0);
  assert_string_equal(json_string_value(json_object_get(j, "source")), "luoshi");
  assert_int_equal(json_integer_value(json_object_get(j, "step")), 1);
  json_t *it = json_array_get(json_object_get(j, "items"), 0);
  assert_string_equal(json_string_value(json_object_get(it, "cause")), "report_late/123/2026-06");
  assert_string_equal(json_string_value(json_object_get(it, "link")), "http://x/task/1");
  assert_string_equal(json_string_value(json_object_get(json_object_get(j, "recipient"), "role")), "leader");
  json_decref(j);
  free(z);
}

static void test_dingtalk_sign(void **state){
  /* the vector was computed with python3's hmac, hashlib and base64 */
  char *z = channel_dingtalk_signed_url("https://oapi.dingtalk.com/robot/send?access_token=abc",
                                        "SEC0123456789abcdef", 1700000000000LL);
  assert_string_equal(z, "https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000"
                         "&sign=TSZbRFUuvaSQaRKUpF970OPCb2%2FLcQAP3wOvwZIzBZk%3D");
  free(z);
}

/* Decode the RFC 2047 words of header value z into zOut (assumes B words). */
static void decode_words(const char *z, char *zOut, size_t nOut){
  size_t n = 0;
  zOut[0] = 0;
  while( (z = strstr(z, "=?UTF-8?B?"))!=0 ){
    z += 10;
    const char *zEnd = strstr(z, "?=");
    assert_non_null(zEnd);
    assert_true(zEnd - z + 12 <= 75);                 /* a word is at most 75 characters */
    unsigned char a[128];
    size_t k;
    assert_int_equal(sodium_base642bin(a, sizeof(a), z, (size_t)(zEnd - z), 0, &k, 0,
                                       sodium_base64_VARIANT_ORIGINAL), 0);
    assert_int_equal(utf8_valid_prefix(a, k), k);    /* split between whole characters */
    memcpy(zOut+n, a, k);
    n += k;
    zOut[n] = 0;
    z = zEnd + 2;
  }
  assert_true(n < nOut);
}

static void test_mime_header(void **state){
  char *z = mime_header_encode("Reminder 12");
  assert_string_equal(z, "Reminder 12");
  free(z);
  z = mime_header_encode("【催办】某区住建局：进度未报送");
  assert_string_equal(z, "=?UTF-8?B?44CQ5YKs5Yqe44CR5p+Q5Yy65L2P5bu65bGA77ya6L+b5bqm5pyq5oql6YCB?=");
  free(z);
  const char *zLong = "【督办】临江区教育局：以下12项事项经提醒仍未办理，请督办，涉及教育、卫生、住房等多个领域";
  z = mime_header_encode(zLong);
  assert_non_null(strstr(z, "?=\r\n =?UTF-8?B?"));   /* folded */
  char zBack[512];
  decode_words(z, zBack, sizeof(zBack));
  assert_string_equal(zBack, zLong);
  free(z);
}

static void test_mime_message(void **state){
  char *z = mime_message("某区督查室 <dcs@mou.example>", "head@zjj.example", "【催办】测试",
                         "第一行\n第二行", "Mon, 06 Jul 2026 09:00:00 +0800", "luoshi.1@mou.example");
  assert_non_null(strstr(z, "From: =?UTF-8?B?"));
  assert_non_null(strstr(z, "?= <dcs@mou.example>\r\n"));
  assert_non_null(strstr(z, "To: <head@zjj.example>\r\n"));
  assert_non_null(strstr(z, "Subject: =?UTF-8?B?44CQ5YKs5Yqe44CR5rWL6K+V?=\r\n"));
  assert_non_null(strstr(z, "Date: Mon, 06 Jul 2026 09:00:00 +0800\r\n"));
  assert_non_null(strstr(z, "Message-ID: <luoshi.1@mou.example>\r\n"));
  assert_non_null(strstr(z, "Content-Type: text/plain; charset=UTF-8\r\n"));
  assert_non_null(strstr(z, "Content-Transfer-Encoding: base64\r\n\r\n"));
  const char *zBody = strstr(z, "\r\n\r\n") + 4;
  unsigned char a[256];
  size_t k;
  assert_int_equal(sodium_base642bin(a, sizeof(a), zBody, strlen(zBody), "\r\n", &k, 0,
                                     sodium_base64_VARIANT_ORIGINAL), 0);
  a[k] = 0;
  assert_string_equal((char*)a, "第一行\r\n第二行");   /* CRLF line ends */
  for(const char *c=z; *c; c++){                      /* no bare LF anywhere */
    if( *c=='\n' ) assert_true(c>z && c[-1]=='\r');
    assert_true((unsigned char)*c < 0x80);             /* 7-bit on the wire */
  }
  free(z);
}

/* ---- the schedule of luoshi serve ---- */

static void test_schedule(void **state){
  char zDir[] = "/tmp/luoshi-remind-XXXXXX";
  assert_non_null(mkdtemp(zDir));
  char *zDb = xprintf("%s/s.db", zDir);
  Err e = {0};
  assert_int_equal(ledger_create(zDb, "admin", "password1", &e), 0);
  RemindResult res;
  assert_int_equal(remind_tick(zDb, &res, &e), 0);         /* nothing open: nothing sent */
  assert_int_equal(res.nCause, 0);
  assert_int_equal(res.nSent, 0);
  remind_result_free(&res);
  RemindSchedule *p;
  assert_int_equal(remind_schedule_start(zDb, &p, &e), 0);
  remind_schedule_stop(p);                                  /* returns at once, not after 15 minutes */
  assert_int_not_equal(remind_tick("/nonexistent/x.db", &res, &e), 0);
  assert_non_null(strstr(e.zMsg, "no ledger at /nonexistent/x.db"));
  char *zCmd = xprintf("rm -rf '%s'", zDir);
  assert_int_equal(system(zCmd), 0);
  free(zCmd);
  free(zDb);
}

int main(void){
  settings_default(&set);
  channel_global_init();
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_open_next_report),
    cmocka_unit_test(test_open_returned),
    cmocka_unit_test(test_open_closed_task),
    cmocka_unit_test(test_item_text),
    cmocka_unit_test(test_cause_keys),
    cmocka_unit_test(test_compose_one),
    cmocka_unit_test(test_compose_batch),
    cmocka_unit_test(test_backoff),
    cmocka_unit_test(test_time_add),
    cmocka_unit_test(test_settings),
    cmocka_unit_test(test_validate),
    cmocka_unit_test(test_bodies),
    cmocka_unit_test(test_dingtalk_sign),
    cmocka_unit_test(test_mime_header),
    cmocka_unit_test(test_mime_message),
    cmocka_unit_test(test_schedule),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
