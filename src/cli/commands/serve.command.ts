import { Command, InvalidArgumentError } from 'commander';
import { cliConfig } from '../context.js';

const DEFAULT_CHECKPOINT_EVERY = '15m';

/** `chainward serve`: the HTTP API, on the configured database, signing ledger checkpoints as it runs. */
export function serveCommand(): Command {
  return new Command('serve')
    .description('Run the HTTP server: health checks; the scans, findings, policy sets, waivers, gate results, reports and audit APIs; signs audit checkpoints periodically')
    .option('--host <host>', 'address to listen on (default 127.0.0.1, or CHAINWARD_HOST)')
    .option('--port <port>', 'port to listen on (default 8080, or CHAINWARD_PORT; 0 picks a free one)', parsePort)
    .option('--checkpoint-every <duration>', `sign an audit checkpoint this often when the ledger grew, e.g. 30s, 15m, 1h; 0 never`, parseDuration, parseDuration(DEFAULT_CHECKPOINT_EVERY))
    .action(async (flags: { host?: string; port?: number; checkpointEvery: number }) => {
      const config = await cliConfig();
      const [{ createServer }, { AuditCheckpointService }] = await Promise.all([import('../../app/create-server.js'), import('../../audit/nest.js')]);
      const app = await createServer(config);
      await app.listen(flags.port ?? config.server.port, flags.host ?? config.server.host);
      process.stderr.write(`chainward: listening on ${await app.getUrl()}\n`);
      const checkpoints = app.get(AuditCheckpointService);
      const timer =
        flags.checkpointEvery > 0
          ? setInterval(() => {
              checkpoints.checkpoint().then(
                (made) => made.created && process.stderr.write(`chainward: audit checkpoint at tree size ${made.treeSize}\n`),
                (error: unknown) => process.stderr.write(`chainward: audit checkpoint failed: ${(error as Error).message}\n`),
              );
            }, flags.checkpointEvery)
          : undefined;
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          clearInterval(timer);
          void app.close().then(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return port;
}

/** `30s`, `15m`, `1h` or `0`, in milliseconds. */
function parseDuration(value: string): number {
  if (value === '0') return 0;
  const match = /^(\d+)(s|m|h)$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a duration such as 30s, 15m or 1h, or 0');
  return Number(match[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[match[2] as 's' | 'm' | 'h'];
}
