# The single entry point for people and CI. Everything runs from ./.venv (Python 3.10).
SHELL := /bin/bash
# Python 3.10: on PATH on most machines; under pyenv it may need PYENV_VERSION to be found.
PY310 := $(shell for p in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python3.10 /usr/bin/python3.10; do \
           if $$p -c 'import sys; assert sys.version_info[:2]==(3,10)' 2>/dev/null; then echo $$p; break; fi; \
           if PYENV_VERSION=$$(pyenv versions --bare 2>/dev/null | grep '^3\.10' | head -1) $$p -c '' 2>/dev/null; then \
             echo "env PYENV_VERSION=$$(pyenv versions --bare | grep '^3\.10' | head -1) $$p"; break; fi; done)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Exact versions, with hashes, of everything in .venv (all of pyproject's extras, pip and the
# build tools included). `make setup` installs only from it; `make lock` refreshes it on purpose.
LOCK := requirements.lock
UV_VERSION := 0.13.9

.PHONY: setup demo test bench nlu-eval clean chromium graphviz axe redis-server lock lock-check teams-schema learned-models

# A new lock means a new .venv from scratch, so nothing left over from the old one survives.
$(STAMP): pyproject.toml $(LOCK)
	@test -n "$(PY310)" || { echo "Python 3.10 not found: install python3.10 and retry"; exit 1; }
	@echo "Setting up $(VENV) with $(PY310) from $(LOCK) ..."
	rm -rf $(VENV)
	$(PY310) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $(STAMP)

setup: $(STAMP)

# Run after changing dependencies in pyproject.toml, or to take upstream releases on purpose
# (then run `make test`). uv resolves for Python 3.10; it lives in .venv-lock, outside .venv.
lock:
	@test -n "$(PY310)" || { echo "Python 3.10 not found: install python3.10 and retry"; exit 1; }
	@test -x .venv-lock/bin/uv || { $(PY310) -m venv .venv-lock && \
	  .venv-lock/bin/python -m pip install --quiet uv==$(UV_VERSION); }
	printf 'pip\nsetuptools\nwheel\n' | .venv-lock/bin/uv pip compile pyproject.toml - --all-extras \
	  --python-version 3.10 --generate-hashes --quiet --custom-compile-command "make lock" -o $(LOCK)
	@echo "$(LOCK) refreshed: run make test, then commit it with pyproject.toml"

# One clear line, before any test, if .venv drifted from the lock (a hand-made pip install, say).
lock-check: $(STAMP)
	@$(PY) tools/lockcheck.py $(LOCK)

demo: $(STAMP)
	$(VENV)/bin/pathbot chat --area exampleshire

# Headless Chromium, for the test that renders a pathway as a printable page and screenshots it.
# Installed once with apt-get (as root, or with sudo if it needs no password); never fatal.
chromium:
	@if [ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1; then :; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
	  echo "chromium not found and no apt-get: the printable-document check will be skipped"; \
	else \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; \
	  else echo "chromium not found, and installing it needs root or sudo: the printable-document check will be skipped"; exit 0; fi; \
	  echo "Installing chromium for the printable-document check ..."; \
	  ( $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null ) \
	  || echo "chromium could not be installed: the printable-document check will be skipped"; \
	fi

# Graphviz's dot draws the pathway diagram (`pathbot pathways render --format svg`, the web chat's
# picture). Installed like chromium; without it the diagram says plainly that dot is missing.
graphviz:
	@if command -v dot >/dev/null 2>&1; then :; \
	elif ! command -v apt-get >/dev/null 2>&1; then echo "graphviz (dot) not found and no apt-get: diagram tests will be skipped"; \
	else \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; \
	  else echo "graphviz not found, and installing it needs root or sudo: diagram tests will be skipped"; exit 0; fi; \
	  echo "Installing graphviz for the pathway diagram ..."; \
	  ( $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends graphviz >/dev/null ) \
	  || echo "graphviz could not be installed: diagram tests will be skipped"; \
	fi

# axe-core (npm), injected by the web chat's browser test to check accessibility. Fetched once with
# `npm pack` (the exact version) into .cache/axe-core/; never fatal (the check then skips, saying why).
AXE_VERSION := 4.14.1
AXE := .cache/axe-core/$(AXE_VERSION)/axe.min.js
axe: $(AXE)
$(AXE):
	@mkdir -p $(dir $@)
	@if command -v npm >/dev/null 2>&1; then \
	  tmp=$$(mktemp -d) && ( cd $$tmp && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null ) && \
	  tar -xzf $$tmp/axe-core-$(AXE_VERSION).tgz -C $$tmp && cp $$tmp/package/axe.min.js $@ && rm -rf $$tmp \
	  || echo "axe-core could not be fetched: the accessibility check will be skipped"; \
	else echo "npm not found: the accessibility check will be skipped"; fi

# Microsoft's Teams app manifest schema, from the npm package @microsoft/app-manifest (pinned by
# version and checksum), cached in .cache/ so the package test runs offline afterwards.
APP_MANIFEST := 1.1.2
APP_MANIFEST_SHA1 := e42623654006fd1388e4d9afc000f94d6aa4961e
TEAMS_SCHEMA := .cache/app-manifest/v1.25/MicrosoftTeams.schema.json
$(TEAMS_SCHEMA):
	@command -v npm >/dev/null || { echo "npm not found: install npm (apt-get install npm) to fetch the Teams manifest schema"; exit 1; }
	@rm -rf .cache/app-manifest/tmp && mkdir -p .cache/app-manifest/tmp
	cd .cache/app-manifest/tmp && npm pack --silent @microsoft/app-manifest@$(APP_MANIFEST) >/dev/null
	cd .cache/app-manifest/tmp && echo "$(APP_MANIFEST_SHA1)  microsoft-app-manifest-$(APP_MANIFEST).tgz" | sha1sum -c --quiet
	cd .cache/app-manifest/tmp && tar xzf microsoft-app-manifest-$(APP_MANIFEST).tgz package/build/json-schemas/teams/v1.25/MicrosoftTeams.schema.json
	mkdir -p $(dir $(TEAMS_SCHEMA)) && mv .cache/app-manifest/tmp/package/build/json-schemas/teams/v1.25/MicrosoftTeams.schema.json $@
	@rm -rf .cache/app-manifest/tmp

teams-schema: $(TEAMS_SCHEMA)

# redis-server, for the tests of the shared store (two replicas on one Redis) and `make bench`.
# The tests start and stop their own server on a free loopback port. Installed once with apt-get
# (as root, or with sudo if it needs no password); never fatal: without it those tests skip.
redis-server:
	@if command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ]; then :; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
	  echo "redis-server not found and no apt-get: the Redis store tests will be skipped"; \
	else \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; \
	  else echo "redis-server not found, and installing it needs root or sudo: the Redis store tests will be skipped"; exit 0; fi; \
	  echo "Installing redis-server for the shared-store tests ..."; \
	  ( $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null 2>&1 || \
	    ( $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	      $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null ) ) \
	  || echo "redis-server could not be installed: the Redis store tests will be skipped"; \
	fi

# Everything, Rasa included: the unit tests, then `rasa-test` (rasa data validate, the test stories,
# scenario parity and privacy through the whole stack, none skipped) on a stack of its own, on two
# unused ports with its pids and logs in .rasa-run/test/, so it never meets servers started with
# `make rasa-up`. That stack is stopped afterwards, pass or fail.
test: lock-check chromium graphviz axe redis-server $(TEAMS_SCHEMA)
	$(VENV)/bin/pathbot pathways validate
	$(PY) -m pytest -m "not rasa"
	@ports=$$($(PY) rasa-env/ready.py --free-ports) || exit 1; \
	  $(MAKE) --no-print-directory rasa-test RASA_RUN=$(RASA_RUN)/test $$ports; status=$$?; \
	  $(MAKE) --no-print-directory rasa-down RASA_RUN=$(RASA_RUN)/test; exit $$status

bench: $(STAMP) redis-server
	$(PY) -m bot.bench

# accuracy, per-intent F1 and danger recall on the held-out split: embedded, and Rasa if it is up
nlu-eval: $(STAMP)
	$(RASA_URLS) $(PY) -m bot.nlu_eval

# the learned models (bot/nlu/direction.py, bot/nlu/danger_model.py), rebuilt from the dev halves and
# data/nlu after adding a split or changing the intents
learned-models: $(STAMP)
	$(PY) -c "from bot.nlu.learned import main; main()"

clean:
	rm -rf $(VENV) .venv-lock .pytest_cache

# --- Rasa backend (`make test` runs rasa-test) -----------------------------------------------
# Rasa 3.6 needs Python 3.10 and old pins, so it lives in its own .venv-rasa, pinned by
# rasa-env/constraints.txt. Both servers listen on 127.0.0.1 only (RASA_PORT, ACTIONS_PORT);
# telemetry is off.
RASA_VENV := .venv-rasa
RASA := $(RASA_VENV)/bin/rasa
RASA_STAMP := $(RASA_VENV)/.installed
RASA_MODEL := models/pathbot.tar.gz
RASA_RUN ?= .rasa-run
RASA_PORT ?= 5005
ACTIONS_PORT ?= 5055
RASA_DATA := domain.yml config.yml bot/rasa_intent.py $(wildcard bot/nlu/*.py) data/safety/danger.yml $(wildcard data/nlu/*.yml data/rules/*.yml)
RASA_URLS := PATHBOT_RASA_URL=http://127.0.0.1:$(RASA_PORT) PATHBOT_ACTIONS_URL=http://127.0.0.1:$(ACTIONS_PORT) \
  PATHBOT_RASA_RUN=$(abspath $(RASA_RUN))
RASA_ENV := RASA_TELEMETRY_ENABLED=false SANIC_HOST=127.0.0.1 TF_CPP_MIN_LOG_LEVEL=2 PYTHONPATH=$(CURDIR) $(RASA_URLS)

.PHONY: rasa-setup rasa-train rasa-up rasa-down rasa-validate rasa-test

$(RASA_STAMP): rasa-env/constraints.txt pyproject.toml
	@test -n "$(PY310)" || { echo "Python 3.10 not found: install python3.10 and retry"; exit 1; }
	@echo "Setting up $(RASA_VENV) with $(PY310) (TensorFlow: a few minutes) ..."
	$(PY310) -m venv $(RASA_VENV)
	$(RASA_VENV)/bin/python -m pip install --quiet pip==24.0
	$(RASA_VENV)/bin/python -m pip install --quiet -c rasa-env/constraints.txt rasa==3.6.21 rasa-sdk==3.6.2 pyyaml rapidfuzz
	$(RASA_VENV)/bin/python -m pip install --quiet --no-deps -e .
	$(RASA_ENV) $(RASA) telemetry disable >/dev/null
	@touch $@

rasa-setup: $(RASA_STAMP)

# Retrained only when the training data, domain or config changed since the last model.
$(RASA_MODEL): $(RASA_DATA) | $(RASA_STAMP)
	$(RASA_ENV) $(RASA) train --data data/nlu data/rules --domain domain.yml --config config.yml \
	  --out models --fixed-model-name pathbot
	@touch $@

rasa-train: $(RASA_MODEL)

rasa-validate: $(RASA_STAMP)
	$(RASA_ENV) $(RASA) data validate --data data/nlu data/rules --domain domain.yml --config config.yml

# Both servers in the background (pids and logs in .rasa-run/); returns once both answer.
# Restarts them when the model is newer than the running servers; refuses to start when another
# process (another checkout's servers, say) already has either port.
rasa-up: $(RASA_MODEL)
	@mkdir -p $(RASA_RUN)
	@if [ -f $(RASA_RUN)/rasa.pid ] && kill -0 $$(cat $(RASA_RUN)/rasa.pid) 2>/dev/null && \
	    [ ! $(RASA_MODEL) -nt $(RASA_RUN)/rasa.pid ] && \
	    $(RASA_ENV) $(RASA_VENV)/bin/python rasa-env/ready.py --timeout 0 >/dev/null 2>&1; \
	  then echo "rasa-up: already up"; exit 0; fi; \
	  $(MAKE) --no-print-directory rasa-down >/dev/null; \
	  $(RASA_ENV) $(RASA_VENV)/bin/python rasa-env/ready.py --ports-free || exit 1; \
	  sed 's#127\.0\.0\.1:5055/#127.0.0.1:$(ACTIONS_PORT)/#' endpoints.yml >$(RASA_RUN)/endpoints.yml; \
	  $(RASA_ENV) setsid $(RASA) run actions --actions actions -p $(ACTIONS_PORT) \
	    >$(RASA_RUN)/actions.log 2>&1 </dev/null & echo $$! >$(RASA_RUN)/actions.pid; \
	  $(RASA_ENV) setsid $(RASA) run --enable-api -i 127.0.0.1 -p $(RASA_PORT) -m $(RASA_MODEL) \
	    --endpoints $(RASA_RUN)/endpoints.yml >$(RASA_RUN)/rasa.log 2>&1 </dev/null & echo $$! >$(RASA_RUN)/rasa.pid; \
	  $(RASA_ENV) $(RASA_VENV)/bin/python rasa-env/ready.py --log $(RASA_RUN)/rasa.log \
	    || { $(MAKE) --no-print-directory rasa-down; exit 1; }

# Stops only the processes whose pids rasa-up wrote (and only if they still are Rasa).
rasa-down:
	@for f in $(RASA_RUN)/rasa.pid $(RASA_RUN)/actions.pid; do \
	  [ -f $$f ] || continue; pid=$$(cat $$f); rm -f $$f; \
	  if grep -qs rasa /proc/$$pid/cmdline && kill $$pid 2>/dev/null; then \
	    for i in $$(seq 50); do kill -0 $$pid 2>/dev/null || break; sleep 0.2; done; \
	    echo "stopped $$(basename $$f .pid) ($$pid)"; fi; done

# Rasa's own checks, then the full stack: scenario parity and privacy (tests marked `rasa`).
rasa-test: rasa-validate $(RASA_MODEL) $(STAMP)
	@$(RASA_VENV)/bin/python tools/lockcheck.py --subset rasa-env/constraints.txt
	@out=$$(mktemp -d) && trap 'rm -rf "$$out"' EXIT && \
	  $(RASA_ENV) $(RASA) test core --stories tests/rasa/test_stories.yml --model $(RASA_MODEL) \
	    --out "$$out" --fail-on-prediction-errors
	$(MAKE) --no-print-directory rasa-up
	$(RASA_URLS) PATHBOT_RASA_REQUIRED=1 $(PY) -m pytest -m rasa tests/rasa
