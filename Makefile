# The two commands a new user needs: `make run` and `make test`. Everything else is a step of
# those. Each step installs what it lacks, so a bare machine of the project's kind gets there.

SHELL := /bin/bash
.DEFAULT_GOAL := help

export CARGO_TARGET_DIR ?= $(CURDIR)/target
TARGET   := $(CARGO_TARGET_DIR)
SITE     := $(TARGET)/site
PKG      := $(SITE)/pkg
SERVER   := $(TARGET)/release/server
WASM     := $(TARGET)/wasm32-unknown-unknown/wasm-release/frontend.wasm
NODE_BIN := $(CURDIR)/end2end/node_modules/.bin
# Build tools are kept beside the build (outside the clone when CARGO_TARGET_DIR is).
TOOLS    := $(TARGET)/tools
WASM_BINDGEN := $(TOOLS)/bin/wasm-bindgen
# wasm-bindgen-cli must match the wasm-bindgen crate of Cargo.lock exactly.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/{getline; gsub(/"/,"",$$3); print $$3; exit}' Cargo.lock)

export LEPTOS_SITE_ROOT ?= $(SITE)
export LEPTOS_SITE_ADDR ?= 127.0.0.1:3000
export DATABASE_URL ?= sqlite://data/qualite.db?mode=rwc

.PHONY: help run build test tools rust-tools node-tools browser-tools compress-tools lint test-rust test-e2e bench clean

help:
	@echo "make run    build, create the database with demo data, serve on http://$(LEPTOS_SITE_ADDR)"
	@echo "make test   every test: formatting, lints, unit, integration (SQLite, and PostgreSQL"
	@echo "            when TEST_POSTGRES_URL is set) and end-to-end in Chromium"
	@echo "make build  the release build alone ($(SERVER) and $(SITE))"

## ---- tools -------------------------------------------------------------------------------

tools: rust-tools node-tools compress-tools

rust-tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@if [ "$$($(WASM_BINDGEN) --version 2>/dev/null | awk '{print $$2}')" != "$(WASM_BINDGEN_VERSION)" ]; then \
		echo "Installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) into $(TOOLS) (a few minutes, once)"; \
		cargo install --root $(TOOLS) wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); \
	fi

# Node tools live in end2end/: Playwright and axe-core for the tests, binaryen for wasm-opt
# (Debian's wasm-opt is too old: its output fails at hydration).
node-tools: end2end/node_modules/.installed

end2end/node_modules/.installed: end2end/package.json end2end/package-lock.json
	@command -v npm >/dev/null || (apt-get update && apt-get install -y nodejs npm)
	cd end2end && npm ci --no-audit --no-fund
	@touch $@

# Chromium prints the committee's report to PDF (and runs the browser tests); poppler-utils checks PDFs.
browser-tools:
	@command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
	@command -v pdfinfo >/dev/null || (apt-get update && apt-get install -y poppler-utils)

# brotli precompresses the built assets (Debian's package).
compress-tools:
	@command -v brotli >/dev/null || (apt-get update && apt-get install -y brotli)

## ---- build -------------------------------------------------------------------------------

build: tools
	cargo build --release -p server
	cargo build --profile wasm-release -p frontend --target wasm32-unknown-unknown
	@mkdir -p $(PKG)
	@if [ ! -f $(PKG)/app_bg.wasm ] || [ $(WASM) -nt $(PKG)/app_bg.wasm ]; then \
		echo "wasm-bindgen + wasm-opt"; \
		$(WASM_BINDGEN) --target web --no-typescript --out-dir $(PKG) --out-name app $(WASM) && \
		$(NODE_BIN)/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
			--enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
			$(PKG)/app_bg.wasm -o $(PKG)/app_bg.wasm; \
	fi
	@cp style/main.css $(PKG)/app.css
	@cp -r public/. $(SITE)/
	@# Served precompressed at the highest levels (brotli 11, gzip 9): the test form's wasm is
	@# a fifth smaller than compressed on the fly, and no request pays for compressing it.
	@for f in app_bg.wasm app.js app.css; do \
		if [ ! -f $(PKG)/$$f.br ] || [ $(PKG)/$$f -nt $(PKG)/$$f.br ]; then \
			brotli -f -q 11 -k $(PKG)/$$f && gzip -f -9 -k $(PKG)/$$f; \
		fi; \
	done

## ---- run ---------------------------------------------------------------------------------

# Demo accounts of `make run` only (created with the demo data, never elsewhere).
DEMO_PASSWORD ?= demo-qualite-accueil

run: build browser-tools
	@mkdir -p data
	@base=$${PUBLIC_BASE_URL:-http://$(LEPTOS_SITE_ADDR)}; \
	echo; \
	echo "  Demo survey (counter):  $$base/q/belfort-accueil"; \
	echo "  Demo survey (PAN):      $$base/q/belfort-pan"; \
	echo "  QR poster (A4 / A5):    $$base/affiche/belfort-accueil  ($$base/affiche/belfort-accueil?format=a5)"; \
	echo "  Home:                   $$base/"; \
	echo "  Sign in (staff):        $$base/login  with  referente@demo.example, clu@demo.example (committee)"; \
	echo "                          admin@demo.example or enqueteur@demo.example (mystery shopper),"; \
	echo "                          password: $(DEMO_PASSWORD)"; \
	echo "  Mystery tests:          $$base/mystere   (shopper: $$base/mystere/mes-tests)"; \
	echo "  Results (staff):        $$base/resultats     Administration: $$base/admin"; \
	echo "  Export the answers:     $(SERVER) export-responses --format csv"; \
	echo
	@if $(SERVER) migrate >/dev/null && $(SERVER) seed-demo | grep -q "created"; then \
		for who in referente:referent clu:viewer admin:admin; do \
			echo "$(DEMO_PASSWORD)" | $(SERVER) create-user --email "$${who%%:*}@demo.example" \
				--role "$${who##*:}" --password-stdin >/dev/null; \
		done; \
	fi
	$(SERVER) serve

## ---- test --------------------------------------------------------------------------------

test: lint test-rust test-e2e
	@echo "All tests passed."

lint:
	cargo fmt --all -- --check
	cargo clippy --release --all-targets -- -D warnings

test-rust: browser-tools
	@if [ -z "$$TEST_POSTGRES_URL" ]; then \
		echo "NOTE: TEST_POSTGRES_URL is not set: the PostgreSQL variants of the database tests are SKIPPED (SQLite only)."; \
	fi
	@bash scripts/clean-test-databases.sh
	cargo test --release
	@bash scripts/clean-test-databases.sh

test-e2e: build browser-tools
	cd end2end && SERVER_BIN=$(SERVER) SITE_ROOT=$(SITE) $(NODE_BIN)/playwright test

# Figures, not assertions: page weight of the visitor's survey and answers stored per second;
# a million responses imported and summarised (import rate, summary time, memory growth).
# Both on SQLite, and on PostgreSQL when TEST_POSTGRES_URL is set. BENCH_ROWS=100000 for a
# quicker run.
bench: build
	cargo bench --bench visitor -p server
	cargo bench --bench million -p server

clean:
	cargo clean
	rm -rf end2end/node_modules
