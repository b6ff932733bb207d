# lib.sh -- timing helpers the benchmarks source (not a benchmark itself;
# scripts/bench skips it).
# now: seconds since the epoch with nanoseconds
now(){ date +%s.%N; }
# since T0: milliseconds since T0
since(){ awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.0f", (b-a)*1000}'; }
# best5 CMD...: the best of five runs in milliseconds
best5(){
  best=""
  for i in 1 2 3 4 5; do
    t0=$(now); "$@" > /dev/null; ms=$(since "$t0")
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "$best"
}
