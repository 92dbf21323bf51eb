package dev.bpfbook.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** CPU sets from sysfs. Per-CPU maps hold one value slot per possible CPU. */
public final class Cpus {
    private Cpus() {}

    private static volatile int possible = -1;

    /** Number of possible CPUs (the length of /sys/devices/system/cpu/possible). */
    public static int possible() {
        int p = possible;
        if (p < 0) {
            p = parseList(read("/sys/devices/system/cpu/possible")).size();
            possible = p;
        }
        return p;
    }

    /** Online CPU ids, ascending. */
    public static List<Integer> online() {
        return parseList(read("/sys/devices/system/cpu/online"));
    }

    /** Parses the kernel's cpulist format, e.g. "0-3,5,7-8". */
    public static List<Integer> parseList(String text) {
        List<Integer> cpus = new ArrayList<>();
        String t = text.trim();
        if (t.isEmpty()) return cpus;
        for (String part : t.split(",")) {
            int dash = part.indexOf('-');
            if (dash < 0) {
                cpus.add(Integer.parseInt(part.trim()));
            } else {
                int lo = Integer.parseInt(part.substring(0, dash).trim());
                int hi = Integer.parseInt(part.substring(dash + 1).trim());
                for (int c = lo; c <= hi; c++) cpus.add(c);
            }
        }
        return cpus;
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
