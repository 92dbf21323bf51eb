package dev.bpfbook.runtime;

import org.junit.jupiter.api.Assumptions;

/**
 * Integration tests need BPF. Where it is truly unavailable they skip with the reason; under
 * BPFBOOK_REQUIRE_BPF=1 (CI) that is a failure instead.
 */
final class RequireBpf {
    private RequireBpf() {}

    static void check() {
        String reason = Session.bpfUnavailableReason();
        if (reason == null) return;
        if ("1".equals(System.getenv("BPFBOOK_REQUIRE_BPF"))) {
            throw new AssertionError("BPF is required (BPFBOOK_REQUIRE_BPF=1) but unavailable: " + reason);
        }
        System.out.println("SKIP: BPF unavailable: " + reason);
        Assumptions.assumeTrue(false, "BPF unavailable: " + reason);
    }
}
