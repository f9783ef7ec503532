#!/usr/bin/env python3
"""A dynamic inventory: Ansible's script protocol, --list with _meta.hostvars."""
import json
import sys

if sys.argv[1:] == ["--list"]:
    print(json.dumps({
        "web": {"hosts": ["web-1", "web-2"], "vars": {"http_port": 80, "tier": "front"}},
        "db": ["db-1"],
        "app": {"children": ["web", "db"], "vars": {"tier": "app"}},
        "standalone": {"ansible_host": "10.0.0.50", "note": "simplified group syntax"},
        "_meta": {"hostvars": {
            "web-1": {"ansible_host": "10.0.0.1", "weight": 1.5},
            "db-1": {"ansible_host": "10.0.0.9", "ansible_port": 2222, "tags": ["a", "b"]},
        }},
    }))
elif sys.argv[1:2] == ["--host"]:
    print("{}")
else:
    sys.exit("usage: inventory.py --list | --host NAME")
