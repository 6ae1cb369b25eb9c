#!/usr/bin/env bash
# The one command: builds what the demo needs (the five services' jars, the sandbox, the fixture),
# then runs a whole migration on this machine. Arguments go to the demo, e.g.
#   ./demo.sh --auto-approve                      generated Atomic CRM database -> Pipedrive sandbox
#   SOURCE_DB_PASSWORD=... PIPEDRIVE_API_TOKEN=... ./demo.sh --source-url postgresql://db.x.supabase.co:5432/postgres \
#       --pipedrive-domain acme                  a real Supabase database -> a real Pipedrive account
#   ./demo.sh --help
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -B -ntp -q install -DskipTests -pl demo -am
exec ./mvnw -B -ntp -q -pl demo exec:java -Dexec.args="$*"
