/**
 * CPU time this process has used, in milliseconds: what grading costs, whatever else the
 * machine is doing (wall-clock time would charge a client for another process's load).
 */
export function cpuMilliseconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
