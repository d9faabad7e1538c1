#!/usr/bin/env bash
# Lint Koers's OpenAPI document against the Dutch API Design Rules (ADR) with Spectral.
#
#   tools/lint-openapi.sh            export the schema to var/openapi.json and lint it
#   tools/lint-openapi.sh FILE.json  lint an existing document instead
#
# The ruleset is the official ADR linter ruleset (Logius, CC BY 4.0): ../shared/adr/linter.yaml
# beside the repository, or KOERS_ADR_RULESET. Exits non-zero when Spectral reports an error;
# warnings are printed but do not fail. Needs Node.js (npx) and the npm registry once.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ruleset="${KOERS_ADR_RULESET:-$root/../shared/adr/linter.yaml}"
python="$root/.venv/bin/python"
[[ -x "$python" ]] || python="python3"

if [[ ! -f "$ruleset" ]]; then
    echo "lint-openapi: ADR-regelset niet gevonden: $ruleset (zet KOERS_ADR_RULESET)" >&2
    exit 2
fi
if ! command -v npx >/dev/null 2>&1; then
    echo "lint-openapi: npx ontbreekt; installeer Node.js en npm" >&2
    exit 2
fi

if [[ $# -ge 1 ]]; then
    document="$1"
else
    document="$root/var/openapi.json"
    mkdir -p "$root/var"
    # Exporting needs no database; a throwaway key satisfies the settings when debug is off.
    DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-openapi-export-only}" \
        "$python" -m koers.web spectacular --format openapi-json --validate --fail-on-warn \
        --file "$document"
fi

npx --yes @stoplight/spectral-cli@6 lint -r "$ruleset" "$document" --fail-severity error
