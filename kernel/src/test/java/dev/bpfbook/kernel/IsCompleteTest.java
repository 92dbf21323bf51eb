package dev.bpfbook.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IsCompleteTest {
    @Test
    void balancedProgramsAreComplete() {
        assertEquals("complete", IsComplete.of("BEGIN { printf(\"hello, world\\n\"); exit(); }"));
        assertEquals("complete", IsComplete.of(""));
        assertEquals("complete", IsComplete.of("kprobe:f { @[comm] = count(); } // trailing comment"));
    }

    @Test
    void openBracketsAskForIndentedContinuation() {
        assertEquals("  ", IsComplete.of("BEGIN {"));
        assertEquals("    ", IsComplete.of("BEGIN { if (pid > 1) {"));
        assertEquals("    ", IsComplete.of("BEGIN { printf(\"%d\\n\","));
    }

    @Test
    void bracketsInStringsAndCommentsDoNotCount() {
        assertEquals("complete", IsComplete.of("BEGIN { printf(\"}{)\\\"(\"); }"));
        assertEquals("complete", IsComplete.of("// {\nBEGIN { exit(); } /* } */"));
        assertEquals("  ", IsComplete.of("BEGIN { exit(); } /* still open"));
        assertEquals("    ", IsComplete.of("BEGIN { printf(\"unterminated"));
        assertEquals("  ", IsComplete.of("\"unterminated"));
    }

    @Test
    void strayOrMismatchedClosersAreInvalid() {
        assertEquals("invalid", IsComplete.of("BEGIN { exit(); }}"));
        assertEquals("invalid", IsComplete.of("}"));
        assertEquals("invalid", IsComplete.of("BEGIN { exit(}; )"));
    }
}
