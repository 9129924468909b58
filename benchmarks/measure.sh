# Timing helpers the benchmark scripts source (bash): `measure COMMAND...` runs a command and leaves its wall
# time, CPU time and peak RSS in $wall, $cpu and $peak_mb. Needs $WORK (a scratch folder).

# CPU seconds (user + system) of the children this shell has waited for so far, into $children_cpu (`times`
# must run in this shell itself: in a command substitution it would count the subshell's children).
children_cpu() {
    times > "$WORK/.times"
    children_cpu=$(awk 'NR == 2 {
        split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.3f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$WORK/.times")
}

# Runs a command; afterwards $wall holds its wall time in seconds, $cpu its CPU seconds (user + system) and
# $peak_mb its peak RSS in MB.
measure() {
    local start end pid peak_kb=0 rss cpu_before
    children_cpu
    cpu_before=$children_cpu
    start=$(date +%s.%N)
    "$@" &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
        rss=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
        [ -n "$rss" ] && [ "$rss" -gt "$peak_kb" ] && peak_kb=$rss
        sleep 0.2
    done
    wait "$pid"
    end=$(date +%s.%N)
    wall=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }')
    children_cpu
    cpu=$(awk -v b="$cpu_before" -v a="$children_cpu" 'BEGIN { printf "%.2f", a - b }')
    peak_mb=$(( peak_kb / 1024 ))
}
