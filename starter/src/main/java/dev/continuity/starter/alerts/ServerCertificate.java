package dev.continuity.starter.alerts;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The alert server's TLS identity, from a PEM certificate chain and its PEM (PKCS#8) private key. */
public final class ServerCertificate {
  private ServerCertificate() {}

  /** Throws IllegalArgumentException with one clear sentence when the files cannot be used. */
  public static SSLContext load(Path certificate, Path key) {
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      Collection<? extends Certificate> chain = cf.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certificate)));
      if (chain.isEmpty()) throw new IllegalArgumentException(certificate + " holds no PEM certificate");
      PrivateKey privateKey = privateKey(Files.readString(key, StandardCharsets.US_ASCII), key);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] none = new char[0];
      store.setKeyEntry("server", privateKey, none, chain.toArray(new Certificate[0]));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, none);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(kmf.getKeyManagers(), null, null);
      return tls;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the TLS files: " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot use the TLS files: " + e.getMessage());
    }
  }

  private static PrivateKey privateKey(String pem, Path file) throws GeneralSecurityException {
    String begin = "-----BEGIN PRIVATE KEY-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf("-----END PRIVATE KEY-----");
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(file + " is not a PEM PKCS#8 private key (BEGIN PRIVATE KEY); convert it with "
          + "'openssl pkcs8 -topk8 -nocrypt'");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException ignored) {
        // try the next algorithm: PKCS#8 names it inside, but KeyFactory needs it up front
      }
    }
    throw new IllegalArgumentException(file + " holds a private key of an algorithm other than RSA, EC or Ed25519");
  }
}
