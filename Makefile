# verba-api: the two commands a newcomer needs are `make demo` and `make test`; both install
# what they need first (`make setup`), and every step is safe to repeat.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

ROOT := $(CURDIR)
TOOLS := $(ROOT)/.tools
export PATH := $(TOOLS)/bin:$(ROOT)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CARGO_TERM_COLOR ?= never

WASM_TARGET := wasm32-unknown-unknown
# The CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION = $(shell awk '/^name = "wasm-bindgen"$$/{getline; gsub(/"/, "", $$3); print $$3}' Cargo.lock)
WASM_OUT := target/$(WASM_TARGET)/wasm-release/verba_api.wasm
PKG := pkg
DEMO_HOST ?= 127.0.0.1
DEMO_PORT ?= 8080
# `make demo UPSTREAM=https://recorder.example.com [UPSTREAM_CA=FILE]`: a real recorder behind
# the demo page instead of the emulator.
UPSTREAM ?=
UPSTREAM_CA ?=
DEMO_UPSTREAM_FLAGS = $(if $(UPSTREAM),--upstream '$(UPSTREAM)' $(if $(UPSTREAM_CA),--upstream-ca '$(UPSTREAM_CA)'))

# Browser tests: wasm-bindgen-test-runner drives headless Chromium through chromedriver.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER := wasm-bindgen-test-runner
export CHROMEDRIVER ?= /usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT ?= 120

.PHONY: help setup setup-rust setup-wasm-bindgen setup-chromium setup-npm pkg emulator-bin \
        emulator demo test lint test-native test-size test-types test-browser test-e2e test-hostile test-consumers clean bench \
        setup-fuzz fuzz test-fuzz soak

help:
	@echo "make demo      build everything, start the emulator serving the demo page, print its URL"
	@echo "               (UPSTREAM=https://recorder.example.com: a real recorder behind the page)"
	@echo "make test      every test: lint, native, short fuzz runs, headless Chromium (wasm), end-to-end"
	@echo "make pkg       build the release wasm package into $(PKG)/"
	@echo "make emulator  run the Verba API emulator alone (http://$(DEMO_HOST):$(DEMO_PORT))"
	@echo "make setup     install the toolchain pieces (done by demo and test themselves)"
	@echo "make fuzz      every fuzz target for FUZZ_SECONDS (default 60) each (make test: FUZZ_SMOKE_SECONDS, 10, from the seeds)"
	@echo "make soak      the package in headless Chromium for SOAK_REQUESTS requests (default 100000) under faults,"
	@echo "               every outcome checked against the emulator, memory watched (SOAK_REQUESTS=2000: a quick run)"

## ---- set-up (idempotent) -------------------------------------------------------------------

setup: setup-rust setup-wasm-bindgen setup-chromium setup-npm

setup-rust:
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt

setup-wasm-bindgen:
	@if [ "$$($(TOOLS)/bin/wasm-bindgen --version 2>/dev/null | awk '{print $$2}')" != "$(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) into .tools/ (about 2 minutes)"; \
	  cargo install --quiet --force wasm-bindgen-cli --version "$(WASM_BINDGEN_VERSION)" --root "$(TOOLS)"; \
	fi

setup-chromium:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  echo "installing chromium and chromium-driver (Debian packages)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

# `npm ci` only when package-lock.json differs from the one node_modules/ was installed from (a
# copy kept as node_modules/.installed-lock, as tests/consumers/run.sh does): by content, not by
# date, so a fresh checkout or a worktree sharing node_modules does not reinstall it for nothing.
setup-npm:
	@if ! cmp -s package-lock.json node_modules/.installed-lock; then \
	  npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.installed-lock; \
	fi

## ---- build ---------------------------------------------------------------------------------

# Release package, an npm package: cargo (size profile, feature npm) -> wasm-bindgen --target web
# -> wasm-opt -Oz (binaryen from npm; Debian's wasm-opt breaks the output), repeated while it
# still shrinks, and without the producers and target_features sections (only tools read them;
# wasm-opt has used the latter by then). Strings go to wasm with TextEncoder.encodeInto without a
# fallback: every engine that runs the module (externref) has it. The module's imports then get
# short names in the wasm and the glue alike (tools/shorten-import-names.mjs). The generated glue
# is minified with esbuild, with a source map holding the readable original (size is a product
# goal; stack traces map back); the hand-written files ship as written, readable: the package's face
# (npm/: index.js, node.js, face.js, index.d.ts, README.md), the VerbaError class, the licenses
# and a package.json (tools/package-json.mjs, version from Cargo.toml) complete it.
# Built next to pkg/ and swapped in at the end, so a running demo never sees half a package.
# The source paths in panic locations are made relative (the registry's and this checkout's
# prefixes removed): shorter, and no path of the building machine ends up in the package.
# (Expanded when the recipe runs, so the registry that earlier steps filled is seen.)
CARGO_HOME ?= $(HOME)/.cargo
PKG_RUSTFLAGS = $(foreach dir,$(wildcard $(CARGO_HOME)/registry/src/*/),--remap-path-prefix=$(dir)=) \
  --remap-path-prefix=$(ROOT)/=
pkg: setup-rust setup-wasm-bindgen setup-npm
	RUSTFLAGS="$(strip $(RUSTFLAGS) $(PKG_RUSTFLAGS))" cargo rustc --quiet --lib -p verba-api \
	  --target $(WASM_TARGET) --profile wasm-release --features npm --crate-type cdylib
	rm -rf $(PKG).new
	wasm-bindgen --target web --encode-into always --out-dir $(PKG).new --out-name verba_api $(WASM_OUT)
	wasm-opt -Oz --converge --strip-producers --strip-target-features \
	  $(PKG).new/verba_api_bg.wasm -o $(PKG).new/verba_api_bg.wasm
	node tools/shorten-import-names.mjs $(PKG).new/verba_api_bg.wasm $(PKG).new/verba_api.js
	esbuild $(PKG).new/verba_api.js --minify --format=esm --sourcemap --sources-content=true \
	  --log-level=warning --allow-overwrite --outfile=$(PKG).new/verba_api.js
	cp src/wasm/verba-error.js npm/index.js npm/node.js npm/face.js npm/index.d.ts npm/README.md \
	  LICENSE-MIT LICENSE-APACHE $(PKG).new/
	node tools/package-json.mjs $(PKG).new
	rm -rf $(PKG).old; [ ! -d $(PKG) ] || mv $(PKG) $(PKG).old; mv $(PKG).new $(PKG); rm -rf $(PKG).old
	@ls -l $(PKG)/verba_api_bg.wasm $(PKG)/verba_api.js | awk '{print "  " $$5 " bytes  " $$9}'

emulator-bin:
	cargo build --quiet --release -p verba-emulator

## ---- run -----------------------------------------------------------------------------------

emulator: emulator-bin
	target/release/verba-emulator --host $(DEMO_HOST) --port $(DEMO_PORT) --www www --pkg $(PKG)

# `make demo UPSTREAM=https://recorder.example.com` (optionally `UPSTREAM_CA=company-ca.pem`):
# the same page, but /verba/api is forwarded to that real recorder (the development proxy,
# emulator/src/proxy.rs) instead of emulated; the admin routes, hence the call list, are off,
# and the page says it talks to that real recorder (GET /__dev-proxy names it).
demo: setup pkg emulator-bin
	@echo
	@echo "Demo: open http://$(DEMO_HOST):$(DEMO_PORT)/ (Ctrl-C stops the $(if $(UPSTREAM),proxy to $(UPSTREAM),emulator))"
	@echo
	target/release/verba-emulator --host $(DEMO_HOST) --port $(DEMO_PORT) --www www --pkg $(PKG) $(DEMO_UPSTREAM_FLAGS)

## ---- test ----------------------------------------------------------------------------------

test: setup lint test-native test-fuzz pkg test-size test-types emulator-bin test-browser test-e2e test-hostile test-consumers
	@echo "make test: all passed"

lint: setup-rust
	cargo fmt --all -- --check
	cargo clippy --quiet --workspace --all-targets -- -D warnings
	cargo clippy --quiet -p verba-api --all-targets --target $(WASM_TARGET) -- -D warnings
	cargo clippy --quiet -p verba-api --lib --target $(WASM_TARGET) --features npm -- -D warnings

test-native:
	cargo test --workspace

# The package's TypeScript declarations, checked against a portal's use of them, every misuse
# they must refuse, and the READMEs' examples (copied verbatim into tests/types/, which the
# first step checks), under strict and exactOptionalPropertyTypes; the glue's own declarations too.
test-types: pkg setup-npm
	node tests/types/docs.mjs
	tsc -p tests/types

# The size guard: the package's gzip size against tests/size-budget.json.
test-size: pkg
	node tests/support/check-size.mjs $(PKG)

# The browser tests (tests/browser/) run in headless Chromium twice, in a page (--test browser) and
# in a dedicated module worker (--test browser_worker, the same modules), then in Node (--test
# node, all but page_location), one after the other against one emulator on a free port.
test-browser: emulator-bin setup-wasm-bindgen setup-chromium
	tests/support/with-emulator.sh cargo test -p verba-api --target $(WASM_TARGET) --test browser --test browser_worker --test node

# The demo page (demo-page.test.mjs), its Sign in step against short-lived tokens
# (sign-in.test.mjs), the package's face in a page (package-face.test.mjs), the bulk panel
# (bulk.test.mjs: 50 calls, a cancelled run against a slow emulator, signed in), the page behind
# the development proxy (dev-proxy.test.mjs: the wrapper's emulator plays the real recorder, the
# test starts `verba-emulator --upstream` in front of it); a fresh emulator each.
test-e2e: pkg emulator-bin setup-npm setup-chromium
	tests/support/with-emulator.sh node tests/e2e/demo-page.test.mjs
	tests/support/with-emulator.sh node tests/e2e/sign-in.test.mjs
	tests/support/with-emulator.sh node tests/e2e/package-face.test.mjs
	tests/support/with-emulator.sh node tests/e2e/bulk.test.mjs
	tests/support/with-emulator.sh node tests/e2e/dev-proxy.test.mjs

# The hostile-network suite: the built package, imported by a page that the emulator serves
# (tests/hostile/www), against the misbehaving server (redirects, huge and endless replies, drips,
# resets, invalid HTTP, pathological bodies, echoed secrets, a recorder refusing the page's origin,
# 100 concurrent calls); cases waiting for unmerged work are listed in its PENDING set.
test-hostile: pkg emulator-bin setup-npm setup-chromium
	VERBA_WWW=tests/hostile/www tests/support/with-emulator.sh node tests/hostile/hostile-network.test.mjs

# The npm tarball (`npm pack pkg`) installed and used as a portal's code would, by one tiny
# project each under tests/consumers/ (tests/consumers/run.sh): Node 20 (init without an argument,
# NOT_INITIALIZED, deleteCall), Vite + TypeScript (tsc strict, vite build), webpack 5, esbuild
# and a Vite-bundled module worker (each built app deletes a call in headless Chromium), Vitest
# (node environment). Each project's tools come from its own package-lock.json into
# target/consumers/NAME/node_modules, with `npm ci` only when that lockfile changed.
test-consumers: pkg emulator-bin setup-npm setup-chromium
	tests/support/with-emulator.sh tests/consumers/run.sh

clean:
	cargo clean
	rm -rf $(PKG) node_modules .tools tests/e2e/screenshots

## ---- bench (issue 4; not part of make test) ----------------------------------------------------

# The package against three JS baselines doing the same DeleteCall job (valibot + fast-xml-parser
# + fetch, zod/mini + fast-xml-parser + ky, hand-written + DOMParser + fetch), in headless Chromium
# against the emulator: sizes, agreement on bench/cases.mjs (stops on any disagreement), init,
# validation, parsing, deleteCall. Prints one table, writes bench/results.json (git-ignored).
# Then bench/memory.mjs: the wasm memory growth after a 200 MB reply (with and without
# Content-Length), 1 GB of "€" and replies just over 1 MiB in small chunks (a printed figure).
# Last, bench/batch.mjs (issue 11): deleteCalls of 10,000 calls under the emulator's faults at
# concurrency 6 against a bare fetch pool doing the same work (items/s, ratio), every item checked
# against the emulator's state (any disagreement fails the bench), and the JS heap over 100,000
# deletions; writes bench/batch-results.json (git-ignored). About 26 minutes on 2 shared cores.
bench: pkg emulator-bin setup-npm setup-chromium
	node bench/build.mjs
	node bench/run.mjs
	VERBA_WWW=tests/hostile/www tests/support/with-emulator.sh node bench/memory.mjs
	node bench/batch.mjs

## ---- fuzzing (issue 12; the long run is not part of make test) ----------------------------------

# cargo-fuzz (libFuzzer) targets in fuzz/ (its own workspace): the four reply formats, the
# RequestToken reply, validation + request building (the form encoding decoded back), secret
# scrubbing. fuzz/run.sh builds them and runs each for FUZZ_SECONDS, printing the executions per
# target; crashes land in fuzz/artifacts/. `make test` runs each target for FUZZ_SMOKE_SECONDS
# from the seeds alone, not from what earlier `make fuzz` runs kept in fuzz/corpus/
# (test-fuzz: about 4 minutes from nothing, most of it installing cargo-fuzz and building the
# targets with AddressSanitizer, cargo-fuzz's default). cargo-fuzz needs a nightly compiler: the
# image has one; else rustup installs it, and where that fails run.sh falls back to stable +
# RUSTC_BOOTSTRAP=1.
CARGO_FUZZ_VERSION := 0.13.2
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 10

setup-fuzz:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal || \
	  echo "no nightly toolchain: fuzz/run.sh uses stable with RUSTC_BOOTSTRAP=1"
	@if [ "$$($(TOOLS)/bin/cargo-fuzz --version 2>/dev/null | awk '{print $$2}')" != "$(CARGO_FUZZ_VERSION)" ]; then \
	  echo "installing cargo-fuzz $(CARGO_FUZZ_VERSION) into .tools/ (about a minute)"; \
	  cargo install --quiet --locked --force cargo-fuzz --version "$(CARGO_FUZZ_VERSION)" --root "$(TOOLS)"; \
	fi

fuzz: setup-fuzz
	FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh

test-fuzz: setup-fuzz
	FUZZ_SECONDS=$(FUZZ_SMOKE_SECONDS) FUZZ_FROM_SEEDS=1 fuzz/run.sh

## ---- soak (issue 12; not part of make test) ----------------------------------------------------

# soak/soak.mjs: one page, one init, SOAK_REQUESTS requests (emulator + hostile server) in rounds
# of fresh calls against the emulator with faults on: single deletes, batches, sessions with 3 s
# tokens, aborts, missing and invalid IDs, hostile replies; every outcome checked against the
# emulator's state, every operation settled, no console errors, the post-GC JS heap and the wasm
# memory flat. Exit code 1 on any of those, named. SOAK_REQUESTS=2000 for a quick run (about a
# minute); the default took about 16 minutes on 2 shared cores (README, "Soak").
SOAK_REQUESTS ?= 100000

soak: pkg emulator-bin setup-npm setup-chromium
	SOAK_REQUESTS=$(SOAK_REQUESTS) HOSTILE_MAX_REQUESTS=1000000 HOSTILE_MAX_SECONDS=14400 VERBA_WWW=. \
	  tests/support/with-emulator.sh node soak/soak.mjs
