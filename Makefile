# Koers: two commands matter, `make run` and `make test` (see README.md).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test eval bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/koers scan examples/documents --manifest examples/manifest.csv --format html --out var/koers-voorbeeld.html; \
	  status=$$?; echo "Rapport geschreven: $(CURDIR)/var/koers-voorbeeld.html"; exit $$status

test: $(STAMP)
	$(BIN)/pytest

eval: $(STAMP)
	$(BIN)/koers eval --docs ../shared/eval/dev/docs --labels ../shared/eval/dev/labels.csv

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_scan.py

clean:
	rm -rf $(VENV) var build src/*.egg-info
