#!/usr/bin/env bash
# Sets bpfbook up on Debian or Ubuntu, as root: the system packages it needs, the build, the
# system-wide Jupyter kernelspec (/usr/local/share/jupyter/kernels/bpftrace) with its startup archive
# (/usr/local/share/bpfbook), and the bpfbook command (/usr/local/bin/bpfbook). Safe to run again.
#   install/install.sh              packages, build, kernelspec, bpfbook command
#   install/install.sh --deps-only  packages only (CI builds and tests by itself)
set -euo pipefail
cd "$(dirname "$0")/.."

deps_only=false
case "${1:-}" in
  "") ;;
  --deps-only) deps_only=true ;;
  *) echo "usage: install/install.sh [--deps-only]" >&2; exit 2 ;;
esac

packages=(
  openjdk-17-jdk-headless maven                      # build and run the JVM kernel
  jupyter-client jupyter-notebook jupyter-nbconvert  # run notebooks (Debian's Jupyter, /usr/bin/python3)
  python3-nbclient python3-jupyter-kernel-test       # the kernel's tests
  fontconfig fonts-dejavu-core                       # Java2D text: logos and plots
  bpftrace                                           # the reference for output formats and counts
  bpftool                                            # tests cross-check our BTF reader against it
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if ((${#missing[@]})); then
  if ((EUID != 0)); then
    echo "install.sh: run as root to install: ${missing[*]}" >&2
    exit 1
  fi
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

if $deps_only; then
  exit 0
fi

# Offline when every dependency is already in ~/.m2, online otherwise.
mvn -B -q -o package -DskipTests || mvn -B -q package -DskipTests

# Also dumps the class archive for this exact jar and writes /usr/local/share/bpfbook/java.args.
java -jar kernel/target/bpfbook.jar install

# The CLI with the archive's flags: a fresh JVM reaches "attached" in about half the time of plain java -jar.
java="$(readlink -f "$(command -v java)")"
cat > /usr/local/bin/bpfbook <<EOF
#!/bin/sh
# bpfbook: the bpftrace-compatible command line (written by install/install.sh; java.args by 'bpfbook.jar install')
exec "$java" @/usr/local/share/bpfbook/java.args "\$@"
EOF
chmod 755 /usr/local/bin/bpfbook
echo "Installed /usr/local/bin/bpfbook"
