# The two commands: `make run` serves the app on SQLite, `make test` runs every test.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test venv lock lint format typecheck messages worker beat bench clean

# requirements*.txt name what the code uses; the .lock files pin every package installed,
# transitive ones included, with their hashes (`make lock` regenerates them).
LOCK_FLAGS := --quiet --generate-hashes --allow-unsafe --strip-extras --no-header \
	--no-emit-index-url --no-emit-find-links

$(STAMP): requirements.lock requirements-dev.lock
	@test -x $(PY) || "$$(scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	@touch $(STAMP)

venv: $(STAMP)

# After changing requirements.txt or requirements-dev.txt (needs pip-tools, in the dev lock).
lock:
	$(VENV)/bin/pip-compile $(LOCK_FLAGS) --output-file requirements.lock requirements.txt
	$(VENV)/bin/pip-compile $(LOCK_FLAGS) --output-file requirements-dev.lock requirements-dev.txt

run: $(STAMP)
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py seed_demo --if-empty
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	$(PY) scripts/run_tests.py $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

typecheck: $(STAMP)
	DEBUG=1 $(VENV)/bin/mypy

# Needs gettext's msgfmt; the compiled .mo files are committed, so only translators need it.
messages: $(STAMP)
	DEBUG=1 $(PY) manage.py makemessages -l nl --no-location --ignore=.venv --ignore=bench --ignore=node_modules
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

worker: $(STAMP)
	$(VENV)/bin/celery -A runningcoach worker --loglevel=INFO

beat: $(STAMP)
	$(VENV)/bin/celery -A runningcoach beat --loglevel=INFO --schedule=var/celerybeat-schedule

bench: $(STAMP)
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache .ruff_cache
