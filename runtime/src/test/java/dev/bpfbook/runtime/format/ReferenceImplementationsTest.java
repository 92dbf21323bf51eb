package dev.bpfbook.runtime.format;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The C library behaviour bpftrace inherits, checked against outputs captured from the C implementations
 * themselves: libstdc++'s std::sort (cxxsort/), glibc strftime through GNU date (strftime/) and glibc
 * inet_ntop (inet6/).
 */
class ReferenceImplementationsTest {

    @Test
    void cxxSortOrdersTiesLikeLibstdcxx() {
        String[] lines = resource("cxxsort/cases.txt").split("\n");
        assertTrue(lines.length >= 60);
        for (String line : lines) {
            String[] halves = line.split("\\|", -1);
            long[] values = Arrays.stream(halves[0].trim().split(" ")).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
            List<Integer> positions = new ArrayList<>();
            for (int i = 0; i < values.length; i++) positions.add(i);
            CxxSort.sort(positions, Comparator.comparingLong(i -> values[i]));
            String got = positions.stream().map(i -> " " + i).reduce("", String::concat);
            assertEquals(halves[1], got, "input " + halves[0]);
        }
    }

    @Test
    void strftimeMatchesGlibc() {
        int n = 0;
        for (String line : resource("strftime/cases.txt").split("\n")) {
            String[] f = line.split("\t", -1);
            var t = Instant.ofEpochSecond(Long.parseLong(f[1])).atZone(ZoneId.of(f[0]));
            assertEquals(f[3], Strftime.format(f[2], t), line);
            n++;
        }
        assertTrue(n > 800);
        var t = Instant.ofEpochSecond(0).atZone(ZoneId.of("UTC"));
        assertEquals("00:00:00\n", Strftime.format("%H:%M:%S\n", t));
        assertEquals("a\tb\nc%Q", Strftime.format("a%tb%nc%Q", t));
    }

    @Test
    void timeRespectsBpftracesBufferSize() {
        var t = Instant.ofEpochSecond(1796651551).atZone(ZoneId.of("UTC"));
        // 15 years (60 bytes) + "12\n" fits the 64-byte buffer with its NUL; one more byte does not.
        assertEquals("2026".repeat(15) + "12\n", PrintfFormatter.time("%Y".repeat(15) + "12\n", t).orElseThrow());
        assertTrue(PrintfFormatter.time("%Y".repeat(15) + "123\n", t).isEmpty());
        assertTrue(PrintfFormatter.time("", t).isEmpty());
    }

    @Test
    void inet6MatchesGlibcInetNtop() {
        int n = 0;
        for (String line : resource("inet6/cases.txt").split("\n")) {
            String[] f = line.split("\t");
            assertEquals(f[1], ValueDecoder.inet6(HexFormat.of().parseHex(f[0])), f[0]);
            n++;
        }
        assertTrue(n > 300);
    }

    static String resource(String path) {
        return Reference.resource(path);
    }
}
