// The only file that reads the environment, loads the data and listens.
import { ConfigError, loadConfig } from './config.js';
import { DataError, loadData } from './data/load.js';
import { buildApp } from './http/app.js';
import { createLifecycle } from './http/lifecycle.js';
import { createLogger, wantsPretty } from './logger.js';
import { storageFromConfig } from './storage/open.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`mesoquote: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }

  // Human-readable on a terminal, JSON lines for everything else (LOG_FORMAT).
  const pretty = wantsPretty(config.logFormat, process.stdout.isTTY);
  const logger = createLogger(config.logLevel, undefined, { pretty });

  let data;
  try {
    data = loadData(config.dataDir);
  } catch (error) {
    if (error instanceof DataError) {
      logger.fatal({ file: error.file, record: error.record, field: error.field }, error.message);
      process.stderr.write(`mesoquote: refusing to start: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  // Storage opens in the background: the service listens and answers estimates meanwhile.
  const { storage, where } = storageFromConfig(config, logger.child({ component: 'storage' }));
  storage.onFault(
    (fault) =>
      fault.operation !== 'open' &&
      logger.warn({ operation: fault.operation, kind: fault.kind, fault: fault.class, err: { message: fault.error instanceof Error ? fault.error.message : String(fault.error) } }, 'storage fault'),
  );
  const lifecycle = createLifecycle();
  const app = await buildApp({ config, data, logger, storage, lifecycle, requestLog: pretty ? 'compact' : 'full' });
  app.addHook('onClose', () => storage.close());

  // Graceful shutdown, in two steps. Drain for SHUTDOWN_DRAIN_MS: /readyz answers 503 so the load
  // balancer stops sending requests here, every request that still comes is served, and every
  // answer carries Connection: close so keep-alive clients open their next connection elsewhere
  // instead of writing a request on one this process is about to close (ECONNRESET). Then close:
  // stop accepting, let in-flight requests finish (at most SHUTDOWN_GRACE_MS), exit.
  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    lifecycle.beginDrain();
    logger.info({ signal, drainMs: config.shutdownDrainMs }, 'draining');
    setTimeout(() => close(), config.shutdownDrainMs);
  };
  const close = (): void => {
    logger.info('shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown grace period elapsed; exiting with requests still open');
      process.exit(1);
    }, config.shutdownGraceMs);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while closing');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  logger.info(
    { dataVersion: data.catalog.version, dataDir: config.dataDir, storage: storage.kind, storageAt: where, clinicCreation: config.adminApiKey ? 'enabled' : 'disabled (no ADMIN_API_KEY)' },
    'mesoquote ready',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`mesoquote: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
