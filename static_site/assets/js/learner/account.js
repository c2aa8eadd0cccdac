// "Mon compte": what the account holds, and the person's changes: names and language, e-mail (confirmed
// by a link sent to the new address), password (with the current one), their data, and the deletion.
import { api, session } from "../api.js";
import { messages, root, showNavigation } from "../common.js";
import { handleForm, showStatus } from "../forms.js";
import { showLoadError } from "../ui.js";
import { showDataExport } from "./data-export.js";
import { explainPassword, watchPassword } from "./password.js";

const card = document.getElementById("account");
const loading = document.getElementById("account-loading");
const FLASH = "pix.account.flash"; // a message to show after the page changed language (session storage)

function show(me) {
  for (const node of card.querySelectorAll("[data-field]")) {
    const value = me[node.dataset.field];
    node.textContent = node.dataset.format === "date"
      ? new Date(value).toLocaleDateString(document.documentElement.lang)
      : node.dataset.format === "lang" ? messages[`lang_${value}`] || value : value;
  }
  for (const node of card.querySelectorAll("[data-if]")) node.hidden = !me[node.dataset.if];
}

function fill(form, values) {
  for (const [name, value] of Object.entries(values)) form.elements[name].value = value;
}

// The same page in the account's language, after it changed.
function accountPage(lang) {
  return `${lang === "en" ? "/en/" : "/"}mon-compte/`;
}

function setUp(me) {
  const profile = document.getElementById("profile-form");
  fill(profile, { first_name: me.first_name, last_name: me.last_name, lang: me.lang });
  handleForm(profile, async (data) => {
    const changed = await api("/api/me", {
      method: "PATCH", auth: true,
      body: { first_name: data.get("first_name"), last_name: data.get("last_name"), lang: data.get("lang") },
    });
    if (changed.lang !== document.documentElement.lang) {
      sessionStorage.setItem(FLASH, "account_saved");
      window.location.assign(accountPage(changed.lang));
      return;
    }
    show(changed);
    showStatus(profile, messages.account_saved, "success");
  });

  const email = document.getElementById("email-form");
  handleForm(email, async (data) => {
    const address = data.get("new_email");
    await api("/api/me/email", { method: "POST", auth: true, body: { email: address, password: data.get("email_password") } });
    email.reset();
    showStatus(email, messages.account_email_sent.replace("{email}", address), "success");
  }, { fields: { email: "new_email", password: "email_password" } });

  const password = document.getElementById("password-form");
  watchPassword(password.elements.new_password);
  handleForm(password, async (data) => {
    // Every session ends with the change; the answer is this browser's fresh one.
    const fresh = await api("/api/me/password", {
      method: "POST", auth: true,
      body: { current_password: data.get("current_password"), new_password: data.get("new_password") },
    });
    session.save(fresh);
    password.reset();
    password.querySelector(".password-rules").textContent = "";
    showStatus(password, messages.account_password_changed, "success");
  }, { explain: explainPassword });

  const deletion = document.getElementById("deletion");
  const remove = document.getElementById("delete-form");
  deletion.hidden = false;
  handleForm(remove, async (data) => {
    await api("/api/me/deletion", { method: "POST", auth: true, body: { password: data.get("delete_password") } });
    session.clear();
    showNavigation();
    card.hidden = true;
    document.getElementById("data-export").hidden = true;
    deletion.hidden = true;
    const box = document.getElementById("account-status");
    box.replaceChildren(messages.delete_done, " ");
    const home = document.createElement("a");
    home.href = root;
    home.textContent = messages.back_home;
    box.append(home);
    box.className = "form-status success";
    box.hidden = false;
    box.focus();
  }, { fields: { password: "delete_password" } });
}

try {
  const me = await api("/api/me", { auth: true });
  show(me);
  card.hidden = false;
  setUp(me);
  const flash = sessionStorage.getItem(FLASH);
  if (flash) {
    sessionStorage.removeItem(FLASH);
    showStatus(document.getElementById("profile-form"), messages[flash], "success");
  }
  showDataExport();
} catch (error) {
  showLoadError(error, document.getElementById("account-status"));
} finally {
  loading.hidden = true;
  loading.removeAttribute("aria-busy");
}
