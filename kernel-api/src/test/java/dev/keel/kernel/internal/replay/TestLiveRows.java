package dev.keel.kernel.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.engine.Engine;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestLiveRows {
  @Test
  void readsBackEveryFilesSelectionsWhateverTheBatchSizes() {
    Random random = new Random(3);
    boolean[] a = new boolean[1000];
    boolean[] b = new boolean[70];
    for (int i = 0; i < a.length; i++) {
      a[i] = random.nextBoolean();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = random.nextInt(5) == 0;
    }
    LiveRows.Builder builder = new LiveRows.Builder(null);
    // batches of the two files interleaved, cut at other places than they are read back
    int[] cutsA = {0, 50, 63, 64, 65, 400, 1000};
    builder.record("b", Arrays.copyOfRange(b, 0, 30), 30);
    for (int k = 0; k + 1 < cutsA.length; k++) {
      builder.record("a", Arrays.copyOfRange(a, cutsA[k], cutsA[k + 1]), cutsA[k + 1] - cutsA[k]);
    }
    builder.record("b", Arrays.copyOfRange(b, 30, 70), 40);
    LiveRows rows = builder.build();

    LiveRows.Cursor cursor = rows.cursor();
    boolean[] got = new boolean[1000];
    boolean[] batch = new boolean[128];
    for (int from = 0; from < a.length; from += 128) {
      int n = Math.min(128, a.length - from);
      cursor.next("a", batch, n);
      System.arraycopy(batch, 0, got, from, n);
    }
    assertThat(got).isEqualTo(a);
    boolean[] gotB = new boolean[70];
    cursor.next("b", gotB, 70);
    assertThat(gotB).isEqualTo(b);
    assertThat(rows.estimatedBytes()).isGreaterThan(1000 / 8);
  }

  @Test
  void refusesMoreRowsThanWereRecorded() {
    LiveRows.Builder builder = new LiveRows.Builder(null);
    builder.record("f.json", new boolean[] {true, false}, 2);
    LiveRows.Cursor cursor = builder.build().cursor();
    cursor.next("f.json", new boolean[2], 2);
    assertThatThrownBy(() -> cursor.next("f.json", new boolean[1], 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Log file f.json has more rows (at least 3) than when this snapshot's files were first listed (2);"
                + " a log file must never change once written.");
    assertThatThrownBy(() -> cursor.next("g.json", new boolean[1], 1))
        .hasMessage(
            "Log file g.json has more rows (at least 1) than when this snapshot's files were first listed (0);"
                + " a log file must never change once written.");
  }

  /** An engine that is only ever compared, never called. */
  private static Engine engine() {
    return (Engine)
        Proxy.newProxyInstance(
            Engine.class.getClassLoader(),
            new Class<?>[] {Engine.class},
            (proxy, method, args) -> {
              if (method.getName().equals("equals")) {
                return proxy == args[0];
              }
              if (method.getName().equals("hashCode")) {
                return System.identityHashCode(proxy);
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  @Test
  void belongsToTheEngineThatMadeIt() {
    Engine engine = engine();
    LiveRows rows = new LiveRows.Builder(engine).build();
    assertThat(rows.isFor(engine)).isTrue();
    assertThat(rows.isFor(engine())).isFalse();
  }
}
