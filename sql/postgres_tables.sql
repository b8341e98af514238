-- The contract's PostgreSQL tables as Flink SQL tables (JDBC connector; scans, lookups and upserts
-- on the primary key). As written they read the docker-compose database with its development
-- credentials; `flashsale sql` points them at another database, schema, user and password
-- (the password from FLASHSALE_POSTGRES_PASSWORD) with ALTER TABLE.

CREATE TABLE IF NOT EXISTS inventory_position (
  sku                STRING,
  pool               STRING,
  on_hand            BIGINT,
  held               BIGINT,
  committed          BIGINT,
  available          BIGINT,
  buffer_units       BIGINT,
  quota_outstanding  BIGINT,
  version            BIGINT,
  updated_at         TIMESTAMP(3),
  PRIMARY KEY (sku, pool) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:postgresql://postgres:5432/flashsale',
  'table-name' = 'inventory_position',
  'username' = 'flashsale',
  'password' = 'flashsale'
);

CREATE TABLE IF NOT EXISTS channel_quota (
  sku             STRING,
  channel         STRING,
  quota           BIGINT,
  quota_version   BIGINT,
  reason          STRING,
  listing_paused  BOOLEAN,
  effective_at    TIMESTAMP(3),
  PRIMARY KEY (sku, channel) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:postgresql://postgres:5432/flashsale',
  'table-name' = 'channel_quota',
  'username' = 'flashsale',
  'password' = 'flashsale'
);

CREATE TABLE IF NOT EXISTS fraud_review (
  alert_id      STRING,
  `pattern`     STRING,
  risk_score    INT,
  subject_type  STRING,
  subject       STRING,
  detected_at   TIMESTAMP(3),
  status        STRING,
  evidence      STRING,
  PRIMARY KEY (alert_id) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:postgresql://postgres:5432/flashsale',
  'table-name' = 'fraud_review',
  'username' = 'flashsale',
  'password' = 'flashsale'
);

CREATE TABLE IF NOT EXISTS product (
  sku         STRING,
  title       STRING,
  unit_cost   DECIMAL(12, 2),
  list_price  DECIMAL(12, 2),
  category    STRING,
  PRIMARY KEY (sku) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:postgresql://postgres:5432/flashsale',
  'table-name' = 'product',
  'username' = 'flashsale',
  'password' = 'flashsale'
);
