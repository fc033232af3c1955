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

# The release wasm is built with Rust's standard library compiled for size alongside the
# app, and without the panic machinery (a release build's panic then reads "unreachable" in
# the console instead of its message; debug builds keep the messages, and assets/fault.js
# tells the user either way). That takes 27 KB off what the page loads and keeps it within
# its 350 KB budget. The flags are unstable: they are unlocked with RUSTC_BOOTSTRAP only on the
# stable compiler they were checked with (SIZE_STD_RUSTC); with any other, or with
# SIZE_STD=0, the plain build is made and `make size` says so. docs/performance.md, "Size".
SIZE_STD_RUSTC := 1.95
ifeq ($(origin SIZE_STD),undefined)
SIZE_STD := $(shell rustc -V 2>/dev/null | grep -q '^rustc $(subst .,\.,$(SIZE_STD_RUSTC))\.' && echo 1 || echo 0)
endif
SIZE_STD_ENV := RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort CARGO_TARGET_DIR=$(CURDIR)/target/size-std \
	RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none"

.PHONY: help run test size tools browser build single test-native test-browser test-e2e dev bench fuzz

help:
	@echo "make run    build and serve Wisemind on http://127.0.0.1:$(PORT)/"
	@echo "make test   run every test (native, in-browser, end-to-end)"
	@echo "make size   gzipped size of everything the page loads"
	@echo "make single the single-file edition: dist-single/wisemind.html"
	@echo "make bench  benchmark figures (release wasm, headless Chromium)"
	@echo "make fuzz   fuzz the bundle reader (FUZZ_SECONDS=600 by default; nightly toolchain)"

## Installs (idempotent) ---------------------------------------------------------------

tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@trunk --version 2>/dev/null | grep -qx "trunk $(TRUNK_VERSION)" || cargo install --locked trunk@$(TRUNK_VERSION)
	@# Not --locked: one of wasm-bindgen-cli's locked dependencies is gone from the registry.
	@wasm-bindgen --version 2>/dev/null | grep -q " $(WASM_BINDGEN_VERSION)$$" || cargo install --force wasm-bindgen-cli@$(WASM_BINDGEN_VERSION)
	@[ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/playwright-core ] && [ -d node_modules/terser ] || npm install --no-audit --no-fund
ifeq ($(SIZE_STD),1)
	@# Without a network these two may fail: the build below then falls back to the plain one.
	@rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src \
		|| echo "warning: could not add rust-src; the release build will be the plain one"
	@# The standard library's own dependencies, so that the --offline build below finds them.
	@RUSTC_BOOTSTRAP=1 cargo fetch --locked --quiet --manifest-path "$$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml" \
		2>/dev/null || echo "warning: could not fetch the standard library's dependencies"
endif

browser:
	@[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || { apt-get update && apt-get install -y chromium chromium-driver; }

## Build and serve ---------------------------------------------------------------------

build: tools
	@# Every dependency of the lock file, for all targets: the build below runs offline.
	@cargo fetch --locked --quiet || echo "warning: cargo fetch failed; building with what is here"
	@if [ "$(SIZE_STD)" = 1 ] && $(SIZE_STD_ENV) trunk build --release --offline; then :; else \
		[ "$(SIZE_STD)" != 1 ] || echo "warning: the size-optimised build failed; making the plain one (make size will fail)"; \
		trunk build --release --offline; fi
	node scripts/postbuild.mjs dist dist-single
	cargo run --locked --quiet --bin wisemind-precompress -- dist

# The single-file edition (dist-single/wisemind.html), from the same release build.
single: build

run: build
	node scripts/serve.mjs dist $(PORT)

dev: tools
	@# Another port than `make run`: the release build's service worker would otherwise serve its cached copy here.
	trunk serve --offline --port 8081

size: build
	@[ "$(SIZE_STD)" = 1 ] || echo "note: the standard library was not rebuilt for size (rustc is not $(SIZE_STD_RUSTC).x, or SIZE_STD=0)"
	@node scripts/size.mjs dist

## Tests -------------------------------------------------------------------------------

test-native:
	cargo test --locked -p wisemind -p wisemind-aead -p wisemind-text

test-browser: tools browser
	cargo test --locked --target wasm32-unknown-unknown --test browser_storage

test-e2e: build browser
	node --test --test-concurrency=1 tests/e2e/

test: test-native test-browser test-e2e

# Figures in release wasm in headless Chromium; prints, never fails on time.
bench: build browser
	cargo test --locked --release --target wasm32-unknown-unknown --test bench_insights -- --nocapture 2>&1 | grep -E 'BENCH|test result|^error'
	@[ -f bench/caseload.wisemind ] || cargo run --locked --release --example bench_caseload -- bench/caseload.wisemind
	node scripts/bench.mjs bench/caseload.wisemind

# The bundle reader under libFuzzer (cargo-fuzz, nightly). Not part of `make test`. The
# corpus grows in fuzz/corpus/bundle_reader; crashes land in fuzz/artifacts.
FUZZ_SECONDS ?= 600
fuzz:
	@cargo fuzz --version >/dev/null 2>&1 || cargo install --locked cargo-fuzz
	node scripts/fuzz-seeds.mjs tests/vectors/bundle fuzz/corpus/bundle_reader
	cargo +nightly fuzz run bundle_reader fuzz/corpus/bundle_reader -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -max_len=1048576
