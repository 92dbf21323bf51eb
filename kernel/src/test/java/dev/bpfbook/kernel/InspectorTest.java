package dev.bpfbook.kernel;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InspectorTest {
    private final Inspector inspector = new Inspector(() -> Set.of("@syscalls"));

    @Test
    void everyBuiltinHasOneLineOfDocStartingWithItsName() {
        for (Map<String, String> table : new Map[]{Builtins.VARIABLES, Builtins.FUNCTIONS, Builtins.PROBE_TYPES}) {
            table.forEach((name, doc) -> {
                assertFalse(doc.contains("\n"), name);
                assertTrue(doc.startsWith(name), name + ": " + doc);
            });
        }
    }

    @Test
    void wordUnderOrBeforeCursorIsDocumented() {
        String code = "BEGIN { printf(\"%s\\n\", comm); }";
        int inComm = code.indexOf("comm") + 2;
        assertEquals(Optional.of(Builtins.VARIABLES.get("comm")), inspector.inspect(code, inComm));
        assertEquals(Optional.of(Builtins.FUNCTIONS.get("printf")), inspector.inspect(code, code.indexOf("printf") + 6));
        assertEquals(Optional.of(Builtins.PROBE_TYPES.get("BEGIN")), inspector.inspect(code, 0));
        assertEquals(Optional.of(Builtins.VARIABLES.get("arg0")), inspector.inspect("kprobe:f { arg3 }", 15));
    }

    @Test
    void sessionMapsAreDocumentedAndUnknownWordsAreNot() {
        assertTrue(inspector.inspect("print(@syscalls)", 10).orElseThrow().startsWith("@syscalls: "));
        assertEquals(Optional.empty(), inspector.inspect("print(@nope)", 9));
        assertEquals(Optional.empty(), inspector.inspect("BEGIN { frobnicate", 18));
    }
}
