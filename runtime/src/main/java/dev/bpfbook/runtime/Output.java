package dev.bpfbook.runtime;

/** Where a run's text goes as it happens: printf output to stdout, warnings and lost-record notes to stderr. */
public interface Output {
    void stdout(String text);

    void stderr(String text);

    /** Called once the program is loaded, before its probes attach and BEGIN runs (bpftrace's "Attaching N probes..."). */
    default void attaching(int probes) {
    }

    static Output of(java.io.PrintStream out, java.io.PrintStream err) {
        return new Output() {
            public void stdout(String text) { out.print(text); out.flush(); }
            public void stderr(String text) { err.print(text); err.flush(); }
        };
    }
}
