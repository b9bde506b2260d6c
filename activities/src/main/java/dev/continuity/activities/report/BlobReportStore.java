package dev.continuity.activities.report;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import java.util.function.Function;

/**
 * Reports in an Azure Blob Storage container ({@code <container URL>/<operationId>/<file>}). Blob
 * Storage keeps reports readable when the worker's disk is gone. The container is created on the
 * first write that finds it missing (so a store with only blob rights on an existing container
 * works too). How it signs in: {@link BlobCredentials}.
 */
public final class BlobReportStore implements ReportStore {
  private final String containerUrl;
  private final BlobCredentials credentials;
  private final BlobContainerClient container;

  /**
   * @param containerUrl {@code https://<account>.blob.core.windows.net/<container>} (or an emulator's
   *     {@code http://127.0.0.1:<port>/<account>/<container>})
   * @param env where the credential settings are read ({@link BlobCredentials})
   */
  public BlobReportStore(String containerUrl, Function<String, String> env) {
    this.containerUrl = containerUrl.replaceAll("/+$", "");
    this.credentials = BlobCredentials.from(env);
    try {
      this.container = credentials.apply(new BlobContainerClientBuilder(), this.containerUrl).buildClient();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the report store " + this.containerUrl + " cannot be used: " + e.getMessage(), e);
    }
  }

  @Override
  public String put(String operationId, String fileName, byte[] content, String contentType) {
    String name = ReportStore.segment(operationId) + "/" + fileName;
    BlobClient blob = container.getBlobClient(name);
    BlobParallelUploadOptions upload = new BlobParallelUploadOptions(BinaryData.fromBytes(content))
        .setHeaders(new BlobHttpHeaders().setContentType(contentType));
    try {
      try {
        blob.uploadWithResponse(upload, null, null);
      } catch (BlobStorageException e) {
        if (!BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode())) throw e;
        container.createIfNotExists();
        blob.uploadWithResponse(upload, null, null);
      }
    } catch (RuntimeException e) {
      throw failure("cannot write " + fileName + " of " + operationId + " to the report store " + containerUrl, credentials, e);
    }
    // not blob.getBlobUrl(): it encodes the "/" of the name, and report files are found as siblings by path
    return container.getBlobContainerUrl() + "/" + name;
  }

  @Override
  public byte[] get(String location) {
    return download(location, credentials);
  }

  /** The blob at a URL {@link #put} returned, signed in as {@code env} says. */
  static byte[] download(String location, Function<String, String> env) {
    return download(location, BlobCredentials.from(env));
  }

  private static byte[] download(String location, BlobCredentials credentials) {
    try {
      return credentials.apply(new BlobClientBuilder(), location).buildClient().downloadContent().toBytes();
    } catch (RuntimeException e) {
      throw failure("cannot read " + location, credentials, e);
    }
  }

  /** One line saying what went wrong and what to check; lasting when asking again soon will not help. */
  private static ReportStoreException failure(String what, BlobCredentials credentials, RuntimeException e) {
    if (e instanceof BlobStorageException b) {
      String status = "HTTP " + b.getStatusCode() + (b.getErrorCode() == null ? "" : " " + b.getErrorCode());
      if (b.getStatusCode() == 401 || b.getStatusCode() == 403) {
        return new ReportStoreException(what + ": the store refused " + credentials.describe() + " (" + status + ")", true, e);
      }
      if (b.getStatusCode() == 404) return new ReportStoreException(what + ": not found (" + status + ")", true, e);
      return new ReportStoreException(what + ": " + status, b.getStatusCode() < 500 && b.getStatusCode() != 429, e);
    }
    if (e instanceof ClientAuthenticationException) {
      return new ReportStoreException(what + ": no token from " + credentials.describe() + ": " + firstLine(e.getMessage()), true, e);
    }
    if (e instanceof IllegalArgumentException) return new ReportStoreException(what + ": " + firstLine(e.getMessage()), true, e);
    return new ReportStoreException(what + ": " + rootMessage(e), false, e);
  }

  private static String rootMessage(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null) r = r.getCause();
    return r.getClass().getSimpleName() + (r.getMessage() == null ? "" : ": " + firstLine(r.getMessage()));
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
