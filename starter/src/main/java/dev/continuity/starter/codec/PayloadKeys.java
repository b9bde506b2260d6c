package dev.continuity.starter.codec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys that encrypt workflow payloads: the current one encrypts, every one decrypts, so a key
 * can be rotated without making older histories unreadable. Each key has an id, written into every
 * payload it encrypts.
 *
 * <p>Configured by CONTINUITY_PAYLOAD_KEY ({@code id:base64key[,id:base64key...]}) or
 * CONTINUITY_PAYLOAD_KEY_FILE (a file of {@code id base64key} lines, {@code #} comments); the first
 * key is the current one. Keys are 256-bit AES keys ({@code openssl rand -base64 32}).
 */
public final class PayloadKeys {
  public static final String KEY = "CONTINUITY_PAYLOAD_KEY";
  public static final String KEY_FILE = "CONTINUITY_PAYLOAD_KEY_FILE";

  private final String currentId;
  private final Map<String, SecretKey> keys;

  private PayloadKeys(String currentId, Map<String, SecretKey> keys) {
    this.currentId = currentId;
    this.keys = Map.copyOf(keys);
  }

  /** Keys from the environment, or null when none is configured (payloads then travel unencrypted). */
  public static PayloadKeys fromEnvironment(Map<String, String> env) {
    String inline = env.get(KEY);
    String file = env.get(KEY_FILE);
    if (inline != null && !inline.isBlank()) return parse(List.of(inline.split(",")), KEY, ':');
    if (file != null && !file.isBlank()) return fromFile(Path.of(file.trim()));
    return null;
  }

  public static PayloadKeys fromFile(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the payload key file " + file + ": " + e.getMessage());
    }
    return parse(lines.stream().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList(), file.toString(), ' ');
  }

  /** One key, current. */
  public static PayloadKeys of(String id, byte[] key) {
    Map<String, SecretKey> m = new LinkedHashMap<>();
    m.put(checkId(id, "key"), aes(key, id));
    return new PayloadKeys(id, m);
  }

  private static PayloadKeys parse(List<String> entries, String source, char separator) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    String current = null;
    for (String raw : entries) {
      String entry = raw.trim();
      int at = separator == ' ' ? indexOfWhitespace(entry) : entry.indexOf(separator);
      if (at <= 0) {
        throw new IllegalArgumentException(source + ": each key is 'id" + (separator == ' ' ? " " : ":")
            + "base64key' (the key itself is never shown here)");
      }
      String id = checkId(entry.substring(0, at).trim(), source);
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(entry.substring(at + 1).trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ": key '" + id + "' is not base64");
      }
      if (keys.put(id, aes(bytes, id)) != null) throw new IllegalArgumentException(source + ": key id '" + id + "' appears twice");
      if (current == null) current = id;
    }
    if (current == null) throw new IllegalArgumentException(source + ": no key");
    return new PayloadKeys(current, keys);
  }

  private static int indexOfWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) if (Character.isWhitespace(s.charAt(i))) return i;
    return -1;
  }

  private static String checkId(String id, String source) {
    if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(source + ": key id '" + id + "' must be 1-64 letters, digits, '.', '_' or '-'");
    }
    return id;
  }

  private static SecretKey aes(byte[] key, String id) {
    if (key.length != 32) throw new IllegalArgumentException("key '" + id + "' has " + key.length * 8 + " bits; AES-256 needs 256");
    return new SecretKeySpec(key, "AES");
  }

  public String currentId() {
    return currentId;
  }

  SecretKey current() {
    return keys.get(currentId);
  }

  /** The key of that id, or null. */
  SecretKey get(String id) {
    return keys.get(id);
  }

  public java.util.Set<String> ids() {
    return keys.keySet();
  }
}
