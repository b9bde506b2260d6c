package dev.continuity.starter.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts every payload (workflow inputs, results, activity arguments, queries, updates) with
 * AES-256-GCM before it reaches Temporal, so the server and its database hold no plain text of an
 * estate (DESIGN rule 11). The key id travels in the payload's metadata so that a rotated key
 * still decrypts older histories. Payloads this codec did not encrypt pass through unchanged.
 */
public final class EncryptionCodec implements PayloadCodec {
  public static final String ENCODING = "binary/encrypted";
  public static final String KEY_ID = "encryption-key-id";
  static final String METADATA_ENCODING = "encoding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final PayloadKeys keys;
  private final SecureRandom random = new SecureRandom();

  public EncryptionCodec(PayloadKeys keys) {
    this.keys = keys;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::encrypt).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::decrypt).toList();
  }

  private Payload encrypt(Payload p) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    String id = keys.currentId();
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, keys.current(), new GCMParameterSpec(TAG_BITS, nonce));
      // The key id is authenticated too: a payload cannot be relabelled to another key.
      c.updateAAD(id.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = c.doFinal(p.toByteArray());
      return Payload.newBuilder()
          .putMetadata(METADATA_ENCODING, ByteString.copyFromUtf8(ENCODING))
          .putMetadata(KEY_ID, ByteString.copyFromUtf8(id))
          .setData(ByteString.copyFrom(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array()))
          .build();
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("cannot encrypt a payload with key '" + id + "': " + e.getMessage(), e);
    }
  }

  private Payload decrypt(Payload p) {
    ByteString encoding = p.getMetadataOrDefault(METADATA_ENCODING, null);
    if (encoding == null || !ENCODING.equals(encoding.toStringUtf8())) return p;
    ByteString idBytes = p.getMetadataOrDefault(KEY_ID, null);
    String id = idBytes == null ? "" : idBytes.toStringUtf8();
    SecretKey key = keys.get(id);
    if (key == null) {
      throw new PayloadCodecException("payload encrypted with key '" + id + "', which is not among the configured keys "
          + keys.ids() + " (add it to " + PayloadKeys.KEY + " or " + PayloadKeys.KEY_FILE + ")");
    }
    byte[] data = p.getData().toByteArray();
    if (data.length <= NONCE_BYTES) throw new PayloadCodecException("encrypted payload too short");
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
      c.updateAAD(id.getBytes(StandardCharsets.UTF_8));
      return Payload.parseFrom(c.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES));
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("payload does not decrypt with key '" + id + "' (wrong key material or tampered data)", e);
    } catch (InvalidProtocolBufferException e) {
      throw new PayloadCodecException("decrypted payload is not a Temporal payload", e);
    }
  }
}
