#!/usr/bin/env bash
# Entrypoint of every flink-image service in docker-compose.yml: makes the repository's
# flink-conf/config.yaml the configuration, then hands over to the image's own entrypoint.
#
# The image's /docker-entrypoint.sh rewrites /opt/flink/conf/config.yaml in place on every start
# (jobmanager.rpc.address, FLINK_PROPERTIES): a bind mount of the repository's file there would
# either be rewritten on the host or, read-only, fail to take those settings. So the file is
# mounted read-only beside it and copied in.
set -euo pipefail
cp /opt/flashsale/flink-conf/config.yaml /opt/flink/conf/config.yaml
exec /docker-entrypoint.sh "$@"
