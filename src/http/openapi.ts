// The OpenAPI document as the running service serves it, serialised the one way we commit it.
import type { FastifyInstance } from 'fastify';

/** Stable text of the app's OpenAPI document: 2-space JSON with a trailing newline. */
export async function openApiText(app: FastifyInstance): Promise<string> {
  await app.ready();
  return `${JSON.stringify(app.swagger(), null, 2)}\n`;
}
