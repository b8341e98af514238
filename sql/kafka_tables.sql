-- Every topic of the contract as a Flink SQL table: JSON values, read_committed, from the earliest
-- offset, with event-time watermarks on the contract's event times (5 s out of order).
-- As written it reads the docker-compose broker (kafka:9092) and unprefixed topic names;
-- `flashsale sql` points the tables at another broker and topic prefix with ALTER TABLE.
-- Times are UTC: the session time zone is set here so that HOUR() and windows are in UTC.

SET 'table.local-time-zone' = 'UTC';

-- Not a topic: the options every topic table below takes (LIKE kafka_topic), so that the broker
-- and the way topics are read are written once.
CREATE TABLE IF NOT EXISTS kafka_topic (
  `value` STRING
) WITH (
  'connector' = 'kafka',
  'properties.bootstrap.servers' = 'kafka:9092',
  'properties.group.id' = 'flashsale-sql',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json',
  'json.ignore-parse-errors' = 'true',
  'json.timestamp-format.standard' = 'ISO-8601'
);

CREATE TABLE IF NOT EXISTS inventory_stock (
  eventId     STRING,
  sku         STRING,
  pool        STRING,
  kind        STRING,
  quantity    INT,
  orderId     STRING,
  occurredAt  TIMESTAMP_LTZ(3),
  WATERMARK FOR occurredAt AS occurredAt - INTERVAL '5' SECOND
) WITH (
  'topic' = 'inventory.stock'
) LIKE kafka_topic (EXCLUDING ALL INCLUDING OPTIONS);

CREATE TABLE IF NOT EXISTS storefront_carts (
  eventId             STRING,
  type                STRING,
  channel             STRING,
  sku                 STRING,
  quantity            INT,
  holdId              STRING,
  cartId              STRING,
  customerId          STRING,
  orderId             STRING,
  sessionId           STRING,
  deviceId            STRING,
  ip                  STRING,
  couponCodes         ARRAY<STRING>,
  unitPrice           STRING,
  currency            STRING,
  paymentFingerprint  STRING,
  shippingAddressHash STRING,
  occurredAt          TIMESTAMP_LTZ(3),
  unit_price AS TRY_CAST(unitPrice AS DECIMAL(12, 2)),
  WATERMARK FOR occurredAt AS occurredAt - INTERVAL '5' SECOND
) WITH (
  'topic' = 'storefront.carts'
) LIKE kafka_topic (EXCLUDING ALL INCLUDING OPTIONS);

CREATE TABLE IF NOT EXISTS marketplace_orders (
  eventId     STRING,
  channel     STRING,
  orderId     STRING,
  sku         STRING,
  quantity    INT,
  status      STRING,
  pool        STRING,
  occurredAt  TIMESTAMP_LTZ(3),
  WATERMARK FOR occurredAt AS occurredAt - INTERVAL '5' SECOND
) WITH (
  'topic' = 'marketplace.orders'
) LIKE kafka_topic (EXCLUDING ALL INCLUDING OPTIONS);

CREATE TABLE IF NOT EXISTS sales_calendar (
  eventId          STRING,
  saleId           STRING,
  type             STRING,
  channel          STRING,
  skus             ARRAY<STRING>,
  expectedLift     DOUBLE,
  bufferPercent    DOUBLE,
  holdTtlSeconds   INT,
  holdLimitPerCustomer INT,
  discountPercent  DOUBLE,
  budget           STRING,
  startsAt         TIMESTAMP_LTZ(3),
  endsAt           TIMESTAMP_LTZ(3),
  occurredAt       TIMESTAMP_LTZ(3),
  budget_amount AS TRY_CAST(budget AS DECIMAL(14, 2)),
  WATERMARK FOR occurredAt AS occurredAt - INTERVAL '5' SECOND
) WITH (
  'topic' = 'sales.calendar'
) LIKE kafka_topic (EXCLUDING ALL INCLUDING OPTIONS);

CREATE TABLE IF NOT EXISTS demand_forecasts (
  eventId       STRING,
  sku           STRING,
  channel       STRING,
  unitsPerHour  DOUBLE,
  validFrom     TIMESTAMP_LTZ(3),
  validTo       TIMESTAMP_LTZ(3),
  source        STRING,
  WATERMARK FOR validFrom AS validFrom - INTERVAL '5' SECOND
) WITH (
  'topic' = 'demand.forecasts'
) LIKE kafka_topic (EXCLUDING ALL INCLUDING OPTIONS);

CREATE TABLE IF NOT EXISTS channel_acks (
  eventId       STRING,
  channel       STRING,
  sku           STRING,
  quota         BIGINT,
  quotaVersion  BIGINT,
  status        STRING,
  appliedAt     TIMESTAMP_LTZ(3),
  error         STRING,
  WATERMARK FOR appliedAt AS appliedAt - INTERVAL '5' SECOND
) WITH (
  'topic' = 'channel.acks'
) LIKE kafka_topic (EXCLUDING ALL INCLUDING OPTIONS);

CREATE TABLE IF NOT EXISTS allocation_overrides (
  eventId            STRING,
  sku                STRING,
  bufferPercent      DOUBLE,
  lowStockThreshold  INT,
  channels           ARRAY<ROW<channel STRING, weight DOUBLE, minUnits INT, paused BOOLEAN>>,
  occurredAt         TIMESTAMP_LTZ(3),
  WATERMARK FOR occurredAt AS occurredAt - INTERVAL '5' SECOND
) WITH (
  'topic' = 'allocation.overrides'
) LIKE kafka_topic (EXCLUDING ALL INCLUDING OPTIONS);

CREATE TABLE IF NOT EXISTS reservations_decisions (
  eventId         STRING,
  requestEventId  STRING,
  holdId          STRING,
  orderId         STRING,
  sku             STRING,
  pool            STRING,
  channel         STRING,
  quantity        INT,
  status          STRING,
  reason          STRING,
  expiresAt       TIMESTAMP_LTZ(3),
  ledgerVersion   BIGINT,
  decidedAt       TIMESTAMP_LTZ(3),
  duplicate       BOOLEAN,
  WATERMARK FOR decidedAt AS decidedAt - INTERVAL '5' SECOND
) WITH (
  'topic' = 'reservations.decisions'
) LIKE kafka_topic (EXCLUDING ALL INCLUDING OPTIONS);

CREATE TABLE IF NOT EXISTS inventory_positions (
  sku               STRING,
  pool              STRING,
  onHand            BIGINT,
  held              BIGINT,
  committed         BIGINT,
  available         BIGINT,
  bufferUnits       BIGINT,
  quotaOutstanding  BIGINT,
  version           BIGINT,
  updatedAt         TIMESTAMP_LTZ(3),
  WATERMARK FOR updatedAt AS updatedAt - INTERVAL '5' SECOND
) WITH (
  'topic' = 'inventory.positions'
) LIKE kafka_topic (EXCLUDING ALL INCLUDING OPTIONS);

CREATE TABLE IF NOT EXISTS channel_quotas (
  sku            STRING,
  channel        STRING,
  quota          BIGINT,
  previousQuota  BIGINT,
  quotaVersion   BIGINT,
  reason         STRING,
  listingPaused  BOOLEAN,
  effectiveAt    TIMESTAMP_LTZ(3),
  WATERMARK FOR effectiveAt AS effectiveAt - INTERVAL '5' SECOND
) WITH (
  'topic' = 'channel.quotas'
) LIKE kafka_topic (EXCLUDING ALL INCLUDING OPTIONS);

CREATE TABLE IF NOT EXISTS fba_recommendations (
  sku               STRING,
  recommendedUnits  BIGINT,
  fbaAvailable      BIGINT,
  fbaUnitsPerDay    DOUBLE,
  daysOfCover       INT,
  mainAvailable     BIGINT,
  generatedAt       TIMESTAMP_LTZ(3),
  WATERMARK FOR generatedAt AS generatedAt - INTERVAL '5' SECOND
) WITH (
  'topic' = 'fba.recommendations'
) LIKE kafka_topic (EXCLUDING ALL INCLUDING OPTIONS);

CREATE TABLE IF NOT EXISTS fraud_alerts (
  alertId           STRING,
  `pattern`         STRING,
  riskScore         INT,
  threshold         INT,
  action            STRING,
  subjectType       STRING,
  subject           STRING,
  customerId        STRING,
  deviceId          STRING,
  ip                STRING,
  couponCode        STRING,
  evidenceEventIds  ARRAY<STRING>,
  windowStart       TIMESTAMP_LTZ(3),
  windowEnd         TIMESTAMP_LTZ(3),
  detectedAt        TIMESTAMP_LTZ(3),
  WATERMARK FOR detectedAt AS detectedAt - INTERVAL '5' SECOND
) WITH (
  'topic' = 'fraud.alerts'
) LIKE kafka_topic (EXCLUDING ALL INCLUDING OPTIONS);

CREATE TABLE IF NOT EXISTS oversell_incidents (
  sku         STRING,
  pool        STRING,
  channel     STRING,
  orderId     STRING,
  cause       STRING,
  shortBy     BIGINT,
  detectedAt  TIMESTAMP_LTZ(3),
  WATERMARK FOR detectedAt AS detectedAt - INTERVAL '5' SECOND
) WITH (
  'topic' = 'oversell.incidents'
) LIKE kafka_topic (EXCLUDING ALL INCLUDING OPTIONS);

CREATE TABLE IF NOT EXISTS deadletter (
  sourceTopic  STRING,
  `partition`  INT,
  `offset`     BIGINT,
  reason       STRING,
  payload      STRING,
  processedAt  TIMESTAMP_LTZ(3)
) WITH (
  'topic' = 'deadletter'
) LIKE kafka_topic (EXCLUDING ALL INCLUDING OPTIONS);
