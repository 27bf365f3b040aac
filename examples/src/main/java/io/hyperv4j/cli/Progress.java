package io.hyperv4j.cli;

import io.hyperv4j.cim.Subscription;
import io.hyperv4j.job.Operation;
import java.io.PrintStream;

/** Shows how far a long operation got. Implementations never throw. */
public interface Progress {

    /** {@code percent} 0..100; {@code status} a short word such as "Running". */
    void update(int percent, String status);

    /** The operation ended; {@code status} says how. */
    void finish(String status);

    /**
     * Waits for {@code op} (its default timeout), showing its progress here and finishing with
     * "done" or "failed"; a failure surfaces as the operation's own typed exception.
     */
    default <T> T follow(Operation<T> op) {
        return follow(op, null);
    }

    /** As {@link #follow(Operation)}, waiting at most {@code timeout} (null: the operation's default). */
    default <T> T follow(Operation<T> op, java.time.Duration timeout) {
        try (Subscription ignored = op.onProgress(p -> update(p, "Running"))) {
            T value = timeout == null ? op.await() : op.await(timeout);
            update(op.progress(), "done");  // 100 once succeeded, even when no job reported progress
            finish("done");
            return value;
        } catch (RuntimeException e) {
            finish("failed");
            throw e;
        }
    }

    Progress NONE = new Progress() {
        @Override public void update(int percent, String status) {}
        @Override public void finish(String status) {}
    };

    /** A bar redrawn in place ({@code \r}), for a terminal. */
    static Progress bar(PrintStream to, String label) {
        return new Progress() {
            private int last = -1;
            private String lastStatus = "";

            @Override
            public void update(int percent, String status) {
                int p = Math.max(0, Math.min(100, percent));
                if (p == last && status.equals(lastStatus)) return;
                last = p;
                lastStatus = status;
                to.print("\r" + render(label, p, status) + "   ");
                to.flush();
            }

            @Override
            public void finish(String status) {
                to.print("\r" + render(label, Math.max(last, 0), status) + "   \n");
                to.flush();
            }
        };
    }

    /** One line each time progress crosses a quarter, for logs and pipes. */
    static Progress lines(PrintStream to, String label) {
        return new Progress() {
            private int lastQuarter = -1;
            private int lastPercent = 0;

            @Override
            public void update(int percent, String status) {
                lastPercent = Math.max(0, Math.min(100, percent));
                int q = lastPercent / 25;
                if (q <= lastQuarter || q == 4) return;  // 100% is shown by finish
                lastQuarter = q;
                to.println(render(label, lastPercent, status));
            }

            @Override
            public void finish(String status) {
                to.println(render(label, lastPercent, status));
            }
        };
    }

    /** {@code  Starting web1 [##########..........]  50% Running} */
    static String render(String label, int percent, String status) {
        int width = 20;
        int filled = percent * width / 100;
        return String.format("  %s [%s%s] %3d%% %s", label, "#".repeat(filled), ".".repeat(width - filled), percent, status);
    }
}
