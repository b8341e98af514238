#!/usr/bin/env bash
# The sql-client service of docker-compose.yml: Flink's SQL client on the compose cluster, every
# session starting with the functions, tables and views of sql/ (run from /opt/flashsale, which
# stands for the repository root). Its arguments go to Flink's sql-client.sh, e.g.
# -f sql/queries/stockouts.sql.
set -euo pipefail
init=/tmp/flashsale-init.sql
cat sql/functions.sql sql/kafka_tables.sql sql/postgres_tables.sql sql/views.sql > "$init"
# -l: the Kafka and JDBC connectors and the PostgreSQL driver, in every session.
exec /opt/flink/bin/sql-client.sh -l /opt/flashsale/sql-client-jars -i "$init" "$@"
