// The mystery shopper's test form, made smoother. Without this script every field is a plain
// input and the form still submits; with it:
// - criteria that do not apply (a call not picked up) are hidden;
// - a stopwatch fills seconds or minutes, a counter counts rings with one tap each;
// - the draft is saved on the server as the shopper goes, kept in this browser when the network
//   is gone, and sent when it returns;
// - a submission waits for the save in flight, so it never meets a stale revision.
(function () {
  "use strict";
  var form = document.querySelector("form.mystery-form");
  if (!form) return;
  if (form.getAttribute("data-editable") !== "true") {
    // The server has the test (sent, or in the referent's hands): no copy stays on this device.
    try { localStorage.removeItem("mystere-test-" + form.getAttribute("data-test")); } catch (e) { /* none */ }
    return;
  }
  var fr = (document.documentElement.lang || "fr").indexOf("fr") === 0;
  var words = fr
    ? {
        start: "Démarrer le chronomètre", stop: "Arrêter", ring: "+1", reset: "Remettre à zéro",
        saved: "Brouillon enregistré à ", offline: "Hors ligne : le brouillon est gardé sur cet appareil et sera envoyé au retour du réseau.",
        saving: "Enregistrement…", conflict: "Ce test a changé ailleurs : rechargez la page.",
        restored: "Brouillon non envoyé retrouvé sur cet appareil : il est rétabli.",
        expired: "Votre session a expiré : reconnectez-vous (dans un autre onglet) ; le brouillon reste sur cet appareil.",
        refused: "Valeurs refusées : "
      }
    : {
        start: "Start the stopwatch", stop: "Stop", ring: "+1", reset: "Reset",
        saved: "Draft saved at ", offline: "Offline: the draft is kept on this device and will be sent when the network returns.",
        saving: "Saving…", conflict: "This test changed elsewhere: reload the page.",
        restored: "An unsent draft was found on this device: it is restored.",
        expired: "Your session has expired: sign in again (in another tab); the draft stays on this device.",
        refused: "Values refused: "
      };
  var key = "mystere-test-" + form.getAttribute("data-test");
  // Not form.action: the buttons named "action" shadow that property.
  var target = form.getAttribute("action");
  var revision = form.querySelector("input[name='revision']");
  var status = document.createElement("p");
  status.className = "autosave-status fr-text--sm";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  form.insertBefore(status, form.firstChild);

  function value(code) {
    var checked = form.querySelector("input[name='" + code + "']:checked");
    if (checked) return checked.value;
    var field = form.querySelector("input[name='" + code + "'][type='number']");
    return field ? field.value : "";
  }

  // Criteria that apply only after a given answer.
  function applicability() {
    form.querySelectorAll("[data-applies-when]").forEach(function (el) {
      var rule = el.getAttribute("data-applies-when").split("=");
      el.hidden = value(rule[0]) !== rule[1];
    });
  }

  function fire(input) {
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }

  // Stopwatches (seconds, minutes) and counters (rings, transfers).
  form.querySelectorAll("[data-helper]").forEach(function (group) {
    var input = group.querySelector("input[type='number']");
    if (!input) return;
    var tools = document.createElement("div");
    tools.className = "helper-tools";
    if (group.getAttribute("data-helper") === "counter") {
      var plus = document.createElement("button");
      plus.type = "button";
      plus.className = "fr-btn fr-btn--lg ring-counter";
      plus.textContent = words.ring;
      plus.setAttribute("aria-label", (fr ? "Ajouter 1 à " : "Add 1 to ") + input.id.replace("crit-", ""));
      plus.addEventListener("click", function () {
        var max = parseInt(input.max || "30", 10);
        input.value = Math.min(max, (parseInt(input.value || "0", 10) || 0) + 1);
        fire(input);
      });
      var reset = document.createElement("button");
      reset.type = "button";
      reset.className = "fr-btn fr-btn--tertiary";
      reset.textContent = words.reset;
      reset.addEventListener("click", function () { input.value = 0; fire(input); });
      tools.appendChild(plus);
      tools.appendChild(reset);
    } else {
      var minutes = group.getAttribute("data-unit") === "minutes";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "fr-btn fr-btn--secondary stopwatch";
      button.textContent = words.start;
      var shown = document.createElement("span");
      shown.className = "stopwatch-time";
      var started = null, timer = null;
      function elapsed() { return Math.round((Date.now() - started) / 1000); }
      function show() {
        var s = elapsed();
        shown.textContent = " " + Math.floor(s / 60) + " min " + ("0" + (s % 60)).slice(-2) + " s";
      }
      button.addEventListener("click", function () {
        if (started === null) {
          started = Date.now();
          button.textContent = words.stop;
          button.setAttribute("aria-pressed", "true");
          timer = setInterval(show, 500);
          show();
        } else {
          clearInterval(timer);
          var s = elapsed();
          input.value = minutes ? Math.round(s / 60) : s;
          started = null;
          button.textContent = words.start;
          button.setAttribute("aria-pressed", "false");
          fire(input);
        }
      });
      tools.appendChild(button);
      tools.appendChild(shown);
    }
    input.insertAdjacentElement("afterend", tools);
  });

  // The draft: in this browser at once, on the server a moment later.
  function fields() {
    var data = new FormData(form);
    data.delete("action");
    return Array.from(data.entries());
  }
  function keep(synced) {
    try {
      localStorage.setItem(key, JSON.stringify({
        revision: revision.value, synced: synced, fields: fields(), at: Date.now()
      }));
    } catch (e) { /* private mode: the server copy remains */ }
  }
  var timer = null, inFlight = null, dirty = false;
  function save() {
    timer = null;
    if (inFlight) { schedule(); return inFlight; }
    if (!dirty) return Promise.resolve();
    dirty = false;
    var body = new URLSearchParams(fields());
    body.set("action", "save");
    status.textContent = words.saving;
    inFlight = fetch(target, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (resp) {
      if (resp.redirected) { dirty = true; keep(false); status.textContent = words.expired; return; }
      if (resp.status === 409) { keep(false); status.textContent = words.conflict; return; }
      if (resp.status === 422) {
        // A context value is refused (a date in the future, say): say which, keep the copy.
        keep(false);
        return resp.json().then(function (answer) { status.textContent = words.refused + answer.error; });
      }
      if (!resp.ok) throw new Error(resp.status);
      return resp.json().then(function (answer) {
        revision.value = answer.revision;
        // Synced only if nothing changed while the request was on its way.
        keep(!dirty);
        var now = new Date();
        var text = words.saved + now.getHours() + ":" + ("0" + now.getMinutes()).slice(-2);
        if (answer.refused && answer.refused.length) {
          text += " " + words.refused + answer.refused.map(function (r) {
            return r.criterion + " (" + r.message + ")";
          }).join(", ");
        }
        status.textContent = text;
      });
    }).catch(function () {
      dirty = true;
      keep(false);
      status.textContent = words.offline;
    }).then(function () { inFlight = null; });
    return inFlight;
  }
  function schedule() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 1500);
  }
  function changed() {
    applicability();
    dirty = true;
    keep(false);
    schedule();
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  window.addEventListener("online", function () { if (dirty) save(); });

  // A draft this browser kept but could not send (a closed tab, no network) comes back.
  try {
    var kept = JSON.parse(localStorage.getItem(key) || "null");
    if (kept && !kept.synced && kept.revision === revision.value) {
      kept.fields.forEach(function (pair) {
        var name = pair[0], val = pair[1];
        if (name === "revision") return;
        var radio = form.querySelector("input[type='radio'][name='" + name + "'][value='" + val + "']");
        if (radio) { radio.checked = true; return; }
        var field = form.elements.namedItem(name);
        if (field && "value" in field) field.value = val;
      });
      status.textContent = words.restored;
      dirty = true;
      save();
    }
  } catch (e) { /* unreadable copy: ignore it */ }

  // Submitting waits for the save in flight (so the revision is the latest), then goes as a
  // plain form post.
  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    // The copy stays until the server shows the test as sent (then the page clears it).
    keep(false);
    if (!inFlight && !timer) return;
    event.preventDefault();
    if (timer) { clearTimeout(timer); timer = null; }
    Promise.resolve(inFlight).then(function () {
      if (submitter) {
        var hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = submitter.name;
        hidden.value = submitter.value;
        form.appendChild(hidden);
      }
      form.submit();
    });
  });

  applicability();
})();
