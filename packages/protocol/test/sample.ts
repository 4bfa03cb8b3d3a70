/** The shape of a sample (samples.ts, samples-deposit.ts): a leaf module, so the two share it without a cycle. */
import type { EndpointName, Reply, RequestOf, ResponseOf } from '../src/index.js';

/** A sample per endpoint. */
export type Sample<E extends EndpointName> = { readonly req: RequestOf<E>; readonly reply: Reply<ResponseOf<E>> };
