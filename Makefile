# Sách vàng Sáng tạo Việt Nam — every target sets itself up from pyproject.toml.
#   make serve    build and serve the site with the example records (http://127.0.0.1:8000)
#   make test     run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
DEPS    = $(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
# What serving and building need (the core and the site platform), and what the tests need on top.
SITE_STAMP = $(VENV)/.installed-site-$(DEPS)
TEST_STAMP = $(VENV)/.installed-test-$(DEPS)
ADDR   ?= 127.0.0.1:8000
N      ?= 1000
export NO_MKDOCS_2_WARNING = 1
# Python bytecode lives outside the work tree: a pull request can commit a __pycache__/*.pyc ("unchecked hash":
# run without a look at its source), and no in-tree __pycache__ is ever read with a prefix set. Writing it
# there is harmless, so PYTHONDONTWRITEBYTECODE is not passed on (libraries are compiled there once).
CACHE_HOME ?= $(or $(GOLDENBOOK_CACHE_DIR),$(or $(XDG_CACHE_HOME),$(HOME)/.cache)/goldenbook)
export PYTHONPYCACHEPREFIX ?= $(abspath $(CACHE_HOME))/pycache
unexport PYTHONDONTWRITEBYTECODE
# `python -m …` puts the working directory first on sys.path: a compileall.py or pytest.py committed at the
# top of the checkout would be run instead of the real one (Python ≥ 3.11 leaves it out with this set).
export PYTHONSAFEPATH = 1

.PHONY: serve build preview serve-preview test test-fast validate browser bench clean bytecode

$(SITE_STAMP): pyproject.toml constraints.txt
	@echo "goldenbook: installing the site's packages into $(VENV)/ (first run only, about a minute)…"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[site]'
	@# the same bytecode prefix for commands run without make (.venv/bin/mkdocs, .venv/bin/goldenbook)
	@$(BIN)/python -c 'import sys, sysconfig; from pathlib import Path; prefix = sys.argv[1]; \
	  Path(sysconfig.get_paths()["purelib"], "goldenbook-pycache-prefix.pth").write_text( \
	  f"import sys; sys.pycache_prefix = sys.pycache_prefix or {prefix!r}; " \
	  f"sys.dont_write_bytecode = sys.dont_write_bytecode and sys.pycache_prefix != {prefix!r}\n")' \
	  '$(PYTHONPYCACHEPREFIX)'
	@rm -f $(VENV)/.installed-site-*; touch $@

$(TEST_STAMP): $(SITE_STAMP)
	@echo "goldenbook: installing the test tools into $(VENV)/ (first run only)…"
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[site,test]'
	@rm -f $(VENV)/.installed-test-*; touch $@

# Our modules byte-compiled ahead, as pip does for installed libraries (an editable install does not, and
# with PYTHONDONTWRITEBYTECODE set every command would compile them again); only what changed is redone.
bytecode: $(SITE_STAMP)
	@$(BIN)/python -m compileall -q src hooks

serve: bytecode
	$(BIN)/mkdocs serve --dev-addr $(ADDR)

build: bytecode
	$(BIN)/mkdocs build --strict

preview: bytecode browser
	GOLDENBOOK_PREVIEW=1 $(BIN)/mkdocs build --strict --site-dir site-preview

serve-preview: bytecode browser
	GOLDENBOOK_PREVIEW=1 $(BIN)/mkdocs serve --dev-addr $(ADDR)

validate: bytecode
	$(BIN)/goldenbook validate

# Debian's Chromium drives the browser tests, poppler-utils reads the book's PDF; installed when we may (root with apt-get).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium not found: browser tests will be skipped (install Debian's chromium)"; fi; }
# poppler-utils' pdftotext reads the council's dossier PDF in its test; root, or sudo without a password (CI).
	@command -v pdftotext >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; \
	  elif command -v apt-get >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; \
	  else echo "pdftotext not found: the dossier PDF test will be skipped (install Debian's poppler-utils)"; fi; }

# axe-core for the accessibility test, at the version pinned in tests/package-lock.json.
tests/node_modules/.package-lock.json: tests/package.json tests/package-lock.json
	npm ci --prefix tests --no-audit --no-fund --ignore-scripts

test: $(TEST_STAMP) browser tests/node_modules/.package-lock.json
	$(BIN)/python -m pytest

# The fast tier: models, validation, CLI and units; no site build, no browser (see README, Tests).
test-fast: $(TEST_STAMP)
	$(BIN)/python -m pytest -m "not site"

bench: $(SITE_STAMP)
	$(BIN)/python -m goldenbook.bench --records $(N)

# the built sites, and this checkout's caches (outside the work tree: goldenbook.cachedir)
clean:
	rm -rf site site-preview .cache .site.trash .site-preview.trash
	@test ! -x $(BIN)/python || $(BIN)/python -c 'import shutil; from goldenbook.cachedir import cache_root; \
	  shutil.rmtree(cache_root("."), ignore_errors=True)'
