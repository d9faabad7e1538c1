# Koers: two commands matter, `make run` and `make test` (see README.md).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test eval bench lint-openapi clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The demo: an HTML scan report of the examples, then the web application with demo data,
# a Celery worker on the filesystem broker and the server on 127.0.0.1:8000 (Ctrl-C stops).
run: $(STAMP)
	$(BIN)/koers scan examples/documents --manifest examples/manifest.csv --format html \
	  --out var/koers-voorbeeld.html && echo "Scanrapport van de voorbeelden: $(CURDIR)/var/koers-voorbeeld.html"
	DJANGO_DEBUG=true $(BIN)/python -m koers.web devserver

test: $(STAMP)
	$(BIN)/pytest

eval: $(STAMP)
	$(BIN)/koers eval --docs ../shared/eval/dev/docs --labels ../shared/eval/dev/labels.csv

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_scan.py
	$(BIN)/python benchmarks/bench_optimise.py
	$(BIN)/python benchmarks/bench_web.py

lint-openapi: $(STAMP)
	tools/lint-openapi.sh

clean:
	rm -rf $(VENV) var build src/*.egg-info
