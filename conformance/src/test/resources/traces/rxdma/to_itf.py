#!/usr/bin/env python3
"""Turns the counterexample of `checker check X.tla --json out.json` into an ITF trace file.

usage: to_itf.py OUT.json MODEL_NAME KIND(tour|counterexample) N TRACKING RESTORE STOPMODE > F.itf.json
"""
import json
import sys

VARS = ["ring", "buf", "RDH", "RDT", "rxEnable", "inflight", "qprdc", "ntc", "ntu", "bufInfo",
        "stage", "rmw", "curPkt", "drvMode", "partial", "skbQueue", "delivered", "nextPkt",
        "accepted", "discarded", "phase", "round", "cpuDirty", "devDirty", "devLag", "toSend", "imgRing",
        "imgBuf", "action"]
# the assumption constants at their baseline values (models/*.cfg set the same)
BASELINE = {"NoRxReenable": False, "DisableWaits": True, "DmaAfterStop": False,
            "MaxInflight": {"#bigint": "1"}, "DescRead": "ATOMIC", "RefillBatch": False,
            "DirtyLag": False, "FrameDescs": {"#bigint": "1"}, "FinalCopy": "DIRTY",
            "HeadWritable": True}

out, model, kind, n, tracking, restore, stop = sys.argv[1:8]
m = json.load(open(out))["models"][0]
big = lambda v: {"#bigint": str(v)}
doc = {
    "#meta": {
        "format": "ITF",
        "format-description": "https://apalache-mc.org/docs/adr/015adr-trace.html",
        "source": model + ".tla",
        "model": model,
        "module": "RxDma",
        "kind": kind,
        "constants": {
            "N": big(n), "Packets": {"#set": [big(1), big(2), big(3)]}, "MaxRounds": big(2),
            "Tracking": tracking, "Restore": restore, "StopMode": stop, **BASELINE},
        "generatedBy": "vfiomc checker check --json, converted by to_itf.py",
        "property": m["property"] if kind == "counterexample" else None,
    },
    "vars": VARS,
    "states": [],
}
for i, step in enumerate(m["trace"]):
    meta = {"index": i}
    if i > 0:
        meta["action"] = step["action"]
        meta["params"] = step.get("params") or {}
    s = {"#meta": meta}
    for v in VARS:
        s[v] = step["state"][v]
    doc["states"].append(s)
json.dump(doc, sys.stdout, indent=2)
print()
