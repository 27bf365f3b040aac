package io.hyperv4j.backup.sim;

import io.hyperv4j.backup.BackupKind;
import io.hyperv4j.backup.BackupPath;
import io.hyperv4j.backup.BackupRefusal;
import io.hyperv4j.backup.BackupRefusedException;
import io.hyperv4j.backup.ProtectionGroup;
import io.hyperv4j.backup.ProtectionSchedule;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.Scheduler;
import io.hyperv4j.sim.SimVm;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protection groups' schedules on the lab clock: at each express full time every member with a
 * replica gets an express full over its last point's path, in-guest members synchronise at the
 * group's frequency, and each run first deletes the members' points older than the retention range.
 * A member without a replica, or with a job running, is skipped (DPM shows it as a missed point).
 */
final class Schedules {
    private static final Logger LOG = LoggerFactory.getLogger(Schedules.class);
    private final BackupLab backup;
    private final Lab lab;
    private final Map<String, List<Scheduler.Task>> armed = new HashMap<>();

    Schedules(BackupLab backup, Lab lab) {
        this.backup = backup;
        this.lab = lab;
    }

    ProtectionGroup set(String group, ProtectionSchedule schedule) {
        return backup.write(txn -> {
            BackupLab.Group g = backup.groups.get(group);
            if (g == null) throw BackupLab.refuse(BackupRefusal.NOT_FOUND, "no protection group '" + group + "'; groups: " + backup.groups.keySet());
            g.schedule = schedule;
            arm(g);
            return backup.info(g);
        });
    }

    /** (Re)arms the group's next express full time and, if it has one, its next synchronisation. */
    synchronized void arm(BackupLab.Group g) {
        String key = g.name.toUpperCase(Locale.ROOT);
        List<Scheduler.Task> old = armed.remove(key);
        if (old != null) old.forEach(Scheduler.Task::cancel);
        List<Scheduler.Task> tasks = new ArrayList<>();
        ProtectionSchedule s = g.schedule;
        tasks.add(lab.clock().scheduleAt(next(lab.clock().now(), s.expressFullTimes()), at -> run(g, BackupKind.EXPRESS_FULL)));
        if (s.synchronizationFrequency() != null)
            tasks.add(lab.clock().schedule(s.synchronizationFrequency(), at -> run(g, BackupKind.SYNCHRONIZATION)));
        armed.put(key, tasks);
    }

    /** The first of the day's {@code times} strictly after {@code now} (UTC). */
    static Instant next(Instant now, List<LocalTime> times) {
        LocalDate day = now.atZone(ZoneOffset.UTC).toLocalDate();
        for (int d = 0; d < 2; d++)
            for (LocalTime t : times) {
                Instant at = day.plusDays(d).atTime(t).toInstant(ZoneOffset.UTC);
                if (at.isAfter(now)) return at;
            }
        throw new IllegalStateException("no time in " + times);
    }

    private void run(BackupLab.Group g, BackupKind kind) {
        if (backup.read(() -> backup.groups.get(g.name)) != g) return; // the group is gone
        List<String> members = backup.read(() -> List.copyOf(g.members));
        Instant now = lab.clock().now();
        for (String vmId : members) {
            try {
                backup.change(txn -> backup.expire(vmId, now.minus(g.retention)));
                start(vmId, kind);
            } catch (RuntimeException e) {
                LOG.warn("the scheduled {} of {} in group '{}' was skipped: {}", kind, vmId, g.name, e.getMessage());
            }
        }
        if (kind == BackupKind.EXPRESS_FULL) rearmExpress(g);
        else rearmSync(g);
    }

    private void start(String vmId, BackupKind kind) {
        BackupPath path = backup.read(() -> {
            List<BackupLab.Point> pts = backup.pointsOf(vmId);
            return pts.isEmpty() ? null : pts.get(pts.size() - 1).info().path();
        });
        if (path == null) {
            LOG.info("{} has no replica yet: its scheduled {} is skipped", vmId, kind);
            return;
        }
        if (kind == BackupKind.SYNCHRONIZATION && path != BackupPath.GUEST_AGENT) return; // only in-guest members synchronise
        SimVm v = lab.vm(vmId);
        if (v == null) return;
        try {
            backup.startBackup(v.host().name(), vmId, kind, path);
        } catch (BackupRefusedException e) {
            LOG.info("the scheduled {} of {} was refused: {}", kind, v.name(), e.getMessage());
        }
    }

    private synchronized void rearmExpress(BackupLab.Group g) {
        List<Scheduler.Task> tasks = armed.get(g.name.toUpperCase(Locale.ROOT));
        if (tasks == null) return;
        tasks.set(0, lab.clock().scheduleAt(next(lab.clock().now(), g.schedule.expressFullTimes()), at -> run(g, BackupKind.EXPRESS_FULL)));
    }

    private synchronized void rearmSync(BackupLab.Group g) {
        List<Scheduler.Task> tasks = armed.get(g.name.toUpperCase(Locale.ROOT));
        if (tasks == null || tasks.size() < 2 || g.schedule.synchronizationFrequency() == null) return;
        tasks.set(1, lab.clock().schedule(g.schedule.synchronizationFrequency(), at -> run(g, BackupKind.SYNCHRONIZATION)));
    }
}
