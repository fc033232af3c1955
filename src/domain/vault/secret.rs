//! Key material. These types have no `Debug`, `Clone` or `Serialize` on purpose, and wipe
//! their bytes when dropped: locking the notebook drops them.

use zeroize::{Zeroize, ZeroizeOnDrop};

/// Length of every symmetric key in bytes (AES-256).
pub const KEY_LEN: usize = 32;

/// The random 256-bit key that seals every record of a notebook. It never leaves memory
/// unwrapped; at rest it exists only wrapped under the key-encryption key.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct DataKey([u8; KEY_LEN]);

/// The key-encryption key derived from the passphrase with Argon2id; it only wraps and
/// unwraps the data key.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct Kek([u8; KEY_LEN]);

macro_rules! key_type {
    ($name:ident) => {
        impl $name {
            /// Build a key in place: `fill` writes the bytes (the shell passes its CSPRNG),
            /// so no stray copy is left on the caller's stack.
            pub fn generate(fill: impl FnOnce(&mut [u8; KEY_LEN])) -> Self {
                let mut key = Self([0; KEY_LEN]);
                fill(&mut key.0);
                key
            }

            /// The key bytes, for the cipher only.
            pub(crate) fn expose(&self) -> &[u8; KEY_LEN] {
                &self.0
            }
        }
    };
}

key_type!(DataKey);
key_type!(Kek);

impl DataKey {
    /// Rebuild a data key from unwrapped bytes, wiping the source.
    pub(crate) fn from_unwrapped(bytes: &mut [u8]) -> Option<Self> {
        if bytes.len() != KEY_LEN {
            bytes.zeroize();
            return None;
        }
        let key = Self::generate(|k| k.copy_from_slice(bytes));
        bytes.zeroize();
        Some(key)
    }
}
