#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Deterministic zone generator for signet's benchmarks and large tests.

Writes an RFC 1035 master file to stdout. The same arguments always give the
same bytes (the PRNG is seeded; nothing depends on the clock or hash order).

Shapes (they can be combined):
  --delegations N  TLD-like: N child zones, each with 2 NS. About 30% of them
                   also have a DS (a signed child), about 5% use name servers
                   inside the child (in-bailiwick) and so carry glue A and
                   usually AAAA records.
  --hosts N        enterprise-like: N host names with A/AAAA, and a share of
                   MX, TXT (quoted, with spaces), CNAME, SRV and CAA records,
                   some one level down (giving empty non-terminals) and a few
                   wildcards.

Example: genzone.py --origin tld. --delegations 100000 --seed 1 > tld100k.zone
"""
import argparse
import random
import sys

ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
INNER = ALPHABET + "-"
TLDS = ["com", "net", "org", "de", "nl", "io"]


class Labels:
    """Unique random labels of 3..20 characters over [a-z0-9-], no '-' at the ends."""

    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    def make(self):
        rng = self.rng
        while True:
            n = rng.randint(3, 20)
            middle = "".join(rng.choice(INNER) for _ in range(n - 2))
            label = rng.choice(ALPHABET) + middle + rng.choice(ALPHABET)
            if label not in self.used:
                self.used.add(label)
                return label


def ipv4(rng, first=10):
    return f"{first}.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"


def ipv6(rng):
    return "2001:db8:%x:%x::%x:%x" % tuple(rng.randrange(1, 65536) for _ in range(4))


def write_header(out, origin, serial):
    out.write(f"$ORIGIN {origin}\n$TTL 3600\n")
    out.write(f"@ 86400 IN SOA ns1.nic.{origin} hostmaster.nic.{origin} {serial} 1800 900 604800 3600\n")
    out.write("@ 86400 IN NS ns1.nic\n@ 86400 IN NS ns2.nic\n")
    out.write("ns1.nic 86400 IN A 192.0.2.1\nns1.nic 86400 IN AAAA 2001:db8::1\n")
    out.write("ns2.nic 86400 IN A 198.51.100.1\nns2.nic 86400 IN AAAA 2001:db8:1::1\n")


def write_delegations(out, rng, labels, count):
    lines = []
    for _ in range(count):
        child = labels.make()
        roll = rng.random()
        if roll < 0.05:  # in-bailiwick servers: glue
            lines.append(f"{child} IN NS ns1.{child}\n{child} IN NS ns2.{child}\n")
            lines.append(f"ns1.{child} IN A {ipv4(rng)}\nns2.{child} IN A {ipv4(rng)}\n")
            if rng.random() < 0.8:
                lines.append(f"ns1.{child} IN AAAA {ipv6(rng)}\nns2.{child} IN AAAA {ipv6(rng)}\n")
        else:
            host = f"{labels.make()}.{rng.choice(TLDS)}."
            lines.append(f"{child} IN NS ns1.{host}\n{child} IN NS ns2.{host}\n")
        if rng.random() < 0.30:
            digest = "%064X" % rng.getrandbits(256)
            lines.append(f"{child} IN DS {rng.randrange(1, 65536)} 13 2 {digest}\n")
        if len(lines) > 4096:
            out.write("".join(lines))
            lines.clear()
    out.write("".join(lines))


def write_hosts(out, rng, labels, count):
    out.write("@ IN MX 10 mx1\n@ IN MX 20 mx2\n")
    out.write('@ IN TXT "v=spf1 ip4:192.0.2.0/24 -all"\n@ IN CAA 0 issue "ca.example.net"\n')
    out.write("mx1 IN A 192.0.2.25\nmx2 IN A 192.0.2.26\n")
    parents = [labels.make() for _ in range(max(1, count // 50))]
    lines = []
    with_address = []
    for _ in range(count):
        name = labels.make()
        if rng.random() < 0.15:  # one level down: the parent is an empty non-terminal
            name = f"{name}.{rng.choice(parents)}"
        roll = rng.random()
        if roll < 0.10:
            target = rng.choice(with_address) if with_address else "mx1"
            lines.append(f"{name} IN CNAME {target}\n")
            continue
        with_address.append(name)
        lines.append(f"{name} IN A 192.0.{rng.randrange(256)}.{rng.randrange(1, 255)}\n")
        if roll < 0.40:
            lines.append(f"{name} IN AAAA {ipv6(rng)}\n")
        if roll > 0.90:
            lines.append(f'{name} IN TXT "owner team {rng.randrange(1000)}; ticket {rng.randrange(10**6)}"\n')
        if 0.85 < roll <= 0.88:
            lines.append(f"{name} IN MX 10 mx1\n")
        if 0.88 < roll <= 0.90:
            lines.append(f"_sip._tcp.{name} IN SRV 10 60 5060 {name}\n")
        if 0.80 < roll <= 0.81:
            lines.append(f'{name} IN CAA 0 issue "ca.example.net"\n')
        if len(lines) > 4096:
            out.write("".join(lines))
            lines.clear()
    out.write("".join(lines))
    for j in range(min(5, len(parents))):
        out.write(f"*.{parents[j]} IN A 192.0.2.{100 + j}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--origin", default="bench.")
    ap.add_argument("--delegations", type=int, default=0)
    ap.add_argument("--hosts", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--serial", type=int, default=2024010101)
    args = ap.parse_args()
    origin = args.origin if args.origin.endswith(".") else args.origin + "."
    rng = random.Random(args.seed)
    labels = Labels(rng)
    for reserved in ("nic", "mx1", "mx2", "www"):
        labels.used.add(reserved)
    out = sys.stdout
    write_header(out, origin, args.serial)
    if args.delegations:
        write_delegations(out, rng, labels, args.delegations)
    if args.hosts:
        write_hosts(out, rng, labels, args.hosts)


if __name__ == "__main__":
    main()
