package io.flashsale.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The ledger's cost per cart event, through the real operator and its heap keyed state. A hold that
 * is granted is released right after, so the ledger's holds stay level however long a run lasts.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LedgerBenchmark {

  /** More than any run can hold at once: every hold request finds stock. */
  private static final int PLENTY = 1_000_000;

  private static final int MANY_SKUS = 10_000;

  /** One SKU that every request goes to, as in the first seconds of a drop. */
  @State(Scope.Thread)
  public static class HotSku {
    LedgerDriver ledger;
    long holds;

    @Setup(Level.Trial)
    public void open() throws Exception {
      ledger = new LedgerDriver();
      ledger.receive("SKU-HOT", PLENTY);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
      ledger.close();
    }
  }

  /** One SKU with a single unit left, asked for two at a time. */
  @State(Scope.Thread)
  public static class SoldOutSku {
    LedgerDriver ledger;
    long holds;

    @Setup(Level.Trial)
    public void open() throws Exception {
      ledger = new LedgerDriver();
      ledger.receive("SKU-LAST", 1);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
      ledger.close();
    }
  }

  /** A catalogue of SKUs, all stocked, visited in turn so that no key's state stays in cache. */
  @State(Scope.Thread)
  public static class ManySkus {
    final String[] skus = new String[MANY_SKUS];
    LedgerDriver ledger;
    long holds;

    @Setup(Level.Trial)
    public void open() throws Exception {
      ledger = new LedgerDriver();
      for (int i = 0; i < MANY_SKUS; i++) {
        skus[i] = String.format("SKU-%05d", i);
        ledger.receive(skus[i], PLENTY);
      }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
      ledger.close();
    }
  }

  /** Per event: a granted hold and its release. */
  @Benchmark
  @OperationsPerInvocation(2)
  public void grantAndReleaseOnOneSku(HotSku sku) throws Exception {
    String holdId = "hold-" + sku.holds++;
    sku.ledger.hold("SKU-HOT", holdId, 1);
    sku.ledger.release("SKU-HOT", holdId);
  }

  @Benchmark
  public void rejectForInsufficientStock(SoldOutSku sku) throws Exception {
    sku.ledger.hold("SKU-LAST", "hold-" + sku.holds++, 2);
  }

  /** Per event: a granted hold and its release, on the next of 10,000 SKUs. */
  @Benchmark
  @OperationsPerInvocation(2)
  public void grantAndReleaseAcrossSkus(ManySkus catalogue) throws Exception {
    long n = catalogue.holds++;
    String sku = catalogue.skus[(int) (n % MANY_SKUS)];
    String holdId = "hold-" + n;
    catalogue.ledger.hold(sku, holdId, 1);
    catalogue.ledger.release(sku, holdId);
  }
}
