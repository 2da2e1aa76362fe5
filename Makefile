# Two commands on a fresh machine: `make run` and `make test`. Every target sets up what is missing.
SHELL := /bin/bash
PY := .venv/bin/python
STAMP := .venv/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages the pipeline and its tests need (OCR, PDF tools, fonts for the corpus
# renderer, the Indonesian dictionary for OCR repair, a browser for the report test).
APT_PACKAGES := tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng ghostscript poppler-utils \
	qpdf unpaper pngquant hunspell-id fonts-liberation fonts-dejavu-core chromium
SHARED := ../shared
OUT := outputs

.PHONY: setup system run test lint schema corpus expected bench-setup eval bench probes clean

setup: system $(STAMP)

system:
	@missing=""; for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing system packages:$$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

$(STAMP): pyproject.toml constraints.txt
	[ -x $(PY) ] || python3 -m venv .venv
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e '.[dev]'
	touch $(STAMP)

run: setup
	$(PY) -m lampiran ingest corpus $(wildcard $(SHARED)/corpus-real) -o $(OUT) --jobs 2
	$(PY) -m lampiran validate $(OUT)
	$(PY) -m lampiran ingest corpus/*/pdf/born-digital.pdf -o $(OUT)/plans
	$(PY) -m lampiran dataset $(OUT)/plans -o $(OUT)/dataset
	$(PY) -m lampiran compare $(OUT)/plans -o $(OUT)/compare
	@echo "outputs: $(OUT)/*.json (one per PDF, every corpus variant and real document), $(OUT)/_run.json"
	@echo "dataset of the corpus plans: $(OUT)/dataset/; comparison: $(OUT)/compare/comparison.html"

test: setup lint
	$(PY) -m pytest -q

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy

schema: setup
	$(PY) -m lampiran schema --write schemas/json

corpus: setup
	$(PY) -m corpus.render

expected: setup
	$(PY) -m lampiran.expected

# The peer tools get their own virtualenvs (.bench/<tool>/; img2table's OpenCV clashes with
# camelot's) and tabula a Java runtime; only `make eval` and `make bench` need them.
bench-setup: setup
	@dpkg-query -W -f='$${Status}' default-jre-headless 2>/dev/null | grep -q "ok installed" || \
		(echo "installing default-jre-headless (tabula)"; $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null)
	bash bench/make_venvs.sh

eval: bench-setup
	$(PY) -m bench.run_peers --out $(OUT)/_peers.json
	$(PY) -m lampiran.eval_corpus -o $(OUT) --peers $(OUT)/_peers.json

bench: bench-setup
	$(PY) -m bench.timing --runs 3 --cold-runs 1 --batch-runs 1 --out $(OUT)/_bench.json --markdown $(OUT)/bench.md

# Held-out probe decrees (bench/probe_decrees): built, scanned, ingested and scored.
probes: setup
	$(PY) -m bench.probes --out $(OUT)/probes --markdown $(OUT)/probes.md

clean:
	rm -rf $(OUT)/*.json .pytest_cache .mypy_cache .ruff_cache
