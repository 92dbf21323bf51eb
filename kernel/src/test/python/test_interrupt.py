"""interrupt_request stops a cell tracing forever: it returns promptly with its maps printed, nothing of
it stays attached, and the session (its maps) carries on into the next cell."""
import re
import time
import unittest

from jupyter_client.manager import start_new_kernel

from bpfbook_testing import (KERNEL_NAME, FileReader, attachment_fds, collect_outputs, kernel_pid,
                             result_text, shell_reply, stdout_text, wait_attached)


class InterruptTests(unittest.TestCase):
    def setUp(self):
        self.km, self.kc = start_new_kernel(kernel_name=KERNEL_NAME)
        self.pid = kernel_pid(self.km)

    def tearDown(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel()

    def test_interrupt_prints_maps_detaches_and_keeps_the_session(self):
        self.assertEqual(attachment_fds(self.pid), 0)
        msg_id = self.kc.execute("tracepoint:syscalls:sys_enter_read { @r = count(); }")
        wait_attached(self.kc, self.pid)
        with FileReader():
            time.sleep(0.2)  # some reads to count
        start = time.monotonic()
        self.km.interrupt_kernel()
        # The interrupted cell's reply: within 1 s of the interrupt, and successful.
        reply = shell_reply(self.kc, 1)
        print(f"\ninterrupt -> execute_reply: {time.monotonic() - start:.3f} s", flush=True)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        maps = result_text(collect_outputs(self.kc, msg_id)).strip()
        match = re.fullmatch(r"@r: (\d+)", maps)
        self.assertIsNotNone(match, maps)
        self.assertGreater(int(match.group(1)), 0)
        self.assertEqual(attachment_fds(self.pid), 0, "the interrupted cell left probes attached")

        # The next cell runs, and sees the map the interrupted cell left in the session.
        msg_id = self.kc.execute("BEGIN { print(@r); exit(); }")
        reply = shell_reply(self.kc, 60)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(stdout_text(collect_outputs(self.kc, msg_id)).strip(), maps)
        self.assertEqual(attachment_fds(self.pid), 0)


if __name__ == "__main__":
    unittest.main()
