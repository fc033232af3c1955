//! Argon2id key derivation with bounded, stored parameters. Bounds exist because parameters
//! are read from storage or from a file: a damaged or hostile header must not be able to
//! make the tab allocate gigabytes or spin for minutes, nor to weaken a new notebook.

use argon2::{Algorithm, Argon2, Params, Version};
use serde::{Deserialize, Serialize};

use crate::domain::vault::error::CryptoError;
use crate::domain::vault::secret::{Kek, KEY_LEN};

/// Salt length in bytes.
pub const SALT_LEN: usize = 16;

/// Argon2id cost parameters, stored beside the salt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_cost_kib: u32,
    /// Passes over memory.
    pub t_cost: u32,
    /// Lanes. The browser is single-threaded, so more lanes only add work.
    pub p_cost: u32,
}

impl KdfParams {
    /// The default and the floor of calibration: 64 MiB, 3 passes, 1 lane.
    pub const DEFAULT: Self = Self {
        m_cost_kib: 64 * 1024,
        t_cost: 3,
        p_cost: 1,
    };
    /// Smallest memory accepted (the default: weaker notebooks are never created).
    pub const MIN_M_COST_KIB: u32 = 64 * 1024;
    /// Largest memory accepted: 256 MiB is safe to allocate in a browser tab.
    pub const MAX_M_COST_KIB: u32 = 256 * 1024;
    /// Fewest passes accepted.
    pub const MIN_T_COST: u32 = 3;
    /// Most passes accepted.
    pub const MAX_T_COST: u32 = 24;
    /// Lanes accepted.
    pub const MAX_P_COST: u32 = 4;
    /// Cap on memory × passes (in KiB-passes): 24 passes over 64 MiB, about 1.5 s on a
    /// 2-core test machine and a few seconds on a slow phone.
    pub const MAX_WORK: u64 = 64 * 1024 * 24;

    /// Refuse parameters outside the bounds above.
    pub fn check(&self) -> Result<(), CryptoError> {
        bound(
            "m_cost_kib",
            self.m_cost_kib.into(),
            Self::MIN_M_COST_KIB.into(),
            Self::MAX_M_COST_KIB.into(),
        )?;
        bound(
            "t_cost",
            self.t_cost.into(),
            Self::MIN_T_COST.into(),
            Self::MAX_T_COST.into(),
        )?;
        bound("p_cost", self.p_cost.into(), 1, Self::MAX_P_COST.into())?;
        bound("work", self.work(), 0, Self::MAX_WORK)
    }

    /// Memory × passes, the quantity the time cost follows.
    pub fn work(&self) -> u64 {
        u64::from(self.m_cost_kib) * u64::from(self.t_cost)
    }

    /// Scale the passes so derivation takes about `target_ms`, given that [`Self::DEFAULT`]
    /// took `measured_ms` on this device. Never goes below the default nor above the bounds.
    pub fn calibrated(measured_ms: f64, target_ms: f64) -> Self {
        let base = Self::DEFAULT;
        let max_t = (Self::MAX_WORK / u64::from(base.m_cost_kib)).min(Self::MAX_T_COST.into()) as f64;
        let t = if measured_ms.is_finite() && measured_ms > 0.0 {
            (f64::from(base.t_cost) * target_ms / measured_ms).floor()
        } else {
            f64::from(base.t_cost)
        };
        Self {
            t_cost: t.clamp(f64::from(base.t_cost), max_t) as u32,
            ..base
        }
    }
}

fn bound(field: &'static str, value: u64, min: u64, max: u64) -> Result<(), CryptoError> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(CryptoError::KdfOutOfBounds { field, value, min, max })
    }
}

/// Derive the key-encryption key. Checks the bounds first, so hostile parameters fail fast.
pub fn derive_kek(passphrase: &[u8], salt: &[u8; SALT_LEN], params: &KdfParams) -> Result<Kek, CryptoError> {
    params.check()?;
    let argon_params =
        Params::new(params.m_cost_kib, params.t_cost, params.p_cost, Some(KEY_LEN)).map_err(|_| CryptoError::Kdf)?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, argon_params);
    let mut failed = false;
    let kek = Kek::generate(|out| failed = argon.hash_password_into(passphrase, salt, out).is_err());
    if failed {
        return Err(CryptoError::Kdf);
    }
    Ok(kek)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_within_bounds_and_at_least_64_mib_t3_p1() {
        let d = KdfParams::DEFAULT;
        assert!(d.check().is_ok());
        assert!(d.m_cost_kib >= 65536 && d.t_cost >= 3 && d.p_cost == 1);
    }

    #[test]
    fn out_of_bound_parameters_are_refused_by_name() {
        let cases = [
            (
                KdfParams {
                    m_cost_kib: 1024,
                    ..KdfParams::DEFAULT
                },
                "m_cost_kib",
            ),
            (
                KdfParams {
                    m_cost_kib: 4 * 1024 * 1024,
                    ..KdfParams::DEFAULT
                },
                "m_cost_kib",
            ),
            (
                KdfParams {
                    t_cost: 1,
                    ..KdfParams::DEFAULT
                },
                "t_cost",
            ),
            (
                KdfParams {
                    t_cost: 1000,
                    ..KdfParams::DEFAULT
                },
                "t_cost",
            ),
            (
                KdfParams {
                    p_cost: 0,
                    ..KdfParams::DEFAULT
                },
                "p_cost",
            ),
            (
                KdfParams {
                    p_cost: 64,
                    ..KdfParams::DEFAULT
                },
                "p_cost",
            ),
            (
                KdfParams {
                    m_cost_kib: 256 * 1024,
                    t_cost: 24,
                    p_cost: 1,
                },
                "work",
            ),
        ];
        for (params, field) in cases {
            match params.check() {
                Err(CryptoError::KdfOutOfBounds { field: f, .. }) => {
                    assert_eq!(f, field, "{params:?}")
                }
                other => panic!("{params:?} gave {other:?}"),
            }
        }
    }

    #[test]
    fn derivation_refuses_hostile_parameters_before_allocating() {
        let hostile = KdfParams {
            m_cost_kib: u32::MAX,
            t_cost: u32::MAX,
            p_cost: 1,
        };
        assert!(matches!(
            derive_kek(b"x", &[0; 16], &hostile),
            Err(CryptoError::KdfOutOfBounds { .. })
        ));
    }

    #[test]
    fn calibration_scales_passes_towards_the_target_within_bounds() {
        // Default took 200 ms; 500 ms wanted: 3 × 500 / 200 = 7.5 → 7 passes.
        assert_eq!(KdfParams::calibrated(200.0, 500.0).t_cost, 7);
        // A slow device never goes below the default.
        assert_eq!(KdfParams::calibrated(2000.0, 500.0), KdfParams::DEFAULT);
        // A very fast device is capped by the work bound (24 passes at 64 MiB).
        assert_eq!(KdfParams::calibrated(1.0, 500.0).t_cost, 24);
        assert!(KdfParams::calibrated(1.0, 500.0).check().is_ok());
        // Nonsense measurements fall back to the default.
        assert_eq!(KdfParams::calibrated(f64::NAN, 500.0), KdfParams::DEFAULT);
        assert_eq!(KdfParams::calibrated(0.0, 500.0), KdfParams::DEFAULT);
    }

    #[test]
    fn derivation_is_deterministic_and_salt_sensitive() {
        let p = KdfParams::DEFAULT;
        let a = derive_kek(b"correct horse battery", &[1; 16], &p).unwrap();
        let b = derive_kek(b"correct horse battery", &[1; 16], &p).unwrap();
        let c = derive_kek(b"correct horse battery", &[2; 16], &p).unwrap();
        assert_eq!(a.expose(), b.expose());
        assert_ne!(a.expose(), c.expose());
    }
}
