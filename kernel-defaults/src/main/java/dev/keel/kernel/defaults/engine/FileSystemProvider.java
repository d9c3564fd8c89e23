package dev.keel.kernel.defaults.engine;

import dev.keel.kernel.annotations.Evolving;
import dev.keel.kernel.engine.FileSystemClient;
import java.util.Map;
import java.util.Set;

/**
 * Supplies the {@link FileSystemClient} of some URI schemes to {@link DefaultEngine}, which finds
 * providers with {@link java.util.ServiceLoader} (a {@code
 * META-INF/services/dev.keel.kernel.defaults.engine.FileSystemProvider} file naming the class) and
 * routes paths of their schemes to them instead of Hadoop. Keel's S3 module ({@code keel-s3},
 * schemes {@code s3} and {@code s3a}) is one: putting its jar on the class path is all it takes.
 *
 * <p>An implementation needs a public no-argument constructor.
 */
@Evolving
public interface FileSystemProvider {
  /**
   * @return the URI schemes this provider serves, in lower case (for example {@code s3})
   */
  Set<String> getSchemes();

  /**
   * Creates the client for this provider's schemes; an engine calls it once, on the first path of
   * one of them, and closes the client with itself when it is {@link AutoCloseable}.
   *
   * @param options the engine's file system options ({@link
   *     DefaultEngine.Builder#fileSystemOption}); a provider documents the keys it reads
   * @return the client
   * @throws IllegalArgumentException if an option's value is invalid
   */
  FileSystemClient create(Map<String, String> options);
}
