package dev.bpfbook.linux;

/** BPF_PROG_LOAD was rejected; carries the verifier's log and, when found, the rejected insn. */
public final class VerifierException extends BpfException {
    private final String log;
    private final int instruction;

    public VerifierException(int errno, String log, int instruction) {
        super("BPF_PROG_LOAD", errno, summary(log, instruction));
        this.log = log;
        this.instruction = instruction;
    }

    /** The complete verifier log (log_level 1). */
    public String log() {
        return log;
    }

    /** Index of the instruction the verifier stopped at, or -1 when the log does not say. */
    public int instruction() {
        return instruction;
    }

    private static String summary(String log, int instruction) {
        if (log == null || log.isBlank()) return null;
        String[] lines = log.strip().split("\n");
        StringBuilder sb = new StringBuilder();
        if (instruction >= 0) sb.append("at instruction ").append(instruction).append(": ");
        // The reason is in the last lines; the full log is available through log().
        int from = Math.max(0, lines.length - 3);
        for (int i = from; i < lines.length; i++) {
            if (i > from) sb.append('\n');
            sb.append(lines[i]);
        }
        return sb.toString();
    }
}
