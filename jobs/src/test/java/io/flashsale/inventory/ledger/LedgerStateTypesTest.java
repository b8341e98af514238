package io.flashsale.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.inventory.LedgerEvent;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ledger's input and every value it keeps in state are POJOs, so checkpoints never use Kryo.
 */
class LedgerStateTypesTest {

  static Stream<Class<?>> stateTypes() {
    return Stream.of(
        LedgerEvent.class,
        SkuBalances.class,
        PoolBalance.class,
        ExpiryLane.class,
        Hold.class,
        HoldRef.class,
        Answer.class,
        OrderRecord.class,
        ParkedMovement.class,
        OrderAgenda.class,
        LedgerTotals.class);
  }

  @ParameterizedTest
  @MethodSource("stateTypes")
  void shouldBeAPojo(Class<?> type) {
    assertThat(TypeInformation.of(type)).isInstanceOf(PojoTypeInfo.class);
  }
}
