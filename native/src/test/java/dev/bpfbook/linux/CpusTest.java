package dev.bpfbook.linux;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpusTest {
    @Test
    void parsesCpuLists() {
        assertEquals(List.of(0, 1), Cpus.parseList("0-1\n"));
        assertEquals(List.of(0, 2, 3, 4, 7), Cpus.parseList("0,2-4,7"));
        assertEquals(List.of(5), Cpus.parseList("5"));
        assertTrue(Cpus.parseList("\n").isEmpty());
    }

    @Test
    void possibleCoversOnline() {
        int possible = Cpus.possible();
        assertTrue(possible >= 1);
        List<Integer> online = Cpus.online();
        assertFalse(online.isEmpty());
        for (int c : online) assertTrue(c < possible);
    }
}
