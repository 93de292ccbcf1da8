# Sách vàng Sáng tạo Việt Nam — every target sets itself up from pyproject.toml.
#   make serve    build and serve the site with the example records (http://127.0.0.1:8000)
#   make test     run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
ADDR   ?= 127.0.0.1:8000
N      ?= 1000
export NO_MKDOCS_2_WARNING = 1

.PHONY: serve build preview serve-preview test validate browser bench clean bytecode

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[site,test]'
	@rm -f $(VENV)/.installed-*; touch $@

# Our modules byte-compiled ahead, as pip does for installed libraries (an editable install does not, and
# with PYTHONDONTWRITEBYTECODE set every command would compile them again); only what changed is redone.
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q src hooks

serve: bytecode
	$(BIN)/mkdocs serve --dev-addr $(ADDR)

build: bytecode
	$(BIN)/mkdocs build --strict

preview: bytecode
	GOLDENBOOK_PREVIEW=1 $(BIN)/mkdocs build --strict --site-dir site-preview

serve-preview: bytecode
	GOLDENBOOK_PREVIEW=1 $(BIN)/mkdocs serve --dev-addr $(ADDR)

validate: bytecode
	$(BIN)/goldenbook validate

# Debian's Chromium drives the browser tests, poppler-utils reads the book's PDF; installed when we may (root with apt-get).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium not found: browser tests will be skipped (install Debian's chromium)"; fi; }
	@command -v pdffonts >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; \
	  else echo "pdffonts not found: the book's PDF tests will be skipped (install poppler-utils)"; fi; }

# axe-core for the accessibility test, at the version pinned in tests/package-lock.json.
tests/node_modules/.package-lock.json: tests/package.json tests/package-lock.json
	npm ci --prefix tests --no-audit --no-fund --ignore-scripts

test: $(STAMP) browser tests/node_modules/.package-lock.json
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m goldenbook.bench --records $(N)

clean:
	rm -rf site site-preview .cache
