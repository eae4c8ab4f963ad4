# alliancesim developer tasks. Everything runs from a venv in .venv/ (Python >= 3.12).
#   make setup   create/refresh .venv from requirements/lock.txt (fast no-op when up to date)
#                and fill the browser visualisation's offline asset cache (viz.assets)
#   make demo | test | lint | bench | lock | clean

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := setup
.DELETE_ON_ERROR:

VENV   := .venv
VPY    := $(VENV)/bin/python
STAMP  := $(VENV)/.stamp
LOCK   := requirements/lock.txt
PYTEST_ARGS ?=

export PIP_DISABLE_PIP_VERSION_CHECK := 1
PIP_QUIET := -q
# pip on this kind of machine warns once per package about an extra local index
# ("Location 'file:///opt/pypi-more/simple/x/' is ignored ..."): drop that noise only.
PIP_FILTER := 2>&1 | { grep -v -E "^WARNING: Location 'file:.*' is ignored: it is neither a file nor a directory\.$$" || true; }

# Top-level requirements the lock is resolved from (keep in step with pyproject.toml).
LOCK_REQS := "mesa[rec]==3.5.1" numpy numba pandas pyarrow networkx matplotlib scipy tqdm SALib \
	"dask[distributed]" "ema-workbench>=3.0,<4" "pyabc>=0.13,<0.14" "ipyvue<2" "ipyvuetify<2" pytest hypothesis ruff \
	playwright pytest-playwright

.PHONY: setup demo test lint bench lock clean

# The stamp covers the lock, pyproject.toml and the list of top-level packages (the editable
# install maps each package when it is installed, so a new package needs a reinstall).
# Last, fill solara's offline asset cache for the browser visualisation (a fast no-op when
# filled; needs npm once; if that fails, set-up still succeeds and says why).
setup:
	@want=$$( { cat $(LOCK) pyproject.toml; ls -d */__init__.py; } | sha256sum | cut -d' ' -f1); \
	if [ -x $(VPY) ] && ! $(VPY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
		echo "setup: $(VENV) has Python < 3.12; recreating it"; rm -rf $(VENV); \
	fi; \
	if [ -x $(VPY) ] && [ -f $(STAMP) ] && [ "$$(cat $(STAMP))" = "$$want" ]; then exit 0; fi; \
	if [ ! -x $(VPY) ]; then \
		rm -rf $(VENV); \
		py=$$(bash scripts/find_python.sh); \
		echo "setup: creating $(VENV) with $$py ($$($$py -V 2>&1))"; \
		"$$py" -m venv $(VENV); \
	fi; \
	rm -f $(STAMP); \
	echo "setup: installing $(LOCK) into $(VENV)"; \
	$(VPY) -m pip install $(PIP_QUIET) -r $(LOCK) $(PIP_FILTER); \
	echo "setup: installing alliancesim (editable)"; \
	$(VPY) -m pip install $(PIP_QUIET) --no-deps -e . $(PIP_FILTER); \
	printf '%s\n' "$$want" > $(STAMP); \
	echo "setup: done"
	@$(VPY) -m viz.assets --quiet || echo "setup: warning: the browser visualisation's" \
		"offline assets are missing (see above); everything else is ready"

demo: setup
	$(VENV)/bin/alliancesim demo

test: setup
	$(VPY) -m pytest $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .

bench: setup
	$(VPY) -m benchmarks

# Re-resolve the pins in a throwaway Python 3.12 venv and rewrite $(LOCK).
lock:
	@py=$$(bash scripts/find_python.sh); \
	if ! "$$py" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))'; then \
		echo "lock: the lock is for Python 3.12, but found $$py ($$("$$py" -V 2>&1));" \
			"set PYTHON=/path/to/python3.12" >&2; \
		exit 2; \
	fi; \
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	echo "lock: resolving in a temporary venv with $$py ($$("$$py" -V 2>&1))"; \
	"$$py" -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/python" -m pip install $(PIP_QUIET) $(LOCK_REQS) $(PIP_FILTER); \
	{ \
		echo '# Exact pins for alliancesim on Python 3.12: `pip freeze` of a fresh 3.12 venv after'; \
		echo '#   pip install $(LOCK_REQS)'; \
		echo '# Regenerate with `make lock` (do not edit by hand); `make setup` installs exactly these.'; \
		"$$tmp/venv/bin/python" -m pip freeze | grep -v -E '^(-e |alliancesim[ =@])' ; \
	} > "$$tmp/lock.txt"; \
	mv "$$tmp/lock.txt" $(LOCK); \
	echo "lock: wrote $(LOCK) ($$(grep -c '==' $(LOCK)) pins)"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build dist *.egg-info
	find . -path ./results -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +
