import { keyIdFromHex, keyIdToHex, parseSignature, sign, SignatureError, verify } from './minisign.js';

/**
 * The manifest's signature: a minisign `ED` signature by the station's key, so `minisign -V` can check a
 * manifest by hand. Key ids travel as 16 lowercase hex digits (file order) everywhere in this codebase.
 */

export class ManifestSignatureError extends Error {}

export function signManifest(manifestBytes: Uint8Array, signer: { keyId: string; secretKey: Uint8Array }, trustedComment: string): string {
  return sign(manifestBytes, signer.secretKey, signer.keyId, trustedComment, { untrustedComment: 'Child Help Desk bundle manifest, signed by the station' });
}

export const verifyManifest = {
  /** Reads the signature's key id and trusted comment (not yet trusted) so the importer can find the key. */
  parse(text: string): { keyId: string; trustedComment: string } {
    const parsed = parseSignature(text);
    return { keyId: keyIdToHex(parsed.keyId), trustedComment: parsed.trustedComment };
  },
  /** Throws ManifestSignatureError unless the station key made this signature over these exact bytes. */
  check(text: string, manifestBytes: Uint8Array, publicKey: Uint8Array): void {
    const { keyId } = verifyManifest.parse(text);
    try {
      verify(text, { keyId: keyIdFromHex(keyId), publicKey }, manifestBytes);
    } catch (error) {
      if (error instanceof SignatureError) throw new ManifestSignatureError(`the signature does not verify (${error.kind})`);
      throw error;
    }
  },
};
