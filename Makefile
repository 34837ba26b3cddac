# Set-up and everyday commands. `make run` and `make test` do all the set-up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BRAND_COLOUR ?= \#0b5394
HOST ?= 127.0.0.1
PORT ?= 5000
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
CSS := shared/web/static/build/app.css
GOVUK_JS := shared/web/static/govuk/govuk-frontend.min.js
EXTRACT := $(BIN)/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output --omit-header
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup run test test-browser db demo assets translations translations-update translations-new lint bench chromium redis fonts weasyprint-libraries clean

setup: $(PY_STAMP) assets translations fonts weasyprint-libraries

$(PY_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# GOV.UK Frontend compiled with the council's brand colour and a system font; its JS,
# fonts and images copied from the pinned npm package; then every static file given a
# copy named after its content, gzip and Brotli copies, and a manifest the templates read
# (shared/web/static_files.py). None of it is committed.
assets: $(NODE_STAMP) $(PY_STAMP)
	@mkdir -p shared/web/static/build shared/web/static/govuk
	@printf '$$colour: %s;\n' '$(BRAND_COLOUR)' > shared/web/static/build/_brand.scss.new
	@cmp -s shared/web/static/build/_brand.scss.new shared/web/static/build/_brand.scss \
		&& rm shared/web/static/build/_brand.scss.new \
		|| mv shared/web/static/build/_brand.scss.new shared/web/static/build/_brand.scss
	@if [ ! -f $(CSS) ] || [ -n "$$(find shared/web/assets shared/web/static/build/_brand.scss $(NODE_STAMP) -newer $(CSS) 2>/dev/null | head -1)" ]; then \
		echo "Compiling CSS"; \
		node_modules/.bin/sass --no-source-map --style=compressed --quiet-deps --load-path=node_modules \
			--load-path=shared/web/static/build shared/web/assets/scss/app.scss $(CSS); fi
	@rm -rf shared/web/static/govuk/assets
	@cp -r node_modules/govuk-frontend/dist/govuk/assets shared/web/static/govuk/assets
	@cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(GOVUK_JS)
	@$(BIN)/python -m shared.web.static_files

# The set-up extracts the English catalogue from the code and compiles every catalogue
# (translations/<lang>/LC_MESSAGES/messages.po, the source of truth, into messages.mo;
# only fully translated, non-fuzzy entries are compiled).
# The committed translations/messages.pot is refreshed by `make translations-update`; a test
# fails when it is stale.
translations: $(PY_STAMP)
	@mkdir -p build/translations/en/LC_MESSAGES
	@$(EXTRACT) -o build/translations/messages.pot .
	@$(BIN)/pybabel -q init -i build/translations/messages.pot -d build/translations -l en 2>/dev/null
	@mkdir -p translations/en/LC_MESSAGES
	@$(BIN)/pybabel -q compile -f -i build/translations/en/LC_MESSAGES/messages.po -o translations/en/LC_MESSAGES/messages.mo
	@for po in translations/*/LC_MESSAGES/messages.po; do \
		[ -f "$$po" ] || continue; \
		lang=$$(basename $$(dirname $$(dirname $$po))); \
		$(BIN)/pybabel -q compile -l $$lang -i "$$po" -o "$${po%.po}.mo"; done

translations-update: $(PY_STAMP)
	$(EXTRACT) -o translations/messages.pot .
	@for po in translations/*/LC_MESSAGES/messages.po; do \
		[ -f "$$po" ] || continue; \
		lang=$$(basename $$(dirname $$(dirname $$po))); \
		$(BIN)/pybabel -q update -i translations/messages.pot -d translations -l $$lang \
			--no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date; done
	@echo "New strings have an empty msgstr in each translations/<lang>/LC_MESSAGES/messages.po:"
	@echo "translate them (tests/test_translations.py lists what is missing), then make setup."

# A new language: `make translations-new LANG_CODE=xx` starts its catalogue from the template.
translations-new: $(PY_STAMP)
	@test -n "$(LANG_CODE)" || { echo "usage: make translations-new LANG_CODE=xx"; exit 2; }
	$(BIN)/pybabel init -i translations/messages.pot -d translations -l $(LANG_CODE)

# make run is a trial on this machine: development settings (a generated secret key, links
# to 127.0.0.1). See the README for serving in production.
db: setup
	COMPLAINTS_ENV=development $(BIN)/complaints db upgrade

demo: db
	COMPLAINTS_ENV=development $(BIN)/complaints demo load

run: demo
	@echo "Serving on http://$(HOST):$(PORT)/ (back office at http://$(HOST):$(PORT)/backoffice/)"
	COMPLAINTS_ENV=development $(BIN)/gunicorn -c gunicorn.conf.py --bind $(HOST):$(PORT) \
		--no-control-socket

# Debian's Chromium for the browser tests; Playwright cannot download its own browser here.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Debian's Noto fonts: letters in Arabic and Urdu need a face that covers them (WeasyPrint
# takes fonts from fontconfig; its own libraries, Pango and HarfBuzz, are on the machine).
fonts:
	@fc-list 2>/dev/null | grep -q "Noto Naskh Arabic" || { \
		echo "Installing Debian's fonts-noto-core for letters in Arabic and Urdu"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-core >/dev/null; }

# The system libraries WeasyPrint draws PDFs with (reports, letters); Pango and HarfBuzz are
# usually present, HarfBuzz's subsetter (for embedding fonts) often is not.
weasyprint-libraries:
	@ldconfig -p | grep -q libharfbuzz-subset.so.0 && ldconfig -p | grep -q libpango-1.0.so.0 || { \
		echo "Installing Debian's libraries for WeasyPrint"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 >/dev/null; }

# Redis for the test that two app instances share one rate limit (tests/web/test_rate_limits.py).
redis:
	@command -v redis-server >/dev/null 2>&1 || { \
		echo "Installing Debian's redis-server for the rate-limit tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }
	@redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || { \
		echo "Starting redis-server on 127.0.0.1:6379"; \
		redis-server --bind 127.0.0.1 --port 6379 --save '' --appendonly no --daemonize yes >/dev/null; \
		for _ in $$(seq 1 50); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.1; done; }

test: setup chromium redis
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(PY_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: setup
	$(BIN)/python bench/sla_deadlines.py

clean:
	rm -rf $(VENV) node_modules build shared/web/static/build shared/web/static/govuk
