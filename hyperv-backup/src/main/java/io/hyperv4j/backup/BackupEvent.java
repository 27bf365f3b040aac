package io.hyperv4j.backup;

import java.time.Instant;

/**
 * An event a backup or restore logged: DPM's 30111 and 30112, Hyper-V's 10009, the cluster's 21502 and 1069.
 *
 * @param time    when
 * @param id      the event ID
 * @param source  the log's source
 * @param vm      the VM it is about
 * @param message the text
 */
public record BackupEvent(Instant time, int id, String source, String vm, String message) {
}
