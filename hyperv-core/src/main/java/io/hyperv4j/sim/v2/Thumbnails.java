package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimVm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated console of a VM as GetVirtualSystemThumbnailImage returns it: raw RGB 565, two
 * bytes per pixel, low byte first (as the method's page reads them), rows top to bottom. A VM that
 * is not running shows a black screen; a running one a desktop (blue) with a taskbar (white) whose
 * green gauge is the guest's processor load of the minute, so the picture follows the lab's
 * activity; a paused one the same picture at half brightness.
 */
final class Thumbnails {
    /** The synthetic display's default resolution; a thumbnail is never larger than the screen. */
    static final int MAX_WIDTH = 1024, MAX_HEIGHT = 768;

    private static final int DESKTOP = rgb565(0, 120, 215);
    private static final int TASKBAR = rgb565(255, 255, 255);
    private static final int GAUGE = rgb565(16, 124, 16);

    private Thumbnails() {}

    /** The image, {@code width * height * 2} bytes. */
    static byte[] of(SimVm vm, Instant now, int width, int height) {
        byte[] out = new byte[width * height * 2];
        PowerState s = vm.state();
        if (s != PowerState.RUNNING && s != PowerState.PAUSED) return out; // black
        return draw(vm, now, width, height, s == PowerState.PAUSED);
    }

    /** The picture of the VM running at {@code at} (what a checkpoint with the VM's memory captured). */
    static byte[] running(SimVm vm, Instant at, int width, int height) {
        return draw(vm, at, width, height, false);
    }

    private static byte[] draw(SimVm vm, Instant now, int width, int height, boolean dim) {
        byte[] out = new byte[width * height * 2];
        int taskbarTop = height - Math.max(1, height / 12);
        int gaugeEnd = width * Summary.load(vm, now, 0) / 100;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int c = y < taskbarTop ? DESKTOP : x < gaugeEnd ? GAUGE : TASKBAR;
                if (dim) c = (c >> 1) & 0x7BEF; // halve each channel
                int i = (y * width + x) * 2;
                out[i] = (byte) c;
                out[i + 1] = (byte) (c >>> 8);
            }
        }
        return out;
    }

    /** The image as the uint8[] ImageData / ThumbnailImage value. */
    static CimValue uint8s(byte[] image) {
        List<Long> bytes = new ArrayList<>(image.length);
        for (byte b : image) bytes.add((long) (b & 0xFF));
        return CimValue.array(CimType.UINT8, bytes);
    }

    /** Why a requested size is refused, or null. */
    static String sizeProblem(long width, long height) {
        if (width < 1 || height < 1) return "a thumbnail needs at least 1x1 pixels, not " + width + "x" + height;
        if (width > MAX_WIDTH || height > MAX_HEIGHT)
            return "a thumbnail is at most the screen's " + MAX_WIDTH + "x" + MAX_HEIGHT + " pixels, not " + width + "x" + height;
        return null;
    }

    static int rgb565(int r, int g, int b) {
        return (r >> 3) << 11 | (g >> 2) << 5 | b >> 3;
    }
}
