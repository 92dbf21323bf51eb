package dev.bpfbook.linux;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A loaded BPF program owning its fd. */
public final class BpfProgram implements AutoCloseable {
    private static final int INSN_SIZE = 8;
    private static final int LOG_START = 256 * 1024;
    private static final int LOG_MAX = 16 * 1024 * 1024;
    private static final Pattern INSN_LINE = Pattern.compile("^(\\d+): \\([0-9a-f]{2}\\)");

    private final int progType;
    private final String name;
    private final int insnCount;
    private final OwnedFd fd;

    private BpfProgram(int fd, int progType, String name, int insnCount) {
        this.fd = new OwnedFd(fd, "program " + name);
        this.progType = progType;
        this.name = name;
        this.insnCount = insnCount;
    }

    /**
     * BPF_PROG_LOAD of little-endian 8-byte instructions. A first attempt runs without a log
     * (cheaper); when it fails, the load is repeated with log_level 1 so the verifier explains,
     * and a VerifierException carries that log.
     */
    public static BpfProgram load(int progType, byte[] insns, String license, String name, int expectedAttachType) {
        return load(progType, insns, license, name, expectedAttachType, (BtfObject) null, null);
    }

    /**
     * Loads a program whose functions are described by raw {@code btf} and {@code funcInfo} records; both empty
     * for a single-function program. The BTF object is only needed during the load: the program keeps its own
     * reference to it.
     */
    public static BpfProgram load(int progType, byte[] insns, String license, String name, int expectedAttachType,
                                  byte[] btf, byte[] funcInfo) {
        if (funcInfo.length == 0) return load(progType, insns, license, name, expectedAttachType);
        try (BtfObject object = BtfObject.load(btf)) {
            return load(progType, insns, license, name, expectedAttachType, object, funcInfo);
        }
    }

    /**
     * Loads a program of several functions: {@code btf} holds their FUNC types and {@code funcInfo} the
     * 8-byte {@code struct bpf_func_info} records (insn_off, type_id), one per function.
     */
    public static BpfProgram load(int progType, byte[] insns, String license, String name, int expectedAttachType,
                                  BtfObject btf, byte[] funcInfo) {
        if (insns.length == 0 || insns.length % INSN_SIZE != 0) {
            throw new IllegalArgumentException("instructions must be a non-empty multiple of 8 bytes, got " + insns.length);
        }
        Memory code = Bpf.copy(insns);
        byte[] lic = (license == null ? "GPL" : license).getBytes(StandardCharsets.US_ASCII);
        Memory licenseMem = new Memory(lic.length + 1);
        licenseMem.clear();
        licenseMem.write(0, lic, 0, lic.length);
        byte[] n = Bpf.objectName(name);
        String cleanName = new String(n, StandardCharsets.US_ASCII).trim();
        int count = insns.length / INSN_SIZE;

        Memory funcInfoMem = funcInfo == null || funcInfo.length == 0 ? null : Bpf.copy(funcInfo);
        Bpf.Attr attr = loadAttr(progType, code, count, licenseMem, n, expectedAttachType, btf, funcInfoMem);
        int fd = Bpf.callErrno(Bpf.Cmd.BPF_PROG_LOAD, attr);
        if (fd >= 0) return new BpfProgram(fd, progType, cleanName, count);
        int firstErrno = -fd;
        if (firstErrno == Libc.EPERM) {
            // Missing capabilities: the log would not say more.
            throw new BpfException("BPF_PROG_LOAD", firstErrno);
        }

        for (int logSize = LOG_START; ; logSize *= 4) {
            logSize = Math.min(logSize, LOG_MAX);
            Memory log = new Memory(logSize);
            log.clear();
            Bpf.Attr retry = loadAttr(progType, code, count, licenseMem, n, expectedAttachType, btf, funcInfoMem);
            retry.setInt(24, 1);
            retry.setInt(28, logSize);
            retry.pointer(32, log);
            int r = Bpf.callErrno(Bpf.Cmd.BPF_PROG_LOAD, retry);
            if (r >= 0) return new BpfProgram(r, progType, cleanName, count);
            if (-r == Libc.ENOSPC && logSize < LOG_MAX) continue;
            String text = log.getString(0, StandardCharsets.UTF_8.name());
            throw new VerifierException(-r, text, rejectedInstruction(text));
        }
    }

    private static Bpf.Attr loadAttr(int progType, Memory code, int count, Memory license, byte[] name,
                                     int expectedAttachType, BtfObject btf, Memory funcInfo) {
        Bpf.Attr attr = Bpf.attr();
        attr.setInt(0, progType);
        attr.setInt(4, count);
        attr.pointer(8, code);
        attr.pointer(16, license);
        attr.setInt(40, KernelVersion.code());
        attr.write(48, name, 0, name.length);
        attr.setInt(68, expectedAttachType);
        if (btf != null && funcInfo != null) {
            attr.setInt(72, btf.fd());                 // prog_btf_fd
            attr.setInt(76, 8);                        // func_info_rec_size
            attr.pointer(80, funcInfo);                // func_info
            attr.setInt(88, (int) (funcInfo.size() / 8)); // func_info_cnt
        }
        return attr;
    }

    /** The last "N: (op) ..." line of a verifier log: the instruction it was checking when it stopped. */
    static int rejectedInstruction(String log) {
        if (log == null) return -1;
        int found = -1;
        for (String line : log.split("\n")) {
            Matcher m = INSN_LINE.matcher(line);
            if (m.find()) found = Integer.parseInt(m.group(1));
        }
        return found;
    }

    public int fd() {
        return fd.get();
    }

    public int progType() { return progType; }
    public String name() { return name; }
    public int instructionCount() { return insnCount; }

    /**
     * BPF_PROG_TEST_RUN with a context and no packet data, as raw_tracepoint programs take it
     * (ctx = the u64 argument array; may be null). Runs once on the current CPU.
     */
    public TestRunResult testRun(byte[] ctxIn) {
        return testRun(null, ctxIn, 0);
    }

    /**
     * BPF_PROG_TEST_RUN of a raw_tracepoint program on CPU {@code cpu} (BPF_F_TEST_RUN_ON_CPU),
     * so per-CPU state it touches is that CPU's.
     */
    public TestRunResult testRunOnCpu(byte[] ctxIn, int cpu) {
        Bpf.Attr attr = testRunAttr(null, ctxIn, 0);
        attr.setInt(64, TEST_RUN_ON_CPU);
        attr.setInt(68, cpu);
        return runTest(attr);
    }

    /** BPF_PROG_TEST_RUN with optional packet data and context, repeated {@code repeat} times. */
    public TestRunResult testRun(byte[] dataIn, byte[] ctxIn, int repeat) {
        return runTest(testRunAttr(dataIn, ctxIn, repeat));
    }

    private static final int TEST_RUN_ON_CPU = 1;

    private static TestRunResult runTest(Bpf.Attr attr) {
        Bpf.call(Bpf.Cmd.BPF_PROG_TEST_RUN, attr);
        return new TestRunResult(Integer.toUnsignedLong(attr.getInt(4)), Integer.toUnsignedLong(attr.getInt(36)));
    }

    private Bpf.Attr testRunAttr(byte[] dataIn, byte[] ctxIn, int repeat) {
        Bpf.Attr attr = Bpf.attr();
        attr.setInt(0, fd());
        if (dataIn != null) {
            attr.setInt(8, dataIn.length);
            attr.pointer(16, Bpf.copy(dataIn));
        }
        attr.setInt(32, repeat);
        if (ctxIn != null && ctxIn.length > 0) {
            attr.setInt(40, ctxIn.length);
            attr.pointer(48, Bpf.copy(ctxIn));
        }
        return attr;
    }

    @Override
    public void close() {
        fd.close();
    }

    @Override
    public String toString() {
        return "BpfProgram[" + name + " type=" + progType + " fd=" + fd + "]";
    }
}
