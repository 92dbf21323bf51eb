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

    /** Two temporaries that swapped registers inside a branch go back crosswise (found by the fuzzer). */
    @Test
    void restoreUndoesASwapOfRegisters() {
        Registers regs = new Registers(new Assembler(), new StackFrame());
        Registers.Temp a = regs.alloc(), b = regs.alloc(), c = regs.alloc();
        int ra = regs.reg(a), rb = regs.reg(b), rc = regs.reg(c);
        var snapshot = regs.snapshot();
        Registers.Temp d = regs.alloc();       // spills a, the least recently used, and takes its register
        assertEquals(ra, regs.reg(d));
        assertEquals(rb, regs.reg(a));          // spills b, and a lands in b's register
        regs.free(d);
        assertEquals(ra, regs.reg(b));          // b lands in a's old register
        regs.restore(snapshot);
        assertEquals(ra, regs.reg(a));
        assertEquals(rb, regs.reg(b));
        assertEquals(rc, regs.reg(c));
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
