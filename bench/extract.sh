# extract.sh -- extraction speed and memory (issue #2: aim >= 50 MB/s on one
# core, peak memory under 10x the largest single input).  The corpus: the
# project's own sample and fixtures, plus ../shared/corpus/dev when present
# (read in place, never copied), repeated to 60 MB.
top=$(cd "$(dirname "$0")/.." && pwd)
files=$(ls "$top"/examples/*.txt "$top"/tests/golden/*.txt 2>/dev/null)
[ -d "$top/../shared/corpus/dev" ] && files="$files $(ls "$top"/../shared/corpus/dev/*.txt)"
echo "command: build/bench_extract --mb 60 examples/*.txt tests/golden/*.txt ../shared/corpus/dev/*.txt"
"$top/build/bench_extract" --mb 60 $files
echo "command: build/bench_extract --big 100 (the same files concatenated 100 times into one input)"
"$top/build/bench_extract" --big 100 $files
