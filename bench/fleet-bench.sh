#!/usr/bin/env bash
# Times the same 5-step workload on lab fleets of 10, 50 and 100 hosts (real sshd on loopback) with
#   runbook run, tuned Ansible (command module, forks=100, pipelining, ControlPersist), an OpenSSH
#   ControlMaster script (one multiplexed connection per host) and asyncssh (one Python process, asyncio, one
#   connection per host: bench/fleet/asyncssh-floor.py), all at most 100 hosts at a time; prints medians and
#   ratios, the runbook process's peak thread count and peak RSS (sampled from /proc/PID/status: Threads, VmHWM),
#   the machine's CPU time during runbook's last run and during asyncssh's (user + system over both cores, from
#   /proc/stat), and how many processes the machine started per host during runbook's last run (the lab's hosts
#   share the machine: their sshd forks and the commands' shells are most of that).
# All three use the same key exchange, cipher, MAC and host key type (KEX_OPTS below: what SSH.NET negotiates
#   with the lab's OpenSSH), so the comparison measures execution, not different cryptography.
# Usage: bench/fleet-bench.sh            SIZES="10 50" RUNS=5 bench/fleet-bench.sh
#        SIZES="500 1000" RUNS=3 bench/fleet-bench.sh      (Ansible runs only at sizes <= ANSIBLE_MAX_HOSTS,
#        200 by default: at 1,000 hosts one Ansible run takes many minutes; SKIP_ANSIBLE=1 skips it everywhere)
#        FORKS=100 (runbook's --forks; Ansible's forks is 100 too)
# Needs root (the lab's sshds log in as root) and jq; installs ansible-core and python3-asyncssh through apt-get
# when they are missing.
set -euo pipefail
root="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$root"
SIZES=${SIZES:-"10 50 100"}
RUNS=${RUNS:-3}
FORKS=${FORKS:-100}
SKIP_ANSIBLE=${SKIP_ANSIBLE:-0}
ANSIBLE_MAX_HOSTS=${ANSIBLE_MAX_HOSTS:-200}
# What SSH.NET 2026.0.0 (Runbook's transport, curve25519-sha256 first) negotiates with the lab's OpenSSH 9.2 (seen
# in sshd's debug log): the OpenSSH clients of the baselines are held to the same.
KEX_OPTS=(-o KexAlgorithms=curve25519-sha256 -o Ciphers=aes128-ctr -o MACs=hmac-sha2-256
          -o HostKeyAlgorithms=ssh-ed25519)
export FLEET_BENCH_KEX_OPTS="${KEX_OPTS[*]}"

wants_ansible() { [[ $SKIP_ANSIBLE != 1 ]] && (($1 <= ANSIBLE_MAX_HOSTS)); }
# needs PACKAGE WHAT: installs the Debian package (as root) or stops saying how to.
needs() {
    if ((EUID == 0)); then
        echo "fleet-bench: installing $1 (apt-get)" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >/dev/null
    else
        echo "fleet-bench: needs $2: sudo apt-get install -y $1" >&2
        exit 2
    fi
}
if [[ $SKIP_ANSIBLE != 1 ]] && ! command -v ansible-playbook >/dev/null; then needs ansible-core ansible-playbook; fi
/usr/bin/python3 -c 'import asyncssh' 2>/dev/null || needs python3-asyncssh asyncssh

./runbook --version >/dev/null    # build once, outside the timings
work=$(mktemp -d /tmp/fleet-bench.XXXXXX)
labs=()
cleanup() {
    for lab in "${labs[@]}"; do ./runbook lab down --dir "$lab" >/dev/null 2>&1 || true; done
    rm -rf "$work"
}
trap cleanup EXIT

now_ms() { date +%s%3N; }
# The machine's busy CPU time in 1/100 s (user, nice, system, irq, softirq over all cores) and processes started.
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
forks() { awk '/^processes/ { print $2 }' /proc/stat; }
# child_ticks VAR: sets VAR to the CPU time of this shell's waited-for children so far, in 1/100 s (bash's `times`,
# second line: user and system). `times` runs in this shell: in a $(...) it would see the subshell's children only.
child_ticks() {
    times >"$work/times"
    printf -v "$1" '%s' "$(awk 'NR == 2 { n = 0; for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); n += p[1] * 60 + p[2] }
        print int(n * 100) }' "$work/times")"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
# time_runs LABEL COMMAND...: prints "median_ms cpu_ticks own_ticks": the median wall time of RUNS runs, and the
# machine's CPU ticks and the command's own during the last one.
time_runs() {
    local label=$1 i start times=() ticks own after
    shift
    for ((i = 0; i < RUNS; i++)); do
        ticks=$(busy_ticks)
        child_ticks own
        start=$(now_ms)
        "$@" >"$work/last.log" 2>&1 || { echo "fleet-bench: $label failed:" >&2; tail -20 "$work/last.log" >&2; exit 1; }
        times+=($(($(now_ms) - start)))
        child_ticks after
        ticks=$(($(busy_ticks) - ticks)) own=$((after - own))
    done
    echo "$(printf '%s\n' "${times[@]}" | median) $ticks $own"
}

# measure_runbook COMMAND...: runs it RUNS times; prints "median_ms peak_threads peak_rss_kib cpu_ticks forks own_ticks"
# (peaks over all runs; the machine's CPU ticks, the processes started and runbook's own CPU ticks, from its last
# /proc/PID/stat sample, during the last run).
# The runbook wrapper execs the CLI, so the background PID is the runbook process itself.
measure_runbook() {
    local i start pid key value threads=0 rss=0 times=() ticks forked own stat
    for ((i = 0; i < RUNS; i++)); do
        ticks=$(busy_ticks) forked=$(forks)
        start=$(now_ms)
        "$@" >"$work/last.log" 2>&1 &
        pid=$!
        while kill -0 "$pid" 2>/dev/null; do
            while read -r key value _; do
                case $key in
                    Threads:) ((value > threads)) && threads=$value ;;
                    VmHWM:) ((value > rss)) && rss=$value ;;
                esac
            done <"/proc/$pid/status" 2>/dev/null || true
            # utime and stime: fields 14 and 15, 12 and 13 after the "(comm)" that may hold spaces.
            stat=$(cat "/proc/$pid/stat" 2>/dev/null) && read -r -a stat <<<"${stat##*) }" && own=$((stat[11] + stat[12]))
            sleep 0.05
        done
        wait "$pid" || { echo "fleet-bench: runbook failed:" >&2; tail -20 "$work/last.log" >&2; exit 1; }
        times+=($(($(now_ms) - start)))
        ticks=$(($(busy_ticks) - ticks)) forked=$(($(forks) - forked))
    done
    echo "$(printf '%s\n' "${times[@]}" | median) $threads $rss $ticks $forked $own"
}

echo "fleet-bench: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), --forks $FORKS, $RUNS runs" >&2
# Columns: wall times; for runbook and asyncssh the CPU seconds of the client itself (own) and of the whole machine
# (cpu: the client, the lab's sshds and the commands' processes); procs/host: processes the machine started per host
# during runbook's run; each baseline's ratio to runbook's wall time in brackets.
printf '%-6s %9s %6s %6s %8s %7s %10s %9s %6s %6s %15s %15s %6s\n' \
    hosts runbook own cpu threads rss procs/host asyncssh own cpu controlmaster ansible load
for n in $SIZES; do
    inventory="$work/fleet-$n.yaml"
    { echo "inventory: fleet-$n"; echo "hosts:"; for ((i = 1; i <= n; i++)); do printf '  node-%03d: { roles: [fleet] }\n' "$i"; done; } >"$inventory"
    lab="$work/lab-$n"
    labs+=("$lab")
    ./runbook lab up -i "$inventory" --dir "$lab" >/dev/null
    lab_inventory="$lab/inventory.yaml"
    key="$lab/hosts/client/id_ed25519"
    known_hosts="$lab/hosts/known_hosts"

    # Each host's address and port as the lab gave them (127.0.0.11 on; past 127.0.0.254 the lab goes on at
    # 127.0.2.1: docs/lab.md), from the lab's own record.
    jq -r '.Hosts[] | "\(.Address) \(.Port)"' "$lab/lab.json" >"$work/hosts-$n.txt"
    jq -r '.Hosts[] | "\(.Name) ansible_host=\(.Address) ansible_port=\(.Port)"' "$lab/lab.json" >"$work/ansible-$n.ini"
    cat >"$work/ansible.cfg" <<CFG
[defaults]
forks = 100
host_key_checking = True
gathering = explicit
stdout_callback = ansible.builtin.oneline
remote_user = root
private_key_file = $key
interpreter_python = /usr/bin/python3
[ssh_connection]
pipelining = True
ssh_args = -o ControlMaster=auto -o ControlPersist=60s -o UserKnownHostsFile=$known_hosts ${KEX_OPTS[*]}
control_path_dir = $work/cp
CFG

    load=$(cut -d' ' -f1 /proc/loadavg)
    measured=$(measure_runbook ./runbook run bench/fleet/five-steps.yaml -i "$lab_inventory" --forks "$FORKS" --no-live)
    read -r rb threads rss rb_ticks rb_forks rb_own <<<"$measured"
    read -r as as_ticks as_own <<<"$(time_runs asyncssh env PARALLEL="$FORKS" /usr/bin/python3 -W ignore \
        bench/fleet/asyncssh-floor.py "$work/hosts-$n.txt" "$key" "$known_hosts")"
    an=-
    if wants_ansible "$n"; then
        read -r an _ <<<"$(time_runs ansible env ANSIBLE_CONFIG="$work/ansible.cfg" \
            ansible-playbook -i "$work/ansible-$n.ini" bench/fleet/playbook.yaml)"
    fi
    read -r cm _ <<<"$(time_runs controlmaster env PARALLEL="$FORKS" \
        bench/fleet/controlmaster.sh "$work/hosts-$n.txt" "$key" "$known_hosts")"
    # A failed run exits only the $(...) it ran in, having said why: stop here, not with an empty column.
    [[ -n $rb && -n $as && -n $an && -n $cm ]] || exit 1
    ratio() { [[ $1 == - ]] && echo - || awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", a / b }'; }
    secs() { awk -v t="$1" 'BEGIN { printf "%.1fs", t / 1000 }'; }
    cpu() { awk -v t="$1" 'BEGIN { printf "%.1fs", t / 100 }'; }
    with_ratio() { [[ $1 == - ]] && echo - || echo "$(secs "$1") ($(ratio "$1" "$rb"))"; }
    printf '%-6s %9s %6s %6s %8s %4sMiB %10s %9s %6s %6s %15s %15s %6s\n' "$n" "$(secs "$rb")" \
        "$(cpu "$rb_own")" "$(cpu "$rb_ticks")" "$threads" "$((rss / 1024))" "$((rb_forks / n))" "$(secs "$as")" \
        "$(cpu "$as_own")" "$(cpu "$as_ticks")" "$(with_ratio "$cm")" "$(with_ratio "$an")" "$load"
    ./runbook lab down --dir "$lab" >/dev/null
done
