#!/usr/bin/env sh
# Print the path of a Python 3.10 interpreter, looking where a user's machine keeps one:
#   1. $PYTHON, if set
#   2. python3.10 on PATH (that actually runs: a pyenv shim for an unselected version does not)
#   3. pyenv's installed 3.10.x versions
#   4. python3 on PATH, if it is 3.10
# Rasa 3.6 needs Python >=3.8,<3.11; this project uses 3.10.
is310() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' >/dev/null 2>&1; }

if [ -n "${PYTHON:-}" ]; then
  if is310 "$PYTHON"; then echo "$PYTHON"; exit 0; fi
  echo "PYTHON=$PYTHON is not Python 3.10" >&2; exit 1
fi
if command -v python3.10 >/dev/null 2>&1 && is310 python3.10; then
  command -v python3.10; exit 0
fi
if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root)
  for candidate in $(ls -d "$root"/versions/3.10.* 2>/dev/null | sort -t. -k3 -n -r); do
    if is310 "$candidate/bin/python3.10"; then echo "$candidate/bin/python3.10"; exit 0; fi
  done
fi
if command -v python3 >/dev/null 2>&1 && is310 python3; then
  command -v python3; exit 0
fi
echo "Python 3.10 not found. Rasa 3.6 needs Python 3.10 (<3.11): install it, e.g." >&2
echo "  pyenv install 3.10   or   apt-get install python3.10 python3.10-venv" >&2
echo "then re-run, or point PYTHON=/path/to/python3.10 at it." >&2
exit 1
