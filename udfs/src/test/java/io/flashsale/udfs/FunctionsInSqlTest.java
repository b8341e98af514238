package io.flashsale.udfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every function called through SQL on a real Flink planner: proves that the types SQL passes
 * (BIGINT and INT columns, INT and DECIMAL literals, {@code DECIMAL(10, 2)} prices, typed NULLs)
 * find an {@code eval}, and that the right one answers.
 */
class FunctionsInSqlTest {

  private static TableEnvironment tableEnv;

  @BeforeAll
  static void registerEveryFunction() {
    tableEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
    Functions.ALL.forEach(tableEnv::createTemporarySystemFunction);
  }

  @Test
  void shouldDeclareTheResultTypesSqlSees() {
    List<DataType> types =
        tableEnv
            .sqlQuery(
                "SELECT CUSTOMER_SEGMENT(3, 10), DEVIATION_RATIO(30, 20), DISCOUNT_DEPTH(80, 100),"
                    + " DISCOUNT_TIER('new', '*:5'), IS_SPIKE(3, 0, 3), MARGIN(12.5, 10),"
                    + " SELL_THROUGH(30, 120)")
            .getResolvedSchema()
            .getColumnDataTypes();

    assertThat(types)
        .containsExactly(
            DataTypes.STRING(),
            DataTypes.DOUBLE(),
            DataTypes.DOUBLE(),
            DataTypes.INT(),
            DataTypes.BOOLEAN(),
            DataTypes.DOUBLE(),
            DataTypes.DOUBLE());
  }

  @Test
  void deviationRatioShouldTakeBigintsDoublesAndIntLiterals() throws Exception {
    assertThat(
            rows(
                "SELECT id, DEVIATION_RATIO(a, e), DEVIATION_RATIO(CAST(a AS DOUBLE), e)"
                    + " FROM (VALUES (1, CAST(30 AS BIGINT), CAST(20 AS BIGINT)), (2, 10, 20),"
                    + " (3, 30, 0), (4, 30, -5), (5, CAST(NULL AS BIGINT), 20),"
                    + " (6, 30, CAST(NULL AS BIGINT))) AS t(id, a, e)"))
        .containsExactlyInAnyOrder(
            Row.of(1, 0.5, 0.5),
            Row.of(2, -0.5, -0.5),
            Row.of(3, null, null),
            Row.of(4, null, null),
            Row.of(5, null, null),
            Row.of(6, null, null));
    assertThat(rows("SELECT DEVIATION_RATIO(30, 20), DEVIATION_RATIO(1.5, 0.5)"))
        .containsExactly(Row.of(0.5, 2.0));
  }

  @Test
  void isSpikeShouldTakeIntAndDecimalFactorsAndAFloor() throws Exception {
    assertThat(
            rows(
                "SELECT id, IS_SPIKE(v, b, 3), IS_SPIKE(v, b, 3.0), IS_SPIKE(v, b, 3, 5),"
                    + " IS_SPIKE(v, b, CAST(NULL AS INT))"
                    + " FROM (VALUES (1, CAST(3 AS BIGINT), CAST(0 AS BIGINT)), (2, 1, 0),"
                    + " (3, 30, 10), (4, 29, 10), (5, 9, CAST(NULL AS BIGINT)),"
                    + " (6, CAST(NULL AS BIGINT), 10)) AS t(id, v, b)"))
        .containsExactlyInAnyOrder(
            Row.of(1, true, true, false, null),
            Row.of(2, false, false, false, null),
            Row.of(3, true, true, true, null),
            Row.of(4, false, false, false, null),
            Row.of(5, false, false, false, null),
            Row.of(6, null, null, null, null));
  }

  @Test
  void isSpikeShouldTakeDoubleValuesAndBaselines() throws Exception {
    assertThat(
            rows(
                "SELECT id, IS_SPIKE(v, b, 3), IS_SPIKE(CAST(v AS BIGINT), b, 3)"
                    + " FROM (VALUES (1, CAST(7.5 AS DOUBLE), CAST(2.5 AS DOUBLE)),"
                    + " (2, 7.0, 2.5), (3, 8.0, 2.5)) AS t(id, v, b)"))
        .containsExactlyInAnyOrder(
            Row.of(1, true, false), Row.of(2, false, false), Row.of(3, true, true));
  }

  @Test
  void discountTierShouldLookUpTheSegmentInTheTiers() throws Exception {
    assertThat(
            rows(
                "SELECT id, DISCOUNT_TIER(s, 'loyal:15, lapsed:25, new:10, *:5'),"
                    + " DISCOUNT_TIER(s, 'loyal:15'), DISCOUNT_TIER(s, CAST(NULL AS STRING))"
                    + " FROM (VALUES (1, CAST('loyal' AS STRING)), (2, 'LAPSED'), (3, 'new'),"
                    + " (4, 'occasional'), (5, CAST(NULL AS STRING))) AS t(id, s)"))
        .containsExactlyInAnyOrder(
            Row.of(1, 15, 15, null),
            Row.of(2, 25, 0, null),
            Row.of(3, 10, 0, null),
            Row.of(4, 5, 0, null),
            Row.of(5, 5, 0, null));
  }

  @Test
  void discountTierShouldFailTheQueryOnMalformedTiers() {
    assertThatThrownBy(
            () ->
                rows(
                    "SELECT DISCOUNT_TIER(s, 'loyal:15,lapsed25')"
                        + " FROM (VALUES (CAST('loyal' AS STRING))) AS t(s)"))
        .hasStackTraceContaining("bad entry 'lapsed25'");
  }

  @Test
  void customerSegmentShouldTakeBigintsAndIntThresholds() throws Exception {
    assertThat(
            rows(
                "SELECT id, CUSTOMER_SEGMENT(o, d), CUSTOMER_SEGMENT(o, d, 5, 30)"
                    + " FROM (VALUES (1, CAST(0 AS BIGINT), CAST(10 AS BIGINT)),"
                    + " (2, CAST(NULL AS BIGINT), 10), (3, 5, 91), (4, 5, 90), (5, 3, 10),"
                    + " (6, 2, 10), (7, 5, CAST(NULL AS BIGINT)), (8, 4, 31), (9, 5, 30))"
                    + " AS t(id, o, d)"))
        .containsExactlyInAnyOrder(
            Row.of(1, "new", "new"),
            Row.of(2, "new", "new"),
            Row.of(3, "lapsed", "lapsed"),
            Row.of(4, "loyal", "lapsed"),
            Row.of(5, "loyal", "occasional"),
            Row.of(6, "occasional", "occasional"),
            Row.of(7, "loyal", "loyal"),
            Row.of(8, "loyal", "lapsed"),
            Row.of(9, "loyal", "loyal"));
    assertThat(
            rows("SELECT CUSTOMER_SEGMENT(1, 200), CUSTOMER_SEGMENT(3, 10, 3, CAST(NULL AS INT))"))
        .containsExactly(Row.of("lapsed", null));
  }

  @Test
  void discountDepthAndMarginShouldWorkInDecimalOnDecimalPrices() throws Exception {
    // 80.00 off 100.00 is 0.2 only in decimal; cast to DOUBLE first it is 0.19999999999999996.
    assertThat(
            rows(
                "SELECT id, DISCOUNT_DEPTH(p, l), MARGIN(p, c)"
                    + " FROM (VALUES"
                    + " (1, CAST(80.00 AS DECIMAL(10, 2)), CAST(100.00 AS DECIMAL(10, 2)),"
                    + " CAST(60.00 AS DECIMAL(10, 2))),"
                    + " (2, 12.50, 12.50, 10.00), (3, 120.00, 100.00, 150.00),"
                    + " (4, 0.00, 100.00, 5.00), (5, CAST(NULL AS DECIMAL(10, 2)), 100.00, 60.00),"
                    + " (6, 80.00, CAST(NULL AS DECIMAL(10, 2)), CAST(NULL AS DECIMAL(10, 2))),"
                    + " (7, 80.00, 0.00, 90.00)) AS t(id, p, l, c)"))
        .containsExactlyInAnyOrder(
            Row.of(1, 0.2, 0.25),
            Row.of(2, 0.0, 0.2),
            Row.of(3, 0.0, -0.25),
            Row.of(4, 1.0, null),
            Row.of(5, null, null),
            Row.of(6, null, null),
            Row.of(7, null, -0.125));
  }

  @Test
  void discountDepthAndMarginShouldTakeIntLiteralsWidePricesAndDoubles() throws Exception {
    assertThat(
            rows(
                "SELECT DISCOUNT_DEPTH(CAST(80.00 AS DECIMAL(10, 2)), 100),"
                    + " DISCOUNT_DEPTH(CAST(80 AS DECIMAL(38, 18)), CAST(100 AS DECIMAL(38, 18))),"
                    + " DISCOUNT_DEPTH(CAST(75 AS DOUBLE), CAST(100 AS DOUBLE)),"
                    + " MARGIN(CAST(12.5 AS DOUBLE), 10),"
                    + " MARGIN(CAST(8 AS DOUBLE), CAST(10.00 AS DECIMAL(10, 2))),"
                    + " DISCOUNT_DEPTH(CAST(NULL AS DOUBLE), 100)"))
        .containsExactly(Row.of(0.2, 0.2, 0.25, 0.2, -0.25, null));
  }

  @Test
  void sellThroughShouldTakeBigintsAndIntLiterals() throws Exception {
    assertThat(
            rows(
                "SELECT id, SELL_THROUGH(s, r) FROM (VALUES (1, CAST(30 AS BIGINT),"
                    + " CAST(120 AS BIGINT)), (2, 130, 120), (3, 30, 0),"
                    + " (4, CAST(NULL AS BIGINT), 120)) AS t(id, s, r)"))
        .containsExactlyInAnyOrder(
            Row.of(1, 0.25), Row.of(2, 1.0), Row.of(3, null), Row.of(4, null));
  }

  private static List<Row> rows(String query) throws Exception {
    return SqlRows.of(tableEnv, query);
  }
}
