// The service's place in its lifecycle, as load balancers see it: serving, or draining after a
// SIGTERM. While draining, /readyz answers 503 (so the load balancer stops sending new requests)
// and every answer carries Connection: close (so keep-alive clients move their next request to
// another instance instead of writing it on a connection this one is about to close). The
// listener stays open meanwhile: a request that still arrives is answered, not refused.
import type { FastifyInstance } from 'fastify';

export interface Lifecycle {
  /** True from beginDrain() on. */
  readonly draining: boolean;
  beginDrain(): void;
}

export function createLifecycle(): Lifecycle {
  let draining = false;
  return {
    get draining() {
      return draining;
    },
    beginDrain() {
      draining = true;
    },
  };
}

/** Every answer sent while draining closes its connection. One boolean test per request otherwise. */
export function closeConnectionsWhileDraining(app: FastifyInstance, lifecycle: Lifecycle): void {
  app.addHook('onRequest', (_request, reply, done) => {
    if (lifecycle.draining) reply.header('connection', 'close');
    done();
  });
}
