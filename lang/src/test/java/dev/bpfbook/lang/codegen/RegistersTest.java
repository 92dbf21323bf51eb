package dev.bpfbook.lang.codegen;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class RegistersTest {
    @Test
    void spillsBeyondThreeTemporariesAndReloads() {
        Assembler asm = new Assembler();
        StackFrame frame = new StackFrame();
        Registers regs = new Registers(asm, frame);
        Registers.Temp[] t = new Registers.Temp[5];
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            t[i] = regs.alloc();
            used.add(regs.reg(t[i]));
        }
        assertEquals(Set.of(7, 8, 9), used);
        assertFalse(t[0].inRegister());
        assertTrue(frame.used() >= 16, "two spill slots");
        int r = regs.reg(t[0]);
        assertTrue(r >= 7 && r <= 9);
        int[] both = regs.regs(t[0], t[1]);
        assertNotEquals(both[0], both[1]);
        for (Registers.Temp x : t) regs.free(x);
        assertEquals(0, regs.liveCount());
    }

    @Test
    void stackFrameIsBounded() {
        StackFrame f = new StackFrame();
        int m = f.mark();
        assertEquals(-64, f.alloc(60));
        assertEquals(-72, f.alloc(1));
        f.release(m);
        assertEquals(-512, f.alloc(512));
        assertThrows(StackFrame.StackExhausted.class, () -> f.alloc(1));
    }
}
