//! Who the client is, for the limits per address: the peer of the connection, or, when the peer
//! is one of `TRUSTED_PROXIES`, the address that proxy says it received the request from
//! (`X-Forwarded-For`, read from the right so that a client cannot choose it). IPv6 clients are
//! counted by their /64: one home or one phone network hands a device a whole /64, and counting
//! single addresses would let it take a new one for every request.

use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use ipnet::IpNet;
use std::convert::Infallible;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};

/// The client's address as the limits count it (an IPv6 address is its /64).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientAddress(pub IpAddr);

impl ClientAddress {
    /// The client of a request arriving from `peer` with `headers`, believing the
    /// `X-Forwarded-For` of the proxies in `trusted` only.
    pub fn of(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> ClientAddress {
        let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(&canonical(*ip)));
        let mut client = peer;
        if is_trusted(&client) {
            // Each proxy appends the address it received the request from: walk back from the
            // right past our own proxies; the first other address is the client's.
            let forwarded = headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .map(str::trim)
                .collect::<Vec<_>>();
            for hop in forwarded.iter().rev() {
                match hop.parse::<IpAddr>() {
                    Ok(ip) => {
                        client = ip;
                        if !is_trusted(&ip) {
                            break;
                        }
                    }
                    // A garbled entry: stop at the last address we could believe.
                    Err(_) => break,
                }
            }
        }
        ClientAddress(counted(client))
    }
}

/// An IPv4 address written as IPv6 (`::ffff:a.b.c.d`) is the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The address as counted: IPv4 as it is, IPv6 by its /64.
fn counted(ip: IpAddr) -> IpAddr {
    match canonical(ip) {
        IpAddr::V6(v6) => {
            let prefix = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(Ipv6Addr::from(prefix))
        }
        v4 => v4,
    }
}

impl std::fmt::Display for ClientAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            IpAddr::V6(v6) => write!(f, "{v6}/64"),
            v4 => write!(f, "{v4}"),
        }
    }
}

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::from([0, 0, 0, 0]), |c| c.0.ip());
        Ok(ClientAddress::of(
            peer,
            &parts.headers,
            &state.config.trusted_proxies,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(forwarded: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for f in forwarded {
            h.append("x-forwarded-for", f.parse().expect("header"));
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    #[test]
    fn a_forwarded_address_is_believed_from_trusted_proxies_only() {
        let proxies: Vec<IpNet> = vec!["10.0.0.0/8".parse().expect("net")];
        let h = headers(&["198.51.100.7, 203.0.113.5"]);
        // From the proxy: the right-most address that is not one of ours.
        assert_eq!(
            ClientAddress::of(ip("10.0.0.2"), &h, &proxies).0,
            ip("203.0.113.5")
        );
        // Past a chain of our own proxies.
        let chain = headers(&["203.0.113.5", "10.0.0.9"]);
        assert_eq!(
            ClientAddress::of(ip("10.0.0.2"), &chain, &proxies).0,
            ip("203.0.113.5")
        );
        // A client that writes the header itself changes nothing.
        assert_eq!(
            ClientAddress::of(ip("192.0.2.1"), &h, &proxies).0,
            ip("192.0.2.1")
        );
        assert_eq!(ClientAddress::of(ip("10.0.0.2"), &h, &[]).0, ip("10.0.0.2"));
        // A garbled entry: the last address believed.
        let garbled = headers(&["203.0.113.5, not-an-address"]);
        assert_eq!(
            ClientAddress::of(ip("10.0.0.2"), &garbled, &proxies).0,
            ip("10.0.0.2")
        );
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64() {
        let none = HeaderMap::new();
        let a = ClientAddress::of(ip("2001:db8:1:2::1"), &none, &[]);
        let b = ClientAddress::of(ip("2001:db8:1:2:ffff:ffff:ffff:ffff"), &none, &[]);
        let c = ClientAddress::of(ip("2001:db8:1:3::1"), &none, &[]);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.to_string(), "2001:db8:1:2::/64");
        assert_eq!(
            ClientAddress::of(ip("::ffff:192.0.2.1"), &none, &[]).0,
            ip("192.0.2.1")
        );
    }
}
