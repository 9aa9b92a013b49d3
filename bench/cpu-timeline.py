#!/usr/bin/env python3
"""Cores used over a run, from bench/cpu-sampler.py's lines (issue 20 item 8).

Usage: bench/cpu-timeline.py samples.tsv START END [BIN_S]
START and END: epoch seconds (e.g. `date -d <log timestamp> +%s.%N`). Prints, per bin (default 0.2 s), the cores used
by: the assignment's backend (A) and its parallel workers (Aw), the predictions' backend (P) and its workers (Pw),
the predictions' JVM thread (Pj: threads named segmentation-ru…, the run's own uses next to nothing), the JIT
compilers, GC threads, the rest of the JVM and of PostgreSQL; then the window's CPU seconds per part and per backend
command (the title's last words: CREATE TABLE AS, ALTER TABLE, COPY…). The predictions' backend is the one that ran a
COPY in the window; every other client backend counts as the assignment's.
"""
import collections
import re
import sys

path, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
width = float(sys.argv[4]) if len(sys.argv) > 4 else 0.2
HZ = 100.0
rows = []
for line in open(path):
    t, kind, ident, name, ticks = line.rstrip('\n').split('\t')
    t = float(t)
    if start < t <= end + width:
        rows.append((t, kind, int(ident), name, int(ticks)))

WORKER = re.compile(r'parallel worker for PID (\d+)')
CLIENT = re.compile(r'postgres: \S+ \S+ \S+ (.*)$')
copying = {ident for _, kind, ident, name, _ in rows if kind == 'pg' and ' COPY' in name}


def part(kind, ident, name):
    if kind == 'jvm':
        if name.startswith('segmentation-ru'):
            return 'Pj', None
        if 'Compiler' in name:
            return 'JIT', None
        if name.startswith(('GC ', 'G1 ', 'VM Thread')):
            return 'GC', None
        return 'jvm', None
    worker = WORKER.search(name)
    if worker:
        return ('Pw' if int(worker.group(1)) in copying else 'Aw'), 'parallel worker'
    client = CLIENT.search(name)
    if client:
        command = re.sub(r' waiting$', '', client.group(1)).strip() or 'idle'
        return ('P' if ident in copying else 'A'), command
    # the postmaster's title is its whole command line
    return 'pg', 'postmaster' if ' -D ' in name else name.replace('postgres: ', '')


PARTS = ['A', 'Aw', 'P', 'Pw', 'Pj', 'JIT', 'GC', 'jvm', 'pg']
bins = collections.defaultdict(lambda: collections.Counter())
commands = collections.defaultdict(lambda: collections.Counter())
titles = collections.defaultdict(set)
totals = collections.Counter()
for t, kind, ident, name, ticks in rows:
    p, command = part(kind, ident, name)
    b = int((t - start) / width)
    bins[b][p] += ticks
    totals[p] += ticks
    if command:
        commands[p][command] += ticks
    if p == 'A' and command:
        titles[b].add(command)

print('%6s %5s ' % ('t', 'cores') + ' '.join('%5s' % p for p in PARTS) + '  assignment backend')
for b in range(0, int((end - start) / width) + 1):
    c = bins.get(b, collections.Counter())
    total = sum(c.values()) / HZ / width
    print('%6.1f %5.2f ' % (b * width, total) + ' '.join('%5.2f' % (c[p] / HZ / width) for p in PARTS)
          + '  ' + ', '.join(sorted(titles.get(b, ()))))
span = end - start
print('window %.2f s; CPU s: ' % span + ', '.join('%s %.2f' % (p, totals[p] / HZ) for p in PARTS)
      + '; all %.2f (%.2f cores on average)' % (sum(totals.values()) / HZ, sum(totals.values()) / HZ / span))
for p in PARTS:
    if commands[p]:
        print('  %s by command: ' % p + ', '.join('%s %.2f' % (k, v / HZ) for k, v in commands[p].most_common(8)))
