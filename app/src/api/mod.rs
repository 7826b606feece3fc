//! Server functions: thin shells over `db` and `domain`, grouped by feature.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A touchpoint as the home page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TouchpointSummary {
    /// Its code.
    pub code: String,
    /// Its French name.
    pub name: String,
    /// Its channel code.
    pub channel: String,
    /// Whether it takes answers.
    pub active: bool,
}

/// Every touchpoint of the instance.
#[server]
pub async fn list_touchpoints() -> Result<Vec<TouchpointSummary>, ServerFnError> {
    let db = expect_context::<db::Db>();
    let list = db::export::list_touchpoints(&db, None).await.map_err(|e| {
        leptos::logging::error!("list_touchpoints: {e}");
        ServerFnError::new("internal error")
    })?;
    Ok(list
        .into_iter()
        .map(|t| TouchpointSummary {
            code: t.code,
            name: t.name,
            channel: t.channel,
            active: t.active,
        })
        .collect())
}
