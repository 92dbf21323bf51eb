package dev.bpfbook.linux;

import java.io.ByteArrayOutputStream;

/** A tiny eBPF encoder for tests (the real assembler lives in lang). Offsets count instructions. */
final class Asm {
    static final int R0 = 0, R1 = 1, R2 = 2, R3 = 3, R4 = 4, R5 = 5, R6 = 6, R7 = 7, R8 = 8, R9 = 9, R10 = 10;
    static final int FN_MAP_LOOKUP_ELEM = 1, FN_GET_CURRENT_PID_TGID = 14, FN_RINGBUF_OUTPUT = 130;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Asm insn(int op, int dst, int src, int off, int imm) {
        out.write(op);
        out.write((src << 4) | dst);
        out.write(off & 0xff);
        out.write((off >> 8) & 0xff);
        for (int i = 0; i < 4; i++) out.write((imm >> (8 * i)) & 0xff);
        return this;
    }

    Asm movImm(int dst, int imm) { return insn(0xb7, dst, 0, 0, imm); }
    Asm movReg(int dst, int src) { return insn(0xbf, dst, src, 0, 0); }
    Asm addImm(int dst, int imm) { return insn(0x07, dst, 0, 0, imm); }
    Asm call(int helper) { return insn(0x85, 0, 0, 0, helper); }
    Asm exit() { return insn(0x95, 0, 0, 0, 0); }
    /** *(u32 *)(dst + off) = imm */
    Asm stW(int dst, int off, int imm) { return insn(0x62, dst, 0, off, imm); }
    /** *(u64 *)(dst + off) = imm (sign-extended) */
    Asm stDw(int dst, int off, int imm) { return insn(0x7a, dst, 0, off, imm); }
    /** *(u64 *)(dst + off) = src */
    Asm stxDw(int dst, int off, int src) { return insn(0x7b, dst, src, off, 0); }
    /** dst = *(u64 *)(src + off) */
    Asm ldxDw(int dst, int src, int off) { return insn(0x79, dst, src, off, 0); }
    /** lock *(u64 *)(dst + off) += src */
    Asm atomicAddDw(int dst, int off, int src) { return insn(0xdb, dst, src, off, 0); }
    /** if dst == imm goto +off */
    Asm jeqImm(int dst, int imm, int off) { return insn(0x15, dst, 0, off, imm); }
    /** if (u32) dst != imm goto +off */
    Asm jne32Imm(int dst, int imm, int off) { return insn(0x56, dst, 0, off, imm); }

    Asm ldImm64(int dst, long imm) {
        insn(0x18, dst, 0, 0, (int) imm);
        return insn(0, 0, 0, 0, (int) (imm >>> 32));
    }

    /** dst = the map with this fd (BPF_PSEUDO_MAP_FD). */
    Asm ldMapFd(int dst, int fd) {
        insn(0x18, dst, 1, 0, fd);
        return insn(0, 0, 0, 0, 0);
    }

    /** r0 = &map[key 0] (u32 key at fp-4), skipping {@code skipIfNull} insns when absent. */
    Asm lookupSlotZero(BpfMap map, int skipIfNull) {
        stW(R10, -4, 0);
        movReg(R2, R10).addImm(R2, -4);
        ldMapFd(R1, map.fd());
        call(FN_MAP_LOOKUP_ELEM);
        return jeqImm(R0, 0, skipIfNull);
    }

    int size() { return out.size() / 8; }

    byte[] bytes() { return out.toByteArray(); }
}
