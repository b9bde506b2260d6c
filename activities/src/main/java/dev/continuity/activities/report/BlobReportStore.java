package dev.continuity.activities.report;

import com.azure.core.util.BinaryData;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.options.BlobParallelUploadOptions;

/**
 * Reports in an Azure Blob Storage container ({@code <container URL>/<operationId>/<file>}),
 * reached with the worker's Entra ID identity (DefaultAzureCredential), so no storage key is
 * configured anywhere. Blob Storage keeps reports readable when the worker's disk is gone.
 */
public final class BlobReportStore implements ReportStore {
  private final BlobContainerClient container;

  /** @param containerUrl {@code https://<account>.blob.core.windows.net/<container>} */
  public BlobReportStore(String containerUrl) {
    this.container = new BlobContainerClientBuilder().endpoint(containerUrl)
        .credential(new DefaultAzureCredentialBuilder().build()).buildClient();
  }

  @Override
  public String put(String operationId, String fileName, byte[] content, String contentType) {
    var blob = container.getBlobClient(ReportStore.segment(operationId) + "/" + fileName);
    blob.uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromBytes(content))
        .setHeaders(new BlobHttpHeaders().setContentType(contentType)), null, null);
    return blob.getBlobUrl();
  }

  @Override
  public byte[] get(String location) {
    return download(location);
  }

  static byte[] download(String location) {
    return new BlobClientBuilder().endpoint(location).credential(new DefaultAzureCredentialBuilder().build())
        .buildClient().downloadContent().toBytes();
  }
}
