package dev.keel.connectors.flink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The data files of one checkpoint of a {@link KeelSink}, to be committed in one Keel transaction
 * recorded as {@code txn(appId, version)}; the version is the checkpoint id, so a committable
 * replayed after a failure is recognised as committed.
 *
 * @param appId the sink's application id
 * @param version the transaction version: the checkpoint id (one past the last one at end of input)
 * @param files the written files' {@code add} actions as JSON ({@code AddFile.toJson})
 */
record KeelCommittable(String appId, long version, List<String> files) {
  KeelCommittable {
    files = List.copyOf(files);
  }

  /** What one writer wrote for one checkpoint: its files' {@code add} actions as JSON. */
  record WriteResult(List<String> files) {
    WriteResult {
      files = List.copyOf(files);
    }
  }

  /** Committables in checkpoints: version 1, strings as UTF-8 of any length. */
  static final class Serializer implements SimpleVersionedSerializer<KeelCommittable> {
    static final Serializer INSTANCE = new Serializer();

    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(KeelCommittable c) throws IOException {
      DataOutputSerializer out = new DataOutputSerializer(1024);
      KeelSplitSerializer.string(c.appId, out);
      out.writeLong(c.version);
      writeFiles(c.files, out);
      return out.getCopyOfBuffer();
    }

    @Override
    public KeelCommittable deserialize(int version, byte[] serialized) throws IOException {
      checkVersion("committable", version);
      DataInputDeserializer in = new DataInputDeserializer(serialized);
      return new KeelCommittable(KeelSplitSerializer.string(in), in.readLong(), readFiles(in));
    }
  }

  /** Write results between the writers and the aggregator: version 1. */
  static final class WriteResultSerializer implements SimpleVersionedSerializer<WriteResult> {
    static final WriteResultSerializer INSTANCE = new WriteResultSerializer();

    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(WriteResult r) throws IOException {
      DataOutputSerializer out = new DataOutputSerializer(1024);
      writeFiles(r.files, out);
      return out.getCopyOfBuffer();
    }

    @Override
    public WriteResult deserialize(int version, byte[] serialized) throws IOException {
      checkVersion("write result", version);
      return new WriteResult(readFiles(new DataInputDeserializer(serialized)));
    }
  }

  private static void checkVersion(String what, int version) throws IOException {
    if (version != 1) {
      throw new IOException(
          "Cannot read a Keel sink "
              + what
              + " of serializer version "
              + version
              + "; this Keel reads 1");
    }
  }

  private static void writeFiles(List<String> files, DataOutputSerializer out) throws IOException {
    out.writeInt(files.size());
    for (String f : files) {
      KeelSplitSerializer.string(f, out);
    }
  }

  private static List<String> readFiles(DataInputDeserializer in) throws IOException {
    int n = in.readInt();
    List<String> files = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      files.add(KeelSplitSerializer.string(in));
    }
    return files;
  }
}
