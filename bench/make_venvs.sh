#!/usr/bin/env bash
# Create the peers' own virtualenvs, .bench/<tool>/, from bench/requirements-<tool>.txt.
# Idempotent: a virtualenv is rebuilt only when its requirements file changed. camelot and
# pdfplumber need none (they run in lampiran's .venv). tabula also needs a Java runtime
# (apt: default-jre-headless).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
for requirements in bench/requirements-*.txt; do
	tool="$(basename "$requirements" .txt)"
	tool="${tool#requirements-}"
	venv=".bench/$tool"
	stamp="$venv/.installed"
	if [ -f "$stamp" ] && cmp -s "$requirements" "$stamp"; then
		continue
	fi
	echo "bench: creating $venv"
	rm -rf "$venv"
	"$PYTHON" -m venv "$venv"
	"$venv/bin/python" -m pip install -q -r "$requirements"
	cp "$requirements" "$stamp"
done
if ! command -v java >/dev/null; then
	echo "bench: no java on PATH: tabula will be recorded as failing (apt-get install -y default-jre-headless)" >&2
fi
