package dev.bpfbook.lang.program;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProbeProgramTest {
    static final AttachPoint BEGIN = new AttachPoint("BEGIN", "", 0, "", "BEGIN");

    /** r1 = map fd (ld_imm64, src_reg BPF_PSEUDO_MAP_FD, two slots); r0 = 0; exit. */
    static final byte[] INSNS = {
            0x18, 0x11, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0,
            (byte) 0xb7, 0, 0, 0, 0, 0, 0, 0,
            (byte) 0x95, 0, 0, 0, 0, 0, 0, 0,
    };

    @Test
    void relocationWritesTheFdIntoTheImmediateAndLeavesTheSpecAlone() {
        ProbeProgram p = new ProbeProgram("BEGIN", BEGIN, 17, INSNS, List.of(new MapRelocation(0, "@x")), List.of());
        byte[] out = p.relocated(name -> 0x01020304);
        byte[] expected = INSNS.clone();
        expected[4] = 4;
        expected[5] = 3;
        expected[6] = 2;
        expected[7] = 1;
        assertArrayEquals(expected, out);
        assertArrayEquals(INSNS, p.insns());
    }

    @Test
    void aRelocationOnAnythingButAMapLoadIsRefused() {
        ProbeProgram p = new ProbeProgram("BEGIN", BEGIN, 17, INSNS, List.of(new MapRelocation(2, "@x")), List.of());
        assertThrows(IllegalStateException.class, () -> p.relocated(name -> 3));
    }
}
