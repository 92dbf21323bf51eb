package dev.bpfbook.lang.program;

/** Instruction {@code insnIndex} is an ld_imm64 (src_reg BPF_PSEUDO_MAP_FD) whose imm gets {@code mapName}'s fd. */
public record MapRelocation(int insnIndex, String mapName) {}
