/* test_asof.c -- tasks rewound to a past day from the audit entries
** recorded after it (tasks_rewind(), ledger_asof.c). */
#include "unit.h"
#include "ledger_int.h"
#include <stdio.h>

/* The units: 1 住建局 (alias 区住建局), 2 交通运输局, 3 财政局. */
static const Unit aUnit[] = {
  {1, "住建局", "department", "区住建局", "", 1},
  {2, "交通运输局", "department", "交通局", "", 1},
  {3, "财政局", "department", "", "", 1},
};
#define N_UNIT 3

/* A published plan of 2026, published on zPublished ("" for a draft). */
static Plan plan(const char *zPublished){
  Plan p;
  memset(&p, 0, sizeof(p));
  p.id = 1;
  p.year = 2026;
  memcpy(p.zStart, "2026-01-01", 11);
  snprintf(p.zPublishedAt, sizeof(p.zPublishedAt), "%s", zPublished);
  return p;
}

/* Task id (as read today): deadline zDeadline, lead 住建局, co 财政局,
** published. */
static void task(Task *t, int id, const char *zDeadline){
  memset(t, 0, sizeof(*t));
  t->id = id;
  t->planId = 1;
  t->zSeq = xprintf("1.%d", id);
  t->zText = xstrdup("完成老旧小区改造30个");
  memcpy(t->zDeadline, zDeadline, 11);
  t->leadId = 1;
  t->zLead = xstrdup("住建局");
  t->nCo = 1;
  t->aCoId = xmalloc(sizeof(int));
  t->aCoId[0] = 3;
  t->azCo = xmalloc(sizeof(char*));
  t->azCo[0] = xstrdup("财政局");
  t->zState = xstrdup("published");
}

/* Add target id to t as read today: value v of unit zUnit, removed or not. */
static void target(Task *t, int id, double v, const char *zUnit, int removed){
  t->aTarget = realloc(t->aTarget, sizeof(Target)*(size_t)(t->nTarget+1));
  Target *g = &t->aTarget[t->nTarget++];
  memset(g, 0, sizeof(*g));
  g->id = id;
  g->taskId = t->id;
  g->ord = t->nTarget;
  g->zText = xprintf("%g%s", v, zUnit);
  g->zSubject = xstrdup("");
  g->value = g->valueMax = v;
  g->zUnit = xstrdup(zUnit);
  g->zCmp = xstrdup("=");
  g->zStrength = xstrdup("plain");
  g->zOrigin = xstrdup("extracted");
  g->removed = removed;
}

/* Audit entry id: zAction on object (zType, objId) of task taskId, with
** "before" zBefore (not copied: the entries are static in the tests). */
static Event entry(long long id, const char *zAction, const char *zType, int objId, int taskId,
                   const char *zBefore){
  Event v;
  memset(&v, 0, sizeof(v));
  v.id = id;
  v.zAction = (char*)zAction;
  v.zObjType = (char*)zType;
  v.objId = objId;
  v.taskId = taskId;
  v.zBefore = (char*)zBefore;
  return v;
}

static void test_no_change_keeps_today(void **state){
  Plan p = plan("2026-02-01T09:00:00");
  Task t;
  task(&t, 7, "2026-06-30");
  target(&t, 70, 30, "个", 0);
  target(&t, 71, 5, "个", 1);      /* removed before the day */
  tasks_rewind(&t, 1, &p, "2026-04-15", 0, 0, aUnit, N_UNIT);
  assert_string_equal(t.zDeadline, "2026-06-30");
  assert_int_equal(t.nTarget, 1);
  assert_int_equal(t.aTarget[0].id, 70);
  assert_int_equal(t.leadId, 1);
  assert_string_equal(t.zState, "published");
  task_clear(&t);
}

static void test_deadline_is_the_before_of_the_earliest_change(void **state){
  Plan p = plan("2026-02-01T09:00:00");
  Task t, u;
  task(&t, 7, "2026-12-31");
  task(&u, 8, "2026-12-31");
  /* 7: 06-30 -> 09-30 (entry 10) -> 12-31 (entry 12); 8 unchanged */
  Event a[] = {
    entry(10, "task.edit", "task", 7, 7, "{\"deadline\":\"2026-06-30\",\"lead\":\"住建局\",\"co\":[\"财政局\"],\"state\":\"published\",\"closed_at\":null,\"close_reason\":null}"),
    entry(11, "report.submit", "report", 3, 8, 0),
    entry(12, "task.edit", "task", 7, 7, "{\"deadline\":\"2026-09-30\",\"lead\":\"住建局\",\"co\":[\"财政局\"],\"state\":\"published\",\"closed_at\":null,\"close_reason\":null}"),
  };
  Task aT[2] = {u, t};       /* not in id order */
  tasks_rewind(aT, 2, &p, "2026-04-15", a, 3, aUnit, N_UNIT);
  assert_string_equal(aT[1].zDeadline, "2026-06-30");
  assert_string_equal(aT[0].zDeadline, "2026-12-31");
  task_clear(&aT[0]);
  task_clear(&aT[1]);
}

static void test_targets_added_removed_edited(void **state){
  Plan p = plan("2026-02-01T09:00:00");
  Task t;
  task(&t, 7, "2026-12-31");
  target(&t, 70, 20, "个", 0);     /* edited after the day: was 30 */
  target(&t, 71, 2, "条", 1);      /* removed after the day */
  target(&t, 72, 10, "部", 0);     /* added after the day */
  target(&t, 73, 3, "所", 0);      /* edited twice: range 1—4 then 3 所 */
  Event a[] = {
    entry(20, "target.edit", "target", 70, 7, "{\"task\":7,\"text\":\"30个\",\"subject\":\"\",\"value\":30.0,\"unit\":\"个\",\"cmp\":\"=\",\"strength\":\"must\",\"removed\":false}"),
    entry(21, "target.rm", "target", 71, 7, "{\"task\":7,\"text\":\"2条\",\"subject\":\"\",\"value\":2.0,\"unit\":\"条\",\"cmp\":\"=\",\"strength\":\"plain\",\"removed\":false}"),
    entry(22, "target.add", "target", 72, 7, 0),
    entry(23, "target.edit", "target", 73, 7, "{\"task\":7,\"text\":\"1—4所\",\"subject\":\"\",\"value\":1.0,\"unit\":\"所\",\"cmp\":\"range\",\"strength\":\"plain\",\"removed\":false,\"value_max\":4.0}"),
    entry(24, "target.edit", "target", 73, 7, "{\"task\":7,\"text\":\"2所\",\"subject\":\"\",\"value\":2.0,\"unit\":\"所\",\"cmp\":\"=\",\"strength\":\"plain\",\"removed\":false}"),
    entry(25, "target.edit", "target", 72, 7, "{\"task\":7,\"text\":\"9部\",\"subject\":\"\",\"value\":9.0,\"unit\":\"部\",\"cmp\":\"=\",\"strength\":\"plain\",\"removed\":false}"),
  };
  tasks_rewind(&t, 1, &p, "2026-04-15", a, 6, aUnit, N_UNIT);
  assert_int_equal(t.nTarget, 3);
  assert_int_equal(t.aTarget[0].id, 70);
  assert_true(t.aTarget[0].value == 30.0);
  assert_string_equal(t.aTarget[0].zText, "30个");
  assert_string_equal(t.aTarget[0].zStrength, "must");
  assert_int_equal(t.aTarget[1].id, 71);
  assert_true(t.aTarget[1].value == 2.0);
  assert_int_equal(t.aTarget[1].removed, 0);
  assert_int_equal(t.aTarget[2].id, 73);
  assert_string_equal(t.aTarget[2].zCmp, "range");
  assert_true(t.aTarget[2].value == 1.0 && t.aTarget[2].valueMax == 4.0);
  task_clear(&t);
}

static void test_lead_and_co_units(void **state){
  Plan p = plan("2026-02-01T09:00:00");
  Task a[4];
  for(int i=0; i<4; i++) task(&a[i], i+1, "2026-12-31");
  Event aEv[] = {
    /* by id (entries since schema 5): the unit's name of today */
    entry(30, "task.edit", "task", 1, 1, "{\"deadline\":\"2026-12-31\",\"lead\":\"交通局(旧名)\",\"co\":[\"区住建局\"],\"state\":\"published\",\"closed_at\":null,\"close_reason\":null,\"lead_id\":2,\"co_ids\":[1]}"),
    /* by an alias (older entries have names only) */
    entry(31, "task.edit", "task", 2, 2, "{\"deadline\":\"2026-12-31\",\"lead\":\"交通局\",\"co\":[],\"state\":\"published\",\"closed_at\":null,\"close_reason\":null}"),
    /* a name no unit has any more: kept, id 0 */
    entry(32, "task.edit", "task", 3, 3, "{\"deadline\":\"2026-12-31\",\"lead\":\"撤并的局\",\"co\":[\"财政局\"],\"state\":\"published\",\"closed_at\":null,\"close_reason\":null}"),
    /* no lead then */
    entry(33, "task.edit", "task", 4, 4, "{\"deadline\":\"2026-12-31\",\"lead\":null,\"co\":[],\"state\":\"published\",\"closed_at\":null,\"close_reason\":null,\"lead_id\":null,\"co_ids\":[]}"),
  };
  tasks_rewind(a, 4, &p, "2026-04-15", aEv, 4, aUnit, N_UNIT);
  assert_int_equal(a[0].leadId, 2);
  assert_string_equal(a[0].zLead, "交通运输局");
  assert_int_equal(a[0].nCo, 1);
  assert_int_equal(a[0].aCoId[0], 1);
  assert_string_equal(a[0].azCo[0], "住建局");
  assert_int_equal(a[1].leadId, 2);
  assert_string_equal(a[1].zLead, "交通运输局");
  assert_int_equal(a[1].nCo, 0);
  assert_int_equal(a[2].leadId, 0);
  assert_string_equal(a[2].zLead, "撤并的局");
  assert_int_equal(a[2].aCoId[0], 3);
  assert_int_equal(a[3].leadId, 0);
  assert_null(a[3].zLead);
  for(int i=0; i<4; i++) task_clear(&a[i]);
}

static void test_state_close_and_publication(void **state){
  Task t;
  /* closed after the day: open then */
  Plan p = plan("2026-02-01T09:00:00");
  task(&t, 7, "2026-12-31");
  free(t.zState);
  t.zState = xstrdup("done");
  memcpy(t.zClosedAt, "2026-06-10T10:00:00", 20);
  t.zCloseReason = xstrdup("提前完成");
  Event a[] = {
    entry(40, "task.close", "task", 7, 7, "{\"deadline\":\"2026-12-31\",\"lead\":\"住建局\",\"co\":[\"财政局\"],\"state\":\"published\",\"closed_at\":null,\"close_reason\":null}"),
  };
  tasks_rewind(&t, 1, &p, "2026-06-09", a, 1, aUnit, N_UNIT);
  assert_string_equal(t.zState, "published");
  assert_string_equal(t.zClosedAt, "");
  assert_null(t.zCloseReason);
  task_clear(&t);
  /* the plan published after the day: its tasks were drafts */
  task(&t, 7, "2026-12-31");
  tasks_rewind(&t, 1, &p, "2026-01-31", 0, 0, aUnit, N_UNIT);
  assert_string_equal(t.zState, "draft");
  task_clear(&t);
  /* published on the day itself: published at its end */
  task(&t, 7, "2026-12-31");
  tasks_rewind(&t, 1, &p, "2026-02-01", 0, 0, aUnit, N_UNIT);
  assert_string_equal(t.zState, "published");
  task_clear(&t);
  /* a draft plan stays a draft */
  p = plan("");
  task(&t, 7, "2026-12-31");
  free(t.zState);
  t.zState = xstrdup("draft");
  tasks_rewind(&t, 1, &p, "2026-03-01", 0, 0, aUnit, N_UNIT);
  assert_string_equal(t.zState, "draft");
  task_clear(&t);
}

static void test_bad_entries_change_nothing(void **state){
  Plan p = plan("2026-02-01T09:00:00");
  Task t;
  task(&t, 7, "2026-12-31");
  target(&t, 70, 20, "个", 0);
  Event a[] = {
    entry(50, "task.edit", "task", 7, 7, "not json"),
    entry(51, "task.edit", "task", 7, 7, "{\"deadline\":\"2026-02-30\"}"),
    entry(52, "target.edit", "target", 70, 7, "[1,2]"),
    entry(53, "target.edit", "target", 70, 7, "{broken"),
    entry(54, "task.edit", "task", 99, 99, "{\"deadline\":\"2026-01-31\"}"),
  };
  tasks_rewind(&t, 1, &p, "2026-04-15", a, 5, aUnit, N_UNIT);
  assert_string_equal(t.zDeadline, "2026-12-31");
  assert_int_equal(t.nTarget, 1);
  assert_true(t.aTarget[0].value == 20.0);
  assert_int_equal(t.leadId, 1);
  task_clear(&t);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_no_change_keeps_today),
    cmocka_unit_test(test_deadline_is_the_before_of_the_earliest_change),
    cmocka_unit_test(test_targets_added_removed_edited),
    cmocka_unit_test(test_lead_and_co_units),
    cmocka_unit_test(test_state_close_and_publication),
    cmocka_unit_test(test_bad_entries_change_nothing),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
