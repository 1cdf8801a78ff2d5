import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AgeError,
  AgeKeyError,
  CHUNK_SIZE,
  armor,
  createEncryptor,
  decrypt,
  decryptBytes,
  dearmor,
  encrypt,
  encryptBytes,
  formatIdentity,
  formatRecipient,
  generateX25519Identity,
  headerSha256Hex,
  identityToRecipient,
  openDecryption,
  parseHeader,
  parseIdentity,
  parseIdentityFile,
  parseRecipient,
  type AgeErrorKind,
} from '../../../src/bundle/age.js';
import { collectBytes } from '../../../src/bundle/crypto-util.js';

const SEALED = CHUNK_SIZE + 16;

async function failure(promise: Promise<unknown>): Promise<AgeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AgeError) return error;
    throw error;
  }
  throw new Error('expected an AgeError');
}

async function expectKind(promise: Promise<unknown>, kind: AgeErrorKind): Promise<void> {
  const error = await failure(promise);
  expect(error.kind, error.message).toBe(kind);
}

/** Splits bytes into uneven pieces, so input boundaries never line up with chunk boundaries. */
function* pieces(bytes: Uint8Array, size = 9_999): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('age keys', () => {
  // The example key pair from the age specification (c2sp.org/age).
  const SPEC_IDENTITY = 'AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX';
  const SPEC_RECIPIENT = 'age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj';

  it('derives the specification example recipient from its identity, and round-trips the encodings', () => {
    expect(identityToRecipient(SPEC_IDENTITY)).toBe(SPEC_RECIPIENT);
    const { secretKey, publicKey } = parseIdentity(SPEC_IDENTITY);
    expect(formatIdentity(secretKey)).toBe(SPEC_IDENTITY);
    expect(formatRecipient(publicKey)).toBe(SPEC_RECIPIENT);
    expect(parseRecipient(SPEC_RECIPIENT)).toEqual(publicKey);
  });

  it('generates age-keygen style pairs', () => {
    const { identity, recipient } = generateX25519Identity();
    expect(identity).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
    expect(recipient).toMatch(/^age1[0-9a-z]{58}$/);
    expect(identityToRecipient(identity)).toBe(recipient);
  });

  it('rejects wrong case, mixed case, wrong prefix, bad checksum and wrong length', () => {
    const bad = [
      SPEC_RECIPIENT.toUpperCase(),
      SPEC_IDENTITY.toLowerCase(),
      SPEC_RECIPIENT.slice(0, 10) + SPEC_RECIPIENT.slice(10).toUpperCase(),
      SPEC_RECIPIENT.slice(0, -1) + (SPEC_RECIPIENT.endsWith('j') ? 'k' : 'j'),
      ` ${SPEC_RECIPIENT}`,
      'age1',
      'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
    ];
    for (const text of bad) expect(() => parseRecipient(text), text).toThrow(AgeKeyError);
    expect(() => parseRecipient(SPEC_IDENTITY)).toThrow(AgeKeyError);
    expect(() => parseIdentity(SPEC_RECIPIENT)).toThrow(AgeKeyError);
    expect(() => parseIdentity(SPEC_IDENTITY.toLowerCase())).toThrow(AgeKeyError);
    expect(() => formatRecipient(new Uint8Array(31))).toThrow(AgeKeyError);
  });

  it('reads identity files as age-keygen writes them', () => {
    const { identity, recipient } = generateX25519Identity();
    const file = `# created: 2026-01-01T00:00:00Z\n# public key: ${recipient}\n${identity}\n\n`;
    const [parsed] = parseIdentityFile(file);
    expect(formatRecipient(parsed!.publicKey)).toBe(recipient);
    expect(() => parseIdentityFile('# nothing here\n')).toThrow(AgeKeyError);
  });

  it('refuses to encrypt to nobody or decrypt with no identity', async () => {
    expect(() => createEncryptor([])).toThrow(AgeKeyError);
    await expect(openDecryption([], new Uint8Array(10))).rejects.toThrow(AgeKeyError);
  });
});

describe('age round trips', () => {
  const alice = generateX25519Identity();
  const bob = generateX25519Identity();
  const carol = generateX25519Identity();

  for (const size of [0, 1, 65_535, 65_536, 65_537, 200_000, 3 * CHUNK_SIZE]) {
    it(`encrypts and decrypts ${size} bytes, streaming both ways`, async () => {
      const plaintext = randomBytes(size);
      const encrypted = await collectBytes(encrypt([alice.recipient], pieces(plaintext)));
      const header = parseHeader(encrypted);
      // nonce + ceil(size / 64 KiB) chunks (one empty chunk for an empty payload), each with a 16-byte tag
      const chunks = Math.max(1, Math.ceil(size / CHUNK_SIZE));
      expect(encrypted.length).toBe(header.payloadOffset + 16 + size + 16 * chunks);
      const decrypted = await collectBytes(decrypt([alice.identity], pieces(encrypted, 7_777)));
      expect(Buffer.from(decrypted).equals(plaintext)).toBe(true);
    });
  }

  it('encrypts to several recipients; each can decrypt on its own; others cannot', async () => {
    const plaintext = randomBytes(70_000);
    const encrypted = await encryptBytes([alice.recipient, parseRecipient(bob.recipient)], plaintext);
    expect(parseHeader(encrypted).stanzas.map((s) => s.args[0])).toEqual(['X25519', 'X25519']);
    for (const who of [alice, bob]) expect(Buffer.from(await decryptBytes([who.identity], encrypted)).equals(plaintext)).toBe(true);
    expect(Buffer.from(await decryptBytes([carol.identity, bob.identity], encrypted)).equals(plaintext)).toBe(true);
    await expectKind(decryptBytes([carol.identity], encrypted), 'no-identity-matched');
  });

  it('a wrong identity is no-identity-matched, before any payload is read', async () => {
    const encrypted = await encryptBytes([alice.recipient], randomBytes(100));
    await expectKind(decryptBytes([bob.identity], encrypted), 'no-identity-matched');
  });

  it('binds the header: the hash the encryptor announces is the one the decryptor sees and parseHeader computes', async () => {
    const encryptor = createEncryptor([alice.recipient]);
    const encrypted = await collectBytes(encryptor.stream([Buffer.from('payload')]));
    expect(Buffer.from(encrypted.subarray(0, encryptor.header.length)).equals(encryptor.header)).toBe(true);
    expect(headerSha256Hex(encrypted)).toBe(encryptor.headerSha256);
    const decryption = await openDecryption([alice.identity], encrypted);
    expect(decryption.headerSha256).toBe(encryptor.headerSha256);
    expect(Buffer.from(await collectBytes(decryption.plaintext)).toString()).toBe('payload');
    expect(() => encryptor.stream([])).toThrow(/one file only/);
  });

  it('never reuses randomness: the same plaintext encrypts differently each time', async () => {
    const a = await encryptBytes([alice.recipient], Buffer.from('same'));
    const b = await encryptBytes([alice.recipient], Buffer.from('same'));
    expect(Buffer.from(a).equals(b)).toBe(false);
  });

  it('streams: the first plaintext arrives before the ciphertext has been read to the end', async () => {
    const size = 40 * CHUNK_SIZE;
    const plaintext = randomBytes(size);
    const encrypted = await encryptBytes([alice.recipient], plaintext);
    let pulled = 0;
    const source = (function* () {
      for (const piece of pieces(encrypted, 4096)) {
        pulled += piece.length;
        yield piece;
      }
    })();
    const iterator = decrypt([alice.identity], source)[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value).toHaveLength(CHUNK_SIZE);
    expect(pulled).toBeLessThan(3 * SEALED);
    await iterator.return(undefined);

    // and encryption pulls plaintext lazily too
    let fed = 0;
    const plainSource = (function* () {
      for (const piece of pieces(plaintext, 4096)) {
        fed += piece.length;
        yield piece;
      }
    })();
    const out = encrypt([alice.recipient], plainSource)[Symbol.asyncIterator]();
    await out.next(); // header
    await out.next(); // nonce
    await out.next(); // first chunk
    expect(fed).toBeLessThan(3 * CHUNK_SIZE);
    await out.return(undefined);
  });

  it('armors and de-armors (64-column PEM), and armored files decrypt', async () => {
    const plaintext = randomBytes(100_000);
    const armored = await collectBytes(encrypt([alice.recipient], plaintext, { armored: true }));
    const text = Buffer.from(armored).toString('latin1');
    expect(text.startsWith('-----BEGIN AGE ENCRYPTED FILE-----\n')).toBe(true);
    expect(text.endsWith('\n-----END AGE ENCRYPTED FILE-----\n')).toBe(true);
    const lines = text.split('\n').slice(1, -2);
    for (const line of lines.slice(0, -1)) expect(line.length).toBe(64);
    expect(lines.at(-1)!.length).toBeLessThanOrEqual(64);
    expect(Buffer.from(await decryptBytes([alice.identity], pieces(armored, 1_000), { armored: true })).equals(plaintext)).toBe(true);
    // armor itself is lossless for any length
    for (const n of [0, 1, 47, 48, 49, 96]) {
      const bytes = randomBytes(n);
      expect(Buffer.from(await collectBytes(dearmor(armor(bytes)))).equals(bytes)).toBe(true);
    }
    // binary input with armored: true is an armor failure, and armored input read as binary a header failure
    await expectKind(decryptBytes([alice.identity], await encryptBytes([alice.recipient], plaintext), { armored: true }), 'armor');
    await expectKind(decryptBytes([alice.identity], armored), 'header');
  });
});

describe('age tampering and truncation', () => {
  const alice = generateX25519Identity();

  it('flipping any single byte of a small file makes decryption fail', async () => {
    const encrypted = await encryptBytes([alice.recipient], randomBytes(300));
    const kinds = new Map<string, number>();
    for (let i = 0; i < encrypted.length; i++) {
      const damaged = Uint8Array.from(encrypted);
      damaged[i] = (damaged[i] as number) ^ 0x01;
      const error = await failure(decryptBytes([alice.identity], damaged));
      kinds.set(error.kind, (kinds.get(error.kind) ?? 0) + 1);
    }
    // Header bytes fail as header/no-match/hmac; payload bytes (nonce, chunk, tag) as payload.
    expect(kinds.get('payload')).toBe(16 + 300 + 16);
    expect([...kinds.keys()].sort()).toEqual(['header', 'hmac', 'no-identity-matched', 'payload']);
  });

  it('flipping a byte anywhere in a multi-chunk payload fails as payload, after releasing only intact chunks', async () => {
    const plaintext = randomBytes(200_000);
    const encrypted = await encryptBytes([alice.recipient], plaintext);
    const start = parseHeader(encrypted).payloadOffset + 16;
    const positions = [start - 16, start - 1];
    for (let chunk = 0; chunk < 4; chunk++) {
      const base = start + chunk * SEALED;
      positions.push(base, base + 1, Math.min(base + SEALED - 17, encrypted.length - 17), Math.min(base + SEALED - 1, encrypted.length - 1));
    }
    for (const position of positions) {
      const damaged = Uint8Array.from(encrypted);
      damaged[position] = (damaged[position] as number) ^ 0x80;
      const released: Uint8Array[] = [];
      const error = await failure(
        (async () => {
          for await (const chunk of decrypt([alice.identity], damaged)) released.push(chunk);
        })(),
      );
      expect(error.kind).toBe('payload');
      const damagedChunk = position < start ? 0 : Math.floor((position - start) / SEALED);
      const out = Buffer.concat(released);
      expect(out.length).toBe(damagedChunk * CHUNK_SIZE);
      expect(out.equals(plaintext.subarray(0, out.length))).toBe(true);
    }
  });

  it('truncation at every chunk boundary (and mid-chunk) is a payload failure; inside the header or nonce a header failure', async () => {
    for (const size of [65_536, 200_000, 2 * CHUNK_SIZE]) {
      const encrypted = await encryptBytes([alice.recipient], randomBytes(size));
      const start = parseHeader(encrypted).payloadOffset + 16;
      for (let at = start; at < encrypted.length; at += SEALED) {
        await expectKind(decryptBytes([alice.identity], encrypted.subarray(0, at)), 'payload');
        await expectKind(decryptBytes([alice.identity], encrypted.subarray(0, at + 1)), 'payload');
        await expectKind(decryptBytes([alice.identity], encrypted.subarray(0, at + 17)), 'payload');
      }
      await expectKind(decryptBytes([alice.identity], encrypted.subarray(0, encrypted.length - 1)), 'payload');
      await expectKind(decryptBytes([alice.identity], encrypted.subarray(0, start - 1)), 'header');
      await expectKind(decryptBytes([alice.identity], encrypted.subarray(0, start - 16)), 'header');
      await expectKind(decryptBytes([alice.identity], encrypted.subarray(0, 30)), 'header');
      await expectKind(decryptBytes([alice.identity], new Uint8Array(0)), 'header');
    }
  });

  it('rejects trailing data after the final chunk, even a single byte', async () => {
    for (const size of [10, CHUNK_SIZE]) {
      const encrypted = await encryptBytes([alice.recipient], randomBytes(size));
      const extended = Buffer.concat([encrypted, Buffer.from([0])]);
      await expectKind(decryptBytes([alice.identity], extended), 'payload');
    }
  });

  it('rejects an scrypt stanza beside others, and files with only unsupported stanzas', async () => {
    const encrypted = Buffer.from(await encryptBytes([alice.recipient], Buffer.from('x')));
    const header = parseHeader(encrypted);
    const text = Buffer.from(header.bytes).toString('latin1');
    const withScrypt = text.replace('age-encryption.org/v1\n', 'age-encryption.org/v1\n-> scrypt c2FsdHNhbHRzYWx0c2FsdA 10\nAAAA\n');
    await expectKind(decryptBytes([alice.identity], Buffer.concat([Buffer.from(withScrypt, 'latin1'), encrypted.subarray(header.payloadOffset)])), 'header');
    const onlyOther = text.replace(/-> X25519 [^\n]*\n[^\n]*\n/, '-> example.com/other arg\n\n');
    await expectKind(decryptBytes([alice.identity], Buffer.concat([Buffer.from(onlyOther, 'latin1'), encrypted.subarray(header.payloadOffset)])), 'no-identity-matched');
  });

  it('enforces the header size limit', async () => {
    const huge = Buffer.concat([Buffer.from('age-encryption.org/v1\n-> big\n'), Buffer.alloc(2_000_000, 'A')]);
    await expectKind(decryptBytes([alice.identity], huge), 'header');
    expect(() => parseHeader(huge)).toThrow(AgeError);
  });
});

const hasAge = spawnSync('age', ['--version']).status === 0 && spawnSync('age-keygen', ['--help']).error === undefined;

describe.skipIf(!hasAge)('interoperability with the reference age CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'age-interop-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('age -d decrypts what we encrypt (binary and armored, several recipients)', async () => {
    const ours = generateX25519Identity();
    const keyFile = join(dir, 'ours.key');
    writeFileSync(keyFile, `${ours.identity}\n`);
    const other = generateX25519Identity();
    for (const [size, armored] of [[0, false], [200_000, false], [65_536, true]] as const) {
      const plaintext = randomBytes(size);
      const encrypted = await collectBytes(encrypt([other.recipient, ours.recipient], plaintext, { armored }));
      const file = join(dir, `ours-${size}.age`);
      writeFileSync(file, encrypted);
      const out = execFileSync('age', ['-d', '-i', keyFile, file], { maxBuffer: 16 * 1024 * 1024 });
      expect(out.equals(plaintext)).toBe(true);
    }
  });

  it('we decrypt what age encrypts (binary and armored), with an age-keygen identity file', async () => {
    const keyFile = join(dir, 'theirs.key');
    execFileSync('age-keygen', ['-o', keyFile], { stdio: 'pipe' });
    const [identity] = parseIdentityFile(readFileSync(keyFile, 'utf8'));
    const recipient = execFileSync('age-keygen', ['-y', keyFile]).toString().trim();
    expect(formatRecipient(identity!.publicKey)).toBe(recipient);
    for (const [size, armored] of [[0, false], [1, false], [200_000, false], [131_072, true]] as const) {
      const plaintext = randomBytes(size);
      const input = join(dir, `plain-${size}`);
      const output = join(dir, `theirs-${size}.age`);
      writeFileSync(input, plaintext);
      execFileSync('age', [...(armored ? ['-a'] : []), '-r', recipient, '-o', output, input]);
      const decrypted = await decryptBytes([identity!], pieces(readFileSync(output), 5_000), { armored });
      expect(Buffer.from(decrypted).equals(plaintext)).toBe(true);
    }
  });
});
