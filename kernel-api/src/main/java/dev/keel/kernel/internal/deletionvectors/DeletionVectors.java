package dev.keel.kernel.internal.deletionvectors;

import dev.keel.kernel.data.Row;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.internal.Errors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Loads the deletion vector a file's descriptor points to (PROTOCOL.md, "Deletion Vector
 * Descriptor Schema"): inline ({@code i}, Z85 bytes in the log), relative ({@code u}, a random
 * prefix then a Z85-encoded UUID naming {@code <prefix>/deletion_vector_<uuid>.bin} under the
 * table) or absolute ({@code p}, a path). Files hold, at {@code offset}, a big-endian size, the
 * bitmap and its CRC-32, which is checked.
 */
public final class DeletionVectors {
  private DeletionVectors() {}

  /** The absolute path of a {@code u} or {@code p} deletion vector file. */
  public static String filePath(String tablePath, String storageType, String pathOrInlineDv) {
    if ("p".equals(storageType)) {
      return pathOrInlineDv;
    }
    int prefixLength = pathOrInlineDv.length() - 20;
    if (prefixLength < 0) {
      throw new IllegalArgumentException("a relative deletion vector id needs 20 Z85 characters: " + pathOrInlineDv);
    }
    UUID id = Z85.decodeUuid(pathOrInlineDv.substring(prefixLength));
    String prefix = pathOrInlineDv.substring(0, prefixLength);
    return tablePath + "/" + (prefix.isEmpty() ? "" : prefix + "/") + "deletion_vector_" + id + ".bin";
  }

  /**
   * @param dv a row of the deletion vector descriptor schema
   * @param dataFile the data file it belongs to, for messages
   */
  public static RoaringBitmapArray load(Engine engine, String tablePath, Row dv, String dataFile) {
    String storageType = dv.getString(0);
    String pathOrInline = dv.getString(1);
    int size = dv.getInt(3);
    long cardinality = dv.getLong(4);
    String source = "(inline)";
    try {
      byte[] bitmap;
      if ("i".equals(storageType)) {
        byte[] decoded = Z85.decode(pathOrInline);
        bitmap = java.util.Arrays.copyOf(decoded, size);
      } else if ("u".equals(storageType) || "p".equals(storageType)) {
        source = filePath(tablePath, storageType, pathOrInline);
        int offset = dv.isNullAt(2) ? 1 : dv.getInt(2);
        byte[] framed = engine.getFileSystemClient().readRange(source, offset, size + 8);
        ByteBuffer b = ByteBuffer.wrap(framed);
        int storedSize = b.getInt();
        if (storedSize != size) {
          throw new IllegalArgumentException("the file stores " + storedSize + " bytes at offset " + offset
              + " but the log says " + size);
        }
        bitmap = new byte[size];
        b.get(bitmap);
        int expectedCrc = b.getInt();
        CRC32 crc = new CRC32();
        crc.update(bitmap);
        if ((int) crc.getValue() != expectedCrc) {
          throw new IllegalArgumentException("checksum mismatch");
        }
      } else {
        throw new IllegalArgumentException("unknown storage type '" + storageType + "'");
      }
      RoaringBitmapArray result = RoaringBitmapArray.deserialize(bitmap);
      if (result.cardinality() != cardinality) {
        throw new IllegalArgumentException("it holds " + result.cardinality() + " rows but the log says " + cardinality);
      }
      return result;
    } catch (IOException e) {
      throw Errors.engineFailure("read the deletion vector of `" + dataFile + "` from", source, e);
    } catch (RuntimeException e) {
      throw Errors.invalidDeletionVector(dataFile, source, e);
    }
  }
}
