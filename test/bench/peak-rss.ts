import { readFileSync } from 'node:fs';

/**
 * This process's peak resident memory in MB. On Linux it is read from VmHWM in /proc/self/status:
 * getrusage's maxRSS keeps the high-water mark of the process before exec, so a worker started from a
 * large bench parent would report the parent's memory, not its own.
 */
export function peakRssMb(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match?.[1]) return Number(match[1]) / 1024;
  } catch {
    // Not Linux: fall back to getrusage.
  }
  return process.resourceUsage().maxRSS / 1024;
}
