package io.flashsale.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.kafka.Inbound;
import io.flashsale.kafka.Outbound;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every event travels through Flink as a POJO: never as a Kryo-serialized generic type. */
class EventTypesTest {

  static Stream<TypeInformation<?>> contractTypes() {
    return Stream.of(
        TypeInformation.of(StockMovement.class),
        TypeInformation.of(CartEvent.class),
        TypeInformation.of(MarketplaceOrder.class),
        TypeInformation.of(SaleEvent.class),
        TypeInformation.of(DemandForecast.class),
        TypeInformation.of(ChannelAck.class),
        TypeInformation.of(Decision.class),
        TypeInformation.of(Position.class),
        TypeInformation.of(ChannelQuota.class),
        TypeInformation.of(FraudAlert.class),
        TypeInformation.of(OversellIncident.class),
        TypeInformation.of(DeadLetter.class),
        TypeInformation.of(AllocationOverride.class),
        TypeInformation.of(FbaRecommendation.class),
        TypeInformation.of(Outbound.class),
        TypeInformation.of(new TypeHint<Inbound<CartEvent>>() {}));
  }

  @ParameterizedTest
  @MethodSource("contractTypes")
  void shouldBeAPojoWithoutGenericFields(TypeInformation<?> type) {
    assertThat(type).isInstanceOf(PojoTypeInfo.class);
    PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) type;
    for (int i = 0; i < pojo.getArity(); i++) {
      assertThat(pojo.getTypeAt(i))
          .as(
              "%s.%s",
              type.getTypeClass().getSimpleName(), pojo.getPojoFieldAt(i).getField().getName())
          .isNotInstanceOf(GenericTypeInfo.class);
    }
  }
}
