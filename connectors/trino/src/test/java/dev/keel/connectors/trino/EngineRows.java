package dev.keel.connectors.trino;

import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.defaults.canonical.CanonicalJson;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.List;

/** What an engine handler read, as canonical JSON rows, for comparing two engines. */
final class EngineRows {
  private EngineRows() {}

  /** Every row of every batch, in order. Closes the iterator and each batch. */
  static List<String> of(CloseableIterator<FileReadResult> results) {
    List<String> out = new ArrayList<>();
    try (results) {
      while (results.hasNext()) {
        try (FileReadResult r = results.next()) {
          for (int i = 0; i < r.getData().getSize(); i++) {
            out.add(CanonicalJson.row(r.getData(), i));
          }
        }
      }
    }
    return out;
  }

  /** Every row of the batch, in order. Closes the batch. */
  static List<String> of(ColumnarBatch batch) {
    List<String> out = new ArrayList<>();
    try (batch) {
      for (int i = 0; i < batch.getSize(); i++) {
        out.add(CanonicalJson.row(batch, i));
      }
    }
    return out;
  }
}
