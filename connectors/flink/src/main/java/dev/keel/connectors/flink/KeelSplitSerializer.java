package dev.keel.connectors.flink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** {@link KeelSplit}s in checkpoints and on the wire: version 1, strings as UTF-8 of any length. */
final class KeelSplitSerializer implements SimpleVersionedSerializer<KeelSplit> {
  static final KeelSplitSerializer INSTANCE = new KeelSplitSerializer();

  @Override
  public int getVersion() {
    return 1;
  }

  @Override
  public byte[] serialize(KeelSplit split) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    write(split, out);
    return out.getCopyOfBuffer();
  }

  @Override
  public KeelSplit deserialize(int version, byte[] serialized) throws IOException {
    if (version != 1) {
      throw new IOException(
          "Cannot read a Keel split of serializer version " + version + "; this Keel reads 1");
    }
    return read(new DataInputDeserializer(serialized));
  }

  static void write(KeelSplit split, DataOutputView out) throws IOException {
    string(split.splitId(), out);
    string(split.scanState(), out);
    string(split.scanFile(), out);
    out.writeLong(split.rowsEmitted());
  }

  static KeelSplit read(DataInputView in) throws IOException {
    return new KeelSplit(string(in), string(in), string(in), in.readLong());
  }

  static void string(String s, DataOutputView out) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static String string(DataInputView in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
