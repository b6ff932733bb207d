/* test_units.c -- unit names, explicit assignments in the text, and
** keyword suggestions (units.c). */
#include "unit.h"
#include "units.h"

/* The built-in catalogue as Units (pointing at the static strings). */
static Unit *catalogue(int *pn){
  Unit *a = calloc((size_t)nUnitCatalogue, sizeof(Unit));
  for(int i=0; i<nUnitCatalogue; i++){
    a[i].id = i+1;
    a[i].zName = (char*)aUnitCatalogue[i].zName;
    a[i].zKind = (char*)aUnitCatalogue[i].zKind;
    a[i].zAliases = (char*)aUnitCatalogue[i].zAliases;
    a[i].zKeywords = (char*)aUnitCatalogue[i].zKeywords;
    a[i].active = 1;
  }
  *pn = nUnitCatalogue;
  return a;
}

/* Name of the unit suggested to lead zText, or "-". */
static const char *lead_for(const char *zText){
  int n, iLead, aCo[3], nCo;
  Unit *a = catalogue(&n);
  units_suggest(a, n, zText, &iLead, aCo, &nCo, 2);
  const char *z = iLead>=0 ? a[iLead].zName : "-";
  free(a);
  return z;
}

static void test_named(void **state){
  Unit u = {1, "教育局", "department", "教体局,区教育和体育局", "", 1};
  assert_true(unit_named(&u, "教育局"));
  assert_true(unit_named(&u, "区教育局"));      /* level marker added */
  assert_true(unit_named(&u, "教体局"));
  assert_true(unit_named(&u, "教育和体育局"));  /* level marker dropped from an alias */
  assert_false(unit_named(&u, "卫健局"));
}

static void test_explicit(void **state){
  char **azL, **azC;
  int nL, nC;
  units_explicit("完成30个老旧小区改造（牵头单位：住建局；责任单位：财政局、各镇（街道））。", &azL, &nL, &azC, &nC);
  assert_int_equal(nL, 1);
  assert_string_equal(azL[0], "住建局");
  assert_int_equal(nC, 2);
  assert_string_equal(azC[0], "财政局");
  assert_string_equal(azC[1], "各镇（街道）");
  list_free(azL, nL); list_free(azC, nC);

  units_explicit("城镇新增就业3000人以上（责任单位：人社局、财政局）", &azL, &nL, &azC, &nC);
  assert_int_equal(nL, 1);                        /* only 责任单位: the first leads */
  assert_string_equal(azL[0], "人社局");
  assert_int_equal(nC, 1);
  list_free(azL, nL); list_free(azC, nC);

  units_explicit("建成智慧停车平台（区城管局牵头，区交通运输局、区公安分局配合）。", &azL, &nL, &azC, &nC);
  assert_int_equal(nL, 1);
  assert_string_equal(azL[0], "区城管局");
  assert_int_equal(nC, 2);
  assert_string_equal(azC[1], "区公安分局");
  list_free(azL, nL); list_free(azC, nC);

  assert_int_equal(units_explicit("新建幼儿园3所。", &azL, &nL, &azC, &nC), 0);
}

static void test_suggest(void **state){
  assert_string_equal(lead_for("新建幼儿园3所，新增学位1200个。"), "教育局");
  assert_string_equal(lead_for("全力完成133个老旧小区改造收尾工作，同步开展城市更新。"), "住建局");
  assert_string_equal(lead_for("改建农村公路40公里，新开通城乡公交线路2条。"), "交通运输局");
  assert_string_equal(lead_for("城镇新增就业3000人以上，高校毕业生就业率保持稳定。"), "人社局");
  assert_string_equal(lead_for("深化安全生产治本攻坚，坚决遏制重特大事故。"), "应急管理局");
  assert_string_equal(lead_for("坚持党的全面领导。"), "-");
}

static void test_list_split(void **state){
  char **az;
  int n = list_split("财政局、住建局,教育局，卫健局", &az);
  assert_int_equal(n, 4);
  assert_string_equal(az[1], "住建局");
  assert_string_equal(az[3], "卫健局");
  list_free(az, n);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_named),
    cmocka_unit_test(test_explicit),
    cmocka_unit_test(test_suggest),
    cmocka_unit_test(test_list_split),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
