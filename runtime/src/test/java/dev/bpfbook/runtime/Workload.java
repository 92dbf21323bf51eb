package dev.bpfbook.runtime;

import java.io.IOException;

/** Deterministic workloads: {@code dd if=/dev/zero of=/dev/null bs=1 count=N} makes N+3 reads with comm "dd". */
final class Workload {
    private Workload() {}

    static void dd(int count) {
        run("dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=" + count);
    }

    static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            int rc = p.waitFor();
            if (rc != 0) throw new IllegalStateException(String.join(" ", command) + " exited " + rc);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
