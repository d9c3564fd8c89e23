package dev.keel.connectors.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestKeelSplitSerializer {
  /** A scan state longer than 64 KiB (DataOutput.writeUTF's limit) and not ASCII. */
  private static final String STATE = "{\"schema\":\"" + "é".repeat(40_000) + "\"}";

  @Test
  void splitsRoundTripWithTheirProgress() throws IOException {
    KeelSplit split =
        new KeelSplit("3:part-0.parquet", STATE, "{\"path\":\"part-0.parquet\"}", 0)
            .withRowsEmitted(1234);
    KeelSplitSerializer s = KeelSplitSerializer.INSTANCE;
    KeelSplit back = s.deserialize(s.getVersion(), s.serialize(split));
    assertThat(back).isEqualTo(split);
    assertThat(back.rowsEmitted()).isEqualTo(1234);
    assertThat(back.scanState()).isEqualTo(STATE);
    assertThatThrownBy(() -> s.deserialize(2, s.serialize(split)))
        .isInstanceOf(IOException.class)
        .hasMessage("Cannot read a Keel split of serializer version 2; this Keel reads 1");
  }

  @Test
  void enumeratorStateRoundTrips() throws IOException {
    KeelEnumeratorState state =
        new KeelEnumeratorState(
            true,
            List.of(
                new KeelSplit("0:a", STATE, "{}", 0), new KeelSplit("1:b", "{}", "{\"x\":1}", 7)));
    KeelEnumeratorState.Serializer s = KeelEnumeratorState.Serializer.INSTANCE;
    KeelEnumeratorState back = s.deserialize(1, s.serialize(state));
    assertThat(back.planned()).isTrue();
    assertThat(back.pending()).isEqualTo(state.pending());
    assertThatThrownBy(() -> s.deserialize(3, s.serialize(state)))
        .isInstanceOf(IOException.class)
        .hasMessage("Cannot read a Keel enumerator checkpoint of version 3; this Keel reads 1");
  }
}
