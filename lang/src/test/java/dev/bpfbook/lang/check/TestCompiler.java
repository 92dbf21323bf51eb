package dev.bpfbook.lang.check;

import dev.bpfbook.lang.CompileContext;
import dev.bpfbook.lang.Compiler;
import dev.bpfbook.lang.diag.CompileException;
import dev.bpfbook.lang.diag.Diagnostic;
import dev.bpfbook.lang.program.CompiledProgram;
import dev.bpfbook.lang.program.ProbeCatalogue;
import dev.bpfbook.lang.syntax.Parser;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Compiles and checks test sources named "stdin" against the TestCatalogue's tracepoints plus an ELF
 * file (/bin/bash with readline, readline_internal and main), a kernel symbol (jiffies) and a cgroup
 * (/sys/fs/cgroup/a), so that uprobes, kaddr() and cgroupid() resolve without this machine.
 */
public final class TestCompiler {
    private TestCompiler() {}

    public static final ProbeCatalogue CATALOGUE = new ProbeCatalogue() {
        final TestCatalogue base = new TestCatalogue();

        public List<String> tracepoints() {
            return base.tracepoints();
        }

        public Optional<String> tracepointFormat(String category, String name) {
            return base.tracepointFormat(category, name);
        }

        public int possibleCpus() {
            return base.possibleCpus();
        }

        public OptionalLong kernelSymbol(String name) {
            return name.equals("jiffies") ? OptionalLong.of(0xffffffff82000000L) : OptionalLong.empty();
        }

        public OptionalLong cgroupId(String path) {
            return path.equals("/sys/fs/cgroup/a") ? OptionalLong.of(42) : OptionalLong.empty();
        }

        public List<String> userFunctions(String path) {
            return path.equals("/bin/bash") ? List.of("readline", "readline_internal", "main") : List.of();
        }
    };

    public static CompileContext context(String src, boolean unsafe) {
        return new CompileContext("stdin", src, CATALOGUE, Map.of(), Map.of(), List.of(), unsafe);
    }

    /** Compiles with --unsafe. */
    public static CompiledProgram compile(String src) throws CompileException {
        return Compiler.compile(Parser.parse(src, "stdin"), context(src, true));
    }

    /** What compiling with --unsafe reports; empty when it compiles. A crash is a failure of the test. */
    public static List<Diagnostic> errors(String src) {
        try {
            compile(src);
            return List.of();
        } catch (CompileException e) {
            return e.diagnostics();
        } catch (RuntimeException e) {
            throw new AssertionError("the compiler crashed on: " + src, e);
        }
    }

    /** Checking in safe mode must fail: the exception, whose message is the rendered diagnostics. */
    public static CompileException rejection(String src) {
        return assertThrows(CompileException.class, () -> Compiler.check(Parser.parse(src, "stdin"), context(src, false)));
    }
}
