# PreventKit: common tasks. `make demo` sets up and runs the main job; `make test` runs every test.

SWIFT ?= swift
APT_PACKAGES := libopenblas-dev liblapacke-dev libsqlite3-dev pkg-config
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
PREVENT := .build/release/prevent
DEMO := Studies/jigsaw-demo
DEMO_OUTPUT := .build/demo
TRIAL := Studies/jigsaw-trial
TRIAL_SEED := 20261121
EXPORT := Notebooks-export/jigsaw-trial

.PHONY: setup build demo tour test check-report browser-test export bench clean

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

## demo: set up, build and run the main job on the bundled study: the whole workflow of the
## simulated trial Studies/jigsaw-trial (hotspots, risk scores, allocation, balance, CONSORT flow,
## every outcome analysis, power achieved) as an HTML report and a Jupyter notebook.
demo: build
	@mkdir -p $(DEMO_OUTPUT)
	$(PREVENT) report --study $(TRIAL) --out $(DEMO_OUTPUT)/jigsaw-trial --force
	@echo
	@echo "demo: open $(DEMO_OUTPUT)/jigsaw-trial/report.html in a browser;"
	@echo "      the notebook is $(DEMO_OUTPUT)/jigsaw-trial/report.ipynb (Jupyter)"

## tour: the single steps on the smaller bundled studies: check a cohort, allocate it, check
## baseline balance, map crime points into hotspots, score and summarise a risk study.
tour: build
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
	@echo "tour: allocation in $(DEMO_OUTPUT)/allocation.csv, love plot in $(DEMO_OUTPUT)/love.svg,"
	@echo "      risk scores in $(DEMO_OUTPUT)/scores.csv"

## export: regenerate the bundled simulated study and its committed report and notebook.
export: build
	$(PREVENT) simulate --out $(TRIAL) --seed $(TRIAL_SEED) --force
	$(PREVENT) report --study $(TRIAL) --out $(EXPORT) --force

## test: set up and run every test: the Swift tests, then the rendered report and notebook
## checks and the allocation service's browser tests in headless Chromium.
test: setup
	@python3 -c 'import nbformat' 2>/dev/null || python3 -m pip install -q nbformat
	$(SWIFT) test
	$(MAKE) check-report browser-test

## check-report: validate the committed notebook with nbformat and render the committed HTML
## report in headless Chromium, checking the picture is not blank.
check-report: setup
	@python3 -c 'import nbformat' 2>/dev/null || python3 -m pip install -q nbformat
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; }
	python3 Tests/StudyReportTests/Fixtures/validate_notebook.py $(EXPORT)/report.ipynb
	@mkdir -p .build/screenshots
	python3 Tests/StudyReportTests/Fixtures/screenshot_report.py $(EXPORT)/report.html .build/screenshots/report.png

## browser-test: sign in, enrol and check roles and CSRF in headless Chromium against
## `prevent serve`; screenshots of the main pages go to .build/screenshots/service.
browser-test: setup
	$(SWIFT) build --product prevent
	Tests/AllocationServiceTests/Browser/run.sh .build/screenshots/service .build/debug/prevent

## bench: release-mode benchmarks against their peers (numpy, data.table::fread, pandas).
bench: setup
	Benchmarks/run-peers.sh

clean:
	$(SWIFT) package clean
