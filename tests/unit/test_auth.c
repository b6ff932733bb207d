/* test_auth.c -- the permission matrix (auth_can) and password hashing. */
#include "unit.h"
#include "auth.h"

static const int aCo[] = {7};
static AuthObject pubTask = {1, 5, aCo, 1, 0};   /* published, lead 5, co 7 */
static AuthObject draftTask = {0, 5, aCo, 1, 0};

static User user(Role r, int unitId){
  User u = {1, "x", r, unitId, "u"};
  return u;
}

static void test_matrix(void **state){
  User admin = user(ROLE_ADMIN, 0), sup = user(ROLE_SUPERVISOR, 0), lead = user(ROLE_LEADER, 0);
  User own = user(ROLE_UNIT, 5), co = user(ROLE_UNIT, 7), other = user(ROLE_UNIT, 9);
  User pub = user(ROLE_PUBLIC, 0);
  /* admin: everything */
  for(int a=0; a<N_ACTION; a++) assert_true(auth_can(&admin, (Action)a, &pubTask));
  /* supervisor: the office's work, not users/units/settings, not reporting */
  assert_true(auth_can(&sup, ACT_IMPORT, 0));
  assert_true(auth_can(&sup, ACT_EDIT, 0));
  assert_true(auth_can(&sup, ACT_PUBLISH, 0));
  assert_true(auth_can(&sup, ACT_REVIEW, 0));
  assert_true(auth_can(&sup, ACT_CLOSE, 0));
  assert_true(auth_can(&sup, ACT_READ, &draftTask));
  assert_false(auth_can(&sup, ACT_REPORT, &pubTask));
  assert_false(auth_can(&sup, ACT_USERS, 0));
  assert_false(auth_can(&sup, ACT_SETTINGS, 0));
  /* leader: reads everything, instructs, changes nothing */
  assert_true(auth_can(&lead, ACT_READ, &draftTask));
  assert_true(auth_can(&lead, ACT_INSTRUCT, &pubTask));
  assert_true(auth_can(&lead, ACT_AUDIT, 0));
  assert_false(auth_can(&lead, ACT_EDIT, 0));
  assert_false(auth_can(&lead, ACT_REVIEW, 0));
  /* unit: reports on its own tasks (lead or co), sees its drafts */
  assert_true(auth_can(&own, ACT_REPORT, &pubTask));
  assert_true(auth_can(&co, ACT_REPORT, &pubTask));
  assert_false(auth_can(&other, ACT_REPORT, &pubTask));
  assert_true(auth_can(&own, ACT_READ, &draftTask));
  assert_false(auth_can(&other, ACT_READ, &draftTask));
  assert_true(auth_can(&other, ACT_READ, &pubTask));
  assert_false(auth_can(&own, ACT_REVIEW, 0));
  assert_false(auth_can(&own, ACT_CLOSE, 0));
  assert_false(auth_can(&own, ACT_IMPORT, 0));
  /* public: published data only */
  assert_true(auth_can(&pub, ACT_READ, &pubTask));
  assert_false(auth_can(&pub, ACT_READ, &draftTask));
  assert_false(auth_can(&pub, ACT_REPORT, &pubTask));
  assert_false(auth_can(0, ACT_EXPORT, 0));
  /* the supervision dashboard: the office and leaders */
  assert_true(auth_can(&sup, ACT_SUPERVISE, 0));
  assert_true(auth_can(&lead, ACT_SUPERVISE, 0));
  assert_false(auth_can(&own, ACT_SUPERVISE, 0));
  assert_false(auth_can(&pub, ACT_SUPERVISE, 0));
}

static void test_check_message(void **state){
  User other = {3, "jt", ROLE_UNIT, 9, "交通运输局"};
  Err e = {0};
  assert_int_not_equal(auth_check(&other, ACT_REPORT, &pubTask, &e), 0);
  assert_int_equal(e.code, ERR_FORBIDDEN);
  assert_non_null(strstr(e.zMsg, "not a task of 交通运输局"));
}

static void test_password_hash(void **state){
  char z[crypto_pwhash_STRBYTES];
  Err e = {0};
  assert_int_not_equal(auth_hash_password("short", z, &e), 0);
  assert_int_equal(auth_hash_password("correct horse", z, &e), 0);
  assert_true(strncmp(z, "$argon2id$", 10)==0);
  assert_true(auth_password_ok(z, "correct horse"));
  assert_false(auth_password_ok(z, "correct horsE"));
}

/* A password change (ACT_PASSWORD): an admin may change anyone's; every
** other user with a login only their own; the public nobody's. */
static void test_password_change(void **state){
  User admin = {1, "admin", ROLE_ADMIN, 0, 0};
  User sup = {2, "sup", ROLE_SUPERVISOR, 0, 0};
  User boss = {3, "boss", ROLE_LEADER, 0, 0};
  User zj = {4, "zj", ROLE_UNIT, 5, "住建局"};
  User pub = {0, "-", ROLE_PUBLIC, 0, 0};
  AuthObject ofAdmin = {0, 0, 0, 0, 1}, ofSup = {0, 0, 0, 0, 2}, ofBoss = {0, 0, 0, 0, 3};
  AuthObject ofZj = {0, 0, 0, 0, 4}, ofNobody = {0, 0, 0, 0, 0};
  /* the admin: anyone's, its own too */
  assert_true(auth_can(&admin, ACT_PASSWORD, &ofAdmin));
  assert_true(auth_can(&admin, ACT_PASSWORD, &ofSup));
  assert_true(auth_can(&admin, ACT_PASSWORD, &ofZj));
  /* every other role: its own only */
  assert_true(auth_can(&sup, ACT_PASSWORD, &ofSup));
  assert_true(auth_can(&boss, ACT_PASSWORD, &ofBoss));
  assert_true(auth_can(&zj, ACT_PASSWORD, &ofZj));
  assert_false(auth_can(&sup, ACT_PASSWORD, &ofZj));
  assert_false(auth_can(&sup, ACT_PASSWORD, &ofAdmin));
  assert_false(auth_can(&boss, ACT_PASSWORD, &ofSup));
  assert_false(auth_can(&zj, ACT_PASSWORD, &ofBoss));
  assert_false(auth_can(&zj, ACT_PASSWORD, 0));
  /* the public has no password: not even the "user 0" nobody is */
  assert_false(auth_can(&pub, ACT_PASSWORD, &ofNobody));
  assert_false(auth_can(&pub, ACT_PASSWORD, &ofZj));
  assert_false(auth_can(0, ACT_PASSWORD, &ofNobody));
  /* changing one's own password is not managing users */
  assert_false(auth_can(&zj, ACT_USERS, 0));
  Err e = {0};
  assert_int_not_equal(auth_check(&sup, ACT_PASSWORD, &ofZj, &e), 0);
  assert_int_equal(e.code, ERR_FORBIDDEN);
  assert_non_null(strstr(e.zMsg, "only their own password"));
}

/* The shortest password: the same rule for a new user and a new password. */
static void test_password_length(void **state){
  char z[crypto_pwhash_STRBYTES];
  Err e = {0};
  assert_false(auth_password_long_enough(0));
  assert_false(auth_password_long_enough("1234567"));
  assert_true(auth_password_long_enough("12345678"));
  assert_int_not_equal(auth_hash_password("1234567", z, &e), 0);
  assert_int_equal(e.code, ERR_INPUT);
  assert_int_equal(auth_hash_password("12345678", z, &e), 0);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_matrix),
    cmocka_unit_test(test_check_message),
    cmocka_unit_test(test_password_hash),
    cmocka_unit_test(test_password_change),
    cmocka_unit_test(test_password_length),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
