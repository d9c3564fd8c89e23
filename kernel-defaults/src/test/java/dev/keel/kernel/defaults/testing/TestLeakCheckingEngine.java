package dev.keel.kernel.defaults.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.engine.PredicateEvaluator;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.testing.LeakCheckingEngine;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leak check the write tests run after each test fails when something was left open. */
class TestLeakCheckingEngine {
  @TempDir Path dir;

  @Test
  void anEvaluatorLeftOpenFailsTheCheckUntilItIsClosed() {
    try (DefaultEngine defaults = DefaultEngine.create()) {
      LeakCheckingEngine engine = new LeakCheckingEngine(defaults);
      StructType schema =
          StructType.fromJson(
              "{\"type\":\"struct\",\"fields\":[{\"name\":\"x\",\"type\":\"long\","
                  + "\"nullable\":true,\"metadata\":{}}]}");
      PredicateEvaluator e =
          engine
              .getExpressionHandler()
              .getPredicateEvaluator(
                  schema, Expressions.greaterThan(Expressions.column("x"), Literal.ofLong(1)));
      assertThat(engine.openCount()).isEqualTo(1);
      assertThatThrownBy(engine::assertAllClosed)
          .isInstanceOf(AssertionError.class)
          .hasMessage(
              "1 resource(s) opened through the engine were not closed: [predicate evaluator of (x > 1)]");
      e.close();
      engine.assertAllClosed();
      assertThat(engine.openedCount()).isEqualTo(1);
    }
  }

  @Test
  void listingsAndStreamsAreTrackedToo() throws Exception {
    Files.writeString(dir.resolve("a.json"), "{}");
    try (DefaultEngine defaults = DefaultEngine.create()) {
      LeakCheckingEngine engine = new LeakCheckingEngine(defaults);
      CloseableIterator<FileStatus> listing =
          engine.getFileSystemClient().listFrom(dir.resolve("a").toString());
      var stream = engine.getFileSystemClient().open(dir.resolve("a.json").toString());
      assertThat(engine.openCount()).isEqualTo(2);
      listing.close();
      stream.close();
      engine.assertAllClosed();
    }
  }

  @Test
  void aBatchLeftOpenFailsTheCheck() throws Exception {
    Files.writeString(dir.resolve("b.json"), "{\"x\":1}\n");
    StructType schema =
        StructType.fromJson(
            "{\"type\":\"struct\",\"fields\":[{\"name\":\"x\",\"type\":\"long\","
                + "\"nullable\":true,\"metadata\":{}}]}");
    try (DefaultEngine defaults = DefaultEngine.create()) {
      LeakCheckingEngine engine = new LeakCheckingEngine(defaults);
      String path = dir.resolve("b.json").toString();
      var batch =
          engine
              .getJsonHandler()
              .readJsonFiles(
                  CloseableIterator.of(java.util.List.of(FileStatus.of(path, 8, 0))),
                  schema,
                  java.util.Optional.empty());
      var first = batch.next();
      batch.close();
      assertThatThrownBy(engine::assertAllClosed)
          .isInstanceOf(AssertionError.class)
          .hasMessage(
              "1 resource(s) opened through the engine were not closed: [JSON batch of "
                  + path
                  + "]");
      first.close();
      engine.assertAllClosed();
    }
  }
}
