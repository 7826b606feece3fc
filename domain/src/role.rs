//! Who may do what: the four kinds of people using the product.

use serde::{Deserialize, Serialize};

/// A role carried by an account or an API token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Runs the whole instance.
    Admin,
    /// The quality referent of an organisation: configures, validates, reads everything of it.
    Referent,
    /// A mystery shopper: fills and reads only their own tests.
    Shopper,
    /// A committee (CLU) member: reads results, changes nothing.
    Viewer,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 4] = [Role::Admin, Role::Referent, Role::Shopper, Role::Viewer];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Referent => "referent",
            Role::Shopper => "shopper",
            Role::Viewer => "viewer",
        }
    }

    /// Reads a stored code.
    pub fn parse(raw: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == raw)
    }

    /// Whether the role may read survey results.
    pub fn reads_results(self) -> bool {
        matches!(self, Role::Admin | Role::Referent | Role::Viewer)
    }

    /// Whether the role runs the whole instance (creates organisations).
    pub fn runs_instance(self) -> bool {
        self == Role::Admin
    }

    /// Whether the role may change an organisation's data (configure, import past results).
    pub fn manages(self) -> bool {
        matches!(self, Role::Admin | Role::Referent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_and_shoppers_do_not_read_results() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.code()), Some(r));
        }
        assert!(!Role::Shopper.reads_results());
        assert!(Role::Viewer.reads_results());
        assert_eq!(Role::parse("root"), None);
    }
}
