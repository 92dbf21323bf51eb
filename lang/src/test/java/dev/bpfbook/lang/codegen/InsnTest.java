package dev.bpfbook.lang.codegen;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static dev.bpfbook.lang.codegen.Insn.*;
import static org.junit.jupiter.api.Assertions.*;

/** Encodings checked against the kernel's uapi layout (struct bpf_insn) and opcodes in linux/bpf_common.h. */
class InsnTest {
    private static String hex(Insn i) {
        return HexFormat.of().formatHex(i.bytes());
    }

    @Test
    void aluAndMov() {
        assertEquals("b700000000000000", hex(mov64Imm(0, 0)));           // BPF_MOV64_IMM(R0, 0)
        assertEquals("bf16000000000000", hex(mov64Reg(6, 1)));           // BPF_MOV64_REG(R6, R1)
        assertEquals("07020000f8ffffff", hex(alu64Imm(ADD, 2, -8)));     // BPF_ALU64_IMM(BPF_ADD, R2, -8)
        assertEquals("0f78000000000000", hex(alu64Reg(ADD, 8, 7)));      // BPF_ALU64_REG(BPF_ADD, R8, R7)
        assertEquals("7701000020000000", hex(alu64Imm(RSH, 1, 32)));
        assertEquals("c701000020000000", hex(alu64Imm(ARSH, 1, 32)));
        assertEquals("bc01000000000000", hex(alu32Reg(MOV, 1, 0)));      // BPF_MOV32_REG(R1, R0)
        assertEquals("8700000000000000", hex(neg64(0)));
        assertEquals("3f21000000000000", hex(alu64Reg(DIV, 1, 2)));
        assertEquals("3f21010000000000", hex(alu64RegSigned(DIV, 1, 2))); // sdiv: off = 1
        assertEquals("dc01000010000000", hex(endian(1, true, 16)));
    }

    @Test
    void loadsAndStores() {
        assertEquals("7b1af8ff00000000", hex(stx(DW, FP, -8, 1)));      // *(u64 *)(r10 - 8) = r1
        assertEquals("7910000000000000", hex(ldx(DW, 0, 1, 0)));        // r0 = *(u64 *)(r1 + 0)
        assertEquals("6161100000000000", hex(ldx(W, 1, 6, 16)));        // r1 = *(u32 *)(r6 + 16)
        assertEquals("7a0af0ff2a000000", hex(st(DW, FP, -16, 42)));     // *(u64 *)(r10 - 16) = 42
        assertEquals("7300ffff00000000", hex(stx(B, 0, -1, 0)));
        assertEquals("db10000000000000", hex(atomicAdd(DW, 0, 0, 1)));  // lock *(u64 *)(r0 + 0) += r1
    }

    @Test
    void ldImm64TakesTwoSlots() {
        Insn[] pair = ldImm64(1, 0x1122334455667788L);
        assertEquals("1801000088776655", hex(pair[0]));
        assertEquals("0000000044332211", hex(pair[1]));
        Insn[] map = ldMapFd(1, 7);
        assertEquals("1811000007000000", hex(map[0]));                 // src_reg = BPF_PSEUDO_MAP_FD
        assertEquals("0000000000000000", hex(map[1]));
    }

    @Test
    void jumpsCallsExit() {
        assertEquals("8500000001000000", hex(call(1)));                 // BPF_EMIT_CALL(map_lookup_elem)
        assertEquals("9500000000000000", hex(Insn.exit()));
        assertEquals("050003000000000000".substring(0, 16), hex(ja(3)));
        assertEquals("15000200000000000".substring(0, 16), hex(jmpImm(JEQ, 0, 0, 2)));
        assertEquals("5d12fbff00000000", hex(jmpReg(JNE, 2, 1, -5)));
        assertEquals("c5010100ffffffff", hex(jmpImm(JSLT, 1, -1, 1)));
        assertEquals("1601000005000000", hex(jmp32Imm(JEQ, 1, 5, 0)));
        assertTrue(ja(1).isJump());
        assertFalse(call(1).isJump());
        assertFalse(Insn.exit().isJump());
    }

    @Test
    void rejectsBadOperands() {
        assertThrows(IllegalArgumentException.class, () -> mov64Reg(11, 0));
        assertThrows(IllegalArgumentException.class, () -> ldx(DW, 0, 1, 40000));
        assertThrows(IllegalArgumentException.class, () -> sizeOf(3));
    }
}
