-- Registers the flashsale SQL functions (udfs module, io.flashsale.udfs) for the Flink SQL client,
-- one statement each. Build the jar first (mvn -pl udfs package), then run the SQL client from the
-- repository root, so the relative jar path udfs/target/flashsale-udfs.jar resolves, e.g.:
--   sql-client.sh -i sql/functions.sql
-- Kept in step with io.flashsale.udfs.Functions by FunctionsSqlTest.

CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS CUSTOMER_SEGMENT AS 'io.flashsale.udfs.CustomerSegment' LANGUAGE JAVA USING JAR 'udfs/target/flashsale-udfs.jar';
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS DEVIATION_RATIO AS 'io.flashsale.udfs.DeviationRatio' LANGUAGE JAVA USING JAR 'udfs/target/flashsale-udfs.jar';
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS DISCOUNT_DEPTH AS 'io.flashsale.udfs.DiscountDepth' LANGUAGE JAVA USING JAR 'udfs/target/flashsale-udfs.jar';
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS DISCOUNT_TIER AS 'io.flashsale.udfs.DiscountTier' LANGUAGE JAVA USING JAR 'udfs/target/flashsale-udfs.jar';
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS IS_SPIKE AS 'io.flashsale.udfs.IsSpike' LANGUAGE JAVA USING JAR 'udfs/target/flashsale-udfs.jar';
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS MARGIN AS 'io.flashsale.udfs.Margin' LANGUAGE JAVA USING JAR 'udfs/target/flashsale-udfs.jar';
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS SELL_THROUGH AS 'io.flashsale.udfs.SellThrough' LANGUAGE JAVA USING JAR 'udfs/target/flashsale-udfs.jar';
