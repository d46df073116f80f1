# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
SEARCH_ENGINE_PORT ?= 9200
export ELASTICSEARCH_URL ?= http://127.0.0.1:$(SEARCH_ENGINE_PORT)
export SEARCH_ENGINE_PORT
# Playwright (the browser tests) drives Debian's chromium: its package never downloads a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: run test install search-engine search-engine-stop serve serve-stop lint format demo clean screenshots

# A project-local virtual environment, reinstalled when the requirements change.
$(BIN)/.installed: requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	@touch $@

install: $(BIN)/.installed

search-engine:
	@scripts/search-engine.sh start

search-engine-stop:
	@scripts/search-engine.sh stop

# Migrate, load the demo content (idempotent), index it, and serve on 127.0.0.1:8000.
run: install search-engine
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py rebuild_search_index
	@echo ""
	@echo "Cổng thông tin: http://127.0.0.1:8000/   Quản trị: http://127.0.0.1:8000/admin/ (admin / TienGiang@2026)"
	@echo ""
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# The production-like stack in the background (contracts.md §6): PostgreSQL, Redis, the engine,
# gunicorn on 127.0.0.1:8001 and Varnish on 127.0.0.1:8080; `serve-stop` stops all of it.
serve: install
	@scripts/serve.sh start

serve-stop:
	@scripts/serve.sh stop

# Lint, migration check and the whole suite on PostgreSQL against the real engine, then the
# SQLite run; the services are stopped afterwards if this command started them.
test: install
	@scripts/run-tests.sh

# docs/screenshots/: each page type at 1366 and 360 px, from a throwaway demo portal.
screenshots: install search-engine
	@scripts/system-packages.sh browser
	$(BIN)/python scripts/screenshots.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
