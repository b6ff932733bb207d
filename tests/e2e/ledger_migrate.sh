#!/bin/sh
# ledger_migrate.sh -- a ledger made by the first schema (tests/e2e/ledger/
# ledger_v1.sql, a dump of a v1 ledger holding the small report with one
# accepted report) is brought forward when opened: the schema version
# moves, nothing is lost, the audit chain still verifies.
. "$(dirname "$0")/lib.sh"
export LUOSHI_DB=$T/old.db LUOSHI_TODAY=2026-03-06
sqlite3 "$LUOSHI_DB" < "$TOP/tests/e2e/ledger/ledger_v1.sql"
check_eq "the fixture is schema 1" 1 "$(sqlite3 "$LUOSHI_DB" 'PRAGMA user_version')"
"$LUOSHI" task show 2 --as admin > "$T/show" 2>&1
check_eq "opening migrates to the current schema (5)" 5 "$(sqlite3 "$LUOSHI_DB" 'PRAGMA user_version')"
check_grep "the index of task changes is made (schema 5)" 'event_change' "$(sqlite3 "$LUOSHI_DB" '.indexes event' > "$T/idx"; echo "$T/idx")"
check_eq "the task search index is filled for old tasks" 2 "$(sqlite3 "$LUOSHI_DB" "SELECT rowid FROM task_fts WHERE task_fts MATCH '老旧小区'")"
check_grep "the source text moved intact (marked sentence)" '【30个】老旧小区改造，〔6月底前〕' "$T/show"
check_grep "the accepted report is still there" '^report 1  2026-02  10 \(target [0-9]+\)  accepted' "$T/show"
sqlite3 "$LUOSHI_DB" "SELECT writefile('$T/bytes', bytes) FROM plan_source" > /dev/null
check_eq "the file bytes moved" "$(sha256sum < "$TOP/tests/e2e/ledger/mini_report.txt")" "$(sha256sum < "$T/bytes")"
check "the audit chain verifies" "$LUOSHI" verify --as admin
check "and it keeps working" "$LUOSHI" report 2 --period 2026-03 --value 12 --note "十二个" --as zj
check_fail "a newer luoshi's ledger is refused" sh -c "sqlite3 '$LUOSHI_DB' 'PRAGMA user_version=99' && '$LUOSHI' status --as admin"
