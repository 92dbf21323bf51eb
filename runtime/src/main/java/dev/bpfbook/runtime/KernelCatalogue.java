package dev.bpfbook.runtime;

import dev.bpfbook.lang.program.ProbeCatalogue;
import dev.bpfbook.linux.Cpus;
import dev.bpfbook.linux.Tracefs;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The running kernel's probes, read from tracefs once per session and cached (the event list is ~2k lines). */
final class KernelCatalogue implements ProbeCatalogue {
    private volatile List<String> tracepoints;
    private final Map<String, Optional<String>> formats = new ConcurrentHashMap<>();

    @Override
    public List<String> tracepoints() {
        List<String> t = tracepoints;
        if (t == null) {
            t = tracepoints = List.copyOf(Tracefs.events());
        }
        return t;
    }

    @Override
    public Optional<String> tracepointFormat(String category, String name) {
        return formats.computeIfAbsent(category + ":" + name, k -> {
            try {
                return Optional.of(Tracefs.format(category, name));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public int possibleCpus() {
        return Cpus.possible();
    }
}
