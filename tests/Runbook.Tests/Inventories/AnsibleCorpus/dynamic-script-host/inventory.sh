#!/bin/sh
# A dynamic inventory without _meta: Ansible asks --host NAME for each host's vars.
case "$1" in
--list)
    echo '{"workers": {"hosts": ["w1", "w2"], "vars": {"pool": "blue"}}, "all": {"vars": {"env": "test"}}}'
    ;;
--host)
    case "$2" in
    w1) echo '{"ansible_host": "10.1.0.1", "slot": 1}' ;;
    *) echo '{}' ;;
    esac
    ;;
esac
