package dev.bpfbook.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/** libc calls that only the tests make: the traced workloads and CPU pinning. */
final class TestLibc {
    static {
        Native.register(NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private TestLibc() {}

    static native int getppid();

    static native int sched_setaffinity(int pid, long size, Memory mask) throws LastErrorException;

    static native int sched_getaffinity(int pid, long size, Memory mask) throws LastErrorException;

    /** Pins the calling thread to one CPU; returns the previous mask to restore. */
    static Memory pinTo(int cpu) {
        Memory old = new Memory(128);
        old.clear();
        sched_getaffinity(0, 128, old);
        Memory mask = new Memory(128);
        mask.clear();
        mask.setByte(cpu / 8, (byte) (1 << (cpu % 8)));
        sched_setaffinity(0, 128, mask);
        return old;
    }

    static void restoreAffinity(Memory old) {
        sched_setaffinity(0, 128, old);
    }
}
