#!/usr/bin/env python3
"""Samples the CPU of the application's JVM threads and of its PostgreSQL processes from /proc (issue 20 item 8).

Usage: bench/cpu-sampler.py JVM_PID PGDATA [INTERVAL_S] > samples.tsv
Every INTERVAL_S (default 0.1) seconds it writes one line per thread or process that used CPU since the last sample:
  wall-clock time (epoch s), kind (jvm / pg), id (thread or process id), name (the JVM thread's name; a PostgreSQL
  process's title, which says its command: COPY, ALTER TABLE, "parallel worker for PID n"…), CPU ticks used since the
  last sample (utime + stime, in 1/CLK_TCK s).
Stops when the JVM is gone. bench/cpu-timeline.py turns the lines into cores used over time and per statement.
The postmaster is found by the data directory's postmaster.pid (re-read, since the application may start it later).
"""
import os
import sys
import time

jvm, pgdata = int(sys.argv[1]), sys.argv[2]
interval = float(sys.argv[3]) if len(sys.argv) > 3 else 0.1
last = {}


def stat(path):
    with open(path, 'rb') as f:
        raw = f.read().decode('utf-8', 'replace')
    name = raw[raw.index('(') + 1:raw.rindex(')')]
    fields = raw[raw.rindex(')') + 2:].split()
    return name, int(fields[1]), int(fields[11]) + int(fields[12])  # comm, ppid, utime + stime


def postmaster():
    try:
        with open(os.path.join(pgdata, 'postmaster.pid')) as f:
            return int(f.readline())
    except (OSError, ValueError):
        return None


def title(pid):
    try:
        with open('/proc/%d/cmdline' % pid, 'rb') as f:
            return f.read().replace(b'\0', b' ').decode('utf-8', 'replace').strip()
    except OSError:
        return '?'


out = sys.stdout
first = True
while os.path.exists('/proc/%d' % jvm):
    now = time.time()
    rows = []
    for tid in os.listdir('/proc/%d/task' % jvm):
        try:
            name, _, ticks = stat('/proc/%d/task/%s/stat' % (jvm, tid))
        except (OSError, ValueError):
            continue
        rows.append(('jvm', int(tid), name, ticks))
    pm = postmaster()
    if pm:
        for entry in os.listdir('/proc'):
            if not entry.isdigit():
                continue
            pid = int(entry)
            try:
                _, ppid, ticks = stat('/proc/%d/stat' % pid)
            except (OSError, ValueError):
                continue
            if pid == pm or ppid == pm:
                rows.append(('pg', pid, None, ticks))
    for kind, ident, name, ticks in rows:
        before = last.get((kind, ident))
        last[(kind, ident)] = ticks
        # a process or thread born since the last sample used all its ticks in this interval
        used = ticks - before if before is not None else (0 if first else ticks)
        if used > 0:
            if name is None:
                name = title(ident)
            out.write('%.3f\t%s\t%d\t%s\t%d\n' % (now, kind, ident, name.replace('\t', ' '), used))
    out.flush()
    first = False
    time.sleep(max(0.0, interval - (time.time() - now)))
