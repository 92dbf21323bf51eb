package dev.bpfbook.lang.program;

/**
 * One concrete attach point after alias expansion and wildcard resolution.
 * {@code provider} is canonical: BEGIN, END, tracepoint, rawtracepoint, interval, profile, software,
 * hardware, uprobe, uretprobe, usdt, kprobe, kretprobe, watchpoint, kfunc, kretfunc, iter.
 * {@code target} is provider-specific: "syscalls:sys_enter_read" for tracepoints, "/bin/bash:readline"
 * for uprobes, "vfs_read" for kprobes, "cpu-clock" for software, "" for BEGIN/END/interval/profile.
 * {@code value}: interval period in ns, profile frequency in Hz (or period in ns when {@code unit} is a
 * time unit), software/hardware event period; 0 when unused. {@code name} is what the {@code probe}
 * builtin prints, e.g. "tracepoint:syscalls:sys_enter_read".
 */
public record AttachPoint(String provider, String target, long value, String unit, String name) {}
