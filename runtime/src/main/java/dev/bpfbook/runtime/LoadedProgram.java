package dev.bpfbook.runtime;

import dev.bpfbook.lang.ast.Span;
import dev.bpfbook.lang.diag.CompileException;
import dev.bpfbook.lang.diag.Diagnostic;
import dev.bpfbook.lang.diag.Diagnostics;
import dev.bpfbook.lang.program.CompiledProgram;
import dev.bpfbook.lang.program.MapSpec;
import dev.bpfbook.lang.program.ProbeProgram;
import dev.bpfbook.linux.BpfProgram;
import dev.bpfbook.linux.VerifierException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A compiled program in the kernel: its maps resolved to live fds and its programs loaded (not yet
 * attached). It owns the programs; maps are owned by whoever {@code mapFor} got them from.
 */
final class LoadedProgram implements AutoCloseable {
    record Loaded(ProbeProgram spec, BpfProgram program) {}

    final CompiledProgram compiled;
    final Map<String, LiveMap> maps;
    final List<Loaded> programs;

    private LoadedProgram(CompiledProgram compiled, Map<String, LiveMap> maps, List<Loaded> programs) {
        this.compiled = compiled;
        this.maps = maps;
        this.programs = programs;
    }

    /**
     * Resolves every map through {@code mapFor} (which creates or reuses it), patches map fds into the
     * instructions and loads each program. A verifier rejection becomes a CompileException that points at
     * the source that produced the rejected instruction.
     */
    static LoadedProgram load(CompiledProgram compiled, Function<MapSpec, LiveMap> mapFor, String sourceName,
                              String source) throws CompileException {
        Map<String, LiveMap> maps = new LinkedHashMap<>();
        for (MapSpec spec : compiled.maps()) {
            maps.put(spec.name(), mapFor.apply(spec));
        }
        List<Loaded> loaded = new ArrayList<>();
        try {
            for (ProbeProgram p : compiled.programs()) {
                byte[] insns = p.relocated(name -> {
                    LiveMap m = maps.get(name);
                    if (m == null) throw new IllegalStateException("program " + p.name() + " uses undeclared map " + name);
                    return m.map().fd();
                });
                try {
                    loaded.add(new Loaded(p, BpfProgram.load(p.progType(), insns, "GPL", p.name(), 0,
                            p.functions().btf(), p.functions().records())));
                } catch (VerifierException e) {
                    throw verifierError(p, e, sourceName, source);
                }
            }
        } catch (CompileException | RuntimeException e) {
            loaded.forEach(l -> l.program().close());
            throw e;
        }
        return new LoadedProgram(compiled, maps, List.copyOf(loaded));
    }

    private static CompileException verifierError(ProbeProgram p, VerifierException e, String sourceName, String source) {
        String reason = verifierReason(e.log());
        int insn = e.instruction();
        Span span = insn >= 0 && insn < p.insnSpans().size() ? p.insnSpans().get(insn) : Span.NONE;
        List<Diagnostic> diags = List.of(Diagnostic.error(span,
                "the kernel verifier rejected the program for " + p.attachPoint().name() + ": " + reason));
        String text = Diagnostics.render(sourceName, source, diags) + tail(e.log(), 25);
        return new CompileException(diags, text);
    }

    /** The verifier's own complaint: the last meaningful line of its log. */
    static String verifierReason(String log) {
        String[] lines = log.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("processed ") || l.startsWith("verification time")
                    || l.startsWith("stack depth") || l.startsWith("-- END PROG LOAD LOG --")) continue;
            return l;
        }
        return "(no verifier log)";
    }

    private static String tail(String log, int n) {
        String[] lines = log.strip().split("\n");
        int from = Math.max(0, lines.length - n);
        return "Verifier log (last " + (lines.length - from) + " lines):\n"
                + String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length)) + "\n";
    }

    @Override
    public void close() {
        programs.forEach(l -> l.program().close());
    }
}
