package dev.keel.benchmarks.types;

import dev.keel.kernel.types.StructType;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Parsing and writing a 101-column schema string, as every snapshot load does once. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g", "-XX:+UseParallelGC"})
public class SchemaParseBenchmark {
  private String json;

  @Setup
  public void setup() {
    StringBuilder sb = new StringBuilder("{\"type\":\"struct\",\"fields\":[");
    for (int i = 0; i <= 100; i++) {
      if (i > 0) {
        sb.append(',');
      }
      String type = i % 3 == 0 ? "\"long\"" : i % 3 == 1 ? "\"string\"" : "\"decimal(10,2)\"";
      sb.append("{\"name\":\"col")
          .append(i)
          .append("\",\"type\":")
          .append(type)
          .append(",\"nullable\":true,\"metadata\":{\"delta.columnMapping.id\":")
          .append(i)
          .append(",\"delta.columnMapping.physicalName\":\"col-")
          .append(i)
          .append("\"}}");
    }
    json = sb.append("]}").toString();
  }

  @Benchmark
  public StructType parse() {
    return StructType.fromJson(json);
  }

  @Benchmark
  public String parseAndWrite() {
    return StructType.fromJson(json).toJson();
  }
}
