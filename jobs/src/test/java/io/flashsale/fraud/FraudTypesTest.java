package io.flashsale.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.fraud.patterns.BurstWindow;
import io.flashsale.fraud.patterns.RuleEvent;
import io.flashsale.fraud.scoring.Signal;
import io.flashsale.fraud.scoring.SubjectRisk;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the fraud job passes between operators and keeps in state is a POJO, never Kryo. */
class FraudTypesTest {

  static Stream<Class<?>> types() {
    return Stream.of(RuleEvent.class, Signal.class, SubjectRisk.class, BurstWindow.class);
  }

  @ParameterizedTest
  @MethodSource("types")
  void shouldBeAPojoWithoutGenericFields(Class<?> type) {
    TypeInformation<?> info = TypeInformation.of(type);
    assertThat(info).isInstanceOf(PojoTypeInfo.class);
    PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) info;
    for (int i = 0; i < pojo.getArity(); i++) {
      assertThat(pojo.getTypeAt(i))
          .as("%s.%s", type.getSimpleName(), pojo.getPojoFieldAt(i).getField().getName())
          .isNotInstanceOf(GenericTypeInfo.class);
    }
  }
}
