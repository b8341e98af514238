package io.flashsale.jdbc;

import io.flashsale.logging.LogEvent;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.jdbc.core.datastream.sink.committer.JdbcCommitable;
import org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriter;
import org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriterState;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link JdbcSink} whose writer, when closed with a batch it cannot write, neither waits for the
 * database nor throws, but logs the batch it leaves.
 *
 * <p>A task whose JDBC writer failed is closed, and the connector's writer then tries its batch
 * once more and throws when the database is still unreachable. Flink takes an exception thrown
 * while a failed or cancelled task cleans up as fatal and stops the whole TaskManager, with every
 * other job's tasks on it; and a task that takes minutes to clean up delays its job's restart, or
 * is deemed stuck. Nothing is lost by leaving the batch: at least once, a row counts as written
 * only when a checkpoint's flush succeeded, and what was still batched is read from Kafka again
 * after the restart. The job, its operators and its state are the same as with the plain sink.
 */
public final class SafelyClosingSink<T>
    implements Sink<T>, SupportsWriterState<T, JdbcWriterState>, SupportsCommitter<JdbcCommitable> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(SafelyClosingSink.class);

  private final JdbcSink<T> sink;
  // The one the sink's writer connects with: serialized with the sink, so still the same object.
  private final PatientConnectionProvider connections;
  private final String table;

  SafelyClosingSink(JdbcSink<T> sink, PatientConnectionProvider connections, String table) {
    this.sink = sink;
    this.connections = connections;
    this.table = table;
  }

  @Override
  public Writer<T> createWriter(WriterInitContext context) throws IOException {
    return new Writer<>(sink.createWriter(context), connections, table);
  }

  @Override
  public Writer<T> restoreWriter(WriterInitContext context, Collection<JdbcWriterState> state)
      throws IOException {
    return new Writer<>(sink.restoreWriter(context, state), connections, table);
  }

  @Override
  public SimpleVersionedSerializer<JdbcWriterState> getWriterStateSerializer() {
    return sink.getWriterStateSerializer();
  }

  @Override
  public Committer<JdbcCommitable> createCommitter(CommitterInitContext context)
      throws IOException {
    return sink.createCommitter(context);
  }

  @Override
  public SimpleVersionedSerializer<JdbcCommitable> getCommittableSerializer() {
    return sink.getCommittableSerializer();
  }

  /** The connector's writer, but for how it closes. */
  static final class Writer<T>
      implements StatefulSinkWriter<T, JdbcWriterState>, CommittingSinkWriter<T, JdbcCommitable> {

    private final JdbcWriter<T> writer;
    private final PatientConnectionProvider connections;
    private final String table;

    private Writer(JdbcWriter<T> writer, PatientConnectionProvider connections, String table) {
      this.writer = writer;
      this.connections = connections;
      this.table = table;
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
      writer.write(element, context);
    }

    @Override
    public void writeWatermark(Watermark watermark) throws IOException, InterruptedException {
      writer.writeWatermark(watermark);
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
      writer.flush(endOfInput);
    }

    @Override
    public List<JdbcWriterState> snapshotState(long checkpointId) throws IOException {
      return writer.snapshotState(checkpointId);
    }

    @Override
    public Collection<JdbcCommitable> prepareCommit() throws IOException, InterruptedException {
      return writer.prepareCommit();
    }

    @Override
    public void close() {
      connections.stopWaiting();
      try {
        writer.close();
      } catch (Exception e) {
        LOG.warn(
            LogEvent.of("postgres_batch_left")
                .with("table", table)
                .with("reason", e.getCause() == null ? e : e.getCause())
                .toString());
      }
    }
  }
}
