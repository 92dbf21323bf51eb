#!/bin/sh
# Regenerates cases.txt with GNU date (C strftime conventions) for each zone, instant and conversion:
# "ZONE<TAB>EPOCH<TAB>FORMAT<TAB>OUTPUT".
set -e
cd "$(dirname "$0")"
: > cases.txt
for zone in UTC America/New_York Asia/Kolkata; do
  for epoch in 0 951782400 1609459200 1704067200 1735603200 1796651551 1783000000; do
    for c in a A b B c C d D e F g G h H I j k l m M p P r R s S T u U V w W x X y Y z Z %; do
      out=$(LC_ALL=C TZ=$zone date -d @$epoch "+[%$c]")
      printf '%s\t%s\t%s\t%s\n' "$zone" "$epoch" "[%$c]" "$out" >> cases.txt
    done
  done
done
