package io.flashsale.udfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DiscountTierTest {

  private static final String TIERS = "loyal:15,lapsed:25,new:10,*:5";

  private final DiscountTier discountTier = new DiscountTier();

  @Test
  void shouldGiveTheSegmentsOwnPercent() {
    assertThat(discountTier.eval("loyal", TIERS)).isEqualTo(15);
    assertThat(discountTier.eval("lapsed", TIERS)).isEqualTo(25);
    assertThat(discountTier.eval("new", TIERS)).isEqualTo(10);
  }

  @Test
  void shouldGiveAnyOtherSegmentTheStarPercentElseZero() {
    assertThat(discountTier.eval("occasional", TIERS)).isEqualTo(5);
    assertThat(discountTier.eval("occasional", "loyal:15")).isZero();
  }

  @Test
  void shouldGiveANullSegmentTheStarPercentElseZero() {
    assertThat(discountTier.eval(null, TIERS)).isEqualTo(5);
    assertThat(discountTier.eval(null, "loyal:15")).isZero();
  }

  @Test
  void shouldBeNullWithoutTiers() {
    assertThat(discountTier.eval("loyal", null)).isNull();
    assertThat(discountTier.eval(null, null)).isNull();
  }

  @Test
  void shouldMatchSegmentNamesWhateverTheirCase() {
    assertThat(discountTier.eval("LOYAL", TIERS)).isEqualTo(15);
    assertThat(discountTier.eval("loyal", "Loyal:15,*:5")).isEqualTo(15);
  }

  @Test
  void shouldAllowWhitespaceAroundNamesAndNumbers() {
    String spaced = " loyal : 15 ,\tlapsed:25 , * :5 ";
    assertThat(discountTier.eval("loyal", spaced)).isEqualTo(15);
    assertThat(discountTier.eval("lapsed", spaced)).isEqualTo(25);
    assertThat(discountTier.eval("new", spaced)).isEqualTo(5);
  }

  @Test
  void shouldAcceptTheEdgesNoneAndAll() {
    assertThat(discountTier.eval("loyal", "loyal:100,*:0")).isEqualTo(100);
    assertThat(discountTier.eval("new", "loyal:100,*:0")).isZero();
  }

  @Test
  void shouldKeepEachTiersStringApartOnOneInstance() {
    assertThat(discountTier.eval("loyal", "loyal:15")).isEqualTo(15);
    assertThat(discountTier.eval("loyal", "loyal:20")).isEqualTo(20);
    assertThat(discountTier.eval("loyal", "loyal:15")).isEqualTo(15);
    // More strings than the cache holds: evicted ones are parsed again, not mixed up.
    for (int percent = 0; percent <= 40; percent++) {
      assertThat(discountTier.eval("loyal", "loyal:" + percent)).isEqualTo(percent);
    }
    assertThat(discountTier.eval("loyal", "loyal:0")).isZero();
  }

  @Test
  void shouldRejectAnEntryWithoutAColon() {
    assertThatThrownBy(() -> discountTier.eval("loyal", "loyal:15,lapsed25,*:5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'lapsed25'")
        .hasMessageContaining("no colon");
  }

  @Test
  void shouldRejectEmptyEntries() {
    assertThatThrownBy(() -> discountTier.eval("loyal", "loyal:15,"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad entry ''")
        .hasMessageContaining("no colon");
    assertThatThrownBy(() -> discountTier.eval("loyal", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad entry ''");
  }

  @Test
  void shouldRejectAnEntryWithoutASegmentName() {
    assertThatThrownBy(() -> discountTier.eval("loyal", "loyal:15, :5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("':5'")
        .hasMessageContaining("no segment name");
  }

  @Test
  void shouldRejectAPercentThatIsNotAnInteger() {
    assertThatThrownBy(() -> discountTier.eval("loyal", "loyal:ten"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'loyal:ten'")
        .hasMessageContaining("not an integer");
    assertThatThrownBy(() -> discountTier.eval("loyal", "loyal:12.5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'loyal:12.5'");
    assertThatThrownBy(() -> discountTier.eval("loyal", "loyal:15%"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'loyal:15%'");
    assertThatThrownBy(() -> discountTier.eval("loyal", "loyal:"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'loyal:'");
    assertThatThrownBy(() -> discountTier.eval("loyal", "loyal:1:5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'loyal:1:5'");
  }

  @Test
  void shouldRejectAPercentOutsideZeroToHundred() {
    assertThatThrownBy(() -> discountTier.eval("loyal", "loyal:101"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'loyal:101'")
        .hasMessageContaining("outside 0..100");
    assertThatThrownBy(() -> discountTier.eval("loyal", "loyal:-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'loyal:-1'")
        .hasMessageContaining("outside 0..100");
  }

  @Test
  void shouldRejectASegmentNamedTwice() {
    assertThatThrownBy(() -> discountTier.eval("loyal", "loyal:15,new:10,LOYAL:20"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'LOYAL:20'")
        .hasMessageContaining("named twice");
    assertThatThrownBy(() -> discountTier.eval("loyal", "*:5,loyal:15,*:0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'*:0'")
        .hasMessageContaining("named twice");
  }

  @Test
  void shouldRejectMalformedTiersWhateverTheSegment() {
    // The configuration is wrong for every row, not just for the segments it would have matched.
    assertThatThrownBy(() -> discountTier.eval(null, "loyal:15,lapsed25"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'lapsed25'");
    assertThatThrownBy(() -> discountTier.eval("new", "loyal:150"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'loyal:150'");
  }

  @Test
  void shouldStillRejectMalformedTiersOnTheSecondCall() {
    assertThatThrownBy(() -> discountTier.eval("loyal", "loyal:ten"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> discountTier.eval("loyal", "loyal:ten"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'loyal:ten'");
  }
}
