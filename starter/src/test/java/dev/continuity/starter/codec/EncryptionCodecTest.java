package dev.continuity.starter.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptionCodecTest {
  private static final String OLD = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String NEW = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
  private static final Payload PLAN = Payload.newBuilder()
      .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
      .setData(ByteString.copyFromUtf8("{\"stamp\":\"ai-platform\"}")).build();

  @Test
  void encryptsWithTheCurrentKeyAndNamesIt() {
    EncryptionCodec codec = new EncryptionCodec(PayloadKeys.fromEnvironment(Map.of(PayloadKeys.KEY, "k2:" + NEW + ",k1:" + OLD)));
    Payload sealed = codec.encode(List.of(PLAN)).get(0);
    assertEquals("binary/encrypted", sealed.getMetadataOrThrow("encoding").toStringUtf8());
    assertEquals("k2", sealed.getMetadataOrThrow(EncryptionCodec.KEY_ID).toStringUtf8());
    assertTrue(!sealed.getData().toStringUtf8().contains("ai-platform"));
    assertNotEquals(sealed, codec.encode(List.of(PLAN)).get(0), "a fresh nonce every time");
    assertEquals(PLAN, codec.decode(List.of(sealed)).get(0));
  }

  @Test
  void aRotatedKeyStillReadsOldPayloadsAndAnUnknownOneSaysWhichKeyIsMissing() {
    Payload old = new EncryptionCodec(PayloadKeys.fromEnvironment(Map.of(PayloadKeys.KEY, "k1:" + OLD))).encode(List.of(PLAN)).get(0);
    EncryptionCodec rotated = new EncryptionCodec(PayloadKeys.fromEnvironment(Map.of(PayloadKeys.KEY, "k2:" + NEW + ",k1:" + OLD)));
    assertEquals(PLAN, rotated.decode(List.of(old)).get(0));
    EncryptionCodec withoutOld = new EncryptionCodec(PayloadKeys.fromEnvironment(Map.of(PayloadKeys.KEY, "k2:" + NEW)));
    PayloadCodecException e = assertThrows(PayloadCodecException.class, () -> withoutOld.decode(List.of(old)));
    assertTrue(e.getMessage().contains("'k1'"), e.getMessage());
  }

  @Test
  void tamperedOrRelabelledCiphertextIsRefused() {
    EncryptionCodec codec = new EncryptionCodec(PayloadKeys.fromEnvironment(Map.of(PayloadKeys.KEY, "k2:" + NEW + ",k1:" + NEW)));
    Payload sealed = codec.encode(List.of(PLAN)).get(0);
    byte[] data = sealed.getData().toByteArray();
    data[data.length - 1] ^= 1;
    Payload tampered = sealed.toBuilder().setData(ByteString.copyFrom(data)).build();
    assertThrows(PayloadCodecException.class, () -> codec.decode(List.of(tampered)));
    // Same key material under another id: the id is authenticated, so the label cannot be swapped.
    Payload relabelled = sealed.toBuilder().putMetadata(EncryptionCodec.KEY_ID, ByteString.copyFromUtf8("k1")).build();
    assertThrows(PayloadCodecException.class, () -> codec.decode(List.of(relabelled)));
  }

  @Test
  void plainPayloadsPassThroughDecoding() {
    EncryptionCodec codec = new EncryptionCodec(PayloadKeys.fromEnvironment(Map.of(PayloadKeys.KEY, "k1:" + OLD)));
    assertEquals(PLAN, codec.decode(List.of(PLAN)).get(0));
  }

  @Test
  void keysComeFromAFileFirstLineCurrentAndBadKeysAreExplainedWithoutShowingThem(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("payload.keys");
    Files.writeString(file, "# rotated 2026-11\nk2 " + NEW + "\nk1 " + OLD + "\n");
    PayloadKeys keys = PayloadKeys.fromEnvironment(Map.of(PayloadKeys.KEY_FILE, file.toString()));
    assertEquals("k2", keys.currentId());
    assertEquals(java.util.Set.of("k1", "k2"), keys.ids());
    assertEquals(null, PayloadKeys.fromEnvironment(Map.of()));

    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PayloadKeys.fromEnvironment(Map.of(PayloadKeys.KEY, "k1:" + shortKey)));
    assertTrue(e.getMessage().contains("128 bits") && !e.getMessage().contains(shortKey), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PayloadKeys.fromEnvironment(Map.of(PayloadKeys.KEY, NEW)));
    assertTrue(!e.getMessage().contains(NEW), e.getMessage());
  }
}
