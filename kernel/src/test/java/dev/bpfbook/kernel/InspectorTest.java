package dev.bpfbook.kernel;

import dev.bpfbook.lang.builtins.Builtins;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InspectorTest {
    private final Inspector inspector = new Inspector(() -> Set.of("@syscalls"));

    @Test
    void everyNameCompletionOffersHasOneLineOfHelp() {
        Completer completer = new Completer(() -> Set.of("@syscalls"), Path.of("/nonexistent"));
        for (String code : List.of("BEGIN { ", "")) {
            for (String word : completer.complete(code, code.length()).matches()) {
                String doc = inspector.inspect(code + word, code.length() + word.length()).orElseThrow(() -> new AssertionError(word));
                assertFalse(doc.contains("\n"), word);
                assertTrue(doc.startsWith(word), word + ": " + doc);
            }
        }
    }

    @Test
    void wordUnderOrBeforeCursorIsDocumented() {
        String code = "BEGIN { printf(\"%s\\n\", comm); }";
        int inComm = code.indexOf("comm") + 2;
        assertEquals(Builtins.doc("comm"), inspector.inspect(code, inComm));
        assertTrue(inspector.inspect(code, inComm).orElseThrow().contains("string[16]"));
        assertEquals(Builtins.doc("printf"), inspector.inspect(code, code.indexOf("printf") + 6));
        assertTrue(inspector.inspect(code, 0).orElseThrow().startsWith("BEGIN: "));
        assertTrue(inspector.inspect("kprobe:f { arg3 }", 15).orElseThrow().startsWith("arg3: "));
        assertTrue(inspector.inspect("uprobe:/bin/sh:f { sarg2 }", 22).orElseThrow().contains("sp + 24"));
    }

    @Test
    void aggregationsAndBothKindsOfStackAreDocumented() {
        String code = "kprobe:f { @h = hist(retval); @s[kstack] = count(); }";
        assertEquals(Builtins.doc("hist"), inspector.inspect(code, code.indexOf("hist") + 1));
        assertTrue(inspector.inspect(code, code.indexOf("hist") + 1).orElseThrow().contains("power-of-two"));
        assertTrue(inspector.inspect(code, code.indexOf("kstack") + 1).orElseThrow().startsWith("kstack([mode]"));
    }

    @Test
    void probeTypesAndTheirAliasesOnlyOutsideBlocks() {
        assertEquals(inspector.inspect("tracepoint:a:b { }", 3), inspector.inspect("t:a:b { }", 0));
        assertTrue(inspector.inspect("t:a:b { }", 0).orElseThrow().startsWith("tracepoint:"));
        assertTrue(inspector.inspect("fentry:vfs_read { }", 2).orElseThrow().startsWith("kfunc:"));
        assertEquals(Optional.empty(), inspector.inspect("BEGIN { t }", 9), "inside a block t is not a probe type");
        assertTrue(inspector.inspect("BEGIN { $1 }", 10).orElseThrow().startsWith("$1, $2"));
        assertTrue(inspector.inspect("BEGIN { sizeof(int) }", 10).orElseThrow().startsWith("sizeof("));
    }

    @Test
    void sessionMapsAreDocumentedAndUnknownWordsAreNot() {
        assertTrue(inspector.inspect("print(@syscalls)", 10).orElseThrow().startsWith("@syscalls: "));
        assertEquals(Optional.empty(), inspector.inspect("print(@nope)", 9));
        assertEquals(Optional.empty(), inspector.inspect("BEGIN { frobnicate", 18));
    }
}
