package dev.bpfbook.runtime;

import dev.bpfbook.lang.ast.Span;
import dev.bpfbook.lang.diag.CompileException;
import dev.bpfbook.lang.program.AttachPoint;
import dev.bpfbook.lang.program.CompiledProgram;
import dev.bpfbook.lang.program.ProbeProgram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A program the kernel verifier rejects becomes a positioned error: the verifier's own reason, pointing at the
 * source that produced the rejected instruction, followed by the end of the verifier log.
 */
class VerifierRejectionTest {
    @BeforeAll
    static void bpf() {
        RequireBpf.check();
    }

    @Test
    void rejectionPointsAtTheSourceOfTheRejectedInstruction() {
        String source = "BEGIN {\n  @x = 1;\n  exit();\n}\n";
        // Instruction 1 reads r2, which was never set; its span is line 3, so the error must point there.
        byte[] insns = {
                (byte) 0xb7, 0x00, 0, 0, 0, 0, 0, 0,         // 0: r0 = 0
                (byte) 0xbf, 0x20, 0, 0, 0, 0, 0, 0,         // 1: r0 = r2  (r2 is uninitialised)
                (byte) 0x95, 0x00, 0, 0, 0, 0, 0, 0,         // 2: exit
        };
        Span line2 = new Span(2, 3, 2, 10), line3 = new Span(3, 3, 3, 9);
        ProbeProgram begin = new ProbeProgram("BEGIN", new AttachPoint("BEGIN", "", 0, "", "BEGIN"), 17, insns,
                List.of(), List.of(line2, line3, line3));
        CompiledProgram compiled = new CompiledProgram(List.of(begin), List.of(), List.of());
        CompileException e = assertThrows(CompileException.class,
                () -> LoadedProgram.load(compiled, spec -> { throw new AssertionError(); }, "stdin", source));
        String text = e.getMessage();
        assertTrue(text.startsWith("stdin:3:3-9: ERROR: the kernel verifier rejected the program for BEGIN: R2 !read_ok\n"
                + "  exit();\n  ~~~~~~\n"), text);
        assertTrue(text.contains("Verifier log"), text);
        assertEquals(1, e.diagnostics().size());
    }
}
