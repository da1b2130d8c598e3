#!/usr/bin/env bash
# Installs the package the way the README tells a pipeline team to (a venv, pip with no index), then
# runs the test suite against the installed copy: tests/conftest.py imports the installed package
# first, and the suite runs from outside the source tree.
#   scripts/offline-install-check.sh PYTHON TARGET_DIR
set -euo pipefail
python=$1
target=$2
here=$(cd "$(dirname "$0")/.." && pwd)
venv="$target/venv"
rm -rf "$venv" "$target/pip-build"
mkdir -p "$target"
"$python" -m venv --system-site-packages "$venv"
# pip builds in the directory it installs from; a copy keeps its build/ out of the source tree
mkdir -p "$target/pip-build"
cp -r "$here/src" "$here/pyproject.toml" "$here/README.md" "$target/pip-build/"
"$venv/bin/pip" install --quiet --no-index --no-build-isolation "$target/pip-build"
installed=$("$venv/bin/python" -c 'import stalewatch, os; print(os.path.dirname(stalewatch.__file__))')
case "$installed" in
  "$venv"/*) ;;
  *) echo "offline-install-check: stalewatch imported from $installed, not from the venv" >&2; exit 1 ;;
esac
cd "$target"
"$venv/bin/python" -m pytest -q -p no:cacheprovider --rootdir "$here" "$here/tests"
"$venv/bin/python" -m stalewatch --help >/dev/null
echo "offline-install-check: installed into $venv and passed"
