#!/bin/sh
# Regenerates cases.txt from the system's libstdc++ std::sort.
set -e
cd "$(dirname "$0")"
g++ -O2 -std=c++17 -o /tmp/cxxsort-gen gen.cpp
/tmp/cxxsort-gen > cases.txt
