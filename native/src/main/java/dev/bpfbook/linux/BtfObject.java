package dev.bpfbook.linux;

import com.sun.jna.Memory;

import java.nio.charset.StandardCharsets;

/**
 * BTF loaded into the kernel with BPF_BTF_LOAD. A program made of several functions (for-loop callbacks)
 * needs one: its func_info records name BTF FUNC types in it. Owns its fd.
 */
public final class BtfObject implements AutoCloseable {
    private final OwnedFd fd;

    private BtfObject(int fd) {
        this.fd = new OwnedFd(fd, "BTF object");
    }

    /** Loads raw BTF; a rejection carries the kernel's BTF log. */
    public static BtfObject load(byte[] btf) {
        Memory data = Bpf.copy(btf);
        Memory log = new Memory(64 * 1024);
        log.clear();
        Bpf.Attr attr = Bpf.attr().pointer(0, data).pointer(8, log); // btf, btf_log_buf
        attr.setInt(16, btf.length);                                  // btf_size
        attr.setInt(20, (int) log.size());                            // btf_log_size
        attr.setInt(24, 1);                                           // btf_log_level
        int r = Bpf.callErrno(Bpf.Cmd.BPF_BTF_LOAD, attr);
        if (r < 0) {
            throw new VerifierException(-r, "BTF: " + log.getString(0, StandardCharsets.UTF_8.name()), -1);
        }
        return new BtfObject(r);
    }

    public int fd() {
        return fd.get();
    }

    @Override
    public void close() {
        fd.close();
    }
}
