package dev.bpfbook.runtime;

import org.junit.jupiter.api.Assumptions;

/**
 * Integration tests need BPF. Where it is truly unavailable they skip with the reason; under
 * BPFBOOK_REQUIRE_BPF=1 (CI) that is a failure instead. Public for the tests in sub-packages.
 */
public final class RequireBpf {
    private RequireBpf() {}

    public static void check() {
        String reason = Session.bpfUnavailableReason();
        if (reason == null) return;
        if ("1".equals(System.getenv("BPFBOOK_REQUIRE_BPF"))) {
            throw new AssertionError("BPF is required (BPFBOOK_REQUIRE_BPF=1) but unavailable: " + reason);
        }
        System.out.println("SKIP: BPF unavailable: " + reason);
        Assumptions.assumeTrue(false, "BPF unavailable: " + reason);
    }

    /**
     * Something a test needs from the machine beyond BPF (BTF, a symbol in a system binary, cgroup v2, the seed
     * corpus): skip with the reason where it is absent, but fail under BPFBOOK_REQUIRE_BPF=1, where CI has
     * installed everything and a skip would hide a failure.
     */
    public static void environment(boolean present, String reason) {
        if (present) return;
        if ("1".equals(System.getenv("BPFBOOK_REQUIRE_BPF"))) {
            throw new AssertionError("required by the test but missing (BPFBOOK_REQUIRE_BPF=1): " + reason);
        }
        System.out.println("SKIP: " + reason);
        Assumptions.assumeTrue(false, reason);
    }
}
