# Two commands matter: `make run` (set up and chat) and `make test` (everything CI runs).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
MODEL := models/checkout.tar.gz
WEB_STAMP := bot/web/node_modules/.installed
TRAINING_FILES := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null)

export ACTION_PORT ?= 5055
export RASA_PORT ?= 5005
export SHOP_PORT ?= 8000
export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL ?= 2
# Messaging channels and other settings from .env (see .env.example), when there is one.
ifneq (,$(wildcard .env))
include .env
export $(shell sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)=.*/\1/p' .env)
endif
export SQLALCHEMY_SILENCE_UBER_WARNING ?= 1

.PHONY: run test install web browser migrate seed model lint format clean bench-quality bench-scale bench-chat bench-search

run: install web seed model  ## set up everything and run the assistant on the embedded store
	$(PY) -m bot up

test: install web browser model lint  ## every test tier: unit, integration, actions, conversation, live
	$(PY) -m pytest tests

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements.lock
	@set -e; py=$$(scripts/find-python.sh); echo "using $$py ($$($$py --version))"; \
	  if [ ! -x $(PY) ]; then $$py -m venv $(VENV); fi
	$(PY) -m pip install --quiet --upgrade pip==24.3.1
	$(PY) -m pip install --quiet -r requirements.txt -c requirements.lock
	touch $@

web: $(WEB_STAMP)  ## the chat widget (rasa-webchat) from the npm registry, as locked

$(WEB_STAMP): bot/web/package.json bot/web/package-lock.json
	cd bot/web && npm ci --no-audit --no-fund --loglevel=error
	touch $@

browser:  ## Debian's Chromium for the browser tests (installed once; never a downloaded browser)
	@scripts/install-browser.sh

migrate: install  ## bring the shop store to the newest schema (Alembic; keeps every row)
	$(PY) -m bot migrate

seed: migrate  ## load the deterministic demo shop (idempotent)
	$(PY) -m bot seed

model: $(MODEL)

$(MODEL): $(TRAINING_FILES) | install
	$(RASA) train --fixed-model-name checkout --out models --quiet

bench-quality: install  ## HR@K on the groceries baskets vs popularity, confidence sum, mlxtend (~3 min idle, ~18 min busy)
	$(PY) bench/recommend_quality.py

bench-scale: install  ## import time and per-cart latency at 10k/100k/1M synthetic orders (~7 min idle, 20+ min busy)
	$(PY) bench/recommend_scale.py

bench-chat: install web model  ## chat latency and throughput vs the `rasa init` floor, 1/8/32 at a time (~6 min)
	$(PY) bench/chat_latency.py

bench-search: install  ## product search top-1 and p50/p95 at 1k/10k/50k SKUs vs the difflib resolver
	$(PY) bench/catalog_search.py

lint: install
	$(PY) -m ruff check bot actions tests bench
	$(PY) -m ruff format --check bot actions tests bench

format: install
	$(PY) -m ruff format bot actions tests bench
	$(PY) -m ruff check --fix bot actions tests bench

clean:
	rm -rf models results var .pytest_cache
