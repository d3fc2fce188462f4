#!/usr/bin/env bash
# Rehearse the group path on this machine: a JupyterHub on http://127.0.0.1:8000 where each name in
# CAREERKIT_HUB_USERS logs in with the shared password and gets the kit in their own JupyterLab.
# Answers they tick "share" go to the hub's room service; names in CAREERKIT_HUB_FACILITATORS log in the
# same way and read the room (workshop/room.ipynb, or `careerkit room view` in their JupyterLab terminal).
#
#   CAREERKIT_HUB_PASSWORD='a long password' CAREERKIT_HUB_FACILITATORS=fran workshop/jupyterhub/try_hub.sh
#
# Stop it with Ctrl-C. Not for a real group (everyone runs as your OS user): see facilitator_guide/jupyterhub.md.
set -euo pipefail
KIT="$(cd "$(dirname "$0")/../.." && pwd)"
export CAREERKIT_HUB_DIR="${CAREERKIT_HUB_DIR:-$KIT/build/hub}"
export CAREERKIT_HUB_USERS="${CAREERKIT_HUB_USERS:-alice,bob}"
: "${CAREERKIT_HUB_PASSWORD:?set CAREERKIT_HUB_PASSWORD to the workshop password (8 characters or more)}"
export CAREERKIT_HUB_PASSWORD
if [ ! -x "$KIT/node_modules/.bin/configurable-http-proxy" ]; then
  echo "The proxy is missing: run 'npm ci' (or 'make setup') in $KIT first." >&2
  exit 1
fi
mkdir -p "$CAREERKIT_HUB_DIR"
cd "$CAREERKIT_HUB_DIR"
echo "Hub: http://127.0.0.1:${CAREERKIT_HUB_PORT:-8000}  users: $CAREERKIT_HUB_USERS  facilitators: ${CAREERKIT_HUB_FACILITATORS:-none}"
exec "$KIT/.venv/bin/jupyterhub" -f "$KIT/workshop/jupyterhub/jupyterhub_config.py"
