# One-command entry points; see README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
Q ?= Vilka kommuner har IT-råd?

.PHONY: run serve test eval bench benchmark screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The product alone: no torch.
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

# Tests also exercise the sentence-transformers backend. torch first, pinned: a plain
# "torch" requirement would pull a multi-GB CUDA build; 2.13.0 is a CPU wheel on these machines.
$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e ".[sentence-transformers,ui,test]"
	touch $@ $(VENV)/.installed-run $(VENV)/.installed-ui

run: $(VENV)/.installed-run
	$(BIN)/skolsok ask "$(Q)"

# The web app: the product plus gradio.
$(VENV)/.installed-ui: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[ui]"
	touch $@ $(VENV)/.installed-run

serve: $(VENV)/.installed-ui
	$(BIN)/skolsok index status > /dev/null 2>&1 || $(BIN)/skolsok index build
	$(BIN)/skolsok serve

test: $(VENV)/.installed-test
	$(BIN)/ruff check src tests ui benchmarks
	$(BIN)/ruff format --check src tests ui benchmarks
	$(BIN)/mypy
	HF_HUB_OFFLINE=1 GRADIO_ANALYTICS_ENABLED=False $(BIN)/python -m pytest

# docs/screenshot.png (the chat) and docs/source.png (the source view), taken by the browser tests
# into a temporary folder and copied here only by this explicit target.
screenshots: $(VENV)/.installed-test
	@shots=$$(mktemp -d) && \
	HF_HUB_OFFLINE=1 GRADIO_ANALYTICS_ENABLED=False SKOLSOK_SCREENSHOTS=$$shots $(BIN)/python -m pytest -q \
		tests/test_ui.py -k "chat_answers_with_organizations or opens_its_source_scrolled" && \
	cp $$shots/screenshot.png $$shots/source.png docs/ && rm -rf $$shots

eval: $(VENV)/.installed-run
	$(BIN)/skolsok eval ../shared/eval/dev.jsonl -v

bench: $(VENV)/.installed-run
	$(BIN)/python benchmarks/latency.py

# The full comparison with peers and sizes (docs/benchmarks.md); about 10 minutes.
benchmark: $(VENV)/.installed-run
	$(BIN)/pip install --quiet -e ".[bench]"
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) index/gen-* index/.gen-* index/CURRENT index/build.lock
