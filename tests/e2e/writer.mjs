// A bundle writer of its own, from docs/bundle-format.md alone, with Node's crypto: what an
// attacker with a copy of the format can write. Unlike Wisemind's writers (at most 128 MiB of
// plaintext), it writes up to the reader's bound, so tests can hand the app the largest
// payload a reader must accept. Anonymous x25519 stanza only.
import { createCipheriv, createHmac, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes } from 'node:crypto';

const CHUNK = 65536;
const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
const hkdf = (ikm, salt, info) => Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from(info), 32));

function seal(key, nonce, plain, aad) {
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  if (aad) cipher.setAAD(aad);
  return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

/** A bundle of `plaintext` (a Buffer) sealed to the public key `wmpk1…`. */
export function writeBundle(plaintext, publicKeyText) {
  const recipient = Buffer.from(publicKeyText.replace(/^wmpk1/, ''), 'hex');
  const ephemeral = generateKeyPairSync('x25519');
  const epk = Buffer.from(ephemeral.publicKey.export({ format: 'jwk' }).x, 'base64url');
  const theirs = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: b64url(recipient) }, format: 'jwk' });
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: theirs });
  const info = Buffer.from('wisemind/bundle/v1/x25519');
  const wrapKey = hkdf(shared, Buffer.concat([epk, recipient]), info);
  const fileKey = randomBytes(32);
  const nonce = randomBytes(12);
  const payloadSalt = randomBytes(16);
  const header = Buffer.from(JSON.stringify({
    recipients: [{ type: 'x25519', epk: epk.toString('hex'), nonce: nonce.toString('hex'), wrapped: seal(wrapKey, nonce, fileKey, info).toString('hex') }],
    payload_salt: payloadSalt.toString('hex'),
    payload_bytes: plaintext.length,
  }));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  const covered = Buffer.concat([Buffer.from('WMBUNDLE'), Buffer.from([1]), length, header]);
  const mac = createHmac('sha256', hkdf(fileKey, Buffer.alloc(0), 'wisemind/bundle/v1/header')).update(covered).digest();
  const payloadKey = hkdf(fileKey, payloadSalt, 'wisemind/bundle/v1/payload');
  const count = Math.max(1, Math.ceil(plaintext.length / CHUNK));
  const chunks = [];
  for (let i = 0; i < count; i++) {
    const chunkNonce = Buffer.alloc(12);
    chunkNonce.writeBigUInt64BE(BigInt(i), 3);
    chunkNonce[11] = i === count - 1 ? 1 : 0;
    chunks.push(seal(payloadKey, chunkNonce, plaintext.subarray(i * CHUNK, (i + 1) * CHUNK)));
  }
  return Buffer.concat([covered, mac, ...chunks]);
}
