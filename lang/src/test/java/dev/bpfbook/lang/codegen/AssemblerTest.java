package dev.bpfbook.lang.codegen;

import dev.bpfbook.lang.ast.Span;
import dev.bpfbook.lang.program.MapRelocation;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static dev.bpfbook.lang.codegen.Insn.*;
import static org.junit.jupiter.api.Assertions.*;

class AssemblerTest {
    private static short off(byte[] code, int insn) {
        return ByteBuffer.wrap(code, insn * 8 + 2, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
    }

    @Test
    void forwardAndBackwardJumps() {
        Assembler a = new Assembler();
        Assembler.Label top = a.newLabel("top");
        Assembler.Label end = a.newLabel("end");
        a.bind(top);                          // 0
        a.emit(mov64Imm(0, 0));               // 0
        a.jmpImm(JEQ, 0, 0, end);             // 1 -> 4: off 2
        a.emit(mov64Imm(0, 1));               // 2
        a.ja(top);                            // 3 -> 0: off -4
        a.bind(end);
        a.emit(Insn.exit());                  // 4
        byte[] code = a.assemble().insns();
        assertEquals(5 * 8, code.length);
        assertEquals(2, off(code, 1));
        assertEquals(-4, off(code, 3));
    }

    @Test
    void mapLoadsAreRelocatedAndSpansRecorded() {
        Assembler a = new Assembler();
        Span s1 = new Span(1, 1, 1, 5), s2 = new Span(2, 3, 2, 9);
        a.at(s1);
        a.emit(mov64Imm(0, 0));
        a.at(s2);
        a.ldMap(1, "@x");
        a.ldMap(2, "output");
        var out = a.assemble();
        assertEquals(List.of(new MapRelocation(1, "@x"), new MapRelocation(3, "output")), out.relocations());
        assertEquals(List.of(s1, s2, s2, s2, s2), out.spans());
        assertEquals(0x11, out.insns()[8 + 1]);
        assertEquals(0x12, out.insns()[3 * 8 + 1]);
    }

    @Test
    void outOfRangeAndUnboundJumpsFail() {
        Assembler a = new Assembler();
        Assembler.Label far = a.newLabel("far");
        a.ja(far);
        for (int i = 0; i < 40000; i++) a.emit(mov64Imm(0, 0));
        a.bind(far);
        a.emit(Insn.exit());
        assertThrows(Assembler.AssemblyException.class, a::assemble);

        Assembler b = new Assembler();
        b.ja(b.newLabel("nowhere"));
        assertThrows(Assembler.AssemblyException.class, b::assemble);
    }

    @Test
    void movImmPicksEncoding() {
        Assembler a = new Assembler();
        a.movImm(1, -1);
        a.movImm(1, 1L << 40);
        assertEquals(3, a.assemble().count());
    }
}
