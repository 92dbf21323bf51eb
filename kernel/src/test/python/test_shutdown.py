"""shutdown_request while a cell is tracing: the kernel detaches everything and exits by itself."""
import os
import unittest

from jupyter_client.manager import start_new_kernel

from bpfbook_testing import KERNEL_NAME, attachment_fds, kernel_pid, wait_attached


class ShutdownTests(unittest.TestCase):
    def test_shutdown_mid_cell_exits_cleanly(self):
        km, kc = start_new_kernel(kernel_name=KERNEL_NAME)
        process = km.provisioner.process
        pid = kernel_pid(km)
        try:
            kc.execute("tracepoint:syscalls:sys_enter_read { @r = count(); }")
            wait_attached(kc, pid)
            # A bare shutdown_request on the control channel, with the cell still running. (KernelManager's
            # own shutdown would send interrupt_request first and so end the cell before shutting down.)
            kc.shutdown()
            reply = kc.get_control_msg(timeout=30)
            self.assertEqual(reply["msg_type"], "shutdown_reply")
            # 0 is the kernel's own exit after closing its session; a kill would show as a negative code.
            self.assertEqual(process.wait(timeout=30), 0)
            self.assertFalse(os.path.exists(f"/proc/{pid}/fd") and attachment_fds(pid) > 0)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


if __name__ == "__main__":
    unittest.main()
