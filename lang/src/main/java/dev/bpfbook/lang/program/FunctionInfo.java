package dev.bpfbook.lang.program;

/**
 * BTF function information of a program made of several functions (a probe plus for-loop callbacks).
 * The kernel needs it to accept a subprogram's address as a callback (BPF_PSEUDO_FUNC): load {@code btf}
 * with BPF_BTF_LOAD, then pass that fd as prog_btf_fd to BPF_PROG_LOAD together with {@code records}
 * as func_info ({@link #RECORD_SIZE}-byte {@code struct bpf_func_info {u32 insn_off; u32 type_id;}},
 * {@link #count()} of them). {@link #NONE} (empty arrays) for single-function programs.
 */
public record FunctionInfo(byte[] btf, byte[] records) {
    public static final int RECORD_SIZE = 8;
    public static final FunctionInfo NONE = new FunctionInfo(new byte[0], new byte[0]);

    public int count() {
        return records.length / RECORD_SIZE;
    }

    public boolean isEmpty() {
        return records.length == 0;
    }
}
