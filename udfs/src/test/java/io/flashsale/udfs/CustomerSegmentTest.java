package io.flashsale.udfs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CustomerSegmentTest {

  private final CustomerSegment customerSegment = new CustomerSegment();

  @Test
  void shouldCallACustomerWithoutOrdersNewHoweverLongAgo() {
    assertThat(customerSegment.eval(null, 10L)).isEqualTo("new");
    assertThat(customerSegment.eval(0L, 10L)).isEqualTo("new");
    assertThat(customerSegment.eval(0L, 400L)).isEqualTo("new");
    assertThat(customerSegment.eval(null, null)).isEqualTo("new");
    assertThat(customerSegment.eval(-1L, 10L)).isEqualTo("new");
  }

  @Test
  void shouldCallACustomerLapsedAfterMoreThanNinetyDays() {
    assertThat(customerSegment.eval(1L, 91L)).isEqualTo("lapsed");
    assertThat(customerSegment.eval(10L, 91L)).isEqualTo("lapsed");
    assertThat(customerSegment.eval(10L, 90L)).isEqualTo("loyal");
    assertThat(customerSegment.eval(1L, 90L)).isEqualTo("occasional");
  }

  @Test
  void shouldCallACustomerLoyalFromThreeOrders() {
    assertThat(customerSegment.eval(3L, 10L)).isEqualTo("loyal");
    assertThat(customerSegment.eval(2L, 10L)).isEqualTo("occasional");
    assertThat(customerSegment.eval(1L, 0L)).isEqualTo("occasional");
  }

  @Test
  void shouldNotCallACustomerLapsedWithoutADayCount() {
    assertThat(customerSegment.eval(5L, null)).isEqualTo("loyal");
    assertThat(customerSegment.eval(1L, null)).isEqualTo("occasional");
    assertThat(customerSegment.eval(5L, null, 3L, 90L)).isEqualTo("loyal");
  }

  @Test
  void shouldUseGivenThresholds() {
    assertThat(customerSegment.eval(5L, 31L, 5L, 30L)).isEqualTo("lapsed");
    assertThat(customerSegment.eval(5L, 30L, 5L, 30L)).isEqualTo("loyal");
    assertThat(customerSegment.eval(4L, 30L, 5L, 30L)).isEqualTo("occasional");
    assertThat(customerSegment.eval(0L, 31L, 5L, 30L)).isEqualTo("new");
    assertThat(customerSegment.eval(1L, 0L, 1L, 0L)).isEqualTo("loyal");
  }

  @Test
  void shouldBeNullWithoutAThreshold() {
    assertThat(customerSegment.eval(5L, 10L, null, 90L)).isNull();
    assertThat(customerSegment.eval(5L, 10L, 3L, null)).isNull();
    assertThat(customerSegment.eval(null, 10L, null, 90L)).isNull();
  }

  @Test
  void shouldTreatAFutureOrHugeDayCountPlainly() {
    assertThat(customerSegment.eval(5L, -3L)).isEqualTo("loyal");
    assertThat(customerSegment.eval(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo("lapsed");
    assertThat(customerSegment.eval(Long.MAX_VALUE, 0L)).isEqualTo("loyal");
  }
}
