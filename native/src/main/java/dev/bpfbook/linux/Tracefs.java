package dev.bpfbook.linux;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The tracing filesystem: tracepoint ids, formats and the event catalogue. */
public final class Tracefs {
    private Tracefs() {}

    private static final Path PRIMARY = Path.of("/sys/kernel/tracing");
    private static final Path LEGACY = Path.of("/sys/kernel/debug/tracing");
    private static volatile Path root;

    /**
     * Where tracefs is mounted: /sys/kernel/tracing, else /sys/kernel/debug/tracing, else it is
     * mounted at /sys/kernel/tracing (it is not mounted at boot on every system).
     */
    public static Path root() {
        Path r = root;
        if (r != null) return r;
        synchronized (Tracefs.class) {
            if (root != null) return root;
            if (mounted(PRIMARY)) {
                root = PRIMARY;
            } else if (mounted(LEGACY)) {
                root = LEGACY;
            } else {
                try {
                    Libc.mount("nodev", PRIMARY.toString(), "tracefs", 0, null);
                } catch (LastErrorException e) {
                    throw new BpfException("mount(tracefs)", e.getErrorCode(),
                            "tracefs is not mounted or not readable by this user; as root: mount -t tracefs nodev " + PRIMARY);
                }
                if (!mounted(PRIMARY)) throw new BpfException("mount(tracefs)", "mounted but " + PRIMARY + "/events is missing", null);
                root = PRIMARY;
            }
            return root;
        }
    }

    private static boolean mounted(Path p) {
        return Files.isDirectory(p.resolve("events"));
    }

    /** The id of tracepoint CATEGORY:NAME (events/CATEGORY/NAME/id). */
    public static int tracepointId(String category, String name) {
        return Integer.parseInt(read(eventFile(category, name, "id")).trim());
    }

    /** The raw text of events/CATEGORY/NAME/format. */
    public static String format(String category, String name) {
        return read(eventFile(category, name, "format"));
    }

    public static boolean exists(String category, String name) {
        return Files.isDirectory(eventFile(category, name, "").getParent());
    }

    /** Every tracepoint as "category:name", from available_events. */
    public static List<String> events() {
        List<String> out = new ArrayList<>();
        for (String line : read(root().resolve("available_events")).split("\n")) {
            if (!line.isBlank()) out.add(line.strip());
        }
        return out;
    }

    private static Path eventFile(String category, String name, String file) {
        if (category.contains("/") || name.contains("/") || category.contains("..") || name.contains("..")) {
            throw new IllegalArgumentException("bad tracepoint " + category + ":" + name);
        }
        Path dir = root().resolve("events").resolve(category).resolve(name);
        return file.isEmpty() ? dir.resolve("id") : dir.resolve(file);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (NoSuchFileException e) {
            throw new BpfException("tracefs", "no such tracepoint file " + p, e);
        } catch (IOException e) {
            throw new BpfException("tracefs", "cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
