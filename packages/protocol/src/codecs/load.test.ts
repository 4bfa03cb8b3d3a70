import { describe, expect, it } from 'vitest';
import { ENDPOINTS, type EndpointName } from '../endpoints.js';
import { codecs } from './index.js';
import { loadCodec } from './load.js';

describe('loadCodec', () => {
  it.each(Object.keys(ENDPOINTS) as EndpointName[])('%s: the same codec as the table', async (endpoint) => {
    const codec = await loadCodec(endpoint);
    expect(codec).toBe(codecs[endpoint]);
    expect(codec.endpoint).toBe(endpoint);
  });
});
