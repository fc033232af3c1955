# Wisemind: `make run` and `make test` are the two commands a newcomer needs. Every install
# step checks first, so both are quick when everything is already there.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver

TRUNK_VERSION := 0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock (pinned with `=` in Cargo.toml).
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/"/, "", $$3); print $$3 }' Cargo.lock)
PORT ?= 8080

# Every wasm build gets the same paths whoever builds it and wherever: the registry's
# sources (under CARGO_HOME, which holds the user's name on most machines) are named by a
# fixed prefix in panic locations, so two machines make the same bytes (docs/performance.md,
# "Reproducing the published hash"). The toolchain itself is pinned by rust-toolchain.toml.
CARGO_HOME ?= $(HOME)/.cargo
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS := --remap-path-prefix=$(CARGO_HOME)=/cargo

.PHONY: help run test size tools browser build single test-native test-browser test-e2e lint dev bench fuzz unicode

help:
	@echo "make run    build and serve Wisemind on http://127.0.0.1:$(PORT)/"
	@echo "make test   run every test (lint, native, in-browser, end-to-end, size budget)"
	@echo "make size   gzipped size of everything the page loads"
	@echo "make single the single-file edition: dist-single/wisemind.html"
	@echo "make bench  benchmark figures (release wasm, headless Chromium)"
	@echo "make unicode regenerate the case-folding table of crates/text from the toolchain's Unicode"
	@echo "make fuzz   fuzz the bundle reader (FUZZ_SECONDS=600 by default; nightly toolchain)"

## Installs (idempotent) ---------------------------------------------------------------

tools:
	@# The toolchain of rust-toolchain.toml, with its wasm target and components.
	@rustup toolchain install --no-self-update >/dev/null 2>&1 || rustup toolchain install --no-self-update
	@trunk --version 2>/dev/null | grep -qx "trunk $(TRUNK_VERSION)" || cargo install --locked trunk@$(TRUNK_VERSION)
	@# Not --locked: one of wasm-bindgen-cli's locked dependencies is gone from the registry.
	@wasm-bindgen --version 2>/dev/null | grep -q " $(WASM_BINDGEN_VERSION)$$" || cargo install --force wasm-bindgen-cli@$(WASM_BINDGEN_VERSION)
	@[ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/playwright-core ] && [ -d node_modules/terser ] || npm install --no-audit --no-fund

browser:
	@[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || { apt-get update && apt-get install -y chromium chromium-driver; }

## Build and serve ---------------------------------------------------------------------

build: tools
	@# Every dependency of the lock file, for all targets: the build below runs offline.
	@cargo fetch --locked --quiet || echo "warning: cargo fetch failed; building with what is here"
	trunk build --release --offline
	node scripts/postbuild.mjs dist dist-single
	cargo run --locked --quiet --bin wisemind-precompress -- dist

# The single-file edition (dist-single/wisemind.html), from the same release build.
single: build

run: build
	node scripts/serve.mjs dist $(PORT)

dev: tools
	@# Another port than `make run`: the release build's service worker would otherwise serve its cached copy here.
	trunk serve --offline --port 8081

# Fails above the budget (scripts/size.mjs).
size: build
	@node scripts/size.mjs dist

## Tests -------------------------------------------------------------------------------

# Formatting and clippy, native and wasm, warnings as errors (clippy.toml says which
# standard APIs are avoided and why).
lint: tools
	cargo fmt --check
	cargo clippy --locked --all-targets -p wisemind -p wisemind-aead -p wisemind-text -- -D warnings
	cargo clippy --locked --target wasm32-unknown-unknown --lib --bins --tests -- -D warnings
	@# The fuzz target builds against today's API (it once broke unnoticed; `make fuzz` runs it).
	cargo check --locked --quiet --manifest-path fuzz/Cargo.toml

test-native:
	cargo test --locked -p wisemind -p wisemind-aead -p wisemind-text

test-browser: tools browser
	cargo test --locked --target wasm32-unknown-unknown --test browser_storage

test-e2e: build browser
	node --test --test-concurrency=1 tests/e2e/

test: lint test-native test-browser test-e2e size

# Figures in release wasm in headless Chromium; prints, never fails on time.
bench: build browser
	cargo test --locked --release --target wasm32-unknown-unknown --test bench_insights -- --nocapture 2>&1 | grep -E 'BENCH|test result|^error'
	@mkdir -p bench
	@[ -f bench/caseload.wisemind ] || cargo run --locked --release --example bench_caseload -- bench/caseload.wisemind
	node scripts/bench.mjs bench/caseload.wisemind

# The lower-case table of crates/text from the standard library's Unicode tables (after a
# toolchain update); a test fails while the checked-in table differs.
unicode:
	cargo build --locked -p wisemind-text --example gen_fold
	target/debug/examples/gen_fold

# The bundle reader under libFuzzer (cargo-fuzz, nightly). Not part of `make test`. The
# corpus grows in fuzz/corpus/bundle_reader; crashes land in fuzz/artifacts.
FUZZ_SECONDS ?= 600
fuzz:
	@cargo fuzz --version >/dev/null 2>&1 || cargo install --locked cargo-fuzz
	node scripts/fuzz-seeds.mjs tests/vectors/bundle fuzz/corpus/bundle_reader
	cargo +nightly fuzz run bundle_reader fuzz/corpus/bundle_reader -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -max_len=1048576
