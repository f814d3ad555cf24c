import { Command, InvalidArgumentError } from 'commander';
import { cliConfig } from '../context.js';

/** `chainward serve`: the HTTP API, on the configured database. */
export function serveCommand(): Command {
  return new Command('serve')
    .description('Run the HTTP server: health checks and the scans API (GET /api/v1/scans, /api/v1/scans/:id, /api/v1/scans/:id/sbom)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1, or CHAINWARD_HOST)')
    .option('--port <port>', 'port to listen on (default 8080, or CHAINWARD_PORT; 0 picks a free one)', parsePort)
    .action(async (flags: { host?: string; port?: number }) => {
      const config = await cliConfig();
      const { createServer } = await import('../../app/create-server.js');
      const app = await createServer(config);
      await app.listen(flags.port ?? config.server.port, flags.host ?? config.server.host);
      process.stderr.write(`chainward: listening on ${await app.getUrl()}\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
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
