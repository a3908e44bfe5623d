/**
 * What a process has used so far, from /proc (Linux): CPU seconds (user + system, all its threads)
 * and its peak resident memory (VmHWM).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let clockTicks: number | undefined;
function ticksPerSecond(): number {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return clockTicks;
}

/** The fields of /proc/<pid>/stat after the command name (field 3, the state, first). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds of a process: its own (utime + stime), with `family` also its children's — those it
 * has waited for (cutime + cstime) and those still running (PostgreSQL's backends).
 */
export function cpuSeconds(pid: number, family = false): number {
  const f = statFields(pid);
  if (!f) return 0;
  const field = (n: number) => Number(f[n - 3] ?? 0);
  let ticks = field(14) + field(15);
  if (family) ticks += field(16) + field(17);
  const own = ticks / ticksPerSecond();
  return family ? own + childPids(pid).reduce((sum, child) => sum + cpuSeconds(child, true), 0) : own;
}

/** The processes whose parent is `pid`. */
export function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statFields(Number(entry));
    if (f && Number(f[1]) === pid) out.push(Number(entry));
  }
  return out;
}

/** A field of /proc/<pid>/status in bytes (VmHWM: peak resident set; VmRSS: now); 0 when gone. */
export function memoryBytes(pid: number, field: 'VmHWM' | 'VmRSS' = 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}
