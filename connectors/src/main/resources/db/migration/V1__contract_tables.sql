-- The PostgreSQL tables of contract v1. Rows are upserted from the committed output topics, so a
-- replay changes nothing. Times are UTC. They live in the configured schema (postgres.schema).

CREATE TABLE inventory_position (
    sku               VARCHAR(64) NOT NULL,
    pool              VARCHAR(8)  NOT NULL,
    on_hand           BIGINT      NOT NULL,
    held              BIGINT      NOT NULL,
    committed         BIGINT      NOT NULL,
    available         BIGINT      NOT NULL,
    buffer_units      BIGINT      NOT NULL,
    quota_outstanding BIGINT      NOT NULL,
    version           BIGINT      NOT NULL,
    updated_at        TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (sku, pool)
);

CREATE TABLE channel_quota (
    sku            VARCHAR(64) NOT NULL,
    channel        VARCHAR(64) NOT NULL,
    quota          BIGINT      NOT NULL,
    quota_version  BIGINT      NOT NULL,
    reason         VARCHAR(32) NOT NULL,
    listing_paused BOOLEAN     NOT NULL,
    effective_at   TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (sku, channel)
);

CREATE TABLE fraud_review (
    alert_id     VARCHAR(256) PRIMARY KEY,
    pattern      VARCHAR(32)  NOT NULL,
    risk_score   INTEGER      NOT NULL,
    subject_type VARCHAR(16)  NOT NULL,
    subject      VARCHAR(256) NOT NULL,
    detected_at  TIMESTAMP(3) NOT NULL,
    status       VARCHAR(16)  NOT NULL DEFAULT 'NEW',
    evidence     TEXT         NOT NULL
);

CREATE TABLE product (
    sku        VARCHAR(64) PRIMARY KEY,
    title      TEXT        NOT NULL,
    unit_cost  NUMERIC(12, 2) NOT NULL,
    list_price NUMERIC(12, 2) NOT NULL,
    category   VARCHAR(128)
);
