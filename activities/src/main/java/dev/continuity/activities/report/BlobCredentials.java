package dev.continuity.activities.report;

import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobClientBuilder;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.BlobUrlParts;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import java.time.Duration;
import java.util.function.Function;

/**
 * How the report store signs in to Blob Storage, read from the environment at run time (never
 * from workflow input): a connection string, else an account key, else the worker's Entra ID
 * identity through DefaultAzureCredential (managed identity, workload identity, az login), which
 * needs no secret at all and is the production choice.
 */
record BlobCredentials(String connectionString, String accountKey) {
  /** A storage connection string (account key or SAS); the store's URL still names the container. */
  static final String CONNECTION_STRING_ENV = "CONTINUITY_REPORT_STORE_CONNECTION_STRING";
  /** The storage account's shared key, for the account the store's URL names. */
  static final String ACCOUNT_KEY_ENV = "CONTINUITY_REPORT_STORE_KEY";

  /**
   * The SDK's own retries, kept short: the report activity is retried by Temporal, and a dead
   * endpoint should cost seconds per attempt, not the SDK's default minutes.
   */
  private static final RequestRetryOptions RETRIES = new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 3,
      Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofSeconds(4), null);

  static BlobCredentials from(Function<String, String> env) {
    return new BlobCredentials(blankToNull(env.apply(CONNECTION_STRING_ENV)), blankToNull(env.apply(ACCOUNT_KEY_ENV)));
  }

  /** What signed in, for error messages (never the secret itself). */
  String describe() {
    if (connectionString != null) return "the connection string in " + CONNECTION_STRING_ENV;
    if (accountKey != null) return "the account key in " + ACCOUNT_KEY_ENV;
    return "DefaultAzureCredential (managed identity, workload identity or az login; it needs the Storage Blob Data"
        + " Contributor role on the container)";
  }

  BlobContainerClientBuilder apply(BlobContainerClientBuilder b, String containerUrl) {
    b.retryOptions(RETRIES);
    // a connection string sets endpoint and credential; the URL given after it names the container
    if (connectionString != null) return b.connectionString(connectionString).endpoint(containerUrl);
    b.endpoint(containerUrl);
    if (accountKey != null) return b.credential(new StorageSharedKeyCredential(account(containerUrl), accountKey));
    return b.credential(new DefaultAzureCredentialBuilder().build());
  }

  BlobClientBuilder apply(BlobClientBuilder b, String blobUrl) {
    b.retryOptions(RETRIES);
    if (connectionString != null) return b.connectionString(connectionString).endpoint(blobUrl);
    b.endpoint(blobUrl);
    if (accountKey != null) return b.credential(new StorageSharedKeyCredential(account(blobUrl), accountKey));
    return b.credential(new DefaultAzureCredentialBuilder().build());
  }

  private static String account(String url) {
    String name = BlobUrlParts.parse(url).getAccountName();
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("cannot tell the storage account of " + url + " for the key in " + ACCOUNT_KEY_ENV);
    }
    return name;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  @Override
  public String toString() {
    return describe();
  }
}
