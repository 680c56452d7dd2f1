# PreventKit: common tasks. `make demo` sets up and runs the main job; `make test` runs every test.

SWIFT ?= swift
APT_PACKAGES := libopenblas-dev liblapacke-dev libsqlite3-dev pkg-config
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
PREVENT := .build/release/prevent
DEMO := Studies/jigsaw-demo
DEMO_OUTPUT := .build/demo

.PHONY: setup build demo test bench clean

## setup: install the system libraries PreventKit links (OpenBLAS, LAPACKE, SQLite) if missing.
setup:
	@if dpkg -s $(APT_PACKAGES) >/dev/null 2>&1; then \
		echo "setup: $(APT_PACKAGES) are installed"; \
	else \
		echo "setup: installing $(APT_PACKAGES)"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES); \
	fi

## build: build the `prevent` command in release mode.
build: setup
	$(SWIFT) build -c release --product prevent

## demo: set up, build and run the main job on the bundled study: check the cohort, allocate it,
## check baseline balance, map the bundled crime points into hotspots, and score and summarise
## the bundled risk study.
demo: build
	@mkdir -p $(DEMO_OUTPUT)
	$(PREVENT) describe $(DEMO)/cohort.csv
	$(PREVENT) allocate --study $(DEMO)/study.yaml --cohort $(DEMO)/cohort.csv \
		--out $(DEMO_OUTPUT)/allocation.csv --force
	$(PREVENT) balance --study $(DEMO)/study.yaml --cohort $(DEMO)/cohort.csv \
		--allocation $(DEMO_OUTPUT)/allocation.csv --plot $(DEMO_OUTPUT)/love.svg
	$(PREVENT) hotspots --points Studies/cardiff-juvenile/juvenile.csv --x x --y y \
		--cell 5 --coordinates projected
	$(PREVENT) score --study Studies/jigsaw-risk/study.yaml --cohort Studies/jigsaw-risk/cohort.csv \
		--out $(DEMO_OUTPUT)/scores.csv --force
	$(PREVENT) summary --study Studies/jigsaw-risk/study.yaml --cohort Studies/jigsaw-risk/cohort.csv
	@echo
	@echo "demo: allocation in $(DEMO_OUTPUT)/allocation.csv, love plot in $(DEMO_OUTPUT)/love.svg,"
	@echo "      risk scores in $(DEMO_OUTPUT)/scores.csv"

## test: set up and run every test.
test: setup
	$(SWIFT) test

## bench: release-mode benchmarks against their peers (numpy, data.table::fread, pandas).
bench: setup
	Benchmarks/run-peers.sh

clean:
	$(SWIFT) package clean
