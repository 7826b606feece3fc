//! The browser's side of the test form's islands: the form's fields, its inputs, this browser's
//! storage, the autosave request, the clock. Called from effects and event handlers only, which
//! run in the browser.

use leptos::prelude::*;
use leptos::wasm_bindgen::{JsCast, JsValue};
use leptos::web_sys;
use serde::Deserialize;
use wasm_bindgen_futures::JsFuture;

/// How an autosave ended.
pub enum Saved {
    /// The server has it: its new revision, and the values it refused (criterion, message).
    Stored {
        revision: i32,
        refused: Vec<(String, String)>,
    },
    /// The session is over (the server answered with the sign-in page).
    Expired,
    /// The test changed elsewhere since this page was rendered.
    Conflict,
    /// A context value was refused (a date in the future, say).
    Refused(String),
}

/// The form inside `keeper`.
pub fn form_in(keeper: &web_sys::HtmlDivElement) -> Option<web_sys::HtmlFormElement> {
    keeper
        .query_selector("form")
        .ok()
        .flatten()?
        .dyn_into::<web_sys::HtmlFormElement>()
        .ok()
}

/// The input of id `id`, if the page has one.
pub fn input(id: &str) -> Option<web_sys::HtmlInputElement> {
    document()
        .get_element_by_id(id)?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()
}

/// The fields of `form` as it would post them (a choice not made posts nothing).
pub fn fields(form: &web_sys::HtmlFormElement) -> Vec<(String, String)> {
    let Ok(data) = web_sys::FormData::new_with_form(form) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Ok(Some(entries)) = js_sys::try_iter(&data) {
        for entry in entries.flatten() {
            let pair = js_sys::Array::from(&entry);
            if let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                out.push((name, value));
            }
        }
    }
    out
}

/// Sets the field `name` of `form`: the radio button of that value, or the input's value.
pub fn set_field(form: &web_sys::HtmlFormElement, name: &str, value: &str) {
    let radio = format!("input[type='radio'][name='{name}'][value='{value}']");
    if let Some(input) = form
        .query_selector(&radio)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.set_checked(true);
        return;
    }
    let Some(element) = form.elements().named_item(name) else {
        return;
    };
    if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.set_value(value);
    }
}

/// Whether a field of `form` differs from what the server rendered (typed before the islands
/// ran).
pub fn edited(form: &web_sys::HtmlFormElement) -> bool {
    let elements = form.elements();
    (0..elements.length())
        .filter_map(|i| elements.item(i))
        .any(|element| {
            if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
                match input.type_().as_str() {
                    "radio" | "checkbox" => input.checked() != input.default_checked(),
                    "hidden" | "submit" | "button" => false,
                    _ => input.value() != input.default_value(),
                }
            } else if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                area.default_value()
                    .is_ok_and(|initial| area.value() != initial)
            } else {
                false
            }
        })
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The copy under `key`, if this browser has one.
pub fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Keeps `value` under `key` (private browsing may refuse it: the server copy remains).
pub fn write(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// Forgets the copy under `key`.
pub fn forget(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Milliseconds since 1970.
pub fn now() -> f64 {
    js_sys::Date::now()
}

/// The time of day, `10:05`.
pub fn clock() -> String {
    let d = js_sys::Date::new_0();
    format!("{}:{:02}", d.get_hours(), d.get_minutes())
}

#[derive(Deserialize)]
struct SaveAnswer {
    revision: i32,
    #[serde(default)]
    refused: Vec<RefusedValue>,
}

#[derive(Deserialize)]
struct RefusedValue {
    criterion: String,
    message: String,
}

#[derive(Deserialize)]
struct ErrorAnswer {
    error: String,
}

/// Saves `fields` on the server as a draft (`action=save`, answered in JSON); `None` when
/// the network (or the server) did not answer.
pub async fn post(action: &str, fields: &[(String, String)]) -> Option<Saved> {
    let params = web_sys::UrlSearchParams::new().ok()?;
    for (name, value) in fields {
        params.append(name, value);
    }
    params.set("action", "save");
    let headers = web_sys::Headers::new().ok()?;
    headers.set("Accept", "application/json").ok()?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from(params));
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    init.set_headers(&JsValue::from(headers));
    let answer = JsFuture::from(window().fetch_with_str_and_init(action, &init))
        .await
        .ok()?;
    let response: web_sys::Response = answer.dyn_into().ok()?;
    if response.redirected() {
        return Some(Saved::Expired);
    }
    let status = response.status();
    if status == 409 {
        return Some(Saved::Conflict);
    }
    let text = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    if status == 422 {
        // Not the JSON expected (a proxy's page, say): as if the server had not answered.
        let answer: ErrorAnswer = serde_json::from_str(&text).ok()?;
        return Some(Saved::Refused(answer.error));
    }
    if !response.ok() {
        return None;
    }
    let answer: SaveAnswer = serde_json::from_str(&text).ok()?;
    Some(Saved::Stored {
        revision: answer.revision,
        refused: answer
            .refused
            .into_iter()
            .map(|r| (r.criterion, r.message))
            .collect(),
    })
}

/// Posts the form as a plain form with the button pressed (a script's `submit()` sends no
/// button).
pub fn submit(form: &web_sys::HtmlFormElement, submitter: Option<(String, String)>) {
    if let Some((name, value)) = submitter
        && let Some(hidden) = document()
            .create_element("input")
            .ok()
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        hidden.set_type("hidden");
        hidden.set_name(&name);
        hidden.set_value(&value);
        let _ = form.append_child(&hidden);
    }
    let _ = form.submit();
}
