package dev.bpfbook.runtime;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line takes options and operands in bpftrace's (getopt's) order-free way. */
class CliTest {
    record Result(int rc, String out, String err) {}

    @BeforeAll
    static void bpf() {
        RequireBpf.check();
    }

    static Result cli(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int rc = Cli.run(args, new PrintStream(out, true), new PrintStream(err, true));
        return new Result(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void optionsAfterTheProgramStillApply() {
        // Without -c taking effect this program would never end: only the child's exit stops it.
        Result r = cli("-e", "BEGIN { printf(\"begin\\n\"); }", "-c", "/bin/true");
        assertEquals(0, r.rc(), r.err());
        assertEquals("Attaching 1 probe...\nbegin\n\n\n", r.out());
    }

    @Test
    void operandsAfterAnInlineProgramArePositionalParameters() {
        Result r = cli("-e", "BEGIN { printf(\"%d %s %d\\n\", $1, str($2), $#); exit(); }", "7", "abc");
        assertEquals(0, r.rc(), r.err());
        assertEquals("Attaching 1 probe...\n7 abc 2\n\n\n", r.out());
    }

    @Test
    void aFileThenItsParameters(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sum.bt");
        Files.writeString(file, "BEGIN { printf(\"%d\\n\", $1 + $2); exit(); }\n");
        Result r = cli(file.toString(), "2", "3");
        assertEquals(0, r.rc(), r.err());
        assertEquals("Attaching 1 probe...\n5\n\n\n", r.out());
    }

    @Test
    void doubleDashEndsOptions() {
        Result r = cli("-e", "BEGIN { printf(\"%s\\n\", str($1)); exit(); }", "--", "-c");
        assertEquals(0, r.rc(), r.err());
        assertEquals("Attaching 1 probe...\n-c\n\n\n", r.out());
    }

    @Test
    void errorsExitOne(@TempDir Path dir) {
        Result unknown = cli("-x", "-e", "BEGIN {}");
        assertEquals(1, unknown.rc());
        assertTrue(unknown.err().startsWith("ERROR: unknown option -x\n"), unknown.err());
        Result syntax = cli("-e", "BEGIN { @x = 1 +; }");
        assertEquals(1, syntax.rc());
        assertEquals("stdin:1:16-18: ERROR: syntax error, unexpected ;\nBEGIN { @x = 1 +; }\n               ~~\n",
                syntax.err());
        Result missing = cli(dir.resolve("nope.bt").toString());
        assertEquals(1, missing.rc());
        assertTrue(missing.err().startsWith("ERROR: failed to open "), missing.err());
    }
}
