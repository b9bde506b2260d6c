package dev.continuity.activities.report;

import java.nio.file.Path;

/** Where the files of a report are kept: a local directory, or Azure Blob Storage in production. */
public interface ReportStore {
  /** The environment variable naming the store: a directory path, or {@code https://<account>.blob.core.windows.net/<container>}. */
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

  /** A blob store for an https URL, else a local directory ({@code defaultDir} when blank). */
  static ReportStore of(String spec, Path defaultDir) {
    if (spec != null && spec.startsWith("https://")) return new BlobReportStore(spec);
    return new LocalReportStore(spec == null || spec.isBlank() ? defaultDir : Path.of(spec));
  }

  /** Reads a stored report file from wherever {@link #put} left it: a Blob URL or a local path. */
  static byte[] read(String location) {
    if (location.startsWith("https://")) return BlobReportStore.download(location);
    return new LocalReportStore(Path.of(".")).get(location);
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
