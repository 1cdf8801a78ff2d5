import { randomBytes } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { and, eq, isNull } from 'drizzle-orm';
import { newRecordId } from '../core/ids.js';
import type { Clock } from '../core/time.js';
import type { AuditTrail } from './audit.js';
import type { OpenDatabase } from './database.js';
import { ownKeys } from './schema.js';

/** An Ed25519 key of this register. `keyId` is 8 random bytes in hex, as minisign names keys. */
export type SigningKey = { keyId: string; publicKey: Uint8Array; secretKey: Uint8Array; createdAt: string; retiredAt: string | null };

const toSigningKey = (row: typeof ownKeys.$inferSelect): SigningKey => ({
  keyId: row.keyId,
  publicKey: Buffer.from(row.publicKey, 'base64'),
  secretKey: Buffer.from(row.secretKey, 'base64'),
  createdAt: row.createdAt,
  retiredAt: row.retiredAt,
});

/**
 * This register's private keys. They live only inside the encrypted database; the signing key is made on first
 * use so registers created before bundles existed get one too.
 */
export class KeyRing {
  constructor(
    private readonly db: OpenDatabase,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** The active signing key, created (and audited) the first time it is needed. */
  signingKey(actorId: string | null = null): SigningKey {
    return this.db.sqlite.transaction(() => this.activeSigningKey() ?? this.createSigningKey(actorId))();
  }

  /** Every signing key this register ever had, newest first: old prints and bundles still verify. */
  allSigningKeys(): SigningKey[] {
    return this.db.orm
      .select()
      .from(ownKeys)
      .where(eq(ownKeys.purpose, 'signing'))
      .all()
      .map(toSigningKey)
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  }

  /** Retires the active signing key and makes a new one; returns both so a rotation statement can be signed by each. */
  rotateSigningKey(actorId: string): { previous: SigningKey; next: SigningKey } {
    return this.db.sqlite.transaction(() => {
      const previous = this.activeSigningKey() ?? this.createSigningKey(actorId);
      const at = this.clock().toISOString();
      this.db.orm.update(ownKeys).set({ retiredAt: at }).where(eq(ownKeys.keyId, previous.keyId)).run();
      const next = this.createSigningKey(actorId);
      this.audit.append({ action: 'key.rotate', actorId, details: { from: previous.keyId, to: next.keyId }, at });
      return { previous: { ...previous, retiredAt: at }, next };
    })();
  }

  /** Signs bytes with the active key: a raw 64-byte Ed25519 signature. */
  sign(message: Uint8Array): { keyId: string; signature: Uint8Array } {
    const key = this.signingKey();
    return { keyId: key.keyId, signature: ed25519.sign(message, key.secretKey) };
  }

  /** True when one of this register's signing keys (by id) made the signature. */
  verifyOwn(keyId: string, message: Uint8Array, signature: Uint8Array): boolean {
    const key = this.allSigningKeys().find((k) => k.keyId === keyId);
    if (!key || signature.length !== 64) return false;
    try {
      return ed25519.verify(signature, message, key.publicKey);
    } catch {
      return false;
    }
  }

  /** A district's X25519 age identity (AGE-SECRET-KEY-1...), stored as given. */
  agreementIdentity(): { recipient: string; identity: string } | null {
    const row = this.db.orm.select().from(ownKeys).where(and(eq(ownKeys.purpose, 'agreement'), isNull(ownKeys.retiredAt))).get();
    return row ? { recipient: row.publicKey, identity: row.secretKey } : null;
  }

  storeAgreementIdentity(recipient: string, identity: string, actorId: string): void {
    const at = this.clock().toISOString();
    this.db.sqlite.transaction(() => {
      this.db.orm.insert(ownKeys).values({ id: newRecordId(), purpose: 'agreement', keyId: recipient, publicKey: recipient, secretKey: identity, createdAt: at }).run();
      this.audit.append({ action: 'key.create', actorId, details: { purpose: 'agreement' }, at });
    })();
  }

  private activeSigningKey(): SigningKey | null {
    const row = this.db.orm.select().from(ownKeys).where(and(eq(ownKeys.purpose, 'signing'), isNull(ownKeys.retiredAt))).get();
    return row ? toSigningKey(row) : null;
  }

  private createSigningKey(actorId: string | null): SigningKey {
    const secretKey = ed25519.utils.randomSecretKey();
    const publicKey = ed25519.getPublicKey(secretKey);
    const keyId = randomBytes(8).toString('hex');
    const at = this.clock().toISOString();
    this.db.orm
      .insert(ownKeys)
      .values({ id: newRecordId(), purpose: 'signing', keyId, publicKey: Buffer.from(publicKey).toString('base64'), secretKey: Buffer.from(secretKey).toString('base64'), createdAt: at })
      .run();
    this.audit.append({ action: 'key.create', actorId, details: { purpose: 'signing', keyId }, at });
    return { keyId, publicKey, secretKey, createdAt: at, retiredAt: null };
  }
}
