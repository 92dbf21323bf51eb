"""Helpers shared by the kernel's Jupyter tests: the kernel process, its BPF file descriptors, a workload.

The tests run under Debian's /usr/bin/python3 with JUPYTER_PATH pointing at a kernelspec for the freshly
built bpfbook.jar (KernelIT sets that up).
"""
import os
import queue
import threading
import time

KERNEL_NAME = "bpftrace"

# What an attached probe holds open in the kernel process: a loaded program, a perf event, a BPF link.
ATTACHMENT_LINKS = ("anon_inode:bpf-prog", "anon_inode:[perf_event]", "anon_inode:bpf_link")


def kernel_pid(km):
    return km.provisioner.process.pid


def attachment_fds(pid):
    """How many fds of the process are loaded programs, perf events or links."""
    count = 0
    fd_dir = f"/proc/{pid}/fd"
    for fd in os.listdir(fd_dir):
        try:
            if os.readlink(os.path.join(fd_dir, fd)) in ATTACHMENT_LINKS:
                count += 1
        except FileNotFoundError:
            pass
    return count


def wait_until(predicate, what, limit_s=60.0):
    """Polls until predicate() holds; fails (does not measure) if it never does."""
    deadline = time.monotonic() + limit_s
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what} after {limit_s} s")
        time.sleep(0.02)


def shell_reply(kc, timeout):
    """The next shell reply, past the kernel_info replies that waiting for the kernel to be ready leaves."""
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["msg_type"] != "kernel_info_reply":
            return reply


def wait_attached(kc, pid):
    """Waits for the running cell to attach a probe; fails at once if the cell ends instead."""
    def attached():
        while True:
            try:
                reply = kc.get_shell_msg(timeout=0.01)
            except queue.Empty:
                return attachment_fds(pid) > 0
            if reply["msg_type"] != "kernel_info_reply":
                raise AssertionError(f"the cell ended without attaching: {reply['content']}")
    wait_until(attached, "the cell's probe to attach")


class FileReader:
    """A background workload: opens and reads a file in a loop, so syscalls, reads and opens happen."""

    PATH = "/etc/hostname"

    def __init__(self):
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            with open(self.PATH, "rb") as f:
                f.read()
            time.sleep(0.005)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def collect_outputs(kc, msg_id, timeout=60):
    """The iopub messages a request produced, up to its idle status."""
    outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return outputs
        if msg["msg_type"] in ("stream", "execute_result", "display_data", "error"):
            outputs.append(msg)


def stdout_text(outputs):
    return "".join(m["content"]["text"] for m in outputs
                   if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")


def result_text(outputs):
    results = [m for m in outputs if m["msg_type"] == "execute_result"]
    assert len(results) == 1, f"expected one execute_result, got {outputs}"
    return results[0]["content"]["data"]["text/plain"]
