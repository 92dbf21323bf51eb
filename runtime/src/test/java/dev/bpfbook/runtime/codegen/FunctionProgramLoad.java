package dev.bpfbook.runtime.codegen;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.bpfbook.lang.program.FunctionInfo;

import java.nio.charset.StandardCharsets;

/**
 * Loads a program with subprograms (for-loop callbacks) the way the kernel wants them: its BTF through
 * BPF_BTF_LOAD, then BPF_PROG_LOAD with prog_btf_fd and func_info, and runs it once with
 * BPF_PROG_TEST_RUN. Test-only: the native module's BpfProgram does not take BTF yet.
 */
final class FunctionProgramLoad implements AutoCloseable {
    private static final long SYS_BPF = 321; // x86_64
    private static final int BPF_PROG_LOAD = 5, BPF_PROG_TEST_RUN = 10, BPF_BTF_LOAD = 18;
    private static final int ATTR = 160;

    interface C extends Library {
        long syscall(long number, long cmd, Pointer attr, long size) throws LastErrorException;

        int close(int fd);
    }

    private static final C LIBC = Native.load("c", C.class);

    final int btfFd;
    final int progFd;

    private FunctionProgramLoad(int btfFd, int progFd) {
        this.btfFd = btfFd;
        this.progFd = progFd;
    }

    private static int bpf(int cmd, Memory attr) {
        try {
            return (int) LIBC.syscall(SYS_BPF, cmd, attr, ATTR);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    private static Memory copy(byte[] b) {
        Memory m = new Memory(Math.max(1, b.length));
        m.clear();
        m.write(0, b, 0, b.length);
        return m;
    }

    /** Loads; on rejection throws AssertionError with the verifier's log. */
    static FunctionProgramLoad load(int progType, byte[] insns, FunctionInfo functions, String name) {
        Memory log = new Memory(1 << 20);
        log.clear();
        Memory btf = copy(functions.btf());
        Memory attr = new Memory(ATTR);
        attr.clear();
        attr.setLong(0, Pointer.nativeValue(btf));
        attr.setLong(8, Pointer.nativeValue(log));
        attr.setInt(16, functions.btf().length);
        attr.setInt(20, (int) log.size());
        attr.setInt(24, 1);
        int btfFd = bpf(BPF_BTF_LOAD, attr);
        if (btfFd < 0) throw new AssertionError("BTF_LOAD failed: errno " + -btfFd + "\n" + log.getString(0, "UTF-8"));
        Memory code = copy(insns);
        Memory license = copy("GPL\0".getBytes(StandardCharsets.US_ASCII));
        Memory records = copy(functions.records());
        log.clear();
        attr.clear();
        attr.setInt(0, progType);
        attr.setInt(4, insns.length / 8);
        attr.setLong(8, Pointer.nativeValue(code));
        attr.setLong(16, Pointer.nativeValue(license));
        attr.setInt(24, 1);
        attr.setInt(28, (int) log.size());
        attr.setLong(32, Pointer.nativeValue(log));
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        attr.write(48, n, 0, Math.min(15, n.length));
        attr.setInt(72, btfFd);
        attr.setInt(76, FunctionInfo.RECORD_SIZE);
        attr.setLong(80, Pointer.nativeValue(records));
        attr.setInt(88, functions.count());
        int fd = bpf(BPF_PROG_LOAD, attr);
        if (fd < 0) {
            LIBC.close(btfFd);
            throw new AssertionError("verifier rejected (errno " + -fd + "):\n" + log.getString(0, "UTF-8"));
        }
        return new FunctionProgramLoad(btfFd, fd);
    }

    /** BPF_PROG_TEST_RUN with an 8-byte context; returns the program's return value. */
    long testRun() {
        Memory ctx = copy(new byte[8]);
        Memory attr = new Memory(ATTR);
        attr.clear();
        attr.setInt(0, progFd);
        attr.setInt(40, 8);
        attr.setLong(48, Pointer.nativeValue(ctx));
        int r = bpf(BPF_PROG_TEST_RUN, attr);
        if (r < 0) throw new AssertionError("BPF_PROG_TEST_RUN failed: errno " + -r);
        return Integer.toUnsignedLong(attr.getInt(4));
    }

    @Override
    public void close() {
        LIBC.close(progFd);
        LIBC.close(btfFd);
    }
}
