#!/usr/bin/env bash
# Times the same 5-step workload on lab fleets of 10, 50 and 100 hosts (real sshd on loopback) with
#   runbook run, tuned Ansible (command module, forks=100, pipelining, ControlPersist), and an OpenSSH
#   ControlMaster script (one multiplexed connection per host); prints medians and ratios.
# Usage: bench/fleet-bench.sh            SIZES="10 50" RUNS=5 bench/fleet-bench.sh
# Needs root (the lab's sshds log in as root) and installs ansible-core through apt-get when it is missing.
set -euo pipefail
root="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$root"
SIZES=${SIZES:-"10 50 100"}
RUNS=${RUNS:-3}

if ! command -v ansible-playbook >/dev/null; then
    if ((EUID == 0)); then
        echo "fleet-bench: installing ansible-core (apt-get)" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q ansible-core >/dev/null
    else
        echo "fleet-bench: needs ansible-playbook: sudo apt-get install -y ansible-core" >&2
        exit 2
    fi
fi

./runbook --version >/dev/null    # build once, outside the timings
work=$(mktemp -d /tmp/fleet-bench.XXXXXX)
labs=()
cleanup() {
    for lab in "${labs[@]}"; do ./runbook lab down --dir "$lab" >/dev/null 2>&1 || true; done
    rm -rf "$work"
}
trap cleanup EXIT

now_ms() { date +%s%3N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
time_runs() {   # time_runs LABEL COMMAND...: prints the median wall time in ms of RUNS runs
    local label=$1 i start times=()
    shift
    for ((i = 0; i < RUNS; i++)); do
        start=$(now_ms)
        "$@" >"$work/last.log" 2>&1 || { echo "fleet-bench: $label failed:" >&2; tail -20 "$work/last.log" >&2; exit 1; }
        times+=($(($(now_ms) - start)))
    done
    printf '%s\n' "${times[@]}" | median
}

printf '%-6s %12s %12s %14s %12s %12s\n' hosts runbook ansible controlmaster "ansible/rb" "cm/rb"
for n in $SIZES; do
    inventory="$work/fleet-$n.yaml"
    { echo "inventory: fleet-$n"; echo "hosts:"; for ((i = 1; i <= n; i++)); do printf '  node-%03d: { roles: [fleet] }\n' "$i"; done; } >"$inventory"
    lab="$work/lab-$n"
    labs+=("$lab")
    ./runbook lab up -i "$inventory" --dir "$lab" >/dev/null
    lab_inventory="$lab/inventory.yaml"
    key="$lab/hosts/client/id_ed25519"
    known_hosts="$lab/hosts/known_hosts"

    # The lab gives host i the address 127.0.0.(10 + i), port 2222.
    : >"$work/hosts-$n.txt"
    : >"$work/ansible-$n.ini"
    for ((i = 1; i <= n; i++)); do
        echo "127.0.0.$((10 + i)) 2222" >>"$work/hosts-$n.txt"
        printf 'node-%03d ansible_host=127.0.0.%d ansible_port=2222\n' "$i" "$((10 + i))" >>"$work/ansible-$n.ini"
    done
    cat >"$work/ansible.cfg" <<CFG
[defaults]
forks = 100
host_key_checking = True
gathering = explicit
stdout_callback = null
remote_user = root
private_key_file = $key
interpreter_python = /usr/bin/python3
[ssh_connection]
pipelining = True
ssh_args = -o ControlMaster=auto -o ControlPersist=60s -o UserKnownHostsFile=$known_hosts
control_path_dir = $work/cp
CFG

    rb=$(time_runs runbook ./runbook run bench/fleet/five-steps.yaml -i "$lab_inventory" --forks 100 --no-live)
    an=$(time_runs ansible env ANSIBLE_CONFIG="$work/ansible.cfg" ansible-playbook -i "$work/ansible-$n.ini" bench/fleet/playbook.yaml)
    cm=$(time_runs controlmaster bench/fleet/controlmaster.sh "$work/hosts-$n.txt" "$key" "$known_hosts")
    printf '%-6s %10sms %10sms %12sms %11sx %11sx\n' "$n" "$rb" "$an" "$cm" \
        "$(awk -v a="$an" -v b="$rb" 'BEGIN { printf "%.1f", a / b }')" \
        "$(awk -v a="$cm" -v b="$rb" 'BEGIN { printf "%.1f", a / b }')"
    ./runbook lab down --dir "$lab" >/dev/null
done
