export { parseKeys, type InlineKey, type KeyParseResult } from './inline.ts';
export { parseKeysFile, type KeysFileData, type KeysFileResult, type IngestKeyEntry, type AdminKeyEntry } from './keys-file.ts';
export { createKeyRing, type KeyRing, type IngestKey, type AdminKey, type AuthResult, type AdminAuthResult } from './key-ring.ts';
export { readKeysFile, watchKeysFile, type KeyStore, type KeyStoreOptions } from './key-store.ts';
export { ingestKeyHash, adminKeyHash, SCRYPT_DEFAULTS } from './hash.ts';
export { SIGNATURE_HEADER, parseSignature, signBody, verifySignature } from './signature.ts';
