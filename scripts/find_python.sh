#!/usr/bin/env bash
# Print the path of a Python >= 3.12 interpreter that has the venv module.
# Order: $PYTHON, python3.13, python3.12, python3, then pyenv installs (3.12 first).
# Exit 2 with a one-line message on stderr if none is found.
set -u

ok() {
    # $1: candidate command or path. Prints its absolute path if it is usable.
    local cand=$1 path
    path=$(command -v -- "$cand" 2>/dev/null) || return 1
    [ -x "$path" ] || return 1
    "$path" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 || return 1
    "$path" -c 'import venv, ensurepip' >/dev/null 2>&1 || return 1
    # Resolve pyenv shims (and similar wrappers) to the real interpreter.
    "$path" -c 'import sys; print(sys.executable)' 2>/dev/null || return 1
}

try() {
    local out
    if out=$(ok "$1") && [ -n "$out" ]; then
        printf '%s\n' "$out"
        exit 0
    fi
}

if [ -n "${PYTHON:-}" ]; then
    try "$PYTHON"
fi
for name in python3.13 python3.12 python3; do
    try "$name"
done

# pyenv installs: 3.12.x before 3.13.x etc., newest patch release first within each.
roots=()
if command -v pyenv >/dev/null 2>&1; then
    r=$(pyenv root 2>/dev/null) && [ -n "$r" ] && roots+=("$r")
fi
roots+=("/root/.pyenv")
for root in "${roots[@]}"; do
    [ -d "$root/versions" ] || continue
    for minor in 12 13 14 15 16 17 18 19; do
        # shellcheck disable=SC2012
        for cand in $(ls -d "$root"/versions/3."$minor".*/bin/python3 2>/dev/null | sort -rV); do
            try "$cand"
        done
    done
done

echo "alliancesim needs Python >= 3.12 (Mesa 3.5). Install python3.12 or set PYTHON=/path/to/python3.12" >&2
exit 2
