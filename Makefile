# Two commands: `make demo` and `make test`. Both set up .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest bench fuzz clean setup lab

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

REPORT := out/mali_brief.html

# The bottom line first (the same sentences that open the HTML brief, in 100
# columns), then how sure under each stakeholder's weights, the comparison
# table behind it, and the full brief.
demo: $(STAMP)
	@COLUMNS=100 $(BIN)/policyopts brief mali --width 100
	@echo
	@$(BIN)/policyopts sensitivity mali --profile all --samples 20000 --no-progress
	@echo
	@$(BIN)/policyopts compare mali
	@echo
	@mkdir -p out
	@$(BIN)/policyopts report mali -o $(REPORT)
	@echo "The HTML brief is at $(abspath $(REPORT))"

# Open the walkthrough notebooks in JupyterLab (installs the `notebooks` extra first).
lab: $(STAMP)
	@$(BIN)/python -m pip install --quiet -e ".[dev,notebooks]"
	$(BIN)/jupyter lab --notebook-dir=notebooks

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/python -m pytest -q --cov=policyopts --cov-report=term:skip-covered

test: lint typecheck pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_methods.py
	$(BIN)/python benchmarks/bench_smaa.py
	$(BIN)/python benchmarks/bench_smaa_scale.py
	$(BIN)/python benchmarks/bench_portfolio.py
	$(BIN)/python benchmarks/bench_report.py

clean:
	rm -rf $(VENV) build dist out .pytest_cache .mypy_cache .ruff_cache .hypothesis

# Fuzz policyopts.load_case and read_participants with mutated case and participants
# files, then the HTML brief and the tables with hostile case text (reproducers go to
# /tmp/fuzz-failures/).
FUZZ_SECONDS ?= 600
.PHONY: fuzz
fuzz: $(STAMP)
	$(BIN)/python -m tests.fuzz.fuzz_load_case --seconds $(FUZZ_SECONDS)
	$(BIN)/python -m tests.fuzz.fuzz_brief --seconds $(FUZZ_SECONDS)
