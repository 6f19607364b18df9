// How requests are logged for a person at a terminal (LOG_FORMAT=pretty, or auto on a TTY): one
// line when the answer is sent, instead of Fastify's two JSON records per request (received,
// completed) that log pipelines and tests/e2e/shutdown.test.ts read.
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { redactUrl } from '../logger.js';

/** "GET /v1/catalog 200 1.2 ms", at error level with the error when the answer failed. */
export class CompactRequestLog extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = `${request.method} ${redactUrl(request.url)} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)} ms`;
    if (error) reply.log.error({ err: error }, line);
    else reply.log.info(line);
  }
}
