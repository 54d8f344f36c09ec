// nginx as this bench's own process: a config in a temp directory (pid, logs and every temp path
// inside it), one worker, in the foreground so that it is this process's child and is stopped by
// its own pid. Debian's nginx-light is enough.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, writeFileSync } from "node:fs";
import path from "node:path";
import { onCore, stop, temporaryDirectory, track, waitForHttp } from "./processes.ts";

export interface RunningNginx {
  dir: string;
  stop: () => Promise<void>;
}

/** `nginx version: nginx/1.22.1` → `nginx 1.22.1` */
export function nginxVersion(): string {
  const shown = spawnSync("nginx", ["-v"], { encoding: "utf8" }).stderr.trim();
  return shown.replace(/^nginx version: nginx\//, "nginx ");
}

/**
 * The whole nginx.conf around `http` (the inside of the http block). The http block starts as
 * Debian's /etc/nginx/nginx.conf does (sendfile, tcp_nopush, mime.types); `http` says where to log.
 */
function mainConfig(dir: string, http: string): string {
  return `# Written by the bench for this run only.
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  client_body_temp_path ${dir}/client_body_temp;
  proxy_temp_path ${dir}/proxy_temp;
  fastcgi_temp_path ${dir}/fastcgi_temp;
  uwsgi_temp_path ${dir}/uwsgi_temp;
  scgi_temp_path ${dir}/scgi_temp;
  sendfile on;
  tcp_nopush on;
  types_hash_max_size 2048;
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  # Node keeps a connection for as long as the client does; nginx closes one after 1,000
  # requests by default. The same for both sides here.
  keepalive_requests 1000000;

${http
  .trim()
  .split("\n")
  .map((line) => (line ? `  ${line}` : line))
  .join("\n")}
}
`;
}

/**
 * Writes nginx.conf for `http` (given the run's directory, for paths inside it), checks it with
 * `nginx -t`, starts nginx on the servers' core and resolves when `readyUrl` answers.
 */
export async function startNginx(options: { http: (dir: string) => string; readyUrl: string }): Promise<RunningNginx> {
  const dir = temporaryDirectory("llmb-bench-nginx-");
  // nginx's worker runs as nobody when started by root: it must be able to enter the directory.
  chmodSync(dir, 0o755);
  const config = path.join(dir, "nginx.conf");
  writeFileSync(config, mainConfig(dir, options.http(dir)));
  const args = ["-p", dir, "-e", path.join(dir, "error.log"), "-c", config];
  const test = spawnSync("nginx", [...args, "-t", "-q"], { encoding: "utf8" });
  if (test.status !== 0) throw new Error(`nginx -t refused ${config}:\n${test.stderr}`);
  const child = track(spawn(...onCore(1, "nginx", args), { stdio: ["ignore", "ignore", "inherit"] }));
  await waitForHttp(options.readyUrl, 10);
  // SIGQUIT: nginx's graceful stop (the worker finishes, the master removes its pid file).
  return { dir, stop: () => stop(child, "SIGQUIT") };
}
