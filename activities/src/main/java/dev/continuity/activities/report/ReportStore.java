package dev.continuity.activities.report;

import java.nio.file.Path;
import java.util.function.Function;

/** Where the files of a report are kept: a local directory, or Azure Blob Storage in production. */
public interface ReportStore {
  /**
   * The environment variable naming the store: a directory path, or a Blob Storage container URL
   * {@code https://<account>.blob.core.windows.net/<container>}.
   */
  String STORE_ENV = "CONTINUITY_REPORT_STORE";

  /**
   * Stores one file of an operation's report, whole, replacing an earlier copy (a retried
   * activity writes it again).
   *
   * @return where it is: a path or a URL
   */
  String put(String operationId, String fileName, byte[] content, String contentType);

  /** The file at a location {@link #put} returned. */
  byte[] get(String location);

  /**
   * A Blob Storage container for an http(s) URL (credentials from {@code env}: see
   * {@link BlobCredentials}), else a local directory ({@code defaultDir} when blank).
   */
  static ReportStore of(String spec, Path defaultDir, Function<String, String> env) {
    if (isUrl(spec)) return new BlobReportStore(spec.trim(), env);
    return new LocalReportStore(spec == null || spec.isBlank() ? defaultDir : Path.of(spec));
  }

  /**
   * Reads a stored report file from wherever {@link #put} left it: a Blob URL (signed in as
   * {@code env} says, as the worker was) or a local path.
   *
   * @throws ReportStoreException or {@link java.io.UncheckedIOException}, with a one-line message
   */
  static byte[] read(String location, Function<String, String> env) {
    if (isUrl(location)) return BlobReportStore.download(location, env);
    return new LocalReportStore(Path.of(".")).get(location);
  }

  private static boolean isUrl(String s) {
    return s != null && (s.startsWith("https://") || s.startsWith("http://"));
  }

  /** The location of another file of the same report ("report.html" next to "report.md"). */
  static String sibling(String location, String fileName) {
    int cut = Math.max(location.lastIndexOf('/'), location.lastIndexOf('\\'));
    return cut < 0 ? fileName : location.substring(0, cut + 1) + fileName;
  }

  /** Operation ids become one path segment, whatever they hold. */
  static String segment(String operationId) {
    return operationId == null ? "operation" : operationId.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
