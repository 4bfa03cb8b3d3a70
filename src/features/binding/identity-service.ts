/**
 * The terminal's factory identity (sn + initial key): loading, saving (sealed), the sandbox
 * demo device, erasing. Only the sn is ever exposed; the key goes straight into the vault.
 */
import { BehaviorSubject, type Observable } from 'rxjs';
import type { FetchFn } from '../../platform/net/http.js';
import { validateIdentity, type Identity, type IdentityCheck } from './provisioning.js';

/** Where the terminal's identity is kept (the composition root hands platform/storage/binding-repo.ts; the initial key is sealed there). */
export interface IdentityStore {
  getSn(): Promise<string | undefined>;
  saveIdentity(sn: string, initialKey: string): Promise<void>;
  /** Forgets the identity, the binding and their keys. */
  clearAll(): Promise<void>;
}

/** Identity persistence and the demo-device lookup. */
export class IdentityService {
  private readonly sn = new BehaviorSubject<string | undefined>(undefined);
  /** The provisioned sn (undefined until provisioned). */
  readonly sn$: Observable<string | undefined> = this.sn.asObservable();

  constructor(
    private readonly repo: IdentityStore,
    private readonly fetchFn: FetchFn,
  ) {}

  /** Reads the stored sn; resolves to it. */
  async load(): Promise<string | undefined> {
    const sn = await this.repo.getSn();
    this.sn.next(sn);
    return sn;
  }

  /** The provisioned sn, synchronously (undefined before {@link load}). */
  get current(): string | undefined {
    return this.sn.value;
  }

  /** Stores a validated identity (the key sealed by the vault). */
  async save(identity: Identity): Promise<void> {
    await this.repo.saveIdentity(identity.sn, identity.initialKey);
    this.sn.next(identity.sn);
  }

  /** Asks the relay (sandbox mode only) for the simulator's demo device, and validates it. */
  async demoDevice(): Promise<IdentityCheck> {
    const res = await this.fetchFn('/sandbox/demo-device', { method: 'GET', cache: 'no-store' });
    if (!res.ok) throw new Error(`GET /sandbox/demo-device answered HTTP ${res.status}`);
    const body = (await res.json()) as { sn?: unknown; initial_key?: unknown };
    if (typeof body.sn !== 'string' || typeof body.initial_key !== 'string') throw new Error('GET /sandbox/demo-device did not return {sn, initial_key}');
    return validateIdentity(body.sn, body.initial_key);
  }

  /** Erases identity and binding (factory reset). */
  async erase(): Promise<void> {
    await this.repo.clearAll();
    this.sn.next(undefined);
  }
}
