#!/usr/bin/env bash
# Baseline: the five commands over one multiplexed OpenSSH connection per host (ControlMaster), at most PARALLEL
# hosts at a time (100 by default: runbook's and Ansible's forks in fleet-bench.sh).
# Usage: controlmaster.sh HOSTS_FILE KEY KNOWN_HOSTS   (HOSTS_FILE: "address port" per line)
# FLEET_BENCH_KEX_OPTS: extra ssh options (fleet-bench.sh passes its key exchange, cipher, MAC and host key type, the
# ones Runbook's transport negotiates, so both pay for the same cryptography).
# Fails unless every host ran all five commands: an earlier version let ssh read the hosts file on its stdin, so the
# loop ended after 40 to 260 of 1,000 hosts and the baseline looked 5-12x faster than it is.
set -euo pipefail
hosts_file=$1 key=$2 known_hosts=$3
PARALLEL=${PARALLEL:-100}
control=$(mktemp -d)
trap 'rm -rf "$control"' EXIT
export key known_hosts control
one_host() {
    local address=$1 port=$2 cmd ran=0 kex_opts
    read -r -a kex_opts <<<"${FLEET_BENCH_KEX_OPTS:-}"
    local ssh_opts=(-n -i "$key" -o UserKnownHostsFile="$known_hosts" -o StrictHostKeyChecking=yes -o BatchMode=yes
        -o ControlMaster=auto -o ControlPath="$control/%C" -o ControlPersist=60 -o LogLevel=ERROR "${kex_opts[@]}")
    for cmd in true "uname -r" "echo hello" "test -d /tmp" "date +%s"; do
        ssh "${ssh_opts[@]}" -p "$port" "root@$address" "$cmd" >/dev/null && ran=$((ran + 1))
    done
    ssh "${ssh_opts[@]}" -p "$port" -O exit "root@$address" 2>/dev/null || true
    echo "$ran"
}
export -f one_host
expected=$(grep -c . "$hosts_file")
done_hosts=$(xargs -P "$PARALLEL" -L 1 bash -c 'one_host "$0" "$1"' <"$hosts_file" | grep -c '^5$' || true)
if ((done_hosts != expected)); then
    echo "controlmaster: only $done_hosts of $expected hosts ran all five commands" >&2
    exit 1
fi
