#!/usr/bin/env python3
"""SQLite's own cost per rollup row on this machine (docs/benchmarks.md, "Uniform keys since journeys").

New keys' minute, hour and day rows written into the rollup table's shape (text primary key, 24 counters, WITHOUT
ROWID) as upserts and as plain inserts, against the same counters under an integer primary key, and a no-op
statement for the binding's own call cost. 86,000 keys (the uniform workload's distinct keys), batches of 4,000 keys
per transaction, WAL, synchronous=NORMAL, 64 MiB cache, as the service's writer. Usage: sqlite-row-cost.py [reps]
"""
import os, random, sqlite3, sys, tempfile, time

COUNTERS = [f"c{i}" for i in range(24)]
KEYS, BATCH = 86_000, 4_000
BUCKETS = ((0, 1764000000), (1, 1763999000), (2, 1763900000))


def connect(path, ddl):
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=wal", "synchronous=normal", "cache_size=-65536"):
        connection.execute(f"pragma {pragma}")
    connection.execute(ddl)
    return connection


def measure(name, ddl, sql, params, keys):
    with tempfile.TemporaryDirectory() as directory:
        connection = connect(os.path.join(directory, "rows.db"), ddl)
        rows, started = 0, time.perf_counter()
        for i in range(0, len(keys), BATCH):
            connection.execute("begin")
            for key in keys[i:i + BATCH]:
                for granularity, bucket in BUCKETS:
                    connection.execute(sql, params(key, granularity, bucket))
                    rows += 1
            connection.execute("commit")
        connection.close()
        print(f"{name:12s} {rows / (time.perf_counter() - started):>10,.0f} rows/s")


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    keys = list(range(KEYS))
    random.Random(1).shuffle(keys)
    columns = ", ".join(f"{c} integer not null default 0" for c in COUNTERS)
    text_key = (f"create table r (g integer not null, d text not null, id text not null, b integer not null, "
                f"s text not null, {columns}, primary key (g, d, id, b, s)) without rowid")
    text_params = lambda k, g, b: (g, "campaign", f"campaign-{k:06d}", b, "events-3", 1, 1)
    for _ in range(reps):
        measure("upsert", text_key, "insert into r (g, d, id, b, s, c8, c9) values (?, ?, ?, ?, ?, ?, ?) "
                "on conflict (g, d, id, b, s) do update set c8 = c8 + excluded.c8, c9 = c9 + excluded.c9", text_params, keys)
        measure("insert", text_key, "insert into r (g, d, id, b, s, c8, c9) values (?, ?, ?, ?, ?, ?, ?)", text_params, keys)
        measure("integer-key", f"create table r (k integer primary key, {columns})",
                "insert into r (k, c8, c9) values (?, ?, ?) on conflict (k) do update set c8 = c8 + excluded.c8, c9 = c9 + excluded.c9",
                lambda k, g, b: (k * 4 + g, 1, 1), keys)
        measure("no-op", "create table r (x)", "select ?, ?, ?, ?, ?, ?, ?", text_params, keys)


if __name__ == "__main__":
    main()
