/* Annex forms: save to a file (optionally encrypted with a passphrase: AES-GCM, key from PBKDF2),
   open such a file back, an opt-in draft in localStorage (always encrypted with a passphrase the
   reader gives), Clear, and the quick exit (a link, or Shift three times: empties all and leaves).
   Classic script loaded after forms.js; nothing leaves the computer unless the user saves a file. */
(function () {
  "use strict";
  var api = window.HandbookForm;
  if (!api) return;
  var FORMAT = "handbook-form";
  var DRAFT_PREFIX = "handbook-form-draft:";
  var ITERATIONS = 310000;
  var form = api.form;
  var tools = api.tools;
  var t = api.t;
  var status = api.status;
  var collect = api.collect;
  var restore = api.restore;
  var formId = form.getAttribute("data-form");
  var formCode = form.getAttribute("data-form-code") || formId;
  var formVersion = form.getAttribute("data-form-version") || "";
  var fileStem = form.getAttribute("data-file-stem") || formId;
  var draftToggle = tools.querySelector("[data-draft-toggle]");
  var draftKey = DRAFT_PREFIX + formId + ":" + formVersion;
  var dirty = false;
  var leaving = false;

  /* ---------- Files ---------- */

  function today() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function download(text, name) {
    var url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(url); }, 2000);
  }

  var encoder = new TextEncoder();
  function toBase64(bytes) {
    var text = "";
    new Uint8Array(bytes).forEach(function (b) { text += String.fromCharCode(b); });
    return btoa(text);
  }
  function fromBase64(text) {
    var raw = atob(text);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }
  var canEncrypt = !!(window.crypto && window.crypto.subtle && window.crypto.getRandomValues);

  function deriveKey(passphrase, salt, iterations) {
    return crypto.subtle.importKey("raw", encoder.encode(passphrase), "PBKDF2", false, ["deriveKey"]).then(function (material) {
      return crypto.subtle.deriveKey({ name: "PBKDF2", salt: salt, iterations: iterations, hash: "SHA-256" },
        material, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
    });
  }
  // The form id and version are authenticated with the answers, so they cannot be swapped.
  function associated(envelope) { return encoder.encode(envelope.form + "\n" + envelope.version); }

  function encrypt(envelope, data, passphrase) {
    var salt = crypto.getRandomValues(new Uint8Array(16));
    return deriveKey(passphrase, salt, ITERATIONS).then(function (key) {
      return seal(envelope, data, key, salt);
    });
  }

  // Encrypts with a key already derived (the draft keeps its key while the page is open), a new IV each time.
  function seal(envelope, data, key, salt) {
    var iv = crypto.getRandomValues(new Uint8Array(12));
    return crypto.subtle.encrypt({ name: "AES-GCM", iv: iv, additionalData: associated(envelope) }, key, encoder.encode(JSON.stringify(data)))
      .then(function (sealed) {
        envelope.encrypted = true;
        envelope.kdf = { name: "PBKDF2", hash: "SHA-256", iterations: ITERATIONS, salt: toBase64(salt) };
        envelope.cipher = { name: "AES-GCM", iv: toBase64(iv) };
        envelope.data = toBase64(sealed);
        return envelope;
      });
  }

  function decrypt(envelope, passphrase) {
    var kdf = envelope.kdf || {};
    return deriveKey(passphrase, fromBase64(kdf.salt || ""), kdf.iterations || ITERATIONS).then(function (key) {
      return unseal(envelope, key);
    });
  }

  function unseal(envelope, key) {
    return crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64((envelope.cipher || {}).iv || ""), additionalData: associated(envelope) },
      key, fromBase64(envelope.data || "")).then(function (plain) {
      return JSON.parse(new TextDecoder().decode(plain));
    });
  }

  function save() {
    var envelope = { format: FORMAT, form: formId, code: formCode, version: formVersion, saved: new Date().toISOString(), encrypted: false };
    var data = collect();
    var name = fileStem + "_" + today();
    var ask = canEncrypt ? askPassphrase("save") : Promise.resolve("");
    ask.then(function (passphrase) {
      if (passphrase === null) return;
      if (!passphrase) {
        envelope.data = data;
        download(JSON.stringify(envelope, null, 2), name + ".json");
        dirty = false;
        status((canEncrypt ? "" : t("form_no_crypto") + " ") + t("form_saved_plain"), "warning");
        return;
      }
      return encrypt(envelope, data, passphrase).then(function (sealed) {
        download(JSON.stringify(sealed, null, 2), name + ".encrypted.json");
        dirty = false;
        status(t("form_saved_encrypted"));
      });
    }).catch(function () { status(t("form_no_crypto"), "error"); });
  }

  function open(file) {
    var reader = new FileReader();
    reader.onload = function () {
      var envelope = null;
      try { envelope = JSON.parse(String(reader.result)); } catch (e) { envelope = null; }
      if (!envelope || envelope.format !== FORMAT || typeof envelope.form !== "string") {
        status(t("form_open_bad_file"), "error");
        return;
      }
      if (envelope.form !== formId) {
        status(t("form_open_wrong_form", { form: envelope.code || envelope.form }), "error");
        return;
      }
      if ((envelope.version || "") !== formVersion) {
        status(t("form_open_wrong_version", { version: envelope.version || "?", current: formVersion || "?" }), "error");
        return;
      }
      if (!envelope.encrypted) {
        finishOpen(envelope.data || {});
        return;
      }
      if (!canEncrypt) {
        status(t("form_no_crypto"), "error");
        return;
      }
      askPassphrase("open", function (passphrase) {
        return decrypt(envelope, passphrase).then(function (data) {
          finishOpen(data);
          return true;
        }, function () { return false; });
      });
    };
    reader.readAsText(file);
  }

  function finishOpen(data) {
    restore(data && typeof data === "object" ? data : {});
    dirty = false;
    saveDraft();
    status(t("form_opened"));
  }

  /* The passphrase dialog. For "save" it resolves to the passphrase ("" = unencrypted) or null
     when cancelled, for "draft" likewise but a passphrase is required; for "open" and
     "draft-open", `attempt` is tried with each passphrase until it succeeds. */
  var dialog = document.querySelector("[data-passphrase-dialog]");
  function askPassphrase(mode, attempt) {
    return new Promise(function (resolve) {
      var first = dialog.querySelector("[data-passphrase]");
      var again = dialog.querySelector("[data-passphrase-again]");
      var error = dialog.querySelector("[data-passphrase-error]");
      var saving = mode === "save" || mode === "draft";
      var texts = {
        save: ["form_save_title", "form_passphrase", "form_confirm_save"],
        draft: ["form_draft_title", "form_draft_passphrase", "form_confirm_save"],
        open: ["form_open_title", "form_open_passphrase", "form_confirm_open"],
        "draft-open": ["form_draft_open_title", "form_open_passphrase", "form_confirm_open"]
      }[mode];
      dialog.querySelector("[data-passphrase-title]").textContent = t(texts[0]);
      dialog.querySelector("[data-passphrase-label]").textContent = t(texts[1]);
      dialog.querySelector("[data-passphrase-ok]").textContent = t(texts[2]);
      dialog.querySelector("[data-passphrase-again-row]").hidden = !saving;
      dialog.querySelector("[data-passphrase-hint]").hidden = !saving;
      first.value = "";
      again.value = "";
      error.hidden = true;
      var done = function (value) {
        dialog.removeEventListener("submit", onSubmit);
        dialog.removeEventListener("cancel", onCancel);
        cancelButton.removeEventListener("click", onCancel);
        first.value = "";
        again.value = "";
        if (dialog.open) dialog.close();
        resolve(value);
      };
      var fail = function (text) {
        error.textContent = text;
        error.hidden = false;
        first.focus();
      };
      var onSubmit = function (event) {
        event.preventDefault();
        var passphrase = first.value;
        if (saving) {
          if ((passphrase || mode === "draft") && passphrase.length < 8) return fail(t("form_passphrase_short"));
          if (passphrase !== again.value) return fail(t("form_passphrase_mismatch"));
          return done(passphrase);
        }
        attempt(passphrase).then(function (ok) {
          if (ok) done(passphrase);
          else fail(t("form_passphrase_wrong"));
        });
      };
      var onCancel = function (event) {
        event.preventDefault();
        done(null);
      };
      var cancelButton = dialog.querySelector("[data-passphrase-cancel]");
      dialog.addEventListener("submit", onSubmit);
      dialog.addEventListener("cancel", onCancel);
      cancelButton.addEventListener("click", onCancel);
      dialog.showModal();
      first.focus();
    });
  }

  /* ---------- Opt-in draft, encrypted ----------
     Switching the draft on asks for a passphrase; the key derived from it stays in this open page
     only, and every change is stored encrypted (AES-GCM, a new IV each time). Reopening the page
     offers the draft, which opens with the same passphrase. Nothing is ever stored in clear. */

  var storage = null;
  try { storage = window.localStorage; storage.getItem(draftKey); } catch (e) { storage = null; }
  if (!storage || !canEncrypt) draftToggle.disabled = true;
  var draftFound = tools.querySelector("[data-draft-found]");
  var draftCrypto = null; // { key, salt } while a draft is kept

  function draftEnvelope() {
    return { format: FORMAT, form: formId, code: formCode, version: formVersion, saved: new Date().toISOString() };
  }

  var draftTimer = null;
  function saveDraft() {
    if (!storage || !draftToggle.checked || !draftCrypto) return;
    clearTimeout(draftTimer);
    var keeping = draftCrypto;
    draftTimer = setTimeout(function () {
      seal(draftEnvelope(), collect(), keeping.key, keeping.salt).then(function (sealed) {
        if (draftCrypto !== keeping) return; // switched off or cleared meanwhile
        try { storage.setItem(draftKey, JSON.stringify(sealed)); } catch (e) { /* full or blocked */ }
      });
    }, 300);
  }

  function deleteDrafts(all) {
    draftCrypto = null;
    if (draftFound) draftFound.hidden = true;
    if (!storage) return;
    clearTimeout(draftTimer);
    try {
      for (var i = storage.length - 1; i >= 0; i -= 1) {
        var key = storage.key(i);
        if (key === draftKey || (all && key && key.indexOf(DRAFT_PREFIX) === 0)) storage.removeItem(key);
      }
    } catch (e) { /* nothing stored */ }
  }

  draftToggle.addEventListener("change", function () {
    if (!draftToggle.checked) {
      deleteDrafts(false);
      status(t("form_draft_off"));
      return;
    }
    draftToggle.checked = false;
    askPassphrase("draft").then(function (passphrase) {
      if (!passphrase) return;
      var salt = crypto.getRandomValues(new Uint8Array(16));
      return deriveKey(passphrase, salt, ITERATIONS).then(function (key) {
        deleteDrafts(false);
        draftCrypto = { key: key, salt: salt };
        draftToggle.checked = true;
        saveDraft();
        status(t("form_draft_on"), "warning");
      });
    }).catch(function () { status(t("form_no_crypto"), "error"); });
  });

  function storedDraft() {
    if (!storage) return null;
    try { return JSON.parse(storage.getItem(draftKey) || "null"); } catch (e) { return null; }
  }

  function openDraft() {
    var envelope = storedDraft();
    if (!envelope || !envelope.encrypted) return;
    askPassphrase("draft-open", function (passphrase) {
      var kdf = envelope.kdf || {};
      var salt = fromBase64(kdf.salt || "");
      return deriveKey(passphrase, salt, kdf.iterations || ITERATIONS).then(function (key) {
        return unseal(envelope, key).then(function (data) {
          restore(data && typeof data === "object" ? data : {});
          draftCrypto = { key: key, salt: salt };
          draftToggle.checked = true;
          draftFound.hidden = true;
          dirty = false;
          status(t("form_draft_restored"), "warning");
          return true;
        });
      }).catch(function () { return false; });
    });
  }

  /* ---------- Events ---------- */

  api.onChange.push(function () {
    dirty = true;
    saveDraft();
  });

  var fileInput = tools.querySelector("[data-open-file]");
  fileInput.addEventListener("change", function () {
    if (fileInput.files && fileInput.files[0]) open(fileInput.files[0]);
    fileInput.value = "";
  });

  tools.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (!button) return;
    switch (button.getAttribute("data-action")) {
      case "save": save(); break;
      case "open": fileInput.click(); break;
      case "draft-open": openDraft(); break;
      case "draft-delete":
        deleteDrafts(false);
        status(t("form_draft_off"));
        break;
      case "clear":
        if (window.confirm(t("form_clear_confirm"))) {
          api.clear();
          deleteDrafts(false);
          draftToggle.checked = false;
          dirty = false;
          status(t("form_cleared"));
        }
        break;
    }
  });

  /* ---------- Quick exit: one press empties everything and leaves (no way back to the answers) ---------- */

  var exitLink = document.querySelector("[data-quick-exit]");
  function quickExit() {
    leaving = true;
    api.clear();
    deleteDrafts(true);
    window.location.replace(exitLink ? exitLink.href : "../../index.html");
  }
  if (exitLink) {
    exitLink.addEventListener("click", function (event) {
      event.preventDefault();
      quickExit();
    });
    // Shift three times in a row within two seconds (typing shifted Thai letters never does it:
    // any other key starts the count again).
    var shifts = [];
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Shift") { shifts = []; return; }
      if (event.repeat) return;
      var now = Date.now();
      shifts = shifts.filter(function (at) { return now - at < 2000; });
      shifts.push(now);
      if (shifts.length >= 3) quickExit();
    });
  }

  window.addEventListener("beforeunload", function (event) {
    if (dirty && !leaving && !draftToggle.checked) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  /* ---------- Start: offer the draft, if one was kept ---------- */

  var kept = storedDraft();
  if (kept && kept.encrypted && canEncrypt) {
    draftFound.hidden = false;
  } else if (kept) {
    // A draft kept in clear by an older edition: delete it rather than leave it readable.
    deleteDrafts(false);
  }
})();
