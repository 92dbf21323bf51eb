package dev.bpfbook.lang.fuzz;

import dev.bpfbook.lang.CompileContext;
import dev.bpfbook.lang.Compiler;
import dev.bpfbook.lang.check.TestCatalogue;
import dev.bpfbook.lang.diag.CompileException;
import dev.bpfbook.lang.syntax.Parser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Inputs MutationFuzzTest once found to escape the front end with something other than a positioned
 * CompileException, reduced by hand. Each must now be rejected with exactly bpftrace 0.17's text (where
 * bpftrace rejects it the same way), or at least cleanly.
 */
class FuzzFindingsTest {
    /** Input, then bpftrace 0.17's text for it ("": any positioned diagnostic will do). */
    static final Map<String, String> FINDINGS = Map.of(
            "BEGIN { @x = $0; }",
            "stdin:1:14-16: ERROR: param $0 is out of integer range [1, 9223372036854775807]\n"
                    + "BEGIN { @x = $0; }\n"
                    + "             ~~\n",
            "kretprobe:vfs_read { @r[retval < $0 ? \"error\" : \"ok\"] = count(); }", "",
            // Codegen: "register r7 still taken at branch join" (nested && inside || with a nested ==).
            "BEGIN { @n = 1 || 2 && (3 == (4 == 5)); }", "",
            "kprobe:vfs_read /pid || 100 && (uid == 0 > gid == 0) && !(comm == \"sshd\")/ { @n = count(); }", "");

    @TestFactory
    Stream<DynamicTest> findingsAreRejectedCleanly() {
        return FINDINGS.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            MutationFuzzTest fuzz = new MutationFuzzTest();
            String outcome = fuzz.run(new MutationFuzzTest.Mutant("finding", e.getKey()), new TestCatalogue());
            if (!fuzz.bugs.isEmpty()) {
                MutationFuzzTest.Bug b = fuzz.bugs.values().iterator().next();
                throw new AssertionError(b.signature(), b.error());
            }
            if (!e.getValue().isEmpty()) {
                assertEquals("rejected at check", outcome);
                try {
                    Compiler.check(Parser.parse(e.getKey(), "stdin"), CompileContext.of("stdin", e.getKey(), new TestCatalogue()));
                } catch (CompileException ce) {
                    assertEquals(e.getValue(), ce.getMessage());
                }
            }
        }));
    }
}
