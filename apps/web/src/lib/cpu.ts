/**
 * CPU time this process has used, in milliseconds: what grading costs, whatever else the
 * machine is doing. Wall-clock time would charge a client for another process's load: tried
 * (reading this costs tens of µs), on two busy cores a client's ordinary answers were charged
 * overtime and refused with a 429 in CI.
 */
export function cpuMilliseconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
