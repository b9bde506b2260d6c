package dev.continuity.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Answers from the person running the demo, read from standard input on a thread of their own
 * so the steps keep showing while a question is open. No input (a pipe at its end, CI) is not an
 * answer: the gate keeps waiting for the Web UI or the CLI, as it would in a real outage.
 */
final class DemoApprovals {
  /** What {@link #poll()} returns once standard input has ended. */
  static final String END = "\u0000end";

  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final InputStream in;
  private Thread reader;
  private boolean ended;

  DemoApprovals(InputStream in) {
    this.in = in;
  }

  /** The next line typed, END once input has ended (reported once), or null when nothing was typed. */
  synchronized String poll() {
    if (reader == null) start();
    if (ended) return null;
    String line = lines.poll();
    if (END.equals(line)) ended = true;
    return line;
  }

  private void start() {
    reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) lines.add(line.trim());
      } catch (IOException e) {
        // Treated as the end of input: the gate waits for another way to answer.
      }
      lines.add(END);
    }, "demo-approvals");
    reader.setDaemon(true);
    reader.start();
  }

  /** "y", "yes", "approve" approve; "n", "no", "reject" reject; anything else asks again. */
  static Boolean meaning(String answer) {
    return switch (answer.toLowerCase(java.util.Locale.ROOT)) {
      case "y", "yes", "approve", "a" -> Boolean.TRUE;
      case "n", "no", "reject", "r" -> Boolean.FALSE;
      default -> null;
    };
  }
}
