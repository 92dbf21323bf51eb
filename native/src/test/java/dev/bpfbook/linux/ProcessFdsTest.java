package dev.bpfbook.linux;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BpfTestSupport.class)
class ProcessFdsTest {
    @Test
    void countsEachKindOfAnonInode() {
        long maps = ProcessFds.count("bpf-map");
        long epolls = ProcessFds.count(ProcessFds.EVENTPOLL);
        try (BpfMap a = BpfMap.create(MapType.ARRAY, 4, 4, 1, 0, "fd_a");
             BpfMap b = BpfMap.create(MapType.ARRAY, 4, 4, 1, 0, "fd_b");
             Epoll e = new Epoll()) {
            assertEquals(maps + 2, ProcessFds.count("bpf-map"));
            assertEquals(maps + 2, ProcessFds.count(ProcessFds.BPF_MAP));
            assertEquals(epolls + 1, ProcessFds.count("[eventpoll]"));
        }
        assertEquals(maps, ProcessFds.count("bpf-map"));
        assertEquals(epolls, ProcessFds.count("[eventpoll]"));
    }

    @Test
    void availabilityProbeLeavesNothingBehind() {
        assertNull(BpfAvailability.unavailableReason());
        assertEquals(0, ProcessFds.count("bpf-prog"));
    }

    @Test
    void memlockIsRaisedOrTolerated() {
        boolean raised = Rlimits.raiseMemlock();
        if (raised) assertEquals(-1L, Rlimits.memlock());
    }
}
