package io.flashsale.udfs;

import static org.apache.flink.table.types.inference.InputTypeStrategies.explicit;
import static org.apache.flink.table.types.inference.InputTypeStrategies.logical;
import static org.apache.flink.table.types.inference.InputTypeStrategies.or;
import static org.apache.flink.table.types.inference.InputTypeStrategies.sequence;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * The SQL signature of a price ratio such as {@link DiscountDepth} and {@link Margin}: two DECIMALs
 * to {@code eval(BigDecimal, BigDecimal)}, else two DOUBLEs to {@code eval(Double, Double)}, and a
 * DOUBLE back.
 *
 * <p>Why not {@code @DataTypeHint("DECIMAL(38, 10)")} on the BigDecimal parameters: Flink tries the
 * extracted overloads in the order of their method strings, {@code eval(java.lang.Double, ...)}
 * first, so {@code DECIMAL(10, 2)} prices, which match neither exactly, were cast to DOUBLE and
 * 80.00 off 100.00 came out 0.19999999999999996. Spelled out here, any DECIMAL (or integer, cast to
 * a DECIMAL that holds it) goes to the decimal overload as it is, without a cast that could round
 * or overflow; anything with a FLOAT or DOUBLE in it goes to the double one.
 */
final class DecimalOrDoubleArguments {

  private DecimalOrDoubleArguments() {}

  static TypeInference returningDouble() {
    return TypeInference.newBuilder()
        .inputTypeStrategy(
            or(
                sequence(logical(LogicalTypeRoot.DECIMAL), logical(LogicalTypeRoot.DECIMAL)),
                sequence(explicit(DataTypes.DOUBLE()), explicit(DataTypes.DOUBLE()))))
        .outputTypeStrategy(TypeStrategies.explicit(DataTypes.DOUBLE()))
        .build();
  }
}
