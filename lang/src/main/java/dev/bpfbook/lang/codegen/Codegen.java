package dev.bpfbook.lang.codegen;

import dev.bpfbook.lang.CompileContext;
import dev.bpfbook.lang.check.CheckedProgram;
import dev.bpfbook.lang.diag.Diagnostic;
import dev.bpfbook.lang.program.AttachPoint;
import dev.bpfbook.lang.program.CompiledProgram;
import dev.bpfbook.lang.program.ProbeProgram;

import java.util.ArrayList;
import java.util.List;

/** Turns a checked program into one BPF program per concrete attach point, plus maps and actions. */
public final class Codegen {
    private Codegen() {}

    /** A failure found while emitting (e.g. the stack limit); carries the span to report. */
    public static final class Failure extends Exception {
        public final Diagnostic diagnostic;

        Failure(Diagnostic diagnostic) {
            super(diagnostic.message());
            this.diagnostic = diagnostic;
        }
    }

    public static CompiledProgram generate(CheckedProgram checked, CompileContext ctx) throws Failure {
        ProgramLayout layout = new ProgramLayout(checked.maps(), ctx.sessionMaps());
        List<ProbeProgram> programs = new ArrayList<>();
        for (var probe : checked.probes()) {
            for (var target : probe.targets()) {
                AttachPoint ap = target.target().attachPoint();
                ProbeEmitter emitter = new ProbeEmitter(layout, ap, target.format(), target.types());
                emitter.setPositionalParams(ctx.positionalParams());
                emitter.setCatalogue(ctx.catalogue());
                Assembler.Assembled code;
                try {
                    code = emitter.emit(probe.probe());
                } catch (StackFrame.StackExhausted e) {
                    throw new Failure(Diagnostic.error(probe.probe().span(), e.getMessage()));
                } catch (Assembler.AssemblyException e) {
                    throw new Failure(Diagnostic.error(probe.probe().span(), e.getMessage()));
                }
                programs.add(new ProbeProgram(programName(ap), ap, target.target().progType(), code.insns(),
                        code.relocations(), code.spans(), FunctionBtf.of(emitter.functionStarts())));
            }
        }
        return new CompiledProgram(programs, layout.maps(), layout.actions(), checked.writtenMaps());
    }

    /** A kernel program name: at most 15 characters of [A-Za-z0-9_]. */
    static String programName(AttachPoint ap) {
        String base = switch (ap.provider()) {
            case "BEGIN", "END" -> ap.provider();
            case "tracepoint" -> ap.target().substring(ap.target().indexOf(':') + 1);
            default -> ap.provider();
        };
        String clean = base.replaceAll("[^A-Za-z0-9_]", "_");
        return clean.length() > 15 ? clean.substring(0, 15) : clean;
    }
}
