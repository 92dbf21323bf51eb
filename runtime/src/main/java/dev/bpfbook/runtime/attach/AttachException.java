package dev.bpfbook.runtime.attach;

/** A probe that could not be attached; the message names the probe and the cause. */
public final class AttachException extends RuntimeException {
    public AttachException(String message) {
        super(message);
    }

    public AttachException(String message, Throwable cause) {
        super(message, cause);
    }
}
