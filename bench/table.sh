#!/usr/bin/env bash
# Turns bench/run's raw figures (one tab-separated line per measurement:
# config kind model connections repetition who value p50 p99 failed) into its table and targets.
set -euo pipefail
awk -F'\t' '
  function ratio(a, b) { return (b > 0) ? sprintf("%.2f", a / b) : "-" }
  function verdict(ok) { return ok ? "met" : "NOT MET" }
  {
    key = $1 SUBSEP $2 SUBSEP $3 SUBSEP $4 SUBSEP $6
    n[key]++; v[key] += $7; p50[key] += $8; p99[key] += $9; bad[key] += $10
    if (!(($1 SUBSEP $2 SUBSEP $3 SUBSEP $4) in seen)) { seen[$1 SUBSEP $2 SUBSEP $3 SUBSEP $4] = 1; order[++rows] = $1 SUBSEP $2 SUBSEP $3 SUBSEP $4 }
  }
  function m(k, w) { return (n[k w] > 0) ? v[k w] / n[k w] : 0 }
  function q(arr, k, w) { return (n[k w] > 0) ? arr[k w] / n[k w] : 0 }
  END {
    printf "%-6s %-8s %-17s %5s | %10s %8s %8s | %10s %8s %8s | %6s %6s\n", "java", "kind", "model", "conns",
      "svc req/s", "p50 ms", "p99 ms", "fix req/s", "p50 ms", "p99 ms", "ratio", "failed"
    for (i = 1; i <= rows; i++) {
      split(order[i], f, SUBSEP)
      if (f[2] != "single" && f[2] != "batch") continue
      s = order[i] SUBSEP "service"; x = order[i] SUBSEP "fixture"
      printf "%-6s %-8s %-17s %5s | %10.0f %8.2f %8.2f | %10.0f %8.2f %8.2f | %6s %6d\n", f[1], f[2], f[3], f[4],
        m(s, ""), q(p50, s, ""), q(p99, s, ""), m(x, ""), q(p50, x, ""), q(p99, x, ""), ratio(m(s, ""), m(x, "")), bad[s] + bad[x]
      if (f[2] == "single") {
        single[f[1], f[3], f[4]] = m(s, "") / (m(x, "") > 0 ? m(x, "") : 1)
        p99p50[f[1], f[3], f[4]] = q(p99, s, "") / (q(p50, s, "") > 0 ? q(p50, s, "") : 1)
        fixp99p50[f[1], f[3], f[4]] = q(p99, x, "") / (q(p50, x, "") > 0 ? q(p50, x, "") : 1)
        rps[f[1], f[3], f[4]] = m(s, "")
        configs[f[1]] = 1; models[f[3]] = 1; conns[f[4]] = 1
      }
      if (f[2] == "batch") batch[f[1]] = m(s, "") * 1000
    }
    print ""
    print "Targets (ratios measured in this run)"
    for (c in configs) for (mo in models) for (k in conns) if ((c, mo, k) in single)
      printf "  %-6s %-17s %3s conns: single-row req/s %.2fx the fixture (>= 0.90): %s\n", c, mo, k, single[c, mo, k], verdict(single[c, mo, k] >= 0.9)
    for (c in configs) for (mo in models) if ((c, mo, 16) in p99p50)
      printf "  %-6s %-17s p99 %.2fx p50 at 16 conns (<= 3; fixture %.2fx): %s\n", c, mo, p99p50[c, mo, 16], fixp99p50[c, mo, 16], verdict(p99p50[c, mo, 16] <= 3)
    for (c in configs) for (k in conns) if ((c, "iris", k) in rps) for (mo in models) if (mo ~ /forest|xgboost/ && (c, mo, k) in rps) {
      r = rps[c, mo, k] / rps[c, "iris", k]
      printf "  %-6s %-17s %3s conns: %.3fx the iris LR req/s (>= 0.80): %s\n", c, mo, k, r, verdict(r >= 0.8)
    }
    for (c in batch) printf "  %-6s 1,000-row batch: %.0f rows/s over HTTP (compare with the JMH floor: bench/README.md)\n", c, batch[c]
    for (i = 1; i <= rows; i++) {
      split(order[i], f, SUBSEP); s = order[i] SUBSEP "service"; x = order[i] SUBSEP "fixture"
      if (f[2] == "flips") {
        st = f[1] SUBSEP "steady" SUBSEP f[3] SUBSEP f[4] SUBSEP "service"
        r = q(p99, s, "") / (q(p99, st, "") > 0 ? q(p99, st, "") : 1)
        printf "  %-6s 20 alias flips under load: %d failed of %.0f req/s, p99 %.2f ms = %.2fx steady p99 %.2f ms (0 failed, <= 1.5x): %s\n",
          f[1], bad[s], m(s, ""), q(p99, s, ""), r, q(p99, st, ""), verdict(bad[s] == 0 && r <= 1.5)
      }
      if (f[2] == "startup") {
        r = m(s, "") / m(x, "")
        printf "  %-6s startup to ready: %.0f ms, fixture %.0f ms = %.2fx (<= 2): %s\n", f[1], m(s, ""), m(x, ""), r, verdict(r <= 2)
      }
      if (f[2] == "log") {
        printf "  %-6s service log while measured: %d WARN or ERROR lines (a client closing mid-answer is DEBUG): %s\n", f[1], m(s, ""), verdict(m(s, "") == 0)
      }
      if (f[2] == "memory") {
        d = m(s, "") - m(x, "")
        printf "  %-6s resident memory: %.0f MB with %s models loaded, fixture %.0f MB = +%.0f MB (<= +150): %s\n",
          f[1], m(s, ""), ((p50[s] + 0 > 0) ? p50[s] : "?"), m(x, ""), d, verdict(d <= 150)
      }
    }
  }' "$1"
