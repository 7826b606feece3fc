//! Secrets: the random part of API tokens, sessions, invitations and survey links, and the
//! hash under which each is stored.

use rand::RngCore;
use sha2::{Digest, Sha256};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The stored form of a token (and of a session's or an invitation's secret). A secret carries
/// 256 random bits, so a fast hash is enough: nobody can search that space, unlike a password's.
pub fn hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// The keyed hash (HMAC-SHA-256 under the server's key) of a value that has few possible values
/// and must not be read back from the database: a client address (every IPv4 address can be
/// hashed in minutes, so a plain hash hides nothing), or an e-mail address typed at sign-in
/// that is no account's.
pub fn keyed(key: &[u8; 32], value: &str) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(value.as_bytes());
    hex(&mac.finalize().into_bytes())
}

/// A new random key for [`keyed`].
pub fn new_key() -> [u8; 32] {
    let mut key = [0u8; 32];
    rand::rng().fill_bytes(&mut key);
    key
}

/// A key for [`keyed`] from a configured secret (any text of at least 32 characters).
pub fn key_from(secret: &str) -> [u8; 32] {
    Sha256::digest(secret.as_bytes()).into()
}

/// A new secret: `prefix` (recognisable in logs and scanners) then 256 random bits in hex.
pub(crate) fn new_secret(prefix: &str) -> String {
    let mut secret = [0u8; 32];
    rand::rng().fill_bytes(&mut secret);
    format!("{prefix}{}", hex(&secret))
}
