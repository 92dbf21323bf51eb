package dev.bpfbook.runtime;

import dev.bpfbook.lang.Compiler;
import dev.bpfbook.lang.CompileContext;
import dev.bpfbook.lang.ast.Program;
import dev.bpfbook.lang.codegen.ProgramLayout;
import dev.bpfbook.lang.diag.CompileException;
import dev.bpfbook.lang.program.CompiledProgram;
import dev.bpfbook.lang.program.MapSpec;
import dev.bpfbook.lang.syntax.Parser;
import dev.bpfbook.linux.BpfAvailability;
import dev.bpfbook.linux.Kallsyms;
import dev.bpfbook.linux.Rlimits;
import dev.bpfbook.runtime.format.MapPrinter;
import dev.bpfbook.runtime.format.ValueDecoder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A tracing session: the live maps shared by every run in it (a notebook kernel's whole life, or one
 * CLI invocation). Closing it stops every run (so nothing stays attached) and frees every map.
 */
public final class Session implements AutoCloseable {
    /** Internal maps that outlive a run because user maps refer into them (stack ids). */
    private static final Set<String> SHARED_INTERNAL = Set.of(ProgramLayout.KERNEL_STACKS, ProgramLayout.USER_STACKS);

    private final Supplier<Kallsyms> kallsyms = Lazy.of(Kallsyms::load);
    private final KernelCatalogue catalogue = new KernelCatalogue(kallsyms);
    private final Map<String, LiveMap> userMaps = new LinkedHashMap<>();
    private final Map<String, LiveMap> sharedInternal = new ConcurrentHashMap<>();
    final ValueDecoder decoder = new ValueDecoder(new LiveSymbols(kallsyms, name -> {
        LiveMap m = sharedInternal.get(name);
        return m == null ? null : m.map();
    }));
    private final MapPrinter printer = new MapPrinter(decoder);
    private final List<Run> runs = new CopyOnWriteArrayList<>();
    private int started;
    private boolean closed;

    public Session() {
        Rlimits.raiseMemlock();
    }

    /**
     * Compiles {@code source} against this session's maps, loads and attaches it, runs BEGIN and returns
     * the live run. Output streams to {@code out} from this moment until the run ends.
     *
     * @throws CompileException with bpftrace-style positioned diagnostics (syntax, types, verifier)
     */
    public synchronized Run start(String source, RunOptions options, Output out) throws CompileException {
        if (closed) throw new IllegalStateException("session is closed");
        CompiledProgram compiled = Compiler.compile(parse(source, options), context(source, options));
        String origin = "cell [" + (++started) + "]";
        Map<String, LiveMap> created = new LinkedHashMap<>();
        List<LiveMap> owned = new ArrayList<>();
        LoadedProgram loaded;
        try {
            loaded = LoadedProgram.load(compiled, spec -> {
                if (SHARED_INTERNAL.contains(spec.name())) {
                    return sharedInternal.computeIfAbsent(spec.name(), n -> LiveMap.create(spec, origin));
                }
                if (!spec.isUserMap()) {
                    LiveMap m = LiveMap.create(spec, origin);
                    owned.add(m);
                    return m;
                }
                LiveMap existing = userMaps.get(spec.name());
                if (existing != null) return existing;
                return created.computeIfAbsent(spec.name(), n -> LiveMap.create(spec, origin));
            }, options.sourceName(), source);
        } catch (CompileException | RuntimeException e) {
            owned.forEach(m -> m.map().close());
            created.values().forEach(m -> m.map().close());
            throw e;
        }
        userMaps.putAll(created);
        Run run = new Run(this, loaded, owned, options, out);
        runs.add(run);
        try {
            run.start();
        } catch (RuntimeException e) {
            runs.remove(run);
            throw e;
        }
        return run;
    }

    /** Type-checks only: no load, no attach (the CLI's --check and the kernel's is_complete). */
    public synchronized void check(String source, RunOptions options) throws CompileException {
        Compiler.check(parse(source, options), context(source, options));
    }

    private static Program parse(String source, RunOptions options) throws CompileException {
        return Parser.parse(source, options.sourceName());
    }

    private CompileContext context(String source, RunOptions options) {
        Map<String, MapSpec> specs = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        userMaps.forEach((name, m) -> {
            specs.put(name, m.spec());
            origins.put(name, m.origin());
        });
        return new CompileContext(options.sourceName(), source, catalogue, specs, origins,
                options.positionalParams(), options.unsafe());
    }

    /** Names of the maps alive in this session, with their '@'. */
    public synchronized Set<String> mapNames() {
        return new TreeSet<>(userMaps.keySet());
    }

    /** The named maps that hold at least one element, in bpftrace's print order. */
    synchronized List<String> nonEmpty(Collection<String> names) {
        return names.stream().filter(n -> userMaps.containsKey(n) && !userMaps.get(n).isEmpty())
                .sorted(MapPrinter.PRINT_ORDER).collect(Collectors.toList());
    }

    /** bpftrace's text (or JSON lines) for the named maps, in the given order. */
    synchronized String printMaps(List<String> names, boolean json) {
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            LiveMap m = userMaps.get(name);
            if (m != null) out.append(MapText.render(printer, m, 0, 0, json));
        }
        return out.toString();
    }

    /** Text for print(@map, top, div) from a running program; an empty map prints nothing (unlike at exit). */
    synchronized String printMap(String name, long top, long div, boolean json) {
        LiveMap m = userMaps.get(name);
        return m == null || m.isEmpty() ? "" : MapText.render(printer, m, top, div, json);
    }

    synchronized void clearMap(String name) {
        LiveMap m = userMaps.get(name);
        if (m != null) m.map().clear();
    }

    synchronized void zeroMap(String name) {
        LiveMap m = userMaps.get(name);
        if (m != null) m.zero();
    }

    void runEnded(Run run) {
        runs.remove(run);
    }

    /** Null when BPF is usable here, otherwise why not and how to fix it. */
    public static String bpfUnavailableReason() {
        return BpfAvailability.unavailableReason();
    }

    /** Stops every run (END runs, probes detach) and frees every map. */
    @Override
    public void close() {
        List<Run> active = List.copyOf(runs);
        active.forEach(Run::close);
        synchronized (this) {
            if (closed) return;
            closed = true;
            userMaps.values().forEach(m -> m.map().close());
            userMaps.clear();
            sharedInternal.values().forEach(m -> m.map().close());
            sharedInternal.clear();
        }
    }
}
