//! The API's access extractors: the bearer token and the role it must have ([`Token<R>`], with
//! the [`Reach`] of the staff screens), and for write routes the one organisation it changes
//! ([`Writer`]). No handler checks a token itself.

use super::error::ApiError;
use crate::http::access::{Managers, Reach};
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use db::audit::Actor;
use db::tokens::TokenAccess;
use domain::Role;
use std::marker::PhantomData;

/// A valid bearer token whose role reaches the route.
pub struct Token<R> {
    /// What the token reaches.
    pub access: TokenAccess,
    reach: PhantomData<fn() -> R>,
}

impl<R: Reach> FromRequestParts<AppState> for Token<R> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        let unauthenticated = || {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "send a valid API token as `Authorization: Bearer TOKEN`",
            )
        };
        let Some(token) = token else {
            return Err(unauthenticated());
        };
        match db::tokens::authenticate(&state.db, token, chrono::Utc::now()).await {
            Ok(Some(access)) if access.role != Role::Admin && access.organisation_id.is_none() => {
                Err(ApiError::new(
                    StatusCode::FORBIDDEN,
                    "forbidden",
                    "this token belongs to no organisation: replace it with one created with \
                     --organisation",
                ))
            }
            Ok(Some(access)) if R::reaches(access.role) => Ok(Token {
                access,
                reach: PhantomData,
            }),
            Ok(Some(_)) => Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "forbidden",
                format!("this token's role may not {}", R::WHAT),
            )),
            Ok(None) => Err(unauthenticated()),
            Err(e) => Err(ApiError::unavailable(e)),
        }
    }
}

impl<R> Token<R> {
    /// The organisations the token reads: its own, or every one for an admin token.
    pub async fn organisations(&self, state: &AppState) -> Result<Vec<i32>, ApiError> {
        match self.access.organisation_id {
            Some(id) => Ok(vec![id]),
            None => Ok(db::structure::organisations(&state.db)
                .await
                .map_err(ApiError::unavailable)?
                .into_iter()
                .map(|o| o.id)
                .collect()),
        }
    }
}

/// A token that may change one organisation: a referent's, or an admin token created for one
/// organisation; and who acts, for the audit log.
pub struct Writer {
    /// The organisation it changes.
    pub organisation_id: i32,
    /// The token's name in the audit log.
    pub actor: Actor,
}

impl FromRequestParts<AppState> for Writer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Token { access, .. } = Token::<Managers>::from_request_parts(parts, state).await?;
        let organisation_id = access.organisation_id.ok_or_else(|| {
            ApiError::new(
                StatusCode::FORBIDDEN,
                "forbidden",
                "write routes act on one organisation: use a token created with --organisation",
            )
        })?;
        Ok(Writer {
            organisation_id,
            actor: Actor::Token(access.name),
        })
    }
}
