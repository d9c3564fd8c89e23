package dev.keel.kernel.internal.deletionvectors;

import dev.keel.kernel.data.Row;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.internal.Errors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Loads the deletion vector a file's descriptor points to (PROTOCOL.md, "Deletion Vector Descriptor
 * Schema"): inline ({@code i}, Z85 bytes in the log), relative ({@code u}, a random prefix then a
 * Z85-encoded UUID naming {@code <prefix>/deletion_vector_<uuid>.bin} under the table) or absolute
 * ({@code p}, a path). Files hold, at {@code offset}, a big-endian size, the bitmap and its CRC-32,
 * which is checked.
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
      throw new IllegalArgumentException(
          "a relative deletion vector id needs 20 Z85 characters: " + pathOrInlineDv);
    }
    UUID id = Z85.decodeUuid(pathOrInlineDv.substring(prefixLength));
    String prefix = pathOrInlineDv.substring(0, prefixLength);
    if (dev.keel.kernel.internal.scan.DataFilePaths.escapesRoot(prefix)) {
      throw new IllegalArgumentException(
          "a relative deletion vector's prefix may not lead out of the table: " + pathOrInlineDv);
    }
    return tablePath
        + "/"
        + (prefix.isEmpty() ? "" : prefix + "/")
        + "deletion_vector_"
        + id
        + ".bin";
  }

  /**
   * Writes a deletion vector file {@code deletion_vector_<uuid>.bin} at the table root holding one
   * deletion vector: the format version byte 1, then at offset 1 the big-endian size, the bitmap
   * and its big-endian CRC-32.
   *
   * @return the descriptor ({@code storageType} {@code u}, Z85 id, offset, size, cardinality) as
   *     the fields of the {@code deletionVector} struct of an {@code add} action
   * @throws dev.keel.kernel.exceptions.EngineException if the file cannot be written
   */
  public static java.util.Map<String, Object> write(
      Engine engine, String tablePath, RoaringBitmapArray rows) {
    byte[] bitmap = rows.serialize();
    CRC32 crc = new CRC32();
    crc.update(bitmap);
    ByteBuffer file = ByteBuffer.allocate(1 + 4 + bitmap.length + 4);
    file.put((byte) 1).putInt(bitmap.length).put(bitmap).putInt((int) crc.getValue());
    UUID id = UUID.randomUUID();
    String encoded = Z85.encodeUuid(id);
    String path = filePath(tablePath, "u", encoded);
    try {
      engine.getFileSystemClient().write(path, file.array(), false);
    } catch (IOException e) {
      throw Errors.engineFailure("write the deletion vector", path, e);
    }
    java.util.Map<String, Object> descriptor = new java.util.LinkedHashMap<>();
    descriptor.put("storageType", "u");
    descriptor.put("pathOrInlineDv", encoded);
    descriptor.put("offset", 1L);
    descriptor.put("sizeInBytes", (long) bitmap.length);
    descriptor.put("cardinality", rows.cardinality());
    return descriptor;
  }

  /**
   * Bytes a bitmap may take per row it holds. The portable format needs at most 22 (a row in a
   * bucket of its own: bucket key, cookie, container count, container key and cardinality, offset,
   * value) plus 12 for the whole; a size far past that is a lie, refused before anything of that
   * size is read or allocated.
   */
  private static final int BYTES_PER_ROW_AT_MOST = 64;

  private static void checkSize(int size, long cardinality) {
    if (cardinality < 0) {
      throw new IllegalArgumentException("its cardinality " + cardinality + " is negative");
    }
    if (size < 0 || size > 64 + BYTES_PER_ROW_AT_MOST * cardinality) {
      throw new IllegalArgumentException(
          "its size of " + size + " bytes cannot hold " + cardinality + " rows");
    }
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
    String source = "i".equals(storageType) ? "inline" : "by the descriptor `" + pathOrInline + "`";
    try {
      checkSize(size, cardinality);
      byte[] bitmap;
      if ("i".equals(storageType)) {
        byte[] decoded = Z85.decode(pathOrInline);
        if (decoded.length < size) {
          throw new IllegalArgumentException(
              "it holds " + decoded.length + " bytes but the log says " + size);
        }
        bitmap = java.util.Arrays.copyOf(decoded, size);
      } else if ("u".equals(storageType) || "p".equals(storageType)) {
        source = filePath(tablePath, storageType, pathOrInline);
        int offset = dv.isNullAt(2) ? 1 : dv.getInt(2);
        if (offset < 0) {
          throw new IllegalArgumentException("its offset " + offset + " is negative");
        }
        byte[] framed = engine.getFileSystemClient().readRange(source, offset, size + 8);
        ByteBuffer b = ByteBuffer.wrap(framed);
        int storedSize = b.getInt();
        if (storedSize != size) {
          throw new IllegalArgumentException(
              "the file stores "
                  + storedSize
                  + " bytes at offset "
                  + offset
                  + " but the log says "
                  + size);
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
      RoaringBitmapArray result = RoaringBitmapArray.deserialize(bitmap, cardinality);
      if (result.cardinality() != cardinality) {
        throw new IllegalArgumentException(
            "it holds " + result.cardinality() + " rows but the log says " + cardinality);
      }
      return result;
    } catch (IOException e) {
      throw Errors.engineFailure("read the deletion vector of `" + dataFile + "` from", source, e);
    } catch (RuntimeException e) {
      throw Errors.invalidDeletionVector(dataFile, source, e);
    }
  }
}
