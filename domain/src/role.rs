//! Who may do what: the four kinds of people using the product, and the kiosk (a tablet in a
//! waiting room that sends answers through the API).

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
    /// A kiosk in a public place (an API token, never a person): submits answers, reads nothing.
    Kiosk,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Referent,
        Role::Shopper,
        Role::Viewer,
        Role::Kiosk,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Referent => "referent",
            Role::Shopper => "shopper",
            Role::Viewer => "viewer",
            Role::Kiosk => "kiosk",
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

    /// Whether a person may hold the role (a kiosk is a token only).
    pub fn is_a_person(self) -> bool {
        self != Role::Kiosk
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
        assert!(!Role::Kiosk.reads_results() && !Role::Kiosk.manages());
        assert!(!Role::Kiosk.is_a_person());
        assert_eq!(Role::parse("root"), None);
    }
}
