package dev.bpfbook.lang;

import dev.bpfbook.lang.ast.Program;
import dev.bpfbook.lang.check.CheckedProgram;
import dev.bpfbook.lang.check.Checker;
import dev.bpfbook.lang.codegen.Codegen;
import dev.bpfbook.lang.diag.CompileException;
import dev.bpfbook.lang.diag.Diagnostics;
import dev.bpfbook.lang.program.CompiledProgram;

import java.util.List;

/** The language's entry point: a parsed program in, checked and compiled to eBPF out. */
public final class Compiler {
    private Compiler() {}

    /** Checks and compiles {@code program}; errors are positioned and rendered as bpftrace does. */
    public static CompiledProgram compile(Program program, CompileContext ctx) throws CompileException {
        CheckedProgram checked = Checker.check(program, ctx);
        try {
            return Codegen.generate(checked, ctx);
        } catch (Codegen.Failure f) {
            throw new CompileException(List.of(f.diagnostic),
                    Diagnostics.render(ctx.sourceName(), ctx.source(), List.of(f.diagnostic)));
        }
    }

    /** Checks {@code program} without generating code. */
    public static void check(Program program, CompileContext ctx) throws CompileException {
        Checker.check(program, ctx);
    }
}
