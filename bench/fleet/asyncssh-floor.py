#!/usr/bin/python3
"""Baseline: the five commands with asyncssh (Debian's python3-asyncssh), one process, one asyncio loop, one
connection per host, at most PARALLEL hosts at a time. No thread and no process per connection: what is left of the
wall time is mostly the hosts' side (sshd's fork and re-exec per connection, a session and a shell per command), the
floor any client pays on a machine that also runs the lab.
Usage: asyncssh-floor.py HOSTS_FILE KEY KNOWN_HOSTS   (HOSTS_FILE: "address port" per line); PARALLEL=100."""
import asyncio
import os
import sys

import asyncssh

COMMANDS = ["true", "uname -r", "echo hello", "test -d /tmp", "date +%s"]


async def one_host(address, port, key, known_hosts, limit):
    async with limit:
        async with asyncssh.connect(address, port=port, username="root", client_keys=[key],
                                    known_hosts=known_hosts, kex_algs=["curve25519-sha256"],
                                    encryption_algs=["aes128-ctr"], mac_algs=["hmac-sha2-256"],
                                    server_host_key_algs=["ssh-ed25519"]) as conn:
            for command in COMMANDS:
                await conn.run(command, check=True, stdin=asyncssh.DEVNULL)
    return 1


async def main():
    hosts_file, key, known_hosts = sys.argv[1:4]
    limit = asyncio.Semaphore(int(os.environ.get("PARALLEL", "100")))
    with open(hosts_file) as f:
        hosts = [line.split() for line in f if line.strip()]
    done = await asyncio.gather(*(one_host(a, int(p), key, known_hosts, limit) for a, p in hosts))
    if sum(done) != len(hosts):
        sys.exit(f"asyncssh-floor: only {sum(done)} of {len(hosts)} hosts ran all five commands")


asyncio.run(main())
