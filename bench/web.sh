# web.sh -- `luoshi serve` under load (issue #4): wrk against the public
# home page and /api/v1/tasks of the sample plan (examples/sample.txt,
# published, with a month of reports), and in the same run against nginx
# serving a static copy of that home page (same bytes) on loopback.  Prints
# req/s, p99 latency and the ratio to nginx.  Aim: the home page at >= 50%
# of nginx's req/s, p99 under 20 ms at 64 connections.  Both servers get
# the same threads/workers (THREADS, default the number of CPUs) and log
# every request to a file.  Figures are printed, never asserted.
#   DURATION=10s CONNS=64 THREADS=2 sh bench/web.sh
top=$(cd "$(dirname "$0")/.." && pwd)
L=$top/build/luoshi
W=$top/build/bench-web
DURATION=${DURATION:-10s}
CONNS=${CONNS:-64}
THREADS=${THREADS:-$(nproc)}
for p in wrk nginx; do
  command -v $p > /dev/null 2>&1 || [ -x /usr/sbin/$p ] || { echo "web.sh: $p is missing (scripts/deps)"; exit 0; }
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
rm -rf "$W"; mkdir -p "$W/www" "$W/tmp"
chmod 755 "$W" "$W/www"
export LUOSHI_DB=$W/bench.db
unset LUOSHI_USER
free_port(){ python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# the ledger: the sample plan, published on 1 February, February reported
LUOSHI_TODAY=2026-02-01; export LUOSHI_TODAY
echo benchpass1 | "$L" init --admin admin > /dev/null
"$L" import "$top/examples/sample.txt" --region 临江区 --year 2026 --as admin > /dev/null
"$L" plan publish --as admin > /dev/null
echo benchpass2 | "$L" user add u1 --role unit --unit 住建局 --as admin > /dev/null
LUOSHI_TODAY=2026-03-05; export LUOSHI_TODAY
for id in $("$L" task list --unit 住建局 --as admin | awk '{print $1}'); do
  "$L" report "$id" --period 2026-02 --percent 15 --note 基准 --as u1 > /dev/null 2>&1
done
"$L" review --all --accept --as admin > /dev/null 2>&1 || \
  for r in $("$L" reports --pending --as admin | awk '{print $1}'); do "$L" review "$r" --accept --as admin > /dev/null; done
LUOSHI_TODAY=2026-03-12; export LUOSHI_TODAY

LP=$(free_port)
"$L" serve --listen "127.0.0.1:$LP" --threads "$THREADS" --log "$W/luoshi-access.log" 2> "$W/luoshi.err" &
LPID=$!
i=0; while ! curl -s -o /dev/null "http://127.0.0.1:$LP/robots.txt" && [ $i -lt 100 ]; do i=$((i+1)); sleep 0.1; done
curl -s -o "$W/www/index.html" "http://127.0.0.1:$LP/"
SIZE=$(wc -c < "$W/www/index.html" | tr -d ' ')

NP=$(free_port)
cat > "$W/nginx.conf" <<CONF
worker_processes $THREADS;
pid $W/nginx.pid;
error_log $W/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log $W/nginx-access.log;
  client_body_temp_path $W/tmp;
  proxy_temp_path $W/tmp;
  fastcgi_temp_path $W/tmp;
  keepalive_requests 100000;
  types { text/html html; }
  server {
    listen 127.0.0.1:$NP;
    root $W/www;
    location / { index index.html; }
  }
}
CONF
"$NGINX" -c "$W/nginx.conf" -p "$W" -g 'daemon off;' 2> "$W/nginx.err" &
NPID=$!
i=0; while ! curl -s -o /dev/null "http://127.0.0.1:$NP/" && [ $i -lt 100 ]; do i=$((i+1)); sleep 0.1; done
cleanup(){ kill -TERM $LPID $NPID 2>/dev/null; wait $LPID $NPID 2>/dev/null; }
trap cleanup EXIT

# run NAME URL: wrk once (after a short warm-up); prints "req/s p99_ms"
run(){
  wrk -t2 -c"$CONNS" -d2s "$2" > /dev/null 2>&1
  wrk -t2 -c"$CONNS" -d"$DURATION" --latency "$2" > "$W/wrk-$1.txt" 2>&1
  rps=$(awk '/^Requests\/sec:/{print $2}' "$W/wrk-$1.txt")
  p99=$(awk '$1=="99%"{v=$2; if(v~/us$/){sub(/us/,"",v); v/=1000} else if(v~/ms$/){sub(/ms/,"",v)} else if(v~/s$/){sub(/s/,"",v); v*=1000}; print v}' "$W/wrk-$1.txt")
  non2xx=$(awk '/Non-2xx/{print $NF}' "$W/wrk-$1.txt")
  echo "$rps ${p99:-?} ${non2xx:-0}"
}
echo "wrk -t2 -c$CONNS -d$DURATION --latency; $THREADS server threads / nginx workers; $(nproc) CPUs shared with wrk"
echo "home page: $SIZE bytes (nginx serves a static copy of the same bytes)"
set -- $(run nginx "http://127.0.0.1:$NP/index.html"); n_rps=$1; n_p99=$2
set -- $(run home "http://127.0.0.1:$LP/"); h_rps=$1; h_p99=$2; h_bad=$3
set -- $(run api "http://127.0.0.1:$LP/api/v1/tasks"); a_rps=$1; a_p99=$2; a_bad=$3
printf '%-28s %12s %10s %10s\n' "target" "req/s" "p99 ms" "vs nginx"
printf '%-28s %12s %10s %10s\n' "nginx static copy" "$n_rps" "$n_p99" "100%"
printf '%-28s %12s %10s %10s\n' "luoshi /" "$h_rps" "$h_p99" "$(awk -v a="$h_rps" -v b="$n_rps" 'BEGIN{printf "%.0f%%", 100*a/b}')"
printf '%-28s %12s %10s %10s\n' "luoshi /api/v1/tasks" "$a_rps" "$a_p99" "$(awk -v a="$a_rps" -v b="$n_rps" 'BEGIN{printf "%.0f%%", 100*a/b}')"
[ "$h_bad" != 0 ] || [ "$a_bad" != 0 ] && echo "non-2xx answers: home $h_bad, api $a_bad"
echo "aim: luoshi / >= 50% of nginx, p99 < 20 ms"
