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

.PHONY: setup demo test bench nlu-eval clean chromium

$(STAMP): pyproject.toml
	@test -n "$(PY310)" || { echo "Python 3.10 not found: install python3.10 and retry"; exit 1; }
	@echo "Setting up $(VENV) with $(PY310) ..."
	$(PY310) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,telegram]'
	@touch $(STAMP)

setup: $(STAMP)

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

test: $(STAMP) chromium
	$(VENV)/bin/pathbot pathways validate
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) -m bot.bench

# accuracy, per-intent F1 and danger recall of the embedded understanding on the held-out split
nlu-eval: $(STAMP)
	$(PY) -m bot.nlu_eval

clean:
	rm -rf $(VENV) .pytest_cache
