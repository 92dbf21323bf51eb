package dev.bpfbook.lang.check;

import dev.bpfbook.lang.program.ProbeCatalogue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A probe catalogue built from format files captured from this kernel's tracefs (test resources). */
public final class TestCatalogue implements ProbeCatalogue {
    private static final Map<String, String> RESOURCES = Map.of(
            "syscalls:sys_enter_openat", "sys_enter_openat",
            "syscalls:sys_enter_read", "sys_enter_read",
            "syscalls:sys_exit_read", "sys_exit_read",
            "sched:sched_process_exec", "sched_process_exec",
            "sched:sched_switch", "sched_switch",
            "raw_syscalls:sys_enter", "raw_sys_enter");

    public static String resource(String file) {
        try (InputStream in = TestCatalogue.class.getResourceAsStream("/tracepoints/" + file + ".format")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<String> tracepoints() {
        return RESOURCES.keySet().stream().sorted().toList();
    }

    @Override
    public Optional<String> tracepointFormat(String category, String name) {
        String r = RESOURCES.get(category + ":" + name);
        return r == null ? Optional.empty() : Optional.of(resource(r));
    }

    @Override
    public int possibleCpus() {
        return 2;
    }
}
