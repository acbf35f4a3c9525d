/** Memory (MiB) Fargate accepts for each task CPU size (CPU units). */
const FARGATE_MEMORY: Record<number, { min: number; max: number; step: number; also?: number[] }> = {
  256: { min: 1024, max: 2048, step: 1024, also: [512] },
  512: { min: 1024, max: 4096, step: 1024 },
  1024: { min: 2048, max: 8192, step: 1024 },
  2048: { min: 4096, max: 16384, step: 1024 },
  4096: { min: 8192, max: 30720, step: 1024 },
  8192: { min: 16384, max: 61440, step: 4096 },
  16384: { min: 32768, max: 122880, step: 8192 },
};

/** The task CPU sizes Fargate runs, in CPU units (1024 = one vCPU). */
export const FARGATE_CPU_UNITS = Object.keys(FARGATE_MEMORY).map(Number);

/** Why Fargate refuses a task size, or undefined when it runs it. */
export function fargateSizeProblem(cpu: number, memory: number): string | undefined {
  const m = FARGATE_MEMORY[cpu];
  if (!m) return `expected cpu to be one of ${FARGATE_CPU_UNITS.join(", ")} (CPU units), got ${cpu}`;
  const ok = m.also?.includes(memory) || (memory >= m.min && memory <= m.max && (memory - m.min) % m.step === 0);
  return ok
    ? undefined
    : `expected memory between ${m.min} and ${m.max} MiB in steps of ${m.step} for cpu ${cpu}, got ${memory}`;
}
