package dev.bpfbook.runtime;

import dev.bpfbook.lang.diag.CompileException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Maps outlive a run: later runs in the same session read, extend and clear them. */
class SessionMapsTest {
    @BeforeAll
    static void bpf() {
        RequireBpf.check();
    }

    @Test
    void mapsLiveAcrossRuns() throws Exception {
        try (Session session = new Session()) {
            var first = Traced.around(session, "tracepoint:syscalls:sys_enter_read /comm == \"dd\"/ { @c = count(); }",
                    () -> Workload.dd(100));
            assertEquals("@c: 103", first.run().mapsText().strip());

            var reread = Traced.once(session, "BEGIN { print(@c); exit(); }");
            assertEquals("@c: 103", reread.stdout().strip());

            var extended = Traced.around(session, "tracepoint:syscalls:sys_enter_read /comm == \"dd\"/ { @c = count(); }",
                    () -> Workload.dd(10));
            assertEquals("@c: 116", extended.run().mapsText().strip());

            Traced.once(session, "BEGIN { clear(@c); exit(); }");
            var cleared = Traced.once(session, "BEGIN { print(@c); exit(); }");
            assertEquals("", cleared.stdout().strip());
            assertTrue(session.mapNames().contains("@c"));
        }
    }

    @Test
    void conflictingTypeNamesTheMapAndItsOrigin() throws Exception {
        try (Session session = new Session()) {
            Traced.once(session, "BEGIN { @x = count(); exit(); }");
            var e = assertThrows(CompileException.class,
                    () -> session.start("BEGIN { @x = \"str\"; exit(); }", RunOptions.defaults(), Output.of(System.out, System.err)));
            assertTrue(e.getMessage().contains("@x"), e.getMessage());
            assertTrue(e.getMessage().contains("stdin:1:"), e.getMessage());
        }
    }
}
