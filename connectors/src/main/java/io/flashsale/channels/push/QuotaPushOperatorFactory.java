package io.flashsale.channels.push;

import io.flashsale.kafka.Outbound;
import org.apache.flink.streaming.api.operators.AbstractStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;

/** Creates the {@link QuotaPushOperator}, handing it the task's mailbox. */
public final class QuotaPushOperatorFactory extends AbstractStreamOperatorFactory<Outbound>
    implements OneInputStreamOperatorFactory<QuotaPush, Outbound> {

  private final QuotaPushConfig config;

  public QuotaPushOperatorFactory(QuotaPushConfig config) {
    this.config = config;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends StreamOperator<Outbound>> T createStreamOperator(
      StreamOperatorParameters<Outbound> parameters) {
    return (T) new QuotaPushOperator(parameters, config);
  }

  @Override
  public Class<? extends StreamOperator<?>> getStreamOperatorClass(ClassLoader classLoader) {
    return QuotaPushOperator.class;
  }
}
