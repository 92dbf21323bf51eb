package dev.bpfbook.linux;

/** A failed syscall: which command failed and the errno the kernel returned. */
public class BpfException extends RuntimeException {
    private final String command;
    private final int errno;

    public BpfException(String command, int errno) {
        this(command, errno, null);
    }

    public BpfException(String command, int errno, String detail) {
        super(command + ": " + Libc.describe(errno) + " (errno " + errno + ")" + (detail == null ? "" : "\n" + detail));
        this.command = command;
        this.errno = errno;
    }

    /** A failure that is not an errno (bad argument, missing file); errno() is 0. */
    public BpfException(String command, String message, Throwable cause) {
        super(command + ": " + message, cause);
        this.command = command;
        this.errno = 0;
    }

    /** The syscall or bpf(2) command name, e.g. "BPF_MAP_CREATE" or "perf_event_open". */
    public String command() {
        return command;
    }

    public int errno() {
        return errno;
    }
}
