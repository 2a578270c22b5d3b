# Plainly: `make run` builds the bundled library, `make test` runs the whole suite.
# Both set up everything they need on a fresh Debian or Ubuntu machine.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Pango and HarfBuzz for WeasyPrint (libharfbuzz-subset0 makes font subsetting fast).
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
# Chromium for the browser tests, poppler and zbar to read PDFs and QR codes back.
TEST_SYSTEM_PACKAGES := chromium poppler-utils zbar-tools

.PHONY: run test build lint typecheck golden system test-system catalogs clean help

help:
	@echo "make run    set up .venv, build the bundled articles into output/"
	@echo "make test   run lint, type checks and the whole test suite"
	@echo "make golden regenerate the golden files under tests/golden/ (review the diff!)"

run: $(VENV)/.installed
	$(BIN)/plainly build --drafts
	@echo ""
	@echo "Open output/site/index.html in a browser, or preview with:"
	@echo "    $(BIN)/plainly serve"

test: $(VENV)/.installed-test test-system
	$(BIN)/ruff check engine tests benchmarks
	$(BIN)/ruff format --check engine tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest

golden: $(VENV)/.installed-test
	$(BIN)/python -m tests.regenerate

# --- set-up ----------------------------------------------------------------------------------

define ensure_packages
	@missing=""; \
	if command -v dpkg-query >/dev/null 2>&1; then \
	  for p in $(1); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	  done; \
	fi; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing system packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "Missing system packages:$$missing"; \
	    echo "Install them with:  sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi
endef

system:
	@if ! $(PYTHON) -c "import venv, ensurepip" >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; \
	  else echo "Python's venv module is missing. Install it with:  sudo apt-get install -y python3-venv"; exit 1; fi; \
	fi
	$(call ensure_packages,$(SYSTEM_PACKAGES))

test-system: system
	$(call ensure_packages,$(TEST_SYSTEM_PACKAGES))

$(VENV)/.created: | system
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	@touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.created
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e ".[test]"
	@touch $@

catalogs: $(VENV)/.installed-test
	$(BIN)/python -m engine.i18n.catalogs

clean:
	rm -rf output/site output/reports output/.manifest.json
