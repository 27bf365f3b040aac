package io.hyperv4j.vhd;

import io.hyperv4j.vhd.io.Storage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A storage that "loses power" at a chosen step (each write, resize and flush is a step): the write
 * at that step is torn (only its first half lands), and unflushed writes since the last flush are
 * lost all, some or none, as a disk cache would lose them. Records whether the VHDX log entry
 * was flushed before the crash (then its promise must survive).
 */
final class FaultyStorage implements Storage {
    static final long LOG_OFFSET = 1 << 20;

    private final Storage base;
    private final int crashAt;
    private final int lossMode;
    private final Deque<Runnable> undo = new ArrayDeque<>();
    private int step;
    private boolean crashed;
    private boolean logWritten;
    private boolean logPromised;

    /**
     * {@code lossMode}: 0 keeps every unflushed write, 1 loses them all, 2 and 3 lose every other one
     * (odd or even), as a cache that reorders writes would.
     */
    FaultyStorage(Storage base, int crashAt, int lossMode) {
        this.base = base;
        this.crashAt = crashAt;
        this.lossMode = lossMode;
    }

    int steps() {
        return step;
    }

    boolean crashed() {
        return crashed;
    }

    boolean logPromised() {
        return logPromised;
    }

    private boolean atCrash() throws IOException {
        if (crashed) {
            throw new IOException("injected crash (already down)");
        }
        return ++step == crashAt;
    }

    private IOException crash() throws IOException {
        crashed = true;
        int i = 0;
        while (!undo.isEmpty()) {
            Runnable u = undo.pop();
            if (lossMode == 1 || (lossMode == 2 && i % 2 == 1) || (lossMode == 3 && i % 2 == 0)) {
                u.run();
            }
            i++;
        }
        return new IOException("injected crash at step " + step);
    }

    @Override
    public Path path() {
        return base.path();
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public void read(ByteBuffer dst, long position) throws IOException {
        if (crashed) {
            throw new IOException("injected crash (already down)");
        }
        base.read(dst, position);
    }

    @Override
    public void write(ByteBuffer src, long position) throws IOException {
        boolean now = atCrash();
        remember(position, src.remaining());
        if (position == LOG_OFFSET) {
            logWritten = true;
        }
        if (now) {
            ByteBuffer half = src.duplicate();
            half.limit(half.position() + src.remaining() / 2);
            base.write(half, position);
            throw crash();
        }
        base.write(src, position);
    }

    private void remember(long position, int length) throws IOException {
        long oldSize = base.size();
        ByteBuffer old = ByteBuffer.allocate(length);
        base.read(old, position);
        old.flip();
        undo.push(() -> {
            try {
                base.write(old.duplicate(), position);
                if (base.size() > oldSize) {
                    base.setSize(oldSize);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public long size() throws IOException {
        return base.size();
    }

    @Override
    public void setSize(long size) throws IOException {
        boolean now = atCrash();
        long oldSize = base.size();
        undo.push(() -> {
            try {
                base.setSize(oldSize);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        if (now) {
            throw crash();
        }
        base.setSize(size);
    }

    @Override
    public void force() throws IOException {
        if (atCrash()) {
            throw crash();
        }
        base.force();
        undo.clear();
        if (logWritten) {
            logPromised = true;
            logWritten = false;
        }
    }

    @Override
    public void close() throws IOException {
        base.close();
    }
}
