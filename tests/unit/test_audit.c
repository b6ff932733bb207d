/* test_audit.c -- the audit hash chain: canonical hashing, verify, and
** tampering done behind luoshi's back (with SQLite directly). */
#include "unit.h"
#include "audit.h"
#include "store.h"
#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>

static char zDb[64];

static void test_hash_covers_every_field(void **state){
  Event v;
  memset(&v, 0, sizeof(v));
  v.id = 3;
  snprintf(v.zAt, sizeof(v.zAt), "2026-03-01T10:00:00");
  v.zActor = "zj"; v.zAction = "report.submit"; v.zObjType = "report";
  v.objId = 9; v.taskId = 4; v.zBefore = 0; v.zAfter = "{\"value\":5}";
  memset(v.zPrevHash, 'a', 64);
  char h0[65], h[65];
  audit_hash(&v, h0);
  audit_hash(&v, h);
  assert_string_equal(h0, h);                 /* deterministic */
  v.zAfter = "{\"value\":6}"; audit_hash(&v, h); assert_string_not_equal(h0, h);
  v.zAfter = "{\"value\":5}"; v.taskId = 5; audit_hash(&v, h); assert_string_not_equal(h0, h);
  v.taskId = 4; v.zPrevHash[0] = 'b'; audit_hash(&v, h); assert_string_not_equal(h0, h);
  v.zPrevHash[0] = 'a'; v.zBefore = ""; audit_hash(&v, h); assert_string_not_equal(h0, h); /* NULL != "" */
  v.zBefore = 0; audit_hash(&v, h); assert_string_equal(h0, h);
}

/* A store with five entries. */
static Store *five_entries(void){
  Store *s;
  Err e = {0};
  snprintf(zDb, sizeof(zDb), "/tmp/luoshi-test-audit-%d.db", (int)getpid());
  unlink(zDb);
  assert_int_equal(store_open(zDb, 1, &s, &e), 0);
  assert_int_equal(store_begin(s, &e), 0);
  for(int i=1; i<=5; i++){
    char zAfter[32];
    snprintf(zAfter, sizeof(zAfter), "{\"n\":%d}", i);
    assert_int_equal(audit_record(s, "2026-01-01T00:00:00", "admin", "test", "task", i, i, 0, zAfter, &e), 0);
  }
  assert_int_equal(store_commit(s, &e), 0);
  return s;
}

/* Run SQL on the test ledger behind the store's back. */
static void tamper(const char *zSql){
  sqlite3 *db;
  assert_int_equal(sqlite3_open(zDb, &db), SQLITE_OK);
  char *zErr = 0;
  int rc = sqlite3_exec(db, zSql, 0, 0, &zErr);
  if( rc ) fprintf(stderr, "tamper: %s\n", zErr);
  assert_int_equal(rc, SQLITE_OK);
  sqlite3_close(db);
}

static void cleanup(Store *s){
  store_close(s);
  char z[80];
  unlink(zDb);
  snprintf(z, sizeof(z), "%s-wal", zDb); unlink(z);
  snprintf(z, sizeof(z), "%s-shm", zDb); unlink(z);
}

static void test_verify_names_altered_entry(void **state){
  Store *s = five_entries();
  AuditCheck c;
  Err e = {0};
  assert_int_equal(audit_verify(s, &c, &e), 0);
  assert_int_equal(c.badId, 0);
  assert_int_equal(c.nEntry, 5);
  tamper("DROP TRIGGER event_no_update; UPDATE event SET after='{\"n\":9}' WHERE id=3");
  assert_int_equal(audit_verify(s, &c, &e), 0);
  assert_int_equal(c.badId, 3);
  assert_non_null(strstr(c.zWhy, "altered"));
  cleanup(s);
}

static void test_verify_names_rehashed_entry(void **state){
  Store *s = five_entries();
  AuditCheck c;
  Err e = {0};
  /* a forger who recomputes entry 2's hash breaks the link from entry 3 */
  tamper("DROP TRIGGER event_no_update; UPDATE event SET hash='0000000000000000000000000000000000000000000000000000000000000001' WHERE id=2");
  assert_int_equal(audit_verify(s, &c, &e), 0);
  assert_int_equal(c.badId, 2);
  cleanup(s);
}

static void test_verify_names_removed_entry(void **state){
  Store *s = five_entries();
  AuditCheck c;
  Err e = {0};
  tamper("DROP TRIGGER event_no_delete; DELETE FROM event WHERE id=4");
  assert_int_equal(audit_verify(s, &c, &e), 0);
  assert_int_equal(c.badId, 4);
  assert_non_null(strstr(c.zWhy, "missing"));
  cleanup(s);
  s = five_entries();
  tamper("DROP TRIGGER event_no_delete; DELETE FROM event WHERE id=5");
  assert_int_equal(audit_verify(s, &c, &e), 0);
  assert_int_equal(c.badId, 5);                   /* the tail, through the recorded head */
  cleanup(s);
}

static void test_log_is_append_only(void **state){
  Store *s = five_entries();
  sqlite3 *db;
  assert_int_equal(sqlite3_open(zDb, &db), SQLITE_OK);
  assert_int_not_equal(sqlite3_exec(db, "UPDATE event SET actor='x' WHERE id=1", 0, 0, 0), SQLITE_OK);
  assert_int_not_equal(sqlite3_exec(db, "DELETE FROM event WHERE id=1", 0, 0, 0), SQLITE_OK);
  sqlite3_close(db);
  cleanup(s);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_hash_covers_every_field),
    cmocka_unit_test(test_verify_names_altered_entry),
    cmocka_unit_test(test_verify_names_rehashed_entry),
    cmocka_unit_test(test_verify_names_removed_entry),
    cmocka_unit_test(test_log_is_append_only),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
