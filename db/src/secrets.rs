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

/// A new secret: `prefix` (recognisable in logs and scanners) then 256 random bits in hex.
pub(crate) fn new_secret(prefix: &str) -> String {
    let mut secret = [0u8; 32];
    rand::rng().fill_bytes(&mut secret);
    format!("{prefix}{}", hex(&secret))
}
