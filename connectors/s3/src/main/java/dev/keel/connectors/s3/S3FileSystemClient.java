package dev.keel.connectors.s3;

import dev.keel.kernel.engine.FileSystemClient;
import dev.keel.kernel.exceptions.PathAlreadyExistsException;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A {@link FileSystemClient} for {@code s3://bucket/key} and {@code s3a://bucket/key} paths on the
 * AWS SDK for Java v2, with no Hadoop.
 *
 * <p>Writes that must not replace a file (Delta commits) are {@code PutObject} with {@code
 * If-None-Match: *}, which S3 (and S3-compatible stores that implement conditional writes) performs
 * atomically: of two writers racing for one commit file, one wins and the other gets HTTP 412,
 * reported as {@link PathAlreadyExistsException} so the transaction retries at the next version.
 * HTTP 409 {@code ConditionalRequestConflict} (a concurrent conditional write still in progress) is
 * retried. A write whose outcome is unknown (a timeout, or a connection lost after the request was
 * sent) and a 412 that may answer a retry of this very write are resolved by reading the object
 * back: the same bytes mean the write landed. Files above the multipart threshold are uploaded in
 * parts. Listing uses {@code ListObjectsV2} with {@code start-after}; Parquet reads are ranged
 * {@code GetObject}s.
 *
 * <p>Closing it closes the SDK client.
 */
public final class S3FileSystemClient implements FileSystemClient, AutoCloseable {
  private final S3Client s3;
  private final S3Options options;

  /**
   * @param s3 the SDK client, closed with this one
   * @param options sizes and retry limits
   */
  public S3FileSystemClient(S3Client s3, S3Options options) {
    this.s3 = s3;
    this.options = options;
  }

  @Override
  public CloseableIterator<FileStatus> listFrom(String filePath) throws IOException {
    S3Path p = S3Path.parse(filePath);
    String prefix = p.parentPrefix();
    String name = p.key().substring(prefix.length());
    // start-after is exclusive: start before the name and drop what sorts below it
    String startAfter = name.isEmpty() ? null : prefix + name.substring(0, name.length() - 1);
    Listing listing = new Listing(p, prefix, startAfter, "/", p.key());
    if (!listing.hasNext() && !exists(p.bucket(), prefix)) {
      throw new FileNotFoundException("No such directory: " + p.parent());
    }
    return listing;
  }

  @Override
  public CloseableIterator<FileStatus> listRecursively(String directory) throws IOException {
    S3Path p = S3Path.parse(directory);
    String prefix = p.key().isEmpty() ? "" : p.key() + "/";
    Listing listing = new Listing(p, prefix, null, null, "");
    if (!listing.hasNext()) {
      throw new FileNotFoundException("No such directory: " + directory);
    }
    return listing;
  }

  /** Whether any object's key starts with {@code prefix}. */
  private boolean exists(String bucket, String prefix) throws IOException {
    try {
      return s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).maxKeys(1)).keyCount() > 0;
    } catch (SdkException e) {
      throw failure("list", "s3://" + bucket + "/" + prefix, e);
    }
  }

  @Override
  public String resolvePath(String path) throws IOException {
    return S3Path.parse(path).toString();
  }

  @Override
  public FileStatus getFileStatus(String path) throws IOException {
    S3Path p = S3Path.parse(path);
    try {
      HeadObjectResponse h = s3.headObject(b -> b.bucket(p.bucket()).key(p.key()));
      return FileStatus.of(p.toString(), h.contentLength(), h.lastModified().toEpochMilli());
    } catch (SdkException e) {
      throw failure("get the status of", path, e);
    }
  }

  @Override
  public InputStream open(String path) throws IOException {
    S3Path p = S3Path.parse(path);
    ResponseInputStream<GetObjectResponse> first;
    try {
      first = s3.getObject(b -> b.bucket(p.bucket()).key(p.key()));
    } catch (SdkException e) {
      throw failure("open", path, e);
    }
    return new ResumingStream(path, p, first);
  }

  /**
   * An object's bytes, read to its length: a response cut short (the connection dropped, the body
   * ended early) is resumed with a ranged GET of the same version (its ETag) from where it stopped,
   * so a commit file is never read as a prefix of itself.
   */
  private final class ResumingStream extends InputStream {
    private final String path;
    private final S3Path p;
    private final long length;
    private final String etag;
    private InputStream current;
    private long position;
    private int resumes;

    ResumingStream(String path, S3Path p, ResponseInputStream<GetObjectResponse> first) {
      this.path = path;
      this.p = p;
      this.current = first;
      this.length =
          first.response().contentLength() == null ? -1 : first.response().contentLength();
      this.etag = first.response().eTag();
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (true) {
        int n;
        IOException cause = null;
        try {
          n = current.read(b, off, len);
        } catch (IOException | SdkException e) {
          n = -1;
          cause = e instanceof IOException io ? io : new IOException(e);
        }
        if (n > 0) {
          position += n;
          return n;
        }
        if (length < 0 || position >= length) {
          if (cause != null) {
            throw cause;
          }
          return -1;
        }
        resume(cause);
      }
    }

    private void resume(IOException cause) throws IOException {
      if (++resumes > options.maxAttempts()) {
        IOException e =
            new IOException(
                "Reading "
                    + path
                    + " ended after "
                    + position
                    + " of its "
                    + length
                    + " bytes, "
                    + resumes
                    + " times; the store or the network cuts its responses short");
        if (cause != null) {
          e.addSuppressed(cause);
        }
        throw e;
      }
      try {
        current.close();
      } catch (IOException ignored) {
        // the broken response
      }
      try {
        current =
            s3.getObject(
                b -> {
                  b.bucket(p.bucket()).key(p.key()).range("bytes=" + position + "-");
                  if (etag != null) {
                    b.ifMatch(etag);
                  }
                });
      } catch (SdkException e) {
        throw failure("read", path, e);
      }
    }

    @Override
    public void close() throws IOException {
      current.close();
    }
  }

  @Override
  public byte[] readRange(String path, long offset, int length) throws IOException {
    if (length == 0) {
      return new byte[0];
    }
    S3Path p = S3Path.parse(path);
    GetObjectRequest request =
        GetObjectRequest.builder()
            .bucket(p.bucket())
            .key(p.key())
            .range("bytes=" + offset + "-" + (offset + length - 1))
            .build();
    IOException last = null;
    for (int attempt = 1; attempt <= options.maxAttempts(); attempt++) {
      byte[] bytes;
      try {
        bytes = s3.getObjectAsBytes(request).asByteArray();
      } catch (S3Exception e) {
        if (e.statusCode() == 416) {
          throw new EOFException(
              "Cannot read " + length + " bytes at " + offset + " of " + path + ": past its end");
        }
        throw failure("read", path, e);
      } catch (SdkException e) {
        last = failure("read", path, e); // a transfer cut short: read the range again
        continue;
      }
      if (bytes.length == length) {
        return bytes;
      }
      long size = getFileStatus(path).getSize();
      if (offset + length > size) {
        throw new EOFException(
            "Cannot read "
                + length
                + " bytes at "
                + offset
                + " of "
                + path
                + ": it has "
                + size
                + " bytes");
      }
      last =
          new IOException(
              "Read "
                  + bytes.length
                  + " of "
                  + length
                  + " bytes at "
                  + offset
                  + " of "
                  + path
                  + " (a response cut short)");
    }
    throw last;
  }

  @Override
  public void write(String path, byte[] content, boolean overwrite) throws IOException {
    S3Path p = S3Path.parse(path);
    boolean uncertain = false; // an earlier attempt may have written the object
    IOException last = null;
    for (int attempt = 1; attempt <= options.maxAttempts(); attempt++) {
      try {
        if (content.length > options.multipartThreshold()) {
          uploadInParts(p, content, overwrite);
        } else {
          s3.putObject(
              b -> b.bucket(p.bucket()).key(p.key()).ifNoneMatch(overwrite ? null : "*"),
              RequestBody.fromBytes(content));
        }
        return;
      } catch (S3Exception e) {
        if (e.statusCode() == 412) {
          // the object exists: another writer's, or this one's from an attempt the SDK retried
          if (sameContent(p, content)) {
            return;
          }
          throw new PathAlreadyExistsException(
              "Cannot write " + path + ": it exists already (another writer created it)", e);
        }
        if (e.statusCode() == 409 && "ConditionalRequestConflict".equals(errorCode(e))) {
          last = failure("write", path, e);
          backOff(attempt);
          continue;
        }
        throw failure("write", path, e);
      } catch (SdkClientException e) {
        // no response: the request may or may not have reached the store
        uncertain = true;
        last = failure("write", path, e);
        try {
          if (!overwrite && sameContent(p, content)) {
            return;
          }
        } catch (IOException unreachable) {
          last.addSuppressed(unreachable);
        }
        backOff(attempt);
      }
    }
    throw new IOException(
        (uncertain
                ? "The outcome of writing "
                    + path
                    + " is unknown: the store did not answer, and reading the file back failed."
                    + " Check whether it exists before writing it again"
                : "Cannot write " + path)
            + " (after "
            + options.maxAttempts()
            + " attempts): "
            + last.getMessage(),
        last);
  }

  /** Whether the object exists with exactly {@code content}. */
  private boolean sameContent(S3Path p, byte[] content) throws IOException {
    try {
      byte[] stored = s3.getObjectAsBytes(b -> b.bucket(p.bucket()).key(p.key())).asByteArray();
      return Arrays.equals(stored, content);
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw failure("read back", p.toString(), e);
    } catch (SdkException e) {
      throw failure("read back", p.toString(), e);
    }
  }

  private void uploadInParts(S3Path p, byte[] content, boolean overwrite) {
    String uploadId = s3.createMultipartUpload(b -> b.bucket(p.bucket()).key(p.key())).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      int partSize = options.partSize();
      for (int start = 0, number = 1; start < content.length; start += partSize, number++) {
        int end = Math.min(content.length, start + partSize);
        int partNumber = number;
        String etag =
            s3.uploadPart(
                    b ->
                        b.bucket(p.bucket()).key(p.key()).uploadId(uploadId).partNumber(partNumber),
                    RequestBody.fromBytes(Arrays.copyOfRange(content, start, end)))
                .eTag();
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
      }
      s3.completeMultipartUpload(
          b ->
              b.bucket(p.bucket())
                  .key(p.key())
                  .uploadId(uploadId)
                  .ifNoneMatch(overwrite ? null : "*")
                  .multipartUpload(m -> m.parts(parts)));
    } catch (RuntimeException e) {
      try {
        s3.abortMultipartUpload(b -> b.bucket(p.bucket()).key(p.key()).uploadId(uploadId));
      } catch (RuntimeException abort) {
        e.addSuppressed(abort);
      }
      throw e;
    }
  }

  @Override
  public boolean delete(String path) throws IOException {
    S3Path p = S3Path.parse(path);
    // S3 answers a delete of a missing key like any other: ask first, to say whether it existed
    try {
      getFileStatus(path);
    } catch (FileNotFoundException e) {
      return false;
    }
    try {
      s3.deleteObject(b -> b.bucket(p.bucket()).key(p.key()));
      return true;
    } catch (SdkException e) {
      throw failure("delete", path, e);
    }
  }

  /**
   * Object stores have no directories: a key's prefix exists once an object is written below it.
   */
  @Override
  public boolean mkdirs(String path) {
    return true;
  }

  @Override
  public void close() {
    s3.close();
  }

  private void backOff(int attempt) throws IOException {
    try {
      Thread.sleep(Math.min(2_000L, options.retryBaseMillis() << Math.min(attempt - 1, 10)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("Interrupted while retrying an S3 request");
    }
  }

  private static String errorCode(S3Exception e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }

  /** An SDK failure as the {@link IOException} the file system contract asks for. */
  private static IOException failure(String action, String path, SdkException e) {
    if (e instanceof S3Exception && ((S3Exception) e).statusCode() == 404) {
      FileNotFoundException missing =
          new FileNotFoundException(
              "NoSuchBucket".equals(errorCode((S3Exception) e))
                  ? "No such bucket: " + S3Path.parse(path).bucket() + " (for " + path + ")"
                  : "No such file: " + path);
      missing.initCause(e);
      return missing;
    }
    String detail =
        e instanceof S3Exception
            ? "HTTP "
                + ((S3Exception) e).statusCode()
                + (errorCode((S3Exception) e) == null ? "" : " " + errorCode((S3Exception) e))
            : e.getClass().getSimpleName();
    return new IOException(
        "Cannot " + action + " " + path + " (" + detail + "): " + e.getMessage(), e);
  }

  /** Pages of a {@code ListObjectsV2} listing, fetched as they are consumed. */
  private final class Listing implements CloseableIterator<FileStatus> {
    private final S3Path base;
    private final String prefix;
    private final String delimiter;
    private final String lowest; // keys below it are dropped
    private final Deque<FileStatus> page = new ArrayDeque<>();
    private String startAfter;
    private String continuation;
    private boolean done;

    Listing(S3Path base, String prefix, String startAfter, String delimiter, String lowest)
        throws IOException {
      this.base = base;
      this.prefix = prefix;
      this.startAfter = startAfter;
      this.delimiter = delimiter;
      this.lowest = lowest;
      fill();
    }

    private void fill() throws IOException {
      while (page.isEmpty() && !done) {
        ListObjectsV2Request.Builder request =
            ListObjectsV2Request.builder()
                .bucket(base.bucket())
                .prefix(prefix)
                .maxKeys(options.listPageSize());
        if (delimiter != null) {
          request.delimiter(delimiter);
        }
        if (continuation != null) {
          request.continuationToken(continuation);
        } else if (startAfter != null) {
          request.startAfter(startAfter);
        }
        ListObjectsV2Response response;
        try {
          response = s3.listObjectsV2(request.build());
        } catch (SdkException e) {
          throw failure("list", base.withKey(prefix).toString(), e);
        }
        for (S3Object o : response.contents()) {
          if (o.key().compareTo(lowest) >= 0 && !o.key().endsWith("/")) {
            page.add(
                FileStatus.of(
                    base.withKey(o.key()).toString(), o.size(), o.lastModified().toEpochMilli()));
          }
        }
        if (Boolean.TRUE.equals(response.isTruncated())) {
          continuation = response.nextContinuationToken();
        } else {
          done = true;
        }
      }
    }

    @Override
    public boolean hasNext() {
      if (page.isEmpty() && !done) {
        try {
          fill();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      return !page.isEmpty();
    }

    @Override
    public FileStatus next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return page.poll();
    }

    @Override
    public void close() {
      done = true;
      page.clear();
    }
  }
}
