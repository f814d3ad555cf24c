// Small helpers shared by the benchmarks: run a command several times, keep the median wall time
// and the peak resident set size reported by GNU time.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function measure(label, command, args, { runs = 5, cwd, env } = {}) {
  const times = [];
  let peakKb = 0;
  let stdout = '';
  const scratch = mkdtempSync(path.join(tmpdir(), 'chainward-bench-'));
  const timeFile = path.join(scratch, 'time.txt');
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const result = spawnSync('/usr/bin/time', ['-f', '%M', '-o', timeFile, command, ...args], {
      cwd,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
    });
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) {
      throw new Error(`${label} failed (exit ${result.status}):\n${result.stderr}`);
    }
    times.push(elapsed);
    peakKb = Math.max(peakKb, Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop()));
    stdout = result.stdout;
  }
  rmSync(scratch, { recursive: true, force: true });
  times.sort((a, b) => a - b);
  return { label, medianMs: times[Math.floor(times.length / 2)], minMs: times[0], peakRssMb: peakKb / 1024, stdout };
}

export function table(rows, baseline) {
  const lines = [`${'command'.padEnd(44)} ${'median ms'.padStart(10)} ${'min ms'.padStart(8)} ${'× floor'.padStart(8)} ${'peak RSS MB'.padStart(12)}`];
  for (const row of rows) {
    lines.push(
      `${row.label.padEnd(44)} ${row.medianMs.toFixed(0).padStart(10)} ${row.minMs.toFixed(0).padStart(8)} ${(row.medianMs / baseline.medianMs).toFixed(2).padStart(8)} ${row.peakRssMb.toFixed(0).padStart(12)}`,
    );
  }
  return lines.join('\n');
}

export function requireBuilt(root) {
  if (!existsSync(path.join(root, 'dist', 'cli', 'main.js'))) throw new Error('run `npm run build` first (npm run bench does)');
}

/** A deterministic pseudo-random stream (mulberry32), so every run benches the same generated data. */
export function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs one administrative statement (CREATE/DROP DATABASE) on the PostgreSQL server the benches use. */
export async function adminQuery(adminUrl, sql) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
