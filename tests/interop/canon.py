#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Normalise zone data from BIND, ldns and signet to one comparable form.

Rather than teaching this script every type's presentation format (where the
tools legitimately differ: base64 line breaks, SVCB quoting, mnemonics against
numbers, IPv6 compression), every tool's view of a zone is reduced to WIRE
FORM, one record per line:

    owner-lowercased  ttl  class-number  type-number  rdata-hex

Sources:
  raw FILE      BIND's "raw" dump (named-compilezone -F raw): binary, already wire.
  generic FILE  RFC 3597 text where every record is "TYPEnnn \\# len hex"
                (ldns-read-zone -U NULL prints that for all types).
  print FILE    signet-verify --print output: only the line FORMAT is checked
                (five tab-separated fields, absolute owner, numeric TTL,
                owners in canonical order); prints the record count.

Owners are lower-cased (DNS names compare case-insensitively); rdata is
compared byte for byte, so case inside rdata names must be preserved.
Options: --skip-owner NAME (repeatable) drops records at NAME (used for
documented per-tool exclusions).
"""
import struct
import sys


def parse_presentation_name(text):
    """Presentation name -> list of label bytes (absolute names only)."""
    if text == ".":
        return []
    labels, cur, i = [], bytearray(), 0
    while i < len(text):
        c = text[i]
        if c == "\\":
            if text[i + 1:i + 4].isdigit() and len(text[i + 1:i + 4]) == 3:
                cur.append(int(text[i + 1:i + 4]))
                i += 4
            else:
                cur += text[i + 1].encode("latin-1")
                i += 2
        elif c == ".":
            labels.append(bytes(cur))
            cur = bytearray()
            i += 1
        else:
            cur += c.encode("latin-1")
            i += 1
    if cur:
        raise ValueError(f"relative name {text!r}")
    return labels


def render_name(labels):
    if not labels:
        return "."
    out = []
    for lab in labels:
        s = []
        for b in lab.lower():
            ch = chr(b)
            if ch.isascii() and (ch.isalnum() or ch in "-_*"):
                s.append(ch)
            else:
                s.append("\\%03d" % b)
        out.append("".join(s))
    return ".".join(out) + "."


def wire_labels(buf, pos):
    labels = []
    while True:
        n = buf[pos]
        pos += 1
        if n == 0:
            return labels, pos
        labels.append(bytes(buf[pos:pos + n]))
        pos += n


def from_raw(path):
    data = open(path, "rb").read()
    fmt, version = struct.unpack(">II", data[:8])
    if fmt != 2:
        raise SystemExit(f"{path}: not a BIND raw dump (format {fmt})")
    pos = 24 if version >= 1 else 12
    out = []
    while pos < len(data):
        total, rclass, rtype, _covers, ttl, nrdata = struct.unpack(">IHHHII", data[pos:pos + 18])
        p = pos + 18
        (nlen,) = struct.unpack(">H", data[p:p + 2])
        labels, _ = wire_labels(data, p + 2)
        p += 2 + nlen
        for _ in range(nrdata):
            (rlen,) = struct.unpack(">H", data[p:p + 2])
            out.append((render_name(labels), ttl, rclass, rtype, data[p + 2:p + 2 + rlen].hex()))
            p += 2 + rlen
        pos += total
    return out


def from_generic(path):
    out = []
    for line in open(path, encoding="latin-1"):
        line = line.split(";", 1)[0].strip() if line.lstrip().startswith(";") else line.strip()
        if not line:
            continue
        f = line.split()
        owner, ttl, cls, typ = f[0], int(f[1]), f[2], f[3]
        if f[4] != "\\#":
            raise SystemExit(f"{path}: not RFC 3597 form: {line}")
        length, hexdata = int(f[5]), "".join(f[6:]).lower()
        if len(hexdata) != 2 * length:
            raise SystemExit(f"{path}: length mismatch: {line}")
        cnum = {"IN": 1, "CH": 3, "HS": 4}.get(cls) or int(cls[5:])
        out.append((render_name(parse_presentation_name(owner)), ttl, cnum, int(typ[4:]), hexdata))
    return out


def canonical_key(owner_text):
    return [lab.lower() for lab in reversed(parse_presentation_name(owner_text))]


def check_print(path):
    prev, count, errors = None, 0, []
    for n, line in enumerate(open(path, encoding="latin-1"), 1):
        line = line.rstrip("\n")
        if not line:
            continue
        f = line.split("\t")
        if len(f) != 5:
            errors.append(f"{path}:{n}: expected 5 tab-separated fields: {line}")
            continue
        if not f[0].endswith("."):
            errors.append(f"{path}:{n}: owner is not absolute: {f[0]}")
            continue
        if not f[1].isdigit():
            errors.append(f"{path}:{n}: TTL is not a number: {f[1]}")
        key = canonical_key(f[0])
        if prev is not None and key < prev:
            errors.append(f"{path}:{n}: owner {f[0]} is out of canonical order")
        prev = key
        count += 1
    if errors:
        print("\n".join(errors[:20]), file=sys.stderr)
        sys.exit(1)
    print(count)


def main(argv):
    skip = set()
    args = []
    i = 0
    while i < len(argv):
        if argv[i] == "--skip-owner":
            skip.add(render_name(parse_presentation_name(argv[i + 1])))
            i += 2
        else:
            args.append(argv[i])
            i += 1
    mode, path = args
    if mode == "print":
        check_print(path)
        return
    recs = from_raw(path) if mode == "raw" else from_generic(path)
    for r in sorted(set(recs)):
        if r[0] in skip:
            continue
        print(f"{r[0]} {r[1]} {r[2]} {r[3]} {r[4]}")


if __name__ == "__main__":
    main(sys.argv[1:])
