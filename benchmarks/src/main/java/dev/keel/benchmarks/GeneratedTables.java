package dev.keel.benchmarks;

import dev.keel.kernel.Operation;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.internal.data.ObjectVector;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Helpers the benchmarks share to generate their tables under {@code java.io.tmpdir}. */
public final class GeneratedTables {
  private GeneratedTables() {}

  /** Deletes a directory and everything under it; nothing when it does not exist. */
  public static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(f);
      }
    }
  }

  /**
   * Appends one file of rows, given as JSON lines of {@code schema}, in one unpartitioned commit.
   */
  public static void appendJson(Engine engine, Path table, StructType schema, Object[] lines) {
    ColumnarBatch batch =
        engine
            .getJsonHandler()
            .parseJson(new ObjectVector(DataTypes.STRING, lines), schema, Optional.empty());
    Transaction t =
        Table.forPath(engine, table.toString())
            .createTransactionBuilder("keel-bench", Operation.WRITE)
            .build(engine);
    t.write(engine, Map.<String, Literal>of(), CloseableIterator.of(List.of(batch)));
    t.commit(engine);
  }

  /**
   * A table generated once under {@code java.io.tmpdir/keel-bench/name}: created with the schema
   * and properties, then one append per commit of the JSON lines {@code commit} gives; later calls
   * find it complete (a {@code _generated} marker) and return it as it is.
   *
   * @param commit the lines of commit {@code c}, for {@code c} from 0 to {@code commits - 1}
   * @return the table's directory
   */
  public static Path generateOnce(
      Engine engine,
      String name,
      StructType schema,
      Map<String, String> properties,
      int commits,
      java.util.function.IntFunction<Object[]> commit)
      throws IOException {
    Path dir = java.nio.file.Paths.get(System.getProperty("java.io.tmpdir"), "keel-bench", name);
    if (Files.exists(dir.resolve("_generated"))) {
      return dir;
    }
    deleteRecursively(dir);
    Table.forPath(engine, dir.toString())
        .createTransactionBuilder("keel-bench", Operation.CREATE_TABLE)
        .withSchema(schema)
        .withTableProperties(properties)
        .build(engine)
        .commit(engine);
    for (int c = 0; c < commits; c++) {
      appendJson(engine, dir, schema, commit.apply(c));
    }
    Files.writeString(dir.resolve("_generated"), "ok\n");
    return dir;
  }
}
