/* test_login.c -- logins in the audit log: the login as typed that a failed
** login keeps (cut, made valid UTF-8), the entries ledger_login writes, and
** the hourly cap on failed-login entries. */
#include "unit.h"
#include "ledger.h"
#include "util.h"
#include <jansson.h>
#include <stdio.h>
#include <unistd.h>

static void test_as_typed(void **state){
  char *z = login_as_typed("zj");
  assert_string_equal(z, "zj");
  free(z);
  z = login_as_typed(0);
  assert_string_equal(z, "");
  free(z);
  z = login_as_typed("");
  assert_string_equal(z, "");
  free(z);
  /* 70 characters of three bytes each: the first 64 characters */
  char zLong[300] = "";
  for(int i=0; i<70; i++) strcat(zLong, "账");
  z = login_as_typed(zLong);
  assert_int_equal(utf8_count(z, strlen(z)), LOGIN_TYPED_MAX);
  assert_int_equal(strlen(z), 3*LOGIN_TYPED_MAX);
  assert_memory_equal(z, zLong, strlen(z));
  free(z);
  /* bytes that are not UTF-8 become U+FFFD, a cut sequence too */
  z = login_as_typed("a\xff" "b\xe8\xb4");
  assert_string_equal(z, "a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd");
  free(z);
}

/* The login entries (user.login*) of ledger L read as admin, in order:
** "ok:LOGIN:OBJID" or "failed:LOGIN:OBJID" joined by spaces.  Caller frees. */
static char *logins_of(const char *zDb){
  Ledger *L;
  Err e = {0};
  assert_int_equal(ledger_open(zDb, &L, &e), 0);
  assert_int_equal(ledger_act_as(L, "admin", &e), 0);
  Event *a;
  int n;
  assert_int_equal(ledger_log(L, 0, &a, &n, &e), 0);
  char *zOut = xstrdup("");
  for(int i=0; i<n; i++){
    if( strncmp(a[i].zAction, "user.login", 10)!=0 ) continue;
    assert_null(a[i].zBefore);
    json_t *j = json_loads(a[i].zAfter, 0, 0);
    assert_non_null(j);
    char *z = xprintf("%s%s%s:%s:%lld", zOut, zOut[0] ? " " : "",
                      strcmp(a[i].zAction, "user.login")==0 ? "ok" : "failed",
                      json_string_value(json_object_get(j, "login")), a[i].objId);
    free(zOut);
    zOut = z;
    json_decref(j);
  }
  event_list_free(a, n);
  AuditCheck c;
  assert_int_equal(ledger_verify(L, &c, &e), 0);
  assert_int_equal(c.badId, 0);
  ledger_close(L);
  return zOut;
}

static void test_ledger_login_records(void **state){
  char zDir[] = "/tmp/luoshi-login-XXXXXX";
  assert_non_null(mkdtemp(zDir));
  char *zDb = xprintf("%s/l.db", zDir);
  Err e = {0};
  assert_int_equal(ledger_create(zDb, "admin", "password1", &e), 0);
  Ledger *L;
  assert_int_equal(ledger_open(zDb, &L, &e), 0);

  assert_int_not_equal(ledger_login(L, "admin", "password-wrong", &e), 0);
  assert_int_equal(e.code, ERR_AUTH);
  assert_int_equal(ledger_user(L)->id, 0);
  memset(&e, 0, sizeof(e));
  assert_int_not_equal(ledger_login(L, "nobody", "password-x", &e), 0);
  assert_int_equal(e.code, ERR_AUTH);
  memset(&e, 0, sizeof(e));
  assert_int_equal(ledger_login(L, "admin", "password1", &e), 0);
  assert_string_equal(ledger_user(L)->zLogin, "admin");
  int adminId = ledger_user(L)->id;
  ledger_close(L);

  char *z = logins_of(zDb);
  char *zWant = xprintf("failed:admin:%d failed:nobody:0 ok:admin:%d", adminId, adminId);
  assert_string_equal(z, zWant);
  free(z);
  free(zWant);

  /* the failures of this hour are capped: 2 so far, room for 198 more */
  assert_int_equal(ledger_open(zDb, &L, &e), 0);
  for(int i=0; i<250; i++){
    char zLogin[32];
    snprintf(zLogin, sizeof(zLogin), "guess%d", i);
    memset(&e, 0, sizeof(e));
    assert_int_not_equal(ledger_login(L, zLogin, "x", &e), 0);
    assert_int_equal(e.code, ERR_AUTH);
  }
  ledger_close(L);
  z = logins_of(zDb);
  int nFailed = 0;
  for(char *c = z; (c = strstr(c, "failed:"))!=0; c++) nFailed++;
  assert_int_equal(nFailed, 200);
  assert_non_null(strstr(z, "failed:guess197:0"));
  assert_null(strstr(z, "failed:guess198:0"));
  free(z);

  /* the secrets are nowhere in the file */
  char *zBytes;
  size_t nBytes;
  assert_int_equal(read_file(zDb, &zBytes, &nBytes, &e), 0);
  assert_null(memmem(zBytes, nBytes, "password-wrong", 14));
  assert_null(memmem(zBytes, nBytes, "password-x", 10));
  free(zBytes);

  char *zCmd = xprintf("rm -rf '%s'", zDir);
  assert_int_equal(system(zCmd), 0);
  free(zCmd);
  free(zDb);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_as_typed),
    cmocka_unit_test(test_ledger_login_records),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
