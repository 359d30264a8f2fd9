# Set-up, build, serve and test the course. Every target creates what it
# needs first, so a fresh clone needs only `make serve` or `make test`.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The other site generators, each in its own environment (README, "Other site generators")
ZENSICAL := .venv-zensical
PROPERDOCS := .venv-properdocs
CHROMIUM ?= /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build offline test lint typecheck unit browser chromium node java originality clean \
	zensical-build zensical-serve properdocs-build bench bench-peer

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

# A copy that works opened from the file system (no web server), zipped for handing out: HOSTING.md.
offline: $(VENV)/.installed
	OFFLINE=true $(BIN)/mkdocs build --strict --config-file mkdocs-offline.yml
	rm -f course-offline.zip
	cd site-offline && $(PYTHON) -m zipfile -c ../course-offline.zip .
	@echo "Wrote site-offline/ and course-offline.zip: open index.html in a browser."

test: $(VENV)/.installed-dev chromium node java tests/js/node_modules/.installed $(ZENSICAL)/.installed \
		$(PROPERDOCS)/.installed lint typecheck
	$(BIN)/pytest

# Zensical runs no MkDocs plugin: `quizgen prepare` first writes into content/ what the plugin would add.
zensical-build: $(ZENSICAL)/.installed
	$(ZENSICAL)/bin/quizgen prepare
	$(ZENSICAL)/bin/zensical build

zensical-serve: $(ZENSICAL)/.installed
	$(ZENSICAL)/bin/quizgen prepare
	$(ZENSICAL)/bin/zensical serve --dev-addr 127.0.0.1:8000

properdocs-build: $(PROPERDOCS)/.installed
	$(PROPERDOCS)/bin/properdocs build --strict -f mkdocs.yml

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check quizgen tests benchmarks
	$(BIN)/ruff format --check quizgen tests benchmarks

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

# The browser tests drive Debian's Chromium; Playwright cannot download its own here.
chromium:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium package for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "The browser tests need Chromium at $(CHROMIUM)."; \
		echo "Install it (Debian/Ubuntu: sudo apt-get install chromium), or run make test CHROMIUM=/path/to/chromium"; \
		exit 1; \
	fi

# The runtime's JavaScript units run under Node's own test runner (node --test).
node:
	@if command -v node >/dev/null && [ "$$(node -p 'process.versions.node.split(".")[0] >= 18')" = true ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's nodejs package for the runtime's unit tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null; \
	else \
		echo "The runtime's unit tests need Node.js 18 or newer."; \
		echo "Install it (Debian/Ubuntu: sudo apt-get install nodejs), then run make test again"; \
		exit 1; \
	fi

# The Nu Html Checker (vnu.jar, from npm) checks every built page; it runs on Java 11 or newer.
java:
	@v=$$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'); \
	if [ -n "$$v" ] && [ "$${v%%.*}" -ge 11 ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's default-jre-headless package for the HTML check"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	else \
		echo "The HTML check of every page needs Java 11 or newer."; \
		echo "Install it (Debian/Ubuntu: sudo apt-get install default-jre-headless), then run make test again"; \
		exit 1; \
	fi

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

$(ZENSICAL)/.installed: pyproject.toml requirements/zensical.txt
	test -x $(ZENSICAL)/bin/python || $(PYTHON) -m venv $(ZENSICAL)
	$(ZENSICAL)/bin/pip install --quiet --upgrade pip
	$(ZENSICAL)/bin/pip install --quiet -r requirements/zensical.txt -e .
	touch $@

$(PROPERDOCS)/.installed: pyproject.toml requirements/properdocs.txt
	test -x $(PROPERDOCS)/bin/python || $(PYTHON) -m venv $(PROPERDOCS)
	$(PROPERDOCS)/bin/pip install --quiet --upgrade pip
	$(PROPERDOCS)/bin/pip install --quiet -r requirements/properdocs.txt -e .
	touch $@

clean:
	rm -rf site .cache .pytest_cache .mypy_cache .ruff_cache

# Build speed side by side: plain MkDocs, quizgen and (after `make bench-peer`) mkdocs-quiz on the
# same generated lessons; prints the ratios and writes benchmarks/results.json. `make bench LESSONS=1000`.
LESSONS ?= 300
RUNS ?= 4
PEER_VENV := .venv-peer
bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench.py --lessons $(LESSONS) --runs $(RUNS)

# The peer plugin, for comparison only: its own environment, never a dependency of the project,
# with the same MkDocs, theme and Markdown versions as ours.
bench-peer: $(VENV)/.installed
	test -x $(PEER_VENV)/bin/python || $(PYTHON) -m venv $(PEER_VENV)
	$(PEER_VENV)/bin/pip install --quiet mkdocs-quiz==1.7.1 $$($(BIN)/python benchmarks/bench.py --pins) || { \
		echo "Could not install mkdocs-quiz 1.7.1 (no network?): make bench will leave it out and say so."; exit 1; }

# What the tests need from npm (a real SCORM runtime, a GIFT parser, the Nu Html Checker), at the
# versions tests/js/package-lock.json pins. No install scripts: vnu-jar's would download a Java
# runtime from the internet when it finds none; the java target provides Debian's instead.
tests/js/node_modules/.installed: tests/js/package.json tests/js/package-lock.json | node
	cd tests/js && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@
