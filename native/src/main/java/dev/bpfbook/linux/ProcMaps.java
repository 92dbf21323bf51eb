package dev.bpfbook.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A process's memory mappings (/proc/PID/maps), to resolve user addresses to files. */
public final class ProcMaps {
    private ProcMaps() {}

    /** One mapping; path is "" for anonymous memory and "[heap]"-style names for special ones. */
    public record Mapping(long start, long end, String perms, long offset, String path) {
        public boolean contains(long address) {
            return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
        }

        public boolean executable() {
            return perms.indexOf('x') >= 0;
        }

        /** The file offset that {@code address} maps. */
        public long fileOffset(long address) {
            return address - start + offset;
        }
    }

    /** Mappings of {@code pid} ("self" for -1); empty when the process has exited. */
    public static List<Mapping> read(int pid) {
        Path p = Path.of("/proc", pid < 0 ? "self" : Integer.toString(pid), "maps");
        List<String> lines;
        try {
            lines = Files.readAllLines(p);
        } catch (IOException e) {
            return List.of();
        }
        List<Mapping> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            Mapping m = parseLine(line);
            if (m != null) out.add(m);
        }
        return out;
    }

    static Mapping parseLine(String line) {
        // 7f2c1a000000-7f2c1a028000 r--p 00000000 fe:01 1234   /usr/lib/x86_64-linux-gnu/libc.so.6
        String[] f = line.trim().split("\\s+", 6);
        if (f.length < 5) return null;
        int dash = f[0].indexOf('-');
        long start = Long.parseUnsignedLong(f[0].substring(0, dash), 16);
        long end = Long.parseUnsignedLong(f[0].substring(dash + 1), 16);
        long offset = Long.parseUnsignedLong(f[2], 16);
        return new Mapping(start, end, f[1], offset, f.length == 6 ? f[5] : "");
    }

    /** The mapping containing {@code address}. */
    public static Optional<Mapping> find(List<Mapping> maps, long address) {
        for (Mapping m : maps) if (m.contains(address)) return Optional.of(m);
        return Optional.empty();
    }

    /** The path of the first mapped file whose name is {@code fileName} or starts with "fileName." (e.g. "libc" finds libc.so.6). */
    public static Optional<String> findLibrary(List<Mapping> maps, String fileName) {
        for (Mapping m : maps) {
            if (!m.path().startsWith("/")) continue;
            String base = Path.of(m.path()).getFileName().toString();
            if (base.equals(fileName) || base.startsWith(fileName + ".") || base.startsWith(fileName + "-")) return Optional.of(m.path());
        }
        return Optional.empty();
    }
}
