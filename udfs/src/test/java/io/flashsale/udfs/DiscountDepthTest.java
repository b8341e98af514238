package io.flashsale.udfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DiscountDepthTest {

  private final DiscountDepth discountDepth = new DiscountDepth();

  @Test
  void shouldBeTheShareKnockedOffTheListPrice() {
    assertThat(discountDepth.eval(price("80.00"), price("100.00"))).isEqualTo(0.2);
    assertThat(discountDepth.eval(price("19.99"), price("39.98"))).isEqualTo(0.5);
    assertThat(discountDepth.eval(price("100.00"), price("100.00"))).isZero();
    assertThat(discountDepth.eval(price("0.00"), price("100.00"))).isEqualTo(1.0);
    assertThat(discountDepth.eval(price("80"), price("100.00"))).isEqualTo(0.2);
  }

  @Test
  void shouldClampAMarkupToNoneAndANegativePriceToAll() {
    assertThat(discountDepth.eval(price("120.00"), price("100.00"))).isZero();
    assertThat(discountDepth.eval(price("-5.00"), price("100.00"))).isEqualTo(1.0);
  }

  @Test
  void shouldBeNullWithoutBothPricesOrAListPrice() {
    assertThat(discountDepth.eval(null, price("100.00"))).isNull();
    assertThat(discountDepth.eval(price("80.00"), null)).isNull();
    assertThat(discountDepth.eval(price("80.00"), price("0.00"))).isNull();
    assertThat(discountDepth.eval(price("80.00"), price("-100.00"))).isNull();
  }

  @Test
  void shouldTakeDoublesTheSameWay() {
    assertThat(discountDepth.eval(75.0, 100.0)).isEqualTo(0.25);
    assertThat(discountDepth.eval(120.0, 100.0)).isZero();
    assertThat(discountDepth.eval(-5.0, 100.0)).isEqualTo(1.0);
    assertThat(discountDepth.eval(null, 100.0)).isNull();
    assertThat(discountDepth.eval(75.0, null)).isNull();
    assertThat(discountDepth.eval(75.0, 0.0)).isNull();
    assertThat(discountDepth.eval(75.0, -1.0)).isNull();
  }

  @Test
  void shouldKeepACentOffAHugePriceApartFromNothing() {
    assertThat(discountDepth.eval(price("99999999.98"), price("99999999.99")))
        .isPositive()
        .isLessThan(1e-9);
    assertThat(discountDepth.eval(price("0.01"), price("99999999.99")))
        .isLessThan(1.0)
        .isGreaterThan(0.999999999);
  }

  private static BigDecimal price(String value) {
    return new BigDecimal(value);
  }
}
