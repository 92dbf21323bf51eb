package dev.bpfbook.lang.codegen;

/**
 * One eBPF instruction slot, encoded as the kernel's {@code struct bpf_insn}: opcode, dst (low nibble)
 * and src (high nibble) registers, a signed 16-bit offset and a signed 32-bit immediate, little-endian.
 * A 64-bit immediate load occupies two slots; {@link #ldImm64} returns both.
 */
public record Insn(int opcode, int dst, int src, int off, int imm) {

    // Instruction classes.
    public static final int LD = 0x00, LDX = 0x01, ST = 0x02, STX = 0x03, ALU = 0x04, JMP = 0x05, JMP32 = 0x06, ALU64 = 0x07;
    // Sizes.
    public static final int W = 0x00, H = 0x08, B = 0x10, DW = 0x18;
    // Modes.
    public static final int IMM = 0x00, MEM = 0x60, ATOMIC = 0xc0, MEMSX = 0x80;
    // Operand source.
    public static final int K = 0x00, X = 0x08;
    // ALU operations.
    public static final int ADD = 0x00, SUB = 0x10, MUL = 0x20, DIV = 0x30, OR = 0x40, AND = 0x50, LSH = 0x60,
            RSH = 0x70, NEG = 0x80, MOD = 0x90, XOR = 0xa0, MOV = 0xb0, ARSH = 0xc0, END = 0xd0;
    // Jump operations.
    public static final int JA = 0x00, JEQ = 0x10, JGT = 0x20, JGE = 0x30, JSET = 0x40, JNE = 0x50, JSGT = 0x60,
            JSGE = 0x70, CALL = 0x80, EXIT = 0x90, JLT = 0xa0, JLE = 0xb0, JSLT = 0xc0, JSLE = 0xd0;
    /** src_reg of an ld_imm64 whose imm is a map fd. */
    public static final int PSEUDO_MAP_FD = 1;
    /** Frame pointer (read-only). */
    public static final int FP = 10;

    public Insn {
        if (dst < 0 || dst > 10 || src < 0 || src > 10) throw new IllegalArgumentException("register out of range: r" + dst + ", r" + src);
        if (off < Short.MIN_VALUE || off > Short.MAX_VALUE) throw new IllegalArgumentException("offset out of range: " + off);
    }

    public void encode(byte[] out, int at) {
        out[at] = (byte) opcode;
        out[at + 1] = (byte) ((src << 4) | dst);
        out[at + 2] = (byte) off;
        out[at + 3] = (byte) (off >> 8);
        out[at + 4] = (byte) imm;
        out[at + 5] = (byte) (imm >> 8);
        out[at + 6] = (byte) (imm >> 16);
        out[at + 7] = (byte) (imm >> 24);
    }

    public byte[] bytes() {
        byte[] b = new byte[8];
        encode(b, 0);
        return b;
    }

    // ---- ALU ----

    public static Insn alu64Imm(int op, int dst, int imm) {
        return new Insn(ALU64 | op | K, dst, 0, 0, imm);
    }

    public static Insn alu64Reg(int op, int dst, int src) {
        return new Insn(ALU64 | op | X, dst, src, 0, 0);
    }

    public static Insn alu32Imm(int op, int dst, int imm) {
        return new Insn(ALU | op | K, dst, 0, 0, imm);
    }

    public static Insn alu32Reg(int op, int dst, int src) {
        return new Insn(ALU | op | X, dst, src, 0, 0);
    }

    /** Signed division/modulo (cpu v4): the DIV/MOD opcode with off = 1. */
    public static Insn alu64RegSigned(int op, int dst, int src) {
        if (op != DIV && op != MOD) throw new IllegalArgumentException("only div/mod have signed forms");
        return new Insn(ALU64 | op | X, dst, src, 1, 0);
    }

    public static Insn mov64Imm(int dst, int imm) {
        return alu64Imm(MOV, dst, imm);
    }

    public static Insn mov64Reg(int dst, int src) {
        return alu64Reg(MOV, dst, src);
    }

    public static Insn neg64(int dst) {
        return new Insn(ALU64 | NEG | K, dst, 0, 0, 0);
    }

    /** Byte swap: {@code toBigEndian} selects BPF_TO_BE, {@code bits} is 16, 32 or 64. */
    public static Insn endian(int dst, boolean toBigEndian, int bits) {
        return new Insn(ALU | END | (toBigEndian ? X : K), dst, 0, 0, bits);
    }

    // ---- loads and stores ----

    /** The two slots of {@code dst = imm64}. */
    public static Insn[] ldImm64(int dst, long value) {
        return new Insn[] {
                new Insn(LD | DW | IMM, dst, 0, 0, (int) value),
                new Insn(0, 0, 0, 0, (int) (value >>> 32))
        };
    }

    /** The two slots of {@code dst = map_by_fd(fd)}; the fd is patched in at load time. */
    public static Insn[] ldMapFd(int dst, int fd) {
        return new Insn[] {
                new Insn(LD | DW | IMM, dst, PSEUDO_MAP_FD, 0, fd),
                new Insn(0, 0, 0, 0, 0)
        };
    }

    public static Insn ldx(int size, int dst, int src, int off) {
        return new Insn(LDX | size | MEM, dst, src, off, 0);
    }

    public static Insn stx(int size, int dst, int off, int src) {
        return new Insn(STX | size | MEM, dst, src, off, 0);
    }

    public static Insn st(int size, int dst, int off, int imm) {
        return new Insn(ST | size | MEM, dst, 0, off, imm);
    }

    /** Atomic add without fetch: {@code *(size *)(dst + off) += src}. */
    public static Insn atomicAdd(int size, int dst, int off, int src) {
        return new Insn(STX | size | ATOMIC, dst, src, off, ADD);
    }

    // ---- jumps ----

    public static Insn ja(int off) {
        return new Insn(JMP | JA, 0, 0, off, 0);
    }

    public static Insn jmpImm(int op, int dst, int imm, int off) {
        return new Insn(JMP | op | K, dst, 0, off, imm);
    }

    public static Insn jmpReg(int op, int dst, int src, int off) {
        return new Insn(JMP | op | X, dst, src, off, 0);
    }

    public static Insn jmp32Imm(int op, int dst, int imm, int off) {
        return new Insn(JMP32 | op | K, dst, 0, off, imm);
    }

    public static Insn jmp32Reg(int op, int dst, int src, int off) {
        return new Insn(JMP32 | op | X, dst, src, off, 0);
    }

    public static Insn call(int helperId) {
        return new Insn(JMP | CALL, 0, 0, 0, helperId);
    }

    public static Insn exit() {
        return new Insn(JMP | EXIT, 0, 0, 0, 0);
    }

    /** Size constant (W/H/B/DW) for an access of {@code bytes}. */
    public static int sizeOf(int bytes) {
        return switch (bytes) {
            case 1 -> B;
            case 2 -> H;
            case 4 -> W;
            case 8 -> DW;
            default -> throw new IllegalArgumentException("no access of " + bytes + " bytes");
        };
    }

    public boolean isJump() {
        int cls = opcode & 0x07;
        int op = opcode & 0xf0;
        return (cls == JMP || cls == JMP32) && op != CALL && op != EXIT;
    }

    public Insn withOff(int newOff) {
        return new Insn(opcode, dst, src, newOff, imm);
    }

    public Insn withImm(int newImm) {
        return new Insn(opcode, dst, src, off, newImm);
    }
}
