package dev.bpfbook.kernel;

import dev.bpfbook.lang.builtins.Builtins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompleterTest {
    @TempDir
    Path events;

    private Completer completer() {
        return new Completer(() -> Set.of("@syscalls", "@bytes"), events);
    }

    @Test
    void topLevelWordsCompleteToProbeTypes() {
        Completer.Completion c = completer().complete("tracep", 6);
        assertEquals(List.of("tracepoint"), c.matches());
        assertEquals(0, c.start());
        assertEquals(6, c.end());
        assertEquals(List.of("kprobe", "kretprobe", "kretfunc", "kfunc").stream().sorted().toList(),
                completer().complete("BEGIN { exit(); }\nk", 19).matches());
    }

    @Test
    void actionWordsCompleteToBuiltinsFunctionsAndMaps() {
        String code = "BEGIN { printf(\"%s\", co";
        Completer.Completion c = completer().complete(code, code.length());
        assertEquals(List.of("comm", "count"), c.matches());
        assertEquals(code.length() - 2, c.start());
        code = "BEGIN { s";
        List<String> matches = completer().complete(code, code.length()).matches();
        assertTrue(matches.containsAll(List.of("str", "sum", "stats", "signal", "sizeof", "sarg0", "sarg9", "strncmp")), matches.toString());
        code = "kprobe:f { @t[tid] = ns";
        assertEquals(List.of("nsecs"), completer().complete(code, code.length()).matches());
        code = "BEGIN { @[nu";
        assertEquals(List.of("numaid"), completer().complete(code, code.length()).matches());
    }

    @Test
    void actionCandidatesAreTheCompilersBuiltinsAndNothingItRejects() {
        String code = "BEGIN { ";
        List<String> all = completer().complete(code, code.length()).matches();
        assertTrue(all.containsAll(Builtins.names()), "every registry name is offered");
        for (String candidate : all) {
            boolean known = Builtins.names().contains(candidate) || Syntax.WORDS.containsKey(candidate)
                    || Set.of("@syscalls", "@bytes").contains(candidate);
            assertTrue(known, candidate + " is offered but the compiler does not know it");
        }
        assertTrue(!all.contains("has_key") && !all.contains("skboutput"), "names the compiler lacks are not offered");
    }

    @Test
    void probeTypesAreTheCompilersWithAliasesForTracefs() throws IOException {
        Files.createDirectories(events.resolve("sched/sched_switch"));
        assertTrue(completer().complete("", 0).matches().containsAll(List.of("BEGIN", "END", "rawtracepoint", "watchpoint", "iter")));
        assertEquals(List.of("sched"), completer().complete("t:s", 3).matches(), "t is tracepoint");
        assertEquals(List.of("sched_switch"), completer().complete("T:sched:s", 9).matches(), "written leniently");
        assertEquals(List.of(), completer().complete("u:s", 3).matches(), "not a tracepoint");
    }

    @Test
    void atSignCompletesToSessionMapsOnly() {
        String code = "BEGIN { print(@sy";
        Completer.Completion c = completer().complete(code, code.length());
        assertEquals(List.of("@syscalls"), c.matches());
        assertEquals(code.length() - 3, c.start());
        assertEquals(List.of("@bytes", "@syscalls"), completer().complete("END { clear(@", 13).matches());
    }

    @Test
    void nothingInsideStringsOrComments() {
        String code = "BEGIN { printf(\"co";
        assertEquals(List.of(), completer().complete(code, code.length()).matches());
        assertEquals(List.of(), completer().complete("// co", 5).matches());
    }

    @Test
    void tracepointCategoriesAndEventsComeFromTracefs() throws IOException {
        Files.createDirectories(events.resolve("syscalls/sys_enter_read"));
        Files.createDirectories(events.resolve("syscalls/sys_exit_read"));
        Files.createDirectories(events.resolve("sched/sched_switch"));
        Files.writeString(events.resolve("enable"), "0\n");
        assertEquals(List.of("sched", "syscalls"), completer().complete("tracepoint:s", 12).matches());
        String code = "tracepoint:syscalls:sys_en";
        Completer.Completion c = completer().complete(code, code.length());
        assertEquals(List.of("sys_enter_read"), c.matches());
        assertEquals("tracepoint:syscalls:".length(), c.start());
    }
}
