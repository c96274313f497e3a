# The two commands: `make demo` and `make test`. Both set up .venv on their own.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.test-installed
PEERS_STAMP := $(VENV)/.peers-installed

.PHONY: demo test bench peers docs clean chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

# The demo's articles: samples/wikinews-demo.jsonl, 36 Wikinews articles (CC BY 2.5; samples/README.md credits
# them), chosen by benchmarks/pick_demo_sample.py. It starts from a fresh demo.db.
demo: $(STAMP)
	@rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/onrecord extract samples/one-article.jsonl --format table
	$(BIN)/onrecord ingest samples/wikinews-demo.jsonl --db demo.db
	$(BIN)/onrecord speakers --db demo.db --limit 8 --format table
	$(BIN)/onrecord speaker "Boris Johnson" --db demo.db --latest 3
	$(BIN)/onrecord search "coronavirus OR pandemic" --db demo.db --limit 5 --facets --format table
	@echo "Two articles report the same words of Kyriakos Mitsotakis; the store keeps them as one merged quote:"
	$(BIN)/onrecord search Crete --speaker Mitsotakis --db demo.db --format table
	@echo
	@echo "The record is in demo.db. Browse it in the web app (search with facets, speaker timelines, every report of a quote):"
	@echo "    $(BIN)/onrecord serve --db demo.db"
	@echo "then open http://127.0.0.1:8000/"

# The browser tests drive Debian's chromium (Playwright's own browser download needs the internet).
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing Debian's chromium for the browser tests"; \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium; }

test: $(TEST_STAMP) chromium
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/speed.py

# textacy (the peers extra) installs beside spaCy 3.8 and numpy 2 in .venv without changing them.
$(PEERS_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[peers]"
	touch $@

peers: $(PEERS_STAMP)
	$(BIN)/python benchmarks/compare_peers.py

# The benchmark figures in the docs are cog blocks over benchmarks/results/*.json (benchmarks/docs_figures.py);
# tests/test_docs.py checks them. Run this after any benchmark writes new results.
docs: $(TEST_STAMP)
	$(BIN)/cog -r -I benchmarks README.md docs/architecture.md

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
