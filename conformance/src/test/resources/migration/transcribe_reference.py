#!/usr/bin/env python3
"""Provenance of set-paths.csv: the expected SET outcome of every (features, from, to).

Transcribed from the next-step matrices of shared/reference/vfio-v2.md sections 3.3 and 3.4 (the
reference's own transcription of the kernel table, with the reduced feature sets already skipped),
independently of the Java implementation. A path is obtained by stepping through the reference
matrix of the feature set until the target; an `E`/`E!` cell or a missing row (a current state the
feature set does not have) makes the request invalid. `newDataFd` follows the reference's rule
(section 3.3): a new fd iff tgt in {SC,PC,PCP2P} and cur not in {SC,PC,PCP2P}, or tgt = RES and
cur != RES. Run: python3 transcribe_reference.py vfio-v2.md > set-paths.csv
"""
import re
import sys

ABBR = {"STOP": "STOP", "RUN": "RUNNING", "SC": "STOP_COPY", "RES": "RESUMING",
        "RP2P": "RUNNING_P2P", "PC": "PRE_COPY", "PCP2P": "PRE_COPY_P2P", "ERR": "ERROR"}
ORDER = ["ERROR", "STOP", "RUNNING", "STOP_COPY", "RESUMING", "RUNNING_P2P", "PRE_COPY",
         "PRE_COPY_P2P"]
HEADINGS = [("### 3.3", "ALL"), ("SC|P2P (flags 3)", "STOP_COPY_P2P"),
            ("SC|PC (flags 5)", "STOP_COPY_PRE_COPY"), ("SC only (flags 1)", "STOP_COPY")]
SAVING = {"STOP_COPY", "PRE_COPY", "PRE_COPY_P2P"}


def tables(text):
    out = {}
    for heading, name in HEADINGS:
        start = text.index(heading)
        lines = text[start:].splitlines()
        i = next(k for k, l in enumerate(lines) if l.startswith("| cur\\tgt"))
        cols = [ABBR[c.strip()] for c in lines[i].strip("|").split("|")[1:]]
        matrix = {}
        for line in lines[i + 2:]:
            if not line.startswith("|"):
                break
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            row = ABBR[cells[0].strip("*")]
            matrix[row] = dict(zip(cols, cells[1:]))
        out[name] = matrix
    return out


def path(matrix, frm, to):
    if frm not in matrix or frm == "ERROR":
        return None
    if frm == to:
        return [frm]
    states, cur = [frm], frm
    while cur != to:
        cell = matrix[cur][to]
        if cell.startswith("E") or cell == "=":
            return None
        cur = ABBR[cell]
        states.append(cur)
        if len(states) > 9:
            raise SystemExit("loop in reference table at %s->%s" % (frm, to))
    return states


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    print("features,from,to,valid,path,newDataFd")
    for name, matrix in tables(text).items():
        for frm in ORDER:
            for to in ORDER:
                p = path(matrix, frm, to)
                if p is None:
                    print("%s,%s,%s,false,,false" % (name, frm, to))
                    continue
                fd = len(p) > 1 and ((to in SAVING and frm not in SAVING) or
                                     (to == "RESUMING" and frm != "RESUMING"))
                print("%s,%s,%s,true,%s,%s" % (name, frm, to, ">".join(p), str(fd).lower()))


main()
