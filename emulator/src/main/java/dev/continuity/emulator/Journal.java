package dev.continuity.emulator;

import dev.continuity.emulator.EmulatorState.JournalEntry;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The record of every change made to the estate, so tests can prove a change happened exactly once. */
final class Journal {
  private static final Logger log = LoggerFactory.getLogger(Journal.class);
  private final Estate estate;

  Journal(Estate estate) {
    this.estate = estate;
  }

  /**
   * Records a change; a call whose before and after are equal changed nothing and is not recorded
   * (a desired-state client repeating itself must not look like a second mutation).
   */
  JournalEntry record(String resourceId, String operation, String before, String after, String operationId,
      Double dataLossSeconds) {
    if (before != null && before.equals(after)) return null;
    EmulatorState s = estate.state();
    JournalEntry e = new JournalEntry();
    e.seq = ++s.journalSeq;
    e.time = estate.now();
    e.resourceId = resourceId;
    e.operation = operation;
    e.before = before;
    e.after = after;
    e.operationId = operationId;
    e.dataLossSeconds = dataLossSeconds;
    s.journal.add(e);
    log.info("journal #{} {} {}: {} -> {}{}", e.seq, operation, resourceId, before, after,
        dataLossSeconds == null ? "" : " (data loss " + dataLossSeconds + " s)");
    return e;
  }

  /** Entries matching the optional filters (resource ID substring, operation, after sequence number). */
  List<JournalEntry> query(String resourceContains, String operation, long afterSeq) {
    String needle = resourceContains == null ? null : resourceContains.toLowerCase(Locale.ROOT);
    return estate.state().journal.stream()
        .filter(e -> e.seq > afterSeq)
        .filter(e -> needle == null || e.resourceId.toLowerCase(Locale.ROOT).contains(needle))
        .filter(e -> operation == null || e.operation.equalsIgnoreCase(operation))
        .toList();
  }
}
