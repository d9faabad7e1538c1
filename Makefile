# Koers: two commands matter, `make run` and `make test` (see README.md).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: install install-node run test eval bench lint-openapi clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# axe-core for the accessibility tests (package.json, exact versions from package-lock.json).
# Without npm they are skipped on a workstation; in CI (CI set) a missing npm is an error.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund && touch $(NODE_STAMP); \
	elif [ -n "$$CI" ]; then \
	  echo "npm ontbreekt: nodig voor axe-core (de toegankelijkheidstests)" >&2; exit 1; \
	else \
	  echo "npm ontbreekt: de toegankelijkheidstests (axe-core) worden overgeslagen"; \
	fi

install-node: $(NODE_STAMP)

# The demo: an HTML scan report of the examples, then the web application with demo data,
# a Celery worker on the filesystem broker and the server on 127.0.0.1:8000 (Ctrl-C stops).
# HOST and PORT reach the devserver through the environment: `PORT=8001 make run`.
run: $(STAMP)
	$(BIN)/koers scan examples/documents --manifest examples/manifest.csv --format html \
	  --out var/koers-voorbeeld.html && echo "Scanrapport van de voorbeelden: $(CURDIR)/var/koers-voorbeeld.html"
	DJANGO_DEBUG=true $(BIN)/python -m koers.web devserver

# The suite on every core (at most four worker processes, idle ones take over queued tests:
# the slow browser and demo tests would otherwise pile up on one); `.venv/bin/pytest` alone is serial.
test: $(STAMP) $(NODE_STAMP)
	$(BIN)/pytest -n auto --maxprocesses 4 --dist worksteal

# The figure on all dev documents, then grouped 5-fold cross-validation by organisation
# (docs.csv): the estimate for documents of organisations the scan never saw (docs/evaluation.md).
eval: $(STAMP)
	$(BIN)/koers eval --docs ../shared/eval/dev/docs --labels ../shared/eval/dev/labels.csv --cv 5

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_scan.py
	$(BIN)/python benchmarks/bench_optimise.py
	$(BIN)/python benchmarks/bench_web.py
	$(BIN)/python benchmarks/bench_batch.py

lint-openapi: $(STAMP)
	tools/lint-openapi.sh

clean:
	rm -rf $(VENV) var build src/*.egg-info node_modules
