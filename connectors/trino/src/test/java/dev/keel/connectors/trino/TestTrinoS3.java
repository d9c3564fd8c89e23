package dev.keel.connectors.trino;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.connectors.s3.testing.S3ProxyServer;
import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import io.trino.testing.DistributedQueryRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables on S3 (an S3 API server on a loopback port) through Trino's own S3 file system, configured
 * by the catalog's {@code fs.s3.*} properties: created, inserted into, deleted from and read by
 * Trino, and read back by Keel's own S3 client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestTrinoS3 {
  private S3ProxyServer s3;
  private DistributedQueryRunner trino;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    s3 = S3ProxyServer.start(dir);
    s3.createBucket("lake");
    trino =
        KeelQueryRunner.create(
            Map.of(
                "keel.root", "s3://lake/root",
                "fs.s3.enabled", "true",
                "s3.endpoint", s3.endpoint(),
                "s3.region", "us-east-1",
                "s3.path-style-access", "true",
                "s3.aws-access-key", S3ProxyServer.ACCESS_KEY,
                "s3.aws-secret-key", S3ProxyServer.SECRET_KEY));
  }

  @AfterAll
  void stop() {
    if (trino != null) {
      trino.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  private List<Object> column(String sql) {
    return KeelQueryRunner.column(trino, sql);
  }

  @Test
  void writesAndReadsTablesOnS3() {
    trino.execute(
        "CREATE TABLE keel.sales.nations WITH (partitioned_by = ARRAY['region']) AS"
            + " SELECT nationkey, name, regionkey AS region FROM tpch.tiny.nation");
    assertThat(column("SHOW TABLES FROM keel.sales")).containsExactly("nations");
    trino.execute("INSERT INTO keel.sales.nations VALUES (100, 'ATLANTIS', 9)");
    trino.execute("DELETE FROM keel.sales.nations WHERE nationkey < 10");
    assertThat(column("SELECT count(*) FROM keel.sales.nations")).containsExactly(16L);
    assertThat(column("SELECT name FROM keel.sales.nations WHERE region = 9"))
        .containsExactly("ATLANTIS");
    assertThat(column("SELECT count(*) FROM keel.sales.nations FOR VERSION AS OF 0"))
        .containsExactly(25L);
    try (DefaultEngine engine =
        DefaultEngine.builder().fileSystemOption("keel.s3.endpoint", s3.endpoint()).build()) {
      assertThat(
              TestBatches.canonicalRows(
                  engine,
                  Table.forPath(engine, "s3://lake/root/sales/nations").getLatestSnapshot(engine)))
          .hasSize(16)
          .contains("{\"name\":\"ATLANTIS\",\"nationkey\":100,\"region\":9}");
    }
  }
}
