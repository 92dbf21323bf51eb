package dev.bpfbook.linux;

/** The outcome of BPF_PROG_TEST_RUN: the program's r0, and the kernel-reported mean run time. */
public record TestRunResult(long retval, long durationNs) {}
