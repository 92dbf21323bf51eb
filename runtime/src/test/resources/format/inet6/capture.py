#!/usr/bin/python3
# Regenerates cases.txt: "HEX<TAB>TEXT" from glibc's inet_ntop (through Python's socket module).
import os, random, socket
random.seed(7)
fixed = ["00000000000000000000000000000000", "00000000000000000000000000000001",
         "20010db8000000000000000000000001", "fe800000000000000202b3fffe1e8329",
         "00000000000000000000ffffc0a80001", "000000000000000000000000c0a80001",
         "20010db8000000010000000000000001", "20010db8000000000001000000000001",
         "00010000000000000000000000000000", "00000000000000000000000000010000",
         "20010db885a3000000008a2e03707334", "ff020000000000000000000000000001",
         "0000000000000000000000000000ffff", "00000000000000000000fffe00000001",
         "0000000000000000ffff000000000001"]
words = ["0000", "0000", "0001", "ffff", "abcd", "0db8"]
cases = fixed + ["".join(random.choice(words) for _ in range(8)) for _ in range(300)]
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases.txt"), "w") as f:
    for h in cases:
        f.write(h + "\t" + socket.inet_ntop(socket.AF_INET6, bytes.fromhex(h)) + "\n")
