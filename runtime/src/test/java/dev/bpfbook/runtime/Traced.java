package dev.bpfbook.runtime;

import dev.bpfbook.lang.diag.CompileException;

/** Runs a program in a session around a workload and collects what it printed. */
final class Traced {
    record Result(String stdout, String stderr, RunResult run) {
        String all() {
            return stdout + run.mapsText();
        }
    }

    private Traced() {}

    /** Attaches {@code program}, runs {@code workload}, then stops the run as Ctrl-C would. */
    static Result around(Session session, String program, Runnable workload) throws CompileException, InterruptedException {
        StringBuffer out = new StringBuffer();
        StringBuffer err = new StringBuffer();
        Run run = session.start(program, RunOptions.defaults(), new Output() {
            public void stdout(String text) { out.append(text); }
            public void stderr(String text) { err.append(text); }
        });
        try {
            workload.run();
        } finally {
            run.interrupt();
        }
        RunResult r = run.await();
        return new Result(out.toString(), err.toString(), r);
    }

    /** Runs a program that ends by itself (exit()); fails if it has not ended within 10 s. */
    static Result once(Session session, String program) throws CompileException, InterruptedException {
        StringBuffer out = new StringBuffer();
        StringBuffer err = new StringBuffer();
        Run run = session.start(program, RunOptions.defaults(), new Output() {
            public void stdout(String text) { out.append(text); }
            public void stderr(String text) { err.append(text); }
        });
        RunResult r = run.await(java.time.Duration.ofSeconds(10));
        if (r == null) {
            run.close();
            throw new AssertionError("program did not exit by itself within 10 s: " + program);
        }
        return new Result(out.toString(), err.toString(), r);
    }
}
