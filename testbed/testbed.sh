#!/usr/bin/env bash
# Four homes and a lighthouse in network namespaces on this machine, each direction of each link
# between homes shaped from the study's table (../shared/testbed/paper-links.csv) with htb and u32
# filters. Root only. Delay is not emulated (no netem in this kernel): round trips are loopback's.
#
#   testbed.sh up [links.csv]   create cc-hub, cc-lh, cc-h1..cc-h4 and the cc-root veth; shape
#   testbed.sh down             delete everything this script created
#   testbed.sh status           namespaces, addresses and the shaping classes of each home
#   testbed.sh exec HOME CMD..  run CMD inside a home's namespace (h1..h4, lh)
#
# Addresses (10.199.0.0/24 exists only inside these namespaces and on cc-root):
#   lighthouse 10.199.0.10, home N (node N of the table) 10.199.0.1N, this machine 10.199.0.254.
# Each home's egress is an htb qdisc: one class per other home at the table's rate, chosen by a
# u32 filter on the destination address; everything else (lighthouse, this machine) goes
# unshaped through the default class. Optionally each home gets a CPU budget from TESTBED_CPU:
# a share of one core for every home (0.5) or one per home, h1 to h4 (1,0.25,0.25,1), as cgroup
# v2 cpu.max or, on a v1 host, cpu.cfs_quota_us; the home's processes and their children stay in
# it. Unset means none.
set -euo pipefail

PREFIX=10.199.0
HOMES=(1 2 3 4)
HERE="$(cd "$(dirname "$0")" && pwd)"
LINKS_DEFAULT="$HERE/../../shared/testbed/paper-links.csv"
# The cpu controller's own tree: the unified one (v2), else the v1 cpu hierarchy.
if grep -qw cpu /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then CGROUP=/sys/fs/cgroup/cc-testbed CGROUP_V=2
elif [ -d /sys/fs/cgroup/cpu ]; then CGROUP=/sys/fs/cgroup/cpu/cc-testbed CGROUP_V=1
else CGROUP=/sys/fs/cgroup/cc-testbed CGROUP_V=none; fi

ns() { if [ "$1" = lh ]; then echo cc-lh; else echo "cc-h$1"; fi; }
addr() { if [ "$1" = lh ]; then echo "$PREFIX.10"; else echo "$PREFIX.1$1"; fi; }

need_root() {
  if [ "$(id -u)" != 0 ]; then echo "testbed: needs root (network namespaces, tc)" >&2; exit 2; fi
  for tool in ip tc; do command -v "$tool" >/dev/null || { echo "testbed: $tool is missing (apt-get install iproute2)" >&2; exit 2; }; done
}

attach() { # attach NAME: a namespace with a veth to the hub bridge
  local name=$1 space; space=$(ns "$name")
  ip netns add "$space"
  ip link add "v-$name" netns "$space" type veth peer name "b-$name" netns cc-hub
  ip -n cc-hub link set "b-$name" master br0 up
  ip -n "$space" addr add "$(addr "$name")/24" dev "v-$name"
  ip -n "$space" link set "v-$name" up
  ip -n "$space" link set lo up
}

shape() { # shape HOME CSV: htb classes on the home's egress, one per destination home
  local home=$1 csv=$2 space; space=$(ns "$home")
  tc -n "$space" qdisc add dev "v-$home" root handle 1: htb default 99
  tc -n "$space" class add dev "v-$home" parent 1: classid 1:99 htb rate 1gbit quantum 60000
  while IFS=, read -r src dst _ _ mbit _; do
    [ "$src" = "node$home" ] || continue
    local to=${dst#node}
    tc -n "$space" class add dev "v-$home" parent 1: classid "1:1$to" htb rate "${mbit}mbit" ceil "${mbit}mbit" burst 4k cburst 4k quantum 1514
    tc -n "$space" filter add dev "v-$home" parent 1: protocol ip prio 1 u32 match ip dst "$(addr "$to")/32" flowid "1:1$to"
  done < <(grep -v '^#' "$csv" | tail -n +2)
}

cpu_budget() { # cpu_budget SHARES: one share of a core for every home, or a comma list h1..h4
  local shares=$1 i=0
  [ "$CGROUP_V" != none ] || { echo "testbed: no cgroup cpu controller; no CPU budget" >&2; return; }
  IFS=, read -r -a per_home <<< "$shares"
  mkdir -p "$CGROUP"
  if [ "$CGROUP_V" = 2 ]; then
    echo +cpu > /sys/fs/cgroup/cgroup.subtree_control 2>/dev/null || true
    echo +cpu > "$CGROUP/cgroup.subtree_control" 2>/dev/null || true
  fi
  for home in "${HOMES[@]}"; do
    local share=${per_home[$i]:-${per_home[0]}} quota
    quota=$(awk -v s="$share" 'BEGIN { printf "%d", s * 100000 }')
    mkdir -p "$CGROUP/h$home"
    if [ "$CGROUP_V" = 2 ]; then echo "$quota 100000" > "$CGROUP/h$home/cpu.max"
    else echo 100000 > "$CGROUP/h$home/cpu.cfs_period_us"; echo "$quota" > "$CGROUP/h$home/cpu.cfs_quota_us"; fi
    echo "testbed: home $home gets $share of a core"
    i=$((i + 1))
  done
}

up() {
  need_root
  local csv=${1:-$LINKS_DEFAULT}
  [ -f "$csv" ] || { echo "testbed: no links table at $csv" >&2; exit 2; }
  down quiet
  ip netns add cc-hub
  ip -n cc-hub link add br0 type bridge
  ip -n cc-hub link set br0 up
  attach lh
  for home in "${HOMES[@]}"; do attach "$home"; done
  # This machine reaches the testbed through cc-root, so tests drive the homes' HTTP APIs.
  ip link add cc-root type veth peer name b-root netns cc-hub
  ip -n cc-hub link set b-root master br0 up
  ip addr add "$PREFIX.254/24" dev cc-root
  ip link set cc-root up
  for home in "${HOMES[@]}"; do shape "$home" "$csv"; done
  if [ -n "${TESTBED_CPU:-}" ]; then cpu_budget "$TESTBED_CPU"; fi
  echo "testbed up: lighthouse $(addr lh), homes $(for h in "${HOMES[@]}"; do printf '%s ' "$(addr "$h")"; done)"
}

down() {
  ip link del cc-root 2>/dev/null || true
  for name in lh "${HOMES[@]}"; do ip netns del "$(ns "$name")" 2>/dev/null || true; done
  ip netns del cc-hub 2>/dev/null || true
  if [ -d "$CGROUP" ]; then
    for home in "${HOMES[@]}"; do rmdir "$CGROUP/h$home" 2>/dev/null || true; done
    rmdir "$CGROUP" 2>/dev/null || true
  fi
  [ "${1:-}" = quiet ] || echo "testbed down"
}

status() {
  ip netns list | grep '^cc-' || echo "no testbed namespaces"
  for home in "${HOMES[@]}"; do
    local space; space=$(ns "$home")
    ip netns list | grep -q "^$space" || continue
    echo "== $space $(addr "$home")"
    tc -n "$space" class show dev "v-$home" | sed 's/^/   /'
  done
}

run_in() { # exec HOME CMD...: inside the home's namespace, and its CPU budget when there is one
  local home=$1; shift
  if [ -d "$CGROUP/h$home" ]; then echo $$ > "$CGROUP/h$home/cgroup.procs"; fi
  exec ip netns exec "$(ns "$home")" "$@"
}

case "${1:-}" in
  up) shift; up "$@" ;;
  down) need_root; down ;;
  status) status ;;
  exec) shift; run_in "$@" ;;
  *) sed -n '2,20p' "$0"; exit 2 ;;
esac
