#!/usr/bin/env python3
"""Save → new PDF under `wenshu watch`: the time from writing a project file
to its PDF being replaced, over several saves.

usage: watch.py WENSHU WORK_DIR SAVES   (WORK_DIR holds projects/ and out/)
Prints one line: the median, the fastest and the slowest save.
"""
import os, subprocess, sys, time, glob

wenshu, work, saves = sys.argv[1], sys.argv[2], int(sys.argv[3])
project = sorted(glob.glob(os.path.join(work, "projects", "*", "project.yaml")))[0]
folder = os.path.basename(os.path.dirname(project))
watcher = subprocess.Popen([wenshu, "watch", project, "--out", os.path.join(work, "watch-out")],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=work)
for line in watcher.stdout:
    if "正在监视" in line:
        break
pdfs = glob.glob(os.path.join(work, "watch-out", folder, "*.pdf"))
source = open(project, encoding="utf-8").read()
times = []
for i in range(saves):
    before = {p: os.stat(p).st_mtime_ns for p in pdfs}
    start = time.perf_counter()
    with open(project, "w", encoding="utf-8") as f:
        f.write(source.replace("name: ", f"name: 第{i}稿", 1))
    while all(os.stat(p).st_mtime_ns == before[p] for p in pdfs):
        time.sleep(0.001)
    times.append((time.perf_counter() - start) * 1000)
    time.sleep(0.3)
watcher.kill()
with open(project, "w", encoding="utf-8") as f:
    f.write(source)
times.sort()
print("median %.0f ms (%.0f–%.0f ms, %d saves)" % (times[len(times) // 2], times[0], times[-1], saves))
