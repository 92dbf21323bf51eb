package dev.bpfbook.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;

/**
 * The bpf(2) syscall. {@code union bpf_attr} is built as a zeroed block: the kernel rejects
 * non-zero bytes past the fields a command knows, so every attribute starts from zeros and only
 * the offsets from linux/bpf.h are written.
 */
final class Bpf {
    private Bpf() {}

    /** sizeof(union bpf_attr) in the 6.x uapi headers is 144; extra zeros are accepted. */
    static final int ATTR_SIZE = 160;

    /** bpf(2) commands, in enum bpf_cmd order. */
    enum Cmd {
        BPF_MAP_CREATE, BPF_MAP_LOOKUP_ELEM, BPF_MAP_UPDATE_ELEM, BPF_MAP_DELETE_ELEM, BPF_MAP_GET_NEXT_KEY,
        BPF_PROG_LOAD, BPF_OBJ_PIN, BPF_OBJ_GET, BPF_PROG_ATTACH, BPF_PROG_DETACH, BPF_PROG_TEST_RUN,
        BPF_PROG_GET_NEXT_ID, BPF_MAP_GET_NEXT_ID, BPF_PROG_GET_FD_BY_ID, BPF_MAP_GET_FD_BY_ID,
        BPF_OBJ_GET_INFO_BY_FD, BPF_PROG_QUERY, BPF_RAW_TRACEPOINT_OPEN, BPF_BTF_LOAD, BPF_BTF_GET_FD_BY_ID,
        BPF_TASK_FD_QUERY, BPF_MAP_LOOKUP_AND_DELETE_ELEM, BPF_MAP_FREEZE, BPF_BTF_GET_NEXT_ID,
        BPF_MAP_LOOKUP_BATCH, BPF_MAP_LOOKUP_AND_DELETE_BATCH, BPF_MAP_UPDATE_BATCH, BPF_MAP_DELETE_BATCH,
        BPF_LINK_CREATE, BPF_LINK_UPDATE, BPF_LINK_GET_FD_BY_ID, BPF_LINK_GET_NEXT_ID, BPF_ENABLE_STATS,
        BPF_ITER_CREATE, BPF_LINK_DETACH, BPF_PROG_BIND_MAP
    }

    /**
     * A zeroed bpf_attr. The kernel sees buffers only as raw addresses, which do not keep their
     * Memory reachable, so pointer() records each buffer here and the syscall fences the attr.
     */
    static final class Attr extends Memory {
        private final List<Memory> buffers = new ArrayList<>(4);

        Attr() {
            super(ATTR_SIZE);
            clear();
        }

        /** Writes the address of {@code buffer} (0 for null) at {@code offset}. */
        Attr pointer(long offset, Memory buffer) {
            setLong(offset, buffer == null ? 0 : Pointer.nativeValue(buffer));
            if (buffer != null) buffers.add(buffer);
            return this;
        }
    }

    static Attr attr() {
        return new Attr();
    }

    /** Runs the command; returns the syscall's non-negative result or throws BpfException. */
    static int call(Cmd cmd, Attr attr) {
        int r = callErrno(cmd, attr);
        if (r < 0) throw new BpfException(cmd.name(), -r);
        return r;
    }

    /** Like call, but returns -errno instead of throwing (for ENOENT-is-normal lookups). */
    static int callErrno(Cmd cmd, Attr attr) {
        try {
            return (int) Libc.syscall(Libc.SYS_BPF, cmd.ordinal(), Pointer.nativeValue(attr), ATTR_SIZE, 0, 0);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        } finally {
            Reference.reachabilityFence(attr);
        }
    }

    /** Object names: at most 15 bytes of [A-Za-z0-9_.], NUL-terminated in a 16-byte field. */
    static byte[] objectName(String name) {
        byte[] out = new byte[16];
        if (name == null) return out;
        int n = 0;
        for (int i = 0; i < name.length() && n < 15; i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
            if (ok) out[n++] = (byte) c;
        }
        return out;
    }

    static Memory copy(byte[] bytes) {
        Memory m = new Memory(Math.max(1, bytes.length));
        m.clear();
        m.write(0, bytes, 0, bytes.length);
        return m;
    }
}
