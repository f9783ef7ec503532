#!/usr/bin/env bash
# Baseline: the five commands over one multiplexed OpenSSH connection per host (ControlMaster), hosts in parallel.
# Usage: controlmaster.sh HOSTS_FILE KEY KNOWN_HOSTS   (HOSTS_FILE: "address port" per line)
# FLEET_BENCH_KEX_OPTS: extra ssh options (fleet-bench.sh passes its key exchange, cipher, MAC and host key type, the
# ones Runbook's transport negotiates, so both pay for the same cryptography).
set -euo pipefail
hosts_file=$1 key=$2 known_hosts=$3
read -r -a kex_opts <<<"${FLEET_BENCH_KEX_OPTS:-}"
control=$(mktemp -d)
trap 'rm -rf "$control"' EXIT
ssh_opts=(-i "$key" -o UserKnownHostsFile="$known_hosts" -o StrictHostKeyChecking=yes -o BatchMode=yes
          -o ControlMaster=auto -o ControlPath="$control/%C" -o ControlPersist=60 -o LogLevel=ERROR "${kex_opts[@]}")
one_host() {
    local address=$1 port=$2 cmd
    for cmd in true "uname -r" "echo hello" "test -d /tmp" "date +%s"; do
        ssh "${ssh_opts[@]}" -p "$port" "root@$address" "$cmd" >/dev/null
    done
    ssh "${ssh_opts[@]}" -p "$port" -O exit "root@$address" 2>/dev/null || true
}
pids=()
while read -r address port; do
    one_host "$address" "$port" &
    pids+=($!)
done <"$hosts_file"
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
