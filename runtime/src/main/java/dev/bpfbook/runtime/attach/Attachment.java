package dev.bpfbook.runtime.attach;

/** A program attached somewhere. Closing it detaches (and frees the perf events it owns). */
public interface Attachment extends AutoCloseable {
    @Override
    void close();
}
