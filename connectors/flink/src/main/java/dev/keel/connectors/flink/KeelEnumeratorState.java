package dev.keel.connectors.flink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The enumerator's checkpoint: whether the table was planned, the splits not yet assigned to a
 * reader (assigned splits are in the readers' own state), and in continuous mode where the table's
 * stream continues ({@code StreamPosition} JSON, empty before the first step).
 */
public final class KeelEnumeratorState {
  private final boolean planned;
  private final List<KeelSplit> pending;
  private final String position;

  KeelEnumeratorState(boolean planned, List<KeelSplit> pending) {
    this(planned, pending, "");
  }

  KeelEnumeratorState(boolean planned, List<KeelSplit> pending, String position) {
    this.planned = planned;
    this.pending = List.copyOf(pending);
    this.position = position;
  }

  /** The continuous stream's next position as JSON, or empty. */
  String position() {
    return position;
  }

  boolean planned() {
    return planned;
  }

  List<KeelSplit> pending() {
    return pending;
  }

  /** Version 1: planned flag, count, splits, then the stream position (empty if none). */
  static final class Serializer implements SimpleVersionedSerializer<KeelEnumeratorState> {
    static final Serializer INSTANCE = new Serializer();

    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(KeelEnumeratorState state) throws IOException {
      DataOutputSerializer out = new DataOutputSerializer(1024);
      out.writeBoolean(state.planned);
      out.writeInt(state.pending.size());
      for (KeelSplit s : state.pending) {
        KeelSplitSerializer.write(s, out);
      }
      KeelSplitSerializer.string(state.position, out);
      return out.getCopyOfBuffer();
    }

    @Override
    public KeelEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
      if (version != 1) {
        throw new IOException(
            "Cannot read a Keel enumerator checkpoint of version "
                + version
                + "; this Keel reads 1");
      }
      DataInputDeserializer in = new DataInputDeserializer(serialized);
      boolean planned = in.readBoolean();
      int n = in.readInt();
      List<KeelSplit> pending = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        pending.add(KeelSplitSerializer.read(in));
      }
      return new KeelEnumeratorState(planned, pending, KeelSplitSerializer.string(in));
    }
  }
}
