# lib.sh -- helpers for the end-to-end tests (POSIX sh).  Source it first.
# $LUOSHI is the binary under test (the sanitizer build in make check),
# $TOP the checkout.  Each check prints one TAP line.
: "${TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${LUOSHI:=$TOP/build/luoshi}"
T=$(mktemp -d "${TMPDIR:-/tmp}/luoshi-e2e.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1

ok(){ echo "ok - $*"; }
notok(){ echo "not ok - $*"; }
# check DESC COMMAND...: ok when COMMAND succeeds
check(){ d=$1; shift; if "$@" >"$T/.out" 2>&1; then ok "$d"; else notok "$d"; sed 's/^/# /' "$T/.out" | head -20; fi; }
# check_fail DESC COMMAND...: ok when COMMAND fails (non-zero exit)
check_fail(){ d=$1; shift; if "$@" >"$T/.out" 2>&1; then notok "$d (expected failure)"; sed 's/^/# /' "$T/.out" | head -20; else ok "$d"; fi; }
# check_eq DESC WANT GOT
check_eq(){ if [ "$2" = "$3" ]; then ok "$1"; else notok "$1"; echo "#  want: $2"; echo "#  got:  $3"; fi; }
# check_grep DESC PATTERN FILE: ok when FILE contains PATTERN (grep -E)
check_grep(){ if grep -Eq -- "$2" "$3"; then ok "$1"; else notok "$1"; echo "#  no match for: $2"; head -20 "$3" | sed 's/^/# /'; fi; }
check_nogrep(){ if grep -Eq -- "$2" "$3"; then notok "$1"; grep -E -- "$2" "$3" | head -5 | sed 's/^/# /'; else ok "$1"; fi; }
