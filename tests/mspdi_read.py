"""Reads an MS Project XML (MSPDI) file with MPXJ and prints what it found as JSON.

Used by tests/mspdi.rs: `python3 tests/mspdi_read.py roadmap.xml`. Exit code 3 when
MPXJ or Java is missing (the test then skips, unless CI=true).
"""
import json
import sys

try:
    import jpype
    import mpxj  # noqa: F401  (puts MPXJ's jars on the class path)

    if not jpype.isJVMStarted():
        jpype.startJVM()
except Exception as e:  # the package or Java is missing
    print(f"mpxj unavailable: {e}", file=sys.stderr)
    sys.exit(3)


def text(x):
    return None if x is None else str(x)


def main(path):
    try:
        from org.mpxj.reader import UniversalProjectReader
    except Exception:  # MPXJ before 13 used the net.sf.mpxj packages
        from net.sf.mpxj.reader import UniversalProjectReader
    project = UniversalProjectReader().read(path)
    if project is None:
        print("MPXJ could not read the file", file=sys.stderr)
        sys.exit(1)
    tasks = []
    for t in project.getTasks():
        if t.getUniqueID() is None or int(t.getUniqueID()) == 0:
            continue
        preds = []
        for r in t.getPredecessors():
            lag = r.getLag()
            preds.append({
                "uid": int(r.getPredecessorTask().getUniqueID()),
                "type": text(r.getType()),
                "lag": float(lag.getDuration()) if lag is not None else 0.0,
                "lag_units": text(lag.getUnits()) if lag is not None else None,
            })
        parent = t.getParentTask()
        tasks.append({
            "uid": int(t.getUniqueID()),
            "name": text(t.getName()),
            "start": text(t.getStart()),
            "finish": text(t.getFinish()),
            "summary": bool(t.getSummary()),
            "level": int(t.getOutlineLevel()) if t.getOutlineLevel() is not None else None,
            "parent": int(parent.getUniqueID()) if parent is not None and parent.getUniqueID() is not None else None,
            "predecessors": preds,
            "fixed_cost": float(t.getFixedCost()) if t.getFixedCost() is not None else None,
            "value": float(t.getNumber(1)) if t.getNumber(1) is not None else None,
            "cost1": float(t.getCost(1)) if t.getCost(1) is not None else None,
            "category": text(t.getText(1)),
            "mandatory": bool(t.getFlag(1)),
            "deadline": text(t.getDeadline()),
        })
    resources = []
    for r in project.getResources():
        if r.getUniqueID() is None or int(r.getUniqueID()) == 0 or r.getName() is None:
            continue
        resources.append({
            "uid": int(r.getUniqueID()),
            "name": text(r.getName()),
            "generic": bool(r.getGeneric()),
        })
    assignments = []
    for a in project.getResourceAssignments():
        work = a.getWork()
        assignments.append({
            "task": int(a.getTask().getUniqueID()),
            "resource": int(a.getResource().getUniqueID()) if a.getResource() is not None else None,
            "work": float(work.getDuration()) if work is not None else None,
            "work_units": text(work.getUnits()) if work is not None else None,
        })
    print(json.dumps({"tasks": tasks, "resources": resources, "assignments": assignments}))


if __name__ == "__main__":
    main(sys.argv[1])
