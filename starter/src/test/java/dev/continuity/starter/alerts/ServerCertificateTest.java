package dev.continuity.starter.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.estate.Severity;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert server over HTTPS, with a PEM certificate and key made by the JDK's own keytool. */
class ServerCertificateTest {

  @Test
  void theServerAnswersOverHttpsWithAPemCertificateAndKey(@TempDir Path dir) throws Exception {
    Path store = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS), "keytool finished");
    assertEquals(0, keytool.exitValue(), new String(keytool.getInputStream().readAllBytes()));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    Certificate cert = ks.getCertificate("server");
    PrivateKey key = (PrivateKey) ks.getKey("server", "changeit".toCharArray());
    Path certPem = dir.resolve("server.pem");
    Path keyPem = dir.resolve("server-key.pem");
    Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()));
    Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));

    SSLContext tls = ServerCertificate.load(certPem, keyPem);
    AlertServerOptions options = new AlertServerOptions("127.0.0.1", 0, tls, 1024, 0, 1, new ResourceHealthEvents(Severity.Sev1));
    try (AlertServer server = AlertServer.start(options, new AlertAuthenticator("0123456789abcdef", null), new RecordingHandling())) {
      assertTrue(server.baseUrl().startsWith("https://"), server.baseUrl());
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("server", cert);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext client = SSLContext.getInstance("TLS");
      client.init(null, tmf.getTrustManagers(), null);
      HttpResponse<String> health = HttpClient.newBuilder().sslContext(client).build().send(
          HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
    }

    Files.writeString(dir.resolve("rsa.pem"), pem("RSA PRIVATE KEY", key.getEncoded()));
    IllegalArgumentException wrongKind = assertThrows(IllegalArgumentException.class,
        () -> ServerCertificate.load(certPem, dir.resolve("rsa.pem")));
    assertTrue(wrongKind.getMessage().contains("openssl pkcs8"), wrongKind.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> ServerCertificate.load(dir.resolve("nope.pem"), keyPem));
    assertTrue(missing.getMessage().startsWith("cannot read the TLS files"), missing.getMessage());
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
