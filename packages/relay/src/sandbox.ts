/**
 * Sandbox mode's upstream: the simulator's node server started in-process on a loopback port.
 * The relay forwards to it over real HTTP, exactly as it forwards to cpay in live mode, so the
 * byte-for-byte path, timeouts and error handling are the same code in both modes.
 */

/** A running simulator the relay owns. */
export interface OwnedSandbox {
  readonly url: URL;
  close(): Promise<void>;
}

/** Starts `createSimulatorServer()` from `@cpay/simulator/node` on 127.0.0.1 and a free port. */
export async function startSandbox(): Promise<OwnedSandbox> {
  const { createSimulatorServer } = await import('@cpay/simulator/node');
  const sim = createSimulatorServer();
  const url = await sim.listen(0, '127.0.0.1');
  return { url, close: () => sim.close() };
}
