/**
 * Linux through JNA: the only bpfbook code that makes syscalls.
 *
 * <p>One small class per kernel object, each owning its fd and closing it once: {@link
 * dev.bpfbook.linux.BpfMap}, {@link dev.bpfbook.linux.BpfProgram}, {@link
 * dev.bpfbook.linux.PerfEvent} (tracepoint, software, uprobe, kprobe; a program is attached with
 * PERF_EVENT_IOC_SET_BPF and detached by closing the event), {@link dev.bpfbook.linux.RingBuffer}
 * (the mmap'd consumer of a ringbuf map), {@link dev.bpfbook.linux.Epoll} and {@link
 * dev.bpfbook.linux.EventFd}. Failures are {@link dev.bpfbook.linux.BpfException}s carrying the
 * command name and errno; a verifier rejection is a {@link dev.bpfbook.linux.VerifierException}
 * with the full log.
 *
 * <p>Read-only views of the system: {@link dev.bpfbook.linux.Tracefs}, {@link
 * dev.bpfbook.linux.Cpus}, {@link dev.bpfbook.linux.Kallsyms}, {@link
 * dev.bpfbook.linux.ElfSymbols}, {@link dev.bpfbook.linux.ProcMaps}, {@link
 * dev.bpfbook.linux.ProcessFds}; and {@link dev.bpfbook.linux.BpfAvailability}, which says
 * whether any of this can work here and how to fix it when not.
 *
 * <p>Syscall numbers are chosen for x86_64 or aarch64 from os.arch; struct offsets are those of
 * the 64-bit uapi headers (linux/bpf.h, linux/perf_event.h).
 */
package dev.bpfbook.linux;
