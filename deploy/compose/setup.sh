#!/usr/bin/env bash
# One-shot setup of the docker-compose stack, run by its `setup` service once Kafka, PostgreSQL
# and the JobManager are healthy: creates the topics, applies the migrations and submits the
# inventory, fraud and table sync jobs. Running it again changes nothing.
set -euo pipefail

# The addresses inside the compose network, the ones sql/ uses too.
kafka=kafka:9092
postgres_url=jdbc:postgresql://postgres:5432/flashsale
jobmanager=jobmanager:8081
jobs_jar=/opt/flashsale/flashsale-jobs.jar

# The --add-opens Flink and the Kafka clients need on Java 17, read as ./flashsale reads them.
read -r -a opens <<< "$(sed -n 's/^env.java.opts.all: *//p' /opt/flashsale/flink-conf/config.yaml)"
flashsale() { java "${opens[@]}" -jar /opt/flashsale/cli/flashsale.jar "$@"; }

# A new volume's root belongs to root; the JobManager and TaskManagers write as the image's
# flink user, and the JobManager creates a job's checkpoint directory when the job is submitted.
install -d -o flink -g flink /tmp/flashsale/checkpoints /tmp/flashsale/savepoints

flashsale topics --bootstrap-servers "$kafka"
flashsale migrate --url "$postgres_url"   # the password comes from FLASHSALE_POSTGRES_PASSWORD

# `docker compose up` starts this service again: a job that is already there must not be
# submitted twice, since two copies would share their consumer group and transactional ids.
listed="$(flink list -m "$jobmanager")"
submit() {
  local name="$1"
  shift
  if grep -qF ": $name (" <<< "$listed"; then
    echo "$name: already submitted"
  else
    flink run -d -m "$jobmanager" "$@"
  fi
}

submit "flashsale inventory" -c io.flashsale.inventory.InventoryJob "$jobs_jar" \
  --kafka.bootstrap-servers "$kafka"
submit "flashsale fraud" -c io.flashsale.fraud.FraudJob "$jobs_jar" \
  --kafka.bootstrap-servers "$kafka"
# The table sync job's client reads the password from FLASHSALE_POSTGRES_PASSWORD too.
submit "flashsale table sync" -c io.flashsale.tables.TableSyncJob "$jobs_jar" \
  --kafka.bootstrap-servers "$kafka" --postgres.url "$postgres_url"
