#!/usr/bin/env bash
# Every test: starts the real servers the integration tests use (scripts/test-servers.sh), runs `dotnet test` on the
# solution (extra arguments go to dotnet test), and stops the servers again, whatever the outcome.
set -euo pipefail
cd "$(dirname "$0")/.."

eval "$(scripts/test-servers.sh up)"
trap 'scripts/test-servers.sh down' EXIT
dotnet test Pinterest.Modular.sln "$@"
